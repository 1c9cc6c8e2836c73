import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TarFormatError,
  encodeEntryHeader,
  listTar,
  readTar,
  tarChunks,
  tarSize,
  writeTar,
  type ContentSource,
  type TarWriteEntry,
} from './index';
import { computeChecksums, encodeBase256, formatPaxRecord, formatPaxTime, parsePaxRecords, splitUstarPath, writeChecksum } from './header';

const enc = new TextEncoder();
const dec = new TextDecoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const ascii = (b: Uint8Array, off: number, len: number): string => String.fromCharCode(...b.subarray(off, off + len));

function expectTarError(f: () => unknown, kind?: TarFormatError['kind']): TarFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TarFormatError);
    if (kind) expect((e as TarFormatError).kind).toBe(kind);
    return e as TarFormatError;
  }
  throw new Error('expected a TarFormatError');
}

describe('writeTar: ustar headers', () => {
  it('writes one file exactly as Go archive/tar does', () => {
    const tar = writeTar([{ name: 'etc/hosts', type: 'file', mode: 0o644, mtime: 1700000000, content: bytes('hi\n') }]);
    expect(tar.length).toBe(512 + 512 + 1024);
    expect(ascii(tar, 0, 10)).toBe('etc/hosts\0');
    expect(ascii(tar, 100, 8)).toBe('0000644\0');
    expect(ascii(tar, 108, 8)).toBe('0000000\0');
    expect(ascii(tar, 124, 12)).toBe('00000000003\0');
    expect(ascii(tar, 136, 12)).toBe(`${(1700000000).toString(8)}\0`);
    expect(ascii(tar, 156, 1)).toBe('0');
    expect(ascii(tar, 257, 8)).toBe('ustar\x0000');
    expect(ascii(tar, 329, 16)).toBe('0000000\x000000000\0');
    // checksum: six octal digits, NUL, space
    const ck = ascii(tar, 148, 8);
    expect(ck).toMatch(/^[0-7]{6}\0 $/);
    expect(parseInt(ck.slice(0, 6), 8)).toBe(computeChecksums(tar.subarray(0, 512)).unsigned);
    expect(dec.decode(tar.subarray(512, 515))).toBe('hi\n');
    expect(tar.subarray(515).every((b) => b === 0)).toBe(true);
  });

  it('is deterministic', () => {
    const entries: TarWriteEntry[] = [
      { name: 'a/', type: 'dir', mtime: 5 },
      { name: 'a/b', type: 'file', content: bytes('x') },
      { name: 'a/l', type: 'symlink', linkname: 'b' },
    ];
    expect(writeTar(entries)).toEqual(writeTar(entries));
  });

  it('uses default modes and typeflags for every type', () => {
    const tar = writeTar([
      { name: 'd/', type: 'dir' },
      { name: 'f', type: 'file' },
      { name: 's', type: 'symlink', linkname: 'f' },
      { name: 'h', type: 'hardlink', linkname: 'f' },
      { name: 'c', type: 'chardev', devmajor: 1, devminor: 3 },
      { name: 'b', type: 'blockdev', devmajor: 8, devminor: 1 },
      { name: 'p', type: 'fifo' },
    ]);
    const got = listTar(tar).map((e) => [e.name, e.type, e.typeflag, e.mode.toString(8), e.linkname, e.devmajor, e.devminor]);
    expect(got).toEqual([
      ['d/', 'dir', '5', '755', '', 0, 0],
      ['f', 'file', '0', '644', '', 0, 0],
      ['s', 'symlink', '2', '777', 'f', 0, 0],
      ['h', 'hardlink', '1', '644', 'f', 0, 0],
      ['c', 'chardev', '3', '644', '', 1, 3],
      ['b', 'blockdev', '4', '644', '', 8, 1],
      ['p', 'fifo', '6', '644', '', 0, 0],
    ]);
  });

  it('ignores content for non-files', () => {
    const [e] = listTar(writeTar([{ name: 'd/', type: 'dir', content: bytes('zzz') }]));
    expect(e!.size).toBe(0);
  });

  it('splits long ASCII names into prefix + name (no PAX)', () => {
    const dir = 'd'.repeat(120);
    const name = `${dir}/file.txt`;
    const tar = writeTar([{ name, type: 'file' }]);
    expect(tar.length).toBe(512 + 1024);
    expect(ascii(tar, 0, 9)).toBe('file.txt\0');
    expect(ascii(tar, 345, 121)).toBe(`${dir}\0`);
    expect(listTar(tar)[0]!.name).toBe(name);
  });

  it('follows Go splitUSTARPath', () => {
    expect(splitUstarPath('a'.repeat(100))).toBeNull();
    expect(splitUstarPath(`${'a'.repeat(50)}/${'b'.repeat(60)}`)).toEqual(['a'.repeat(50), 'b'.repeat(60)]);
    expect(splitUstarPath(`${'a'.repeat(160)}/b`)).toBeNull(); // prefix too long
    expect(splitUstarPath(`a/${'b'.repeat(101)}`)).toBeNull(); // name part too long
    expect(splitUstarPath(`${'a'.repeat(110)}/`)).toBeNull(); // nothing after the slash
    expect(splitUstarPath(`${'a'.repeat(50)}/${'b'.repeat(59)}/`)).toEqual(['a'.repeat(50), `${'b'.repeat(59)}/`]);
    expect(splitUstarPath(`é/${'b'.repeat(120)}`)).toBeNull();
  });

  it('uses a PAX header for names that cannot be split, named like Go', () => {
    const name = `${'x'.repeat(200)}/${'y'.repeat(120)}`;
    const tar = writeTar([{ name, type: 'file', content: bytes('1') }]);
    expect(ascii(tar, 156, 1)).toBe('x');
    const xname = ascii(tar, 0, 100);
    expect(xname).toBe(`${'x'.repeat(100)}`); // "<dir>/PaxHeaders.0/<file>" truncated to 100 bytes
    const rec = formatPaxRecord('path', name, enc);
    expect(dec.decode(tar.subarray(512, 512 + rec.length))).toBe(dec.decode(rec));
    expect(ascii(tar, 1024, 100)).toBe(name.slice(0, 100));
    const [e] = listTar(tar);
    expect(e!.name).toBe(name);
    expect(dec.decode(e!.data)).toBe('1');
  });

  it('names PAX headers <dir>/PaxHeaders.0/<file>', () => {
    const tar = writeTar([{ name: 'usr/share/été', type: 'file' }]);
    expect(ascii(tar, 0, 30).replace(/\0+$/, '')).toBe('usr/share/PaxHeaders.0/t');
    const tar2 = writeTar([{ name: 'dé/', type: 'dir' }]);
    expect(ascii(tar2, 0, 20).replace(/\0+$/, '')).toBe('d/PaxHeaders.0');
    // main header keeps the ASCII residue of the name
    expect(ascii(tar2, 1024, 4)).toBe('d/\0\0');
    expect(listTar(tar2)[0]!.name).toBe('dé/');
  });

  it('PAX-encodes long link names, long user names, big ids, big sizes, odd mtimes and xattrs', () => {
    const link = 'l'.repeat(150);
    const cases: Array<[TarWriteEntry, Record<string, string>]> = [
      [{ name: 's', type: 'symlink', linkname: link }, { linkpath: link }],
      [{ name: 'f', type: 'file', uname: 'u'.repeat(33) }, { uname: 'u'.repeat(33) }],
      [{ name: 'f', type: 'file', gname: 'grüppe' }, { gname: 'grüppe' }],
      [{ name: 'f', type: 'file', uid: 2097152, gid: 2097151 }, { uid: '2097152' }],
      [{ name: 'f', type: 'file', gid: 5000000 }, { gid: '5000000' }],
      [{ name: 'f', type: 'file', mtime: -1 }, { mtime: '-1' }],
      [{ name: 'f', type: 'file', mtime: 8 ** 11 }, { mtime: String(8 ** 11) }],
      [{ name: 'f', type: 'file', mtime: 1.5 }, { mtime: '1.5' }],
      [{ name: 'f', type: 'file', pax: { 'SCHILY.xattr.user.a': 'b', path: 'ignored' } }, { 'SCHILY.xattr.user.a': 'b' }],
    ];
    for (const [entry, want] of cases) {
      const tar = writeTar([entry]);
      expect(ascii(tar, 156, 1)).toBe('x');
      const [e] = listTar(tar);
      for (const [k, v] of Object.entries(want)) expect(e!.pax[k]).toBe(v);
      expect(e!.name).toBe(entry.name);
      if (entry.linkname) expect(e!.linkname).toBe(entry.linkname);
      if (entry.uid !== undefined) expect(e!.uid).toBe(entry.uid);
      if (entry.gid !== undefined) expect(e!.gid).toBe(entry.gid);
      if (entry.mtime !== undefined) expect(e!.mtime).toBe(entry.mtime);
      if (entry.uname) expect(e!.uname).toBe(entry.uname);
      if (entry.gname) expect(e!.gname).toBe(entry.gname);
    }
  });

  it('keeps uid 2097151 and a 32-byte user name in the ustar header', () => {
    const tar = writeTar([{ name: 'f', type: 'file', uid: 2097151, uname: 'u'.repeat(32) }]);
    expect(ascii(tar, 156, 1)).toBe('0');
    expect(ascii(tar, 108, 8)).toBe('7777777\0');
    expect(listTar(tar)[0]!.uname).toBe('u'.repeat(32));
  });

  it('records sizes of 8 GiB and more in PAX (header only; content streamed)', () => {
    const size = 8 * 1024 ** 3;
    const src: ContentSource = { size, chunks: () => [] };
    const h = encodeEntryHeader({ name: 'big', type: 'file', content: src });
    expect(ascii(h, 156, 1)).toBe('x');
    expect(dec.decode(h.subarray(512, 512 + 30))).toContain(`size=${size}\n`);
    expect(ascii(h, 1024 + 124, 12)).toBe('00000000000\0');
    // Just below the limit stays ustar.
    const h2 = encodeEntryHeader({ name: 'big', type: 'file', content: { size: size - 1, chunks: () => [] } });
    expect(h2.length).toBe(512);
    expect(ascii(h2, 124, 12)).toBe('77777777777\0');
    // The reader sees the PAX size and reports the archive as truncated rather than allocating.
    const e = expectTarError(() => listTar(h), 'truncated');
    expect(e.goText).toBe('unexpected EOF');
  });

  it('rejects impossible entries', () => {
    expectTarError(() => writeTar([{ name: 'a\0b', type: 'file' }]), 'write');
    expectTarError(() => writeTar([{ name: 'a', type: 'file', mode: 0o100000000 }]), 'write');
    expectTarError(() => writeTar([{ name: 'a', type: 'chardev', devmajor: 1 << 30 }]), 'write');
    expectTarError(() => writeTar([{ name: 'a', type: 'file', uid: 1.5 }]), 'write');
    expectTarError(() => writeTar([{ name: 'a', type: 'file', content: { size: 3, chunks: () => [bytes('ab')] } }]), 'write');
    expectTarError(() => writeTar([{ name: 'a', type: 'file', content: { size: 1, chunks: () => [bytes('ab')] } }]), 'write');
  });
});

