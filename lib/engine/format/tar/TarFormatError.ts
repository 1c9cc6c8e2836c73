/**
 * The one error the tar codec throws, for hostile or broken input on the reading side and for impossible entries
 * on the writing side. `kind` says what went wrong without string matching; `goText` is what Go's `archive/tar`
 * (which Docker uses) would have reported, so `docker load` can print the same text Docker prints.
 */
export type TarFormatErrorKind =
  /** The archive ends in the middle of a header, a data section or its padding. */
  | 'truncated'
  /** A header's checksum field does not match its contents. */
  | 'checksum'
  /** A header field cannot be parsed (bad octal, overflow, negative size, a zero block followed by data...). */
  | 'header'
  /** A PAX extended header or GNU long name/link entry is malformed. */
  | 'extended'
  /** A PAX extended header or GNU long name/link entry is larger than 1 MiB. */
  | 'tooLong'
  /** The writer was given an entry that no tar format can hold (NUL in a name, content size mismatch...). */
  | 'write';

const GO_TEXT: Readonly<Record<TarFormatErrorKind, string>> = {
  truncated: 'unexpected EOF',
  checksum: 'archive/tar: invalid tar header',
  header: 'archive/tar: invalid tar header',
  extended: 'archive/tar: invalid tar header',
  tooLong: 'archive/tar: header field too long',
  write: 'archive/tar: header field too long',
};

export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
  constructor(
    readonly kind: TarFormatErrorKind,
    message: string,
    /** Byte offset of the header block (or data) where the problem was found; -1 for writer errors. */
    readonly offset: number = -1,
  ) {
    super(offset >= 0 ? `tar: ${message} (at byte ${offset})` : `tar: ${message}`);
  }

  /** The message Go's archive/tar gives for this kind of problem (what `docker load` shows). */
  get goText(): string {
    return GO_TEXT[this.kind];
  }
}
