/**
 * The corpus in __fixtures__/ parsed by our parser and by `dockerfile-ast` (an independent parser, used as an
 * oracle): instruction keywords, directives, line ranges, flags, arguments and heredoc bodies must agree, except for the differences listed
 * in KNOWN_DIFFERENCES with the reason (dockerfile-ast has its own quirks; our reference is BuildKit).
 */
import { DockerfileParser, type Instruction as OracleInstruction } from 'dockerfile-ast';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parseDockerfile';
import { substitute } from './substitute';
import type { Instruction } from './Types';

const DIR = path.join(import.meta.dirname, '__fixtures__');
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.Dockerfile')).sort();

/** fixture → aspect → why we differ from dockerfile-ast (BuildKit is right). */
const KNOWN_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '010-json-unescaped-backslash': {
    args: 'invalid JSON falls back to shell form; BuildKit keeps the shell text verbatim (`C:\\path`), dockerfile-ast drops the backslash',
  },
  '069-escaped-escape-not-continuation': {
    instructions: 'BuildKit continues a line only when its final escape is not itself escaped (`a\\\\` ends the line); dockerfile-ast joins the next line',
    lines: 'follows from the instruction count',
    args: 'follows from the instruction count',
  },
  '073-directive-spaces': {
    directives: 'BuildKit matches directive keys case-insensitively (`# ESCAPE = \\` is the escape directive); dockerfile-ast ignores it',
  },
  '077-unknown-directive-stops': {
    directives: 'an unknown directive key ends directive scanning in BuildKit, so the following `# escape=`` is a comment; dockerfile-ast lists both',
  },
  '091-heredoc-fd': {
    instructions: 'BuildKit accepts a file-descriptor prefix (`3<<EOF`); dockerfile-ast does not see a heredoc and parses its body as instructions',
    lines: 'follows from the heredoc',
    heredocs: 'follows from the heredoc',
  },
  '098-subst-replace': {
    args: 'the comparison unquotes values with unset variables kept; lex.go keeps escapes inside ${…/…/…}, dockerfile-ast removes them',
  },
  '027-from-platform': {
    args: 'BuildKit declares one ARG per word (`ARG TARGETOS TARGETARCH` declares two); dockerfile-ast reads it as a legacy `name value` pair',
  },
  '103-empty-run-args-with-flags': {
    args: 'follows from the flags: BuildKit runs `--not-a-flag` as the command',
    flags: 'a lone `--` ends the builder flags in BuildKit; dockerfile-ast reports `--` and what follows as flags',
  },
  '104-flag-quoted-value': {
    flags: 'BuildKit removes quotes from flag values (`--chown="app:app"` is app:app); dockerfile-ast keeps them',
  },
  '111-onbuild-add': {
    args: "BuildKit's node arguments of ONBUILD are the trigger keyword and its arguments without the trigger's flags; dockerfile-ast keeps the flags among the arguments",
  },
};

interface Summary {
  keyword: string;
  start: number;
  end: number;
  flags: [string, string | null][];
  args: string[];
}

const words = (s: string) => s.split(/[ \t\r\n\v\f]+/).filter((w) => w !== '');

/** Unquote a raw ENV/LABEL/ARG word the way the builder will (variables left as written). */
const unquote = (s: string, escape: '\\' | '`') => substitute(s, new Map(), { skipUnsetEnv: true, escapeToken: escape });

function isJSON(ins: Instruction): boolean {
  if (ins.keyword === 'SHELL') return true;
  if (ins.keyword === 'ONBUILD') return ins.trigger !== undefined && isJSON(ins.trigger);
  if ('json' in ins) return ins.json;
  return 'command' in ins && ins.command.form === 'exec';
}

function ours(ins: Instruction, escape: '\\' | '`'): Summary {
  const s: Summary = {
    keyword: ins.keyword,
    start: ins.startLine,
    end: ins.endLine,
    flags: ins.flags.map((f) => [f.name, f.value ?? null]),
    args: [],
  };
  switch (ins.keyword) {
    case 'ENV':
    case 'LABEL':
      s.args = ins.pairs.flatMap((p) => [unquote(p.key, escape), unquote(p.value, escape)]);
      break;
    case 'ARG':
      s.args = ins.declarations.flatMap((a) => [a.name, a.defaultValue === undefined ? '' : unquote(a.defaultValue, escape)]);
      break;
    case 'FROM':
      s.args = [ins.image, ins.stageName ?? ''];
      break;
    default: {
      s.args = isJSON(ins) ? [...ins.args] : ins.args.flatMap(words);
    }
  }
  return s;
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The source text of an LSP range (0-based lines, UTF-16 columns). */
function textOf(source: string, r: Range): string {
  const lines = source.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line]!.slice(r.start.character, r.end.character);
  const parts = [lines[r.start.line]!.slice(r.start.character)];
  for (let l = r.start.line + 1; l < r.end.line; l++) parts.push(lines[l]!);
  parts.push(lines[r.end.line]!.slice(0, r.end.character));
  return parts.join('\n');
}