describe('tarChunks: streaming', () => {
  it('streams a large synthetic file without materialising it, passing chunks through', () => {
    const chunk = new Uint8Array(1 << 20).fill(7);
    const size = 64 * chunk.length + 100;
    const src: ContentSource = {
      size,
      *chunks() {
        for (let i = 0; i < 64; i++) yield chunk;
        yield chunk.subarray(0, 100);
      },
    };
    const entries: TarWriteEntry[] = [{ name: 'big.bin', type: 'file', content: src }, { name: 'small', type: 'file', content: bytes('s') }];
    let total = 0;
    let maxChunk = 0;
    let passedThrough = 0;
    for (const c of tarChunks(entries)) {
      total += c.length;
      maxChunk = Math.max(maxChunk, c.length);
      if (c === chunk) passedThrough++;
    }
    expect(passedThrough).toBe(64);
    expect(maxChunk).toBe(chunk.length);
    expect(total).toBe(tarSize(entries));
    expect(total % 512).toBe(0);
  });

  it('tarSize equals writeTar length', () => {
    const entries: TarWriteEntry[] = [
      { name: `${'p'.repeat(300)}`, type: 'file', content: bytes('abc') },
      { name: 'x', type: 'dir' },
    ];
    expect(tarSize(entries)).toBe(writeTar(entries).length);
  });
});

