/**
 * Header-block arithmetic shared by the reader and the writer: field offsets, numeric encodings (octal and
 * GNU base-256), checksums and PAX records. The rules follow Go's archive/tar, which produces Docker's tars.
 */

export const BLOCK = 512;

/** [offset, length] of every header field (POSIX ustar layout; GNU and star reuse the first 345 bytes). */
export const F = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  chksum: [148, 8],
  typeflag: [156, 1],
  linkname: [157, 100],
  magic: [257, 6],
  version: [263, 2],
  uname: [265, 32],
  gname: [297, 32],
  devmajor: [329, 8],
  devminor: [337, 8],
  prefix: [345, 155],
  starPrefix: [345, 131],
  starAtime: [476, 12],
  starCtime: [488, 12],
  starTrailer: [508, 4],
} as const satisfies Record<string, readonly [number, number]>;

export type Field = keyof typeof F;

export const NAME_SIZE = 100;
export const PREFIX_SIZE = 155;
/** Go refuses PAX headers and GNU long names bigger than this; so do we (a hostile size cannot cost memory). */
export const MAX_SPECIAL_FILE_SIZE = 1 << 20;

export function field(block: Uint8Array, f: Field): Uint8Array {
  const [off, len] = F[f];
  return block.subarray(off, off + len);
}

/** Whether `x` fits as octal digits in a field of `len` bytes (one byte is kept for the NUL). */
export function fitsInOctal(len: number, x: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < 8 ** (len - 1);
}

/**
 * Writes `x` as zero-padded octal followed by a NUL (Go's formatOctal). Returns false, writing 0, when `x` does
 * not fit: the caller then records the value in a PAX header, as Go does.
 */
export function writeOctal(dst: Uint8Array, f: Field, x: number): boolean {
  const [off, len] = F[f];
  const ok = fitsInOctal(len, x);
  const s = (ok ? x : 0).toString(8).padStart(len - 1, '0');
  for (let i = 0; i < len - 1; i++) dst[off + i] = s.charCodeAt(i);
  dst[off + len - 1] = 0;
  return ok;
}

/** Writes ASCII `s` into a field, truncated to the field, NUL-terminated when shorter (Go's formatString). */
export function writeString(dst: Uint8Array, f: Field, bytes: Uint8Array): void {
  const [off, len] = F[f];
  dst.set(bytes.subarray(0, len), off);
  if (bytes.length < len) dst[off + bytes.length] = 0;
  // Go: a truncated name must not end in '/' (some readers would take a file for a directory); the slashes
  // before the cut become a NUL terminator.
  if (bytes.length > len && bytes[len - 1] === 0x2f) {
    let n = len - 1;
    while (n > 0 && bytes[n - 1] === 0x2f) n--;
    dst[off + n] = 0;
  }
}

export function computeChecksums(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  const [cOff, cLen] = F.chksum;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= cOff && i < cOff + cLen ? 0x20 : block[i]!;
    unsigned += c;
    signed += c >= 0x80 ? c - 256 : c;
  }
  return { unsigned, signed };
}

/** Stores the checksum as six octal digits, NUL, space (what Go and GNU tar write). */
export function writeChecksum(block: Uint8Array): void {
  const [off] = F.chksum;
  block.fill(0x20, off, off + 8);
  const s = computeChecksums(block).unsigned.toString(8).padStart(6, '0');
  for (let i = 0; i < 6; i++) block[off + i] = s.charCodeAt(i);
  block[off + 6] = 0;
  block[off + 7] = 0x20;
}

/** Thrown by the numeric parsers; the reader turns it into a TarFormatError with the header's offset. */
export class FieldError extends Error {}

/** The bytes up to the first NUL (Go's parseString). */
export function cString(b: Uint8Array): Uint8Array {
  const nul = b.indexOf(0);
  return nul < 0 ? b : b.subarray(0, nul);
}

/**
 * Parses a numeric field: octal (leading/trailing spaces and NULs allowed, as real tars pad both ways) or GNU
 * base-256 (first byte has the high bit set; two's complement when the next bit is set too).
 */
export function parseNumeric(b: Uint8Array, what: string): number {
  if (b.length > 0 && (b[0]! & 0x80) !== 0) return parseBase256(b, what);
  let start = 0;
  let end = b.length;
  while (start < end && (b[start] === 0x20 || b[start] === 0)) start++;
  while (end > start && (b[end - 1] === 0x20 || b[end - 1] === 0)) end--;
  const digits = cString(b.subarray(start, end));
  let x = 0;
  for (const c of digits) {
    if (c < 0x30 || c > 0x37) throw new FieldError(`invalid octal number in ${what} field`);
    x = x * 8 + (c - 0x30);
  }
  return x;
}

