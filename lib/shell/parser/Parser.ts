/**
 * A recursive-descent parser for the POSIX shell language with the bash (and BusyBox ash) extensions the
 * playground needs. It reads characters directly, because shell tokenisation depends on the grammar (here-docs,
 * `case` patterns, `$( )` bodies, reserved words only in command position).
 *
 * Scripts are parsed one complete command at a time (`parseNext`), as real shells do: commands before a syntax
 * error run, and aliases defined by one line apply to the next. The only thing thrown is `ShellSyntaxError`.
 */

import type { AndOr, Assign, CaseItem, Command, CompoundCommand, CondExpr, List, ListItem, ParamOp, ParamPart, Pipeline, Redir, RedirOp, SimpleCommand, Word, WordPart } from './ast';
import { ShellSyntaxError, type SyntaxProblem } from './ShellSyntaxError';

/** Which extensions the dialect's grammar has. */
export interface ParserFeatures {
  /** `[[ ]]` as a keyword. */
  readonly dbracket: boolean;
  /** `(( ))` and `for ((;;))`. */
  readonly arithCommand: boolean;
  readonly functionKeyword: boolean;
  /** `$'...'`. */
  readonly ansiC: boolean;
  readonly hereString: boolean;
  /** `&>` and `&>>`. */
  readonly ampRedirect: boolean;
  /** `|&`, `;&`, `;;&`. */
  readonly bashOps: boolean;
  /** `a=(x y)`, `a[1]=x`, `${a[1]}`, `x+=y`. */
  readonly arrays: boolean;
  /** A missing final newline counts as one (bash reads `-c` strings and scripts that way). */
  readonly appendNewline: boolean;
  /** `<(list)` and `>(list)` (bash; BusyBox ash built with bash compatibility, as Debian's and Alpine's are). */
  readonly procSubst: boolean;
}

export const BASH_FEATURES: ParserFeatures = {
  dbracket: true,
  arithCommand: true,
  functionKeyword: true,
  ansiC: true,
  hereString: true,
  ampRedirect: true,
  bashOps: true,
  arrays: true,
  appendNewline: true,
  procSubst: true,
};
export const DASH_FEATURES: ParserFeatures = {
  dbracket: false,
  arithCommand: false,
  functionKeyword: false,
  ansiC: false,
  hereString: false,
  ampRedirect: false,
  bashOps: false,
  arrays: false,
  appendNewline: false,
  procSubst: false,
};
/** BusyBox ash (Debian's busybox-static build): `[[` is the test builtin there, not a keyword. */
export const ASH_FEATURES: ParserFeatures = { ...DASH_FEATURES, dbracket: true, functionKeyword: true, ansiC: true, ampRedirect: true, procSubst: true };

export interface ParserOptions {
  readonly features?: ParserFeatures;
  /** Alias lookup for words in command position (interactive shells). */
  readonly alias?: (name: string) => string | undefined;
  /** Line number of the first line (sub-parsers of backticks and here-docs). */
  readonly firstLine?: number;
}

type Token =
  | { readonly kind: 'word'; readonly word: Word; readonly start: number; readonly end: number; readonly array: Word[] | null }
  | { readonly kind: 'op'; readonly op: string; readonly fd: number | null; readonly start: number; readonly end: number }
  | { readonly kind: 'newline'; readonly start: number; readonly end: number }
  | { readonly kind: 'eof'; readonly start: number; readonly end: number };

interface PendingHeredoc {
  readonly redir: Redir;
  readonly delimiter: string;
  readonly quoted: boolean;
  readonly strip: boolean;
  readonly line: number;
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);
/** Words that end a compound list and so cannot start a command. */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNARY_TESTS = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const BINARY_TESTS = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>' || c === '';
}

/** Word mode: what ends the word and which characters are special inside it. */
type WordMode = 'normal' | 'regex';

export class Parser {
  private _src: string;
  private _pos = 0;
  private _peeked: Token | null = null;
  private _pending: PendingHeredoc[] = [];
  private _lineStarts: number[] = [];
  private readonly _features: ParserFeatures;
  private readonly _firstLine: number;
  private readonly _alias: ((name: string) => string | undefined) | undefined;
  private readonly _aliasGuard: { name: string; end: number }[] = [];
  /** Set after an alias whose value ends in a blank: the next word is checked for an alias too. */
  private _aliasNext = false;
  private _depth = 0;
  /** Here-documents that ended at end of input instead of at their delimiter (bash warns; REPLs ask for more). */
  readonly unterminatedHeredocs: { line: number; delimiter: string }[] = [];
  /** The input ended right after a `\`-newline: a script just ends there, an interactive shell asks for more (PS2). */
  endsInContinuation = false;

  constructor(src: string, options: ParserOptions = {}) {
    this._features = options.features ?? BASH_FEATURES;
    this._src = this._features.appendNewline && src !== '' && !src.endsWith('\n') ? src + '\n' : src;
    this._firstLine = options.firstLine ?? 1;
    this._alias = options.alias;
    this._indexLines();
  }

  /** Parses the whole input. */
  static parse(src: string, options: ParserOptions = {}): List {
    const p = new Parser(src, options);
    const items: ListItem[] = [];
    for (let l = p.parseNext(); l !== null; l = p.parseNext()) items.push(...l);
    return items;
  }

  /** True when input remains. */
  get atEnd(): boolean {
    if (this._peeked) return this._peeked.kind === 'eof';
    return this._pos >= this._src.length;
  }

  /** The line the parser has reached (for `$LINENO`-style messages after a parse). */
  get line(): number {
    return this._lineAt(this._pos);
  }

