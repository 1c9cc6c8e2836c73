/**
 * POSIX regular expressions (BRE and ERE, with the GNU extensions grep and sed accept) translated to JavaScript
 * RegExp, plus POSIX leftmost-longest matching on top of JS's leftmost-first engine.
 *
 * Translation notes:
 * - BRE: `\( \) \{ \} \| \+ \?` are operators, `+ ? { } | ( )` are literal; `*` is literal at the start of an
 *   expression; `^`/`$` anchor only at the ends of an expression or group (GNU), else literal.
 * - ERE: `( ) | + ? {m,n}` are operators; `{` not starting a valid interval is literal (GNU).
 * - Brackets: backslash is literal inside `[...]`; `[:class:]`, `[=c=]`, `[.c.]`; `]` first is literal.
 * - `.` and `[^...]` match newline (sed's pattern space may hold several lines): the `s` flag is used.
 * - GNU escapes: `\w \W \s \S \b \B \< \> \` \'`, back-references `\1`-`\9`; sed adds `\n \t`.
 */

export type RegexSyntax = 'basic' | 'extended';

export interface PosixRegexOptions {
  readonly syntax: RegexSyntax;
  readonly ignoreCase?: boolean;
  /** sed: `\n`, `\t` and friends mean control characters. */
  readonly sedEscapes?: boolean;
  /** Back-references and group numbers start after this many groups (several -e patterns joined). */
  readonly groupOffset?: number;
}

/** A malformed expression; `message` is GNU's wording (`Unmatched ( or \(`). */
export class PosixRegexError extends Error {
  override readonly name = 'PosixRegexError';
}

export interface Translation {
  readonly source: string;
  /** Capturing groups in this expression. */
  readonly groups: number;
  /** Alternation or optional/repeated groups: JS's first match may be shorter than POSIX's longest. */
  readonly ambiguous: boolean;
}

const WORD = '[\\p{L}\\p{N}_]';
const NOT_WORD = '[^\\p{L}\\p{N}_]';

const CLASSES: Readonly<Record<string, string>> = {
  alpha: '\\p{L}',
  digit: '0-9',
  alnum: '\\p{L}\\p{N}',
  upper: '\\p{Lu}',
  lower: '\\p{Ll}',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: '\\x20-\\x7e\\u00a0-\\u{10ffff}',
  graph: '\\x21-\\x7e\\u00a1-\\u{10ffff}',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

/** Escapes one character for use inside a JS character class (u mode). */
function classChar(ch: string): string {
  if ('\\]^-['.includes(ch)) return '\\' + ch;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  return ch;
}

/** Escapes a literal character outside classes (u mode allows only syntax characters to be escaped). */
export function literalChar(ch: string): string {
  if ('^$\\.*+?()[]{}|/'.includes(ch)) return '\\' + ch;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  return ch;
}

/** JS source matching `s` literally (grep -F, sed with literal text). */
export function escapeLiteral(s: string): string {
  let out = '';
  for (const ch of s) out += literalChar(ch);
  return out;
}

const SED_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };

/** Parses `[...]` starting at `i` (just after `[`); returns the JS class and the index after `]`. */
function bracket(p: string, start: number): [string, number] {
  let i = start;
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (true) {
    if (i >= p.length) throw new PosixRegexError('Unmatched [, [^, [:, [., or [=');
    const c = p[i]!;
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    let lo: string;
    if (c === '[' && (p[i + 1] === ':' || p[i + 1] === '=' || p[i + 1] === '.')) {
      const kind = p[i + 1]!;
      const end = p.indexOf(kind + ']', i + 2);
      if (end < 0) throw new PosixRegexError('Unmatched [, [^, [:, [., or [=');
      const name = p.slice(i + 2, end);
      i = end + 2;
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new PosixRegexError('Invalid character class name');
        body += cls;
        continue;
      }
      lo = name;
    } else {
      lo = String.fromCodePoint(p.codePointAt(i)!);
      i += lo.length;
    }
    if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']') {
      let hi: string;
      if (p[i + 1] === '[' && p[i + 2] === '.') {
        const end = p.indexOf('.]', i + 3);
        if (end < 0) throw new PosixRegexError('Unmatched [, [^, [:, [., or [=');
        hi = p.slice(i + 3, end);
        i = end + 2;
      } else {
        hi = String.fromCodePoint(p.codePointAt(i + 1)!);
        i += 1 + hi.length;
      }
      if (hi.codePointAt(0)! < lo.codePointAt(0)!) throw new PosixRegexError('Invalid range end');
      body += `${classChar(lo)}-${classChar(hi)}`;
    } else body += [...lo].map(classChar).join('');
  }
  if (body === '') return [negate ? '[^]' : '[]', i];
  return [`[${negate ? '^' : ''}${body}]`, i];
}

