/**
 * sed: a GNU-compatible stream editor. Scripts from arguments, -e and -f; addresses (N, $, /re/, \cREc, first~step,
 * addr,+N, addr,~N, 0,/re/, `!`), blocks, labels and branches (b t T), hold space, a/i/c (one-liner and `\`
 * forms), s with g/p/N/i/m/w/e flags and \L\U\l\u\E case conversion, y, = l n N D P q Q r R w W z e F, -n -s -i[SUFFIX]
 * -E/-r. A final line without newline stays without one, as in GNU sed.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program, ProcessContext, ReadStream } from '../../engine/process/Types';
import { CollectingWriter, readAll, readLines } from '../../engine/process/streams';
import { decodeText, encodeText } from '../../engine/process/text';
import { argErrorText, parseArgs } from './lib/args';
import { openInput } from './lib/input';
import { PosixRegex, PosixRegexError, translateRegex } from './lib/posix-regex';
import { startCommand, waitChild } from './lib/spawn';

class SedError extends Error {
  constructor(
    message: string,
    /** 1-based character position in the expression, or null for messages without a location. */
    readonly pos: number | null,
  ) {
    super(message);
  }
}

type Addr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: PosixRegex | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'plus'; n: number }
  | { kind: 'mult'; n: number };

interface Cmd {
  a1: Addr | null;
  a2: Addr | null;
  negate: boolean;
  name: string;
  /** Range state. */
  active: boolean;
  rangeEnd: number;
  text?: string;
  label?: string;
  /** For `{`: index of the matching `}`; for b/t/T: target index (resolved). */
  jump?: number;
  file?: string;
  int?: number;
  // s
  re?: PosixRegex | null;
  repl?: ReplPart[];
  global?: boolean;
  occurrence?: number;
  print?: number;
  /** s///e: run the pattern space as a command and use its output. */
  exec?: boolean;
  // y
  map?: Map<string, string>;
}

type ReplPart = { kind: 'text'; text: string } | { kind: 'group'; n: number } | { kind: 'case'; mode: 'L' | 'U' | 'l' | 'u' | 'E' };

interface ParseOptions {
  ere: boolean;
}

class Parser {
  private _i = 0;
  private readonly _cmds: Cmd[] = [];
  private readonly _blocks: number[] = [];
  constructor(
    private readonly _s: string,
    private readonly _opts: ParseOptions,
  ) {}

  private _err(msg: string, pos = this._i): never {
    throw new SedError(msg, pos);
  }
  private _peek(): string | undefined {
    return this._s[this._i];
  }
  private _skipWs(): void {
    while (this._i < this._s.length && (this._s[this._i] === ' ' || this._s[this._i] === '\t')) this._i++;
  }