  /** Parses the next complete command (up to a newline at top level); null at end of input. */
  parseNext(): List | null {
    try {
      while (this._peek().kind === 'newline') this._next();
      if (this._peek().kind === 'eof') return null;
      const list = this._parseList(new Set(), true);
      const t = this._peek();
      if (t.kind === 'newline') this._next();
      else if (t.kind !== 'eof') this._unexpected(t);
      return list;
    } catch (e) {
      if (e instanceof ShellSyntaxError) throw e;
      if (e instanceof RangeError) throw this._error({ kind: 'other', message: 'expression nested too deeply' }, this._pos, false);
      throw e;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lines and errors

  private _indexLines(): void {
    this._lineStarts = [0];
    for (let i = 0; i < this._src.length; i++) if (this._src.charCodeAt(i) === 10) this._lineStarts.push(i + 1);
  }

  private _lineAt(pos: number): number {
    let lo = 0;
    let hi = this._lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this._lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + this._firstLine;
  }

  private _lineTextAt(pos: number): string {
    const idx = this._lineAt(pos) - this._firstLine;
    const s = this._lineStarts[idx] ?? 0;
    const e = this._src.indexOf('\n', s);
    return this._src.slice(s, e < 0 ? this._src.length : e);
  }

  private _error(problem: SyntaxProblem, pos: number, incomplete: boolean): ShellSyntaxError {
    return new ShellSyntaxError(problem, this._lineAt(pos), this._lineTextAt(pos), incomplete);
  }

  private _unexpected(t: Token, expecting: string | null = null): never {
    if (t.kind === 'eof') throw this._error({ kind: 'eof', expecting }, this._src.length, true);
    const token = t.kind === 'newline' ? 'newline' : t.kind === 'op' ? (t.fd !== null ? t.op : t.op) : t.word.raw;
    throw this._error({ kind: 'token', token }, t.start, false);
  }

  private _ch(i: number): string {
    return this._src[i] ?? '';
  }

  // -------------------------------------------------------------------------------------------------------------
  // Tokens

  private _peek(): Token {
    this._peeked ??= this._lex();
    return this._peeked;
  }

  private _next(): Token {
    const t = this._peek();
    this._peeked = null;
    return t;
  }

  /** Un-lexes a peeked token so the characters can be read again in another mode. */
  private _unpeek(): void {
    if (this._peeked) {
      this._pos = this._peeked.start;
      this._peeked = null;
    }
  }

  /** Consumes a `\`-newline line continuation, noting when nothing follows it. */
  private _continuation(): void {
    this._pos += 2;
    if (this._pos >= this._src.length) this.endsInContinuation = true;
  }

  private _skipBlanks(): void {
    for (;;) {
      const c = this._ch(this._pos);
      if (c === ' ' || c === '\t') this._pos++;
      else if (c === '\\' && this._ch(this._pos + 1) === '\n') this._continuation();
      else if (c === '#') {
        while (this._pos < this._src.length && this._ch(this._pos) !== '\n') this._pos++;
      } else return;
    }
  }

  private _lex(): Token {
    this._skipBlanks();
    const start = this._pos;
    const c = this._ch(start);
    if (c === '') {
      if (this._pending.length) this._readHeredocs();
      return { kind: 'eof', start, end: start };
    }
    if (c === '\n') {
      this._pos++;
      if (this._pending.length) this._readHeredocs();
      return { kind: 'newline', start, end: this._pos };
    }
    // `<(` and `>(` start a word (a process substitution), as bash's read_token does.
    if (this._atProcSub(start)) return this._lexWord('normal');
    // IO_NUMBER: digits directly followed by < or > (not by a process substitution: `2<(x)` is a word).
    if (c >= '0' && c <= '9') {
      let j = start;
      while (this._ch(j) >= '0' && this._ch(j) <= '9') j++;
      const n = this._ch(j);
      if ((n === '<' || n === '>') && !this._atProcSub(j)) {
        this._pos = j;
        const op = this._lexOp();
        if (op !== null) return { kind: 'op', op, fd: Number(this._src.slice(start, j)), start, end: this._pos };
        this._pos = start;
      }
    }
    const op = this._lexOp();
    if (op !== null) return { kind: 'op', op, fd: null, start, end: this._pos };
    return this._lexWord('normal');
  }

  private _lexOp(): string | null {
    const s = this._src;
    const p = this._pos;
    const f = this._features;
    const cands: string[] = [];
    switch (s[p]) {
      case '&':
        if (f.ampRedirect) cands.push('&>>', '&>');
        cands.push('&&', '&');
        break;
      case '|':
        cands.push('||');
        if (f.bashOps) cands.push('|&');
        cands.push('|');
        break;
      case ';':
        if (f.bashOps) cands.push(';;&', ';&');
        cands.push(';;', ';');
        break;
      case '(':
        cands.push('(');
        break;
      case ')':
        cands.push(')');
        break;
      case '<':
        if (f.hereString) cands.push('<<<');
        cands.push('<<-', '<<', '<&', '<>', '<');
        break;
      case '>':
        cands.push('>>', '>&', '>|', '>');
        break;
      default:
        return null;
    }
    for (const op of cands) {
      if (s.startsWith(op, p)) {
        this._pos = p + op.length;
        return op;
      }
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Words

  private _lexWord(mode: WordMode): Token {
    const start = this._pos;
    const parts = this._readWordParts(mode);
    const end = this._pos;
    const word: Word = { parts, raw: this._src.slice(start, end) };
    let array: Word[] | null = null;
    if (this._features.arrays && this._ch(this._pos) === '(' && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(word.raw)) {
      array = this._readArrayItems();
    }
    return { kind: 'word', word, start, end: this._pos, array };
  }

  private _readArrayItems(): Word[] {
    const openPos = this._pos;
    this._pos++;
    const items: Word[] = [];
    for (;;) {
      this._skipBlanks();
      const c = this._ch(this._pos);
      if (c === '\n') {
        this._pos++;
        continue;
      }
      if (c === ')') {
        this._pos++;
        return items;
      }
      if (c === '') throw this._error({ kind: 'unterminated', quote: ')' }, openPos, true);
      if (isMeta(c)) throw this._error({ kind: 'token', token: c }, this._pos, false);
      const s = this._pos;
      const parts = this._readWordParts('normal');
      items.push({ parts, raw: this._src.slice(s, this._pos) });
    }
  }

  /** Reads one word's parts from `_pos` until an unquoted metacharacter. */
  private _readWordParts(mode: WordMode): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit !== '') parts.push({ type: 'lit', text: lit });
      lit = '';
    };
    let tildeOk = true;
    let assignment = false;
    let parenDepth = 0;
    const wordStart = this._pos;
    for (;;) {
      const c = this._ch(this._pos);
      if (mode === 'regex') {
        if (c === '(') {
          parenDepth++;
          lit += c;
          this._pos++;
          continue;
        }
        if (c === ')' && parenDepth > 0) {
          parenDepth--;
          lit += c;
          this._pos++;
          continue;
        }
        if (c === '|' && parenDepth > 0) {
          lit += c;
          this._pos++;
          continue;
        }
        if ((c === ' ' || c === '\t') && parenDepth > 0) {
          lit += c;
          this._pos++;
          continue;
        }
      }
      if (mode === 'normal' && this._atProcSub(this._pos)) {
        flush();
        parts.push(this._readProcSub());
        tildeOk = false;
        continue;
      }
      if (isMeta(c)) break;
      if (tildeOk && c === '~') {
        let j = this._pos + 1;
        while (/[A-Za-z0-9._+-]/.test(this._ch(j))) j++;
        const n = this._ch(j);
        if (n === '/' || isMeta(n) || (assignment && n === ':')) {
          flush();
          parts.push({ type: 'tilde', user: this._src.slice(this._pos + 1, j) });
          this._pos = j;
          tildeOk = false;
          continue;
        }
      }
      tildeOk = false;
      if (c === '\\') {
        const n = this._ch(this._pos + 1);
        if (n === '\n') {
          this._pos += 2;
          continue;
        }
        flush();
        if (n === '') {
          parts.push({ type: 'lit', text: '\\' });
          this._pos++;
          continue;
        }
        parts.push({ type: 'sq', text: n });
        this._pos += 2;
        continue;
      }
      if (c === "'") {
        flush();
        parts.push({ type: 'sq', text: this._readSingleQuoted() });
        continue;
      }
      if (c === '"') {
        flush();
        parts.push(this._readDoubleQuoted());
        continue;
      }
      if (c === '$') {
        const part = this._readDollar(false);
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += '$';
          this._pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this._readBacktick(false));
        continue;
      }
      lit += c;
      this._pos++;
      if (c === '=' && !assignment && parts.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/.test(this._src.slice(wordStart, this._pos))) {
        assignment = true;
        tildeOk = true;
      } else if (c === ':' && assignment) tildeOk = true;
    }
    flush();
    return parts;
  }

