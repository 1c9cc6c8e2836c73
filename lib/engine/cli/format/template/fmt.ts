/**
 * The parts of Go's fmt that templates reach: `%v` printing of values (`[a b]`, `map[k:v]`, `{a b}`, `<nil>`),
 * Sprint/Sprintln spacing rules and Sprintf with the common verbs, flags, width and precision, including Go's
 * in-band error notes (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA int=1)`).
 */
import { formatE, formatF, formatG } from '../goFloat';
import { goTypeOf, isMapLike, isStruct, mapEntries, structFields } from './values';

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 and from 1e6 (eprec 6). */
export function formatFloatShortest(x: number, fmt: 'g' | 'e' = 'g'): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expStr] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  const sign = x < 0 ? '-' : '';
  if (fmt === 'e' || exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const a = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${a < 10 ? `0${a}` : a}`;
  }
  if (exp >= digits.length - 1) return sign + digits + '0'.repeat(exp - digits.length + 1);
  if (exp >= 0) return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** fmt's %v for a float64: %g with the shortest representation. */
export function formatFloatV(x: number): string {
  return formatFloatShortest(x);
}

/** `%v` of any value. `undefined` (no value) prints as `<nil>` inside fmt, as a nil interface does. */
export function formatV(v: unknown, plus = false, depth = 0): string {
  if (depth > 100) return '...';
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isSafeInteger(v) ? String(v) : formatFloatV(v);
    case 'function':
      return '0x0';
    default:
      break;
  }
  if (Array.isArray(v)) return `[${v.map((x: unknown) => formatV(x, plus, depth + 1)).join(' ')}]`;
  if (v instanceof Uint8Array) return `[${[...v].join(' ')}]`;
  if (isMapLike(v)) return `map[${mapEntries(v).map(([k, x]) => `${k}:${formatV(x, plus, depth + 1)}`).join(' ')}]`;
  if (isStruct(v)) {
    const str = (v as { String?: unknown }).String;
    if (typeof str === 'function') return String(str.call(v));
    return `{${structFields(v).map(([k, x]) => (plus ? `${k}:` : '') + formatV(x, plus, depth + 1)).join(' ')}}`;
  }
  return String(v);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(a);
  });
  return out;
}

/** fmt.Sprintln: always spaces, newline at the end. */
export function sprintln(args: readonly unknown[]): string {
  return `${args.map((a) => formatV(a)).join(' ')}\n`;
}

/** strconv.Quote. */
export function goQuoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
      default:
        break;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

/** Go's fmt padding: spaces (or zeros with the 0 flag, after any sign for numbers), left or right. */
function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === null || [...s].length >= spec.width) return s;
  const n = spec.width - [...s].length;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero) {
    const sign = numeric && /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

/** `%!verb(type=value)`, the value printed with %v and the same flags (Go keeps width and zero padding). */
function badVerb(verb: string, a: unknown, spec: Spec): string {
  if (a === null || a === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeOf(a)}=${formatArg(a, 'v', spec, 1)})`;
}

function signed(s: string, neg: boolean, spec: Spec): string {
  if (neg) return `-${s}`;
  if (spec.plus) return `+${s}`;
  if (spec.space) return ` ${s}`;
  return s;
}

function isInt(a: unknown): a is number | bigint {
  return typeof a === 'bigint' || (typeof a === 'number' && Number.isSafeInteger(a));
}

/** strconv.QuoteRune (invalid code points become U+FFFD). */
function quoteRune(cp: number): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  if (cp === 0x27) return "'\\''";
  if (cp === 0x22) return `'"'`;
  const q = goQuoteString(String.fromCodePoint(cp));
  return `'${q.slice(1, -1)}'`;
}

function formatInt(a: number | bigint, verb: string, spec: Spec): string {
  const big = BigInt(a);
  const neg = big < 0n;
  const abs = neg ? -big : big;
  let s: string;
  switch (verb) {
    case 'd':
    case 'v':
      s = abs.toString(10);
      break;
    case 'x':
      s = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      s = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'o':
      s = (spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'O':
      s = `0o${abs.toString(8)}`;
      break;
    case 'b':
      s = abs.toString(2);
      break;
    case 'c': {
      const cp = Number(big);
      return pad(cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp), spec, false);
    }
    case 'q':
      return pad(quoteRune(Number(big)), spec, false);
    case 'U':
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, spec, false);
    default:
      return badVerb(verb, a, spec);
  }
  if (spec.prec !== null) s = s.padStart(spec.prec, '0');
  return pad(signed(s, neg, spec), { ...spec, zero: spec.zero && spec.prec === null }, true);
}

