import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompressionError, decompress, detectCompression, gunzip, gzip, gzipChunks, unzstd } from './compression';
import { bunzip2 } from './bzip2';
import { unxz } from './xz';
import { crc32 } from './crc32';

const enc = new TextEncoder();

/** Runs a CLI compressor; null (and a printed reason) when it is missing. */
function cli(cmd: string, args: string[], input: Uint8Array): Uint8Array | null {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30 });
  if (r.error || r.status !== 0) return null;
  return new Uint8Array(r.stdout);
}
function has(cmd: string): boolean {
  const ok = spawnSync(cmd, ['--version']).status === 0;
  if (!ok) console.warn(`compression differential tests for ${cmd} skipped: ${cmd} is not installed (apt-get install -y bzip2 xz-utils zstd)`);
  return ok;
}
const hasGzip = has('gzip');
const hasBzip2 = has('bzip2');
const hasXz = has('xz');
const hasZstd = has('zstd');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** Deterministic pseudo-random bytes (incompressible) and a compressible text corpus. */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
const text = enc.encode(Array.from({ length: 4000 }, (_, i) => `line ${i} ${'abc'.repeat(i % 7)} the quick brown fox\n`).join(''));
const samples: Array<[string, Uint8Array]> = [
  ['empty', new Uint8Array(0)],
  ['one byte', enc.encode('x')],
  ['text', text],
  ['noise', noise(70_000)],
  ['long runs', concat(new Uint8Array(300_000), new Uint8Array(1000).fill(7), enc.encode('aaaabbbbbcccccc'))],
  ['mixed', concat(noise(5000, 7), text.subarray(0, 20000), noise(3000, 9))],
];

function expectCompressionError(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CompressionError);
    return;
  }
  throw new Error('expected a CompressionError');
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(enc.encode('56789'), crc32(enc.encode('1234')))).toBe(0xcbf43926);
  });
});

describe('detectCompression', () => {
  it.each([
    [[0x1f, 0x8b, 0x08, 0], 'gzip'],
    [[0x42, 0x5a, 0x68, 0x39], 'bzip2'],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
    [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
    [[0x50, 0x2a, 0x4d, 0x18], 'zstd'],
    [[0x5f, 0x2a, 0x4d, 0x18], 'zstd'],
    [[0x1f, 0x8b], 'none'],
    [[0x42, 0x5a], 'none'],
    [[], 'none'],
    [[0x75, 0x73, 0x74, 0x61, 0x72], 'none'],
  ] as const)('%j → %s', (b, want) => {
    expect(detectCompression(new Uint8Array(b))).toBe(want);
  });
});

describe('gzip', () => {
  it('writes a deterministic Go-like header (no mtime, no name, OS unknown)', () => {
    const z = gzip(text);
    expect([...z.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    expect(gzip(text)).toEqual(z);
  });

  it('round-trips (property), whole and streamed', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 5 }), (chunks) => {
        const all = concat(...chunks);
        expect(gunzip(gzip(all))).toEqual(all);
        const streamed = concat(...gzipChunks(chunks));
        expect(streamed[9]).toBe(255);
        expect(gunzip(streamed)).toEqual(all);
        expect(concat(...gzipChunks(chunks))).toEqual(streamed);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects truncated, corrupted and trailing-garbage input', () => {
    const z = gzip(text);
    expectCompressionError(() => gunzip(z.subarray(0, z.length - 4)));
    expectCompressionError(() => gunzip(z.subarray(0, 100)));
    expectCompressionError(() => gunzip(concat(z, enc.encode('junk'))));
    const bad = z.slice();
    bad[z.length - 6]! ^= 1; // CRC
    expectCompressionError(() => gunzip(bad));
    expectCompressionError(() => gunzip(enc.encode('plain')));
  });

  it('honours maxSize', () => {
    expectCompressionError(() => gunzip(gzip(new Uint8Array(100_000)), { maxSize: 1000 }));
    expect(gunzip(gzip(new Uint8Array(1000)), { maxSize: 1000 }).length).toBe(1000);
  });

  it.skipIf(!hasGzip)('reads gzip(1) output incl. names and multiple members; gzip(1) reads ours', () => {
    for (const [, data] of samples) {
      const a = cli('gzip', ['-c', '-9'], data)!;
      expect(gunzip(a)).toEqual(data);
      expect(cli('gzip', ['-dc'], gzip(data))).toEqual(data);
    }
    const named = cli('sh', ['-c', 'cd "$(mktemp -d)" && cat > file.txt && gzip -N file.txt && cat file.txt.gz'], text)!;
    expect(named[3]! & 0x08).toBe(0x08);
    expect(gunzip(named)).toEqual(text);
    const multi = concat(cli('gzip', ['-c'], enc.encode('first\n'))!, cli('gzip', ['-c'], enc.encode('second\n'))!);
    expect(new TextDecoder().decode(gunzip(multi))).toBe('first\nsecond\n');
    expect(decompress(multi).compression).toBe('gzip');
  });
});

describe.skipIf(!hasZstd)('zstd (differential with zstd(1))', () => {
  it('decompresses zstd output at several levels, incl. concatenated frames', () => {
    for (const [, data] of samples) {
      for (const level of data === text ? ['-1', '-19'] : ['-3']) {
        const z = cli('zstd', ['-c', '-q', level], data)!;
        expect(unzstd(z)).toEqual(data);
        expect(decompress(z)).toEqual({ compression: 'zstd', data });
      }
    }
    const two = concat(cli('zstd', ['-c', '-q'], enc.encode('a'))!, cli('zstd', ['-c', '-q'], enc.encode('b'))!);
    expect(new TextDecoder().decode(unzstd(two))).toBe('ab');
  });

  it('rejects corrupted input with CompressionError', () => {
    const z = cli('zstd', ['-c', '-q'], text)!;
    expectCompressionError(() => unzstd(z.subarray(0, z.length >> 1)));
    expectCompressionError(() => unzstd(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2])));
  });
});