/** Translates a POSIX expression to JS RegExp source (use with flags `su`, plus `i` when ignoring case). */
export function translateRegex(pattern: string, options: PosixRegexOptions): Translation {
  const ere = options.syntax === 'extended';
  const offset = options.groupOffset ?? 0;
  let out = '';
  let groups = 0;
  let ambiguous = false;
  /** For each open group: its number and where its `(` is in `out`. */
  const open: { n: number; at: number }[] = [];
  /** Where the last atom starts in `out`, and whether it already carries a quantifier. */
  let atomStart = 0;
  let quantified = false;
  const requantify = () => {
    // JS rejects `a**`; POSIX applies the second operator to the repeated atom.
    if (quantified) out = `${out.slice(0, atomStart)}(?:${out.slice(atomStart)})`;
    quantified = true;
  };
  /** True where `*` (and in ERE `+ ? {`) would have nothing to repeat, so is literal. */
  let atStart = true;
  /** Output position of the last atom, for GNU's literal `*` after an anchor. */
  let lastWasAnchor = false;
  let i = 0;
  const p = pattern;

  const interval = (bodyStart: number, close: string): [string, number] | null => {
    const end = p.indexOf(close, bodyStart);
    if (end < 0) return null;
    const body = p.slice(bodyStart, end);
    const m = /^([0-9]*)(,?)([0-9]*)$/.exec(body);
    if (!m || (m[1] === '' && m[2] === '')) return null;
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[3] === '' ? null : Number(m[3]);
    if (max !== null && max < min) throw new PosixRegexError('Invalid content of \\{\\}');
    if (min > 32767 || (max ?? 0) > 32767) throw new PosixRegexError('Regular expression too big');
    const q = m[2] === '' ? `{${min}}` : max === null ? `{${min},}` : `{${min},${max}}`;
    return [q, end + close.length];
  };

  while (i < p.length) {
    const c = p[i]!;
    // Repetition operators.
    const isStar = c === '*';
    const ereRep = ere && (c === '+' || c === '?');
    const breRep = !ere && c === '\\' && (p[i + 1] === '+' || p[i + 1] === '?');
    if (isStar || ereRep || breRep) {
      if (atStart || (lastWasAnchor && !ere)) {
        atomStart = out.length;
        quantified = false;
        out += literalChar(breRep ? p[i + 1]! : c);
        i += breRep ? 2 : 1;
        atStart = false;
        lastWasAnchor = false;
        continue;
      }
      if (lastWasAnchor) {
        // ERE `^*`: GNU treats the repeated anchor as matching empty.
        i += 1;
        continue;
      }
      const op = breRep ? p[i + 1]! : c;
      if (op !== '*' && op !== '+' && out.endsWith(')')) ambiguous = true;
      if (op === '?' ) ambiguous = true;
      requantify();
      out += op;
      i += breRep ? 2 : 1;
      continue;
    }
    if ((ere && c === '{') || (!ere && c === '\\' && p[i + 1] === '{')) {
      const start = ere ? i + 1 : i + 2;
      const r = atStart ? null : interval(start, ere ? '}' : '\\}');
      if (r === null) {
        if (!ere) {
          if (atStart) {
            out += '\\{';
            i += 2;
            atStart = false;
            continue;
          }
          throw new PosixRegexError(p.indexOf('\\}', start) < 0 ? 'Unmatched \\{' : 'Invalid content of \\{\\}');
        }
        out += '\\{';
        i++;
        atStart = false;
        continue;
      }
      if (out.endsWith(')')) ambiguous = true;
      requantify();
      out += r[0];
      i = r[1];
      continue;
    }
    lastWasAnchor = false;
    quantified = false;
    atomStart = out.length;
    if (c === '[') {
      const [cls, next] = bracket(p, i + 1);
      out += cls;
      i = next;
      atStart = false;
      continue;
    }
    if (c === '.') {
      out += '.';
      i++;
      atStart = false;
      continue;
    }
    if (c === '^') {
      const anchor: boolean = ere || atStart;
      out += anchor ? '^' : '\\^';
      i++;
      // After an anchor a second `^` is literal in BRE; a `*` right after it is literal too (lastWasAnchor).
      if (anchor) lastWasAnchor = true;
      atStart = false;
      continue;
    }
    if (c === '$') {
      const rest = p.slice(i + 1);
      const anchor = ere || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
      out += anchor ? '$' : '\\$';
      i++;
      atStart = false;
      continue;
    }
    if (ere && c === '(') {
      groups++;
      open.push({ n: groups, at: out.length });
      out += '(';
      i++;
      atStart = true;
      continue;
    }
    if (ere && c === ')') {
      if (open.length === 0) {
        out += '\\)';
        i++;
        atStart = false;
        continue;
      }
      atomStart = open.pop()!.at;
      out += ')';
      i++;
      atStart = false;
      continue;
    }
    if (ere && c === '|') {
      ambiguous = true;
      out += '|';
      i++;
      atStart = true;
      continue;
    }
    if (c === '\\') {
      const d = p[i + 1];
      if (d === undefined) throw new PosixRegexError('Trailing backslash');
      i += 2;
      atStart = false;
      if (!ere && d === '(') {
        groups++;
        open.push({ n: groups, at: out.length });
        out += '(';
        atStart = true;
      } else if (!ere && d === ')') {
        if (open.length === 0) throw new PosixRegexError('Unmatched ) or \\)');
        atomStart = open.pop()!.at;
        out += ')';
      } else if (!ere && d === '|') {
        ambiguous = true;
        out += '|';
        atStart = true;
      } else if (d >= '1' && d <= '9') {
        const n = Number(d);
        if (n > groups) throw new PosixRegexError('Invalid back reference');
        out += `\\${n + offset}`;
        ambiguous = true;
      } else if (d === 'w') out += WORD;
      else if (d === 'W') out += NOT_WORD;
      else if (d === 's') out += '[ \\t\\n\\r\\f\\v]';
      else if (d === 'S') out += '[^ \\t\\n\\r\\f\\v]';
      else if (d === '<') out += `(?<!${WORD})(?=${WORD})`;
      else if (d === '>') out += `(?<=${WORD})(?!${WORD})`;
      else if (d === 'b') out += `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;
      else if (d === 'B') out += `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
      else if (d === '`') out += '^';
      else if (d === "'") out += '$';
      else if (options.sedEscapes && d in SED_ESCAPES) out += literalChar(SED_ESCAPES[d]!);
      else if (options.sedEscapes && d === 'x' && /^[0-9a-fA-F]/.test(p[i] ?? '')) {
        const m = /^[0-9a-fA-F]{1,2}/.exec(p.slice(i))![0];
        out += literalChar(String.fromCharCode(parseInt(m, 16)));
        i += m.length;
      } else out += literalChar(d);
      continue;
    }
    const ch = String.fromCodePoint(p.codePointAt(i)!);
    out += literalChar(ch);
    i += ch.length;
    atStart = false;
  }
  if (open.length > 0) throw new PosixRegexError('Unmatched ( or \\(');
  return { source: out, groups, ambiguous };
}