/** strconv 'x' format with shortest precision: 0x1.4p+01. */
function hexFloat(a: number): string {
  if (a === 0) return '0x0p+00';
  let e = Math.floor(Math.log2(a));
  let m = a / 2 ** e;
  if (m >= 2) {
    m /= 2;
    e++;
  } else if (m < 1) {
    m *= 2;
    e--;
  }
  let frac = '';
  let f = m - 1;
  for (let i = 0; i < 13 && f > 0; i++) {
    f *= 16;
    const d = Math.floor(f);
    frac += d.toString(16);
    f -= d;
  }
  const ae = Math.abs(e);
  return `0x1${frac ? `.${frac}` : ''}p${e < 0 ? '-' : '+'}${ae < 10 ? `0${ae}` : ae}`;
}

function formatFloat(x: number, verb: string, spec: Spec): string {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
      s = spec.prec === null ? formatFloatShortest(a) : formatG(a, spec.prec);
      break;
    case 'G':
      s = (spec.prec === null ? formatFloatShortest(a) : formatG(a, spec.prec)).toUpperCase();
      break;
    case 'e':
      s = spec.prec === null ? formatE(a, 6) : formatE(a, spec.prec);
      break;
    case 'E':
      s = (spec.prec === null ? formatE(a, 6) : formatE(a, spec.prec)).toUpperCase();
      break;
    case 'f':
    case 'F':
      s = formatF(a, spec.prec ?? 6);
      break;
    case 'x':
    case 'X':
      s = hexFloat(a);
      if (verb === 'X') s = s.toUpperCase();
      break;
    default:
      return badVerb(verb, x, spec);
  }
  return pad(signed(s, neg, spec), spec, true);
}

function formatString(s: string, verb: string, spec: Spec): string {
  if (spec.prec !== null) s = [...s].slice(0, spec.prec).join('');
  switch (verb) {
    case 'v':
    case 's':
      return pad(s, spec, false);
    case 'q':
      return pad(spec.sharp && !s.includes('`') ? `\`${s}\`` : goQuoteString(s), spec, false);
    case 'x':
    case 'X': {
      const hex = [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join(spec.space ? ' ' : '');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
    }
    default:
      return badVerb(verb, s, spec);
  }
}

/** One operand; `depth` > 0 inside slices, maps and structs (where nil prints as <nil> for every verb). */
function formatArg(a: unknown, verb: string, spec: Spec, depth = 0): string {
  if (verb === 'T') return pad(a === null || a === undefined ? '<nil>' : goTypeOf(a), spec, false);
  if (verb === 'p') return badVerb(verb, a, spec);
  if (a === null || a === undefined) return verb === 'v' || depth > 0 ? pad('<nil>', spec, false) : badVerb(verb, a, spec);
  if (typeof a === 'string') return formatString(a, verb, spec);
  if (typeof a === 'boolean') return verb === 'v' || verb === 't' ? pad(a ? 'true' : 'false', spec, false) : badVerb(verb, a, spec);
  if (isInt(a)) return formatInt(a, verb, spec);
  if (typeof a === 'number') return formatFloat(a, verb, spec);
  if (depth > 100) return '...';
  if (Array.isArray(a)) return `[${a.map((x: unknown) => formatArg(x, verb, spec, depth + 1)).join(' ')}]`;
  if (a instanceof Uint8Array) return `[${[...a].map((x) => formatArg(x, verb, spec, depth + 1)).join(' ')}]`;
  if (isMapLike(a)) return `map[${mapEntries(a).map(([k, x]) => `${formatArg(k, verb, spec, depth + 1)}:${formatArg(x, verb, spec, depth + 1)}`).join(' ')}]`;
  if (isStruct(a)) {
    const str = (a as { String?: unknown }).String;
    if (typeof str === 'function' && (verb === 'v' || verb === 's' || verb === 'q')) return formatString(String(str.call(a)), verb, spec);
    return `{${structFields(a).map(([k, x]) => (spec.plus && verb === 'v' ? `${k}:` : '') + formatArg(x, verb, spec, depth + 1)).join(' ')}}`;
  }
  if (typeof a === 'function') return verb === 'v' ? pad('0x0', spec, false) : badVerb(verb, a, spec);
  return pad(String(a), spec, false);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    const num = (): number | null => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return isInt(a) ? Number(a) : null;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return null;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = num();
    if (spec.width !== null && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      i++;
      spec.prec = num() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeOf(a)}=${formatV(a)}`))
      .join(', ')})`;
  }
  return out;
}
