/**
 * csplit: split a file into xx00, xx01, ... at line numbers (`N`), regular-expression matches (`/RE/[OFFSET]`,
 * or `%RE%[OFFSET]` to skip the section) with `{N}`/`{*}` repeats, printing each piece's size in bytes. Follows GNU
 * coreutils: a failing pattern writes the rest of the input as the next piece, then reports and removes every
 * piece unless -k; -z drops empty pieces; -f/-n/-b name them; --suppress-matched leaves the matched lines out.
 */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { decodeText, encodeText } from '../../engine/process/text';
import { closeInput, openInput, readAllInterruptible } from './lib/input';
import { PosixRegex, PosixRegexError } from './lib/posix-regex';
import { TextTool as Tool } from './lib/text-usage';
import { errorText } from './lib/tool';

type Pattern =
  | { kind: 'line'; text: string; line: number; repeat: number | 'forever' }
  | { kind: 'regex'; text: string; re: PosixRegex; offset: number; skip: boolean; repeat: number | 'forever' };

/** A reported failure: the message (after `csplit: `) and whether the rest of the input is written first. */
class SplitError extends Error {
  constructor(
    message: string,
    readonly dumpRest: boolean,
  ) {
    super(message);
  }
}

/** Parses the PATTERN operands with GNU's messages; a string is the error to print. */
function parsePatterns(args: readonly string[], ql: (s: string) => string): Pattern[] | string {
  const out: Pattern[] = [];
  let lastLine = 0;
  for (const a of args) {
    if (a.startsWith('{')) {
      const prev = out[out.length - 1];
      if (!prev) return `${ql(a)}: invalid pattern`;
      const body = a.endsWith('}') ? a.slice(1, -1) : a.slice(1);
      if (body === '*') prev.repeat = 'forever';
      else if (/^[0-9]+$/.test(body)) prev.repeat = Number(body);
      else return `${ql(a.replace(/}$/, ''))}}: integer required between '{' and '}'`;
      continue;
    }
    if (a.startsWith('/') || a.startsWith('%')) {
      const delim = a[0]!;
      const close = a.lastIndexOf(delim);
      if (close === 0) return `${a}: closing delimiter '${delim}' missing`;
      const offsetText = a.slice(close + 1);
      if (offsetText !== '' && !/^[-+]?[0-9]+$/.test(offsetText)) return `${ql(a)}: integer expected after delimiter`;
      let re: PosixRegex;
      try {
        re = new PosixRegex(a.slice(1, close), { syntax: 'basic' });
      } catch (e) {
        // glibc reports a bracket opened at the very end of the expression as a bad pattern, not an unmatched [.
        const text = /(^|[^\\])\[$/.test(a.slice(1, close)) ? 'Invalid regular expression' : e instanceof PosixRegexError ? e.message : String(e);
        return `${ql(a)}: invalid regular expression: ${text}`;
      }
      out.push({ kind: 'regex', text: a, re, offset: offsetText === '' ? 0 : Number(offsetText), skip: delim === '%', repeat: 0 });
      continue;
    }
    if (!/^[0-9]+$/.test(a)) return `${ql(a)}: invalid pattern`;
    const line = Number(a);
    if (line === 0) return `${a}: line number must be greater than zero`;
    if (line < lastLine) return `line number ${ql(a)} is smaller than preceding line number, ${lastLine}`;
    lastLine = line;
    out.push({ kind: 'line', text: a, line, repeat: 0 });
  }
  return out;
}

/** GNU's -b SUFFIX: one printf integer conversion (%d %i %u %o %x %X with flags and width). */
function suffixFormatter(format: string): ((n: number) => string) | string {
  const m = /^((?:[^%]|%%)*)%([-0 #'+]*)([0-9]*)(?:\.([0-9]+))?([a-zA-Z]?)((?:[^%]|%%)*)$/.exec(format);
  if (!m) return format.includes('%') ? 'too many % conversion specifications in suffix' : 'missing % conversion specification in suffix';
  const [, pre, flags, width, , conv, post] = m;
  if (!'diuoxX'.includes(conv!) || conv === '') return `invalid conversion specifier in suffix: ${conv === '' ? '\\0' : conv}`;
  const base = conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10;
  return (n) => {
    let digits = n.toString(base);
    if (conv === 'X') digits = digits.toUpperCase();
    const w = Number(width || '0');
    const padded = flags!.includes('-') ? digits.padEnd(w) : digits.padStart(w, flags!.includes('0') ? '0' : ' ');
    return pre!.replace(/%%/g, '%') + padded + post!.replace(/%%/g, '%');
  };
}

export const csplit: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = await tool.parse(
    {
      short: 'b:f:kn:qsz',
      long: {
        'suffix-format': { key: 'b', arg: 'required' },
        prefix: { key: 'f', arg: 'required' },
        'keep-files': { key: 'k' },
        'suppress-matched': { key: 'm' },
        digits: { key: 'n', arg: 'required' },
        quiet: { key: 's' },
        silent: { key: 's' },
        'elide-empty-files': { key: 'z' },
      },
      stopAtOperand: false,
    },
  );
  if (typeof r === 'number') return r;
  if (r.operands.length === 0) return tool.usage('missing operand');
  if (r.operands.length === 1) return tool.usage(`missing operand after ${tool.ql(r.operands[0]!)}`);
  const digitsText = r.get('n');
  if (digitsText !== undefined && !/^[0-9]+$/.test(digitsText)) {
    await tool.error(`invalid number: ${tool.ql(digitsText)}`);
    return 1;
  }
  const digits = digitsText === undefined ? 2 : Number(digitsText);
  const prefix = r.get('f') ?? 'xx';
  let name: (n: number) => string = (n) => prefix + String(n).padStart(digits, '0');
  const suffix = r.get('b');
  if (suffix !== undefined) {
    const f = suffixFormatter(suffix);
    if (typeof f === 'string') {
      await tool.error(f);
      return 1;
    }
    name = (n) => prefix + f(n);
  }
  // GNU's quote() escapes backslashes inside the quotes.
  const ql = (s: string) => tool.ql(s.replace(/\\/g, '\\\\'));
  const patterns = parsePatterns(r.operands.slice(1), ql);
  if (typeof patterns === 'string') {
    await tool.error(patterns);
    return 1;
  }
  const file = r.operands[0]!;
  let lines: string[];
  try {
    const s = openInput(ctx, file);
    try {
      const text = decodeText(await readAllInterruptible(ctx, s));
      lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    } finally {
      closeInput(ctx, s);
    }
  } catch (e) {
    // Only file errors are reported; a signal (Ctrl-C while reading) ends the program.
    if (!isFsError(e)) throw e;
    await tool.error(`cannot open ${tool.q(file)} for reading: ${errorText(e)}`);
    return 1;
  }

  const quiet = r.has('s');
  const elide = r.has('z');
  const suppress = r.has('m');
  const created: string[] = [];
  let start = 0; // first line (0-based) of the pending piece
  let searchFrom = 0; // where the next regular expression starts looking
  let lastLineNumber = 0;

  const write = async (from: number, to: number): Promise<void> => {
    const text = lines.slice(from, Math.max(from, to)).join('');
    const bytes = encodeText(text);
    if (elide && bytes.length === 0) return;
    const path = tool.abs(name(created.length));
    ctx.fs.writeFile(path, bytes, { mode: 0o666 & ~ctx.umask });
    created.push(path);
    if (!quiet) await ctx.stdout.write(`${bytes.length}\n`);
    await ctx.checkpoint();
  };
  /** Ends the piece before line `at`; the next piece starts there (or after it with --suppress-matched). */
  const cut = async (at: number, matched: boolean): Promise<void> => {
    await write(start, at);
    start = suppress && matched && at < lines.length ? at + 1 : at;
  };

  try {
    for (const p of patterns) {
      const times = p.repeat === 'forever' ? Infinity : p.repeat + 1;
      for (let rep = 0; rep < times; rep++) {
        const onRep = rep > 0 ? ` on repetition ${rep}` : '';
        if (p.kind === 'line') {
          const target = p.line * (rep + 1);
          // Unlike a regular expression, a line number repeated with {*} still fails when it runs off the end.
          if (target > lines.length) {
            throw new SplitError(`${ql(p.text)}: line number out of range${onRep}`, true);
          }
          if (target === lastLineNumber && rep === 0) await ctx.stderr.write(`csplit: warning: line number ${ql(p.text)} is the same as preceding line number\n`);
          lastLineNumber = target;
          await cut(target - 1, true);
          searchFrom = start;
          continue;
        }
        let m = -1;
        for (let i = searchFrom; i < lines.length; i++) {
          if (p.re.test(lines[i]!.replace(/\n$/, ''))) {
            m = i;
            break;
          }
          if (i % 1024 === 0) await ctx.checkpoint();
        }
        if (m < 0) {
          if (p.repeat === 'forever') break;
          throw new SplitError(`${ql(p.text)}: match not found${onRep}`, !p.skip);
        }
        const at = m + p.offset;
        if (at > lines.length) throw new SplitError(`${ql(p.text)}: line number out of range${onRep}`, !p.skip);
        if (at < start) {
          // GNU has already passed the break line: it closes an empty piece before reporting.
          if (!p.skip) await write(start, start);
          throw new SplitError(`${ql(p.text)}: line number out of range${onRep}`, false);
        }
        if (p.skip) start = suppress && at < lines.length ? at + 1 : at;
        else await cut(at, true);
        searchFrom = m + 1;
      }
    }
    await write(start, lines.length);
  } catch (e) {
    if (!(e instanceof SplitError)) throw e;
    if (e.dumpRest) await write(start, lines.length);
    await tool.error(e.message);
    if (!r.has('k')) for (const path of created) ctx.fs.unlink(path);
    return 1;
  }
  return 0;
};
