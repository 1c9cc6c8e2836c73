/**
 * The index (`.git/index`, "dircache"): version 2 as git writes it by default. Each entry records the stat data
 * git compares to notice changes without hashing, the blob's name and the path; a SHA-1 of everything trails.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Stat } from '../../../engine/fs/Types';
import { compareBytes, concat } from './objects';

export interface IndexEntry {
  readonly path: string;
  readonly oid: string;
  /** 0o100644, 0o100755 or 0o120000. */
  readonly mode: number;
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
  readonly uid: number;
  readonly gid: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The index mode git records for a file: only the owner's execute bit matters to it. */
export function indexMode(st: Stat): number {
  if (st.type === 'symlink') return 0o120000;
  return st.mode & 0o100 ? 0o100755 : 0o100644;
}

export function entryFromStat(path: string, oid: string, st: Stat): IndexEntry {
  return { path, oid, mode: indexMode(st), mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, uid: st.uid, gid: st.gid };
}

export function sortEntries(entries: IndexEntry[]): IndexEntry[] {
  return entries.sort((a, b) => compareBytes(a.path, b.path));
}

export function encodeIndex(entries: readonly IndexEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const head = new Uint8Array(12);
  const hv = new DataView(head.buffer);
  head.set(enc.encode('DIRC'), 0);
  hv.setUint32(4, 2);
  hv.setUint32(8, entries.length);
  parts.push(head);
  for (const e of entries) {
    const name = enc.encode(e.path);
    // 62 fixed bytes, the name, then 1-8 NULs so the entry is a multiple of 8 bytes long.
    const len = Math.floor((62 + name.length + 8) / 8) * 8;
    const b = new Uint8Array(len);
    const v = new DataView(b.buffer);
    const sec = Math.floor(e.mtimeMs / 1000);
    const nsec = Math.round((e.mtimeMs - sec * 1000) * 1e6);
    v.setUint32(0, sec);
    v.setUint32(4, nsec);
    v.setUint32(8, sec);
    v.setUint32(12, nsec);
    v.setUint32(16, 0);
    v.setUint32(20, e.ino >>> 0);
    v.setUint32(24, e.mode);
    v.setUint32(28, e.uid);
    v.setUint32(32, e.gid);
    v.setUint32(36, e.size >>> 0);
    for (let i = 0; i < 20; i++) b[40 + i] = parseInt(e.oid.slice(i * 2, i * 2 + 2), 16);
    v.setUint16(60, Math.min(name.length, 0xfff));
    b.set(name, 62);
    parts.push(b);
  }
  const body = concat(parts);
  return concat([body, sha1(body)]);
}

/** Entries of an index file; an unreadable or foreign one reads as empty. */
export function decodeIndex(bytes: Uint8Array): IndexEntry[] {
  if (bytes.length < 12 || dec.decode(bytes.subarray(0, 4)) !== 'DIRC') return [];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = v.getUint32(8);
  const out: IndexEntry[] = [];
  let o = 12;
  for (let k = 0; k < n; k++) {
    const sec = v.getUint32(o + 8);
    const nsec = v.getUint32(o + 12);
    const flags = v.getUint16(o + 60);
    let nameLen = flags & 0xfff;
    if (nameLen === 0xfff) nameLen = bytes.indexOf(0, o + 62) - (o + 62);
    const path = dec.decode(bytes.subarray(o + 62, o + 62 + nameLen));
    out.push({
      path,
      oid: bytesToHex(bytes.subarray(o + 40, o + 60)),
      mode: v.getUint32(o + 24),
      mtimeMs: sec * 1000 + nsec / 1e6,
      ino: v.getUint32(o + 20),
      uid: v.getUint32(o + 28),
      gid: v.getUint32(o + 32),
      size: v.getUint32(o + 36),
    });
    o += Math.floor((62 + nameLen + 8) / 8) * 8;
  }
  return out;
}
