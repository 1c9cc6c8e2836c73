/**
 * xz decompression (for `docker load` of `.tar.xz`), written from the .xz file format and LZMA2/LZMA specs:
 * streams (concatenated, with stream padding), blocks with the LZMA2 filter, CRC-32 / CRC-64 / SHA-256 checks,
 * index and footer. Other filters (BCJ, delta) are rejected with a clear message; `xz` and `docker save | xz`
 * never use them for tars.
 *
 * Hostile input is bounded: the range decoder never reads past its chunk, match distances are checked against
 * the data decoded so far, sizes are checked against declared ones, and `maxSize` caps the output.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { CompressionError, type DecompressOptions } from './CompressionError';
import { crc32 } from './crc32';

const fail = (msg: string): never => {
  throw new CompressionError('xz', `xz: ${msg}`);
};

const HEADER_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];

// ---- CRC-64 (ECMA-182, reflected), in two 32-bit halves ----
const CRC64_LO = new Uint32Array(256);
const CRC64_HI = new Uint32Array(256);
(() => {
  const polyLo = 0xd7870f42;
  const polyHi = 0xc96c5795;
  for (let i = 0; i < 256; i++) {
    let lo = i;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (bit) {
        lo = (lo ^ polyLo) >>> 0;
        hi = (hi ^ polyHi) >>> 0;
      }
    }
    CRC64_LO[i] = lo;
    CRC64_HI[i] = hi;
  }
})();

function crc64(data: Uint8Array): Uint8Array {
  let lo = 0xffffffff;
  let hi = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const idx = (lo ^ data[i]!) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ CRC64_LO[idx]!) >>> 0;
    hi = ((hi >>> 8) ^ CRC64_HI[idx]!) >>> 0;
  }
  lo = ~lo >>> 0;
  hi = ~hi >>> 0;
  return new Uint8Array([lo, lo >>> 8, lo >>> 16, lo >>> 24, hi, hi >>> 8, hi >>> 16, hi >>> 24]);
}

function le32(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

class Input {
  constructor(
    readonly data: Uint8Array,
    public pos: number,
  ) {}
  byte(): number {
    if (this.pos >= this.data.length) throw new CompressionError('xz', 'unexpected EOF');
    return this.data[this.pos++]!;
  }
  take(n: number): Uint8Array {
    if (n > this.data.length - this.pos) throw new CompressionError('xz', 'unexpected EOF');
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** xz multibyte integer: 7 bits per byte, little endian, at most 9 bytes. */
  varint(): number {
    let x = 0;
    let mul = 1;
    for (let i = 0; i < 9; i++) {
      const b = this.byte();
      x += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) {
        if (i > 0 && b === 0) fail('corrupt multibyte integer');
        if (!Number.isSafeInteger(x)) fail('integer too large');
        return x;
      }
      mul *= 128;
    }
    return fail('corrupt multibyte integer');
  }
}

/** Growing output window: the dictionary is the output itself (we keep everything anyway). */
class Window {
  buf: Uint8Array;
  pos = 0;
  /** Matches may not reach before the last dictionary reset. */
  dictStart = 0;
  constructor(
    initial: number,
    private readonly _max: number,
  ) {
    this.buf = new Uint8Array(Math.max(initial, 4096));
  }
  reserve(n: number): void {
    const need = this.pos + n;
    if (need > this._max) throw new CompressionError('xz', `xz: decompressed data exceeds ${this._max} bytes`);
    if (need <= this.buf.length) return;
    let size = this.buf.length;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}

// ---- LZMA ----
const STATES = 12;
const POS_STATES_MAX = 16;
const END_POS_MODEL_INDEX = 14;
const FULL_DISTANCES = 128;
const ALIGN_BITS = 4;

class RangeDecoder {
  private _range = 0xffffffff;
  private _code = 0;
  private _pos: number;
  constructor(
    private readonly _data: Uint8Array,
    start: number,
    private readonly _end: number,
  ) {
    this._pos = start;
    if (this._next() !== 0) fail('corrupt LZMA data');
    for (let i = 0; i < 4; i++) this._code = ((this._code << 8) | this._next()) >>> 0;
    if (this._code === this._range) fail('corrupt LZMA data');
  }
  private _next(): number {
    if (this._pos >= this._end) fail('corrupt LZMA data (range decoder past chunk end)');
    return this._data[this._pos++]!;
  }
  private _normalize(): void {
    if (this._range < 0x1000000) {
      this._range = (this._range << 8) >>> 0;
      this._code = ((this._code << 8) | this._next()) >>> 0;
    }
  }
  bit(probs: Uint16Array, i: number): number {
    this._normalize();
    const p = probs[i]!;
    const bound = (this._range >>> 11) * p;
    if (this._code < bound) {
      this._range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
      return 0;
    }
    this._range -= bound;
    this._code -= bound;
    probs[i] = p - (p >>> 5);
    return 1;
  }
  direct(n: number): number {
    let x = 0;
    for (let i = 0; i < n; i++) {
      this._normalize();
      this._range >>>= 1;
      let bit = 0;
      if (this._code >= this._range) {
        this._code -= this._range;
        bit = 1;
      }
      x = x * 2 + bit;
    }
    return x;
  }
  tree(probs: Uint16Array, offset: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | this.bit(probs, offset + m);
    return m - (1 << bits);
  }
  reverseTree(probs: Uint16Array, offset: number, bits: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, offset + m);
      m = (m << 1) | b;
      sym |= b << i;
    }
    return sym;
  }
  get finishedCleanly(): boolean {
    return this._code === 0;
  }
}

