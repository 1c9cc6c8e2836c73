import { afterAll, describe, expect, it } from 'vitest';
import { createTestMachine, runCommand, TEST_NOW } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
layoutSim(tm.fs, '/tmp/t', SAMPLE_TREE, { uid: 1000, gid: 1000 });
tm.fs.utimes('/tmp/t/sub', Date.UTC(2024, 0, 2, 3, 4));
const ls = (args: string[], opts: { flavor?: 'busybox'; tty?: boolean; env?: Record<string, string> } = {}) =>
  runCommand(tm, ['ls', ...args], { cwd: '/tmp/t', stdoutIsTTY: opts.tty, env: opts.env, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('ls', () => {
  it('lists one per line when not a terminal, hiding dotfiles', async () => {
    const r = await ls([]);
    expect(r.stdout).toBe('a.txt\nbig\nfile_1\nfile_12longername\nfile_2\nfile_3longername\nlink\nsub\n');
    expect(r.status).toBe(0);
  });
  it('-a and -A', async () => {
    expect((await ls(['-a'])).stdout.split('\n').slice(0, 3)).toEqual(['.', '..', '.hidden']);
    expect((await ls(['-A'])).stdout.split('\n')[0]).toBe('.hidden');
  });
  it('-l with owners by name, total, symlink arrow and old dates', async () => {
    const r = await ls(['-l']);
    expect(r.stdout).toBe(
      [
        'total 16',
        '-rw-r--r-- 1 learner learner    6 Nov 23 10:00 a.txt',
        '-rwxr-xr-x 1 learner learner 5000 Nov 23 10:00 big',
        '-rw-r--r-- 1 learner learner    0 Nov 23 10:00 file_1',
        '-rw-r--r-- 1 learner learner    0 Nov 23 10:00 file_12longername',
        '-rw-r--r-- 1 learner learner    0 Nov 23 10:00 file_2',
        '-rw-r--r-- 1 learner learner    0 Nov 23 10:00 file_3longername',
        'lrwxrwxrwx 1 learner learner    5 Nov 23 10:00 link -> a.txt',
        'drwxr-xr-x 3 learner learner 4096 Jan  2  2024 sub',
        '',
      ].join('\n'),
    );
  });
  it('-n, -h, -i, -d, -F', async () => {
    expect((await ls(['-ln', 'a.txt'])).stdout).toBe('-rw-r--r-- 1 1000 1000 6 Nov 23 10:00 a.txt\n');
    expect((await ls(['-lh', 'big'])).stdout).toBe('-rwxr-xr-x 1 learner learner 4.9K Nov 23 10:00 big\n');
    expect((await ls(['-d', 'sub'])).stdout).toBe('sub\n');
    expect((await ls(['-F'])).stdout).toContain('big*\n');
    expect((await ls(['-F'])).stdout).toContain('link@\n');
    expect((await ls(['-F'])).stdout).toContain('sub/\n');
    expect((await ls(['-i', 'a.txt'])).stdout).toMatch(/^\d+ a\.txt\n$/);
  });
  it('sorts by size and time, reversed', async () => {
    expect((await ls(['-S'])).stdout.split('\n').slice(0, 2)).toEqual(['big', 'sub']);
    expect((await ls(['-t'])).stdout.trim().split('\n').pop()).toBe('sub');
    expect((await ls(['-r'])).stdout.split('\n')[0]).toBe('sub');
  });
  it('-R prints headers', async () => {
    const r = await ls(['-R', 'sub']);
    expect(r.stdout).toBe('sub:\ndeeper\ninner.txt\n\nsub/deeper:\nz\n');
  });
  it('devices show major, minor', async () => {
    const r = await runCommand(tm, ['ls', '-l', '/dev/null']);
    expect(r.stdout).toBe('crw-rw-rw- 1 root root 1, 3 Nov 23 10:00 /dev/null\n');
  });
  it('columns on a terminal', async () => {
    const r = await ls([], { tty: true, env: { COLUMNS: '40' } });
    expect(r.stdout).toBe('a.txt\tfile_12longername  link\nbig\tfile_2\t\t   sub\nfile_1\tfile_3longername\n');
  });
  it('errors: GNU exit 2 with quotes, BusyBox exit 1', async () => {
    expect(await ls(['nope'])).toMatchObject({ status: 2, stderr: "ls: cannot access 'nope': No such file or directory\n" });
    expect(await ls(['nope'], { flavor: 'busybox' })).toMatchObject({ status: 1, stderr: 'ls: nope: No such file or directory\n' });
    const bad = await ls(['-y']);
    expect(bad).toMatchObject({ status: 2, stderr: "ls: invalid option -- 'y'\nTry 'ls --help' for more information.\n" });
    const bbBad = await ls(['-y'], { flavor: 'busybox' });
    expect(bbBad.status).toBe(1);
    expect(bbBad.stderr).toMatch(/^ls: invalid option -- 'y'\nBusyBox v1\.36\.1 .*\n\nUsage: ls /);
  });
  it('BusyBox long format', async () => {
    const r = await ls(['-l', 'a.txt', 'big'], { flavor: 'busybox' });
    expect(r.stdout).toBe('-rw-r--r--    1 learner  learner          6 Nov 23 10:00 a.txt\n-rwxr-xr-x    1 learner  learner       5000 Nov 23 10:00 big\n');
  });
  it('permission denied on a directory', async () => {
    tm.fs.mkdir('/tmp/secret', 0o700);
    const r = await ls(['/tmp/secret']);
    expect(r).toMatchObject({ status: 2, stderr: "ls: cannot open directory '/tmp/secret': Permission denied\n" });
  });
  it('shows years for dates in the future or older than six months', async () => {
    tm.fs.writeFile('/tmp/t2', new Uint8Array());
    tm.fs.utimes('/tmp/t2', TEST_NOW + 86_400_000 * 2);
    expect((await runCommand(tm, ['ls', '-l', '/tmp/t2'])).stdout).toContain('Nov 25  2026 /tmp/t2');
  });
});

describe('ls differential', () => {
  const real = layoutReal(SAMPLE_TREE);
  afterAll(real.cleanup);
  const cases: string[][] = [[], ['-a'], ['-A'], ['-1F'], ['-R'], ['-p'], ['-d', 'sub', 'a.txt'], ['-C'], ['-x'], ['-r'], ['-S'], ['sub', 'a.txt', 'link']];
  for (const args of cases) {
    it(`GNU ls ${args.join(' ')}`, async () => {
      if (!hasTool('ls')) return;
      const want = runReal(['ls', ...args], { cwd: real.dir, env: { COLUMNS: '50' } });
      const got = await ls(args, { env: { COLUMNS: '50' } });
      expect(got.stdout).toBe(want.stdout);
      expect(got.status).toBe(want.status);
    });
    it(`busybox ls ${args.join(' ')}`, async () => {
      if (!hasTool('busybox')) return;
      const want = runReal(['busybox', 'ls', ...args, ...(args.includes('-C') || args.includes('-x') ? ['-w', '50'] : [])], { cwd: real.dir });
      const got = await ls([...args, ...(args.includes('-C') || args.includes('-x') ? ['-w', '50'] : [])], { flavor: 'busybox' });
      expect(got.stdout).toBe(want.stdout);
    });
  }
});

describe('ls on a terminal', () => {
  it('quotes names and aligns the others like GNU', async () => {
    const tm2 = createTestMachine();
    for (const n of ['a b', 'c', "it's"]) tm2.fs.writeFile(`/tmp/${n}`, new Uint8Array(), { mode: 0o644 });
    tm2.fs.mkdir('/tmp/q');
    for (const n of ['a b', 'c', "it's"]) tm2.fs.rename(`/tmp/${n}`, `/tmp/q/${n}`);
    const run = (args: string[]) => runCommand(tm2, ['ls', ...args], { cwd: '/tmp/q', stdoutIsTTY: true });
    expect((await run([])).stdout).toBe(`'a b'   c  "it's"\n`);
    expect((await run(['-1'])).stdout).toBe(`'a b'\nc\n"it's"\n`);
    expect((await run(['-l'])).stdout).toBe(`total 0\n-rw-r--r-- 1 root root 0 Nov 23 10:00 'a b'\n-rw-r--r-- 1 root root 0 Nov 23 10:00  c\n-rw-r--r-- 1 root root 0 Nov 23 10:00 "it's"\n`);
  });
  it('--version', async () => {
    expect((await runCommand(tm, ['ls', '--version'])).stdout.split('\n')[0]).toBe('ls (GNU coreutils) 9.1');
    expect((await runCommand(tm, ['tar', '--version'])).stdout.split('\n')[0]).toBe('tar (GNU tar) 1.34');
  });
});

describe('ls in a directory without search permission', () => {
  it('lists names but cannot show details', async () => {
    const tm3 = createTestMachine();
    tm3.fs.mkdir('/tmp/noexec', 0o755);
    tm3.fs.writeFile('/tmp/noexec/f', new Uint8Array(), { mode: 0o644 });
    tm3.fs.chmod('/tmp/noexec', 0o744);
    expect(await runCommand(tm3, ['ls', '/tmp/noexec'])).toMatchObject({ status: 0, stdout: 'f\n', stderr: '' });
    const l = await runCommand(tm3, ['ls', '-l', '/tmp/noexec']);
    expect(l.stderr).toBe("ls: cannot access '/tmp/noexec/f': Permission denied\n");
    expect(l.status).toBe(1);
  });
});