  parse(): Cmd[] {
    const s = this._s;
    while (true) {
      while (this._i < s.length && /[ \t\n;]/.test(s[this._i]!)) this._i++;
      if (this._i >= s.length) break;
      if (s[this._i] === '#') {
        while (this._i < s.length && s[this._i] !== '\n') this._i++;
        continue;
      }
      this._command();
    }
    if (this._blocks.length > 0) throw new SedError("unmatched `{'", 0);
    // Resolve branch labels.
    const labels = new Map<string, number>();
    this._cmds.forEach((c, k) => {
      if (c.name === ':') labels.set(c.label!, k);
    });
    for (const c of this._cmds) {
      if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.label !== '') {
        const k = labels.get(c.label!);
        if (k === undefined) throw new SedError(`can't find label for jump to \`${c.label}'`, null);
        c.jump = k;
      }
    }
    return this._cmds;
  }

  private _addr(): Addr | null {
    const s = this._s;
    const c = this._peek();
    if (c === undefined) return null;
    if (/[0-9]/.test(c)) {
      let n = '';
      while (/[0-9]/.test(this._peek() ?? '')) n += s[this._i++];
      if (this._peek() === '~') {
        this._i++;
        let m = '';
        while (/[0-9]/.test(this._peek() ?? '')) m += s[this._i++];
        return { kind: 'step', first: Number(n), step: Number(m || '0') };
      }
      return { kind: 'line', n: Number(n) };
    }
    if (c === '$') {
      this._i++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        this._i++;
        delim = s[this._i] ?? '';
      }
      this._i++;
      const src = this._delimited(delim, 'unterminated address regex');
      let icase = false;
      while (this._peek() === 'I' || this._peek() === 'M') {
        if (this._peek() === 'I') icase = true;
        this._i++;
      }
      return { kind: 're', re: this._regex(src, icase) };
    }
    return null;
  }

  /** Text up to an unescaped delimiter; `\delim` becomes the delimiter itself, `\n` a newline. */
  private _delimited(delim: string, unterminated: string, keepNewlineEscape = true): string {
    const s = this._s;
    let out = '';
    while (true) {
      if (this._i >= s.length) this._err(unterminated);
      const c = s[this._i]!;
      if (c === '\\') {
        const d = s[this._i + 1];
        if (d === undefined) this._err(unterminated);
        if (d === delim) out += delim === '&' ? '\\&' : delim;
        else if (d === 'n' && keepNewlineEscape) out += '\\n';
        else if (d === '\n') out += '\\n';
        else out += '\\' + d;
        this._i += 2;
        continue;
      }
      if (c === delim) {
        this._i++;
        return out;
      }
      if (c === '\n' && delim !== '\n') this._err(unterminated);
      // A bracket expression may contain the delimiter unescaped.
      if (c === '[') {
        const end = bracketEnd(s, this._i);
        if (end > 0 && !s.slice(this._i, end).includes('\n')) {
          out += s.slice(this._i, end);
          this._i = end;
          continue;
        }
      }
      out += c;
      this._i++;
    }
  }

  private _regex(src: string, icase: boolean, multiline = false): PosixRegex | null {
    if (src === '') return null;
    try {
      const t = translateRegex(src, { syntax: this._opts.ere ? 'extended' : 'basic', sedEscapes: true });
      return PosixRegex.fromSource(t.source, t.groups, t.ambiguous, icase, multiline);
    } catch (e) {
      if (e instanceof PosixRegexError) this._err(e.message);
      throw e;
    }
  }

  private _endOfCommand(): void {
    this._skipWs();
    const c = this._peek();
    if (c === undefined || c === ';' || c === '\n' || c === '}' || c === '#') return;
    this._err('extra characters after command', this._i + 1);
  }

  private _readLabel(): string {
    this._skipWs();
    let l = '';
    while (this._i < this._s.length && this._s[this._i] !== '\n' && this._s[this._i] !== ';') l += this._s[this._i++];
    return l.trimEnd();
  }

  private _readFilename(): string {
    this._skipWs();
    let f = '';
    while (this._i < this._s.length && this._s[this._i] !== '\n') f += this._s[this._i++];
    return f;
  }

  /** a/i/c text: one-liner (`a text`) or classic (`a\` newline text), with `\` continuing lines. */
  private _readText(): string {
    const s = this._s;
    this._skipWs();
    if (s[this._i] === '\\') {
      this._i++;
      if (s[this._i] === '\n') this._i++;
      else this._skipWs();
    } else if (this._i >= s.length) this._err("expected \\ after `a', `c' or `i'");
    let out = '';
    while (this._i < s.length) {
      const c = s[this._i]!;
      if (c === '\\') {
        const d = s[this._i + 1];
        this._i += 2;
        if (d === undefined) break;
        out += d === '\n' ? '\n' : d === 't' ? '\t' : d;
        continue;
      }
      if (c === '\n') {
        this._i++;
        break;
      }
      out += c;
      this._i++;
    }
    return out;
  }

  private _command(): void {
    const s = this._s;
    const cmd: Cmd = { a1: null, a2: null, negate: false, name: '', active: false, rangeEnd: 0 };
    cmd.a1 = this._addr();
    if (cmd.a1 && this._peek() === ',') {
      this._i++;
      this._skipWs();
      if (this._peek() === '+' || this._peek() === '~') {
        const k = this._s[this._i++]!;
        let n = '';
        while (/[0-9]/.test(this._peek() ?? '')) n += s[this._i++];
        cmd.a2 = k === '+' ? { kind: 'plus', n: Number(n) } : { kind: 'mult', n: Number(n) };
      } else {
        cmd.a2 = this._addr();
        if (!cmd.a2) this._err('unexpected `,\'');
      }
    }
    if (cmd.a1?.kind === 'line' && cmd.a1.n === 0 && !(cmd.a2?.kind === 're')) this._err('invalid usage of line address 0');
    this._skipWs();
    while (this._peek() === '!') {
      if (cmd.negate) this._err("multiple `!'s", this._i + 1);
      cmd.negate = true;
      this._i++;
      this._skipWs();
    }
    const name = s[this._i];
    if (name === undefined || name === '\n' || name === ';') this._err('missing command');
    this._i++;
    cmd.name = name;
    const oneAddr = () => {
      if (cmd.a2) this._err('command only uses one address');
    };
    switch (name) {
      case '{':
        this._blocks.push(this._cmds.length);
        this._cmds.push(cmd);
        return;
      case '}': {
        if (cmd.a1) this._err('} doesn\'t want any addresses');
        const open = this._blocks.pop();
        if (open === undefined) this._err("unexpected `}'");
        this._cmds[open]!.jump = this._cmds.length + 1;
        this._cmds.push(cmd);
        this._endOfCommand();
        return;
      }
      case '#':
        this._err("comments don't accept any addresses");
        return;
      case ':': {
        if (cmd.a1) this._err(': doesn\'t want any addresses');
        const l = this._readLabel();
        if (l === '') this._err('":" lacks a label');
        cmd.label = l;
        break;
      }
      case 'b':
      case 't':
      case 'T':
        cmd.label = this._readLabel();
        break;
      case 'a':
      case 'i':
      case 'c':
        if (name !== 'c') oneAddr();
        cmd.text = this._readText();
        break;
      case 'r':
      case 'R':
      case 'w':
      case 'W':
        cmd.file = this._readFilename();
        break;
      case 'e':
        cmd.text = this._readFilename();
        break;
      case 'q':
      case 'Q':
      case 'l': {
        if (name === 'q' || name === 'Q') oneAddr();
        this._skipWs();
        let n = '';
        while (/[0-9]/.test(this._peek() ?? '')) n += s[this._i++];
        if (n !== '') cmd.int = Number(n);
        this._endOfCommand();
        break;
      }
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        this._endOfCommand();
        break;
      case 's':
        this._substitute(cmd);
        break;
      case 'y': {
        const delim = s[this._i++];
        if (delim === undefined || delim === '\n' || delim === '\\') this._err("unterminated `y' command");
        const from = unescapeY(this._delimited(delim, "unterminated `y' command", true));
        const to = unescapeY(this._delimited(delim, "unterminated `y' command", true));
        if ([...from].length !== [...to].length) this._err("strings for `y' command are different lengths");
        const f = [...from];
        const t = [...to];
        cmd.map = new Map(f.map((c, k) => [c, t[k]!]));
        this._endOfCommand();
        break;
      }
      default:
        this._err(`unknown command: \`${name}'`);
    }
    this._cmds.push(cmd);
  }

  private _substitute(cmd: Cmd): void {
    const s = this._s;
    const delim = s[this._i++];
    if (delim === undefined || delim === '\n' || delim === '\\') this._err("unterminated `s' command");
    const reSrc = this._delimited(delim, "unterminated `s' command");
    const replSrc = this._delimitedRepl(delim);
    let icase = false;
    let multi = false;
    cmd.global = false;
    cmd.print = 0;
    while (this._i < s.length) {
      const c = s[this._i]!;
      if (c === 'g') cmd.global = true;
      else if (c === 'p') cmd.print = (cmd.print ?? 0) + 1;
      else if (c === 'i' || c === 'I') icase = true;
      else if (c === 'm' || c === 'M') multi = true;
      else if (c === 'e') cmd.exec = true;
      else if (/[0-9]/.test(c)) {
        let n = '';
        while (/[0-9]/.test(s[this._i] ?? '')) n += s[this._i++];
        if (Number(n) === 0) this._err("number option to `s' command may not be zero");
        cmd.occurrence = Number(n);
        continue;
      } else if (c === 'w') {
        this._i++;
        cmd.file = this._readFilename();
        break;
      } else if (c === ';' || c === '\n' || c === '}' || c === '#' || c === ' ' || c === '\t') break;
      else this._err("unknown option to `s'", this._i + 1);
      this._i++;
    }
    cmd.re = this._regex(reSrc, icase, multi);
    cmd.repl = parseRepl(replSrc);
    const maxRef = Math.max(0, ...cmd.repl.filter((p) => p.kind === 'group').map((p) => (p as { n: number }).n));
    if (cmd.re && maxRef > cmd.re.groups) this._err(`invalid reference \\${maxRef} on \`s' command's RHS`);
    this._endOfCommand();
  }

  /** The replacement: keeps escapes for parseRepl, turns `\delim` into the delimiter and `\`newline into newline. */
  private _delimitedRepl(delim: string): string {
    const s = this._s;
    let out = '';
    while (true) {
      if (this._i >= s.length) this._err("unterminated `s' command");
      const c = s[this._i]!;
      if (c === '\\') {
        const d = s[this._i + 1];
        if (d === undefined) this._err("unterminated `s' command");
        if (d === delim && delim !== '&' && !/[0-9]/.test(d)) out += delim;
        else if (d === '\n') out += '\n';
        else out += '\\' + d;
        this._i += 2;
        continue;
      }
      if (c === delim) {
        this._i++;
        return out;
      }
      out += c;
      this._i++;
    }
  }
}