function header(fields: { name?: string; size?: string | Uint8Array; typeflag?: string; magic?: string; mode?: string; checksum?: 'bad' }): Uint8Array {
  const b = new Uint8Array(512);
  b.set(bytes(fields.name ?? 'f'), 0);
  b.set(bytes(fields.mode ?? '0000644\0'), 100);
  b.set(bytes('0000000\0'), 108);
  b.set(bytes('0000000\0'), 116);
  const size = fields.size ?? '00000000000\0';
  b.set(typeof size === 'string' ? bytes(size) : size, 124);
  b.set(bytes('00000000000\0'), 136);
  b[156] = (fields.typeflag ?? '0').charCodeAt(0);
  b.set(bytes(fields.magic ?? 'ustar\u000000'), 257);
  writeChecksum(b);
  if (fields.checksum === 'bad') b[148] = b[148] === 0x31 ? 0x32 : 0x31;
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

const END = new Uint8Array(1024);

describe('readTar: hostile input', () => {
  it('accepts an empty input, one zero block, and an archive without end marker', () => {
    expect(listTar(new Uint8Array(0))).toEqual([]);
    expect(listTar(new Uint8Array(512))).toEqual([]);
    expect(listTar(header({})).map((e) => e.name)).toEqual(['f']);
  });

  it('ignores anything after the end marker', () => {
    expect(listTar(concat(header({}), END, bytes('garbage'))).length).toBe(1);
  });

  it('rejects a zero block followed by data', () => {
    expectTarError(() => listTar(concat(new Uint8Array(512), header({}))), 'header');
  });

  it('reports truncation inside a header, the data, or the padding', () => {
    expectTarError(() => listTar(header({}).subarray(0, 300)), 'truncated');
    const withData = concat(header({ size: '00000000012\0' }), bytes('0123456789'));
    expectTarError(() => listTar(withData.subarray(0, 515)), 'truncated');
    // data complete, padding missing: the archive simply ends there (Go's reader agrees)
    expect(listTar(withData).map((e) => dec.decode(e.data))).toEqual(['0123456789']);
    // ...unless the caller wants GNU tar's strictness
    const it = readTar(withData, { strictEnd: true });
    expect(dec.decode(it.next().value!.data)).toBe('0123456789');
    expectTarError(() => it.next(), 'truncated');
    expectTarError(() => listTar(concat(header({}), new Uint8Array(600))), 'truncated');
  });

  it('rejects bad checksums with Go text', () => {
    const e = expectTarError(() => listTar(header({ checksum: 'bad' })), 'checksum');
    expect(e.goText).toBe('archive/tar: invalid tar header');
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/checksum mismatch/);
  });

  it('accepts signed checksums (old tars summed signed bytes)', () => {
    const b = header({ name: 'caf\xe9' });
    b[3] = 0xe9;
    const { signed } = computeChecksums(b);
    b.set(bytes(`${signed.toString(8).padStart(6, '0')}\0 `), 148);
    expect(listTar(b)[0]!.name).toBe('caf\ufffd');
  });

  it('rejects bad octal, absurd and negative sizes', () => {
    expectTarError(() => listTar(header({ size: '0000000009x\0' })), 'header');
    expect(listTar(header({ mode: '07\u00007x\0\0\0' }))[0]!.mode).toBe(7); // the field ends at the first NUL (Go)
    expect(listTar(header({ mode: '  644 \0\0\0' }))[0]!.mode).toBe(0o644);
    // 77777777777 octal = 8 GiB - 1 bytes of data that are not there
    expectTarError(() => listTar(header({ size: '77777777777\0' })), 'truncated');
    // base-256 negative size
    expectTarError(() => listTar(header({ size: encodeBase256(12, -5) })), 'header');
    // base-256 beyond 2^53
    const huge = new Uint8Array(12).fill(0xff);
    huge[0] = 0x80;
    expectTarError(() => listTar(header({ size: huge })), 'header');
  });

  it('reads base-256 numbers', () => {
    const b = header({ size: encodeBase256(12, 3) });
    const tar = concat(b, bytes('abc'), new Uint8Array(509), END);
    expect(dec.decode(listTar(tar)[0]!.data)).toBe('abc');
    const m = header({});
    m.set(encodeBase256(12, -100), 136);
    m.set(encodeBase256(8, 3_000_000), 108);
    writeChecksum(m);
    const [e] = listTar(m);
    expect(e!.mtime).toBe(-100);
    expect(e!.uid).toBe(3_000_000);
  });

  it('treats header-only types as having no data, whatever their size field says', () => {
    const tar = concat(header({ name: 'd/', typeflag: '5', size: '00000000100\0' }), header({ name: 'next' }), END);
    expect(listTar(tar).map((e) => [e.name, e.size])).toEqual([
      ['d/', 0],
      ['next', 0],
    ]);
  });

  it('reads V7 directories (NUL typeflag, trailing slash)', () => {
    const tar = concat(header({ name: 'old/', typeflag: '\0', magic: '\0\0\0\0\0\0\0\0' }), END);
    const [e] = listTar(tar);
    expect(e!.type).toBe('dir');
    expect(e!.format).toBe('v7');
  });

  it('reports unknown typeflags as other and skips their data', () => {
    const tar = concat(header({ name: 'sparse', typeflag: 'S', size: '00000000003\0', magic: 'ustar  \0' }), bytes('abc'), new Uint8Array(509), header({ name: 'n' }), END);
    expectTarError(() => listTar(concat(header({ name: 's', typeflag: 'S' }), END)), 'header'); // 'S' needs a GNU header
    expect(listTar(tar).map((e) => [e.name, e.type, e.typeflag])).toEqual([
      ['sparse', 'other', 'S'],
      ['n', 'file', '0'],
    ]);
  });

  it('reports traversal and absolute paths raw', () => {
    const tar = writeTar([
      { name: '../../etc/passwd', type: 'file' },
      { name: '/abs', type: 'file' },
      { name: 'a/./b//c', type: 'file' },
    ]);
    expect(listTar(tar).map((e) => e.name)).toEqual(['../../etc/passwd', '/abs', 'a/./b//c']);
  });

  it('reads GNU long names and long links', () => {
    const longName = `${'n'.repeat(300)}`;
    const longLink = `${'t'.repeat(200)}`;
    const ln = (flag: string, value: string): Uint8Array => {
      const data = bytes(`${value}\0`);
      return concat(header({ name: '././@LongLink', typeflag: flag, size: `${data.length.toString(8).padStart(11, '0')}\0`, magic: 'ustar  \0' }), data, new Uint8Array(512 - (data.length % 512)));
    };
    const main = header({ name: 'n'.repeat(100), typeflag: '2', magic: 'ustar  \0' });
    const tar = concat(ln('L', longName), ln('K', longLink), main, END);
    const [e] = listTar(tar);
    expect(e!.name).toBe(longName);
    expect(e!.linkname).toBe(longLink);
    expect(e!.format).toBe('gnu');
    expect(e!.headerOffset).toBe(0);
  });

  it('rejects oversized and malformed PAX headers', () => {
    const pax = (body: string): Uint8Array => {
      const data = bytes(body);
      const pad = (512 - (data.length % 512)) % 512;
      return concat(header({ name: 'PaxHeaders.0/f', typeflag: 'x', size: `${data.length.toString(8).padStart(11, '0')}\0` }), data, new Uint8Array(pad), header({}), END);
    };
    expect(listTar(pax('11 path=ab\n'))[0]!.name).toBe('ab');
    for (const bad of ['12 path=ab\n', '10 path=ab\n', 'x path=ab\n', '11 pathxab\n', '11 path=abX', '3 a=\n', '11 =path=a\n', '13 path=a\0b\n', '12 uid=abc\n', '15 mtime=1.2.3\n', '11 size=-1\n']) {
      expectTarError(() => listTar(pax(bad)));
    }
    const big = header({ name: 'x', typeflag: 'x', size: `${(2 << 20).toString(8).padStart(11, '0')}\0` });
    expectTarError(() => listTar(concat(big, new Uint8Array(2 << 20))), 'tooLong');
    // an extended header with nothing after it is dropped, as Go's reader does
    const lone = pax('11 path=ab\n').subarray(0, 1024);
    expect(listTar(lone)).toEqual([]);
    expectTarError(() => [...readTar(lone, { strictEnd: true })], 'truncated');
    expect(listTar(concat(lone, END))).toEqual([]);
  });

  it('applies global PAX headers to later entries, local ones win', () => {
    const g = bytes('16 uname=global\n');
    const tar = concat(
      header({ name: 'g', typeflag: 'g', size: `${g.length.toString(8).padStart(11, '0')}\0` }),
      g,
      new Uint8Array(512 - g.length),
      writeTar([{ name: 'a', type: 'file' }, { name: 'b', type: 'file', uname: 'é' }]).subarray(0, -1024),
      END,
    );
    expect(listTar(tar).map((e) => [e.name, e.uname])).toEqual([
      ['a', 'global'],
      ['b', 'é'],
    ]);
  });

  it('returns data as views into the archive', () => {
    const tar = writeTar([{ name: 'f', type: 'file', content: bytes('hello') }]);
    const [e] = listTar(tar);
    expect(e!.data.buffer).toBe(tar.buffer);
    expect(e!.dataOffset).toBe(512);
  });
});

