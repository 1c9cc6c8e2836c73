import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTable, tabwrite } from './tabwriter';
import { displayWidth, ellipsis } from './width';
import { bytesSize, humanDuration, humanSize, humanSizeWithPrecision, timeAgo } from './units';
import { formatE, formatF, formatG } from './goFloat';
import { formatGoTimeString, formatRfc3339Nano } from './time';

describe('tabwriter', () => {
  it('reproduces the docker images example (docker.md §4.1)', () => {
    const out = formatTable([
      ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'],
      ['ubuntu', 'latest', '2dc39ba059dc', '2 weeks ago', '77.8MB'],
      ['myapp', 'v1', '4f1a2b3c4d5e', 'About a minute ago', '13.3kB'],
      ['<none>', '<none>', '9e8d7c6b5a41', '3 hours ago', '5.58MB'],
    ]);
    expect(out).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED              SIZE\n' +
        'ubuntu       latest    2dc39ba059dc   2 weeks ago          77.8MB\n' +
        'myapp        v1        4f1a2b3c4d5e   About a minute ago   13.3kB\n' +
        '<none>       <none>    9e8d7c6b5a41   3 hours ago          5.58MB\n',
    );
  });

  it('pads empty middle cells fully and never pads the last column', () => {
    const out = formatTable([
      ['CONTAINER ID', 'PORTS', 'NAMES'],
      ['abc', '', 'web'],
    ]);
    expect(out).toBe('CONTAINER ID   PORTS     NAMES\nabc                      web\n');
    expect(formatTable([['HEADER'], ['x']])).toBe('HEADER\nx\n');
  });

  it('measures East Asian wide characters as two cells', () => {
    const out = formatTable([
      ['NAME', 'X'],
      ['日本語のなまえ', 'y'],
    ]);
    expect(out).toBe('NAME             X\n日本語のなまえ   y\n');
  });

  it('formats column blocks like Go (a line with fewer cells ends the block)', () => {
    expect(tabwrite('a\tb\tc\naaaaaaaaaaaa\tbb\nx\n1\t2\t3\n')).toBe(
      `a${' '.repeat(14)}b${' '.repeat(9)}c\naaaaaaaaaaaa   bb\nx\n1${' '.repeat(9)}2${' '.repeat(9)}3\n`,
    );
  });

  it('agrees with Go semantics on random tables: every row starts each column at the same offset', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.stringMatching(/^[a-z ]{0,14}$/), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const lines = formatTable(rows).split('\n').slice(0, -1);
        const w0 = Math.max(10, ...rows.map((r) => r[0]!.length + 3));
        const w1 = Math.max(10, ...rows.map((r) => r[1]!.length + 3));
        lines.forEach((l, i) => {
          expect(l).toBe(rows[i]![0]!.padEnd(w0) + rows[i]![1]!.padEnd(w1) + rows[i]![2]);
        });
      }),
    );
  });
});

describe('ellipsis and width', () => {
  it('truncates to N cells including the ellipsis', () => {
    expect(ellipsis('hello world', 5)).toBe('hell…');
    expect(ellipsis('hello', 5)).toBe('hello');
    expect(ellipsis('hello', 1)).toBe('h');
    expect(ellipsis('hello', 0)).toBe('');
    expect(ellipsis('', 1)).toBe('');
    expect(ellipsis('日本語テキスト', 6)).toBe('日本…');
    expect(ellipsis('日本語テキスト', 7)).toBe('日本語…');
    expect(ellipsis('日本語', 2)).toBe('日本語'); // Go quirk: nothing fits before the ellipsis
    expect(displayWidth('a日😀')).toBe(5);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), fc.integer({ min: 2, max: 30 }), (s, n) => {
        const e = ellipsis(s, n);
        expect(displayWidth(e)).toBe(Math.min(displayWidth(s), n));
      }),
    );
  });
});

