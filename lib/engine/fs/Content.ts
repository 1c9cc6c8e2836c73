/**
 * File contents as immutable values.
 *
 * A `Content` is shared freely: between hard links, between a layer and the containers that read it, between an
 * image and the images built on it. Nothing ever mutates a `Content`; writing a file stores a new value.
 *
 * Kinds:
 * - bytes: real bytes (user files, small text). Appending reuses spare capacity of the backing buffer the way a Go
 *   slice does (older values only ever see their own prefix), so `>>` in a loop costs amortised O(bytes written).
 * - synthetic(size, seed, head): the big binaries of base images. O(1) memory whatever the declared size; bytes are
 *   produced on demand from a counter-based generator keyed by (seed, 64 KiB block index, word index), so reading
 *   any range costs O(length), never O(offset). `head` (e.g. an executable header) is the prefix.
 * - zeros, slice and concat: what truncate/append produce from a large synthetic file without materialising it.
 *
 * `id` is a cheap identity for deduplication: equal ids imply equal bytes (the converse does not hold for composite
 * values). Synthetic ids are structural (`syn:<size>:<seed>:<headhex>`); real bytes are hashed lazily, once.
 */

import { sha256 } from '@noble/hashes/sha2.js';

/** Block size of the synthetic generator: each block is keyed independently by (seed, blockIndex). */
export const SYNTHETIC_BLOCK = 64 * 1024;

/** Below this size, composite results are materialised into real bytes (cheaper than keeping the structure). */
const MATERIALISE_LIMIT = 64 * 1024;

export abstract class Content {
  abstract readonly kind: 'bytes' | 'synthetic' | 'zeros' | 'slice' | 'concat';
  abstract readonly size: number;
  private _id: string | undefined;

  /** Bytes [offset, offset+length) clipped to the content; always a fresh array the caller may keep or mutate. */
  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.max(start, Math.min(this.size, start + Math.max(0, length)));
    const out = new Uint8Array(end - start);
    if (end > start) this.readInto(start, out);
    return out;
  }

  /** Every byte (materialises synthetic content: use `read` for large files). */
  bytes(): Uint8Array {
    return this.read(0, this.size);
  }

  /** Stable cheap identity: equal ids mean equal bytes. Computed once. */
  get id(): string {
    return (this._id ??= this.computeId());
  }

  /** True when some byte of this value is produced on demand rather than stored. */
  get isSynthetic(): boolean {
    return this.kind !== 'bytes';
  }

  /** Fills `out` with bytes starting at `offset`; `offset + out.length <= size` is guaranteed by callers. */
  abstract readInto(offset: number, out: Uint8Array): void;
  protected abstract computeId(): string;
}

// ---------------------------------------------------------------------------------------------------------------
// Real bytes

/** A growable backing store shared by successive appends; `used` is the high-water mark any value claimed. */
interface Backing {
  buf: Uint8Array;
  used: number;
}

