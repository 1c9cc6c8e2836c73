/**
 * Template functions: Go's builtins (text/template funcs.go) and docker's additions (docker/cli templates.go:
 * json, split, join, title, lower, upper, pad, truncate), plus the header variants docker uses to render a
 * table's header row.
 */
import { goMarshal, type GoJson } from '../../../format/json';
import { FuncError, type TemplateFunc } from './exec';
import { sprint, sprintf, sprintln } from './fmt';
import { goTypeOf, isMapLike, isStruct, isTrue, mapEntries, mapGet, structFields } from './values';

type Kind = 'bool' | 'int' | 'float' | 'string' | 'other';

function basicKind(v: unknown): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  return 'other';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function eq(a: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) throw new FuncError(errNoComparison);
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let truth: boolean;
    if (k1 !== k2) {
      if (a !== undefined && a !== null && b !== undefined && b !== null) throw new FuncError(errBadComparison);
      truth = false;
    } else if (k1 === 'other') {
      const nil = (x: unknown): boolean => x === null || x === undefined;
      if (!nil(a) && !nil(b) && goTypeOf(a) !== goTypeOf(b)) {
        throw new FuncError(`non-comparable types ${sprintf('%s', [a])}: ${goTypeOf(a)}, ${goTypeOf(b)}: ${sprintf('%v', [b])}`);
      }
      if (nil(a) || nil(b)) truth = nil(a) === nil(b);
      else if (Array.isArray(b) || isMapLike(b) || typeof b === 'function') throw new FuncError(`non-comparable type ${sprintf('%s', [b])}: ${goTypeOf(b)}`);
      else truth = a === b;
    } else {
      truth = typeof a === 'bigint' || typeof b === 'bigint' ? BigInt(a as number) === BigInt(b as number) : a === b;
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'other' || k2 === 'other') throw new FuncError(errBadComparisonType);
  if (k1 !== k2) throw new FuncError(errBadComparison);
  if (k1 === 'bool') throw new FuncError(errBadComparisonType);
  return (a as number | string) < (b as number | string);
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

