/**
 * How JS values stand in for Go values inside templates.
 *
 * - `string`, `boolean`, `bigint` and `number` are Go basic values; an integral `number` is an `int`, any other
 *   number a `float64`.
 * - `null` is a nil (interface, pointer, slice or map); `undefined` is Go's "no value" (a missing map key).
 * - arrays are slices; `Map`s and plain objects are maps (`map[string]interface {}`): a missing key gives
 *   `<no value>`, never an error.
 * - any other object is a struct: its properties and methods (`ID()` style functions) are fields; asking for a
 *   missing one is an error naming its type, taken from `[GO_TYPE]` (e.g. `*formatter.ImageContext`) or the
 *   class name. A `String()` method is used when the value is printed, as Go's fmt uses Stringer.
 */

/** Set on a struct-like object to give the Go type name used in error messages. */
export const GO_TYPE: unique symbol = Symbol.for('layerlab.goType');

export type GoValue = unknown;

export function isMapLike(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  if (v instanceof Map) return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && !(GO_TYPE in v);
}

export function isStruct(v: unknown): v is Record<string | symbol, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !isMapLike(v);
}

export function mapEntries(m: Map<unknown, unknown> | Record<string, unknown>): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = m instanceof Map ? [...m.entries()].map(([k, v]) => [String(k), v]) : Object.entries(m);
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function mapGet(m: Map<unknown, unknown> | Record<string, unknown>, key: string): unknown {
  if (m instanceof Map) return m.get(key);
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}


/** The Go type name of a value, as error messages print it. */
export function goTypeOf(v: unknown): string {
  if (v === undefined || v === null) return 'interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int64';
    case 'number':
      return Number.isSafeInteger(v) ? 'int' : 'float64';
    case 'function':
      return 'func(...interface {}) interface {}';
    default:
      break;
  }
  // Plain arrays and objects are JSON-like Go values ([]interface {}, map[string]interface {}).
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Uint8Array) return '[]uint8';
  if (isMapLike(v)) return 'map[string]interface {}';
  const named = (v as Record<symbol, unknown>)[GO_TYPE];
  if (typeof named === 'string') return named;
  const ctor = (v as object).constructor;
  return ctor && ctor.name ? `*${ctor.name}` : 'struct {}';
}

/** Go's truth: false, 0, nil, and empty strings/slices/maps are false; structs are true. */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
    default:
      break;
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (isMapLike(v)) return Object.keys(v).length > 0;
  return true;
}

/** Struct fields and methods, in declaration order (own enumerable properties). */
export function structFields(v: Record<string | symbol, unknown>): Array<[string, unknown]> {
  return Object.keys(v).map((k) => [k, v[k]]);
}

/** Looks a struct field or method up: own/inherited property, getters and methods included. */
export function structLookup(v: Record<string, unknown>, name: string): { found: boolean; value: unknown } {
  if (!(name in v)) return { found: false, value: undefined };
  return { found: true, value: v[name] };
}
