/**
 * Variable substitution and word splitting for Dockerfile instructions, following BuildKit's
 * `frontend/dockerfile/shell/lex.go` (docker.md §6.5): `$V ${V} ${V:-w} ${V-w} ${V:+w} ${V+w} ${V:?m} ${V?m}`,
 * `${V#p} ${V##p} ${V%p} ${V%%p} ${V/p/r} ${V//p/r}`, quotes and the escape token.
 *
 * The caller passes the variables as they were *before* the instruction (`ENV a=1 b=$a` sees the old `a`), which
 * is BuildKit's rule; this module never mutates the environment.
 */
import { goQuote, isGoSpace } from './goQuote';

export type EscapeToken = '\\' | '`';

/** A read-only variable lookup; a `Map` or plain record works too. */
export interface EnvGetter {
  get(name: string): string | undefined;
}
export type Env = EnvGetter | ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export interface LexOptions {
  /** `\` (default) or `` ` `` (after `# escape=\``). */
  readonly escapeToken?: EscapeToken;
  /** Keep quote characters in the result (BuildKit uses this to detect quoted heredoc names). */
  readonly rawQuotes?: boolean;
  /** Keep escape characters in the result. */
  readonly rawEscapes?: boolean;
  /** Treat quotes as ordinary characters. */
  readonly skipProcessQuotes?: boolean;
  /** Leave references to unset variables as written (`$X`, `${X:-y}`). */
  readonly skipUnsetEnv?: boolean;
}

/** A substitution that Docker rejects; `message` is Docker's text: `failed to process "<word>": <reason>`. */
export class SubstitutionError extends Error {
  override readonly name = 'SubstitutionError';
  constructor(
    /** The bare reason, e.g. `syntax error: missing '}'`. */
    readonly reason: string,
    /** The word being processed. */
    readonly source: string,
  ) {
    super(`failed to process ${goQuote(source)}: ${reason}`);
  }
}

export interface SubstitutionResult {
  /** The word with variables replaced and quotes removed (ProcessWord). */
  readonly result: string;
  /** The same split into words after substitution (ProcessWords). */
  readonly words: readonly string[];
  /** Variables that were looked up and found / not found (BuildKit reports unused build args from these). */
  readonly matched: ReadonlySet<string>;
  readonly unmatched: ReadonlySet<string>;
}

/** `ProcessWord`: substitute variables in `word` and remove quotes. */
export function substitute(word: string, env: Env, options: LexOptions = {}): string {
  return process(word, env, options).result;
}

/** `ProcessWords`: substitute, then split into words on unquoted whitespace (EXPOSE, heredoc names...). */
export function substituteWords(word: string, env: Env, options: LexOptions = {}): string[] {
  return [...process(word, env, options).words];
}

/** Both forms plus the variables used. */
export function substituteWithMatches(word: string, env: Env, options: LexOptions = {}): SubstitutionResult {
  return process(word, env, options);
}

const EOF = -1;
type Ch = number; // a code point or EOF

class Fail {
  constructor(readonly reason: string) {}
}

function toGetter(env: Env): (name: string) => string | undefined {
  if (env instanceof Map) return (n) => env.get(n);
  if (typeof (env as EnvGetter).get === 'function') return (n) => (env as EnvGetter).get(n);
  const rec = env as Readonly<Record<string, string>>;
  return (n) => (Object.prototype.hasOwnProperty.call(rec, n) ? rec[n] : undefined);
}

function process(word: string, env: Env, options: LexOptions): SubstitutionResult {
  const lexer = new Lexer(word, toGetter(env), options);
  try {
    const [result, words] = lexer.processStopOn(EOF, options.rawEscapes ?? false);
    return { result, words, matched: lexer.matched, unmatched: lexer.unmatched };
  } catch (e) {
    if (e instanceof Fail) throw new SubstitutionError(e.reason, word);
    throw e;
  }
}

