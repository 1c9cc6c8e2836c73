import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
const enc = (s: string) => new TextEncoder().encode(s);
tm.fs.writeFile('/tmp/a', enc('one\n\n\n\ttwo\n'));
tm.fs.writeFile('/tmp/bin', Uint8Array.from([0, 1, 2, 255, 10, 127]));
const cat = (args: string[], stdin?: string | Uint8Array, flavor?: 'busybox') => runCommand(tm, ['cat', ...args], { cwd: '/tmp', stdin, ...(flavor ? { flavor } : {}) });

describe('cat', () => {
  it('concatenates files and stdin (-)', async () => {
    expect((await cat(['a', '-', 'a'], 'mid\n')).stdout).toBe('one\n\n\n\ttwo\nmid\none\n\n\n\ttwo\n');
    expect((await cat([], 'in')).stdout).toBe('in');
  });
  it('is binary-safe', async () => {
    expect(Array.from((await cat(['bin'])).stdoutBytes)).toEqual([0, 1, 2, 255, 10, 127]);
  });
  it('-n, -b, -s, -A', async () => {
    expect((await cat(['-n', 'a'])).stdout).toBe('     1\tone\n     2\t\n     3\t\n     4\t\ttwo\n');
    expect((await cat(['-b', 'a'])).stdout).toBe('     1\tone\n\n\n     2\t\ttwo\n');
    expect((await cat(['-s', 'a'])).stdout).toBe('one\n\n\ttwo\n');
    expect((await cat(['-A', 'bin'])).stdout).toBe('^@^A^BM-^?$\n^?');
  });
  it('reports missing files and directories and goes on', async () => {
    expect(await cat(['nope', 'a'])).toMatchObject({ status: 1, stderr: 'cat: nope: No such file or directory\n', stdout: 'one\n\n\n\ttwo\n' });
    expect((await cat(['/etc'])).stderr).toBe('cat: /etc: Is a directory\n');
    expect((await cat(['nope'], undefined, 'busybox')).stderr).toBe("cat: can't open 'nope': No such file or directory\n");
    expect((await cat(['/root/x'])).stderr).toBe('cat: /root/x: Permission denied\n');
  });
  it('reads devices', async () => {
    expect((await cat(['/dev/null'])).stdout).toBe('');
  });
  it('matches GNU cat -A/-n on the same bytes', async () => {
    if (!hasTool('cat')) return;
    const input = 'a\tb\x01\n\n\nc\x7f\n';
    for (const args of [['-A'], ['-n'], ['-bs'], ['-ET']]) {
      expect((await cat(args, input)).stdout).toBe(runReal(['cat', ...args], { stdin: input }).stdout);
    }
  });
});
