/**
 * Compression for layers and archives: gzip both ways (fflate), zstd decompression (fzstd), and sniffing of the
 * formats `docker load` accepts (moby's DetectCompression: gzip, bzip2, xz, zstd or plain).
 *
 * gzip output is deterministic: no mtime, no file name, level 6 (Go's default), OS byte 255 "unknown" as Go's
 * compress/gzip writes it. The deflate bytes are fflate's, not Go's, so compressed digests differ from Docker's;
 * what is byte-exact everywhere is the uncompressed tar (diff_id).
 *
 * Decompression is synchronous, streams internally (a hostile header cannot make it pre-allocate gigabytes),
 * checks gzip CRC-32 and length trailers member by member, and can be capped with `maxSize`.
 */
import { Gzip, Gunzip } from 'fflate';
import { Decompress as ZstdDecompress } from 'fzstd';
import { crc32 } from './crc32';
import { CompressionError, type Compression, type DecompressOptions } from './CompressionError';
import { bunzip2 } from './bzip2';
import { unxz } from './xz';

export { CompressionError, type Compression, type DecompressOptions } from './CompressionError';

/** Which compression `bytes` start with (moby pkg/archive DetectCompression, incl. zstd skippable frames). */
export function detectCompression(bytes: Uint8Array): Compression {
  const at = (i: number): number => bytes[i] ?? -1;
  if (at(0) === 0x42 && at(1) === 0x5a && at(2) === 0x68) return 'bzip2';
  if (at(0) === 0x1f && at(1) === 0x8b && at(2) === 0x08) return 'gzip';
  if ([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00].every((b, i) => at(i) === b)) return 'xz';
  if (at(0) === 0x28 && at(1) === 0xb5 && at(2) === 0x2f && at(3) === 0xfd) return 'zstd';
  // zstd skippable frame: little-endian magic 0x184D2A5?
  if (bytes.length >= 4 && (at(0) & 0xf0) === 0x50 && at(1) === 0x2a && at(2) === 0x4d && at(3) === 0x18) return 'zstd';
  return 'none';
}

class OutputCollector {
  readonly chunks: Uint8Array[] = [];
  length = 0;
  constructor(
    private readonly _format: Compression,
    private readonly _max: number,
  ) {}
  push = (chunk: Uint8Array): void => {
    if (chunk.length === 0) return;
    this.length += chunk.length;
    if (this.length > this._max) throw new CompressionError(this._format, `${this._format}: decompressed data exceeds ${this._max} bytes`);
    this.chunks.push(chunk);
  };
  result(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.length);
    let pos = 0;
    for (const c of this.chunks) {
      out.set(c, pos);
      pos += c.length;
    }
    return out;
  }
}

const GZIP_OPTIONS = { level: 6, mtime: 0 } as const;
/** Go's compress/gzip writes OS = 255 ("unknown"); fflate writes 3 (Unix). Patched so headers match Go's. */
const GO_OS_UNKNOWN = 255;

/** Deterministic gzip of one buffer. */
export function gzip(data: Uint8Array): Uint8Array {
  const out = new OutputCollector('gzip', Infinity);
  const z = new Gzip(GZIP_OPTIONS, (chunk) => out.push(chunk));
  z.push(data, true);
  const bytes = out.result();
  bytes[9] = GO_OS_UNKNOWN;
  return bytes;
}

/** Streaming gzip: the same chunks always give the same bytes (deflate blocks follow the chunking). */
export function* gzipChunks(chunks: Iterable<Uint8Array>): Generator<Uint8Array, void, undefined> {
  let pending: Uint8Array[] = [];
  let first = true;
  const z = new Gzip(GZIP_OPTIONS, (chunk) => {
    if (first && chunk.length > 9) {
      chunk = chunk.slice();
      chunk[9] = GO_OS_UNKNOWN;
      first = false;
    }
    pending.push(chunk);
  });
  let prev: Uint8Array | undefined;
  for (const c of chunks) {
    if (prev) z.push(prev, false);
    prev = c;
    if (pending.length) {
      yield* pending;
      pending = [];
    }
  }
  z.push(prev ?? new Uint8Array(0), true);
  yield* pending;
}

/** gunzip, multi-member like Go's gzip.Reader, verifying each member's CRC-32 and length. */
export function gunzip(data: Uint8Array, options: DecompressOptions = {}): Uint8Array {
  if (detectCompression(data) !== 'gzip') throw new CompressionError('gzip', 'gzip: invalid header');
  const out = new OutputCollector('gzip', options.maxSize ?? Infinity);
  const memberStarts = [0];
  const outputStarts = [0];
  const g = new Gunzip(out.push);
  g.onmember = (offset: number) => {
    memberStarts.push(offset);
    outputStarts.push(out.length);
  };
  try {
    g.push(data, true);
  } catch (e) {
    if (e instanceof CompressionError) throw e;
    throw new CompressionError('gzip', fflateMessage(e));
  }
  const result = out.result();
  for (let i = 0; i < memberStarts.length; i++) {
    const end = memberStarts[i + 1] ?? data.length;
    if (end - memberStarts[i]! < 18) throw new CompressionError('gzip', 'unexpected EOF');
    const t = data.subarray(end - 8, end);
    const crc = (t[0]! | (t[1]! << 8) | (t[2]! << 16) | (t[3]! << 24)) >>> 0;
    const isize = (t[4]! | (t[5]! << 8) | (t[6]! << 16) | (t[7]! << 24)) >>> 0;
    const member = result.subarray(outputStarts[i]!, outputStarts[i + 1] ?? result.length);
    if (isize !== member.length % 2 ** 32 || crc !== crc32(member)) {
      // A cut-off stream leaves deflate bytes where the trailer should be.
      throw new CompressionError('gzip', 'gzip: invalid checksum');
    }
  }
  return result;
}

function fflateMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/unexpected EOF/i.test(msg)) return 'unexpected EOF';
  if (/invalid gzip data|invalid header/i.test(msg)) return 'gzip: invalid header';
  return `flate: corrupt input (${msg})`;
}

export function unzstd(data: Uint8Array, options: DecompressOptions = {}): Uint8Array {
  const out = new OutputCollector('zstd', options.maxSize ?? Infinity);
  let done = false;
  const d = new ZstdDecompress((chunk, final) => {
    out.push(chunk);
    if (final) done = true;
  });
  try {
    d.push(data, true);
  } catch (e) {
    if (e instanceof CompressionError) throw e;
    throw new CompressionError('zstd', `zstd: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!done && data.length > 0 && out.length === 0 && detectCompression(data) !== 'zstd') {
    throw new CompressionError('zstd', 'zstd: invalid input: magic number mismatch');
  }
  return out.result();
}

/** Sniffs the compression and undoes it; plain data is returned as is. */
export function decompress(data: Uint8Array, options: DecompressOptions = {}): { compression: Compression; data: Uint8Array } {
  const compression = detectCompression(data);
  switch (compression) {
    case 'none':
      return { compression, data };
    case 'gzip':
      return { compression, data: gunzip(data, options) };
    case 'zstd':
      return { compression, data: unzstd(data, options) };
    case 'bzip2':
      return { compression, data: bunzip2(data, options) };
    case 'xz':
      return { compression, data: unxz(data, options) };
  }
}
