/** SHA-512 crypt (`$6$salt$hash`, glibc's crypt(3) with the default 5000 rounds), for passwords set by chpasswd. */

import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../../../engine/process/text';

/** crypt(3)'s base-64 alphabet (hash and salt characters). */
export const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `len` bytes of `block` repeated. */
function repeatTo(block: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = block[i % block.length]!;
  return out;
}

export function sha512Crypt(password: string, salt: string): string {
  const enc = new TextEncoder();
  const pw = enc.encode(password);
  const s = enc.encode(salt.slice(0, 16));
  const b = sha512(concatBytes([pw, s, pw]));
  const aParts: Uint8Array[] = [pw, s, repeatTo(b, pw.length)];
  for (let n = pw.length; n > 0; n >>= 1) aParts.push(n & 1 ? b : pw);
  let c = sha512(concatBytes(aParts));
  const dp = sha512(concatBytes(Array.from({ length: pw.length }, () => pw)));
  const p = repeatTo(dp, pw.length);
  const ds = sha512(concatBytes(Array.from({ length: 16 + c[0]! }, () => s)));
  const sBytes = repeatTo(ds, s.length);
  for (let i = 0; i < 5000; i++) {
    const parts: Uint8Array[] = [i & 1 ? p : c];
    if (i % 3) parts.push(sBytes);
    if (i % 7) parts.push(p);
    parts.push(i & 1 ? c : p);
    c = sha512(concatBytes(parts));
  }
  const order = [
    [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10],
    [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
  ] as const;
  let out = '';
  const b64 = (w: number, n: number) => {
    for (let i = 0; i < n; i++) {
      out += ITOA64[w & 0x3f];
      w >>= 6;
    }
  };
  for (const [x, y, z] of order) b64((c[x]! << 16) | (c[y]! << 8) | c[z]!, 4);
  b64(c[63]!, 2);
  return `$6$${salt.slice(0, 16)}$${out}`;
}