  private _readSingleQuoted(): string {
    const open = this._pos;
    const close = this._src.indexOf("'", open + 1);
    if (close < 0) throw this._error({ kind: 'unterminated', quote: "'" }, this._features.appendNewline ? open : this._src.length, true);
    this._pos = close + 1;
    return this._src.slice(open + 1, close);
  }

  private _readDoubleQuoted(): WordPart {
    const open = this._pos;
    this._pos++;
    const parts = this._readQuotedParts('"', open);
    return { type: 'dq', parts };
  }

  /**
   * Double-quote rules until `close` (`"`), or to end of input for here-doc bodies (`close` = '').
   * A backslash escapes only $ ` " \ and newline (`"` not in here-docs).
   */
  private _readQuotedParts(close: string, open: number): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit !== '') parts.push({ type: 'sq', text: lit });
      lit = '';
    };
    for (;;) {
      const c = this._ch(this._pos);
      if (c === '') {
        if (close === '') break;
        throw this._error({ kind: 'unterminated', quote: close }, this._features.appendNewline ? open : this._src.length, true);
      }
      if (c === close) {
        this._pos++;
        break;
      }
      if (c === '\\') {
        const n = this._ch(this._pos + 1);
        if (n === '\n') {
          this._pos += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\' || (n === '"' && close === '"')) {
          lit += n;
          this._pos += 2;
          continue;
        }
        lit += '\\';
        this._pos++;
        continue;
      }
      if (c === '$') {
        const part = this._readDollar(true);
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += '$';
          this._pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this._readBacktick(true));
        continue;
      }
      lit += c;
      this._pos++;
    }
    flush();
    return parts;
  }

  /** Reads an expansion at `$`; null when the `$` is literal. */
  private _readDollar(inDq: boolean): WordPart | null {
    const p = this._pos;
    const n = this._ch(p + 1);
    if (n === '{') return this._readBrace(inDq);
    if (n === '(') {
      if (this._ch(p + 2) === '(') {
        const arith = this._tryArith(p + 3);
        if (arith) return { type: 'arith', expr: arith };
      }
      return this._readCmdSub(p + 2);
    }
    if (n === "'" && this._features.ansiC && !inDq) {
      this._pos = p + 1;
      const raw = this._readSingleQuotedAnsi();
      return { type: 'sq', text: raw };
    }
    if (n === '"' && this._features.ansiC && !inDq) {
      // $"..." (locale translation) is an ordinary double-quoted string here.
      this._pos = p + 1;
      return this._readDoubleQuoted();
    }
    if (/[A-Za-z_]/.test(n)) {
      let j = p + 2;
      while (/[A-Za-z0-9_]/.test(this._ch(j))) j++;
      this._pos = j;
      return param(this._src.slice(p + 1, j));
    }
    if (/[0-9@*#?$!-]/.test(n) && n !== '') {
      this._pos = p + 2;
      return param(n);
    }
    return null;
  }

  private _readSingleQuotedAnsi(): string {
    const open = this._pos;
    let i = open + 1;
    let out = '';
    for (;;) {
      const c = this._ch(i);
      if (c === '') throw this._error({ kind: 'unterminated', quote: "'" }, open, true);
      if (c === "'") break;
      if (c === '\\') {
        const [text, len] = ansiEscape(this._src, i + 1);
        out += text;
        i += 1 + len;
        continue;
      }
      out += c;
      i++;
    }
    this._pos = i + 1;
    return out;
  }

  /** `$((`: an arithmetic expansion if the parentheses close with `))`, otherwise null (it is `$( (...) )`). */
  private _tryArith(bodyStart: number): Word | null {
    const saveLines = this._pos;
    this._pos = bodyStart;
    try {
      const w = this._readArithBody();
      if (w) return w;
    } catch (e) {
      if (!(e instanceof ShellSyntaxError) || !e.incomplete) throw e;
      // An unterminated `$((` may still be a command substitution: let that parse report the error.
    }
    this._pos = saveLines;
    return null;
  }

  /** Reads arithmetic text up to the matching `))`; null if a lone `)` closes it first. */
  private _readArithBody(): Word | null {
    const start = this._pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit !== '') parts.push({ type: 'sq', text: lit });
      lit = '';
    };
    let depth = 0;
    for (;;) {
      const c = this._ch(this._pos);
      if (c === '') throw this._error({ kind: 'unterminated', quote: '))' }, start, true);
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          if (this._ch(this._pos + 1) !== ')') return null;
          const raw = this._src.slice(start, this._pos);
          this._pos += 2;
          flush();
          return { parts, raw };
        }
        depth--;
      } else if (c === '$') {
        const part = this._readDollar(true);
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      } else if (c === '`') {
        flush();
        parts.push(this._readBacktick(true));
        continue;
      } else if (c === '"') {
        flush();
        parts.push(this._readDoubleQuoted());
        continue;
      } else if (c === "'") {
        flush();
        parts.push({ type: 'sq', text: this._readSingleQuoted() });
        continue;
      } else if (c === '\\' && this._ch(this._pos + 1) === '\n') {
        this._continuation();
        continue;
      }
      lit += c;
      this._pos++;
    }
  }

  private _readCmdSub(bodyStart: number): WordPart {
    const open = this._pos;
    this._pos = bodyStart;
    this._peeked = null;
    this._enter();
    let body: List;
    try {
      body = this._parseList(new Set([')']), false, true);
    } catch (e) {
      if (e instanceof ShellSyntaxError && e.problem.kind === 'eof') throw this._error({ kind: 'unterminated', quote: ')' }, this._src.length, true);
      throw e;
    }
    this._depth--;
    const t = this._next();
    if (t.kind === 'eof') throw this._error({ kind: 'unterminated', quote: ')' }, this._src.length, true);
    if (t.kind !== 'op' || t.op !== ')') this._unexpected(t);
    return { type: 'cmdsub', body, text: this._src.slice(bodyStart, t.start) };
  }

  /** `<(` or `>(` at `pos`, in a dialect that has process substitution. */
  private _atProcSub(pos: number): boolean {
    const c = this._ch(pos);
    return this._features.procSubst && (c === '<' || c === '>') && this._ch(pos + 1) === '(';
  }

  /** `<(list)` / `>(list)`: the list is parsed like a `$( )` body. */
  private _readProcSub(): WordPart {
    const dir = this._ch(this._pos) === '<' ? '<' : '>';
    const sub = this._readCmdSub(this._pos + 2);
    if (sub.type !== 'cmdsub') return sub;
    return { type: 'procsub', dir, body: sub.body, text: sub.text };
  }

  private _readBacktick(inDq: boolean): WordPart {
    const open = this._pos;
    let i = open + 1;
    let inner = '';
    for (;;) {
      const c = this._ch(i);
      if (c === '') throw this._error({ kind: 'unterminated', quote: '`' }, open, true);
      if (c === '`') break;
      if (c === '\\') {
        const n = this._ch(i + 1);
        if (n === '$' || n === '`' || n === '\\' || (inDq && n === '"')) {
          inner += n;
          i += 2;
          continue;
        }
      }
      inner += c;
      i++;
    }
    this._pos = i + 1;
    const sub = new Parser(inner, { features: { ...this._features, appendNewline: false }, firstLine: this._lineAt(open), alias: this._alias });
    const body: ListItem[] = [];
    for (let l = sub.parseNext(); l !== null; l = sub.parseNext()) body.push(...l);
    return { type: 'cmdsub', body, text: inner };
  }

  private _enter(): void {
    if (++this._depth > 200) throw this._error({ kind: 'other', message: 'expression nested too deeply' }, this._pos, false);
  }

  /** `${...}` */
  private _readBrace(inDq: boolean): WordPart {
    const open = this._pos;
    let i = open + 2;
    const s = this._src;
    const unterminated = () => this._error({ kind: 'unterminated', quote: '}' }, open, true);
    const badUntilClose = (): WordPart => {
      let depth = 0;
      let j = open + 2;
      for (;;) {
        const c = s[j];
        if (c === undefined) throw unterminated();
        if (c === '{') depth++;
        if (c === '}') {
          if (depth === 0) break;
          depth--;
        }
        j++;
      }
      this._pos = j + 1;
      return { type: 'param', name: '', index: null, indirect: false, op: { kind: 'bad', text: s.slice(open, j + 1) } };
    };
    let indirect = false;
    let lengthOp = false;
    if (s[i] === '#' && s[i + 1] !== '}' && /[A-Za-z_0-9@*#?$!-]/.test(s[i + 1] ?? '')) {
      // ${#x}; but ${#-x} / ${#?} mean "$# with default".
      const after = s[i + 2];
      if (!((s[i + 1] === '-' || s[i + 1] === '?' || s[i + 1] === '=' || s[i + 1] === '+') && after !== '}')) {
        lengthOp = true;
        i++;
      }
    } else if (s[i] === '!' && this._features.arrays && /[A-Za-z_]/.test(s[i + 1] ?? '')) {
      indirect = true;
      i++;
    }
    let name: string;
    if (/[A-Za-z_]/.test(s[i] ?? '')) {
      let j = i + 1;
      while (/[A-Za-z0-9_]/.test(s[j] ?? '')) j++;
      name = s.slice(i, j);
      i = j;
    } else if (/[0-9]/.test(s[i] ?? '')) {
      let j = i + 1;
      while (/[0-9]/.test(s[j] ?? '')) j++;
      name = s.slice(i, j);
      i = j;
    } else if (/[@*#?$!-]/.test(s[i] ?? '') && s[i] !== undefined) {
      name = s[i]!;
      i++;
    } else {
      if (s[i] === undefined) throw unterminated();
      return badUntilClose();
    }
    let index: Word | null = null;
    if (s[i] === '[' && this._features.arrays && NAME_RE.test(name)) {
      const close = s.indexOf(']', i);
      if (close < 0) throw unterminated();
      const text = s.slice(i + 1, close);
      index = subWord(text, this._features);
      i = close + 1;
    }
    const mk = (op: ParamOp): ParamPart => ({ type: 'param', name, index, op, indirect });
    if (s[i] === undefined) throw unterminated();
    if (indirect && (s[i] === '*' || s[i] === '@') && s[i + 1] === '}') {
      this._pos = i + 2;
      return { type: 'param', name, index: null, op: { kind: 'names', star: s[i] === '*' }, indirect: false };
    }
    if (s[i] === '}') {
      this._pos = i + 1;
      return mk(lengthOp ? { kind: 'length' } : { kind: 'plain' });
    }
    if (lengthOp) return badUntilClose();
    this._pos = i;
    const c = s[i]!;
    const c2 = s[i + 1] ?? '';
    const arg = (stops: string, pattern = false): Word => this._readBraceArg(stops, inDq, open, pattern);
    const expectClose = () => {
      if (this._ch(this._pos) !== '}') throw unterminated();
      this._pos++;
    };
    if (c === ':' && '-=?+'.includes(c2) && c2 !== '') {
      this._pos = i + 2;
      const a = arg('}');
      expectClose();
      return mk({ kind: 'default', op: c2 as '-', colon: true, arg: a });
    }
    if ('-=?+'.includes(c)) {
      this._pos = i + 1;
      const a = arg('}');
      expectClose();
      return mk({ kind: 'default', op: c as '-', colon: false, arg: a });
    }
    if (c === '#' || c === '%') {
      const op = (c2 === c ? c + c : c) as '#';
      this._pos = i + op.length;
      const a = arg('}', true);
      expectClose();
      return mk({ kind: 'trim', op, arg: a });
    }
    if (c === '/' && (this._features.arrays || this._features.ansiC)) {
      let all = false;
      let anchor: '' | '#' | '%' = '';
      this._pos = i + 1;
      if (c2 === '/') {
        all = true;
        this._pos++;
      } else if ((c2 === '#' || c2 === '%') && this._features.arrays) {
        anchor = c2;
        this._pos++;
      }
      const pattern = arg('/}', true);
      let replacement: Word | null = null;
      if (this._ch(this._pos) === '/') {
        this._pos++;
        replacement = arg('}');
      }
      expectClose();
      return mk({ kind: 'replace', all, anchor, pattern, replacement });
    }
    if (c === ':' && (this._features.arrays || this._features.ansiC)) {
      this._pos = i + 1;
      const offset = arg(':}');
      let length: Word | null = null;
      if (this._ch(this._pos) === ':') {
        this._pos++;
        length = arg('}');
      }
      expectClose();
      return mk({ kind: 'substr', offset, length });
    }
    if ((c === '^' || c === ',') && this._features.arrays) {
      const all = c2 === c;
      this._pos = i + (all ? 2 : 1);
      if (this._ch(this._pos) !== '}') return badUntilClose();
      this._pos++;
      return mk({ kind: 'case', upper: c === '^', all });
    }
    return badUntilClose();
  }

  /** The word inside `${x-word}`: quotes and expansions work, blanks and metacharacters are literal. */
  private _readBraceArg(stops: string, inDq: boolean, open: number, pattern = false): Word {
    const start = this._pos;
    const parts: WordPart[] = [];
    let lit = '';
    // Unquoted literal even inside "...": patterns in "${x%*/}" stay patterns; for `${x:-word}` the enclosing
    // quotes still apply, since the expander passes its quoting down to the word.
    const flush = () => {
      if (lit !== '') parts.push({ type: 'lit', text: lit });
      lit = '';
    };
    let depth = 0;
    for (;;) {
      const c = this._ch(this._pos);
      if (c === '') throw this._error({ kind: 'unterminated', quote: '}' }, open, true);
      if (depth === 0 && stops.includes(c)) break;
      if (c === '{') depth++;
      if (c === '}') depth--;
      if (c === '\\') {
        const n = this._ch(this._pos + 1);
        if (n === '\n') {
          this._pos += 2;
          continue;
        }
        if (!inDq || pattern || n === '$' || n === '`' || n === '\\' || n === '"' || n === '}' || stops.includes(n)) {
          flush();
          parts.push({ type: 'sq', text: n });
          this._pos += 2;
          continue;
        }
      }
      if (c === "'" && (!inDq || pattern)) {
        flush();
        parts.push({ type: 'sq', text: this._readSingleQuoted() });
        continue;
      }
      if (c === '"') {
        flush();
        parts.push(this._readDoubleQuoted());
        continue;
      }
      if (c === '$') {
        const part = this._readDollar(inDq);
        if (part) {
          flush();
          parts.push(part);
          continue;
        }
      }
      if (c === '`') {
        flush();
        parts.push(this._readBacktick(inDq));
        continue;
      }
      if (!inDq && !pattern && this._atProcSub(this._pos)) {
        flush();
        parts.push(this._readProcSub());
        continue;
      }
      lit += c;
      this._pos++;
    }
    flush();
    return { parts, raw: this._src.slice(start, this._pos) };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Here-documents

  private _readHeredocs(): void {
    const pending = this._pending;
    this._pending = [];
    for (const h of pending) {
      let body = '';
      let found = false;
      const bodyLine = this._lineAt(this._pos);
      while (this._pos < this._src.length) {
        const nl = this._src.indexOf('\n', this._pos);
        const end = nl < 0 ? this._src.length : nl;
        let line = this._src.slice(this._pos, end);
        this._pos = nl < 0 ? end : end + 1;
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          found = true;
          break;
        }
        body += line + '\n';
      }
      if (!found) this.unterminatedHeredocs.push({ line: h.line, delimiter: h.delimiter });
      if (h.quoted) h.redir.heredoc = { parts: [{ type: 'sq', text: body }], raw: body };
      else {
        const sub = new Parser(body, { features: { ...this._features, appendNewline: false }, firstLine: bodyLine });
        h.redir.heredoc = { parts: sub._readQuotedParts('', 0), raw: body };
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Grammar

  private _isWord(t: Token, text: string): boolean {
    return t.kind === 'word' && t.word.raw === text && t.word.parts.length === 1 && t.word.parts[0]!.type === 'lit';
  }

  private _reserved(t: Token): string | null {
    if (t.kind !== 'word' || t.word.parts.length !== 1 || t.word.parts[0]!.type !== 'lit') return null;
    const r = t.word.raw;
    if (RESERVED.has(r)) return r;
    if (r === '[[' && this._features.dbracket) return r;
    if (r === 'function' && this._features.functionKeyword) return r;
    return null;
  }

  private _isTerminator(t: Token, terms: ReadonlySet<string>): boolean {
    if (t.kind === 'eof') return true;
    if (t.kind === 'op') return terms.has(t.op);
    if (t.kind === 'word') {
      const r = this._reserved(t);
      return r !== null && terms.has(r);
    }
    return false;
  }

  private _skipNewlines(): void {
    while (this._peek().kind === 'newline') this._next();
  }

  /**
   * A list of and-or lists. At top level it stops at a newline; inside compound commands it runs over newlines
   * until a terminator. `allowEmpty` for `$( )` bodies.
   */
  private _parseList(terms: ReadonlySet<string>, topLevel: boolean, allowEmpty = false): List {
    const items: ListItem[] = [];
    if (!topLevel) this._skipNewlines();
    for (;;) {
      const t = this._peek();
      if (t.kind === 'eof' && !topLevel) this._unexpected(t, expectingOf(terms));
      if (items.length > 0 || allowEmpty) {
        if (this._isTerminator(t, terms) || (topLevel && t.kind === 'newline')) break;
      }
      const start = t.start;
      const andOr = this._parseAndOr();
      const endTok = this._peek();
      let text = this._src.slice(start, endTok.start).trim();
      let background = false;
      if (endTok.kind === 'op' && (endTok.op === ';' || endTok.op === '&')) {
        this._next();
        background = endTok.op === '&';
        items.push({ andOr, background, text });
        if (topLevel) {
          const n = this._peek();
          if (n.kind === 'newline' || n.kind === 'eof') break;
          continue;
        }
        this._skipNewlines();
        continue;
      }
      text = text.replace(/\s+$/, '');
      items.push({ andOr, background, text });
      if (endTok.kind === 'newline') {
        if (topLevel) break;
        this._skipNewlines();
        continue;
      }
      if (this._isTerminator(endTok, terms) || endTok.kind === 'eof') break;
      this._unexpected(endTok);
    }
    return items;
  }

  private _parseAndOr(): AndOr {
    const first = this._parsePipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    for (;;) {
      const t = this._peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this._next();
      this._skipNewlines();
      rest.push({ op: t.op, pipeline: this._parsePipeline() });
    }
    return { first, rest };
  }

  private _parsePipeline(): Pipeline {
    let negate = false;
    const t0 = this._peek();
    const line = this._lineAt(t0.start);
    if (this._isWord(t0, '!')) {
      this._next();
      negate = true;
    }
    const commands: Command[] = [this._parseCommand()];
    const stderrToo: boolean[] = [];
    for (;;) {
      const t = this._peek();
      if (t.kind !== 'op' || (t.op !== '|' && t.op !== '|&')) break;
      this._next();
      stderrToo.push(t.op === '|&');
      this._skipNewlines();
      commands.push(this._parseCommand());
    }
    return { negate, commands, stderrToo, line };
  }

  private _parseCommand(): Command {
    this._enter();
    try {
      return this._parseCommandInner();
    } finally {
      this._depth--;
    }
  }

  private _parseCommandInner(): Command {
    let t = this._peek();
    // Alias expansion in command position.
    if (t.kind === 'word' && this._alias) t = this._expandAliases(t);
    const line = this._lineAt(t.start);
    if (t.kind === 'op' && t.op === '(') {
      if (this._features.arithCommand && this._ch(t.start + 1) === '(') {
        const save = this._pos;
        this._peeked = null;
        this._pos = t.start + 2;
        const expr = this._readArithBody();
        if (expr) return this._withRedirs({ type: 'arithcmd', expr, line }, line);
        this._pos = save;
        this._peeked = t;
      }
      this._next();
      const body = this._parseList(new Set([')']), false);
      this._expect(')', null);
      return this._withRedirs({ type: 'subshell', body, line }, line);
    }
    const r = this._reserved(t);
    if (r !== null) {
      if (CLOSERS.has(r)) this._unexpected(t);
      switch (r) {
        case 'if':
          return this._withRedirs(this._parseIf(line), line);
        case 'while':
        case 'until':
          return this._withRedirs(this._parseWhile(r === 'until', line), line);
        case 'for':
          return this._withRedirs(this._parseFor(line), line);
        case 'case':
          return this._withRedirs(this._parseCase(line), line);
        case '{': {
          this._next();
          const body = this._parseList(new Set(['}']), false);
          this._expect('}', '}');
          return this._withRedirs({ type: 'group', body, line }, line);
        }
        case '[[':
          return this._withRedirs(this._parseDbracket(line), line);
        case 'function':
          return this._parseFunctionKeyword(line);
        case '!':
        case 'in':
          this._unexpected(t);
      }
    }
    if (t.kind === 'word' || (t.kind === 'op' && isRedirOp(t.op))) return this._parseSimple(line);
    this._unexpected(t);
  }

  private _expandAliases(t: Token): Token {
    for (let guard = 0; guard < 50; guard++) {
      if (t.kind !== 'word' || t.word.parts.length !== 1 || t.word.parts[0]!.type !== 'lit') return t;
      const name = t.word.raw;
      if (RESERVED.has(name)) return t;
      const value = this._alias!(name);
      if (value === undefined) return t;
      if (this._aliasGuard.some((g) => g.name === name && g.end > t.start)) return t;
      this._src = this._src.slice(0, t.start) + value + this._src.slice(t.end);
      const delta = value.length - (t.end - t.start);
      for (const g of this._aliasGuard) if (g.end > t.start) (g as { end: number }).end += delta;
      this._aliasGuard.push({ name, end: t.start + value.length });
      this._aliasNext = /[ \t]$/.test(value);
      this._indexLines();
      this._pos = t.start;
      this._peeked = null;
      t = this._peek();
    }
    return t;
  }

  private _expect(what: string, expecting: string | null): Token {
    const t = this._next();
    if (t.kind === 'op' && t.op === what && what === ')') return t;
    if (t.kind === 'word' && this._reserved(t) === what) return t;
    if (t.kind === 'eof') this._unexpected(t, expecting ?? what);
    this._unexpected(t);
  }

  private _withRedirs(body: CompoundCommand, line: number): Command {
    const redirs: Redir[] = [];
    for (;;) {
      const t = this._peek();
      if (t.kind === 'op' && isRedirOp(t.op)) {
        redirs.push(this._parseRedir());
        continue;
      }
      break;
    }
    return { type: 'compound', body, redirs, line };
  }

  private _parseIf(line: number): CompoundCommand {
    this._next();
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | null = null;
    for (;;) {
      const cond = this._parseList(new Set(['then']), false);
      this._expect('then', 'then');
      const body = this._parseList(new Set(['elif', 'else', 'fi']), false);
      clauses.push({ cond, body });
      const t = this._next();
      const r = this._reserved(t);
      if (r === 'elif') continue;
      if (r === 'else') {
        elseBody = this._parseList(new Set(['fi']), false);
        this._expect('fi', 'fi');
        break;
      }
      if (r === 'fi') break;
      this._unexpected(t, 'fi');
    }
    return { type: 'if', clauses, elseBody, line };
  }

  private _parseWhile(until: boolean, line: number): CompoundCommand {
    this._next();
    const cond = this._parseList(new Set(['do']), false);
    this._expect('do', 'do');
    const body = this._parseList(new Set(['done']), false);
    this._expect('done', 'done');
    return { type: 'while', until, cond, body, line };
  }

  private _parseDoGroup(): List {
    this._skipNewlines();
    const t = this._peek();
    if (this._reserved(t) === '{') {
      this._next();
      const body = this._parseList(new Set(['}']), false);
      this._expect('}', '}');
      return body;
    }
    this._expect('do', 'do');
    const body = this._parseList(new Set(['done']), false);
    this._expect('done', 'done');
    return body;
  }

  private _parseFor(line: number): CompoundCommand {
    const forTok = this._next();
    const t = this._peek();
    if (this._features.arithCommand && t.kind === 'op' && t.op === '(' && this._ch(t.start + 1) === '(') {
      this._peeked = null;
      this._pos = t.start + 2;
      const body = this._readArithBody();
      if (!body) this._unexpected(t);
      const sections = splitArithFor(body.raw);
      if (!sections) throw this._error({ kind: 'other', message: 'syntax error: arithmetic expression required' }, t.start, false);
      const [init, cond, step] = sections.map((s) => subArith(s, this._features));
      const sep = this._peek();
      if (sep.kind === 'op' && sep.op === ';') this._next();
      const doBody = this._parseDoGroup();
      return { type: 'arithfor', init: init!, cond: cond!, step: step!, body: doBody, line };
    }
    const nameTok = this._next();
    if (nameTok.kind !== 'word' || !NAME_RE.test(nameTok.word.raw)) {
      if (nameTok.kind === 'eof') this._unexpected(nameTok);
      if (nameTok.kind === 'word' && this._features.arrays) throw this._error({ kind: 'other', message: `\`${nameTok.word.raw}': not a valid identifier` }, nameTok.start, false);
      if (nameTok.kind !== 'word' && this._features.arrays) this._unexpected(nameTok);
      throw this._error({ kind: 'badfor' }, nameTok.start, false);
    }
    void forTok;
    let items: Word[] | null = null;
    this._skipNewlinesIfIn();
    const n = this._peek();
    if (this._isWord(n, 'in')) {
      this._next();
      items = [];
      for (;;) {
        const w = this._peek();
        if (w.kind !== 'word') break;
        this._next();
        items.push(w.word);
      }
      const sep = this._peek();
      if (sep.kind === 'op' && sep.op === ';') this._next();
      else if (sep.kind !== 'newline') this._unexpected(sep, 'do');
    } else if (n.kind === 'op' && n.op === ';') {
      this._next();
    }
    const body = this._parseDoGroup();
    return { type: 'for', name: nameTok.word.raw, items, body, line };
  }

  private _skipNewlinesIfIn(): void {
    // `for x\nin a b` is valid: newlines may come before `in` (or `do`).
    this._skipNewlines();
  }

  private _parseCase(line: number): CompoundCommand {
    this._next();
    const wt = this._next();
    if (wt.kind !== 'word') this._unexpected(wt, 'word');
    this._skipNewlines();
    const inTok = this._next();
    if (!this._isWord(inTok, 'in')) this._unexpected(inTok, 'in');
    const items: CaseItem[] = [];
    for (;;) {
      this._skipNewlines();
      let t = this._peek();
      if (this._isWord(t, 'esac')) {
        this._next();
        break;
      }
      if (t.kind === 'op' && t.op === '(') {
        this._next();
        t = this._peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        const p = this._next();
        if (p.kind !== 'word') this._unexpected(p, ')');
        patterns.push(p.word);
        const sep = this._next();
        if (sep.kind === 'op' && sep.op === '|') continue;
        if (sep.kind === 'op' && sep.op === ')') break;
        this._unexpected(sep, ')');
      }
      const body = this._parseList(new Set([';;', ';&', ';;&', 'esac']), false, true);
      const end = this._peek();
      let term: CaseItem['term'] = ';;';
      if (end.kind === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) {
        this._next();
        term = end.op;
        items.push({ patterns, body, term });
        continue;
      }
      items.push({ patterns, body, term });
      if (this._isWord(end, 'esac')) {
        this._next();
        break;
      }
      this._unexpected(end, 'esac');
    }
    return { type: 'case', word: wt.word, items, line };
  }

  private _parseDbracket(line: number): CompoundCommand {
    this._next();
    const expr = this._condOr();
    const t = this._next();
    if (!this._isWord(t, ']]')) this._unexpected(t);
    return { type: 'dbracket', expr, line };
  }

  private _condPeek(): Token {
    const t = this._peek();
    if (t.kind === 'newline') this._unexpected(t);
    if (t.kind === 'eof') this._unexpected(t);
    return t;
  }

  private _condOr(): CondExpr {
    let left = this._condAnd();
    for (;;) {
      const t = this._condPeek();
      if (t.kind === 'op' && t.op === '||') {
        this._next();
        left = { type: 'or', left, right: this._condAnd() };
      } else return left;
    }
  }

  private _condAnd(): CondExpr {
    let left = this._condNot();
    for (;;) {
      const t = this._condPeek();
      if (t.kind === 'op' && t.op === '&&') {
        this._next();
        left = { type: 'and', left, right: this._condNot() };
      } else return left;
    }
  }

  private _condNot(): CondExpr {
    const t = this._condPeek();
    if (this._isWord(t, '!')) {
      this._next();
      return { type: 'not', expr: this._condNot() };
    }
    return this._condPrimary();
  }

  private _condWord(): Word {
    const t = this._condPeek();
    if (t.kind !== 'word' || this._isWord(t, ']]')) this._unexpected(t);
    this._next();
    return t.word;
  }

  private _condPrimary(): CondExpr {
    this._enter();
    try {
      const t = this._condPeek();
      if (t.kind === 'op' && t.op === '(') {
        this._next();
        const e = this._condOr();
        const c = this._next();
        if (c.kind !== 'op' || c.op !== ')') this._unexpected(c);
        return e;
      }
      if (t.kind !== 'word' || this._isWord(t, ']]')) this._unexpected(t);
      this._next();
      const w = t.word;
      if (UNARY_TESTS.has(w.raw) && w.parts.length === 1 && w.parts[0]!.type === 'lit') {
        const n = this._condPeek();
        if (!(n.kind === 'word' && this._isWord(n, ']]'))) {
          if (n.kind === 'word') {
            this._next();
            return { type: 'unary', op: w.raw, arg: n.word };
          }
        }
      }
      const n = this._condPeek();
      if (n.kind === 'op' && (n.op === '<' || n.op === '>')) {
        this._next();
        return { type: 'binary', op: n.op, left: w, right: this._condWord() };
      }
      if (n.kind === 'word' && BINARY_TESTS.has(n.word.raw) && n.word.parts.length === 1 && n.word.parts[0]!.type === 'lit') {
        this._next();
        if (n.word.raw === '=~') {
          this._unpeek();
          this._skipBlanks();
          const rt = this._lexWord('regex');
          if (rt.kind !== 'word' || rt.word.raw === '') this._unexpected(this._peek());
          return { type: 'binary', op: '=~', left: w, right: rt.word };
        }
        return { type: 'binary', op: n.word.raw, left: w, right: this._condWord() };
      }
      return { type: 'word', arg: w };
    } finally {
      this._depth--;
    }
  }

  private _parseFunctionKeyword(line: number): Command {
    const start = this._next().start;
    const nameTok = this._next();
    if (nameTok.kind !== 'word') this._unexpected(nameTok);
    const t = this._peek();
    if (t.kind === 'op' && t.op === '(') {
      this._next();
      const c = this._next();
      if (c.kind !== 'op' || c.op !== ')') this._unexpected(c);
    }
    this._skipNewlines();
    const body = this._parseFunctionBody();
    return { type: 'funcdef', name: nameTok.word.raw, body, line, text: this._src.slice(start, this._peek().start).trim() };
  }

  private _parseFunctionBody(): Command {
    const t = this._peek();
    const r = this._reserved(t);
    if ((r !== null && !CLOSERS.has(r) && r !== '!' && r !== 'in' && r !== 'function') || (t.kind === 'op' && t.op === '(')) {
      return this._parseCommand();
    }
    this._unexpected(t);
  }

  private _parseSimple(line: number): Command {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    const start = this._peek().start;
    for (;;) {
      let t = this._peek();
      if (t.kind === 'op' && isRedirOp(t.op)) {
        redirs.push(this._parseRedir());
        continue;
      }
      if (t.kind !== 'word') break;
      if (words.length === 0 && assigns.length > 0 && this._alias && this._aliasNext === false) {
        // A word after assignments is in command position: aliases apply.
        t = this._expandAliases(t);
        if (t.kind !== 'word') continue;
      } else if (words.length > 0 && this._aliasNext && this._alias) {
        this._aliasNext = false;
        t = this._expandAliases(t);
        if (t.kind !== 'word') continue;
      }
      if (words.length === 0) {
        const a = this._assignment(t);
        if (a) {
          this._next();
          assigns.push(a);
          continue;
        }
      }
      this._next();
      if (t.array) {
        // `declare -a a=(x y)`: declaration builtins take the list as text; elsewhere it is an error.
        if (!['declare', 'typeset', 'local', 'export', 'readonly'].includes(words[0]?.raw ?? '')) throw this._error({ kind: 'token', token: '(' }, t.end, false);
        const parts: WordPart[] = [...t.word.parts, { type: 'lit', text: '(' }];
        t.array.forEach((item, i) => {
          if (i > 0) parts.push({ type: 'sq', text: ' ' });
          parts.push(...item.parts);
        });
        parts.push({ type: 'lit', text: ')' });
        words.push({ parts, raw: this._src.slice(t.start, t.end) });
        continue;
      }
      words.push(t.word);
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const n = this._peek();
        if (n.kind === 'op' && n.op === '(') {
          this._next();
          const c = this._next();
          if (c.kind !== 'op' || c.op !== ')') this._unexpected(c);
          this._skipNewlines();
          const body = this._parseFunctionBody();
          return { type: 'funcdef', name: t.word.raw, body, line, text: this._src.slice(start, this._peek().start).trim() };
        }
      }
    }
    this._aliasNext = false;
    const cmd: SimpleCommand = { type: 'simple', assigns, words, redirs, line };
    return cmd;
  }

  private _assignment(t: Token): Assign | null {
    if (t.kind !== 'word') return null;
    const first = t.word.parts[0];
    if (!first || first.type !== 'lit') return null;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=/.exec(first.text);
    if (!m) return null;
    if ((m[2] || m[3]) && !this._features.arrays) return null;
    const restText = first.text.slice(m[0].length);
    const parts: WordPart[] = restText === '' ? [] : [{ type: 'lit', text: restText }];
    parts.push(...t.word.parts.slice(1));
    const name = m[2] ? m[1]! + m[2] : m[1]!;
    return {
      name,
      value: { parts, raw: t.word.raw.slice(m[0].length) },
      append: m[3] === '+',
      array: t.array,
    };
  }

  private _parseRedir(): Redir {
    const t = this._next() as Extract<Token, { kind: 'op' }>;
    const op = t.op as RedirOp;
    const target = this._next();
    if (target.kind !== 'word') this._unexpected(target);
    const redir: Redir = { fd: t.fd, op, target: target.word };
    if (op === '<<' || op === '<<-') {
      const { text, quoted } = heredocDelimiter(target.word);
      this._pending.push({ redir, delimiter: text, quoted, strip: op === '<<-', line: this._lineAt(t.start) });
    }
    return redir;
  }
}

function expectingOf(terms: ReadonlySet<string>): string | null {
  for (const w of ['fi', 'then', 'do', 'done', '}', ')', 'esac']) if (terms.has(w)) return w;
  return null;
}

function isRedirOp(op: string): boolean {
  return op === '<' || op === '>' || op === '>>' || op === '>|' || op === '<>' || op === '<&' || op === '>&' || op === '&>' || op === '&>>' || op === '<<' || op === '<<-' || op === '<<<';
}

function param(name: string): ParamPart {
  return { type: 'param', name, index: null, op: { kind: 'plain' }, indirect: false };
}

/** The delimiter with quotes removed, and whether any quoting was present (then the body is literal). */
function heredocDelimiter(w: Word): { text: string; quoted: boolean } {
  let text = '';
  let quoted = false;
  const walk = (parts: readonly WordPart[]) => {
    for (const p of parts) {
      if (p.type === 'lit') text += p.text;
      else if (p.type === 'sq') {
        text += p.text;
        quoted = true;
      } else if (p.type === 'dq') {
        quoted = true;
        walk(p.parts);
      } else if (p.type === 'tilde') text += '~' + p.user;
      else {
        // `$x` in a delimiter is taken literally.
        text += '$';
      }
    }
  };
  walk(w.parts);
  if (w.raw.includes('$') && !quoted) text = w.raw;
  return { text, quoted };
}

/** Parses text as a word with double-quote-like rules (array subscripts, arithmetic sections). */
function subWord(text: string, features: ParserFeatures): Word {
  const p = new Parser(text, { features: { ...features, appendNewline: false } });
  return { parts: (p as unknown as { _readQuotedParts(close: string, open: number): WordPart[] })._readQuotedParts('', 0), raw: text };
}

function subArith(text: string, features: ParserFeatures): Word {
  return subWord(text, features);
}

function splitArithFor(raw: string): [string, string, string] | null {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of raw) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ';' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  if (out.length !== 3) return null;
  return [out[0]!, out[1]!, out[2]!];
}

/** Decodes one `$'...'` escape starting after the backslash; returns the text and how many characters it used. */
export function ansiEscape(s: string, i: number): [string, number] {
  const c = s[i] ?? '';
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  if (c in simple) return [simple[c]!, 1];
  if (c >= '0' && c <= '7') {
    let j = i;
    while (j < i + 3 && s[j]! >= '0' && s[j]! <= '7') j++;
    return [String.fromCharCode(parseInt(s.slice(i, j), 8) & 0xff), j - i];
  }
  if (c === 'x') {
    let j = i + 1;
    while (j < i + 3 && /[0-9a-fA-F]/.test(s[j] ?? '')) j++;
    if (j === i + 1) return ['\\x', 1];
    return [String.fromCharCode(parseInt(s.slice(i + 1, j), 16)), j - i];
  }
  if (c === 'u' || c === 'U') {
    let j = i + 1;
    while (j < i + (c === 'u' ? 5 : 9) && /[0-9a-fA-F]/.test(s[j] ?? '')) j++;
    if (j === i + 1) return ['\\' + c, 1];
    return [String.fromCodePoint(parseInt(s.slice(i + 1, j), 16)), j - i];
  }
  if (c === 'c') return [String.fromCharCode((s.charCodeAt(i + 1) || 64) & 0x1f), 2];
  if (c === '') return ['\\', 0];
  return ['\\' + c, 1];
}
