/**
 * Tar reader for untrusted archives (`docker load`, `tar -x` in the shell).
 *
 * `readTar` is a generator over an in-memory archive: it walks headers lazily and hands out each entry's data as
 * a view into the input (no copy), so callers can stop early or look at just the headers. It understands ustar
 * (with the 155-byte prefix), PAX extended (`x`) and global (`g`) headers, GNU long names/links (`L`/`K`), GNU
 * base-256 numbers and old V7 headers.
 *
 * Hostile input gets a `TarFormatError`, never a hang or a huge allocation: every step advances by at least one
 * block, sizes are checked against the bytes actually present before anything is sliced, and PAX headers and GNU
 * long names are capped at 1 MiB (Go's limit). Paths are reported exactly as stored: rejecting `../` or absolute
 * names is the caller's policy. End of archive, as in Go: two zero blocks, one zero block at the end of the input,
 * or the input ending between entries (also inside the last entry's padding). Unlike Go, an entry whose data is
 * cut short is not returned at all: the error comes before it, so no caller can use partial content.
 */
import { TarFormatError } from './TarFormatError';
import type { TarEntry, TarEntryType } from './Types';
import {
  BLOCK,
  MAX_SPECIAL_FILE_SIZE,
  FieldError,
  cString,
  computeChecksums,
  field,
  parseNumeric,
  parsePaxRecords,
  parsePaxTime,
  type Field,
} from './header';

const utf8 = new TextDecoder('utf-8');

const TYPES: Readonly<Record<string, TarEntryType>> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file', // contiguous file: a regular file everywhere that matters
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'chardev',
  '4': 'blockdev',
  '5': 'dir',
  '6': 'fifo',
};

/** Types whose header is all there is: Go skips no data for them, whatever the size field says. */
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);

