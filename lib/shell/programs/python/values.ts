/**
 * Python values and how each major version shows them. int is a bigint (unbounded, as Python's), float a JS number,
 * str a JS string, bool a boolean, None null. Where Python 2 and 3 differ visibly (str() of floats, `L` on longs,
 * `<type 'int'>` vs `<class 'int'>`, byte escapes in reprs) the `major` argument decides.
 */

import type { Stmt } from './parser';

export type Major = 2 | 3;

export interface PyList { readonly kind: 'list'; items: PyValue[] }
export interface PyTuple { readonly kind: 'tuple'; readonly items: readonly PyValue[] }
export interface PyDict { readonly kind: 'dict'; readonly map: Map<string, [PyValue, PyValue]> }
export interface PyRange { readonly kind: 'range'; readonly start: bigint; readonly stop: bigint; readonly step: bigint }
export interface PyBuiltin { readonly kind: 'builtin'; readonly name: string; readonly call: (args: PyValue[], kw: Map<string, PyValue>) => Promise<PyValue> | PyValue; readonly self?: PyValue }
export interface PyFunction { readonly kind: 'function'; readonly name: string; readonly params: readonly { name: string; dflt?: PyValue }[]; readonly body: readonly Stmt[] }
export interface PyModule { readonly kind: 'module'; readonly name: string; readonly attrs: Map<string, PyValue> }
/** Something from a library layerlab does not simulate (an installed package's classes): using it says so. */
export interface PyOpaque { readonly kind: 'opaque'; readonly name: string }
/** A type object (`int`, `str`): callable as a constructor, shown as `<type 'int'>` / `<class 'int'>`. */
export interface PyType { readonly kind: 'type'; readonly name: string; readonly call: (args: PyValue[], kw: Map<string, PyValue>) => Promise<PyValue> | PyValue }

/** An object of a simulated library class (a Flask app): named attributes, shown as `text`. */
export interface PyInstance { readonly kind: 'instance'; readonly cls: string; readonly attrs: Map<string, PyValue>; readonly text: string }

export type PyObject = PyList | PyTuple | PyDict | PyRange | PyBuiltin | PyFunction | PyModule | PyOpaque | PyType | PyInstance;
export type PyValue = null | boolean | bigint | number | string | PyObject;

export const list = (items: PyValue[]): PyList => ({ kind: 'list', items });
export const tuple = (items: readonly PyValue[]): PyTuple => ({ kind: 'tuple', items });

export function typeName(v: PyValue, major: Major): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return major === 2 && (v > 9223372036854775807n || v < -9223372036854775808n) ? 'long' : 'int';
    case 'number': return 'float';
    case 'string': return 'str';
    default:
      switch (v.kind) {
        case 'builtin': return 'builtin_function_or_method';
        case 'opaque': return v.name;
        case 'instance': return v.cls;
        default: return v.kind;
      }
  }
}

/** dict keys: one string per Python-equal key (1 == 1.0 == True share a slot, as in Python). */
export function keyOf(v: PyValue): string {
  if (typeof v === 'boolean') return `n:${v ? 1 : 0}`;
  if (typeof v === 'bigint') return `n:${v}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `n:${BigInt(v)}` : `f:${v}`;
  if (typeof v === 'string') return `s:${v}`;
  if (v === null) return 'None';
  if (v.kind === 'tuple') return `t:(${v.items.map(keyOf).join(',')})`;
  throw new TypeError(v.kind);
}

/** repr() of a float: the shortest digits that round-trip, in Python's layout (`1.0`, `1e+16`, `1e-05`). */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const e = Number(x.toExponential().split('e')[1]);
  if (e < -4 || e >= 16) {
    const [m, ex] = x.toExponential().split('e') as [string, string];
    const n = Number(ex);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Python 2's str() of a float: `%.12g`, then `.0` when that looks like an integer. */
function floatStr2(x: number): string {
  if (!Number.isFinite(x) || Number.isNaN(x)) return floatRepr(x);
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const e = Number(x.toExponential(11).split('e')[1]);
  let s: string;
  if (e < -4 || e >= 12) {
    const [m, ex] = x.toExponential(11).split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const n = Number(ex);
    s = `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  } else {
    s = x.toFixed(Math.max(0, 11 - e));
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

const UTF8 = new TextEncoder();

function strRepr(s: string, major: Major): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    // Python 2's str holds bytes: a UTF-8 character shows as its escaped bytes.
    else if (code > 0x7e && major === 2) for (const b of UTF8.encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

export function repr(v: PyValue, major: Major): string {
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean': return v ? 'True' : 'False';
    case 'bigint': return typeName(v, major) === 'long' ? `${v}L` : String(v);
    case 'number': return floatRepr(v);
    case 'string': return strRepr(v, major);
    default:
  }
  switch (v.kind) {
    case 'list': return `[${v.items.map((x) => repr(x, major)).join(', ')}]`;
    case 'tuple': return v.items.length === 1 ? `(${repr(v.items[0]!, major)},)` : `(${v.items.map((x) => repr(x, major)).join(', ')})`;
    case 'dict': return `{${[...v.map.values()].map(([k, x]) => `${repr(k, major)}: ${repr(x, major)}`).join(', ')}}`;
    case 'range': return v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
    case 'builtin': return `<built-in function ${v.name}>`;
    case 'function': return `<function ${v.name} at 0x7f3a5c1e2d30>`;
    case 'module': return major === 2 ? `<module '${v.name}' (built-in)>` : `<module '${v.name}' (built-in)>`;
    case 'type': {
      // Exception classes: Python 2 shows builtins as `exceptions.X` types; library ones are classes everywhere.
      const q = (v as PyType & { qualified?: string }).qualified;
      if (q?.includes('.')) return `<class '${q}'>`;
      if (q !== undefined && major === 2) return `<type 'exceptions.${q}'>`;
      return major === 2 ? `<type '${v.name}'>` : `<class '${v.name}'>`;
    }
    case 'opaque': return `<${v.name}>`;
    case 'instance': return v.text;
  }
}

export function str(v: PyValue, major: Major): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && v.kind === 'instance') {
    const s = v.attrs.get('__str__');
    if (typeof s === 'string') return s;
  }
  if (typeof v === 'number' && major === 2) return floatStr2(v);
  if (typeof v === 'bigint') return String(v);
  return repr(v, major);
}

export function truthy(v: PyValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean': return v;
    case 'bigint': return v !== 0n;
    case 'number': return v !== 0;
    case 'string': return v.length > 0;
    default:
  }
  switch (v.kind) {
    case 'list':
    case 'tuple': return v.items.length > 0;
    case 'dict': return v.map.size > 0;
    case 'range': return (v.step > 0n && v.start < v.stop) || (v.step < 0n && v.start > v.stop);
    default: return true;
  }
}
