/**
 * bzip2 decompression (for `docker load` of `.tar.bz2`), written from the format: stream header `BZh1`–`BZh9`,
 * blocks of Huffman-coded MTF/RLE2 symbols, inverse Burrows–Wheeler, RLE1, block and stream CRCs. Concatenated
 * streams are read like Go's compress/bzip2; trailing garbage and the obsolete "randomised" blocks are errors.
 *
 * Hostile input is bounded: every table index and run length is checked, a block never exceeds its declared
 * size (≤ 900 kB), and `maxSize` caps the output.
 */
import { CompressionError, type DecompressOptions } from './CompressionError';
import { CRC32_MSB_TABLE as CRC_TABLE } from './crc32msb';

const fail = (msg: string): never => {
  throw new CompressionError('bzip2', `bzip2 data invalid: ${msg}`);
};

class BitReader {
  private _pos = 0;
  private _buf = 0;
  private _count = 0;
  constructor(private readonly _data: Uint8Array) {}

  /** Reads n ≤ 24 bits, most significant first. */
  bits(n: number): number {
    while (this._count < n) {
      if (this._pos >= this._data.length) throw new CompressionError('bzip2', 'unexpected EOF');
      this._buf = ((this._buf & 0xffffff) << 8) | this._data[this._pos++]!;
      this._count += 8;
    }
    this._count -= n;
    return (this._buf >>> this._count) & ((1 << n) - 1);
  }

  bits32(): number {
    return ((this.bits(16) << 16) | this.bits(16)) >>> 0;
  }

  /** Drops the bits left in the current byte; returns the byte offset of what follows. */
  alignToByte(): number {
    this._count -= this._count % 8;
    return this._pos - this._count / 8;
  }

  get atEnd(): boolean {
    return this._pos >= this._data.length && this._count < 8;
  }
}


const MAX_CODE_LEN = 20;
const GROUP_SIZE = 50;

interface HuffmanTable {
  minLen: number;
  limit: Int32Array;
  base: Int32Array;
  perm: Uint16Array;
  alphaSize: number;
}

function buildTable(lengths: Uint8Array, alphaSize: number): HuffmanTable {
  let minLen = 32;
  let maxLen = 0;
  for (let i = 0; i < alphaSize; i++) {
    minLen = Math.min(minLen, lengths[i]!);
    maxLen = Math.max(maxLen, lengths[i]!);
  }
  const perm = new Uint16Array(alphaSize);
  let pp = 0;
  for (let len = minLen; len <= maxLen; len++) for (let s = 0; s < alphaSize; s++) if (lengths[s] === len) perm[pp++] = s;
  const base = new Int32Array(MAX_CODE_LEN + 2);
  const limit = new Int32Array(MAX_CODE_LEN + 2).fill(-1);
  for (let s = 0; s < alphaSize; s++) base[lengths[s]! + 1]!++;
  for (let i = 1; i < base.length; i++) base[i]! += base[i - 1]!;
  let vec = 0;
  for (let len = minLen; len <= maxLen; len++) {
    vec += base[len + 1]! - base[len]!;
    limit[len] = vec - 1;
    vec <<= 1;
  }
  for (let len = minLen + 1; len <= maxLen; len++) base[len] = ((limit[len - 1]! + 1) << 1) - base[len]!;
  return { minLen, limit, base, perm, alphaSize };
}

function decodeSymbol(br: BitReader, t: HuffmanTable): number {
  let len = t.minLen;
  let code = br.bits(len);
  while (len <= MAX_CODE_LEN && code > t.limit[len]!) {
    len++;
    code = (code << 1) | br.bits(1);
  }
  if (len > MAX_CODE_LEN) fail('bad Huffman code');
  const idx = code - t.base[len]!;
  if (idx < 0 || idx >= t.alphaSize) fail('bad Huffman code');
  return t.perm[idx]!;
}

