import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { parseDdNumber } from './dd';

const tm = createTestMachine();
const run = (argv: string[], opts: { stdin?: string; flavor?: 'busybox' } = {}) => runCommand(tm, argv, { cwd: '/tmp', stdin: opts.stdin, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('dd', () => {
  it('copies blocks from devices to files and reports records', async () => {
    const r = await run(['dd', 'if=/dev/zero', 'of=z', 'bs=1K', 'count=2']);
    expect(r).toMatchObject({ status: 0, stderr: '2+0 records in\n2+0 records out\n2048 bytes (2.0 kB, 2.0 KiB) copied, 0 s, Infinity B/s\n' });
    expect(tm.fs.stat('/tmp/z').size).toBe(2048);
    expect((await run(['dd', 'if=/dev/zero', 'of=z', 'bs=512', 'count=1'], { flavor: 'busybox' })).stderr).toBe('1+0 records in\n1+0 records out\n');
  });
  it('stdin to stdout, partial records, skip, conv', async () => {
    const r = await run(['dd', 'bs=3'], { stdin: 'hello\nworld\n' });
    expect(r.stdout).toBe('hello\nworld\n');
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['4+0 records in', '4+0 records out']);
    expect((await run(['dd', 'bs=5'], { stdin: 'hello\nworld\n' })).stderr.split('\n')[0]).toBe('2+1 records in');
    expect((await run(['dd', 'bs=1', 'skip=1', 'status=none'], { stdin: 'hi\n' })).stdout).toBe('i\n');
    expect((await run(['dd', 'conv=ucase', 'status=none'], { stdin: 'hello\n' })).stdout).toBe('HELLO\n');
  });
  it('seek and conv=notrunc write into an existing file', async () => {
    tm.fs.writeFile('/tmp/s', new TextEncoder().encode('abcdef'));
    await run(['dd', 'of=s', 'bs=1', 'seek=2', 'conv=notrunc', 'status=none'], { stdin: 'XY' });
    expect(new TextDecoder().decode(tm.fs.readFile('/tmp/s'))).toBe('abXYef');
  });
  it('errors', async () => {
    expect((await run(['dd', 'if=nope'])).stderr).toBe("dd: failed to open 'nope': No such file or directory\n");
    expect((await run(['dd', 'bs=x'])).stderr).toBe('dd: invalid number: ‘x’\n');
    expect(await run(['dd', 'foo=1'])).toMatchObject({ status: 1, stderr: "dd: unrecognized operand ‘foo=1’\nTry 'dd --help' for more information.\n" });
    expect(parseDdNumber('2x512')).toBe(1024);
    expect(parseDdNumber('1M')).toBe(1048576);
  });
});