function indexArg(i: unknown, len: number): number {
  if (i === null || i === undefined) throw new FuncError('cannot index slice/array with nil');
  if (!(typeof i === 'bigint' || (typeof i === 'number' && Number.isInteger(i)))) throw new FuncError(`cannot index slice/array with type ${goTypeOf(i)}`);
  const x = Number(i);
  if (x < 0 || x > len) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError('index of untyped nil');
  for (const i of indexes) {
    if (item === null) throw new FuncError('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = utf8.encode(item);
      const x = indexArg(i, bytes.length);
      if (x === bytes.length) throw new FuncError(`index out of range: ${x}`);
      item = bytes[x];
    } else if (Array.isArray(item) || item instanceof Uint8Array) {
      const x = indexArg(i, item.length);
      if (x === item.length) throw new FuncError(`index out of range: ${x}`);
      item = item[x];
    } else if (isMapLike(item)) {
      if (i === null || i === undefined) throw new FuncError('value is nil; should be of type string');
      if (typeof i !== 'string') throw new FuncError(`value has type ${goTypeOf(i)}; should be string`);
      // A missing key gives the element type's zero value: nil for our map[string]interface {}.
      const v = mapGet(item, i);
      item = v === undefined ? null : v;
    } else {
      throw new FuncError(`can't index item of type ${goTypeOf(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = utf8.encode(item).length;
  } else if (Array.isArray(item)) len = item.length;
  else throw new FuncError(`can't slice item of type ${goTypeOf(item)}`);
  const idx = [0, len];
  indexes.forEach((x, k) => (idx[k] = indexArg(x, len)));
  const [i, j] = [idx[0]!, idx[1] ?? len];
  if (i > j) throw new FuncError(`invalid slice index: ${i} > ${j}`);
  return typeof item === 'string' ? utf8d.decode(utf8.encode(item).subarray(i, j)) : (item as unknown[]).slice(i, j);
}

function length(item: unknown): number {
  if (item === null) throw new FuncError('len of nil pointer');
  if (item === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return utf8.encode(item).length;
  if (Array.isArray(item) || item instanceof Uint8Array) return item.length;
  if (isMapLike(item)) return mapEntries(item).length;
  throw new FuncError(`len of type ${goTypeOf(item)}`);
}

/** Go's evalArgs: fmt.Sprint, except that nil operands print as the string "<no value>". */
function evalArgsString(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  return [...utf8.encode(s)]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      if (c === ' ') return '+';
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** Turns template data into what Go's json.Marshal would see: structs keep field order, maps sort keys. */
export function toGoJson(v: unknown, depth = 0): GoJson {
  if (depth > 1000) throw new FuncError('json: unsupported value: encountered a cycle');
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map((x) => toGoJson(x, depth + 1));
  if (isMapLike(v)) return new Map(mapEntries(v).map(([k, x]) => [k, toGoJson(x, depth + 1)]));
  if (isStruct(v)) {
    const out: Record<string, GoJson> = {};
    for (const [k, x] of structFields(v)) if (typeof x !== 'function') out[k] = toGoJson(x, depth + 1);
    return out;
  }
  throw new FuncError(`json: unsupported type: ${goTypeOf(v)}`);
}

/** strings.Title: upper-cases the first letter of each word (words are separated by non-letters/digits/_). */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/[\p{L}\p{Nd}_]/u.test(prev) && !/\p{M}/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

const f = (params: TemplateFunc['params'], fn: TemplateFunc['fn'], variadic = false): TemplateFunc => ({ params, fn, variadic });

export const BUILTIN_FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['and', { params: ['any', 'any'], variadic: true, fn: () => undefined, lazy: 'and' }],
  ['or', { params: ['any', 'any'], variadic: true, fn: () => undefined, lazy: 'or' }],
  ['not', f(['any'], ((x: unknown) => !isTrue(x)) as never)],
  ['len', f(['any'], length as never)],
  ['index', f(['any', 'any'], index as never, true)],
  ['slice', f(['any', 'any'], slice as never, true)],
  ['print', f(['any'], ((...a: unknown[]) => sprint(a)) as never, true)],
  ['printf', f(['string', 'any'], ((fmt: string, ...a: unknown[]) => sprintf(fmt, a)) as never, true)],
  ['println', f(['any'], ((...a: unknown[]) => sprintln(a)) as never, true)],
  ['html', f(['any'], ((...a: unknown[]) => htmlEscape(evalArgsString(a))) as never, true)],
  ['js', f(['any'], ((...a: unknown[]) => jsEscape(evalArgsString(a))) as never, true)],
  ['urlquery', f(['any'], ((...a: unknown[]) => queryEscape(evalArgsString(a))) as never, true)],
  ['eq', f(['any', 'any'], eq as never, true)],
  ['ne', f(['any', 'any'], ((a: unknown, b: unknown) => !eq(a, b)) as never)],
  ['lt', f(['any', 'any'], lt as never)],
  ['le', f(['any', 'any'], ((a: unknown, b: unknown) => lt(a, b) || eq(a, b)) as never)],
  ['gt', f(['any', 'any'], ((a: unknown, b: unknown) => !(lt(a, b) || eq(a, b))) as never)],
  ['ge', f(['any', 'any'], ((a: unknown, b: unknown) => !lt(a, b)) as never)],
  [
    'call',
    f(
      ['any', 'any'],
      ((fn: unknown, ...a: unknown[]) => {
        if (typeof fn !== 'function') throw new FuncError(`non-function of type ${goTypeOf(fn)}`);
        return (fn as (...x: unknown[]) => unknown)(...a);
      }) as never,
      true,
    ),
  ],
]);

/** docker/cli templates.go basicFunctions. */
export const DOCKER_FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['json', f(['any'], ((v: unknown) => goMarshal(toGoJson(v), { escapeHTML: false }).trim()) as never)],
  ['split', f(['string', 'string'], ((s: string, sep: string) => (sep === '' ? [...s] : s.split(sep))) as never)],
  ['join', f(['[]string', 'string'], ((a: string[], sep: string) => a.join(sep)) as never)],
  ['title', f(['string'], title as never)],
  ['lower', f(['string'], ((s: string) => s.toLowerCase()) as never)],
  ['upper', f(['string'], ((s: string) => s.toUpperCase()) as never)],
  [
    'pad',
    f(
      ['string', 'int', 'int'],
      ((s: string, p: number, q: number) => {
        if (s === '') return s;
        if (p < 0 || q < 0) throw new FuncError('strings: negative Repeat count');
        return ' '.repeat(p) + s + ' '.repeat(q);
      }) as never,
    ),
  ],
  [
    'truncate',
    f(
      ['string', 'int'],
      ((s: string, n: number) => {
        const b = utf8.encode(s);
        if (b.length < n) return s;
        if (n < 0) throw new FuncError(`runtime error: slice bounds out of range [:${n}]`);
        return utf8d.decode(b.subarray(0, n));
      }) as never,
    ),
  ],
]);

/** docker/cli HeaderFunctions: the same names, each returning its first argument (for the header row). */
export const DOCKER_HEADER_FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['json', f(['string'], ((v: string) => v) as never)],
  ['split', f(['string', 'string'], ((v: string) => v) as never)],
  ['join', f(['string', 'string'], ((v: string) => v) as never)],
  ['title', f(['string'], ((v: string) => v) as never)],
  ['lower', f(['string'], ((v: string) => v) as never)],
  ['upper', f(['string'], ((v: string) => v) as never)],
  ['pad', f(['string', 'int', 'int'], ((v: string) => v) as never)],
  ['truncate', f(['string', 'int'], ((v: string) => v) as never)],
]);
