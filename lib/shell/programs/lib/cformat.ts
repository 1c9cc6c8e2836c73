/**
 * C `printf` conversions (glibc behaviour): integers, floating point with exact round-half-even decimal
 * conversion, strings and padding. Shared by printf(1), awk's printf/sprintf/OFMT and seq -f.
 */

import { encodeText } from '../../../engine/process/text';

export interface ConvSpec {
  /** Any of `-+ #0'`. */
  readonly flags: string;
  /** null: none given; a number after `*` has been resolved. */
  readonly width: number | null;
  readonly precision: number | null;
  /** Conversion character: d i u o x X e E f F g G c s b q %. */
  readonly conv: string;
}

export type FormatToken =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'spec';
      readonly flags: string;
      /** '*' takes the width from the next argument. */
      readonly width: number | '*' | null;
      readonly precision: number | '*' | null;
      readonly conv: string;
      /** The spec as written (`%-5.2f`), for error messages. */
      readonly source: string;
    }
  | { readonly kind: 'bad'; readonly source: string };

const LENGTH_MODIFIERS = 'hlLjzt';

/**
 * Splits a format into literal text and conversion specs. Literal text keeps its backslashes: escape handling is
 * the caller's (printf(1) interprets them, awk has already done so in the string literal).
 */
export function parseFormat(format: string, allowed: string): FormatToken[] {
  const out: FormatToken[] = [];
  let text = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c !== '%') {
      text += c;
      i++;
      continue;
    }
    if (format[i + 1] === '%') {
      text += '%';
      i += 2;
      continue;
    }
    const start = i;
    i++;
    let flags = '';
    while (i < format.length && "-+ #0'".includes(format[i]!)) flags += format[i++];
    let width: number | '*' | null = null;
    if (format[i] === '*') {
      width = '*';
      i++;
    } else {
      let w = '';
      while (i < format.length && format[i]! >= '0' && format[i]! <= '9') w += format[i++];
      if (w !== '') width = Number(w);
    }
    let precision: number | '*' | null = null;
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        precision = '*';
        i++;
      } else {
        let p = '';
        while (i < format.length && format[i]! >= '0' && format[i]! <= '9') p += format[i++];
        precision = p === '' ? 0 : Number(p);
      }
    }
    while (i < format.length && LENGTH_MODIFIERS.includes(format[i]!)) i++;
    const conv = format[i];
    if (conv === undefined || !allowed.includes(conv)) {
      if (text !== '') out.push({ kind: 'text', text });
      text = '';
      out.push({ kind: 'bad', source: format.slice(start, conv === undefined ? i : i + 1) });
      i = conv === undefined ? i : i + 1;
      continue;
    }
    i++;
    if (text !== '') out.push({ kind: 'text', text });
    text = '';
    out.push({ kind: 'spec', flags, width, precision, conv, source: format.slice(start, i) });
  }
  if (text !== '') out.push({ kind: 'text', text });
  return out;
}

/** Pads `body` (already signed/prefixed) to the spec's width. `zeroAt` is where zeros go when `0` pads. */
function pad(spec: ConvSpec, body: string, zeroAllowed: boolean, prefixLen: number, len = body.length): string {
  const width = spec.width ?? 0;
  if (len >= width) return body;
  const n = width - len;
  if (spec.flags.includes('-')) return body + ' '.repeat(n);
  if (zeroAllowed && spec.flags.includes('0')) return body.slice(0, prefixLen) + '0'.repeat(n) + body.slice(prefixLen);
  return ' '.repeat(n) + body;
}

const TWO64 = 1n << 64n;

/** %d %i %u %o %x %X %c-less integer conversions on a 64-bit value. */
export function formatInteger(spec: ConvSpec, value: bigint): string {
  const signed = spec.conv === 'd' || spec.conv === 'i';
  let v = value;
  if (!signed && v < 0n) v = ((v % TWO64) + TWO64) % TWO64;
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let digits: string;
  switch (spec.conv) {
    case 'o':
      digits = abs.toString(8);
      break;
    case 'x':
      digits = abs.toString(16);
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      break;
    default:
      digits = abs.toString(10);
  }
  if (spec.precision !== null) {
    if (spec.precision === 0 && abs === 0n) digits = '';
    else if (digits.length < spec.precision) digits = '0'.repeat(spec.precision - digits.length) + digits;
  }
  let prefix = '';
  if (signed) prefix = neg ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
  if (spec.flags.includes('#')) {
    if (spec.conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((spec.conv === 'x' || spec.conv === 'X') && abs !== 0n) prefix += spec.conv === 'x' ? '0x' : '0X';
  }
  return pad(spec, prefix + digits, spec.precision === null, prefix.length);
}

// ---------------------------------------------------------------------------------------------------------------
// Exact decimal conversion of doubles (glibc rounds the exact binary value, ties to even).

/** |v| as num/den exactly. */
function exactRatio(v: number): [bigint, bigint] {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(v));
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  return e >= 0 ? [mant << BigInt(e), 1n] : [mant, 1n << BigInt(-e)];
}

function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** Digits of round(|v| * 10^p) — the %f body without the point. */
function fixedDigits(v: number, p: number): string {
  const [n, d] = exactRatio(v);
  return roundDiv(n * pow10(p), d).toString();
}

