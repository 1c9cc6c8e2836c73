/** base64: encode (wrapping at 76 columns, -w N, -w 0 for none) or decode (-d, -i to skip garbage). */

import type { Program, ReadStream } from '../../engine/process/Types';
import { errorText, Tool } from './lib/tool';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += ALPHABET[b0 >> 2]! + ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!;
    out += b1 === undefined ? '=' : ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!;
    out += b2 === undefined ? '=' : ALPHABET[b2 & 63]!;
  }
  return out;
}

/** Decodes; returns the bytes decoded before any invalid input and whether the input was valid. */
export function decodeBase64(text: string, ignoreGarbage: boolean): { bytes: Uint8Array; ok: boolean } {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let ok = true;
  let ended = false;
  for (const ch of text) {
    if (ch === '\n' || ch === '\r') continue;
    if (ch === '=') {
      ended = true;
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v < 0 || ended) {
      if (ignoreGarbage && v < 0) continue;
      ok = false;
      break;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  if (ok && bits >= 6) ok = false;
  return { bytes: Uint8Array.from(out), ok };
}

export const base64: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'diw:' : 'dw:',
    long: t.gnu ? { decode: { key: 'd' }, 'ignore-garbage': { key: 'i' }, wrap: { key: 'w', arg: 'required' } } : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length > 1) return t.usage(t.gnu ? `extra operand ${t.ql(a.operands[1]!)}` : undefined);
  let wrap = 76;
  if (a.has('w')) {
    const w = a.get('w')!;
    if (!/^\d+$/.test(w)) {
      await t.error(t.gnu ? `invalid wrap size: ${t.ql(w)}` : `invalid number '${w}'`);
      return 1;
    }
    wrap = Number(w);
  }
  const name = a.operands[0] ?? '-';
  let input: ReadStream;
  try {
    input = name === '-' ? ctx.stdin : ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty, ctx);
  } catch (e) {
    await t.error(`${name}: ${errorText(e)}`);
    return 1;
  }
  if (a.has('d')) {
    // Decode as input arrives, four characters at a time, keeping any remainder for the next chunk.
    const decoder = new TextDecoder();
    let pending = '';
    for (let c = await input.read(); c !== null; c = await input.read()) {
      await ctx.checkpoint();
      pending += decoder.decode(c, { stream: true }).replace(/[\r\n]/g, '');
      const usable = pending.length - (pending.length % 4);
      const { bytes, ok } = decodeBase64(pending.slice(0, usable), a.has('i'));
      await ctx.stdout.write(bytes);
      if (!ok && !a.has('i')) {
        if (t.gnu) {
          await t.error('invalid input');
          return 1;
        }
        return 0;
      }
      pending = pending.slice(usable);
    }
    const { bytes, ok } = decodeBase64(pending, a.has('i'));
    await ctx.stdout.write(bytes);
    if (!ok && t.gnu) {
      await t.error('invalid input');
      return 1;
    }
    return 0;
  }
  // Encode as input arrives: whole 3-byte groups now, the rest with the next chunk; lines wrap across chunks.
  let carry = new Uint8Array(0);
  let column = 0;
  const put = async (text: string) => {
    if (wrap === 0) {
      await ctx.stdout.write(text);
      return;
    }
    let out = '';
    let i = 0;
    while (i < text.length) {
      const take = Math.min(wrap - column, text.length - i);
      out += text.slice(i, i + take);
      i += take;
      column += take;
      if (column === wrap) {
        out += '\n';
        column = 0;
      }
    }
    await ctx.stdout.write(out);
  };
  for (let c = await input.read(); c !== null; c = await input.read()) {
    await ctx.checkpoint();
    const all = new Uint8Array(carry.length + c.length);
    all.set(carry);
    all.set(c, carry.length);
    const usable = all.length - (all.length % 3);
    await put(encodeBase64(all.subarray(0, usable)));
    carry = all.slice(usable);
  }
  await put(encodeBase64(carry));
  if (wrap !== 0 && column > 0) await ctx.stdout.write('\n');
  return 0;
};
