/**
 * The line-level pass (BuildKit's `parser.Parse`): BOM, parser directives, comments, line continuations, empty
 * continuation warnings, per-instruction argument splitting (JSON or not), heredoc bodies and the 65535-byte line
 * limit. It produces untyped nodes; `instructions.ts` turns them into the typed AST.
 */
import { DockerfileParseError } from './DockerfileParseError';
import { goQuote as goQuoteWord, goTrimLeftSpace, goTrimSpace, isGoSpace, utf8Length } from './goQuote';
import { substituteWords, SubstitutionError, type EscapeToken } from './substitute';
import type { Directive, Heredoc, KeyValue, ParseWarning } from './Types';

export interface Node {
  /** The keyword as written. */
  readonly cmd: string;
  readonly original: string;
  /** Builder flags as BuildKit extracts them (`--from=x`, `--link`). */
  readonly flags: readonly string[];
  /** Arguments (BuildKit's `nodeArgs`): for ONBUILD the trigger keyword then its arguments. */
  readonly args: readonly string[];
  readonly json: boolean;
  /** ENV/LABEL pairs (args holds them flattened as key, value). */
  readonly pairs: readonly KeyValue[];
  /** ONBUILD's nested instruction. */
  readonly child: Node | undefined;
  heredocs: Heredoc[];
  startLine: number;
  endLine: number;
  readonly comments: readonly string[];
}

export interface NodesResult {
  readonly nodes: readonly Node[];
  readonly directives: readonly Directive[];
  readonly escapeToken: EscapeToken;
  readonly warnings: readonly ParseWarning[];
}

/** Go's bufio.Scanner refuses tokens over 64 KiB; BuildKit reports it with this limit. */
export const MAX_LINE_BYTES = 65535;

const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';
const RE_WHITESPACE = /[\t\v\f\r ]+/;
const RE_DIRECTIVE = /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/s;
const RE_HEREDOC = /^(\d*)<<(-?)([^<]*)$/;
const HEREDOC_KEYWORDS = new Set(['add', 'copy', 'run']);

class SyntaxFail extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

class Directives {
  escape: EscapeToken = '\\';
  done = false;
  readonly seen: Directive[] = [];
  private _cont = continuationRegExp('\\');

  /** True when `line` (already left-trimmed) is a directive. */
  check(line: string, lineNo: number): boolean {
    if (this.done) return false;
    const m = RE_DIRECTIVE.exec(line);
    if (!m) {
      this.done = true;
      return false;
    }
    const key = m[1]!.toLowerCase();
    if (key !== 'syntax' && key !== 'escape' && key !== 'check') {
      this.done = true;
      return false;
    }
    if (this.seen.some((d) => d.name === key)) throw new SyntaxFail(`only one ${key} parser directive can be used`);
    const value = m[2]!;
    this.seen.push({ name: key, value, line: lineNo });
    if (key === 'escape') {
      if (value !== '`' && value !== '\\') throw new SyntaxFail(`invalid escape token '${value}' does not match \` or \\`);
      this.escape = value;
      this._cont = continuationRegExp(value);
    }
    return true;
  }

  /** Strip a trailing continuation escape; returns the line and whether the instruction ends here. */
  trimContinuation(line: string): [string, boolean] {
    const m = this._cont.exec(line);
    if (!m) return [line, true];
    return [line.slice(0, m.index) + (m[1] ?? ''), false];
  }
}

/** `([^E])E[ \t]*$|^E[ \t]*$`: an escape that is the last non-blank character and is not itself escaped. */
function continuationRegExp(e: EscapeToken): RegExp {
  const q = '\\' + e;
  return new RegExp(`([^${q}])${q}[ \\t]*$|^${q}[ \\t]*$`, 's');
}

function trimNewline(s: string): string {
  let j = s.length;
  while (j > 0 && (s[j - 1] === '\n' || s[j - 1] === '\r')) j--;
  return s.slice(0, j);
}

function isComment(raw: string): boolean {
  return goTrimLeftSpace(raw).startsWith('#');
}

