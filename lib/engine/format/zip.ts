/**
 * ZIP archives (PKWARE APPNOTE) as Info-ZIP's zip 3.0 writes them and unzip 6.0 reads them: local headers, stored
 * or deflated data, a central directory and its end record. Entries carry DOS date/time in local time, the
 * extended-timestamp extra field (`UT`, the exact mtime) and Unix permissions in the external attributes, so real
 * unzip lists and extracts what we write. No zip64, encryption or spanning (unzip reports those as unsupported).
 */

import { inflateSync } from 'fflate';
import { deflateRaw } from 'pako';
import { concatBytes } from '../process/text';
import { crc32 } from './crc32';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated (others are reported as unsupported by the reader's caller). */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Modification time in ms since the epoch: the UT extra field when present, else the DOS time read as UTC+offset. */
  readonly mtimeMs: number;
  /** DOS date and time words as stored (local time of the writer). */
  readonly dosDate: number;
  readonly dosTime: number;
  /** st_mode from the external attributes when the entry was made on Unix, else null. */
  readonly mode: number | null;
  readonly isDir: boolean;
  readonly dataOffset: number;
}

export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/** Reads the central directory. `offsetMinutes(ms)` converts DOS local times when an entry has no UT field. */
export function readZip(bytes: Uint8Array, offsetMinutes: (utcMs: number) => number): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('end-of-central-directory signature not found');
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const entries: ZipEntry[] = [];
  const dec = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipFormatError('bad central directory');
    const madeBy = bytes[p + 5]!;
    const method = u16(bytes, p + 10);
    const dosTime = u16(bytes, p + 12);
    const dosDate = u16(bytes, p + 14);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const external = u32(bytes, p + 38);
    const local = u32(bytes, p + 42);
    const name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const extra = bytes.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    let mtimeMs: number | null = null;
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = u16(extra, e);
      const len = u16(extra, e + 2);
      if (id === 0x5455 && len >= 5 && (extra[e + 4]! & 1)) mtimeMs = u32(extra, e + 5) * 1000;
      e += 4 + len;
    }
    if (mtimeMs === null) {
      const asUtc = Date.UTC(1980 + (dosDate >> 9), ((dosDate >> 5) & 15) - 1, dosDate & 31, dosTime >> 11, (dosTime >> 5) & 63, (dosTime & 31) * 2);
      mtimeMs = asUtc - offsetMinutes(asUtc) * 60000;
    }
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw new ZipFormatError('bad local header');
    const dataOffset = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    entries.push({
      name,
      method,
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      mtimeMs,
      dosDate,
      dosTime,
      mode: madeBy === 3 ? external >>> 16 : null,
      isDir: name.endsWith('/'),
      dataOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's bytes as stored, decompressed but unchecked; ZipFormatError for methods other than store/deflate. */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new ZipFormatError(`unsupported compression method ${e.method}`);
  try {
    return inflateSync(raw, { out: new Uint8Array(e.size) });
  } catch {
    throw new ZipFormatError('invalid compressed data');
  }
}

/** The entry's bytes; throws ZipFormatError for unsupported methods, bad deflate data or a CRC mismatch. */
export function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const data = inflateEntry(bytes, e);
  if (crc32(data) !== e.crc) throw new ZipFormatError('bad CRC');
  return data;
}

export interface NewEntry {
  readonly name: string;
  readonly data: Uint8Array;
  readonly mtimeMs: number;
  readonly mode: number;
  readonly isDir: boolean;
  /** Minutes east of UTC at mtime (the DOS fields hold local time). */
  readonly offsetMinutes: number;
}

export interface WrittenEntry {
  readonly name: string;
  readonly method: number;
  readonly size: number;
  readonly compressedSize: number;
}

/** A member ready to be laid out: its header fields and the bytes after its local header. */
interface Prepared {
  readonly name: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly body: Uint8Array;
  readonly size: number;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly mtime: number;
  readonly mode: number;
  readonly version: number;
}