/** Word accumulation as lex.go's wordsStruct: whitespace produced by plain text or `$` expansions splits words. */
class Words {
  private _buf = '';
  private _inWord = false;
  readonly words: string[] = [];
  addChar(ch: string): void {
    if (isGoSpace(ch)) {
      if (this._inWord && this._buf.length !== 0) {
        this.words.push(this._buf);
        this._buf = '';
        this._inWord = false;
      }
    } else this.addRawChar(ch);
  }
  addRawChar(ch: string): void {
    this._buf += ch;
    this._inWord = true;
  }
  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }
  addRawString(s: string): void {
    this._buf += s;
    this._inWord = true;
  }
  finish(): string[] {
    if (this._buf.length > 0) {
      this.words.push(this._buf);
      this._buf = '';
      this._inWord = false;
    }
    return this.words;
  }
}

const cp = (s: string): number => s.codePointAt(0)!;
const DOLLAR = cp('$');
const SQUOTE = cp("'");
const DQUOTE = cp('"');
const LBRACE = cp('{');
const RBRACE = cp('}');
const COLON = cp(':');
const SLASH = cp('/');

class Lexer {
  private readonly _chars: number[];
  private _pos = 0;
  private _rawEscapes: boolean;
  private readonly _escape: number;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(
    word: string,
    private readonly _get: (name: string) => string | undefined,
    private readonly _opts: LexOptions,
  ) {
    this._chars = Array.from(word, (c) => c.codePointAt(0)!);
    // Go's text/scanner skips a byte-order mark at the very start of its input.
    if (this._chars[0] === 0xfeff) this._pos = 1;
    this._rawEscapes = _opts.rawEscapes ?? false;
    this._escape = cp(_opts.escapeToken ?? '\\');
  }

  private _peek(): Ch {
    return this._pos < this._chars.length ? this._chars[this._pos]! : EOF;
  }
  private _next(): Ch {
    return this._pos < this._chars.length ? this._chars[this._pos++]! : EOF;
  }

  processStopOn(stop: Ch, rawEscapes: boolean): [string, string[]] {
    let result = '';
    const words = new Words();
    const saved = this._rawEscapes;
    this._rawEscapes = rawEscapes;
    try {
      while (this._peek() !== EOF) {
        let ch = this._peek();
        if (stop !== EOF && ch === stop) {
          this._next();
          return [result, words.finish()];
        }
        const quote = !this._opts.skipProcessQuotes && (ch === SQUOTE || ch === DQUOTE);
        if (ch === DOLLAR || quote) {
          const tmp = ch === DOLLAR ? this._dollar() : ch === SQUOTE ? this._singleQuote() : this._doubleQuote();
          result += tmp;
          if (ch === DOLLAR) words.addString(tmp);
          else words.addRawString(tmp);
          continue;
        }
        ch = this._next();
        if (ch === this._escape) {
          if (this._rawEscapes) {
            words.addRawChar(String.fromCodePoint(ch));
            result += String.fromCodePoint(ch);
          }
          ch = this._next();
          if (ch === EOF) break;
          words.addRawChar(String.fromCodePoint(ch));
        } else words.addChar(String.fromCodePoint(ch));
        result += String.fromCodePoint(ch);
      }
      if (stop !== EOF) throw new Fail(`unexpected end of statement while looking for matching ${String.fromCodePoint(stop)}`);
      return [result, words.finish()];
    } finally {
      this._rawEscapes = saved;
    }
  }

  private _singleQuote(): string {
    let result = '';
    let ch = this._next();
    if (this._opts.rawQuotes) result += String.fromCodePoint(ch);
    for (;;) {
      ch = this._next();
      if (ch === EOF) throw new Fail('unexpected end of statement while looking for matching single-quote');
      if (ch === SQUOTE) {
        if (this._opts.rawQuotes) result += "'";
        return result;
      }
      result += String.fromCodePoint(ch);
    }
  }

  private _doubleQuote(): string {
    let result = '';
    const open = this._next();
    if (this._opts.rawQuotes) result += String.fromCodePoint(open);
    for (;;) {
      const p = this._peek();
      if (p === EOF) throw new Fail('unexpected end of statement while looking for matching double-quote');
      if (p === DQUOTE) {
        this._next();
        if (this._opts.rawQuotes) result += '"';
        return result;
      }
      if (p === DOLLAR) {
        result += this._dollar();
        continue;
      }
      let ch = this._next();
      if (ch === this._escape) {
        if (this._rawEscapes) result += String.fromCodePoint(ch);
        const n = this._peek();
        if (n === EOF) continue; // an escape at the very end is dropped
        if (n === DQUOTE || n === DOLLAR || n === this._escape) ch = this._next();
      }
      result += String.fromCodePoint(ch);
    }
  }