/** Index just past the `]` closing the bracket expression at `start`, or -1. */
function bracketEnd(s: string, start: number): number {
  let i = start + 1;
  if (s[i] === '^') i++;
  if (s[i] === ']') i++;
  while (i < s.length) {
    if (s[i] === '[' && (s[i + 1] === ':' || s[i + 1] === '.' || s[i + 1] === '=')) {
      const end = s.indexOf(s[i + 1]! + ']', i + 2);
      if (end < 0) return -1;
      i = end + 2;
      continue;
    }
    if (s[i] === ']') return i + 1;
    i++;
  }
  return -1;
}

function unescapeY(s: string): string {
  return s.replace(/\\(.)/gs, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === '\\' ? '\\' : c));
}

function parseRepl(src: string): ReplPart[] {
  const parts: ReplPart[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '&') {
      flush();
      parts.push({ kind: 'group', n: 0 });
    } else if (c === '\\' && i + 1 < src.length) {
      const d = src[++i]!;
      if (/[0-9]/.test(d)) {
        flush();
        parts.push({ kind: 'group', n: Number(d) });
      } else if ('LUluE'.includes(d)) {
        flush();
        parts.push({ kind: 'case', mode: d as 'L' | 'U' | 'l' | 'u' | 'E' });
      } else if (d === 'n') text += '\n';
      else if (d === 't') text += '\t';
      else if (d === 'r') text += '\r';
      else text += d;
    } else text += c;
  }
  flush();
  return parts;
}

