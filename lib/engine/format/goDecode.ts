/**
 * Checks parsed JSON against the shape of a Go struct and reports mismatches the way encoding/json does
 * (`json: cannot unmarshal string into Go struct field Image.config.Env of type []string`), so codecs that read
 * untrusted documents (`docker load`) fail with Docker's kind of message instead of a TypeError later.
 *
 * Like Go: unknown keys are ignored, `null` leaves a field unset, and keys match struct fields exactly or, failing
 * that, case-insensitively. Values keep their JSON form; the spec only vouches for their types.
 */
import { parseGoJson } from './json';

export type GoType =
  | { readonly k: 'string'; readonly name?: string }
  | { readonly k: 'bool' }
  | { readonly k: 'int'; readonly name?: string }
  | { readonly k: 'uint'; readonly name?: string }
  | { readonly k: 'float' }
  | { readonly k: 'any' }
  | { readonly k: 'slice'; readonly of: GoType }
  | { readonly k: 'map'; readonly of: GoType }
  /** `name` is package-qualified (`image.Image`); errors inside it use the bare name (`Image`). */
  | { readonly k: 'struct'; readonly name: string; readonly fields: Readonly<Record<string, GoType>> };

export const T = {
  string: { k: 'string' } as GoType,
  named: (name: string): GoType => ({ k: 'string', name }),
  bool: { k: 'bool' } as GoType,
  int: { k: 'int' } as GoType,
  int64: { k: 'int', name: 'int64' } as GoType,
  duration: { k: 'int', name: 'time.Duration' } as GoType,
  float: { k: 'float' } as GoType,
  any: { k: 'any' } as GoType,
  slice: (of: GoType): GoType => ({ k: 'slice', of }),
  map: (of: GoType): GoType => ({ k: 'map', of }),
  struct: (name: string, fields: Record<string, GoType>): GoType => ({ k: 'struct', name, fields }),
};

export class JsonTypeError extends Error {
  override readonly name = 'JsonTypeError';
}

export function goTypeName(t: GoType): string {
  switch (t.k) {
    case 'string':
      return t.name ?? 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return t.name ?? 'int';
    case 'uint':
      return t.name ?? 'uint';
    case 'float':
      return 'float64';
    case 'any':
      return 'interface {}';
    case 'slice':
      return `[]${goTypeName(t.of)}`;
    case 'map':
      return `map[string]${goTypeName(t.of)}`;
    case 'struct':
      return t.name;
  }
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return `number`;
  if (typeof v === 'object') return 'object';
  return 'string';
}

interface Ctx {
  /** Bare name of the innermost struct being decoded (Go's errorContext.Struct). */
  struct: string | null;
  /** JSON names of the fields from the root (Go's errorContext.FieldStack). */
  path: string[];
}

function fail(ctx: Ctx, v: unknown, t: GoType, literal?: string): never {
  const what = literal ?? jsonKind(v);
  if (ctx.struct === null || ctx.path.length === 0) {
    throw new JsonTypeError(`json: cannot unmarshal ${what} into Go value of type ${goTypeName(t)}`);
  }
  throw new JsonTypeError(`json: cannot unmarshal ${what} into Go struct field ${ctx.struct}.${ctx.path.join('.')} of type ${goTypeName(t)}`);
}

function check(v: unknown, t: GoType, ctx: Ctx): void {
  if (v === null || t.k === 'any') return;
  switch (t.k) {
    case 'string':
      // time.Time decodes itself (json.Unmarshaler), so a non-string gets its own error, not a type error
      if (t.name === 'time.Time' && typeof v !== 'string') throw new JsonTypeError('Time.UnmarshalJSON: input is not a JSON string');
      if (typeof v !== 'string') fail(ctx, v, t);
      return;
    case 'bool':
      if (typeof v !== 'boolean') fail(ctx, v, t);
      return;
    case 'int':
    case 'uint':
      if (typeof v !== 'number') fail(ctx, v, t);
      if (!Number.isInteger(v) || (t.k === 'uint' && (v as number) < 0)) fail(ctx, v, t, `number ${String(v)}`);
      return;
    case 'float':
      if (typeof v !== 'number') fail(ctx, v, t);
      return;
    case 'slice':
      if (!Array.isArray(v)) fail(ctx, v, t);
      for (const x of v as unknown[]) check(x, t.of, ctx);
      return;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) fail(ctx, v, t);
      for (const x of Object.values(v as object)) check(x, t.of, ctx);
      return;
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) fail(ctx, v, t);
      const obj = v as Record<string, unknown>;
      const fields = Object.keys(t.fields);
      // Go decodes keys in document order and reports the first mismatch it meets.
      for (const key of Object.keys(obj)) {
        const field = fields.includes(key) ? key : fields.find((f) => f.toLowerCase() === key.toLowerCase());
        if (field === undefined) continue;
        const saved = ctx.struct;
        ctx.struct = t.name.slice(t.name.lastIndexOf('.') + 1);
        ctx.path.push(field);
        check(obj[key], t.fields[field]!, ctx);
        ctx.path.pop();
        ctx.struct = saved;
      }
      return;
    }
  }
}

/** The key Go would bind to `field`: exact match first, else the first case-insensitive match. */
export function findKey(obj: Record<string, unknown>, field: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, field)) return field;
  const lower = field.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** Throws JsonTypeError (Go wording) when `v` cannot be unmarshalled into `t`. */
export function checkGoType(v: unknown, t: GoType): void {
  check(v, t, { struct: null, path: [] });
}

/**
 * Returns a copy of a struct-shaped object whose keys are the Go field names (so `"architecture"` and
 * `"Architecture"` both land on the declared field) and whose unknown keys are kept as they were.
 */
export function canonicalKeys(obj: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const f of fields) {
    const key = findKey(obj, f);
    if (key === undefined) continue;
    used.add(key);
    if (obj[key] !== null) out[f] = obj[key];
  }
  for (const [k, v] of Object.entries(obj)) if (!used.has(k)) out[k] = v;
  return out;
}

/** Parses JSON text/bytes (Go syntax errors) and checks it against a Go type (Go type errors). */
export function unmarshal(input: string | Uint8Array, t: GoType): unknown {
  const v = parseGoJson(input);
  checkGoType(v, t);
  return v;
}