describe('PAX helpers', () => {
  it('formats self-counting records like Go', () => {
    expect(dec.decode(formatPaxRecord('path', 'a', enc))).toBe('9 path=a\n');
    expect(dec.decode(formatPaxRecord('k', 'v'.repeat(4), enc))).toBe('9 k=vvvv\n');
    expect(dec.decode(formatPaxRecord('k', 'v'.repeat(5), enc))).toBe('11 k=vvvvv\n');
    // the length crosses a power of ten when its own digits are counted
    const r = dec.decode(formatPaxRecord('k', 'v'.repeat(94), enc));
    expect(r.length).toBe(Number(r.split(' ')[0]));
    expect(formatPaxTime(1.5)).toBe('1.5');
    expect(formatPaxTime(-1.25)).toBe('-1.25');
    expect(formatPaxTime(1e9)).toBe('1000000000');
  });

  it('round-trips arbitrary records', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1 }).filter((k) => !k.includes('=') && !k.includes('\0')), fc.string().filter((v) => !v.includes('\0')))), (recs) => {
        const data = concat(...recs.map(([k, v]) => formatPaxRecord(k, v, enc)));
        expect(parsePaxRecords(data, dec)).toEqual(recs.map(([k, v]) => [dec.decode(enc.encode(k)), dec.decode(enc.encode(v))]));
      }),
    );
  });
});

