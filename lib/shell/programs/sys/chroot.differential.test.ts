/**
 * chroot against GNU coreutils (errors, run as root on a temporary directory), and what the command sees inside:
 * `/` is the new root, `..` stops there and absolute symlinks resolve inside it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChrootFs } from '../../../engine/fs/ChrootFs';
import { MemFs } from '../../../engine/fs/MemFs';
import { createTestMachine, runCommand } from '../../testing/harness';
import { hasTool, runReal } from '../testing/real-tools';

const enc = new TextEncoder();
const dec = new TextDecoder();

const CASES: string[][] = [['chroot'], ['chroot', 'nodir'], ['chroot', 'a.txt'], ['chroot', 'jail'], ['chroot', 'jail', '/bin/true'], ['chroot', 'jail', 'x'], ['chroot', '--bogus'], ['chroot', '-x', 'jail']];

describe.skipIf(!hasTool('chroot') || process.getuid?.() !== 0)('chroot errors match coreutils', () => {
  for (const argv of CASES) {
    it(argv.join(' '), async () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerlab-chroot-'));
      try {
        mkdirSync(join(dir, 'jail'));
        writeFileSync(join(dir, 'a.txt'), 'x');
        const want = runReal(argv, { cwd: dir });
        const tm = createTestMachine();
        for (const d of ['/root/w', '/root/w/jail']) {
          try {
            tm.fs.mkdir(d, 0o755);
          } catch {
            // exists
          }
        }
        tm.fs.writeFile('/root/w/a.txt', enc.encode('x'), { mode: 0o644 });
        const got = await runCommand(tm, argv, { cwd: '/root/w', user: 'root' });
        expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('chroot runs the command inside the new root', () => {
  /** A machine with /jail holding a copy of the machine's /bin and /usr/bin (its programs) and its own files. */
  async function jail() {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['sh', '-c', 'mkdir -p /jail/etc /jail/usr && cp -a /bin /jail/bin 2>/dev/null; cp -a /usr/bin /jail/usr/bin 2>/dev/null; echo inside > /jail/etc/where; echo outside > /etc/where; ln -s /etc/where /jail/abs'], { user: 'root' });
    expect(r.status).toBe(0);
    return tm;
  }
  it('paths, .. and absolute symlinks stay inside', async () => {
    const tm = await jail();
    const got = await runCommand(tm, ['chroot', '/jail', 'sh', '-c', 'cat /etc/where /../../etc/where /abs; pwd; ls /'], { user: 'root' });
    expect(got.stderr).toBe('');
    expect(got.stdout).toBe('inside\ninside\ninside\n/\nabs\nbin\netc\nusr\n');
    expect(got.status).toBe(0);
  });
  it('files written inside land under the new root', async () => {
    const tm = await jail();
    const got = await runCommand(tm, ['chroot', '/jail', 'sh', '-c', 'echo hi > /new; exit 3'], { user: 'root' });
    expect(got.status).toBe(3);
    expect(dec.decode(tm.fs.readFile('/jail/new'))).toBe('hi\n');
  });
  it('a program missing inside: failed to run command, 127', async () => {
    const tm = createTestMachine();
    await runCommand(tm, ['mkdir', '/empty'], { user: 'root' });
    const got = await runCommand(tm, ['chroot', '/empty', 'ls'], { user: 'root' });
    expect(got).toMatchObject({ stderr: 'chroot: failed to run command ‘ls’: No such file or directory\n', status: 127 });
  });
  it('BusyBox words it its own way', async () => {
    const tm = createTestMachine();
    expect(await runCommand(tm, ['chroot', 'nodir'], { user: 'root', cwd: '/tmp', flavor: 'busybox' })).toMatchObject({ stderr: "chroot: can't change root directory to 'nodir': No such file or directory\n", status: 1 });
    expect(await runCommand(tm, ['chroot', '/tmp', 'x'], { user: 'root', flavor: 'busybox' })).toMatchObject({ stderr: "chroot: can't execute 'x': No such file or directory\n", status: 127 });
  });
  it('only root may', async () => {
    const tm = createTestMachine();
    const got = await runCommand(tm, ['chroot', '/tmp', 'true']);
    expect(got).toMatchObject({ stderr: "chroot: cannot change root directory to '/tmp': Operation not permitted\n", status: 125 });
  });
  it('ChrootFs: realpath and readlink are seen from inside', () => {
    const fs = new MemFs();
    fs.mkdir('/j');
    fs.mkdir('/j/d');
    fs.symlink('/d', '/j/l');
    const view = new ChrootFs(fs, '/j');
    expect(view.realpath('/l')).toBe('/d');
    expect(view.readlink('/l')).toBe('/d');
    expect(view.stat('/l').type).toBe('dir');
    expect(view.lstat('/l').type).toBe('symlink');
    expect(() => view.stat('/nope')).toThrow(/ENOENT/);
  });
});
