/**
 * JSON exactly as Go's encoding/json writes and reads it, because Docker's IDs are digests of Go-marshalled bytes
 * and Docker's error messages quote Go's decoder.
 *
 * Writing (`goMarshal`):
 * - compact, no trailing newline (json.Encoder adds one; callers append it where Docker does);
 * - HTML-safe escaping (`<` `>` `&` → `\u003c` `\u003e` `\u0026`), U+2028/U+2029 escaped, `\b \f \n \r \t` short
 *   escapes (Go ≥ 1.22), other control characters as `\u00xx`, lone surrogates as `\ufffd`;
 * - numbers like Go's float64 encoding (shortest round-trip; exponent form below 1e-6 and from 1e21; `-0`);
 *   `bigint` for integers beyond 2^53;
 * - key order: a plain object is a Go *struct* (its insertion order is the field order; `undefined` fields are
 *   left out, i.e. `omitempty` is the caller's job), a `Map` is a Go *map* (keys sorted by UTF-8 bytes, as Go does);
 * - `Uint8Array` is a Go `[]byte` (standard base64), `RawJson` is a `json.RawMessage` (inserted verbatim).
 *
 * `goMarshalIndent` is `json.MarshalIndent` (docker inspect uses 4 spaces). `parseGoJson` is a strict parser
 * whose syntax errors carry Go's messages (`invalid character 'x' looking for beginning of value`,
 * `unexpected end of JSON input`, ...).
 */

/** A pre-encoded JSON value (Go's json.RawMessage); must be valid compact JSON. */
export class RawJson {
  constructor(readonly json: string) {}
}

export type GoJson =
  | null
  | boolean
  | number
  | bigint
  | string
  | RawJson
  | Uint8Array
  | readonly GoJson[]
  | ReadonlyMap<string, GoJson>
  | { readonly [key: string]: GoJson | undefined };

export class JsonMarshalError extends Error {
  override readonly name = 'JsonMarshalError';
}

export interface MarshalOptions {
  /** Go's Encoder.SetEscapeHTML; true by default, as for json.Marshal. */
  readonly escapeHTML?: boolean;
}

const HEX = '0123456789abcdef';

/** Go's encodeState.string. */
export function goQuote(s: string, escapeHTML = true): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c < 0x20 || c === 0x22 || c === 0x5c || (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))) {
      switch (c) {
        case 0x22:
          rep = '\\"';
          break;
        case 0x5c:
          rep = '\\\\';
          break;
        case 0x08:
          rep = '\\b';
          break;
        case 0x0c:
          rep = '\\f';
          break;
        case 0x0a:
          rep = '\\n';
          break;
        case 0x0d:
          rep = '\\r';
          break;
        case 0x09:
          rep = '\\t';
          break;
        default:
          rep = `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      }
    } else if (c === 0x2028 || c === 0x2029) {
      rep = `\\u202${HEX[c & 0xf]}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\\ufffd';
    }
    if (rep !== null) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return `${out}${s.slice(start)}"`;
}