class LenDecoder {
  readonly choice = new Uint16Array(2);
  readonly low = new Uint16Array(POS_STATES_MAX << 3);
  readonly mid = new Uint16Array(POS_STATES_MAX << 3);
  readonly high = new Uint16Array(256);
  reset(): void {
    for (const a of [this.choice, this.low, this.mid, this.high]) a.fill(1024);
  }
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.choice, 0) === 0) return rc.tree(this.low, posState << 3, 3);
    if (rc.bit(this.choice, 1) === 0) return 8 + rc.tree(this.mid, posState << 3, 3);
    return 16 + rc.tree(this.high, 0, 8);
  }
}

class LzmaDecoder {
  lc = 0;
  lp = 0;
  pb = 0;
  private _literal = new Uint16Array(0x300);
  private readonly _isMatch = new Uint16Array(STATES << 4);
  private readonly _isRep = new Uint16Array(STATES);
  private readonly _isRepG0 = new Uint16Array(STATES);
  private readonly _isRepG1 = new Uint16Array(STATES);
  private readonly _isRepG2 = new Uint16Array(STATES);
  private readonly _isRep0Long = new Uint16Array(STATES << 4);
  private readonly _posSlot = new Uint16Array(4 << 6);
  private readonly _posSpecial = new Uint16Array(1 + FULL_DISTANCES - END_POS_MODEL_INDEX);
  private readonly _align = new Uint16Array(1 << ALIGN_BITS);
  private readonly _len = new LenDecoder();
  private readonly _repLen = new LenDecoder();
  private _state = 0;
  private _reps = [0, 0, 0, 0];

  setProps(props: number): void {
    if (props > 224) fail('invalid LZMA properties');
    this.pb = Math.floor(props / 45);
    this.lp = Math.floor((props % 45) / 9);
    this.lc = props % 9;
    if (this.lc + this.lp > 4) fail('invalid LZMA2 properties (lc + lp > 4)');
    this._literal = new Uint16Array(0x300 << (this.lc + this.lp));
  }

  resetState(): void {
    for (const a of [this._literal, this._isMatch, this._isRep, this._isRepG0, this._isRepG1, this._isRepG2, this._isRep0Long, this._posSlot, this._posSpecial, this._align]) a.fill(1024);
    this._len.reset();
    this._repLen.reset();
    this._state = 0;
    this._reps = [0, 0, 0, 0];
  }