/** [digits (p+1 of them), exponent] for %e. v must be finite and non-zero. */
function expDigits(v: number, p: number): [string, number] {
  const [n, d] = exactRatio(v);
  let x = Math.floor(Math.log10(Math.abs(v)));
  for (let tries = 0; tries < 4; tries++) {
    const shift = p - x;
    const scaled = shift >= 0 ? roundDiv(n * pow10(shift), d) : roundDiv(n, d * pow10(-shift));
    const s = scaled.toString();
    if (s.length === p + 2) {
      x++;
      continue;
    }
    if (s.length < p + 1) {
      x--;
      continue;
    }
    return [s, x];
  }
  return [fixedDigits(v, 0), 0];
}

function withPoint(digits: string, p: number, alt: boolean): string {
  if (p === 0) return alt ? `${digits}.` : digits;
  const d = digits.padStart(p + 1, '0');
  return `${d.slice(0, d.length - p)}.${d.slice(d.length - p)}`;
}

function expBody(v: number, p: number, alt: boolean, upper: boolean): string {
  let digits: string;
  let x: number;
  if (v === 0) {
    digits = '0'.repeat(p + 1);
    x = 0;
  } else [digits, x] = expDigits(v, p);
  const mant = p === 0 ? (alt ? `${digits[0]}.` : digits[0]!) : `${digits[0]}.${digits.slice(1)}`;
  const e = `${upper ? 'E' : 'e'}${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  return mant + e;
}

function stripZeros(s: string): string {
  const e = s.search(/[eE]/);
  let m = e < 0 ? s : s.slice(0, e);
  const rest = e < 0 ? '' : s.slice(e);
  if (m.includes('.')) m = m.replace(/0+$/, '').replace(/\.$/, '');
  return m + rest;
}

/**
 * %a/%A as glibc prints a long double on x86-64 (what coreutils and bash printf use): a 64-bit significand with
 * the integer bit in the leading hex digit (8-f), so 1 is `0x8p-3`. The value itself is a double.
 */
function hexFloatBody(v: number, precision: number | null, alt: boolean): string {
  if (v === 0) return precision ? `0x0.${'0'.repeat(precision)}p+0` : alt ? '0x0.p+0' : '0x0p+0';
  const [num, den] = exactRatio(v);
  // v = num / den with den a power of two: find e with 2^63 <= v * 2^(-e) < 2^64 as a 64-bit significand.
  let sig = num;
  let exp2 = -(den.toString(2).length - 1);
  while (sig < 1n << 63n) {
    sig <<= 1n;
    exp2--;
  }
  while (sig >= 1n << 64n) {
    sig >>= 1n;
    exp2++;
  }
  let exp = exp2 + 60;
  let lead = sig >> 60n;
  let frac = sig & ((1n << 60n) - 1n);
  let digits = frac.toString(16).padStart(15, '0');
  if (precision !== null && precision < 15) {
    const drop = BigInt((15 - precision) * 4);
    const q = frac >> drop;
    const r = frac & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    let rounded = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
    if (rounded >> BigInt(precision * 4) > 0n) {
      // Carry into the leading digit.
      rounded = 0n;
      lead += 1n;
      if (lead === 16n) {
        lead = 1n;
        exp += 4;
      }
    }
    digits = precision === 0 ? '' : rounded.toString(16).padStart(precision, '0');
  } else if (precision === null) digits = digits.replace(/0+$/, '');
  else digits = digits + '0'.repeat(precision - 15);
  const point = digits !== '' || alt ? '.' : '';
  return `0x${lead.toString(16)}${point}${digits}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

/** %f %F %e %E %g %G %a %A. */
export function formatFloat(spec: ConvSpec, value: number): string {
  const upper = spec.conv === 'F' || spec.conv === 'E' || spec.conv === 'G';
  const neg = value < 0 || Object.is(value, -0);
  const sign = neg ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
  if (!Number.isFinite(value)) {
    const word = Number.isNaN(value) ? 'nan' : 'inf';
    return pad(spec, sign + (upper ? word.toUpperCase() : word), false, 0);
  }
  const alt = spec.flags.includes('#');
  if (spec.conv === 'a' || spec.conv === 'A') {
    const body = hexFloatBody(Math.abs(value), spec.precision, alt);
    const out = spec.conv === 'A' ? body.toUpperCase() : body;
    // Zero padding goes after the 0x prefix.
    return pad(spec, sign + out, true, sign.length + 2);
  }
  const p = spec.precision ?? 6;
  let body: string;
  switch (spec.conv) {
    case 'f':
    case 'F':
      body = withPoint(fixedDigits(value, p), p, alt);
      break;
    case 'e':
    case 'E':
      body = expBody(value, p, alt, upper);
      break;
    default: {
      const P = p === 0 ? 1 : p;
      const x = value === 0 ? 0 : expDigits(value, P - 1)[1];
      if (P > x && x >= -4) body = withPoint(fixedDigits(value, P - 1 - x), P - 1 - x, alt);
      else body = expBody(value, P - 1, alt, upper);
      if (!alt) body = stripZeros(body);
    }
  }
  return pad(spec, sign + body, true, sign.length);
}

/** %s (and %b/%q after their own transformation): precision truncates, width pads. */
export function formatString(spec: ConvSpec, s: string, countBytes = true): string {
  let t = s;
  if (spec.precision !== null) {
    if (countBytes) {
      const b = encodeText(t);
      if (b.length > spec.precision) t = new TextDecoder('utf-8').decode(b.subarray(0, spec.precision));
    } else t = [...t].slice(0, spec.precision).join('');
  }
  const len = countBytes ? encodeText(t).length : [...t].length;
  return pad(spec, t, false, 0, len);
}

/** `%g` with precision 6, as awk's OFMT/CONVFMT and printf("%g") default. */
export function formatG(value: number, precision = 6): string {
  return formatFloat({ flags: '', width: null, precision, conv: 'g' }, value);
}