describe('Go float formatting', () => {
  it('matches fmt %g/%f/%e, ties to even', () => {
    const g: Array<[number, number, string]> = [
      [0, 3, '0'],
      [1, 3, '1'],
      [1.5, 3, '1.5'],
      [13.3, 3, '13.3'],
      [100, 3, '100'],
      [999.999, 3, '1e+03'],
      [1000, 3, '1e+03'],
      [1.125, 3, '1.12'],
      [1.135, 3, '1.14'],
      [0.0001234, 3, '0.000123'],
      [0.00001234, 3, '1.23e-05'],
      [123456, 4, '1.235e+05'],
      [2.048, 4, '2.048'],
      [-2.5, 1, '-2'],
      [7.799, 4, '7.799'],
    ];
    for (const [x, p, want] of g) expect(formatG(x, p), `${x} %.${p}g`).toBe(want);
    expect(formatF(2.5, 0)).toBe('2');
    expect(formatF(3.5, 0)).toBe('4');
    expect(formatF(1.005, 2)).toBe('1.00'); // 1.005 is really 1.00499999...
    expect(formatF(0.007, 2)).toBe('0.01');
    expect(formatF(123.456, 1)).toBe('123.5');
    expect(formatE(123456, 2)).toBe('1.23e+05');
    expect(formatE(0, 2)).toBe('0.00e+00');
  });

  const hasPrintf = spawnSync('printf', ['%s', 'x']).status === 0;
  it.skipIf(!hasPrintf)('agrees with printf(1) (C printf rounds the exact value half-to-even too)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 1e-9, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 1e7 }).map((n) => n / 8)), fc.integer({ min: 1, max: 6 }), (x, p) => {
        const c = spawnSync('printf', [`%.${p}g`, String(x)], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).stdout;
        // Go's %g prints exponents with at least two digits, like C.
        expect(formatG(x, p)).toBe(c);
      }),
      { numRuns: 60 },
    );
  });
});

describe('go-units', () => {
  it.each([
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [1230, '1.23kB'],
    [1125, '1.12kB'],
    [13300, '13.3kB'],
    [72_800_000, '72.8MB'],
    [123_000_000, '123MB'],
    [1_000_000_000, '1GB'],
    [999_999, '1e+03kB'],
    [77_812_345, '77.8MB'],
  ])('HumanSizeWithPrecision(%d, 3) = %s', (n, want) => {
    expect(humanSizeWithPrecision(n, 3)).toBe(want);
  });

  it('HumanSize and BytesSize', () => {
    expect(humanSize(2048)).toBe('2.048kB');
    expect(humanSize(7_799_000)).toBe('7.799MB');
    expect(bytesSize(1536)).toBe('1.5KiB');
    expect(bytesSize(1024 ** 3)).toBe('1GiB');
  });

  it.each([
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [-5000, 'Less than a second'],
    [1000, '1 second'],
    [59_999, '59 seconds'],
    [60_000, 'About a minute'],
    [119_000, 'About a minute'],
    [120_000, '2 minutes'],
    [59 * 60_000, '59 minutes'],
    [60 * 60_000, 'About an hour'],
    [89 * 60_000, 'About an hour'],
    [90 * 60_000, '2 hours'],
    [47 * 3_600_000 + 29 * 60_000, '47 hours'],
    [47.5 * 3_600_000, '2 days'],
    [13 * 86_400_000, '13 days'],
    [14 * 86_400_000, '2 weeks'],
    [59 * 86_400_000, '8 weeks'],
    [60 * 86_400_000, '2 months'],
    [729 * 86_400_000, '24 months'],
    [730 * 86_400_000, '2 years'],
    [56.9 * 365 * 86_400_000, '56 years'],
  ])('HumanDuration(%d ms) = %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('timeAgo', () => {
    expect(timeAgo(1_000_000, 1_000_000 - 3 * 3_600_000)).toBe('3 hours ago');
  });
});

describe('time', () => {
  it('re-exports the Go time formats', () => {
    expect(formatRfc3339Nano(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatGoTimeString(0)).toBe('1970-01-01 00:00:00 +0000 UTC');
  });
});