function oracle(source: string, ins: OracleInstruction, ourIns: Instruction | undefined): Summary {
  const any = ins as unknown as Record<string, (() => unknown) | undefined>;
  const r = ins.getRange();
  const s: Summary = {
    keyword: ins.getKeyword(),
    start: r.start.line + 1,
    end: r.end.line + 1,
    flags: any.getFlags
      ? (any.getFlags.call(ins) as { getName(): string; getValue(): string | null }[]).map((f) => [f.getName(), f.getValue()])
      : [],
    args: ins.getArguments().map((a) => a.getValue()),
  };
  const kw = s.keyword;
  if ((kw === 'ENV' || kw === 'LABEL') && any.getProperties) {
    const props = any.getProperties.call(ins) as { getName(): string; getValue(): string | null }[];
    s.args = props.flatMap((p) => [p.getName(), p.getValue() ?? '']);
  } else if (kw === 'ARG' && any.getProperties) {
    const props = any.getProperties.call(ins) as { getName(): string; getValue(): string | null }[];
    s.args = props.flatMap((p) => [p.getName(), p.getValue() ?? '']);
  } else if (kw === 'FROM') {
    const f = ins as unknown as { getImage(): string | null; getBuildStage(): string | null };
    s.args = [f.getImage() ?? '', (f.getBuildStage() ?? '').toLowerCase()];
  } else if (ourIns && isJSON(ourIns)) {
    // dockerfile-ast's getJSONValue() drops spaces and escapes, so decode each raw JSON string ourselves.
    const strings = any.getJSONStrings ? (any.getJSONStrings.call(ins) as { getRange(): Range }[]) : undefined;
    if (strings && strings.length > 0) s.args = strings.map((j) => JSON.parse(textOf(source, j.getRange())) as string);
    else if (s.args.length === 1 && s.args[0] === '[]') s.args = [];
    else {
      // HEALTHCHECK CMD [...] and ONBUILD X [...]: the first word, then the array.
      const rest = s.args.slice(1).join(' ');
      try {
        const arr: unknown = JSON.parse(rest);
        if (Array.isArray(arr)) s.args = [s.args[0]!, ...(arr as string[])];
      } catch {
        // leave the words
      }
    }
    if (ourIns.keyword === 'CMD' || ourIns.keyword === 'ENTRYPOINT' || ourIns.keyword === 'SHELL') {
      if (s.args.length === 0 && ourIns.args.length === 0) s.args = [];
    }
  }
  // dockerfile-ast lists heredoc body lines as arguments; BuildKit keeps them apart (compared separately).
  if (ourIns && ourIns.heredocs.length > 0) s.args = s.args.slice(0, ours(ourIns, '\\').args.length);
  return s;
}

describe('parser corpus vs dockerfile-ast', () => {
  it('has at least 100 Dockerfiles', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(100);
  });
  for (const file of FIXTURES) {
    it(file, () => {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const name = file.replace(/\.Dockerfile$/, '');
      const known = KNOWN_DIFFERENCES[name] ?? {};
      const df = parseDockerfile(text);
      const theirs = DockerfileParser.parse(text);
      const oi = theirs.getInstructions();
      const differing = new Map<string, string>();
      const compare = (aspect: string, where: string, a: unknown, b: unknown) => {
        if (JSON.stringify(a) !== JSON.stringify(b) && !differing.has(aspect)) {
          differing.set(aspect, `${where}: ours ${JSON.stringify(a)} vs dockerfile-ast ${JSON.stringify(b)}`);
        }
      };
      compare('instructions', file, df.instructions.map((i) => i.keyword), oi.map((i) => i.getKeyword()));
      compare(
        'directives',
        file,
        df.directives.map((d) => [d.name, d.value]),
        theirs.getDirectives().map((d) => [d.getName().toLowerCase(), d.getValue()]),
      );
      df.instructions.forEach((ins, k) => {
        const o = oi[k];
        if (!o) return;
        const a = ours(ins, df.escapeToken);
        const b = oracle(text, o, ins);
        const where = `${file}:${ins.startLine} ${ins.keyword}`;
        compare('lines', where, [a.start, a.end], [b.start, b.end]);
        compare('flags', where, a.flags, b.flags);
        compare('args', where, a.args, b.args);
        // Heredocs: names and bodies (dockerfile-ast's getHeredocs is not in its typings but is public at runtime).
        const getHeredocs = (o as unknown as { getHeredocs?: () => { getName(): string; getContentRange(): Range | null }[] }).getHeredocs;
        const theirDocs = getHeredocs ? getHeredocs.call(o).map((h) => [h.getName(), h.getContentRange() ? textOf(text, h.getContentRange()!) + '\n' : '']) : [];
        compare('heredocs', where, ins.heredocs.map((h) => [h.name, h.content]), theirDocs);
      });
      const unexpected = [...differing].filter(([aspect]) => !known[aspect]).map(([, d]) => d);
      expect(unexpected, 'differences not listed in KNOWN_DIFFERENCES').toEqual([]);
      const stale = Object.keys(known).filter((aspect) => !differing.has(aspect));
      expect(stale, 'listed differences that no longer occur').toEqual([]);
    });
  }
});