  /** Decodes exactly `size` bytes into the window from `rc`. */
  decode(rc: RangeDecoder, w: Window, size: number): void {
    w.reserve(size);
    const buf = w.buf;
    const end = w.pos + size;
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    let state = this._state;
    const reps = this._reps;
    let pos = w.pos;
    while (pos < end) {
      const rel = pos - w.dictStart;
      const posState = rel & pbMask;
      if (rc.bit(this._isMatch, (state << 4) | posState) === 0) {
        const prev = rel > 0 ? buf[pos - 1]! : 0;
        const base = 0x300 * (((rel & lpMask) << this.lc) + (prev >>> (8 - this.lc)));
        let sym = 1;
        if (state >= 7) {
          if (reps[0]! >= rel) fail('corrupt LZMA data (distance)');
          let matchByte = buf[pos - reps[0]! - 1]!;
          while (sym < 0x100) {
            const matchBit = (matchByte >>> 7) & 1;
            matchByte <<= 1;
            const bit = rc.bit(this._literal, base + 0x100 + (matchBit << 8) + sym);
            sym = (sym << 1) | bit;
            if (matchBit !== bit) break;
          }
        }
        while (sym < 0x100) sym = (sym << 1) | rc.bit(this._literal, base + sym);
        buf[pos++] = sym & 0xff;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this._isRep, state) === 0) {
        reps[3] = reps[2]!;
        reps[2] = reps[1]!;
        reps[1] = reps[0]!;
        len = this._len.decode(rc, posState);
        state = state < 7 ? 7 : 10;
        reps[0] = this._distance(rc, len);
        if (reps[0] === 0xffffffff) fail('unexpected end marker in LZMA2 data');
      } else {
        if (rel === 0) fail('corrupt LZMA data (repeat at start)');
        if (rc.bit(this._isRepG0, state) === 0) {
          if (rc.bit(this._isRep0Long, (state << 4) | posState) === 0) {
            state = state < 7 ? 9 : 11;
            if (reps[0]! >= rel) fail('corrupt LZMA data (distance)');
            buf[pos] = buf[pos - reps[0]! - 1]!;
            pos++;
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this._isRepG1, state) === 0) {
            dist = reps[1]!;
          } else {
            if (rc.bit(this._isRepG2, state) === 0) {
              dist = reps[2]!;
            } else {
              dist = reps[3]!;
              reps[3] = reps[2]!;
            }
            reps[2] = reps[1]!;
          }
          reps[1] = reps[0]!;
          reps[0] = dist;
        }
        len = this._repLen.decode(rc, posState);
        state = state < 7 ? 8 : 11;
      }
      const n = len + 2;
      const dist = reps[0]!;
      if (dist >= pos - w.dictStart) fail('corrupt LZMA data (distance)');
      if (pos + n > end) fail('corrupt LZMA data (match past chunk end)');
      for (let i = 0; i < n; i++, pos++) buf[pos] = buf[pos - dist - 1]!;
    }
    w.pos = pos;
    this._state = state;
  }

  private _distance(rc: RangeDecoder, len: number): number {
    const lenState = Math.min(len, 3);
    const slot = rc.tree(this._posSlot, lenState << 6, 6);
    if (slot < 4) return slot;
    const directBits = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** directBits;
    if (slot < END_POS_MODEL_INDEX) {
      return dist + rc.reverseTree(this._posSpecial, dist - slot, directBits);
    }
    dist += rc.direct(directBits - ALIGN_BITS) * 2 ** ALIGN_BITS;
    return dist + rc.reverseTree(this._align, 0, ALIGN_BITS);
  }
}

/** Decodes one block's LZMA2 data starting at `inp.pos`; returns the bytes it produced. */
function decodeLzma2(inp: Input, w: Window, dictProp: number): void {
  if (dictProp > 40) fail('unsupported LZMA2 dictionary size');
  const lzma = new LzmaDecoder();
  let needDictReset = true;
  let needProps = true;
  w.dictStart = w.pos;
  for (;;) {
    const control = inp.byte();
    if (control === 0x00) return;
    if (control === 0x01 || control === 0x02) {
      if (control === 0x01) {
        w.dictStart = w.pos;
        needDictReset = false;
      } else if (needDictReset) fail('corrupt LZMA2 data (missing dictionary reset)');
      const size = ((inp.byte() << 8) | inp.byte()) + 1;
      const raw = inp.take(size);
      w.reserve(size);
      w.buf.set(raw, w.pos);
      w.pos += size;
      continue;
    }
    if (control < 0x80) fail('corrupt LZMA2 data (bad control byte)');
    const usize = ((control & 0x1f) << 16) + ((inp.byte() << 8) | inp.byte()) + 1;
    const csize = ((inp.byte() << 8) | inp.byte()) + 1;
    const reset = (control >>> 5) & 3;
    if (reset === 3) {
      w.dictStart = w.pos;
      needDictReset = false;
    } else if (needDictReset) fail('corrupt LZMA2 data (missing dictionary reset)');
    if (reset >= 2) {
      lzma.setProps(inp.byte());
      needProps = false;
    } else if (needProps) fail('corrupt LZMA2 data (missing properties)');
    if (reset >= 1) lzma.resetState();
    const start = inp.pos;
    if (csize > inp.data.length - start) throw new CompressionError('xz', 'unexpected EOF');
    const rc = new RangeDecoder(inp.data, start, start + csize);
    lzma.decode(rc, w, usize);
    if (!rc.finishedCleanly) fail('corrupt LZMA data');
    inp.pos = start + csize;
  }
}

function verifyCheck(type: number, data: Uint8Array, stored: Uint8Array): void {
  let computed: Uint8Array | null = null;
  if (type === 1) {
    const c = crc32(data);
    computed = new Uint8Array([c, c >>> 8, c >>> 16, c >>> 24]);
  } else if (type === 4) computed = crc64(data);
  else if (type === 10) computed = sha256(data);
  if (computed && !computed.every((b, i) => b === stored[i])) fail('data integrity check failed');
}

