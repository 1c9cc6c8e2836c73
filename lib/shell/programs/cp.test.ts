import { afterAll, describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
layoutSim(tm.fs, '/tmp/src', SAMPLE_TREE, { uid: 1000, gid: 1000 });
tm.fs.mkdir('/tmp/w', 0o777);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const run = (argv: string[], opts: { flavor?: 'busybox'; user?: 'root' } = {}) =>
  runCommand(tm, argv, { cwd: '/tmp', user: opts.user, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('cp', () => {
  it('copies a file, into a directory, and several into a directory', async () => {
    expect((await run(['cp', 'src/a.txt', 'w/b.txt'])).status).toBe(0);
    expect(dec(tm.fs.readFile('/tmp/w/b.txt'))).toBe('hello\n');
    await run(['cp', 'src/a.txt', 'w']);
    expect(dec(tm.fs.readFile('/tmp/w/a.txt'))).toBe('hello\n');
    await run(['mkdir', 'w/many']);
    await run(['cp', 'src/a.txt', 'src/big', 'w/many/']);
    expect(tm.fs.readdir('/tmp/w/many')).toEqual(['a.txt', 'big']);
    expect(tm.fs.stat('/tmp/w/many/big').mode).toBe(0o755);
  });
  it('needs -r for directories; copies trees with symlinks kept', async () => {
    expect(await run(['cp', 'src', 'w/x'])).toMatchObject({ status: 1, stderr: "cp: -r not specified; omitting directory 'src'\n" });
    expect((await run(['cp', 'src', 'w/x'], { flavor: 'busybox' })).stderr).toBe("cp: omitting directory 'src'\n");
    expect((await run(['cp', '-r', 'src', 'w/tree'])).status).toBe(0);
    expect(tm.fs.readdir('/tmp/w/tree/sub')).toEqual(['deeper', 'inner.txt']);
    expect(tm.fs.lstat('/tmp/w/tree/link').type).toBe('symlink');
    // A second copy lands inside the existing directory.
    await run(['cp', '-r', 'src', 'w/tree']);
    expect(tm.fs.readdir('/tmp/w/tree')).toContain('src');
  });
  it('-v and -a', async () => {
    const r = await run(['cp', '-av', 'src/sub', 'w/subcopy']);
    expect(r.stdout).toBe(
      "'src/sub' -> 'w/subcopy'\n'src/sub/deeper' -> 'w/subcopy/deeper'\n'src/sub/deeper/z' -> 'w/subcopy/deeper/z'\n'src/sub/inner.txt' -> 'w/subcopy/inner.txt'\n",
    );
    expect(tm.fs.stat('/tmp/w/subcopy/inner.txt').mtimeMs).toBe(tm.fs.stat('/tmp/src/sub/inner.txt').mtimeMs);
  });
  it('-p as root keeps owners; without it the copier owns the copy', async () => {
    await run(['cp', '-p', 'src/a.txt', 'w/owned'], { user: 'root' });
    expect(tm.fs.stat('/tmp/w/owned').uid).toBe(1000);
    await run(['cp', 'src/a.txt', 'w/rootcopy'], { user: 'root' });
    expect(tm.fs.stat('/tmp/w/rootcopy').uid).toBe(0);
  });
  it('errors', async () => {
    expect((await run(['cp', 'nope', 'w'])).stderr).toBe("cp: cannot stat 'nope': No such file or directory\n");
    expect((await run(['cp', 'nope', 'w'], { flavor: 'busybox' })).stderr).toBe("cp: can't stat 'nope': No such file or directory\n");
    expect((await run(['cp', 'src/a.txt', 'src/a.txt'])).stderr).toBe("cp: 'src/a.txt' and 'src/a.txt' are the same file\n");
    expect((await run(['cp', '-r', 'src', 'src/sub'])).stderr).toBe("cp: cannot copy a directory, 'src', into itself, 'src/sub/src'\n");
    expect((await run(['cp', 'src/a.txt', 'nodir/'])).stderr).toBe("cp: cannot create regular file 'nodir/': Not a directory\n");
    expect((await run(['cp', 'src/a.txt', 'src/big', 'w/none'])).stderr).toBe("cp: target 'w/none': No such file or directory\n");
    expect((await run(['cp', 'src/a.txt', '/etc/x'])).stderr).toBe("cp: cannot create regular file '/etc/x': Permission denied\n");
    expect((await run(['cp', 'src/a.txt'])).stderr).toBe("cp: missing destination file operand after 'src/a.txt'\nTry 'cp --help' for more information.\n");
  });
  it('-n keeps an existing file; -i without an answer keeps it too', async () => {
    tm.fs.writeFile('/tmp/w/keep', new TextEncoder().encode('old'));
    await run(['cp', '-n', 'src/a.txt', 'w/keep']);
    expect(dec(tm.fs.readFile('/tmp/w/keep'))).toBe('old');
    const r = await run(['cp', '-i', 'src/a.txt', 'w/keep']);
    expect(r.stderr).toBe("cp: overwrite 'w/keep'? ");
    expect(dec(tm.fs.readFile('/tmp/w/keep'))).toBe('old');
  });
});

describe('cp differential (error wording)', () => {
  const real = layoutReal(SAMPLE_TREE);
  afterAll(real.cleanup);
  for (const args of [['sub', 'x'], ['nope', 'x'], ['a.txt', 'a.txt'], ['-r', 'sub', 'sub/deeper'], ['a.txt', 'big', 'none']]) {
    it(`cp ${args.join(' ')}`, async () => {
      if (!hasTool('cp')) return;
      const want = runReal(['cp', ...args], { cwd: real.dir });
      const sim = createTestMachine();
      layoutSim(sim.fs, '/w', SAMPLE_TREE, { uid: 1000, gid: 1000 });
      const got = await runCommand(sim, ['cp', ...args], { cwd: '/w' });
      expect(got.stderr).toBe(want.stderr);
      expect(got.status).toBe(want.status);
    });
  }
});
