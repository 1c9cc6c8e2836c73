/**
 * od (coreutils): dump bytes as octal (default -t o2), hex, decimal, unsigned, characters (-c, -t c) or named
 * characters (-t a), 16 bytes a line, offsets in -A o/d/x/n, -j skip, -N limit, repeated lines shown as `*`
 * unless -v. The classic letters -b -c -d -o -x -s map to their -t types. One type per dump is supported.
 */

import type { Program } from '../../engine/process/Types';
import { errorText, isReportable, Tool } from './lib/tool';
import { readInput } from './lib/input';

type Kind = 'o' | 'x' | 'd' | 'u' | 'c' | 'a';
interface Type {
  readonly kind: Kind;
  readonly size: number;
}

const NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];
const ESCAPES: Readonly<Record<number, string>> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** Digits of the widest value of each integer type (the field is one wider). */
function digits(kind: Kind, size: number): number {
  const bits = size * 8;
  if (kind === 'o') return Math.ceil(bits / 3);
  if (kind === 'x') return size * 2;
  if (kind === 'u') return String(2n ** BigInt(bits) - 1n).length;
  if (kind === 'd') return String(-(2n ** BigInt(bits - 1))).length;
  return 3;
}

function field(t: Type, bytes: Uint8Array, at: number): string {
  if (t.kind === 'c') {
    const b = bytes[at]!;
    const s = ESCAPES[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'));
    return s.padStart(4);
  }
  if (t.kind === 'a') {
    const b = bytes[at]! & 0x7f;
    return (b < 33 ? NAMES[b]! : b === 127 ? 'del' : String.fromCharCode(b)).padStart(4);
  }
  let v = 0n;
  for (let i = t.size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i] ?? 0);
  if (t.kind === 'd' && v >= 2n ** BigInt(t.size * 8 - 1)) v -= 2n ** BigInt(t.size * 8);
  const w = digits(t.kind, t.size);
  const text = t.kind === 'o' ? v.toString(8).padStart(w, '0') : t.kind === 'x' ? v.toString(16).padStart(w, '0') : v.toString();
  return ` ${text.padStart(w)}`;
}

function parseType(spec: string): Type | string {
  const kind = spec[0] as Kind;
  if (!'oxduca'.includes(kind) || spec === '') return `invalid character '${spec[0]}' in type string`;
  if (kind === 'c' || kind === 'a') return { kind, size: 1 };
  const rest = spec.slice(1);
  const sizes: Readonly<Record<string, number>> = { '': kind === 'd' || kind === 'u' ? 4 : 2, C: 1, S: 2, I: 4, L: 8, '1': 1, '2': 2, '4': 4, '8': 8 };
  const size = sizes[rest];
  if (size === undefined) return `invalid type string '${spec}'`;
  return { kind, size };
}

export const od: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: 'A:bcdj:N:ost:vxw::',
    long: { 'address-radix': { key: 'A', arg: 'required' }, 'skip-bytes': { key: 'j', arg: 'required' }, 'read-bytes': { key: 'N', arg: 'required' }, format: { key: 't', arg: 'required' }, 'output-duplicates': { key: 'v' }, width: { key: 'w', arg: 'optional' } },
  });
  if (typeof parsed === 'number') return parsed;
  const classic: Readonly<Record<string, string>> = { b: 'o1', c: 'c', d: 'u2', o: 'o2', s: 'd2', x: 'x2' };
  let type: Type = { kind: 'o', size: 2 };
  for (const o of parsed.options) {
    const spec = o.key === 't' ? o.value! : classic[o.key];
    if (spec === undefined) continue;
    const r = parseType(spec);
    if (typeof r === 'string') {
      await t.error(`${r.replace(/'([^']*)' in type string$/, "'$1' in type string")} ${t.ql(spec)}`.replace(/ in type string '.*' (‘|')/, ' in type string $1'));
      return 1;
    }
    type = r;
  }
  const radix = parsed.get('A') ?? 'o';
  if (!'odxn'.includes(radix) || radix.length !== 1) {
    await t.error(`invalid output address radix '${radix}'; it must be one character from [doxn]`);
    return 1;
  }
  const width = Number(parsed.get('w') || 16) || 16;
  const chunks: Uint8Array[] = [];
  for (const name of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    try {
      chunks.push(await readInput(ctx, name));
    } catch (e) {
      if (!isReportable(e)) throw e;
      await t.error(`${name}: ${errorText(e)}`);
    }
  }
  // With no readable input at all, od prints not even the final offset.
  if (chunks.length === 0) return 1;
  let data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    data.set(c, o);
    o += c.length;
  }
  const skip = Number(parsed.get('j') ?? 0);
  data = data.subarray(skip, parsed.has('N') ? skip + Number(parsed.get('N')) : undefined);
  const addr = (n: number) => (radix === 'n' ? '' : radix === 'd' ? String(n).padStart(7, '0') : radix === 'x' ? n.toString(16).padStart(6, '0') : n.toString(8).padStart(7, '0'));
  let out = '';
  let prev: string | null = null;
  let starred = false;
  for (let at = 0; at < data.length; at += width) {
    await ctx.checkpoint();
    const line = data.subarray(at, at + width);
    let body = '';
    for (let i = 0; i < line.length; i += type.size) body += field(type, line, i);
    const full = line.length === width;
    if (!parsed.has('v') && full && body === prev) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    starred = false;
    prev = full ? body : null;
    out += `${addr(skip + at)}${body}\n`;
  }
  if (radix !== 'n') out += `${addr(skip + data.length)}\n`;
  await t.out(out);
  return t.status;
};