/** Split into lines keeping their endings, as BuildKit's scanner does; stop at a line over the limit. */
function scanLines(text: string): { lines: string[]; tooLong: boolean } {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    const content = text.slice(start, nl < 0 ? end : nl);
    if (utf8Length(content) > MAX_LINE_BYTES) return { lines, tooLong: true };
    lines.push(text.slice(start, end));
    start = end;
  }
  return { lines, tooLong: false };
}

export function parseNodes(text: string): NodesResult {
  const d = new Directives();
  const { lines, tooLong } = scanLines(text);
  const nodes: Node[] = [];
  const warnings: ParseWarning[] = [];
  let comments: string[] = [];
  let current = 0; // lines consumed
  let i = 0;
  const fail = (e: unknown, start: number, end: number): never => {
    if (e instanceof SyntaxFail) throw new DockerfileParseError(e.reason, start, Math.max(start, end), 'syntax');
    if (e instanceof SubstitutionError) throw new DockerfileParseError(e.message, start, Math.max(start, end), 'syntax');
    throw e;
  };

  while (i < lines.length) {
    let raw = lines[i++]!;
    if (current === 0 && raw.startsWith('\ufeff')) raw = raw.slice(1);
    if (isComment(raw)) {
      const c = goTrimSpace(goTrimLeftSpace(raw).slice(1));
      if (c === '') comments = [];
      else comments.push(c);
    }
    let token = goTrimLeftSpace(trimNewline(raw));
    let isDirective = false;
    try {
      isDirective = d.check(token, current + 1);
    } catch (e) {
      fail(e, current + 1, current + 1);
    }
    if (isDirective) comments.pop();
    if (isComment(token)) token = '';
    current++;
    const startLine = current;
    let [buf, eol] = d.trimContinuation(token);
    if (eol && buf === '') continue;

    let emptyContinuation = false;
    while (!eol && i < lines.length) {
      const next = lines[i++]!;
      const t = trimNewline(next);
      try {
        d.check(t, current + 1);
      } catch (e) {
        fail(e, current + 1, current + 1);
      }
      current++;
      if (isComment(next)) continue;
      if (goTrimLeftSpace(t) === '') {
        emptyContinuation = true;
        continue;
      }
      const [part, end] = d.trimContinuation(t);
      buf += part;
      eol = end;
    }
    const line = buf;
    if (emptyContinuation) {
      warnings.push({
        rule: 'NoEmptyContinuation',
        short: 'Empty continuation line found in: ' + line,
        detail: 'Empty continuation lines will become errors in a future release',
        url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/',
        line: current,
      });
    }

    let node: Node;
    try {
      node = nodeFromLine(line, d.escape, comments);
    } catch (e) {
      return fail(e, startLine, current);
    }

    const target = node.child ?? node;
    if (HEREDOC_KEYWORDS.has(target.cmd.toLowerCase()) && !target.json && line.includes('<<')) {
      let docs: Omit<Heredoc, 'content' | 'body'>[];
      try {
        docs = heredocsFromLine(line);
      } catch (e) {
        return fail(e, startLine, current);
      }
      for (const doc of docs) {
        let content = '';
        let terminated = false;
        while (i < lines.length) {
          const bodyLine = lines[i++]!;
          current++;
          let candidate = trimNewline(bodyLine);
          if (doc.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === doc.name) {
            terminated = true;
            break;
          }
          content += bodyLine;
        }
        if (!terminated) throw new DockerfileParseError('unterminated heredoc', startLine, Math.max(startLine, current), 'syntax');
        node.heredocs.push({ ...doc, content, body: doc.chomp ? chompHeredoc(content) : content });
      }
    }
    node.startLine = startLine;
    node.endLine = current;
    nodes.push(node);
    comments = [];
  }

  if (nodes.length === 0) throw new DockerfileParseError('file with no instructions', current, current, 'syntax');
  if (tooLong) {
    throw new DockerfileParseError(`dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`, current, current, 'syntax');
  }
  return { nodes, directives: d.seen, escapeToken: d.escape, warnings };
}

