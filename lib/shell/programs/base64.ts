/** base64: encode (wrapping at 76 columns, -w N, -w 0 for none) or decode (-d, -i to skip garbage). */

import type { Program } from '../process/Types';
import { readAll } from '../process/streams';
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
  let input: Uint8Array;
  try {
    input = await readAll(name === '-' ? ctx.stdin : ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty));
  } catch (e) {
    await t.error(`${name}: ${errorText(e)}`);
    return 1;
  }
  if (a.has('d')) {
    const { bytes, ok } = decodeBase64(new TextDecoder().decode(input), a.has('i'));
    await ctx.stdout.write(bytes);
    if (!ok && t.gnu) {
      await t.error('invalid input');
      return 1;
    }
    return 0;
  }
  const text = encodeBase64(input);
  if (text === '') return 0;
  if (wrap === 0) {
    await ctx.stdout.write(text);
    return 0;
  }
  for (let i = 0; i < text.length; i += wrap) {
    await ctx.stdout.write(text.slice(i, i + wrap) + '\n');
    if (i % (wrap * 1024) === 0) await ctx.checkpoint();
  }
  return 0;
};