export function unxz(data: Uint8Array, options: DecompressOptions = {}): Uint8Array {
  const w = new Window(data.length * 4, options.maxSize ?? Infinity);
  const inp = new Input(data, 0);
  let streams = 0;
  while (inp.pos < data.length) {
    // Stream padding: zero bytes in multiples of four between and after streams.
    if (streams > 0 && data[inp.pos] === 0) {
      const start = inp.pos;
      while (inp.pos < data.length && data[inp.pos] === 0) inp.pos++;
      if ((inp.pos - start) % 4 !== 0) fail('corrupt stream padding');
      continue;
    }
    const header = inp.take(12);
    if (!HEADER_MAGIC.every((b, i) => header[i] === b)) fail(streams === 0 ? 'not an xz file' : 'garbage after the end of the stream');
    if (header[6] !== 0 || (header[7]! & 0xf0) !== 0) fail('unsupported stream flags');
    if (crc32(header.subarray(6, 8)) !== le32(header, 8)) fail('stream header checksum mismatch');
    const checkType = header[7]!;
    const checkSize = CHECK_SIZES[checkType]!;
    const records: Array<[number, number]> = [];
    for (;;) {
      const blockStart = inp.pos;
      const sizeByte = inp.byte();
      if (sizeByte === 0) break; // index indicator
      const headerSize = (sizeByte + 1) * 4;
      inp.pos = blockStart;
      const bh = inp.take(headerSize);
      if (crc32(bh.subarray(0, headerSize - 4)) !== le32(bh, headerSize - 4)) fail('block header checksum mismatch');
      const hin = new Input(bh.subarray(0, headerSize - 4), 2);
      const flags = bh[1]!;
      if (flags & 0x3c) fail('unsupported block flags');
      const compressedSize = flags & 0x40 ? hin.varint() : -1;
      const uncompressedSize = flags & 0x80 ? hin.varint() : -1;
      const nFilters = (flags & 3) + 1;
      let dictProp = -1;
      for (let f = 0; f < nFilters; f++) {
        const id = hin.varint();
        const propSize = hin.varint();
        const props = hin.take(propSize);
        if (id !== 0x21) fail(`unsupported filter 0x${id.toString(16)} (only LZMA2 is supported)`);
        if (f !== nFilters - 1 || propSize !== 1) fail('corrupt filter flags');
        dictProp = props[0]!;
      }
      while (hin.pos < hin.data.length) if (hin.byte() !== 0) fail('corrupt block header padding');
      const dataStart = inp.pos;
      const outStart = w.pos;
      decodeLzma2(inp, w, dictProp);
      const csize = inp.pos - dataStart;
      const usize = w.pos - outStart;
      if ((compressedSize >= 0 && compressedSize !== csize) || (uncompressedSize >= 0 && uncompressedSize !== usize)) {
        fail('block sizes do not match its header');
      }
      while ((inp.pos - blockStart) % 4 !== 0) if (inp.byte() !== 0) fail('corrupt block padding');
      verifyCheck(checkType, w.buf.subarray(outStart, w.pos), inp.take(checkSize));
      records.push([headerSize + csize + checkSize, usize]);
    }
    // Index: must list the blocks we decoded.
    const indexStart = inp.pos - 1;
    const count = inp.varint();
    if (count !== records.length) fail('index does not match the blocks');
    for (const [unpadded, usize] of records) {
      if (inp.varint() !== unpadded || inp.varint() !== usize) fail('index does not match the blocks');
    }
    while ((inp.pos - indexStart) % 4 !== 0) if (inp.byte() !== 0) fail('corrupt index padding');
    const indexEnd = inp.pos;
    if (crc32(data.subarray(indexStart, indexEnd)) !== le32(inp.take(4), 0)) fail('index checksum mismatch');
    const footer = inp.take(12);
    if (footer[10] !== 0x59 || footer[11] !== 0x5a) fail('corrupt stream footer');
    if (crc32(footer.subarray(4, 10)) !== le32(footer, 0)) fail('stream footer checksum mismatch');
    if ((le32(footer, 4) + 1) * 4 !== indexEnd + 4 - indexStart) fail('stream footer does not match the index');
    if (footer[8] !== header[6] || footer[9] !== header[7]) fail('stream footer flags do not match the header');
    streams++;
  }
  if (streams === 0) fail('not an xz file');
  return w.buf.subarray(0, w.pos);
}