// ---- property tests ----

const segment = fc.oneof(
  fc.stringMatching(/^[a-z0-9._-]{1,20}$/).filter((s) => s !== '.' && s !== '..'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => !s.includes('/') && !s.includes('\0')),
  fc.constant('x'.repeat(99)),
);
const pathArb = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));

const entryArb: fc.Arbitrary<TarWriteEntry> = fc.oneof(
  fc.record({
    name: pathArb,
    type: fc.constant('file' as const),
    mode: fc.integer({ min: 0, max: 0o7777 }),
    uid: fc.oneof(fc.integer({ min: 0, max: 70000 }), fc.integer({ min: 2097150, max: 2 ** 32 })),
    gid: fc.integer({ min: 0, max: 2 ** 31 }),
    uname: fc.string({ maxLength: 40 }).filter((s) => !s.includes('\0')),
    mtime: fc.oneof(fc.integer({ min: -1e10, max: 1e11 }), fc.constant(0)),
    content: fc.uint8Array({ maxLength: 1500 }),
  }),
  fc.record({ name: pathArb.map((p) => `${p}/`), type: fc.constant('dir' as const), mode: fc.integer({ min: 0, max: 0o7777 }) }),
  fc.record({ name: pathArb, type: fc.constantFrom('symlink' as const, 'hardlink' as const), linkname: pathArb }),
  fc.record({ name: pathArb, type: fc.constantFrom('chardev' as const, 'blockdev' as const), devmajor: fc.integer({ min: 0, max: 2097151 }), devminor: fc.integer({ min: 0, max: 2097151 }) }),
);