export interface RegexMatch {
  readonly index: number;
  readonly end: number;
  /** Group texts, index 0 = whole match. */
  readonly groups: readonly (string | undefined)[];
}

const LONGEST_LIMIT = 400;

/** A compiled POSIX expression with leftmost-longest `exec`. */
export class PosixRegex {
  readonly re: RegExp;
  readonly groups: number;
  private readonly _ambiguous: boolean;
  private readonly _source: string;
  private readonly _flags: string;
  private readonly _anchored = new Map<number, RegExp>();

  constructor(pattern: string, options: PosixRegexOptions) {
    const t = translateRegex(pattern, options);
    this._source = t.source;
    this.groups = t.groups;
    this._ambiguous = t.ambiguous;
    this._flags = options.ignoreCase ? 'gsui' : 'gsu';
    try {
      this.re = new RegExp(t.source, this._flags);
    } catch {
      throw new PosixRegexError('Invalid regular expression');
    }
  }

  /** From an already translated source (several patterns joined, grep -w/-x wrappers, sed's M flag). */
  static fromSource(source: string, groups: number, ambiguous: boolean, ignoreCase: boolean, multiline = false): PosixRegex {
    const flags = `gsu${ignoreCase ? 'i' : ''}${multiline ? 'm' : ''}`;
    const r = Object.create(PosixRegex.prototype) as PosixRegex;
    Object.assign(r, { re: new RegExp(source, flags), groups, _ambiguous: ambiguous, _source: source, _flags: flags, _anchored: new Map() });
    return r;
  }

  test(s: string): boolean {
    this.re.lastIndex = 0;
    return this.re.test(s);
  }

  /** First match at or after `from` (leftmost), extended to the longest match at that position. */
  exec(s: string, from = 0): RegexMatch | null {
    this.re.lastIndex = from;
    const m = this.re.exec(s);
    if (!m) return null;
    let best: RegExpExecArray = m;
    if (this._ambiguous && s.length - m.index <= LONGEST_LIMIT) {
      for (let end = s.length; end > m.index + m[0].length; end--) {
        const r = this._endingAt(s.length - end);
        r.lastIndex = m.index;
        const x = r.exec(s);
        if (x && x.index === m.index) {
          best = x;
          break;
        }
      }
    }
    return { index: best.index, end: best.index + best[0].length, groups: [...best] };
  }

  /** The expression constrained to end `suffix` characters before the end of input (sticky). */
  private _endingAt(suffix: number): RegExp {
    let r = this._anchored.get(suffix);
    if (!r) {
      r = new RegExp(`(?:${this._source})(?=[\\s\\S]{${suffix}}$)`, this._flags.replace('g', '') + 'y');
      this._anchored.set(suffix, r);
    }
    return r;
  }
}
