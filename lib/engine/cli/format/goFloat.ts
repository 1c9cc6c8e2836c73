/**
 * Go's strconv float formatting for `%.Ng`, `%.Nf` and `%.Ne`: correct rounding of the exact binary value,
 * ties to even (JS toPrecision/toFixed round ties up, so 1125 bytes would print `1.13kB` instead of Go's `1.12kB`).
 */

interface Decimal {
  /** Significant digits, no leading zeros ('' for zero). */
  d: string;
  /** Position of the decimal point relative to the start of `d` (value = 0.d × 10^dp). */
  dp: number;
}

/** Exact decimal expansion of |x| (doubles in the ranges we format have < 100 significant digits). */
function exact(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const s = Math.abs(x).toPrecision(100);
  const [mant, exp] = s.split('e') as [string, string | undefined];
  const [int, frac = ''] = mant.split('.') as [string, string | undefined];
  let digits = int + frac;
  let dp = int.length + (exp ? Number(exp) : 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  dp -= lead;
  return { d: digits.replace(/0+$/, ''), dp };
}

/** Rounds to `n` significant digits, half to even on exact ties; trailing zeros trimmed. */
function round(dec: Decimal, n: number): Decimal {
  if (n < 0) n = 0;
  if (dec.d.length <= n) return dec;
  const head = dec.d.slice(0, n);
  const rest = dec.d.slice(n);
  const first = rest.charCodeAt(0) - 48;
  let up = first > 5 || (first === 5 && (/[1-9]/.test(rest.slice(1)) || (n > 0 && (head.charCodeAt(n - 1) - 48) % 2 === 1)));
  if (first === 5 && rest.length === 1 && n === 0) up = false;
  let digits = head.split('').map(Number);
  let dp = dec.dp;
  if (up) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) {
      digits[i] = 0;
      i--;
    }
    if (i < 0) {
      digits = [1, ...digits];
      dp++;
    } else digits[i]!++;
  }
  const d = digits.join('').replace(/0+$/, '');
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

function fmtE(neg: boolean, dec: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  s += dec.d[0] ?? '0';
  if (prec > 0) s += `.${(dec.d.slice(1) + '0'.repeat(prec)).slice(0, prec)}`;
  const exp = dec.d === '' ? 0 : dec.dp - 1;
  const a = Math.abs(exp);
  return `${s}e${exp < 0 ? '-' : '+'}${a < 10 ? `0${a}` : a}`;
}

function fmtF(neg: boolean, dec: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  if (dec.dp > 0) s += (dec.d + '0'.repeat(Math.max(0, dec.dp - dec.d.length))).slice(0, dec.dp);
  else s += '0';
  if (prec > 0) {
    let frac = '';
    for (let i = 0; i < prec; i++) {
      const j = dec.dp + i;
      frac += j >= 0 && j < dec.d.length ? dec.d[j] : '0';
    }
    s += `.${frac}`;
  }
  return s;
}

/** fmt `%.{prec}g` (prec ≥ 1). */
export function formatG(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  if (prec === 0) prec = 1;
  const neg = x < 0 || Object.is(x, -0);
  const digs = round(exact(x), prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  const exp = digs.dp - 1;
  if (digs.d !== '' && (exp < -4 || exp >= eprec)) {
    return fmtE(neg, digs, Math.min(prec, digs.d.length) - 1);
  }
  const p = prec > digs.dp ? digs.d.length : prec;
  return fmtF(neg, digs, Math.max(p - digs.dp, 0));
}

/** fmt `%.{prec}f`. */
export function formatF(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0;
  const dec = exact(x);
  return fmtF(neg, round(dec, dec.dp + prec), prec);
}

/** fmt `%.{prec}e`. */
export function formatE(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf';
  return fmtE(x < 0, round(exact(x), prec + 1), prec);
}
