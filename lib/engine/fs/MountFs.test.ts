import { describe, expect, it } from 'vitest';
import { layerFromMemNode } from './diff';
import { MemFs } from './MemFs';
import { mergeLayers } from './MergedTree';
import { ClientStore, MountFs } from './MountFs';
import { OverlayFs } from './OverlayFs';
import { type Cred, type FsClient, type FsErrorCode, isFsError, ROOT } from './Types';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const ALICE: Cred = { uid: 1000, gid: 1000, groups: [1000] };
const T0 = 1_700_000_000_000;

function code(f: () => unknown): FsErrorCode | 'ok' {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
}

function setup() {
  const image = mergeLayers([
    layerFromMemNode(
      MemFs.fromEntries(
        [
          { path: '/etc/hosts', type: 'file', content: 'image hosts\n' },
          { path: '/data', type: 'dir' },
          { path: '/srv', type: 'dir' },
          { path: '/tmp', type: 'dir', mode: 0o1777 },
          { path: '/link-to-data', type: 'symlink', target: '/data' },
        ],
        { now: () => T0 },
      ).rootNode,
    ),
  ]);
  const container = new OverlayFs({ image, now: () => T0 + 1 });
  const host = MemFs.fromEntries(
    [
      { path: '/home/user/src/app.js', type: 'file', content: 'console.log(1)\n', uid: 1000, gid: 1000 },
      { path: '/home/user/src', type: 'dir', uid: 1000, gid: 1000 },
      { path: '/home/user/src/abs', type: 'symlink', target: '/etc/hosts' },
      { path: '/var/lib/docker/containers/c1/hosts', type: 'file', content: '127.0.0.1 localhost\n' },
    ],
    { now: () => T0 + 2 },
  );
  const volume = new MemFs({ now: () => T0 + 3 });
  const fs = new MountFs(container, [
    { target: '/app', fs: host, source: '/home/user/src' },
    { target: '/data', fs: volume },
    { target: '/etc/hosts', fs: host, source: '/var/lib/docker/containers/c1/hosts' },
    { target: '/ro', fs: host, source: '/home/user', readOnly: true },
  ]);
  return { fs, container, host, volume };
}

