import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
tm.fs.mkdir('/tmp/r', 0o777);
tm.fs.writeFile('/tmp/r/f', new Uint8Array());
tm.fs.symlink('f', '/tmp/r/l');
tm.fs.symlink('/tmp/r', '/tmp/r/up');
tm.fs.symlink('missing', '/tmp/r/dangling');
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp/r', ...(flavor ? { flavor } : {}) });

describe('realpath', () => {
  it('resolves links; the last component may be missing by default', async () => {
    expect((await run(['realpath', 'l', 'up/up/f', 'nope', '/bin/ls'])).stdout).toBe('/tmp/r/f\n/tmp/r/f\n/tmp/r/nope\n/usr/bin/ls\n');
    expect((await run(['realpath', 'dangling'])).stdout).toBe('/tmp/r/missing\n');
  });
  it('-e, -m, -s, --relative-to', async () => {
    expect(await run(['realpath', '-e', 'nope'])).toMatchObject({ status: 1, stderr: 'realpath: nope: No such file or directory\n' });
    expect((await run(['realpath', '-m', 'no/such/x'])).stdout).toBe('/tmp/r/no/such/x\n');
    expect((await run(['realpath', 'no/such/x'])).stderr).toBe('realpath: no/such/x: No such file or directory\n');
    expect((await run(['realpath', '-s', 'up/f'])).stdout).toBe('/tmp/r/up/f\n');
    expect((await run(['realpath', '--relative-to=/tmp', 'l'])).stdout).toBe('r/f\n');
    expect((await run(['realpath', 'nope'], 'busybox')).stderr).toBe('realpath: nope: No such file or directory\n');
  });
});

describe('readlink', () => {
  it('prints targets; fails silently on non-links', async () => {
    expect((await run(['readlink', 'l'])).stdout).toBe('f\n');
    expect(await run(['readlink', 'f'])).toMatchObject({ status: 1, stdout: '', stderr: '' });
    expect((await run(['readlink', '-v', 'f'])).stderr).toBe('readlink: f: Invalid argument\n');
  });
  it('-f, -e, -m, -n', async () => {
    expect((await run(['readlink', '-f', 'up/l'])).stdout).toBe('/tmp/r/f\n');
    expect(await run(['readlink', '-f', 'no/x'])).toMatchObject({ status: 1, stdout: '' });
    expect((await run(['readlink', '-m', 'no/x'])).stdout).toBe('/tmp/r/no/x\n');
    expect((await run(['readlink', '-e', 'nope'])).status).toBe(1);
    expect((await run(['readlink', '-n', 'l'])).stdout).toBe('f');
  });
});