/** Go's float64 encoding in encoding/json. */
export function goFormatFloat(n: number): string {
  if (!Number.isFinite(n)) throw new JsonMarshalError(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`);
  if (Object.is(n, -0)) return '-0';
  // JS Number#toString is the shortest round-trip form with the same thresholds (1e-6, 1e21) as Go's encoder,
  // and writes exponents without leading zeros, which is what Go's cleanup of e-07 → e-7 produces.
  return String(n);
}

/** Compares by Unicode code point, which is UTF-8 byte order (how Go sorts map keys). */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const x = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(x >> 18) & 63]! + B64[(x >> 12) & 63]!;
    out += i + 1 < b.length ? B64[(x >> 6) & 63]! : '=';
    out += i + 2 < b.length ? B64[x & 63]! : '=';
  }
  return out;
}

function isPlainObject(v: object): v is { readonly [key: string]: GoJson | undefined } {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function encode(v: GoJson | undefined, escapeHTML: boolean, depth: number): string {
  if (depth > 10000) throw new JsonMarshalError('json: unsupported value: encountered a cycle or excessive nesting');
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return goFormatFloat(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return goQuote(v, escapeHTML);
    default:
      break;
  }
  if (v instanceof RawJson) return v.json;
  if (v instanceof Uint8Array) return `"${base64(v)}"`;
  if (Array.isArray(v)) return `[${v.map((x: GoJson) => encode(x, escapeHTML, depth + 1)).join(',')}]`;
  if (v instanceof Map) {
    const keys = [...(v as ReadonlyMap<string, GoJson>).keys()].sort(compareUtf8);
    return `{${keys.map((k) => `${goQuote(k, escapeHTML)}:${encode(v.get(k) as GoJson, escapeHTML, depth + 1)}`).join(',')}}`;
  }
  if (typeof v === 'object' && isPlainObject(v)) {
    const parts: string[] = [];
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === undefined) continue;
      parts.push(`${goQuote(k, escapeHTML)}:${encode(x, escapeHTML, depth + 1)}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new JsonMarshalError(`json: unsupported type: ${Object.prototype.toString.call(v)}`);
}

/** json.Marshal. */
export function goMarshal(v: GoJson, options: MarshalOptions = {}): string {
  try {
    return encode(v, options.escapeHTML ?? true, 0);
  } catch (e) {
    if (e instanceof RangeError) throw new JsonMarshalError('json: unsupported value: encountered a cycle or excessive nesting');
    throw e;
  }
}

/** json.Indent over compact JSON: `[]`/`{}` stay empty, `"k": v`, every element on its own line. */
export function goIndent(compact: string, prefix: string, indent: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let needIndent = false;
  const newline = (): string => `\n${prefix}${indent.repeat(depth)}`;
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += compact[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += newline();
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[':
        out += c;
        needIndent = true;
        break;
      case ',':
        out += c + newline();
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) {
          needIndent = false; // empty object/array
        } else {
          depth--;
          out += newline();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

/** json.MarshalIndent(v, prefix, indent). */
export function goMarshalIndent(v: GoJson, prefix = '', indent = '    ', options: MarshalOptions = {}): string {
  return goIndent(goMarshal(v, options), prefix, indent);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    /** Offset (in UTF-16 units of the decoded text) after which the error occurred, like Go's SyntaxError.Offset. */
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Go's quoteChar. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) {
    const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
    return `'${named[code] ?? `\\x${HEX[code >> 4]}${HEX[code & 0xf]}`}'`;
  }
  if (code === 0xfffd) return "'\\ufffd'";
  return `'${c}'`;
}

const MAX_DEPTH = 10000;
const utf8 = new TextDecoder();

/**
 * json.Unmarshal into untyped values (objects, arrays, strings, numbers, booleans, null) with Go's syntax errors.
 * Object keys are own properties even when named `__proto__`; duplicate keys keep the last value, as in Go.
 */
export function parseGoJson(input: string | Uint8Array): unknown {
  const s = typeof input === 'string' ? input : utf8.decode(input);
  let i = 0;
  const ws = (): void => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const eof = (): never => {
    throw new JsonSyntaxError('unexpected end of JSON input', s.length);
  };
  // At the end of input Go's scanner is fed one space: states that cannot end there report it as the bad character.
  const badAtEof = (context: string): never => {
    throw new JsonSyntaxError(`invalid character ' ' ${context}`, s.length);
  };
  const bad = (context: string): never => {
    if (i >= s.length) eof();
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    throw new JsonSyntaxError(`invalid character ${quoteChar(ch)} ${context}`, i + 1);
  };

  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('exceeded max depth', i);
    ws();
    if (i >= s.length) eof();
    const c = s[i]!;
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (s[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') bad('looking for beginning of object key string');
        const key = string();
        ws();
        if (s[i] !== ':') bad('after object key');
        i++;
        const v = value(depth + 1);
        if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[key] = v;
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return obj;
        }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (s[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return arr;
        }
        bad('after array element');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (c === word[0]) {
        i++;
        for (let k = 1; k < word.length; k++, i++) {
          if (i >= s.length) badAtEof(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
          if (s[i] !== word[k]) bad(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
        }
        return v;
      }
    }
    return bad('looking for beginning of value');
  };

  const string = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= s.length) eof();
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) bad('in string literal');
      if (c === 0x5c) {
        out += s.slice(start, i);
        i++;
        if (i >= s.length) badAtEof('in string escape code');
        const e = s[i]!;
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out += simple[e];
          i++;
        } else if (e === 'u') {
          i++;
          let code = 0;
          for (let k = 0; k < 4; k++, i++) {
            if (i >= s.length) badAtEof('in \\u hexadecimal character escape');
            const h = s[i]!.toLowerCase();
            const d = HEX.indexOf(h);
            if (d < 0 || h.length !== 1) bad('in \\u hexadecimal character escape');
            code = code * 16 + d;
          }
          out += String.fromCharCode(code);
        } else {
          bad('in string escape code');
        }
        start = i;
        continue;
      }
      i++;
    }
  };

  const digits = (context: string, required: boolean): void => {
    const from = i;
    while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
    if (required && i === from) {
      if (i >= s.length) badAtEof(context);
      bad(context);
    }
  };
  const number = (): number => {
    const from = i;
    if (s[i] === '-') {
      i++;
      if (i >= s.length) badAtEof('in numeric literal');
      if (!(s[i]! >= '0' && s[i]! <= '9')) bad('in numeric literal');
    }
    if (s[i] === '0') i++;
    else digits('in numeric literal', true);
    if (s[i] === '.') {
      i++;
      digits('after decimal point in numeric literal', true);
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      digits('in exponent of numeric literal', true);
    }
    return Number(s.slice(from, i));
  };

  let v: unknown;
  try {
    v = value(0);
  } catch (e) {
    // Deep nesting can exhaust the JS stack before Go's 10000-level limit: report it the way Go does.
    if (e instanceof RangeError) throw new JsonSyntaxError('exceeded max depth', i);
    throw e;
  }
  ws();
  if (i < s.length) bad('after top-level value');
  return v;
}