function parseBase256(b: Uint8Array, what: string): number {
  const negative = (b[0]! & 0x40) !== 0;
  const inv = negative ? 0xff : 0;
  let x = 0n;
  for (let i = 0; i < b.length; i++) {
    let c = b[i]! ^ inv;
    if (i === 0) c &= 0x7f;
    x = (x << 8n) | BigInt(c);
  }
  // Go accepts anything that fits an int64 (beyond 2^53 the JS number is approximate; sizes that large fail
  // later as truncated, since no input is that long).
  if (x >= 1n << 63n) throw new FieldError(`base-256 number in ${what} field is out of range`);
  return negative ? -Number(x) - 1 : Number(x);
}

/** GNU base-256 encoding, for the writer's tests and for fields no PAX record can replace. */
export function encodeBase256(len: number, x: number): Uint8Array {
  const out = new Uint8Array(len);
  let v = BigInt(x);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(BigInt.asUintN(8, v));
    v >>= 8n;
  }
  out[0] = x < 0 ? out[0]! | 0xc0 : 0x80;
  return out;
}

/** One `"%d %s=%s\n"` record whose leading length counts itself (Go's formatPAXRecord). */
export function formatPaxRecord(key: string, value: string, enc: TextEncoder): Uint8Array {
  const body = enc.encode(` ${key}=${value}\n`);
  let size = body.length + String(body.length).length;
  if (String(size).length + body.length !== size) size = String(size).length + body.length;
  const head = enc.encode(String(size));
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/**
 * Parses a PAX extended header's data into ordered records. Malformed input (a length that runs past the end,
 * is not decimal, does not end in a newline, lacks `=`) throws FieldError.
 */
export function parsePaxRecords(data: Uint8Array, dec: TextDecoder): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    if (sp < 0 || sp === pos || sp - pos > 20) throw new FieldError('malformed PAX record length');
    let len = 0;
    for (let i = pos; i < sp; i++) {
      const c = data[i]!;
      if (c < 0x30 || c > 0x39) throw new FieldError('malformed PAX record length');
      len = len * 10 + (c - 0x30);
    }
    if (len < 5 || len <= sp - pos + 2 || pos + len > data.length) {
      throw new FieldError('PAX record length out of range');
    }
    const rec = data.subarray(sp + 1, pos + len);
    if (rec[rec.length - 1] !== 0x0a) throw new FieldError('PAX record does not end with a newline');
    const eq = rec.indexOf(0x3d);
    if (eq <= 0) throw new FieldError('PAX record has no key');
    const key = dec.decode(rec.subarray(0, eq));
    const value = dec.decode(rec.subarray(eq + 1, rec.length - 1));
    const mustNotHaveNul = key === 'path' || key === 'linkpath' || key === 'uname' || key === 'gname' ? value : key;
    if (mustNotHaveNul.includes('\0')) throw new FieldError(`PAX record ${JSON.stringify(key)} contains NUL`);
    out.push([key, value]);
    pos += len;
  }
  return out;
}

/** Go's formatPAXTime: integer seconds, or seconds with up to nine fraction digits, trailing zeros trimmed. */
export function formatPaxTime(seconds: number): string {
  if (Number.isInteger(seconds)) return String(seconds);
  let secs = Math.floor(seconds);
  let nsec = Math.round((seconds - secs) * 1e9);
  if (nsec >= 1e9) {
    secs += 1;
    nsec -= 1e9;
  }
  if (nsec === 0) return String(secs);
  let sign = '';
  if (secs < 0) {
    sign = '-';
    secs = -(secs + 1);
    nsec = 1e9 - nsec;
  }
  return `${sign}${secs}.${String(nsec).padStart(9, '0')}`.replace(/0+$/, '');
}

/** Parses a PAX time (`[-]secs[.frac]`); throws FieldError for anything else. */
export function parsePaxTime(s: string): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new FieldError(`invalid PAX time ${JSON.stringify(s)}`);
  const secs = Number(m[2]);
  if (!Number.isSafeInteger(secs)) throw new FieldError(`PAX time out of range ${JSON.stringify(s)}`);
  const frac = m[3] ? Number(`0.${m[3].slice(0, 9)}`) : 0;
  const v = secs + frac;
  return m[1] ? -v : v;
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Go's toASCII: drops every non-ASCII character and NUL (best effort for the ustar field behind a PAX record). */
export function toAscii(s: string): string {
  // eslint-disable-next-line no-control-regex
  return isAscii(s) && !s.includes('\0') ? s : s.replace(/[^\x01-\x7f]/gu, '');
}

/** Go's splitUSTARPath: can a long ASCII name be split into prefix (≤155) + "/" + name (≤100)? */
export function splitUstarPath(name: string): [string, string] | null {
  let length = name.length;
  if (length <= NAME_SIZE || !isAscii(name)) return null;
  if (length > PREFIX_SIZE + 1) length = PREFIX_SIZE + 1;
  else if (name[length - 1] === '/') length--;
  const i = name.lastIndexOf('/', length - 1);
  const nlen = name.length - i - 1;
  if (i <= 0 || nlen > NAME_SIZE || nlen === 0 || i > PREFIX_SIZE) return null;
  return [name.slice(0, i), name.slice(i + 1)];
}