  private _lookup(name: string): string | undefined {
    const v = this._get(name);
    if (v !== undefined) this.matched.add(name);
    else this.unmatched.add(name);
    return v;
  }

  private _dollar(): string {
    this._next(); // $
    if (this._peek() !== LBRACE) {
      const name = this._name();
      if (name === '') return '$';
      const v = this._lookup(name);
      if (v === undefined && this._opts.skipUnsetEnv) return '$' + name;
      return v ?? '';
    }
    this._next(); // {
    const first = this._peek();
    if (first === EOF) throw new Fail("syntax error: missing '}'");
    if (first === LBRACE || first === RBRACE || first === COLON) throw new Fail('syntax error: bad substitution');
    const name = this._name();
    let ch = this._next();
    // Go converts EOF (-1) to U+FFFD when it prints the modifier.
    const show = (c: Ch) => (c === EOF ? '\ufffd' : String.fromCodePoint(c));
    let chs = show(ch);
    let nullIsUnset = false;
    switch (ch) {
      case RBRACE: {
        const v = this._lookup(name);
        if (v === undefined && this._opts.skipUnsetEnv) return '${' + name + '}';
        return v ?? '';
      }
      case SLASH:
        return this._replace(name);
      case COLON:
        nullIsUnset = true;
        ch = this._next();
        chs += show(ch);
        break;
      case cp('+'): case cp('-'): case cp('?'): case cp('#'): case cp('%'):
        break;
      default:
        throw new Fail(`unsupported modifier (${chs}) in substitution`);
    }
    const patternMod = ch === cp('#') || ch === cp('%');
    if (nullIsUnset && patternMod) throw new Fail(`unsupported modifier (${chs}) in substitution`);
    let word: string;
    try {
      [word] = this.processStopOn(RBRACE, patternMod);
    } catch (e) {
      if (e instanceof Fail && this._peek() === EOF) throw new Fail("syntax error: missing '}'");
      throw e;
    }
    const value = this._lookup(name);
    const set = value !== undefined;
    if (this._opts.skipUnsetEnv && !set) return '${' + name + chs + word + '}';
    const v = value ?? '';
    switch (ch) {
      case cp('-'):
        return !set || (nullIsUnset && v === '') ? word : v;
      case cp('+'):
        return !set || (nullIsUnset && v === '') ? '' : word;
      case cp('?'):
        if (!set) throw new Fail(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
        if (nullIsUnset && v === '') throw new Fail(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
        return v;
      case cp('%'):
      case cp('#'): {
        let greedy = false;
        let pattern = word;
        if (pattern.length > 0 && pattern.codePointAt(0) === ch) {
          greedy = true;
          pattern = pattern.slice(1);
        }
        return ch === cp('%') ? trimSuffix(pattern, v, greedy) : trimPrefix(pattern, v, greedy);
      }
      default:
        throw new Fail(`unsupported modifier (${chs}) in substitution`);
    }
  }

  private _replace(name: string): string {
    const all = this._peek() === SLASH;
    if (all) this._next();
    let pattern: string;
    try {
      [pattern] = this.processStopOn(SLASH, true);
    } catch (e) {
      if (e instanceof Fail && this._peek() === EOF) throw new Fail("syntax error: missing '/' in ${}");
      throw e;
    }
    let replacement: string;
    try {
      [replacement] = this.processStopOn(RBRACE, true);
    } catch (e) {
      if (e instanceof Fail && this._peek() === EOF) throw new Fail("syntax error: missing '}'");
      throw e;
    }
    const value = this._lookup(name);
    if (this._opts.skipUnsetEnv && value === undefined) return '${' + name + '/' + pattern + '/' + replacement + '}';
    const re = patternToRegExp(pattern, true, false, all);
    const v = value ?? '';
    if (all) return replaceAllLiteral(v, re, replacement);
    const m = re.exec(v);
    return m ? v.slice(0, m.index) + replacement + v.slice(m.index + m[0].length) : v;
  }

  /** A name: letters/digits/_ ; a leading digit reads digits only; one special parameter character. */
  private _name(): string {
    let name = '';
    while (this._peek() !== EOF) {
      const c = this._peek();
      const s = String.fromCodePoint(c);
      if (name.length === 0 && /^\p{Nd}$/u.test(s)) {
        while (this._peek() !== EOF && /^\p{Nd}$/u.test(String.fromCodePoint(this._peek()))) name += String.fromCodePoint(this._next());
        return name;
      }
      if (name.length === 0 && '@*#?-$!0'.includes(s)) {
        this._next();
        return s;
      }
      if (!/^[\p{L}\p{Nd}_]$/u.test(s)) break;
      name += String.fromCodePoint(this._next());
    }
    return name;
  }
}

/** Go's regexp ReplaceAllString with a replacement that has no `$` references... except that it does expand them. */
function replaceAllLiteral(value: string, re: RegExp, replacement: string): string {
  // Go expands $1/${name} in ReplaceAllString's template; patterns here have no groups, so `$x` becomes empty
  // (Go treats unknown names as empty) and `$$` becomes `$`.
  const template = expandGoTemplate(replacement);
  let out = '';
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    out += value.slice(last, m.index) + template;
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      // Go advances past an empty match by one character and copies it.
      if (m.index >= value.length) break;
      const step = value.codePointAt(m.index)! > 0xffff ? 2 : 1;
      out += value.slice(m.index, m.index + step);
      last = m.index + step;
      re.lastIndex = last;
    }
  }
  return out + value.slice(last);
}