/** Decodes one block into RLE1-decoded bytes; returns them and the block CRC as stored. */
function decodeBlock(br: BitReader, blockSize: number, tt: Uint32Array, emit: (b: Uint8Array) => void): number {
  const storedCrc = br.bits32();
  if (br.bits(1)) fail('deprecated randomized files');
  const origPtr = br.bits(24);

  const used = br.bits(16);
  const symToByte: number[] = [];
  for (let i = 0; i < 16; i++) {
    if (used & (0x8000 >> i)) {
      const bits = br.bits(16);
      for (let j = 0; j < 16; j++) if (bits & (0x8000 >> j)) symToByte.push(i * 16 + j);
    }
  }
  if (symToByte.length === 0) fail('no symbols in use');
  const alphaSize = symToByte.length + 2;

  const nGroups = br.bits(3);
  if (nGroups < 2 || nGroups > 6) fail('bad number of Huffman tables');
  const nSelectors = br.bits(15);
  if (nSelectors === 0) fail('no selectors');
  const mtfGroups = [0, 1, 2, 3, 4, 5].slice(0, nGroups);
  const selectors = new Uint8Array(nSelectors);
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (br.bits(1)) if (++j >= nGroups) fail('bad selector');
    const v = mtfGroups[j]!;
    mtfGroups.splice(j, 1);
    mtfGroups.unshift(v);
    selectors[i] = v;
  }

  const tables: HuffmanTable[] = [];
  for (let g = 0; g < nGroups; g++) {
    const lengths = new Uint8Array(alphaSize);
    let len = br.bits(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE_LEN) fail('bad code length');
        if (!br.bits(1)) break;
        len += br.bits(1) ? -1 : 1;
      }
      lengths[s] = len;
    }
    tables.push(buildTable(lengths, alphaSize));
  }

  // Huffman → RLE2/MTF → bytes in tt (low 8 bits), counting each byte for the inverse BWT.
  const eob = alphaSize - 1;
  const mtf = new Uint8Array(256);
  for (let i = 0; i < 256; i++) mtf[i] = i;
  const counts = new Int32Array(256);
  let nblock = 0;
  let groupIdx = -1;
  let groupLeft = 0;
  let table = tables[0]!;
  let runLength = 0;
  let runWeight = 1;
  for (;;) {
    if (groupLeft === 0) {
      if (++groupIdx >= nSelectors) fail('ran out of selectors');
      table = tables[selectors[groupIdx]!]!;
      groupLeft = GROUP_SIZE;
    }
    groupLeft--;
    const sym = decodeSymbol(br, table);
    if (sym <= 1) {
      runLength += (sym + 1) * runWeight;
      runWeight <<= 1;
      if (runLength > blockSize) fail('run exceeds block size');
      continue;
    }
    if (runLength > 0) {
      if (nblock + runLength > blockSize) fail('block exceeds declared size');
      const b = symToByte[mtf[0]!]!;
      counts[b]! += runLength;
      tt.fill(b, nblock, nblock + runLength);
      nblock += runLength;
      runLength = 0;
      runWeight = 1;
    }
    if (sym === eob) break;
    const idx = sym - 1;
    const v = mtf[idx]!;
    mtf.copyWithin(1, 0, idx);
    mtf[0] = v;
    if (v >= symToByte.length) fail('bad MTF index');
    if (nblock >= blockSize) fail('block exceeds declared size');
    const b = symToByte[v]!;
    counts[b]!++;
    tt[nblock++] = b;
  }
  if (origPtr >= nblock) fail('bad origin pointer');

  // Inverse BWT: link each position to its successor in the high 24 bits.
  const cf = new Int32Array(256);
  for (let i = 0, sum = 0; i < 256; i++) {
    cf[i] = sum;
    sum += counts[i]!;
  }
  for (let i = 0; i < nblock; i++) {
    const b = tt[i]! & 0xff;
    tt[cf[b]!]! |= i << 8;
    cf[b]!++;
  }

  // Walk the BWT chain and undo RLE1 (four equal bytes are followed by a repeat count).
  let crc = 0xffffffff;
  let out = new Uint8Array(Math.min(nblock * 2 + 16, 1 << 20));
  let o = 0;
  const put = (b: number): void => {
    if (o === out.length) {
      emit(out);
      out = new Uint8Array(out.length);
      o = 0;
    }
    out[o++] = b;
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
  };
  let e = tt[tt[origPtr]! >>> 8]!;
  let prev = -1;
  let run = 0;
  for (let k = 0; k < nblock; k++) {
    const b = e & 0xff;
    e = tt[e >>> 8]!;
    if (run === 4) {
      for (let r = 0; r < b; r++) put(prev);
      run = 0;
      prev = -1;
      continue;
    }
    if (b === prev) run++;
    else {
      prev = b;
      run = 1;
    }
    put(b);
  }
  emit(out.subarray(0, o));
  crc = ~crc >>> 0;
  if (crc !== storedCrc) fail('block checksum mismatch');
  return crc;
}

export function bunzip2(data: Uint8Array, options: DecompressOptions = {}): Uint8Array {
  const max = options.maxSize ?? Infinity;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const emit = (b: Uint8Array): void => {
    if (b.length === 0) return;
    total += b.length;
    if (total > max) throw new CompressionError('bzip2', `bzip2: decompressed data exceeds ${max} bytes`);
    chunks.push(b.slice());
  };
  let offset = 0;
  let first = true;
  while (first || offset < data.length) {
    const br = new BitReader(data.subarray(offset));
    if (br.bits(8) !== 0x42 || br.bits(8) !== 0x5a || br.bits(8) !== 0x68) {
      throw new CompressionError('bzip2', first ? 'bzip2 data invalid: bad magic value' : 'bzip2 data invalid: bad magic value in continuation file');
    }
    const level = br.bits(8) - 0x30;
    if (level < 1 || level > 9) fail('invalid compression level');
    const blockSize = level * 100_000;
    const tt = new Uint32Array(blockSize);
    let combined = 0;
    for (;;) {
      const m1 = br.bits(24);
      const m2 = br.bits(24);
      if (m1 === 0x314159 && m2 === 0x265359) {
        const crc = decodeBlock(br, blockSize, tt, emit);
        combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
      } else if (m1 === 0x177245 && m2 === 0x385090) {
        if (br.bits32() !== combined) fail('stream checksum mismatch');
        break;
      } else {
        fail('bad block magic');
      }
    }
    offset += br.alignToByte();
    first = false;
  }
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}