describe('tar properties', () => {
  it('readTar(writeTar(entries)) gives the entries back', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 6 }), (entries) => {
        const tar = writeTar(entries);
        expect(tar.length % 512).toBe(0);
        expect(tar.length).toBe(tarSize(entries));
        const got = listTar(tar);
        expect(got.length).toBe(entries.length);
        got.forEach((e, i) => {
          const w = entries[i]!;
          expect(e.name).toBe(w.name);
          expect(e.type).toBe(w.type);
          expect(e.mode).toBe(w.mode ?? (w.type === 'symlink' ? 0o777 : w.type === 'dir' ? 0o755 : 0o644));
          expect(e.uid).toBe(w.uid ?? 0);
          expect(e.gid).toBe(w.gid ?? 0);
          expect(e.uname).toBe(w.uname ?? '');
          expect(e.mtime).toBe(w.mtime ?? 0);
          expect(e.linkname).toBe(w.linkname ?? '');
          expect(e.devmajor).toBe(w.devmajor ?? 0);
          expect(e.devminor).toBe(w.devminor ?? 0);
          expect(e.data).toEqual(w.type === 'file' ? ((w.content as Uint8Array | undefined) ?? new Uint8Array(0)) : new Uint8Array(0));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but TarFormatError on corrupted archives, and always terminates', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat()),
        (entries, flips, cut) => {
          const tar = writeTar(entries).slice();
          for (const [at, v] of flips) tar[at % tar.length] = v;
          const input = cut === null ? tar : tar.subarray(0, cut % (tar.length + 1));
          try {
            let n = 0;
            for (const e of readTar(input)) {
              n++;
              expect(e.data.length).toBe(e.size);
              expect(n).toBeLessThanOrEqual(input.length / 512 + 1);
            }
          } catch (e) {
            if (!(e instanceof TarFormatError)) throw e;
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws anything but TarFormatError on corrupted headers with valid checksums', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 512, maxLength: 512 }), fc.uint8Array({ maxLength: 2048 }), (block, rest) => {
        const b = block.slice();
        writeChecksum(b);
        try {
          for (const e of readTar(concat(b, rest))) expect(e.data.length).toBe(e.size);
        } catch (e) {
          if (!(e instanceof TarFormatError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});
