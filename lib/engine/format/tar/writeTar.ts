/**
 * Deterministic tar writer: the same entries always give the same bytes, so layer diff_ids are stable.
 *
 * The output is what Go's archive/tar writes when a header asks for the PAX format (as Docker's go-archive does):
 * a plain ustar header whenever one can hold the entry (long ASCII names are split into prefix + name), and a
 * PAX extended header (`x`, named `<dir>/PaxHeaders.0/<file>`, records sorted by key) only when something does not
 * fit: names or link targets that are too long or not ASCII, user/group names over 32 bytes, uid/gid above
 * 2097151, sizes of 8 GiB and more, mtimes before 1970, past 2242 or with a fraction of a second, and any extra
 * records the caller passes (xattrs). Numeric fields are zero-padded octal ending in NUL; the archive ends with
 * two zero blocks and no further padding.
 *
 * Content can be streamed: `tarChunks` yields header blocks and then the content chunks themselves (no copy), so
 * saving a 1 GB synthetic image never holds 1 GB.
 */
import { TarFormatError } from './TarFormatError';
import type { ContentSource, TarEntryType, TarWriteEntry } from './Types';
import {
  BLOCK,
  NAME_SIZE,
  MAX_SPECIAL_FILE_SIZE,
  fitsInOctal,
  formatPaxRecord,
  formatPaxTime,
  isAscii,
  splitUstarPath,
  toAscii,
  writeChecksum,
  writeOctal,
  writeString,
  type Field,
} from './header';

const enc = new TextEncoder();

const TYPEFLAG: Readonly<Record<TarEntryType, string>> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  chardev: '3',
  blockdev: '4',
  dir: '5',
  fifo: '6',
};

/** PAX keys the writer computes itself; the same keys in `entry.pax` are ignored (Go does the same). */
const BASIC_KEYS = new Set(['path', 'linkpath', 'size', 'uid', 'gid', 'uname', 'gname', 'mtime', 'atime', 'ctime']);

const ZERO_BLOCKS = new Uint8Array(2 * BLOCK);

function defaultMode(type: TarEntryType): number {
  if (type === 'dir') return 0o755;
  if (type === 'symlink') return 0o777;
  return 0o644;
}

function contentSize(entry: TarWriteEntry): number {
  if (entry.type !== 'file' || entry.content === undefined) return 0;
  return entry.content instanceof Uint8Array ? entry.content.length : entry.content.size;
}

function checkNoNul(entry: TarWriteEntry, what: string, s: string | undefined): void {
  if (s !== undefined && s.includes('\0')) {
    throw new TarFormatError('write', `${what} of ${JSON.stringify(entry.name)} contains a NUL byte`);
  }
}

/** Go's path.Clean. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Name of the PAX header entry for `name`: Go's path.Join(dir, "PaxHeaders.0", file), ASCII, ≤ 100 bytes. */
function paxHeaderName(name: string): string {
  const slash = name.lastIndexOf('/');
  const dir = name.slice(0, slash + 1);
  const file = name.slice(slash + 1);
  const joined = cleanPath([dir, 'PaxHeaders.0', file].filter((e) => e !== '').join('/'));
  return toAscii(joined).slice(0, NAME_SIZE).replace(/\/+$/, '');
}

function octal(block: Uint8Array, f: Field, x: number, entry: TarWriteEntry, pax: boolean): void {
  if (!writeOctal(block, f, x) && !pax) {
    throw new TarFormatError('write', `${f} ${x} of ${JSON.stringify(entry.name)} does not fit in a tar header`);
  }
}

