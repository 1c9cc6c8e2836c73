/** pwd, tty, mkfifo/mknod, dir/vdir and shuf: behaviour the differential tests cannot compare (paths, a terminal). */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { FakeTty } from '../interp/testing/shell';
import { CollectingWriter, emptyReader } from '../../engine/process/streams';
import type { ReadStream } from '../../engine/process/Types';
import { LEARNER_CRED } from '../host/users';
import { tty } from './tty';
import { stty } from './stty';

describe('pwd', () => {
  it('defaults to the physical directory; -L prints $PWD when it names the same directory', async () => {
    const tm = createTestMachine();
    tm.fs.mkdir('/tmp/real');
    tm.fs.symlink('/tmp/real', '/tmp/lnk');
    const run = (argv: string[], env: Record<string, string> = {}) => runCommand(tm, argv, { cwd: '/tmp/lnk', env });
    expect((await run(['pwd'])).stdout).toBe('/tmp/real\n');
    expect((await run(['pwd', '-L'], { PWD: '/tmp/lnk' })).stdout).toBe('/tmp/lnk\n');
    expect((await run(['pwd', '-L'], { PWD: '/tmp/../tmp/lnk' })).stdout).toBe('/tmp/real\n');
    expect((await run(['pwd', '-L'], { PWD: '/tmp' })).stdout).toBe('/tmp/real\n');
    expect((await run(['pwd', '-LP'], { PWD: '/tmp/lnk' })).stdout).toBe('/tmp/real\n');
    expect(await run(['pwd', 'extra'])).toMatchObject({ stdout: '/tmp/real\n', stderr: 'pwd: ignoring non-option arguments\n', status: 0 });
  });
});

describe('tty', () => {
  it('names the terminal on stdin, or says it is not one', async () => {
    const tm = createTestMachine();
    expect(await runCommand(tm, ['tty'])).toMatchObject({ stdout: 'not a tty\n', status: 1 });
    const out = new CollectingWriter();
    const stdin: ReadStream = { ...emptyReader, isTTY: true };
    const base = { env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin, stdout: out, stderr: out, tty: new FakeTty([]), ppid: 1 };
    expect(await tm.machine.start(tty, { ...base, argv: ['tty'] }).exited).toBe(0);
    expect(await tm.machine.start(tty, { ...base, argv: ['tty', '-s'] }).exited).toBe(0);
    expect(out.text()).toBe('/dev/pts/0\n');
  });
});

describe('mkfifo and mknod', () => {
  it('create fifos for anyone and devices only for root', async () => {
    const tm = createTestMachine();
    expect((await runCommand(tm, ['mkfifo', '-m', '600', '/tmp/f'])).status).toBe(0);
    expect(tm.fs.lstat('/tmp/f')).toMatchObject({ type: 'fifo', mode: 0o600, uid: 1000 });
    expect(await runCommand(tm, ['mknod', '/tmp/d', 'c', '1', '3'])).toMatchObject({ stderr: 'mknod: /tmp/d: Operation not permitted\n', status: 1 });
    expect((await runCommand(tm, ['mknod', '/tmp/d', 'c', '1', '3'], { user: 'root' })).status).toBe(0);
    expect(tm.fs.lstat('/tmp/d')).toMatchObject({ type: 'chardev', rdev: 0x103 });
    expect((await runCommand(tm, ['ls', '-l', '/tmp/f'])).stdout).toMatch(/^prw------- 1 learner learner 0 /);
  });
});

describe('dir and vdir', () => {
  it('are ls in columns and ls -l whatever the output', async () => {
    const tm = createTestMachine();
    tm.fs.mkdir('/tmp/d');
    for (const n of ['a', 'b', 'c']) tm.fs.writeFile(`/tmp/d/${n}`, new Uint8Array(0));
    expect((await runCommand(tm, ['dir', '/tmp/d'])).stdout).toBe('a  b  c\n');
    expect((await runCommand(tm, ['vdir', '/tmp/d'])).stdout).toMatch(/^total 0\n-rw-rw-rw- 1 root root 0 .* a\n/);
  });
});

describe('shuf', () => {
  it('permutes every line exactly once, -n limits, -r repeats', async () => {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['shuf', '-i', '1-20']);
    expect(r.stdout.trim().split('\n').map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await runCommand(tm, ['shuf', '-e', '-n', '2', 'a', 'b', 'c'])).stdout.split('\n')).toHaveLength(3);
    const rep = await runCommand(tm, ['shuf', '-r', '-n', '5', '-e', 'x']);
    expect(rep.stdout).toBe('x\nx\nx\nx\nx\n');
  });
});

describe('stty', () => {
  it('reports and changes the terminal modes, and needs a terminal', async () => {
    const tm = createTestMachine();
    expect(await runCommand(tm, ['stty', 'size'])).toMatchObject({ status: 1, stderr: "stty: 'standard input': Inappropriate ioctl for device\n" });
    const term = new FakeTty([]);
    const out = new CollectingWriter();
    const stdin: ReadStream = { ...emptyReader, isTTY: true };
    const base = { env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin, stdout: out, stderr: out, tty: term, ppid: 1 };
    const run = async (...args: string[]) => tm.machine.start(stty, { ...base, argv: ['stty', ...args] }).exited;
    expect(await run('size')).toBe(0);
    expect(await run('-echo')).toBe(0);
    expect(term.getMode()).toEqual({ canonical: true, echo: false, isig: true });
    expect(await run('raw')).toBe(0);
    expect(term.getMode()).toEqual({ canonical: false, echo: false, isig: false });
    expect(await run('-a')).toBe(0);
    expect(await run('sane')).toBe(0);
    expect(term.getMode()).toEqual({ canonical: true, echo: true, isig: true });
    const text = out.text();
    expect(text.startsWith('24 80\nspeed 38400 baud; rows 24; columns 80; line = 0;\n')).toBe(true);
    expect(text).toContain('\n-isig -icanon iexten -echo echoe echok -echonl -noflsh -xcase -tostop -echoprt\n');
  });
});

describe('shred', () => {
  it('overwrites to the block size, zeroes last with -z', async () => {
    const tm = createTestMachine();
    tm.fs.writeFile('/tmp/s', new TextEncoder().encode('secret\n'));
    expect(await runCommand(tm, ['shred', '-vz', '-n', '1', '/tmp/s'])).toMatchObject({ status: 0, stderr: 'shred: /tmp/s: pass 1/2 (random)...\nshred: /tmp/s: pass 2/2 (000000)...\n' });
    expect(tm.fs.readFile('/tmp/s')).toEqual(new Uint8Array(4096));
    expect((await runCommand(tm, ['shred', '-x', '-n', '1', '/tmp/s'])).status).toBe(0);
    expect(tm.fs.stat('/tmp/s').size).toBe(4096);
  });
});

describe('dircolors', () => {
  it('colours only terminals its database names', async () => {
    const tm = createTestMachine();
    expect((await runCommand(tm, ['dircolors', '-b'], { env: { TERM: 'dumb' } })).stdout).toBe("LS_COLORS='';\nexport LS_COLORS\n");
    expect((await runCommand(tm, ['dircolors', '-b'], { env: { TERM: 'xterm-256color' } })).stdout).toMatch(/^LS_COLORS='rs=0:di=01;34:ln=01;36:/);
  });
});
