/**
 * base32 and basenc (coreutils): encode (wrapping at 76 columns, -w N, -w 0 for none) or decode (-d, -i to skip
 * characters outside the alphabet). basenc picks the encoding by option: --base64, --base64url, --base32,
 * --base32hex, --base16, --base2msbf, --base2lsbf (Z85 is not offered).
 */

import type { Program } from '../../engine/process/Types';
import { encodeText } from '../../engine/process/text';
import { errorText, isReportable, Tool } from './lib/tool';
import { readInput } from './lib/input';

interface Codec {
  encode(b: Uint8Array): string;
  /** null for invalid input. */
  decode(text: string): Uint8Array | null;
  /** Characters that belong to the encoding (for -i). */
  readonly alphabet: string;
}

/** A radix-2^bits codec with `=` padding to whole groups (base64: 6 bits in groups of 4, base32: 5 in groups of 8). */
function radix(alphabet: string, bits: number, group: number): Codec {
  return {
    alphabet: alphabet + '=',
    encode(b) {
      let out = '';
      let acc = 0;
      let n = 0;
      for (const byte of b) {
        acc = (acc << 8) | byte;
        n += 8;
        while (n >= bits) {
          n -= bits;
          out += alphabet[(acc >> n) & ((1 << bits) - 1)];
        }
        acc &= (1 << n) - 1;
      }
      if (n > 0) out += alphabet[(acc << (bits - n)) & ((1 << bits) - 1)];
      while (out.length % group !== 0) out += '=';
      return out;
    },
    decode(text) {
      if (text.length % group !== 0) return null;
      const out: number[] = [];
      let acc = 0;
      let n = 0;
      let ended = false;
      for (const ch of text) {
        if (ch === '=') {
          ended = true;
          continue;
        }
        const v = alphabet.indexOf(ch);
        if (v < 0 || ended) return null;
        acc = ((acc << bits) | v) & 0xffff;
        n += bits;
        if (n >= 8) {
          n -= 8;
          out.push((acc >> n) & 0xff);
        }
      }
      return Uint8Array.from(out);
    },
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CODECS: Readonly<Record<string, Codec>> = {
  base64: radix(B64 + '+/', 6, 4),
  base64url: radix(B64 + '-_', 6, 4),
  base32: radix('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 5, 8),
  base32hex: radix('0123456789ABCDEFGHIJKLMNOPQRSTUV', 5, 8),
  base16: {
    alphabet: '0123456789ABCDEF',
    encode: (b) => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(''),
    decode: (text) => (/^([0-9A-F]{2})*$/.test(text) ? Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16)) : null),
  },
  base2msbf: {
    alphabet: '01',
    encode: (b) => Array.from(b, (x) => x.toString(2).padStart(8, '0')).join(''),
    decode: (text) => (/^([01]{8})*$/.test(text) ? Uint8Array.from(text.match(/.{8}/g) ?? [], (h) => parseInt(h, 2)) : null),
  },
  base2lsbf: {
    alphabet: '01',
    encode: (b) => Array.from(b, (x) => [...x.toString(2).padStart(8, '0')].reverse().join('')).join(''),
    decode: (text) => (/^([01]{8})*$/.test(text) ? Uint8Array.from(text.match(/.{8}/g) ?? [], (h) => parseInt([...h].reverse().join(''), 2)) : null),
  },
};

async function encodeOrDecode(t: Tool, codecName: string | undefined, extra: Readonly<Record<string, { key: string }>>): Promise<number> {
  const ctx = t.ctx;
  const parsed = await t.parse({ short: 'diw:', long: { decode: { key: 'd' }, 'ignore-garbage': { key: 'i' }, wrap: { key: 'w', arg: 'required' }, ...extra } });
  if (typeof parsed === 'number') return parsed;
  const chosen = codecName ?? parsed.last(...Object.keys(extra));
  if (chosen === undefined) return t.usage('missing encoding type');
  const codec = CODECS[chosen]!;
  if (parsed.operands.length > 1) return t.usage(`extra operand ${t.ql(parsed.operands[1]!)}`);
  let wrap = 76;
  const w = parsed.get('w');
  if (w !== undefined) {
    if (!/^\d+$/.test(w)) {
      await t.error(`invalid wrap size: ${t.ql(w)}`);
      return 1;
    }
    wrap = Number(w);
  }
  const name = parsed.operands[0] ?? '-';
  let data: Uint8Array;
  try {
    data = await readInput(ctx, name);
  } catch (e) {
    if (!isReportable(e)) throw e;
    await t.error(`${name}: ${errorText(e)}`);
    return 1;
  }
  if (parsed.has('d')) {
    let text = new TextDecoder().decode(data).replace(/\n/g, '');
    if (parsed.has('i')) text = [...text].filter((c) => codec.alphabet.includes(c)).join('');
    const bytes = codec.decode(text);
    if (bytes === null) {
      await t.error('invalid input');
      return 1;
    }
    await t.out(bytes);
    return 0;
  }
  const text = codec.encode(data);
  if (text === '') return 0;
  const lines = wrap === 0 ? [text] : (text.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []);
  await t.out(encodeText(lines.join('\n') + (wrap === 0 ? '' : '\n')));
  return 0;
}

export const base32: Program = (ctx) => encodeOrDecode(new Tool(ctx), 'base32', {});

export const basenc: Program = (ctx) =>
  encodeOrDecode(new Tool(ctx), undefined, Object.fromEntries(Object.keys(CODECS).map((k) => [k, { key: k }])));