/** Remove leading tabs from every line of a `<<-` body. */
export function chompHeredoc(content: string): string {
  return content.replace(/^\t+/gm, '');
}

/** One heredoc word (`<<EOF`, `<<-"EOF"`, `2<<EOF`), or undefined when the word is not a heredoc. */
export function parseHeredocWord(word: string): Omit<Heredoc, 'content' | 'body'> | undefined {
  const m = RE_HEREDOC.exec(word);
  if (!m) return undefined;
  const rest = m[3]!;
  if (rest === '') return undefined;
  const words = substituteWords(rest, new Map(), { skipUnsetEnv: true });
  if (words.length !== 1) return undefined;
  const raw = substituteWords(rest, new Map(), { skipUnsetEnv: true, rawQuotes: true });
  const quotes = (s: string) => (s.match(/['"]/g) ?? []).length;
  const name = words[0]!;
  const fd = m[1] === '' ? 0 : Number.parseInt(m[1]!, 10);
  return { name, fd: Number.isSafeInteger(fd) ? fd : 0, expand: quotes(name) === quotes(raw[0] ?? ''), chomp: m[2] === '-' };
}

/** parseHeredocWord, with lexing errors meaning "not a heredoc" (BuildKit's MustParseHeredoc). */
export function mustParseHeredocWord(word: string): Omit<Heredoc, 'content' | 'body'> | undefined {
  try {
    return parseHeredocWord(word);
  } catch (e) {
    if (e instanceof SubstitutionError) return undefined;
    throw e;
  }
}

/** Heredoc words on an instruction line, in order (BuildKit always lexes them with `\`). */
function heredocsFromLine(line: string): Omit<Heredoc, 'content' | 'body'>[] {
  let words: string[];
  try {
    words = substituteWords(line, new Map(), { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  } catch (e) {
    if (e instanceof SubstitutionError) return []; // BuildKit ignores a lexing error here
    throw e;
  }
  const docs: Omit<Heredoc, 'content' | 'body'>[] = [];
  for (const w of words) {
    const doc = parseHeredocWord(w);
    if (doc) docs.push(doc);
  }
  return docs;
}

function nodeFromLine(line: string, escape: EscapeToken, comments: readonly string[]): Node {
  const trimmed = goTrimSpace(line);
  const sp = RE_WHITESPACE.exec(trimmed);
  const cmd = sp ? trimmed.slice(0, sp.index) : trimmed;
  let rest = '';
  let flags: string[] = [];
  if (sp) [rest, flags] = extractBuilderFlags(trimmed.slice(sp.index + sp[0].length));
  rest = goTrimSpace(rest);

  let args: string[] = [];
  let json = false;
  let pairs: KeyValue[] = [];
  let child: Node | undefined;
  switch (cmd.toLowerCase()) {
    case 'add':
    case 'copy':
    case 'volume':
      [args, json] = maybeJSONToList(rest);
      break;
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      [args, json] = maybeJSON(rest);
      break;
    case 'arg':
      args = parseWords(rest, escape);
      break;
    case 'env':
    case 'label':
      pairs = parseNameVal(rest, cmd.toLowerCase() === 'env' ? 'ENV' : 'LABEL', escape);
      args = pairs.flatMap((p) => [p.key, p.value]);
      break;
    case 'expose':
    case 'from':
      args = whitespaceDelimited(rest);
      break;
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      args = rest === '' ? [] : [rest];
      break;
    case 'healthcheck': {
      // The first word is the type; the rest is parsed like CMD.
      let sep = 0;
      while (sep < rest.length && !isGoSpace(rest[sep]!)) sep++;
      let next = sep;
      while (next < rest.length && isGoSpace(rest[next]!)) next++;
      if (sep > 0) {
        const [cmdArgs, isJSON] = maybeJSON(rest.slice(next));
        args = [rest.slice(0, sep), ...cmdArgs];
        json = isJSON;
      }
      break;
    }
    case 'onbuild':
      if (rest !== '') {
        child = nodeFromLine(rest, escape, []);
        args = [child.cmd, ...child.args];
      }
      break;
    default:
      // Unknown instructions keep no arguments; the instruction pass reports them.
      break;
  }
  return { cmd, original: line, flags, args, json, pairs, child, heredocs: [], startLine: 0, endLine: 0, comments: [...comments] };
}

/**
 * Leading `--flag[=value]` words (BuildKit's extractBuilderFlags, which always uses `\` and strips quotes).
 * Returns the rest of the line and the flags.
 */
export function extractBuilderFlags(line: string): [string, string[]] {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  for (let pos = 0; pos <= line.length; pos++) {
    const ch = pos < line.length ? line[pos]! : '';
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (isGoSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') return [line.slice(pos), words];
      phase = 'word';
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return [line.slice(pos), words];
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        continue;
      }
      let c = ch;
      if (c === '\\') {
        if (pos + 1 === line.length) continue;
        c = line[++pos]!;
      }
      word += c;
      continue;
    }
    // quote
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    let c = ch;
    if (c === '\\') {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      c = line[++pos]!;
    }
    word += c;
  }
  return ['', words];
}

function whitespaceDelimited(rest: string): string[] {
  return rest === '' ? [] : rest.split(RE_WHITESPACE);
}

/**
 * Words for ENV/LABEL/ARG: split on unquoted whitespace, quotes and escapes kept (removed later by substitution).
 */
export function parseWords(rest: string, escape: EscapeToken): string[] {
  const words: string[] = [];
  const chars = Array.from(rest);
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  for (let pos = 0; pos <= chars.length; pos++) {
    let ch = pos < chars.length ? chars[pos]! : '';
    if (phase === 'spaces') {
      if (pos === chars.length) break;
      if (isGoSpace(ch)) continue;
      phase = 'word';
    }
    if (pos === chars.length) {
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
      }
      if (ch === escape) {
        if (pos + 1 === chars.length) continue; // a trailing escape is dropped
        word += ch;
        ch = chars[++pos]!;
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === chars.length) {
        phase = 'word';
        continue;
      }
      word += ch;
      ch = chars[++pos]!;
    }
    word += ch;
  }
  return words;
}

function parseNameVal(rest: string, key: 'ENV' | 'LABEL', escape: EscapeToken): KeyValue[] {
  const words = parseWords(rest, escape);
  if (words.length === 0) return [];
  if (!words[0]!.includes('=')) {
    const sp = RE_WHITESPACE.exec(rest);
    if (!sp) throw new SyntaxFail(`${key} must have two arguments`);
    return [{ key: rest.slice(0, sp.index), value: rest.slice(sp.index + sp[0].length), legacy: true }];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq < 0) throw new SyntaxFail(`Syntax error - can't find = in ${goQuoteWord(w)}. Must be of the form: name=value`);
    return { key: w.slice(0, eq), value: w.slice(eq + 1), legacy: false };
  });
}


/** A JSON array of strings → [args, true]; not JSON → undefined; JSON with other elements → error. */
function parseJSON(rest: string): string[] | undefined {
  const s = goTrimLeftSpace(rest);
  if (!s.startsWith('[')) return undefined;
  const end = firstJSONValueEnd(s);
  if (end < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(s.slice(0, end));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  for (const v of value) if (typeof v !== 'string') throw new SyntaxFail(NOT_STRING_ARRAY);
  return value as string[];
}

/**
 * End of the first JSON value in `s` (which starts with `[`), or -1. Go's json.Decoder reads one value and ignores
 * what follows, so `["a"] trailing` is exec form ["a"].
 */
function firstJSONValueEnd(s: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function maybeJSON(rest: string): [string[], boolean] {
  if (rest === '') return [[], false];
  const arr = parseJSON(rest);
  return arr ? [arr, true] : [[rest], false];
}

function maybeJSONToList(rest: string): [string[], boolean] {
  const arr = parseJSON(rest);
  return arr ? [arr, true] : [whitespaceDelimited(rest), false];
}