/** The header block(s) for one entry: an optional PAX header (block + padded records) and the main header. */
export function encodeEntryHeader(entry: TarWriteEntry): Uint8Array {
  checkNoNul(entry, 'name', entry.name);
  checkNoNul(entry, 'link name', entry.linkname);
  checkNoNul(entry, 'user name', entry.uname);
  checkNoNul(entry, 'group name', entry.gname);
  const size = contentSize(entry);
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TarFormatError('write', `invalid size ${size} for ${JSON.stringify(entry.name)}`);
  }
  const name = entry.name;
  const linkname = entry.linkname ?? '';
  const uname = entry.uname ?? '';
  const gname = entry.gname ?? '';
  const uid = entry.uid ?? 0;
  const gid = entry.gid ?? 0;
  const mode = entry.mode ?? defaultMode(entry.type);
  const mtime = entry.mtime ?? 0;
  const mtimeSecs = Math.floor(mtime);
  const devmajor = entry.devmajor ?? 0;
  const devminor = entry.devminor ?? 0;
  for (const [what, v] of [['uid', uid], ['gid', gid], ['mode', mode], ['devmajor', devmajor], ['devminor', devminor]] as const) {
    if (!Number.isSafeInteger(v)) throw new TarFormatError('write', `invalid ${what} ${v} for ${JSON.stringify(name)}`);
  }
  if (!Number.isFinite(mtime)) throw new TarFormatError('write', `invalid mtime ${mtime} for ${JSON.stringify(name)}`);

  // Which PAX records would be needed, and does anything rule out a plain ustar header (Go's allowedFormats).
  const records = new Map<string, string>();
  let ustarOk = true;
  let split: [string, string] | null = null;
  const nameBytes = enc.encode(name);
  if (!isAscii(name) || nameBytes.length > NAME_SIZE) {
    records.set('path', name);
    split = splitUstarPath(name);
    if (!split) ustarOk = false;
  }
  const longString = (key: string, s: string, max: number): void => {
    if (!isAscii(s) || s.length > max) {
      records.set(key, s);
      ustarOk = false;
    }
  };
  longString('linkpath', linkname, NAME_SIZE);
  longString('uname', uname, 32);
  longString('gname', gname, 32);
  const bigNumber = (key: string, x: number, len: number): void => {
    if (!fitsInOctal(len, x)) {
      records.set(key, String(x));
      ustarOk = false;
    }
  };
  bigNumber('uid', uid, 8);
  bigNumber('gid', gid, 8);
  bigNumber('size', size, 12);
  if (!fitsInOctal(12, mtimeSecs) || mtime !== mtimeSecs) {
    records.set('mtime', formatPaxTime(mtime));
    ustarOk = false;
  }
  for (const [what, x] of [['mode', mode], ['devmajor', devmajor], ['devminor', devminor]] as const) {
    if (!fitsInOctal(8, x)) throw new TarFormatError('write', `${what} ${x} of ${JSON.stringify(name)} does not fit in a tar header`);
  }
  if (entry.pax) {
    for (const [k, v] of Object.entries(entry.pax)) {
      if (k === '' || k.includes('=') || k.includes('\0')) throw new TarFormatError('write', `invalid PAX key ${JSON.stringify(k)}`);
      if (BASIC_KEYS.has(k) || k.startsWith('GNU.sparse.')) continue;
      records.set(k, v);
    }
    if (Object.keys(entry.pax).length > 0) ustarOk = false;
  }

  const main = new Uint8Array(BLOCK);
  const usePax = !ustarOk;
  const str = (f: Field, s: string): void => writeString(main, f, enc.encode(usePax ? toAscii(s) : s));
  main[156] = TYPEFLAG[entry.type].charCodeAt(0);
  if (!usePax && split) {
    str('name', split[1]);
    str('prefix', split[0]);
  } else {
    str('name', name);
  }
  str('linkname', linkname);
  octal(main, 'mode', mode, entry, usePax);
  octal(main, 'uid', uid, entry, usePax);
  octal(main, 'gid', gid, entry, usePax);
  octal(main, 'size', size, entry, usePax);
  octal(main, 'mtime', mtimeSecs, entry, usePax);
  main.set(enc.encode('ustar\u000000'), 257);
  str('uname', uname);
  str('gname', gname);
  octal(main, 'devmajor', devmajor, entry, usePax);
  octal(main, 'devminor', devminor, entry, usePax);
  writeChecksum(main);
  if (!usePax) return main;

  const recBytes = [...records.keys()].sort().map((k) => formatPaxRecord(k, records.get(k)!, enc));
  const dataLen = recBytes.reduce((n, r) => n + r.length, 0);
  if (dataLen > MAX_SPECIAL_FILE_SIZE) {
    throw new TarFormatError('write', `PAX header of ${JSON.stringify(name)} is larger than ${MAX_SPECIAL_FILE_SIZE} bytes`);
  }
  const out = new Uint8Array(BLOCK + padded(dataLen) + BLOCK);
  const xh = out.subarray(0, BLOCK);
  writeString(xh, 'name', enc.encode(paxHeaderName(name)));
  writeOctal(xh, 'mode', 0);
  writeOctal(xh, 'uid', 0);
  writeOctal(xh, 'gid', 0);
  writeOctal(xh, 'size', dataLen);
  writeOctal(xh, 'mtime', 0);
  xh[156] = 0x78; // 'x'
  xh.set(enc.encode('ustar\u000000'), 257);
  writeChecksum(xh);
  let pos = BLOCK;
  for (const r of recBytes) {
    out.set(r, pos);
    pos += r.length;
  }
  out.set(main, BLOCK + padded(dataLen));
  return out;
}

function padded(n: number): number {
  return Math.ceil(n / BLOCK) * BLOCK;
}

function* contentChunks(entry: TarWriteEntry, size: number): Generator<Uint8Array> {
  if (size === 0 || entry.content === undefined) return;
  if (entry.content instanceof Uint8Array) {
    yield entry.content;
  } else {
    const src: ContentSource = entry.content;
    let n = 0;
    for (const chunk of src.chunks()) {
      n += chunk.length;
      if (n > size) break;
      if (chunk.length > 0) yield chunk;
    }
    if (n !== size) {
      throw new TarFormatError('write', `content of ${JSON.stringify(entry.name)} yielded ${n > size ? 'more than' : n} bytes, expected ${size}`);
    }
  }
  const pad = padded(size) - size;
  if (pad > 0) yield ZERO_BLOCKS.subarray(0, pad);
}

/**
 * Streams an archive: header blocks, then each file's content chunks as given (views, not copies), padding,
 * and the two terminating zero blocks. Entries are written in the order given.
 */
export function* tarChunks(entries: Iterable<TarWriteEntry>): Generator<Uint8Array, void, undefined> {
  for (const entry of entries) {
    yield encodeEntryHeader(entry);
    yield* contentChunks(entry, contentSize(entry));
  }
  yield ZERO_BLOCKS;
}

/** Total byte length of the archive `tarChunks(entries)` would produce, without reading any content. */
export function tarSize(entries: Iterable<TarWriteEntry>): number {
  let n = 2 * BLOCK;
  for (const entry of entries) n += encodeEntryHeader(entry).length + padded(contentSize(entry));
  return n;
}

/** The whole archive in one buffer (for small archives: layer tars, tests). */
export function writeTar(entries: Iterable<TarWriteEntry>): Uint8Array {
  const chunks = [...tarChunks(entries)];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}