describe.skipIf(!hasBzip2)('bzip2 (differential with bzip2(1))', () => {
  it('decompresses bzip2 output at levels 1 and 9', () => {
    for (const [name, data] of samples) {
      for (const level of ['-1', '-9']) {
        const z = cli('bzip2', ['-c', level], data)!;
        expect(bunzip2(z), `${name} ${level}`).toEqual(data);
      }
    }
  });

  it('decompresses multi-block and concatenated streams', () => {
    const big = concat(noise(250_000, 3), text, noise(200_000, 4));
    expect(bunzip2(cli('bzip2', ['-c', '-1'], big)!)).toEqual(big);
    const two = concat(cli('bzip2', ['-c'], enc.encode('one\n'))!, cli('bzip2', ['-c'], enc.encode('two\n'))!);
    expect(new TextDecoder().decode(bunzip2(two))).toBe('one\ntwo\n');
    expect(decompress(two).compression).toBe('bzip2');
  });

  it('rejects corrupted, truncated and trailing-garbage input', () => {
    const z = cli('bzip2', ['-c'], text)!;
    expectCompressionError(() => bunzip2(z.subarray(0, z.length - 5)));
    expectCompressionError(() => bunzip2(concat(z, enc.encode('junk'))));
    expectCompressionError(() => bunzip2(enc.encode('BZh0')));
    expectCompressionError(() => bunzip2(new Uint8Array(0)));
    expectCompressionError(() => bunzip2(text.subarray(0, 100), { maxSize: 10 }));
    expectCompressionError(() => bunzip2(cli('bzip2', ['-c'], new Uint8Array(10000))!, { maxSize: 100 }));
  });

  it('never throws anything but CompressionError on mutated streams', () => {
    const z = cli('bzip2', ['-c'], text.subarray(0, 3000))!;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const m = z.slice();
        for (const [at, v] of flips) m[4 + (at % (m.length - 4))] = v;
        try {
          bunzip2(m);
        } catch (e) {
          if (!(e instanceof CompressionError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe.skipIf(!hasXz)('xz (differential with xz(1))', () => {
  it('decompresses xz output with every check type and preset', () => {
    for (const [name, data] of samples) {
      const variants = [['-0'], ['-6'], ['--check=crc32'], ['--check=none'], ['--check=sha256'], ['--lzma2=preset=1,lc=4,lp=0,pb=0'], ['--lzma2=preset=1,lc=0,lp=2,pb=4']];
      for (const args of data.length < 100_000 ? [...variants, ['-9e']] : variants.slice(0, 2)) {
        const z = cli('xz', ['-c', ...args], data)!;
        expect(unxz(z), `${name} ${args.join(' ')}`).toEqual(data);
      }
    }
  });

  it('decompresses multi-block, multi-stream and padded input', () => {
    const big = concat(noise(100_000, 5), text, noise(100_000, 6));
    expect(unxz(cli('xz', ['-c', '--block-size=50000'], big)!)).toEqual(big);
    const two = concat(cli('xz', ['-c'], enc.encode('one\n'))!, new Uint8Array(8), cli('xz', ['-c'], enc.encode('two\n'))!);
    expect(new TextDecoder().decode(unxz(two))).toBe('one\ntwo\n');
    expect(decompress(two).compression).toBe('xz');
  });

  it('rejects unsupported filters, corruption and truncation', () => {
    const bcj = cli('xz', ['-c', '--x86', '--lzma2'], text)!;
    expect(() => unxz(bcj)).toThrow(/unsupported filter/);
    const z = cli('xz', ['-c'], text)!;
    expectCompressionError(() => unxz(z.subarray(0, z.length - 3)));
    expectCompressionError(() => unxz(concat(z, enc.encode('junk'))));
    expectCompressionError(() => unxz(concat(z, new Uint8Array(3))));
    const flipped = z.slice();
    flipped[z.length >> 1]! ^= 0x10;
    expectCompressionError(() => unxz(flipped));
    expectCompressionError(() => unxz(z, { maxSize: 100 }));
  });

  it('never throws anything but CompressionError on mutated streams', () => {
    const z = cli('xz', ['-c'], text.subarray(0, 3000))!;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const m = z.slice();
        for (const [at, v] of flips) m[6 + (at % (m.length - 6))] = v;
        try {
          unxz(m);
        } catch (e) {
          if (!(e instanceof CompressionError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('decompress', () => {
  it('passes plain data through', () => {
    expect(decompress(text)).toEqual({ compression: 'none', data: text });
  });
});