function isZeroBlock(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

function str(b: Uint8Array): string {
  return utf8.decode(cString(b));
}

export interface ReadTarOptions {
  /** Byte offset to start at (default 0). */
  readonly offset?: number;
  /**
   * Report an archive that ends inside an entry's padding, or right after a PAX/GNU extension header, as
   * `truncated` (GNU tar's "Unexpected EOF in archive"). Default false: Go's archive/tar (Docker) takes both as
   * a clean end.
   */
  readonly strictEnd?: boolean;
}

export function* readTar(archive: Uint8Array, options: ReadTarOptions = {}): Generator<TarEntry, void, undefined> {
  let pos = options.offset ?? 0;
  let globalPax: Record<string, string> = {};
  // Extension headers seen since the last real entry.
  let localPax: Record<string, string> | null = null;
  let gnuLongName: string | null = null;
  let gnuLongLink: string | null = null;
  let entryStart = -1;

  for (;;) {
    // An archive cut inside the last entry's padding ends there, as Go's reader sees it (tryReadFull → EOF).
    // (A PAX/GNU extension header with no entry after it is dropped at the end, as Go does.)
    if (pos >= archive.length) {
      if (options.strictEnd && (pos > archive.length || entryStart >= 0)) {
        throw new TarFormatError('truncated', pos > archive.length ? 'archive ends inside the padding of an entry' : 'archive ends after an extended header', archive.length);
      }
      return;
    }
    if (archive.length - pos < BLOCK) throw new TarFormatError('truncated', 'archive ends inside a header block', pos);
    const block = archive.subarray(pos, pos + BLOCK);
    if (isZeroBlock(block)) {
      const next = pos + BLOCK;
      if (next >= archive.length) return;
      if (archive.length - next < BLOCK) throw new TarFormatError('truncated', 'archive ends inside the end-of-archive marker', next);
      if (isZeroBlock(archive.subarray(next, next + BLOCK))) return;
      throw new TarFormatError('header', 'a zero block is followed by a non-zero block', next);
    }
    const headerOffset = pos;
    if (entryStart < 0) entryStart = headerOffset;

    const num = (f: Field): number => {
      try {
        return parseNumeric(field(block, f), f);
      } catch (e) {
        if (e instanceof FieldError) throw new TarFormatError('header', e.message, headerOffset);
        throw e;
      }
    };

    let stored: number;
    try {
      stored = parseNumeric(field(block, 'chksum'), 'chksum');
    } catch {
      throw new TarFormatError('checksum', 'invalid checksum field', headerOffset);
    }
    const sums = computeChecksums(block);
    if (stored !== sums.unsigned && stored !== sums.signed) {
      throw new TarFormatError('checksum', `checksum mismatch: header says ${stored}, computed ${sums.unsigned}`, headerOffset);
    }

    const magicRaw = field(block, 'magic');
    const versionRaw = field(block, 'version');
    let format: TarEntry['format'];
    const trailer = field(block, 'starTrailer');
    const isUstarMagic = magicRaw.every((c, i) => c === 'ustar\0'.charCodeAt(i));
    if (isUstarMagic && trailer[0] === 0x74 && trailer[1] === 0x61 && trailer[2] === 0x72 && trailer[3] === 0) format = 'star';
    else if (isUstarMagic) format = 'ustar';
    else if (magicRaw.every((c, i) => c === 'ustar '.charCodeAt(i)) && versionRaw[0] === 0x20 && versionRaw[1] === 0) format = 'gnu';
    else format = 'v7';

    const typeflag = String.fromCharCode(block[156]!);
    let size = num('size');
    // Go parses every numeric field of every header (extension headers included), so garbage anywhere fails.
    const fields = {
      mode: num('mode'),
      uid: num('uid'),
      gid: num('gid'),
      mtime: num('mtime'),
      devmajor: format !== 'v7' ? num('devmajor') : 0,
      devminor: format !== 'v7' ? num('devminor') : 0,
    };
    if (format === 'star') {
      num('starAtime');
      num('starCtime');
    }
    if (size < 0) throw new TarFormatError('header', `negative size ${size}`, headerOffset);
    if (HEADER_ONLY.has(typeflag)) size = 0;
    const dataOffset = headerOffset + BLOCK;
    const paddedSize = Math.ceil(size / BLOCK) * BLOCK;
    // A cut-short entry is reported only after its PAX records are applied and checked, in Go's order.
    const available = archive.length - dataOffset;
    const truncated = (): TarFormatError => new TarFormatError('truncated', `entry data of ${size} bytes runs past the end of the archive`, headerOffset);
    const data = archive.subarray(dataOffset, dataOffset + Math.min(size, available));
    // Cut-short padding is reported when the next header is asked for (as Go does), so the entry is still seen.
    pos = dataOffset + paddedSize;

    const extension = (what: string): Uint8Array => {
      // Go reads at most 1 MiB + 1 bytes of it: too long if that much is there, cut short otherwise.
      if (size > MAX_SPECIAL_FILE_SIZE && available > MAX_SPECIAL_FILE_SIZE) throw new TarFormatError('tooLong', `${what} of ${size} bytes is too large`, headerOffset);
      if (size > available) throw truncated();
      return data;
    };

    // Old GNU sparse files carry their map in a GNU-format header; in any other header 'S' is invalid (Go).
    if (typeflag === 'S' && format !== 'gnu') throw new TarFormatError('header', 'GNU sparse entry in a non-GNU header', headerOffset);
    if (typeflag === 'x' || typeflag === 'g') {
      let records: Array<[string, string]>;
      try {
        records = parsePaxRecords(extension('PAX header'), utf8);
      } catch (e) {
        if (e instanceof FieldError) throw new TarFormatError('extended', e.message, headerOffset);
        throw e;
      }
      if (typeflag === 'g') {
        globalPax = { ...globalPax };
        for (const [k, v] of records) {
          if (v === '') delete globalPax[k];
          else globalPax[k] = v;
        }
        // A global header is not an entry and does not bind to the next one.
        if (localPax === null && gnuLongName === null && gnuLongLink === null) entryStart = -1;
      } else {
        localPax ??= {};
        for (const [k, v] of records) localPax[k] = v;
      }
      continue;
    }
    if (typeflag === 'L' || typeflag === 'K') {
      const value = str(extension(typeflag === 'L' ? 'GNU long name' : 'GNU long link name'));
      if (typeflag === 'L') gnuLongName = value;
      else gnuLongLink = value;
      continue;
    }

    // A real entry: base fields, then GNU long names, then PAX records (PAX wins, as in Go and GNU tar).
    let name = str(field(block, 'name'));
    if (format === 'ustar' || format === 'star') {
      const prefix = str(field(block, format === 'star' ? 'starPrefix' : 'prefix'));
      if (prefix !== '') name = `${prefix}/${name}`;
    }
    let linkname = str(field(block, 'linkname'));
    const hasUstarFields = format !== 'v7';
    let uname = hasUstarFields ? str(field(block, 'uname')) : '';
    let gname = hasUstarFields ? str(field(block, 'gname')) : '';
    let uid = fields.uid;
    let gid = fields.gid;
    let mtime = fields.mtime;
    const { mode, devmajor, devminor } = fields;
    if (gnuLongName !== null) name = gnuLongName;
    if (gnuLongLink !== null) linkname = gnuLongLink;

    const pax: Record<string, string> = { ...globalPax, ...(localPax ?? {}) };
    const paxInt = (k: string): number => {
      const v = pax[k]!;
      if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
        throw new TarFormatError('extended', `invalid PAX ${k} ${JSON.stringify(v)}`, headerOffset);
      }
      return Number(v);
    };
    let paxSize: number | null = null;
    for (const k of Object.keys(pax)) {
      if (pax[k] === '') continue; // an empty record keeps the header's value (Go's mergePAX)
      switch (k) {
        case 'path':
          name = pax[k]!;
          break;
        case 'linkpath':
          linkname = pax[k]!;
          break;
        case 'uname':
          uname = pax[k]!;
          break;
        case 'gname':
          gname = pax[k]!;
          break;
        case 'uid':
          uid = paxInt(k);
          break;
        case 'gid':
          gid = paxInt(k);
          break;
        case 'size':
          paxSize = paxInt(k);
          break;
        case 'mtime':
        case 'atime':
        case 'ctime':
          try {
            const t = parsePaxTime(pax[k]!);
            if (k === 'mtime') mtime = t;
          } catch (e) {
            if (e instanceof FieldError) throw new TarFormatError('extended', e.message, headerOffset);
            throw e;
          }
          break;
        default:
          break;
      }
    }
    let entryData = data;
    if (paxSize === null && size > available) throw truncated();
    if (paxSize !== null && !HEADER_ONLY.has(typeflag)) {
      if (paxSize < 0) throw new TarFormatError('extended', `negative PAX size ${paxSize}`, headerOffset);
      if (paxSize > archive.length - dataOffset) {
        throw new TarFormatError('truncated', `entry data of ${paxSize} bytes runs past the end of the archive`, headerOffset);
      }
      entryData = archive.subarray(dataOffset, dataOffset + paxSize);
      pos = dataOffset + Math.ceil(paxSize / BLOCK) * BLOCK;
    }

    let type: TarEntry['type'] = TYPES[typeflag] ?? 'other';
    // Old tars mark directories only by a trailing slash on a V7 regular-file entry (Go does the same).
    if (typeflag === '\0' && name.endsWith('/')) type = 'dir';

    const entry: TarEntry = {
      name,
      type,
      typeflag,
      mode,
      uid,
      gid,
      uname,
      gname,
      mtime,
      linkname,
      devmajor,
      devminor,
      size: entryData.length,
      pax,
      format,
      headerOffset: entryStart,
      dataOffset,
      data: entryData,
    };
    localPax = null;
    gnuLongName = null;
    gnuLongLink = null;
    entryStart = -1;
    yield entry;
  }
}

/** Every entry of an archive, read eagerly (data stays a view into `archive`). */
export function listTar(archive: Uint8Array): TarEntry[] {
  return [...readTar(archive)];
}
