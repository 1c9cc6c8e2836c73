import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
const enc = (s: string) => new TextEncoder().encode(s);
tm.fs.mkdir('/tmp/c', 0o777);
tm.fs.writeFile('/tmp/c/x', enc('a\nb\nc\nd\ne\nf\ng\nh\n'));
tm.fs.writeFile('/tmp/c/y', enc('a\nB\nc\nd\ne\nf\ng\nh\ni\n'));
tm.fs.writeFile('/tmp/c/z', enc('a\nb\n'));
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp/c', ...(flavor ? { flavor } : {}) });

describe('cmp', () => {
  it('reports the first difference (GNU byte, BusyBox char)', async () => {
    expect(await run(['cmp', 'x', 'y'])).toMatchObject({ status: 1, stdout: 'x y differ: byte 3, line 2\n' });
    expect((await run(['cmp', 'x', 'y'], 'busybox')).stdout).toBe('x y differ: char 3, line 2\n');
    expect(await run(['cmp', 'x', 'x'])).toMatchObject({ status: 0, stdout: '' });
    expect((await run(['cmp', '-s', 'x', 'y'])).status).toBe(1);
  });
  it('EOF on the shorter file', async () => {
    expect((await run(['cmp', 'x', 'z'])).stderr).toBe('cmp: EOF on z after byte 4, line 2\n');
    expect((await run(['cmp', 'x', 'z'], 'busybox')).stderr).toBe('cmp: EOF on z\n');
    expect((await run(['cmp', '-l', 'x', 'y'])).stdout).toBe(' 3 142 102\n');
  });
  it('missing files: status 2', async () => {
    expect(await run(['cmp', 'x', 'nope'])).toMatchObject({ status: 2, stderr: 'cmp: nope: No such file or directory\n' });
  });
});