function expandGoTemplate(t: string): string {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c !== '$' || i + 1 >= t.length) {
      out += c;
      continue;
    }
    const n = t[i + 1]!;
    if (n === '$') {
      out += '$';
      i++;
    } else if (n === '{') {
      const close = t.indexOf('}', i + 2);
      if (close < 0) out += c;
      else i = close; // ${name}: no such group, expands to nothing
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(t.slice(i + 1));
      if (m) i += m[0].length;
      else out += c;
    }
  }
  return out;
}

/**
 * A shell pattern (`*`, `?`, `\` escapes; no bracket expressions) as a regular expression, as lex.go's
 * convertShellPatternToRegex. Invalid escapes are a substitution error.
 */
function patternToRegExp(pattern: string, greedy: boolean, anchored: boolean, global = false): RegExp {
  const chars = Array.from(pattern);
  let out = anchored ? '^' : '';
  // Go's `.` stops at a newline (no (?s) flag); JS's `.` also stops at \r and U+2028/9, so spell it out.
  const star = greedy ? '[^\\n]*' : '[^\\n]*?';
  for (let i = 0; i < chars.length; i++) {
    let tok = chars[i]!;
    if (tok === '*') {
      out += star;
      continue;
    }
    if (tok === '?') {
      out += '[^\\n]';
      continue;
    }
    if (tok === '\\') {
      const peek = chars[i + 1];
      if (peek === '}' || peek === '/') continue; // the escape of a ${} delimiter is not part of the pattern
      tok = chars[++i] ?? '';
      if (tok !== '*' && tok !== '?' && tok !== '\\') {
        throw new Fail(`invalid pattern (${pattern}) in substitution: invalid escape '\\${tok === '' ? '\ufffd' : tok}'`);
      }
      out += '\\' + tok;
      continue;
    }
    if ('[]{}.+()|^$'.includes(tok)) out += '\\' + tok;
    else out += tok;
  }
  return new RegExp(out, global ? 'gu' : 'u');
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const m = patternToRegExp(pattern, greedy, true).exec(value);
  return m ? value.slice(m[0].length) : value;
}

/** Reverse a pattern without separating escapes from what they escape (`a\*c` → `c\*a`). */
function reversePattern(pattern: string): string {
  const rs = Array.from(pattern);
  const out: string[] = new Array(rs.length);
  const last = rs.length - 1;
  for (let i = 0; i <= last; ) {
    const tok = rs[i]!;
    const o = last - i;
    if (tok === '\\' && i !== last) {
      out[o - 1] = tok;
      out[o] = rs[i + 1]!;
      i += 2;
    } else {
      out[o] = tok;
      i++;
    }
  }
  return out.join('');
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  // Shortest/longest rightmost match = leftmost match on the reversed string with the reversed pattern.
  const rev = (s: string) => Array.from(s).reverse().join('');
  return rev(trimPrefix(reversePattern(pattern), rev(value), greedy));
}
