/** Python's string formatting: the `%` operator and str.format's replacement fields. */

import type { Interpreter } from './interp';
import { type PyValue, floatRepr, repr, str, typeName } from './values';

/** `%` formatting: %s %r %d %i %f %x %o %e %c %% with flags, width and precision, from a value, tuple or dict. */
export function percentFormat(it: Interpreter, fmt: string, arg: PyValue): string {
  const args = arg !== null && typeof arg === 'object' && arg.kind === 'tuple' ? [...arg.items] : [arg];
  const dict = arg !== null && typeof arg === 'object' && arg.kind === 'dict' ? arg : undefined;
  let used = 0;
  const out = fmt.replace(/%(\([^)]*\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sridfFxXoecg%])/g, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let v: PyValue;
    if (key && dict) {
      const hit = dict.map.get(it.hashKey(key.slice(1, -1)));
      if (!hit) throw it.err('KeyError', repr(key.slice(1, -1), it.major));
      v = hit[1];
    } else {
      if (used >= args.length) throw it.err('TypeError', 'not enough arguments for format string');
      v = args[used++]!;
    }
    let s: string;
    const num = (): number | bigint => {
      if (typeof v === 'bigint' || typeof v === 'number') return v;
      if (typeof v === 'boolean') return v ? 1n : 0n;
      throw it.err('TypeError', it.major === 2 ? `%${conv} format: a number is required, not ${typeName(v, 2)}` : `%${conv} format: a real number is required, not ${typeName(v, 3)}`);
    };
    switch (conv) {
      case 's': s = str(v, it.major); if (prec) s = s.slice(0, Number(prec)); break;
      case 'r': s = repr(v, it.major); break;
      case 'd':
      case 'i': { const n = num(); s = String(typeof n === 'number' ? BigInt(Math.trunc(n)) : n); break; }
      case 'f':
      case 'F': s = Number(num()).toFixed(prec ? Number(prec) : 6); break;
      case 'e': { const [m, ex] = Number(num()).toExponential(prec ? Number(prec) : 6).split('e') as [string, string]; s = `${m}e${ex.startsWith('-') ? '-' : '+'}${ex.replace(/^[+-]/, '').padStart(2, '0')}`; break; }
      case 'g': s = str(Number(num()), it.major); break;
      case 'x': s = BigInt(num()).toString(16); break;
      case 'X': s = BigInt(num()).toString(16).toUpperCase(); break;
      case 'o': s = BigInt(num()).toString(8); break;
      case 'c': s = typeof v === 'string' ? v : String.fromCharCode(Number(num())); break;
      default: s = '';
    }
    if (flags.includes('+') && /^[\d]/.test(s) && 'difFe'.includes(conv)) s = `+${s}`;
    const w = width ? Number(width) : 0;
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && 'difFexX'.includes(conv) ? (s.startsWith('-') ? `-${s.slice(1).padStart(w - 1, '0')}` : s.padStart(w, '0')) : s.padStart(w);
    return s;
  });
  if (!dict && used < args.length) throw it.err('TypeError', 'not all arguments converted during string formatting');
  return out;
}


/** A format spec (`>10`, `.2f`, `05d`, `,`) applied to one value, for str.format and f-strings. */
export function formatSpec(it: Interpreter, v: PyValue, spec: string): string {
  const m = /^(?:(.)?([<>^=]))?([-+ ])?(0)?(\d+)?(,)?(?:\.(\d+))?([sdfFeExXobn%])?$/.exec(spec);
  if (!m) throw it.err('ValueError', `Invalid format specifier`);
  const [, fillRaw, align, sign, zero, width, comma, prec, type] = m;
  let s: string;
  const n = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
  switch (type) {
    case 'd': s = String(n); break;
    case 'f':
    case 'F': s = Number(n).toFixed(prec ? Number(prec) : 6); break;
    case '%': s = `${(Number(n) * 100).toFixed(prec ? Number(prec) : 6)}%`; break;
    case 'x': s = BigInt(n as bigint).toString(16); break;
    case 'X': s = BigInt(n as bigint).toString(16).toUpperCase(); break;
    case 'o': s = BigInt(n as bigint).toString(8); break;
    case 'b': s = BigInt(n as bigint).toString(2); break;
    case 'e':
    case 'E': { const [mm, ex] = Number(n).toExponential(prec ? Number(prec) : 6).split('e') as [string, string]; s = `${mm}e${ex.startsWith('-') ? '-' : '+'}${ex.replace(/^[+-]/, '').padStart(2, '0')}`; if (type === 'E') s = s.toUpperCase(); break; }
    default:
      if (typeof n === 'number' && prec) s = String(Number(n.toPrecision(Number(prec))));
      else s = typeof n === 'number' ? floatRepr(n) : str(v, it.major);
      if (type === 's' && prec) s = s.slice(0, Number(prec));
  }
  if (comma) s = s.replace(/^(-?)(\d+)/, (_a, sg: string, d: string) => sg + d.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  if (sign === '+' && !s.startsWith('-') && typeof n !== 'string') s = `+${s}`;
  const w = width ? Number(width) : 0;
  const fill = fillRaw ?? (zero ? '0' : ' ');
  const numeric = typeof n === 'bigint' || typeof n === 'number';
  const al = align ?? (zero ? '=' : numeric ? '>' : '<');
  if (s.length >= w) return s;
  const pad = fill.repeat(w - s.length);
  if (al === '<') return s + pad;
  if (al === '^') return fill.repeat(Math.floor((w - s.length) / 2)) + s + fill.repeat(Math.ceil((w - s.length) / 2));
  if (al === '=' && /^[-+]/.test(s)) return s[0] + pad + s.slice(1);
  return pad + s;
}
