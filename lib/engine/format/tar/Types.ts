/**
 * Types shared by the tar reader and writer.
 *
 * Entries are described by what they are (`type`) rather than by raw typeflag bytes; the reader keeps the raw
 * typeflag too, so unknown kinds (GNU sparse files, volume labels, vendor extensions) are reported, not dropped.
 */

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';

/**
 * File content that may be too big to hold in memory (synthetic base-image binaries). `chunks()` may be called
 * more than once (writing an archive after measuring it) and must yield exactly `size` bytes in total.
 */
export interface ContentSource {
  readonly size: number;
  chunks(): Iterable<Uint8Array>;
}

/** One entry to write. Unset fields default to 0 / empty; `mode` defaults to 0o644 for files, 0o755 for dirs. */
export interface TarWriteEntry {
  /** Path inside the archive exactly as it should be stored (the caller adds the trailing `/` for directories). */
  readonly name: string;
  readonly type: TarEntryType;
  /** Permission bits incl. setuid/setgid/sticky (0o7777). */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly uname?: string;
  readonly gname?: string;
  /** Modification time in seconds since the epoch. A fractional part is kept (PAX `mtime` record), as Go does. */
  readonly mtime?: number;
  /** Target of a symlink or hard link. */
  readonly linkname?: string;
  readonly devmajor?: number;
  readonly devminor?: number;
  /** Regular-file content; ignored (size 0) for every other type. */
  readonly content?: Uint8Array | ContentSource;
  /** Extra PAX records, e.g. `SCHILY.xattr.security.capability`. Written sorted with the computed ones. */
  readonly pax?: Readonly<Record<string, string>>;
}

/** One entry read from an archive. Paths are reported raw: no normalisation, no traversal checks. */
export interface TarEntry {
  /** Path after applying PAX `path`, GNU `L` long names and the ustar prefix. */
  readonly name: string;
  /** `'other'` for typeflags this codec does not model (GNU sparse `S`, volume label `V`, ...). */
  readonly type: TarEntryType | 'other';
  /** The header's raw typeflag character (`'0'`, `'5'`, `'S'`, ...); `'\0'` for old V7 files. */
  readonly typeflag: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  /** Seconds since the epoch; may be negative or fractional (PAX `mtime`). */
  readonly mtime: number;
  readonly linkname: string;
  readonly devmajor: number;
  readonly devminor: number;
  /**
   * Bytes of data that follow the header. Header-only types (dirs, links, devices, fifos) always have 0 here,
   * whatever their header says, as in Go's archive/tar.
   */
  readonly size: number;
  /** PAX records that applied to this entry (global then local), including ones the codec does not interpret. */
  readonly pax: Readonly<Record<string, string>>;
  /** Which header format the main header block used. */
  readonly format: 'v7' | 'ustar' | 'gnu' | 'star';
  /** Offset of this entry's first header block (its PAX/GNU extension headers included). */
  readonly headerOffset: number;
  /** Offset of the entry's data in the archive. */
  readonly dataOffset: number;
  /** The entry's data: a view into the archive, not a copy. */
  readonly data: Uint8Array;
}
