import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { decompressedName, gzipStoredName } from './gzip';
import { hasTool } from './testing/real-tools';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function machine() {
  const tm = createTestMachine();
  tm.fs.mkdir('/tmp/z', 0o777);
  tm.fs.writeFile('/tmp/z/a', enc('hello\n'.repeat(50)), { mode: 0o640 });
  tm.fs.chown('/tmp/z/a', 1000, 1000);
  return tm;
}
const run = (tm: ReturnType<typeof machine>, argv: string[], opts: { stdin?: string | Uint8Array; flavor?: 'busybox' } = {}) =>
  runCommand(tm, argv, { cwd: '/tmp/z', stdin: opts.stdin, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('gzip, gunzip, zcat', () => {
  it('replaces the file with name.gz and back, keeping mode and mtime', async () => {
    const tm = machine();
    expect((await run(tm, ['gzip', 'a'])).status).toBe(0);
    expect(tm.fs.readdir('/tmp/z')).toEqual(['a.gz']);
    const gz = tm.fs.readFile('/tmp/z/a.gz');
    expect(gzipStoredName(gz)).toBe('a');
    expect(tm.fs.stat('/tmp/z/a.gz').mode).toBe(0o640);
    expect((await run(tm, ['zcat', 'a.gz'])).stdout).toBe('hello\n'.repeat(50));
    expect((await run(tm, ['gunzip', 'a.gz'])).status).toBe(0);
    expect(dec(tm.fs.readFile('/tmp/z/a'))).toBe('hello\n'.repeat(50));
  });
  it('-k, -c, -d, stdin to stdout, -v', async () => {
    const tm = machine();
    await run(tm, ['gzip', '-k', 'a']);
    expect(tm.fs.readdir('/tmp/z')).toEqual(['a', 'a.gz']);
    const c = await run(tm, ['gzip', '-c', 'a']);
    expect((await run(tm, ['gzip', '-d'], { stdin: c.stdoutBytes })).stdout).toBe('hello\n'.repeat(50));
    const piped = await run(tm, ['gzip'], { stdin: 'hi\n' });
    expect((await run(tm, ['zcat'], { stdin: piped.stdoutBytes })).stdout).toBe('hi\n');
    tm.fs.unlink('/tmp/z/a.gz');
    expect((await run(tm, ['gzip', '-v', 'a'])).stderr).toMatch(/^a:\t {0,2}\d+\.\d% -- replaced with a\.gz\n$/);
  });
  it('warnings and errors', async () => {
    const tm = machine();
    await run(tm, ['gzip', '-k', 'a']);
    expect(await run(tm, ['gzip', 'a.gz'])).toMatchObject({ status: 2, stderr: 'gzip: a.gz already has .gz suffix -- unchanged\n' });
    expect(await run(tm, ['gzip', 'a'])).toMatchObject({ status: 2, stderr: 'gzip: a.gz already exists;\tnot overwritten\n' });
    expect((await run(tm, ['gzip', 'a'], { flavor: 'busybox' })).stderr).toBe("gzip: can't open 'a.gz': File exists\n");
    expect(await run(tm, ['gunzip', 'nope.gz'])).toMatchObject({ status: 1, stderr: 'gzip: nope.gz: No such file or directory\n' });
    expect((await run(tm, ['gunzip', 'a'])).stderr).toBe('gzip: a: unknown suffix -- ignored\n');
    expect((await run(tm, ['zcat', 'a'])).stderr).toBe('gzip: a: not in gzip format\n');
    expect((await run(tm, ['gzip', '-f', 'a'])).status).toBe(0);
  });
  it('names: .gz, .tgz', () => {
    expect(decompressedName('x.tar.gz')).toBe('x.tar');
    expect(decompressedName('x.tgz')).toBe('x.tar');
    expect(decompressedName('x')).toBeNull();
  });
  it('real gunzip reads our output and we read real gzip output', async () => {
    if (!hasTool('gzip')) return;
    const tm = machine();
    const ours = await run(tm, ['gzip', '-c', 'a']);
    const real = spawnSync('gzip', ['-dc'], { input: ours.stdoutBytes });
    expect(real.status).toBe(0);
    expect(real.stdout.toString()).toBe('hello\n'.repeat(50));
    const theirs = spawnSync('gzip', ['-c'], { input: 'from real gzip\n' });
    expect((await run(tm, ['zcat'], { stdin: new Uint8Array(theirs.stdout) })).stdout).toBe('from real gzip\n');
  });
});