function applyRepl(parts: readonly ReplPart[], groups: readonly (string | undefined)[]): string {
  let out = '';
  let mode: 'L' | 'U' | 'E' = 'E';
  let once: 'l' | 'u' | null = null;
  const add = (t: string) => {
    if (t === '') return;
    let x = mode === 'L' ? t.toLowerCase() : mode === 'U' ? t.toUpperCase() : t;
    if (once) {
      x = (once === 'l' ? x[0]!.toLowerCase() : x[0]!.toUpperCase()) + x.slice(1);
      once = null;
    }
    out += x;
  };
  for (const p of parts) {
    if (p.kind === 'text') add(p.text);
    else if (p.kind === 'group') add(groups[p.n] ?? '');
    else if (p.mode === 'l' || p.mode === 'u') once = p.mode;
    else {
      mode = p.mode;
      once = null;
    }
  }
  return out;
}

/** `l` output: C escapes, octal for other non-printables, lines wrapped at `width` with `\`, ending in `$`. */
function listLine(ps: string, width: number): string {
  const esc: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '';
  let col = 0;
  for (const b of encodeText(ps)) {
    const ch = String.fromCharCode(b);
    const piece = esc[ch] ?? (b < 0x20 || b >= 0x7f ? '\\' + b.toString(8).padStart(3, '0') : ch);
    if (width > 1 && col + piece.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return out + '$\n';
}

/** Line source over all inputs with one line of look-ahead (for `$`). */
class Input {
  private _idx = -1;
  private _gen: AsyncGenerator<{ line: string; hadNewline: boolean }> | null = null;
  private _stream: ReadStream | null = null;
  private _buffered: { line: string; hadNewline: boolean } | null | undefined = undefined;
  status = 0;
  /** Name of the file the last line came from ('-' for stdin). */
  current = '-';
  private _nextName = '-';
  constructor(
    private readonly _ctx: ProcessContext,
    private readonly _files: readonly string[],
    private readonly _onError: (name: string, text: string) => Promise<void>,
  ) {}

  private async _raw(): Promise<{ line: string; hadNewline: boolean } | null> {
    while (true) {
      if (this._gen) {
        const r = await this._gen.next();
        if (!r.done) return r.value;
        if (this._stream && this._stream !== this._ctx.stdin) this._stream.close();
        this._gen = null;
      }
      this._idx++;
      if (this._idx >= this._files.length) return null;
      const name = this._files[this._idx]!;
      try {
        this._stream = openInput(this._ctx, name);
        this._nextName = name;
        this._gen = readLines(this._stream);
      } catch (e) {
        if (!isFsError(e)) throw e;
        this.status = 2;
        await this._onError(name, e.text);
      }
    }
  }

  async next(): Promise<{ line: string; hadNewline: boolean } | null> {
    if (this._buffered === undefined) this._buffered = await this._raw();
    const r = this._buffered;
    this.current = this._nextName;
    this._buffered = await this._raw();
    return r;
  }

  /** True when the line last returned was the last one. */
  isLast(): boolean {
    return this._buffered === null;
  }
}

interface Output {
  write(text: string, newline: boolean): Promise<void>;
}

export const sed: Program = async (ctx) => {
  const gnu = ctx.flavor === 'gnu';
  const argv = ctx.argv.slice(1).map((a) => (a === '--in-place' ? '-i' : a));
  // Manual pass for -i[SUFFIX] (getopt optional argument attached only).
  let inPlace: string | null = null;
  const cleaned: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const x = argv[k]!;
    if (x === '--') {
      cleaned.push(...argv.slice(k));
      break;
    }
    const m = /^-([a-zA-Z]*)i(.*)$/.exec(x);
    if (m && !x.startsWith('--') && !/[ef]/.test(m[1]!)) {
      inPlace = m[2]!;
      if (m[1]) cleaned.push(`-${m[1]}`);
      continue;
    }
    if (x.startsWith('--in-place=')) {
      inPlace = x.slice('--in-place='.length);
      continue;
    }
    cleaned.push(x);
  }
  const p2 = parseArgs(cleaned, {
    short: 'ne:f:Ersul:',
    long: {
      quiet: { key: 'n' },
      silent: { key: 'n' },
      expression: { key: 'e', arg: 'required' },
      file: { key: 'f', arg: 'required' },
      'regexp-extended': { key: 'E' },
      separate: { key: 's' },
      posix: { key: 'posix' },
      unbuffered: { key: 'u' },
      'line-length': { key: 'l', arg: 'required' },
      help: { key: '--help' },
    },
  });
  if (!p2.ok) {
    await ctx.stderr.write(`sed: ${argErrorText(p2.error)}\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n`);
    return 1;
  }
  const a = p2.args;
  if (a.has('--help')) {
    await ctx.stdout.write('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n  -s, --separate\n                 consider files as separate rather than as a single\n                 continuous long stream.\n');
    return 0;
  }
  const operands = [...a.operands];
  const pieces: { text: string; label: string }[] = [];
  let exprNo = 0;
  for (const o of a.options) {
    if (o.key === 'e') pieces.push({ text: o.value ?? '', label: `-e expression #${++exprNo}` });
    if (o.key === 'f') {
      try {
        const t = decodeText(await readAll(openInput(ctx, o.value ?? '-')));
        pieces.push({ text: t.endsWith('\n') ? t.slice(0, -1) : t, label: `file ${o.value}` });
      } catch (e) {
        if (!isFsError(e)) throw e;
        await ctx.stderr.write(`sed: couldn't open file ${o.value}: ${e.text}\n`);
        return 1;
      }
    }
  }
  if (pieces.length === 0) {
    if (operands.length === 0) {
      await ctx.stderr.write('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n');
      return 1;
    }
    pieces.push({ text: operands.shift()!, label: '-e expression #1' });
  }
  const ere = a.has('E') || a.has('r');
  let quiet = a.has('n');
  const script = pieces.map((p) => p.text).join('\n');
  if (script.startsWith('#n\n') || script === '#n') quiet = true;
  let cmds: Cmd[];
  try {
    cmds = new Parser(script, { ere }).parse();
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    if (!gnu) {
      await ctx.stderr.write(`sed: ${busyboxWording(e.message)}\n`);
      return 1;
    }
    if (e.pos === null) await ctx.stderr.write(`sed: ${e.message}\n`);
    else {
      // Locate the piece the position falls in.
      let pos = e.pos;
      let piece = pieces[0]!;
      for (const p of pieces) {
        piece = p;
        if (pos <= p.text.length + 1) break;
        pos -= p.text.length + 1;
      }
      // -e expressions are located by character, -f files by line.
      const where = piece.label.startsWith('file ') ? `${piece.label} line ${piece.text.slice(0, Math.max(0, pos - 1)).split('\n').length}` : `${piece.label}, char ${pos}`;
      await ctx.stderr.write(`sed: ${where}: ${e.message}\n`);
    }
    return 1;
  }

  const lineLength = Number(a.get('l') ?? 70);
  const separate = a.has('s') || inPlace !== null;
  const files = operands.length === 0 ? ['-'] : operands;
  if (inPlace !== null && operands.length === 0) {
    await ctx.stderr.write('sed: no input files\n');
    return 1;
  }

  const wfiles = new Map<string, Output>();
  const openW = (name: string): Output => {
    let o = wfiles.get(name);
    if (o) return o;
    if (name === '/dev/stdout') o = makeOut((t) => ctx.stdout.write(t));
    else if (name === '/dev/stderr') o = makeOut((t) => ctx.stderr.write(t));
    else {
      const w = ctx.sys.openWrite(ctx.fs, resolvePath(ctx.cwd, name), { append: false, umask: ctx.umask, tty: ctx.tty, proc: ctx });
      o = makeOut((t) => w.write(t));
    }
    wfiles.set(name, o);
    return o;
  };
  try {
    for (const c of cmds) if ((c.name === 'w' || c.name === 'W' || (c.name === 's' && c.file)) && c.file) openW(c.file);
  } catch (e) {
    if (!isFsError(e)) throw e;
    await ctx.stderr.write(`sed: couldn't open file ${cmds.find((c) => c.file)?.file}: ${e.text}\n`);
    return 4;
  }

  const onError = async (name: string, text: string) => {
    await ctx.stderr.write(gnu ? `sed: can't read ${name}: ${text}\n` : `sed: ${name}: ${text}\n`);
  };

  let exitCode: number | null = null;
  let status = 0;
  const groups = separate ? files.map((f) => [f]) : [files];
  let hold = '';
  let lastRegex: PosixRegex | null = null;
  for (const group of groups) {
    if (exitCode !== null) break;
    let out: Output = makeOut((t) => ctx.stdout.write(t));
    let collected: string[] | null = null;
    const target = group[0]!;
    if (inPlace !== null) {
      try {
        const st = ctx.fs.stat(resolvePath(ctx.cwd, target));
        if (st.type !== 'file') {
          await ctx.stderr.write(`sed: couldn't edit ${target}: not a regular file\n`);
          status = 4;
          continue;
        }
      } catch (e) {
        if (!isFsError(e)) throw e;
        await onError(target, e.text);
        status = 2;
        continue;
      }
      collected = [];
      const sink = collected;
      out = makeOut(async (t) => {
        sink.push(t);
      });
    }
    const input = new Input(ctx, group, onError);
    const r = await runScript(ctx, cmds, input, out, quiet, lineLength, openW, { hold, lastRegex });
    hold = r.hold;
    lastRegex = r.lastRegex;
    status = Math.max(status, input.status);
    if (r.exit !== null) exitCode = r.exit;
    if (collected !== null) {
      const path = resolvePath(ctx.cwd, target);
      if (inPlace !== null && inPlace !== '') {
        const backup = inPlace.includes('*') ? inPlace.replace(/\*/g, target.split('/').pop()!) : target + inPlace;
        ctx.fs.writeFile(resolvePath(ctx.cwd, backup), ctx.fs.readFile(path));
      }
      ctx.fs.writeFile(path, encodeText(collected.join('')));
    }
  }
  return exitCode ?? status;
};

/** Output of `sh -c command` (the `e` command and the s///e flag). */
async function shellOutput(ctx: ProcessContext, command: string): Promise<string> {
  const out = new CollectingWriter();
  const r = startCommand(ctx, ['sh', '-c', command], { stdout: out });
  if (!r.ok) {
    await ctx.stderr.write(`sed: couldn't run sh: ${r.text}\n`);
    return '';
  }
  await waitChild(ctx, r.child);
  return out.text();
}

function makeOut(write: (t: string) => Promise<void>): Output {
  let missing = false;
  return {
    write: async (text, newline) => {
      const t = (missing ? '\n' : '') + text + (newline ? '\n' : '');
      missing = !newline;
      await write(t);
    },
  };
}

function busyboxWording(msg: string): string {
  if (msg.startsWith('unterminated') || msg === 'unterminated address regex') return "unmatched '/'";
  if (msg.startsWith('unknown command')) return `unsupported command ${msg.slice(-2, -1)}`;
  if (msg.startsWith('unknown option')) return 'bad option in substitution expression';
  return msg.replace(/`/g, "'");
}

interface State {
  hold: string;
  lastRegex: PosixRegex | null;
}

async function runScript(
  ctx: ProcessContext,
  cmds: Cmd[],
  input: Input,
  out: Output,
  quiet: boolean,
  lineLength: number,
  openW: (name: string) => Output,
  state: State,
): Promise<{ exit: number | null; hold: string; lastRegex: PosixRegex | null }> {
  let hold = state.hold;
  let lastRegex = state.lastRegex;
  let lineNo = 0;
  let ps = '';
  let psNewline = true;
  let append: string[] = [];
  let quit: number | null = null;
  const rfiles = new Map<string, { lines: string[]; next: number }>();

  const flushAppend = async () => {
    for (const t of append) await out.write(t, true);
    append = [];
  };
  const readLine = async (): Promise<boolean> => {
    const r = await input.next();
    if (r === null) return false;
    lineNo++;
    ps = r.line;
    psNewline = r.hadNewline;
    return true;
  };
  const useRe = (re: PosixRegex | null): PosixRegex => {
    if (re) {
      lastRegex = re;
      return re;
    }
    if (!lastRegex) throw new SedError('no previous regular expression', null);
    return lastRegex;
  };
  const matchAddr = (ad: Addr): boolean => {
    switch (ad.kind) {
      case 'line':
        return lineNo === ad.n;
      case 'last':
        return input.isLast();
      case 're':
        return useRe(ad.re).test(ps);
      case 'step':
        return ad.step <= 0 ? lineNo === ad.first : lineNo >= ad.first && (lineNo - ad.first) % ad.step === 0;
      default:
        return false;
    }
  };
  const selected = (c: Cmd): boolean => {
    if (!c.a1) return true;
    if (!c.a2) return matchAddr(c.a1);
    if (c.active) {
      const a2 = c.a2;
      let end = false;
      if (a2.kind === 'line') end = lineNo >= a2.n;
      else if (a2.kind === 'plus' || a2.kind === 'mult') end = lineNo >= c.rangeEnd;
      else end = matchAddr(a2);
      if (end) c.active = false;
      return true;
    }
    const zeroStart = c.a1.kind === 'line' && c.a1.n === 0 && lineNo === 1;
    if (zeroStart || matchAddr(c.a1)) {
      const a2 = c.a2;
      if (a2.kind === 'line') c.active = a2.n > lineNo;
      else if (a2.kind === 'plus') {
        c.rangeEnd = lineNo + a2.n;
        c.active = a2.n > 0;
      } else if (a2.kind === 'mult') {
        c.rangeEnd = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n;
        c.active = c.rangeEnd > lineNo;
      } else if (zeroStart && matchAddr(a2)) c.active = false;
      else c.active = true;
      return true;
    }
    return false;
  };

  let restartWithoutRead = false;
  try {
    while (quit === null) {
      if (!restartWithoutRead) {
        if (!(await readLine())) break;
      }
      restartWithoutRead = false;
      let tFlag = false;
      let autoprint = !quiet;
      let pc = 0;
      let endCycle = false;
      while (pc < cmds.length && !endCycle) {
        await ctx.checkpoint();
        const c = cmds[pc]!;
        const sel = selected(c) !== c.negate;
        if (!sel) {
          pc = c.name === '{' ? c.jump! : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case '{':
          case '}':
          case ':':
            break;
          case '=':
            await out.write(String(lineNo), true);
            break;
          case 'a':
            append.push(c.text!);
            break;
          case 'i':
            await out.write(c.text!, true);
            break;
          case 'c':
            if (!c.a2 || !c.active) await out.write(c.text!, true);
            autoprint = false;
            endCycle = true;
            break;
          case 'b':
            pc = c.label === '' ? cmds.length : c.jump!;
            break;
          case 't':
            if (tFlag) {
              tFlag = false;
              pc = c.label === '' ? cmds.length : c.jump!;
            }
            break;
          case 'T':
            if (!tFlag) pc = c.label === '' ? cmds.length : c.jump!;
            else tFlag = false;
            break;
          case 'd':
            autoprint = false;
            endCycle = true;
            break;
          case 'D': {
            const nl = ps.indexOf('\n');
            autoprint = false;
            endCycle = true;
            if (nl >= 0) {
              ps = ps.slice(nl + 1);
              restartWithoutRead = true;
            }
            break;
          }
          case 'g':
            ps = hold;
            break;
          case 'G':
            ps += '\n' + hold;
            break;
          case 'h':
            hold = ps;
            break;
          case 'H':
            hold += '\n' + ps;
            break;
          case 'x':
            [ps, hold] = [hold, ps];
            break;
          case 'l':
            await out.write(listLine(ps, c.int ?? lineLength).slice(0, -1), true);
            break;
          case 'n':
            if (input.isLast()) {
              endCycle = true;
              pc = cmds.length;
              break;
            }
            if (!quiet) await out.write(ps, psNewline);
            await flushAppend();
            await readLine();
            break;
          case 'N':
            if (input.isLast()) {
              // GNU prints the pattern space when N has no next line (POSIX says discard).
              endCycle = true;
              break;
            }
            {
              const prev = ps;
              await flushAppend();
              await readLine();
              ps = prev + '\n' + ps;
            }
            break;
          case 'p':
            await out.write(ps, true);
            break;
          case 'P': {
            const nl = ps.indexOf('\n');
            await out.write(nl >= 0 ? ps.slice(0, nl) : ps, true);
            break;
          }
          case 'q':
            quit = c.int ?? 0;
            endCycle = true;
            break;
          case 'Q':
            quit = c.int ?? 0;
            autoprint = false;
            endCycle = true;
            break;
          case 'r': {
            try {
              const data = ctx.fs.readFile(resolvePath(ctx.cwd, c.file!));
              const t = decodeText(data);
              if (t !== '') append.push(t.endsWith('\n') ? t.slice(0, -1) : t);
            } catch {
              // A missing file is silently ignored, as GNU does.
            }
            break;
          }
          case 'w':
            await openW(c.file!).write(ps, true);
            break;
          case 'W': {
            const nl = ps.indexOf('\n');
            await openW(c.file!).write(nl >= 0 ? ps.slice(0, nl) : ps, true);
            break;
          }
          case 'R': {
            let r = rfiles.get(c.file!);
            if (!r) {
              let lines: string[] = [];
              try {
                const t = decodeText(ctx.fs.readFile(resolvePath(ctx.cwd, c.file!)));
                lines = t === '' ? [] : t.replace(/\n$/, '').split('\n');
              } catch {
                // Missing files read as empty, as for `r`.
              }
              r = { lines, next: 0 };
              rfiles.set(c.file!, r);
            }
            if (r.next < r.lines.length) append.push(r.lines[r.next++]!);
            break;
          }
          case 'e':
            if (c.text) await out.write((await shellOutput(ctx, c.text)).replace(/\n$/, ''), true);
            else ps = (await shellOutput(ctx, ps)).replace(/\n$/, '');
            break;
          case 'z':
            ps = '';
            break;
          case 'F':
            await out.write(input.current, true);
            break;
          case 'y':
            ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join('');
            break;
          case 's': {
            const re = useRe(c.re!);
            let result = '';
            let from = 0;
            let count = 0;
            let did = false;
            let last = 0;
            let prevEnd = -1;
            while (from <= ps.length) {
              const m = re.exec(ps, from);
              if (!m) break;
              if (m.end === m.index && m.index === prevEnd) {
                // An empty match right after the previous match does not count (GNU, POSIX).
                from = m.index + 1;
                prevEnd = -1;
                continue;
              }
              prevEnd = m.end;
              count++;
              const take = c.occurrence ? count >= c.occurrence && (c.global || count === c.occurrence) : true;
              if (take) {
                result += ps.slice(last, m.index) + applyRepl(c.repl!, m.groups);
                last = m.end;
                did = true;
                if (!c.global) break;
              }
              if (m.end === m.index) {
                if (m.index < ps.length) {
                  // Copy the character we step over.
                  if (take) {
                    result += ps[m.index];
                    last = m.index + 1;
                  }
                }
                from = m.index + 1;
              } else from = m.end;
              if (!c.global && !c.occurrence) break;
            }
            if (did) {
              ps = result + ps.slice(last);
              if (c.exec) ps = (await shellOutput(ctx, ps)).replace(/\n$/, '');
              tFlag = true;
              for (let k = 0; k < (c.print ?? 0); k++) await out.write(ps, true);
              if (c.file) await openW(c.file).write(ps, true);
            }
            break;
          }
        }
      }
      if (autoprint) await out.write(ps, psNewline || !input.isLast());
      await flushAppend();
    }
  } catch (e) {
    if (e instanceof SedError) {
      await ctx.stderr.write(`sed: ${e.message}\n`);
      return { exit: 4, hold, lastRegex };
    }
    throw e;
  }
  return { exit: quit, hold, lastRegex };
}