class BytesContent extends Content {
  readonly kind = 'bytes' as const;
  constructor(
    readonly backing: Backing,
    readonly size: number,
  ) {
    super();
  }
  readInto(offset: number, out: Uint8Array): void {
    out.set(this.backing.buf.subarray(offset, offset + out.length));
  }
  /** The stored bytes without copying; callers must not mutate them. */
  view(): Uint8Array {
    return this.backing.buf.subarray(0, this.size);
  }
  protected computeId(): string {
    return `sha256:${toHex(sha256(this.view()))}`;
  }
  append(data: Uint8Array): BytesContent {
    if (data.length === 0) return this;
    const b = this.backing;
    const newSize = this.size + data.length;
    // Only the value that ends at the high-water mark may extend in place: older values never see the new tail.
    if (b.used === this.size && newSize <= b.buf.length) {
      b.buf.set(data, this.size);
      b.used = newSize;
      return new BytesContent(b, newSize);
    }
    const cap = Math.max(newSize, Math.min(this.size * 2, this.size + 16 * 1024 * 1024), 256);
    const buf = new Uint8Array(cap);
    buf.set(this.view());
    buf.set(data, this.size);
    return new BytesContent({ buf, used: newSize }, newSize);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic bytes

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Key of one 64 KiB block: any block can be produced without producing the ones before it. */
function blockKey(seed: number, block: number): number {
  return fmix32((seed ^ fmix32(block + 0x632be5ab)) >>> 0);
}

/** Word `i` of a block: a counter-based generator (no state carried from word to word). */
function blockWord(key: number, i: number): number {
  return fmix32((key + Math.imul(i + 1, 0x9e3779b9)) >>> 0);
}

class SyntheticContent extends Content {
  readonly kind = 'synthetic' as const;
  constructor(
    readonly size: number,
    readonly seed: number,
    readonly head: Uint8Array,
  ) {
    super();
  }
  readInto(offset: number, out: Uint8Array): void {
    let pos = offset;
    let o = 0;
    const end = offset + out.length;
    while (pos < end) {
      const block = Math.floor(pos / SYNTHETIC_BLOCK);
      const key = blockKey(this.seed, block);
      const blockStart = block * SYNTHETIC_BLOCK;
      const stop = Math.min(end, blockStart + SYNTHETIC_BLOCK);
      let word = Math.floor((pos - blockStart) / 4);
      let w = blockWord(key, word);
      let shift = (pos - blockStart) % 4;
      while (pos < stop) {
        out[o++] = (w >>> (shift * 8)) & 0xff;
        pos++;
        if (++shift === 4 && pos < stop) {
          shift = 0;
          w = blockWord(key, ++word);
        }
      }
    }
    // The head overrides the generated prefix.
    if (offset < this.head.length) {
      const n = Math.min(this.head.length - offset, out.length);
      out.set(this.head.subarray(offset, offset + n), 0);
    }
  }
  protected computeId(): string {
    return `syn:${this.size}:${this.seed}:${toHex(this.head)}`;
  }
}

class ZerosContent extends Content {
  readonly kind = 'zeros' as const;
  constructor(readonly size: number) {
    super();
  }
  readInto(_offset: number, out: Uint8Array): void {
    out.fill(0);
  }
  protected computeId(): string {
    return `zero:${this.size}`;
  }
}

class SliceContent extends Content {
  readonly kind = 'slice' as const;
  constructor(
    readonly base: Content,
    readonly start: number,
    readonly size: number,
  ) {
    super();
  }
  readInto(offset: number, out: Uint8Array): void {
    this.base.readInto(this.start + offset, out);
  }
  protected computeId(): string {
    return `slice:${this.start}:${this.size}:${this.base.id}`;
  }
}

class ConcatContent extends Content {
  readonly kind = 'concat' as const;
  readonly size: number;
  /** Start offset of each part. */
  private readonly _starts: number[];
  constructor(readonly parts: readonly Content[]) {
    super();
    let s = 0;
    this._starts = parts.map((p) => {
      const at = s;
      s += p.size;
      return at;
    });
    this.size = s;
  }
  readInto(offset: number, out: Uint8Array): void {
    let i = upperBound(this._starts, offset) - 1;
    let o = 0;
    let pos = offset;
    while (o < out.length) {
      const part = this.parts[i]!;
      const inPart = pos - this._starts[i]!;
      const n = Math.min(part.size - inPart, out.length - o);
      if (n > 0) {
        part.readInto(inPart, out.subarray(o, o + n));
        o += n;
        pos += n;
      }
      i++;
    }
  }
  protected computeId(): string {
    return `cat(${this.parts.map((p) => p.id).join(',')})`;
  }
}

function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------------------------
// Constructors and operations

export const EMPTY_CONTENT: Content = new BytesContent({ buf: new Uint8Array(0), used: 0 }, 0);

/** Real bytes; copies `data`, so the caller may reuse its buffer. */
export function bytesContent(data: Uint8Array): Content {
  if (data.length === 0) return EMPTY_CONTENT;
  const buf = data.slice();
  return new BytesContent({ buf, used: buf.length }, buf.length);
}

/** UTF-8 text as content. */
export function textContent(text: string): Content {
  const data = new TextEncoder().encode(text);
  return new BytesContent({ buf: data, used: data.length }, data.length);
}

/**
 * Deterministic pseudo-random bytes of a declared size, O(1) memory. `seed` is taken as a 32-bit unsigned integer.
 * `head` (copied) is the prefix, e.g. `executableHeader('ls')`.
 */
export function syntheticContent(size: number, seed: number, head: Uint8Array = new Uint8Array(0)): Content {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`synthetic size must be a non-negative integer: ${size}`);
  return new SyntheticContent(size, seed >>> 0, head.slice(0, Math.min(head.length, size)));
}

/** `size` zero bytes, O(1) memory. */
export function zerosContent(size: number): Content {
  if (size === 0) return EMPTY_CONTENT;
  return new ZerosContent(size);
}

/**
 * The parts one after another, O(number of parts) memory: archives built from layer contents (`docker save`,
 * `docker export`) stay as lazy as the files they hold. Small runs are not merged; callers batch header bytes.
 */
export function concatContent(parts: readonly Content[]): Content {
  const kept = parts.filter((p) => p.size > 0);
  if (kept.length === 0) return EMPTY_CONTENT;
  if (kept.length === 1) return kept[0]!;
  return new ConcatContent(kept);
}

/** Bytes [start, start+length) of `c` without copying them (files of a loaded layer share its tar's buffer). */
export function sliceContent(c: Content, start: number, length: number): Content {
  if (start < 0 || length < 0 || start + length > c.size) throw new RangeError(`slice [${start}, ${start + length}) outside ${c.size} bytes`);
  if (length === 0) return EMPTY_CONTENT;
  return sliceOf(c, start, length);
}

/** Declared size, without materialising anything. */
export function contentSize(c: Content): number {
  return c.size;
}

/** The dedup identity (see `Content.id`). */
export function contentId(c: Content): string {
  return c.id;
}

/** True when both values hold the same bytes (cheap when ids or sizes decide it; otherwise compared blockwise). */
export function contentEquals(a: Content, b: Content): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  if (a.kind !== 'bytes' && b.kind !== 'bytes' && a.id === b.id) return true;
  for (let off = 0; off < a.size; off += SYNTHETIC_BLOCK) {
    const x = a.read(off, SYNTHETIC_BLOCK);
    const y = b.read(off, SYNTHETIC_BLOCK);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

/** `c` followed by `data` (O(data) amortised for real bytes; large synthetic content is not materialised). */
export function appendContent(c: Content, data: Uint8Array): Content {
  if (data.length === 0) return c;
  if (c instanceof BytesContent) return c.append(data);
  if (c.size <= MATERIALISE_LIMIT) return (bytesContent(c.bytes()) as BytesContent).append(data);
  if (c instanceof ConcatContent) {
    const last = c.parts[c.parts.length - 1]!;
    if (last instanceof BytesContent) return new ConcatContent([...c.parts.slice(0, -1), last.append(data)]);
    return new ConcatContent([...c.parts, bytesContent(data)]);
  }
  return new ConcatContent([c, bytesContent(data)]);
}

/** truncate(2): cut to `length` or extend with zero bytes. */
export function truncateContent(c: Content, length: number): Content {
  if (length === c.size) return c;
  if (length === 0) return EMPTY_CONTENT;
  if (length < c.size) {
    if (c instanceof BytesContent) return new BytesContent(c.backing, length);
    if (length <= MATERIALISE_LIMIT) return bytesContent(c.read(0, length));
    if (c instanceof SliceContent) return new SliceContent(c.base, c.start, length);
    return new SliceContent(c, 0, length);
  }
  if (length <= MATERIALISE_LIMIT) {
    const out = new Uint8Array(length);
    out.set(c.bytes());
    return new BytesContent({ buf: out, used: length }, length);
  }
  if (c.size === 0) return zerosContent(length);
  return new ConcatContent([c, zerosContent(length - c.size)]);
}

/** Overwrites bytes at `offset` (pwrite), extending with zeros if needed. Materialises small results only. */
export function writeAt(c: Content, offset: number, data: Uint8Array): Content {
  const end = offset + data.length;
  if (offset === c.size) return appendContent(c, data);
  const size = Math.max(c.size, end);
  if (size <= MATERIALISE_LIMIT || c instanceof BytesContent) {
    const out = new Uint8Array(size);
    c.readInto(0, out.subarray(0, c.size));
    out.set(data, offset);
    return new BytesContent({ buf: out, used: size }, size);
  }
  const parts: Content[] = [];
  if (offset > 0) parts.push(offset <= c.size ? sliceOf(c, 0, offset) : truncateContent(c, offset));
  parts.push(bytesContent(data));
  if (end < c.size) parts.push(sliceOf(c, end, c.size - end));
  return new ConcatContent(parts);
}

function sliceOf(c: Content, start: number, length: number): Content {
  if (start === 0 && length === c.size) return c;
  if (c instanceof SliceContent) return new SliceContent(c.base, c.start + start, length);
  return new SliceContent(c, start, length);
}

/** The stored bytes of real content without a copy (callers must not mutate), or null for synthetic values. */
export function storedBytes(c: Content): Uint8Array | null {
  return c instanceof BytesContent ? c.view() : null;
}

/** The parameters of a synthetic value (for codecs that want to describe rather than expand it), else null. */
export function syntheticParams(c: Content): { size: number; seed: number; head: Uint8Array } | null {
  return c instanceof SyntheticContent ? { size: c.size, seed: c.seed, head: c.head.slice() } : null;
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