describe('MountFs', () => {
  it('shows mounted trees at their mount points, including file bind mounts', () => {
    const { fs, container } = setup();
    expect(fs.readdir('/app')).toEqual(['abs', 'app.js']);
    expect(dec(fs.readFile('/app/app.js'))).toBe('console.log(1)\n');
    expect(dec(fs.readFile('/etc/hosts'))).toBe('127.0.0.1 localhost\n');
    expect(dec(container.readFile('/etc/hosts'))).toBe('image hosts\n');
    expect(fs.readdir('/')).toEqual(['app', 'data', 'etc', 'link-to-data', 'ro', 'srv', 'tmp']);
    expect(code(() => container.stat('/app'))).toBe('ENOENT'); // the mount point need not exist below
    expect(fs.stat('/app').uid).toBe(1000);
  });

  it('resolves symlinks in the combined namespace and .. across mount roots', () => {
    const { fs } = setup();
    expect(dec(fs.readFile('/app/abs'))).toBe('127.0.0.1 localhost\n'); // /etc/hosts of the container view
    fs.writeFile('/link-to-data/x', enc('via link'));
    expect(dec(fs.readFile('/data/x'))).toBe('via link');
    expect(fs.realpath('/app/..')).toBe('/');
    expect(fs.readdir('/app/../srv')).toEqual([]);
    expect(fs.realpath('/link-to-data/x')).toBe('/data/x');
  });

  it('writes go to the mounted filesystem, not the container layer', () => {
    const { fs, container, host, volume } = setup();
    fs.writeFile('/data/db', enc('rows'));
    fs.writeFile('/app/new.js', enc('x'));
    fs.writeFile('/etc/hosts', enc('10.0.0.1 db\n'), { append: true });
    expect(dec(volume.readFile('/db'))).toBe('rows');
    expect(dec(host.readFile('/home/user/src/new.js'))).toBe('x');
    expect(dec(host.readFile('/var/lib/docker/containers/c1/hosts'))).toBe('127.0.0.1 localhost\n10.0.0.1 db\n');
    expect(container.diff()).toEqual([]);
  });

  it('fails writes under read-only mounts with EROFS, before permission checks', () => {
    const { fs } = setup();
    const alice = fs.withCred(ALICE);
    expect(dec(fs.readFile('/ro/src/app.js'))).toBe('console.log(1)\n');
    expect(code(() => fs.writeFile('/ro/src/app.js', enc('')))).toBe('EROFS');
    expect(code(() => fs.writeFile('/ro/new', enc('')))).toBe('EROFS');
    expect(code(() => fs.mkdir('/ro/d'))).toBe('EROFS');
    expect(code(() => fs.unlink('/ro/src/app.js'))).toBe('EROFS');
    expect(code(() => fs.chmod('/ro/src', 0o700))).toBe('EROFS');
    expect(code(() => fs.access('/ro/src/app.js', 2))).toBe('EROFS');
    expect(code(() => fs.access('/ro/src/app.js', 4))).toBe('ok');
    expect(code(() => alice.truncate('/ro/src/app.js', 0))).toBe('EROFS');
    expect(code(() => fs.mkdir('/ro/src'))).toBe('EEXIST');
  });

  it('gives EXDEV across mounts and EBUSY on mount points', () => {
    const { fs } = setup();
    fs.writeFile('/tmp/f', enc('f'));
    expect(code(() => fs.rename('/tmp/f', '/data/f'))).toBe('EXDEV');
    expect(code(() => fs.link('/tmp/f', '/data/f'))).toBe('EXDEV');
    expect(code(() => fs.rename('/app/app.js', '/tmp/app.js'))).toBe('EXDEV');
    expect(code(() => fs.rmdir('/data'))).toBe('EBUSY');
    expect(code(() => fs.unlink('/etc/hosts'))).toBe('EBUSY');
    expect(code(() => fs.rename('/app', '/app2'))).toBe('EBUSY'); // both parents are on the root fs
    fs.writeFile('/data/a', enc('a'));
    fs.rename('/data/a', '/data/b');
    expect(fs.readdir('/data')).toEqual(['b']);
    expect(fs.stat('/data/b').ino).not.toBe(fs.stat('/tmp/f').ino);
  });

  it('checks permissions with the view credentials against mounted owners', () => {
    const { fs } = setup();
    const alice = fs.withCred(ALICE);
    expect(code(() => alice.writeFile('/app/mine.js', enc('')))).toBe('ok'); // the host dir belongs to uid 1000
    expect(code(() => alice.writeFile('/data/x', enc('')))).toBe('EACCES'); // the volume root is root's 0755
    expect(fs.stat('/app/mine.js').uid).toBe(1000);
    expect(alice.cred).toEqual(ALICE);
    expect(alice.withCred(ROOT).cred.uid).toBe(0);
  });

  it('mounts and unmounts at run time', () => {
    const { fs, volume } = setup();
    volume.writeFile('/v', enc(''));
    fs.mount({ target: '/srv/v', fs: volume });
    expect(fs.readdir('/srv')).toEqual(['v']);
    expect(fs.readdir('/srv/v')).toEqual(['v']);
    expect(code(() => fs.mount({ target: '/srv/v', fs: volume }))).toBe('EBUSY');
    expect(code(() => fs.rmdir('/srv'))).toBe('ENOTEMPTY');
    fs.unmount('/srv/v');
    expect(fs.readdir('/srv')).toEqual([]);
    expect(fs.mounts.map((m) => m.target)).toEqual(['/app', '/data', '/etc/hosts', '/ro']);
  });

  it('mounts any FsClient through the client adapter', () => {
    const backing = new MemFs({ now: () => T0 });
    // Hide the TreeFs type so MountFs takes the adapter path, as it does for the CLI's real-directory client.
    const opaque: FsClient = {
      get cred() {
        return backing.cred;
      },
      withCred: (c) => backing.withCred(c),
      stat: (p) => backing.stat(p),
      lstat: (p) => backing.lstat(p),
      readFile: (p) => backing.readFile(p),
      readRange: (p, o, l) => backing.readRange(p, o, l),
      writeFile: (p, d, o) => backing.writeFile(p, d, o),
      readdir: (p) => backing.readdir(p),
      mkdir: (p, m) => backing.mkdir(p, m),
      rmdir: (p) => backing.rmdir(p),
      unlink: (p) => backing.unlink(p),
      rename: (a, b) => backing.rename(a, b),
      symlink: (t, p) => backing.symlink(t, p),
      readlink: (p) => backing.readlink(p),
      link: (a, b) => backing.link(a, b),
      chmod: (p, m) => backing.chmod(p, m),
      chown: (p, u, g, n) => backing.chown(p, u, g, n),
      utimes: (p, t) => backing.utimes(p, t),
      truncate: (p, l) => backing.truncate(p, l),
      mknod: (p, t, m, r) => backing.mknod(p, t, m, r),
      realpath: (p) => backing.realpath(p),
      access: (p, m) => backing.access(p, m),
    };
    expect(new ClientStore(opaque).root()).toBe('/');
    const { fs } = setup();
    fs.mount({ target: '/srv/ext', fs: opaque });
    const alice = fs.withCred(ALICE);
    fs.chmod('/srv/ext', 0o777);
    alice.mkdir('/srv/ext/d', 0o750);
    alice.writeFile('/srv/ext/d/f', enc('hi'), { mode: 0o640 });
    expect(backing.stat('/d')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o750 });
    expect(backing.stat('/d/f')).toMatchObject({ uid: 1000, mode: 0o640 });
    fs.rename('/srv/ext/d/f', '/srv/ext/g');
    expect(dec(fs.readFile('/srv/ext/g'))).toBe('hi');
    fs.unlink('/srv/ext/g');
    fs.rmdir('/srv/ext/d');
    expect(backing.readdir('/')).toEqual([]);
  });
});
