/**
 * Go's `time.ParseDuration`, which HEALTHCHECK options go through (`--interval=30s`, `1m30s`, `1.5h`, `300ms`).
 * Returns nanoseconds; throws Go's message (`time: invalid duration "abc"`) for bad input.
 */
/**
 * The time package's own quoting (not strconv's): ASCII printable as is, `"` and `\` escaped, every byte of
 * anything else as `\xNN`.
 */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
  }
  return out + '"';
}

const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5
  'μs': 1000n, // U+03BC
  ms: 1000_000n,
  s: 1000_000_000n,
  m: 60n * 1000_000_000n,
  h: 3600n * 1000_000_000n,
};
const MAX = (1n << 63n) - 1n;

export class GoDurationError extends Error {}

export function parseGoDuration(input: string): number {
  const bad = () => new GoDurationError(`time: invalid duration ${timeQuote(input)}`);
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw bad();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) throw bad();
    const intPart = /^[0-9]*/.exec(s)![0];
    s = s.slice(intPart.length);
    let frac = '';
    let hadDot = false;
    if (s.startsWith('.')) {
      hadDot = true;
      s = s.slice(1);
      frac = /^[0-9]*/.exec(s)![0];
      s = s.slice(frac.length);
    }
    if (intPart === '' && frac === '') throw bad(); // "." alone
    void hadDot;
    const unitMatch = /^[^0-9.]+/.exec(s);
    if (!unitMatch) throw new GoDurationError(`time: missing unit in duration ${timeQuote(input)}`);
    const unitName = unitMatch[0];
    s = s.slice(unitName.length);
    const unit = UNITS[unitName];
    if (unit === undefined) throw new GoDurationError(`time: unknown unit ${timeQuote(unitName)} in duration ${timeQuote(input)}`);
    const whole = intPart === '' ? 0n : BigInt(intPart);
    if (whole > MAX / unit) throw bad();
    let v = whole * unit;
    if (frac !== '') {
      // Go scales the fraction by the unit, truncating below a nanosecond.
      const digits = BigInt(frac);
      const scale = 10n ** BigInt(frac.length);
      v += (digits * unit) / scale;
    }
    total += v;
    if (total > MAX) throw bad();
  }
  return Number(neg ? -total : total);
}

/** Go's `time.Duration.String()` for messages (`1ms`). */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1000) return `${ns}ns`;
  if (ns < 1e6) return `${ns / 1000}µs`;
  if (ns < 1e9) return `${ns / 1e6}ms`;
  return `${ns / 1e9}s`;
}
