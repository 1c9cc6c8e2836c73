/**
 * crypt(3) hashes: SHA-512 crypt (`$6$salt$hash`, glibc's default 5000 rounds, for passwords set by chpasswd), SHA-256
 * crypt (`$5$`) and MD5 crypt (`$1$`, `$apr1$`), as `openssl passwd` makes them.
 */

import { md5 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../../../engine/process/text';

/** crypt(3)'s base-64 alphabet (hash and salt characters). */
export const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `len` bytes of `block` repeated. */
function repeatTo(block: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = block[i % block.length]!;
  return out;
}

interface ShaCryptKind {
  readonly id: '5' | '6';
  readonly hash: (data: Uint8Array) => Uint8Array;
  /** Byte triples of the final digest, in the order crypt(3) encodes them, then the leftover bytes. */
  readonly order: readonly (readonly [number, number, number])[];
  readonly tail: readonly number[];
}

const SHA512: ShaCryptKind = {
  id: '6',
  hash: sha512,
  order: [
    [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10],
    [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41],
  ],
  tail: [63],
};

const SHA256: ShaCryptKind = {
  id: '5',
  hash: sha256,
  order: [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29]],
  tail: [31, 30],
};

/** `len` characters of crypt's base 64 for the `w` low bits first. */
function b64(w: number, len: number): string {
  let out = '';
  for (let i = 0; i < len; i++) {
    out += ITOA64[w & 0x3f];
    w >>= 6;
  }
  return out;
}

/** SHA-crypt (Drepper's scheme) with the default 5000 rounds. */
function shaCrypt(kind: ShaCryptKind, password: string, salt: string): string {
  const enc = new TextEncoder();
  const pw = enc.encode(password);
  const s = enc.encode(salt.slice(0, 16));
  const b = kind.hash(concatBytes([pw, s, pw]));
  const aParts: Uint8Array[] = [pw, s, repeatTo(b, pw.length)];
  for (let n = pw.length; n > 0; n >>= 1) aParts.push(n & 1 ? b : pw);
  let c = kind.hash(concatBytes(aParts));
  const dp = kind.hash(concatBytes(Array.from({ length: pw.length }, () => pw)));
  const p = repeatTo(dp, pw.length);
  const ds = kind.hash(concatBytes(Array.from({ length: 16 + c[0]! }, () => s)));
  const sBytes = repeatTo(ds, s.length);
  for (let i = 0; i < 5000; i++) {
    const parts: Uint8Array[] = [i & 1 ? p : c];
    if (i % 3) parts.push(sBytes);
    if (i % 7) parts.push(p);
    parts.push(i & 1 ? c : p);
    c = kind.hash(concatBytes(parts));
  }
  let out = '';
  for (const [x, y, z] of kind.order) out += b64((c[x]! << 16) | (c[y]! << 8) | c[z]!, 4);
  out += kind.tail.length === 1 ? b64(c[kind.tail[0]!]!, 2) : b64((c[kind.tail[0]!]! << 8) | c[kind.tail[1]!]!, 3);
  return `$${kind.id}$${salt.slice(0, 16)}$${out}`;
}

export function sha512Crypt(password: string, salt: string): string {
  return shaCrypt(SHA512, password, salt);
}

export function sha256Crypt(password: string, salt: string): string {
  return shaCrypt(SHA256, password, salt);
}

/** MD5 crypt (`$1$`, and Apache's `$apr1$` variant): 1000 rounds, salt of up to 8 characters. */
export function md5Crypt(password: string, salt: string, magic: '$1$' | '$apr1$' = '$1$'): string {
  const enc = new TextEncoder();
  const pw = enc.encode(password);
  const s = enc.encode(salt.slice(0, 8));
  const alt = md5(concatBytes([pw, s, pw]));
  const parts: Uint8Array[] = [pw, enc.encode(magic), s];
  for (let i = pw.length; i > 0; i -= 16) parts.push(alt.subarray(0, Math.min(16, i)));
  for (let i = pw.length; i > 0; i >>= 1) parts.push(i & 1 ? new Uint8Array(1) : pw.subarray(0, 1));
  let f = md5(concatBytes(parts));
  for (let i = 0; i < 1000; i++) {
    const round: Uint8Array[] = [i & 1 ? pw : f];
    if (i % 3) round.push(s);
    if (i % 7) round.push(pw);
    round.push(i & 1 ? f : pw);
    f = md5(concatBytes(round));
  }
  let out = '';
  for (const [x, y, z] of [[0, 6, 12], [1, 7, 13], [2, 8, 14], [3, 9, 15], [4, 10, 5]] as const) out += b64((f[x]! << 16) | (f[y]! << 8) | f[z]!, 4);
  out += b64(f[11]!, 2);
  return `${magic}${salt.slice(0, 8)}$${out}`;
}
