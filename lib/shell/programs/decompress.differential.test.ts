/**
 * bunzip2/bzcat, unxz/xzcat, unzstd/zstdcat against the real tools: files compressed by the real bzip2, xz and
 * zstd are decompressed by both sides; outputs, messages, statuses and the files left behind must agree.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runReal } from './testing/real-tools';

const CASES: string[][] = [
  ['bunzip2', 'a.bz2'],
  ['bunzip2', '-k', 'a.bz2'],
  ['bzcat', 'a.bz2'],
  ['bunzip2', 'nofile'],
  ['bunzip2', 'plain'],
  ['bunzip2', 'plain.bz2'],
  ['bzip2', '-dc', 'a.bz2'],
  ['unxz', 'b.xz'],
  ['xzcat', 'b.xz'],
  ['xz', '-d', 'plain'],
  ['xz', '-d', 'plain.xz'],
  ['unxz', 'nofile'],
  ['xz', '-dk', 'b.xz'],
  ['zstdcat', 'c.zst'],
  ['zstd', '-dq', 'c.zst'],
  ['zstd', '-d', 'plain'],
  ['unzstd', '-q', '--rm', 'c.zst'],
];

describe('decompressors match bzip2, xz and zstd', () => {
  for (const argv of CASES) {
    it.skipIf(!hasTool('bzip2') || !hasTool('xz') || !hasTool('zstd'))(argv.join(' '), async () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerlab-unz-'));
      try {
        for (const [name, tool] of [['a', 'bzip2'], ['b', 'xz'], ['c', 'zstd']] as const) {
          writeFileSync(join(dir, name), 'hello compressed world\n'.repeat(20));
          execFileSync(tool, tool === 'zstd' ? ['-q', '--rm', name] : [name], { cwd: dir });
        }
        for (const n of ['plain', 'plain.bz2', 'plain.xz']) writeFileSync(join(dir, n), 'not compressed\n');
        const tm = createTestMachine();
        tm.fs.mkdir('/root/w');
        for (const n of readdirSync(dir)) tm.fs.writeFile(`/root/w/${n}`, new Uint8Array(readFileSync(join(dir, n))), { mode: 0o644 });
        const want = runReal(argv, { cwd: dir });
        const got = await runCommand(tm, argv, { cwd: '/root/w', user: 'root' });
        expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
        const listing = readdirSync(dir).sort();
        expect(tm.fs.readdir('/root/w')).toEqual(listing);
        for (const n of listing) expect({ n, bytes: Buffer.from(tm.fs.readFile(`/root/w/${n}`)).toString('hex') }).toEqual({ n, bytes: readFileSync(join(dir, n)).toString('hex') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('compressing', () => {
  it('is refused honestly: the engine has no bzip2/xz/zstd encoder', async () => {
    const tm = createTestMachine();
    expect(await runCommand(tm, ['xz', '/etc/hostname'], { user: 'root' })).toMatchObject({ status: 1, stderr: 'xz: compressing is not available in this simulation (only decompression is)\n' });
    expect(tm.fs.readdir('/etc')).not.toContain('hostname.xz');
  });
});