function prepare(e: NewEntry): Prepared {
  const local = new Date(e.mtimeMs + e.offsetMinutes * 60000);
  const year = Math.max(1980, local.getUTCFullYear());
  const dosDate = ((year - 1980) << 9) | ((local.getUTCMonth() + 1) << 5) | local.getUTCDate();
  const dosTime = (local.getUTCHours() << 11) | (local.getUTCMinutes() << 5) | (local.getUTCSeconds() >> 1);
  // zip stores a member when deflating would not make it smaller (and always for directories and empty files).
  // pako is zlib's deflate byte for byte, within a fraction of a percent of Info-ZIP's own (fflate's is ~2% off),
  // so the "(deflated NN%)" zip prints agrees with the real one.
  const deflated = e.isDir || e.data.length === 0 ? null : deflateRaw(e.data, { level: 6 });
  const useDeflate = deflated !== null && deflated.length < e.data.length;
  return {
    name: new TextEncoder().encode(e.name),
    method: useDeflate ? 8 : 0,
    crc: crc32(e.data),
    body: useDeflate ? deflated : e.data,
    size: e.data.length,
    dosTime,
    dosDate,
    mtime: Math.floor(e.mtimeMs / 1000),
    mode: e.mode,
    version: useDeflate || e.isDir ? 20 : 10,
  };
}

/** The fields local and central headers share, in the same order (from "version needed" to the extra length). */
function setMemberFields(v: DataView, at: number, p: Prepared, extraLength: number): void {
  v.setUint16(at, p.version, true);
  v.setUint16(at + 2, 0, true); // flags
  v.setUint16(at + 4, p.method, true);
  v.setUint16(at + 6, p.dosTime, true);
  v.setUint16(at + 8, p.dosDate, true);
  v.setUint32(at + 10, p.crc, true);
  v.setUint32(at + 14, p.body.length, true);
  v.setUint32(at + 18, p.size, true);
  v.setUint16(at + 22, p.name.length, true);
  v.setUint16(at + 24, extraLength, true);
}

/** Writes an archive of `entries` in order. Returns the bytes and, per member, how it was stored. */
export function writeZip(entries: readonly NewEntry[]): { bytes: Uint8Array; written: WrittenEntry[] } {
  const prepared = entries.map(prepare);
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const header = (size: number) => {
    const b = new Uint8Array(size);
    return { b, v: new DataView(b.buffer) };
  };
  for (const p of prepared) {
    const localExtra = header(13);
    localExtra.v.setUint16(0, 0x5455, true);
    localExtra.v.setUint16(2, 9, true);
    localExtra.b[4] = 3; // mtime and atime
    localExtra.v.setUint32(5, p.mtime, true);
    localExtra.v.setUint32(9, p.mtime, true);
    const lh = header(30);
    lh.v.setUint32(0, 0x04034b50, true);
    setMemberFields(lh.v, 4, p, localExtra.b.length);
    chunks.push(lh.b, p.name, localExtra.b, p.body);
    const centralExtra = header(9);
    centralExtra.v.setUint16(0, 0x5455, true);
    centralExtra.v.setUint16(2, 5, true);
    centralExtra.b[4] = 3;
    centralExtra.v.setUint32(5, p.mtime, true);
    const ch = header(46);
    ch.v.setUint32(0, 0x02014b50, true);
    ch.v.setUint16(4, 0x031e, true); // made by Unix, spec 3.0
    setMemberFields(ch.v, 6, p, centralExtra.b.length);
    ch.v.setUint32(38, ((p.mode << 16) | (p.mode & 0o40000 ? 0x10 : 0)) >>> 0, true);
    ch.v.setUint32(42, offset, true);
    central.push(ch.b, p.name, centralExtra.b);
    offset += 30 + p.name.length + localExtra.b.length + p.body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = header(22);
  end.v.setUint32(0, 0x06054b50, true);
  end.v.setUint16(8, prepared.length, true);
  end.v.setUint16(10, prepared.length, true);
  end.v.setUint32(12, cdSize, true);
  end.v.setUint32(16, offset, true);
  const bytes = concatBytes([...chunks, ...central, end.b]);
  return { bytes, written: prepared.map((p, i) => ({ name: entries[i]!.name, method: p.method, size: p.size, compressedSize: p.body.length })) };
}
