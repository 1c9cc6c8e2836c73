import { describe, expect, it } from 'vitest';
import { syntheticContent, textContent } from './Content';
import { initLayer } from './initLayer';
import { LayerBuilder, layerFromEntries, type LayerTree, type TarLikeEntry } from './LayerTree';
import { MemFs } from './MemFs';
import { mergeLayers } from './MergedTree';
import { layerFromMemNode } from './diff';
import { OverlayFs } from './OverlayFs';
import { snapshot } from './testing/snapshot';
import { type Cred, type FsClient, type FsErrorCode, isFsError } from './Types';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const ALICE: Cred = { uid: 1000, gid: 1000, groups: [1000] };

function code(f: () => unknown): FsErrorCode | 'ok' {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
}

const T0 = 1_700_000_000_000;

/** A small Debian-ish base layer. */
function baseLayer(): LayerTree {
  const fs = MemFs.fromEntries(
    [
      { path: '/bin', type: 'dir', mtimeMs: T0 },
      { path: '/bin/bash', type: 'file', content: syntheticContent(1_200_000, 1), mode: 0o755, mtimeMs: T0 },
      { path: '/bin/sh', type: 'symlink', target: 'bash', mtimeMs: T0 },
      { path: '/etc', type: 'dir', mtimeMs: T0 },
      { path: '/etc/legal', type: 'file', content: 'legal\n', mtimeMs: T0 },
      { path: '/etc/passwd', type: 'file', content: 'root:x:0:0\n', mtimeMs: T0 },
      { path: '/etc/hosts', type: 'file', content: '127.0.0.1 localhost\n', mtimeMs: T0 },
      { path: '/data', type: 'dir', mtimeMs: T0 },
      { path: '/data/a', type: 'file', content: 'a', mtimeMs: T0 },
      { path: '/data/sub', type: 'dir', mtimeMs: T0 },
      { path: '/data/sub/b', type: 'file', content: 'b', mtimeMs: T0 },
      { path: '/tmp', type: 'dir', mode: 0o1777, mtimeMs: T0 },
      { path: '/home/user', type: 'dir', uid: 1000, gid: 1000, mtimeMs: T0 },
      { path: '/home', type: 'dir', mtimeMs: T0 },
      { path: '/usr/bin/perl', type: 'file', content: 'perl', mode: 0o755, mtimeMs: T0 },
      { path: '/usr/bin/perl5', type: 'hardlink', target: '/usr/bin/perl' },
      { path: '/usr', type: 'dir', mtimeMs: T0 },
      { path: '/usr/bin', type: 'dir', mtimeMs: T0 },
    ],
    { now: () => T0 },
  );
  return layerFromMemNode(fs.rootNode);
}

function container(layers: LayerTree[] = [baseLayer()], options: { init?: boolean; start?: number } = {}) {
  let t = options.start ?? T0 + 60_000;
  const clock = { now: () => t, tick: (ms = 1000) => (t += ms) };
  const image = mergeLayers(layers);
  const fs = new OverlayFs({ image, init: options.init ? initLayer(image, T0) : undefined, now: clock.now });
  return { fs, clock, image };
}

describe('OverlayFs reads', () => {
  it('shows the merged layers and does not copy on read', () => {
    const { fs } = container();
    expect(dec(fs.readFile('/etc/passwd'))).toBe('root:x:0:0\n');
    expect(fs.stat('/bin/sh').size).toBe(1_200_000);
    expect(fs.readdir('/')).toEqual(['bin', 'data', 'etc', 'home', 'tmp', 'usr']);
    expect(fs.stat('/usr/bin/perl').ino).toBe(fs.stat('/usr/bin/perl5').ino);
    expect(fs.stat('/usr/bin/perl').nlink).toBe(2);
    expect(fs.stat('/data')).toMatchObject({ nlink: 3, size: 4096 });
    fs.readFile('/bin/bash');
    fs.readdir('/data/sub');
    expect(fs.upper.children!.size).toBe(0);
    expect(fs.diff()).toEqual([]);
  });

  it('applies whiteouts and opaque directories of later layers', () => {
    const top: TarLikeEntry[] = [
      { path: 'etc', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: T0 },
      { path: 'etc/.wh.legal', type: 'file', mode: 0o600, uid: 0, gid: 0, mtimeMs: T0 },
      { path: 'data', type: 'dir', mode: 0o700, uid: 0, gid: 0, mtimeMs: T0 },
      { path: 'data/.wh..wh..opq', type: 'file', mode: 0o700, uid: 0, gid: 0, mtimeMs: T0 },
      { path: 'data/new', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: T0, content: textContent('n') },
    ];
    const { fs, image } = container([baseLayer(), layerFromEntries(top)]);
    expect(code(() => fs.stat('/etc/legal'))).toBe('ENOENT');
    expect(fs.readdir('/etc')).toEqual(['hosts', 'passwd']);
    expect(fs.readdir('/data')).toEqual(['new']);
    expect(fs.stat('/data').mode).toBe(0o700);
    expect(image.layerOf('/data/new')).toBe(1);
    expect(image.layerOf('/etc/passwd')).toBe(0);
    expect(image.layerOf('/data')).toBe(1);
    expect(fs.originOf('/etc/passwd')).toBe(0);
  });
});

describe('OverlayFs copy-up', () => {
  it('copies a lower file up on write and leaves the image untouched', () => {
    const { fs, image } = container();
    fs.writeFile('/etc/passwd', enc('changed\n'), { append: true });
    expect(dec(fs.readFile('/etc/passwd'))).toBe('root:x:0:0\nchanged\n');
    expect(fs.originOf('/etc/passwd')).toBe('upper');
    const other = new OverlayFs({ image });
    expect(dec(other.readFile('/etc/passwd'))).toBe('root:x:0:0\n');
    expect(fs.diff()).toEqual([
      { kind: 'C', path: '/etc' },
      { kind: 'C', path: '/etc/passwd' },
    ]);
  });

  it('copies up parents with their metadata, keeping the parent mtime', () => {
    const { fs } = container();
    fs.chmod('/data/sub/b', 0o600);
    expect(fs.stat('/data/sub').mtimeMs).toBe(T0);
    expect(fs.stat('/data').mtimeMs).toBe(T0);
    expect(fs.stat('/data/sub/b')).toMatchObject({ mode: 0o600, mtimeMs: T0 });
    expect(fs.readdir('/data/sub')).toEqual(['b']);
    expect(fs.readdir('/data')).toEqual(['a', 'sub']); // merged: the lower `a` still shows
    expect(fs.diff()).toEqual([
      { kind: 'C', path: '/data' },
      { kind: 'C', path: '/data/sub' },
      { kind: 'C', path: '/data/sub/b' },
    ]);
  });

  it('does not report a copy-up that changed nothing', () => {
    const { fs } = container();
    fs.chmod('/etc/passwd', 0o644);
    fs.chown('/etc/passwd', 0, 0);
    expect(fs.originOf('/etc/passwd')).toBe('upper');
    expect(fs.diff()).toEqual([]);
    fs.utimes('/etc/passwd', T0 + 5000);
    expect(fs.diff()).toEqual([
      { kind: 'C', path: '/etc' },
      { kind: 'C', path: '/etc/passwd' },
    ]);
  });

  it('keeps big synthetic files synthetic through copy-up', () => {
    const { fs } = container();
    fs.chmod('/bin/bash', 0o700);
    expect(fs.readContent('/bin/bash').isSynthetic).toBe(true);
    fs.truncate('/bin/bash', 1_000_000);
    expect(fs.stat('/bin/bash').size).toBe(1_000_000);
    expect(fs.readContent('/bin/bash').isSynthetic).toBe(true);
  });

  it('breaks hard links on copy-up and gives the copy its own inode', () => {
    const { fs } = container();
    fs.writeFile('/usr/bin/perl', enc('new perl'));
    expect(dec(fs.readFile('/usr/bin/perl5'))).toBe('perl');
    expect(fs.stat('/usr/bin/perl').ino).not.toBe(fs.stat('/usr/bin/perl5').ino);
    expect(fs.stat('/usr/bin/perl').nlink).toBe(1);
  });
});

describe('OverlayFs deletes, whiteouts and opaque dirs', () => {
  it('reproduces the docker.md diff example', () => {
    const { fs } = container();
    fs.mkdir('/app', 0o755);
    fs.mkdir('/app/src', 0o755);
    fs.writeFile('/app/src/x', enc(''));
    fs.unlink('/etc/legal');
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['A /app', 'A /app/src', 'A /app/src/x', 'C /etc', 'D /etc/legal']);
    const entries = fs.commit().toEntries().map((e) => e.path);
    expect(entries).toEqual(['app', 'app/src', 'app/src/x', 'etc', 'etc/.wh.legal']);
  });

  it('reports deletions after surviving children and a deleted directory once', () => {
    const { fs } = container();
    fs.unlink('/data/sub/b');
    fs.rmdir('/data/sub');
    fs.writeFile('/data/z', enc('z'));
    fs.writeFile('/data/a', enc('A'));
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['C /data', 'C /data/a', 'A /data/z', 'D /data/sub']);
  });

  it('makes a re-created directory opaque', () => {
    const { fs } = container();
    for (const n of ['/data/sub/b', '/data/a']) fs.unlink(n);
    fs.rmdir('/data/sub');
    fs.rmdir('/data');
    fs.mkdir('/data', 0o755);
    fs.writeFile('/data/new', enc('new'));
    expect(fs.readdir('/data')).toEqual(['new']);
    expect(fs.upper.children!.get('data')!.opaque).toBe(true);
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['C /data', 'A /data/new', 'D /data/a', 'D /data/sub']);
    const layer = fs.commit();
    expect(layer.toEntries().map((e) => e.path)).toEqual(['data', 'data/.wh..wh..opq', 'data/new']);
    // Committing and remounting shows the same tree.
    const next = new OverlayFs({ image: fs.image.append(layer) });
    expect(snapshot(next)).toEqual(snapshot(fs));
  });

  it('renames lower files and directories (copy-up + whiteout)', () => {
    const { fs } = container();
    fs.rename('/etc/legal', '/etc/legal.bak');
    fs.rename('/data', '/moved');
    expect(fs.readdir('/moved')).toEqual(['a', 'sub']);
    expect(dec(fs.readFile('/moved/sub/b'))).toBe('b');
    expect(code(() => fs.stat('/data'))).toBe('ENOENT');
    expect(dec(fs.readFile('/etc/legal.bak'))).toBe('legal\n');
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual([
      'C /etc',
      'A /etc/legal.bak',
      'D /etc/legal',
      'A /moved',
      'A /moved/a',
      'A /moved/sub',
      'A /moved/sub/b',
      'D /data',
    ]);
    // Moving it back over its own whiteout needs an opaque directory, and shows the same contents.
    fs.rename('/moved', '/data');
    expect(fs.readdir('/data')).toEqual(['a', 'sub']);
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['C /etc', 'A /etc/legal.bak', 'D /etc/legal']);
  });

  it('a directory renamed over an emptied lower directory is opaque', () => {
    const { fs } = container();
    fs.unlink('/data/a');
    fs.unlink('/data/sub/b');
    fs.rmdir('/data/sub');
    fs.mkdir('/fresh');
    fs.rename('/fresh', '/data');
    expect(fs.readdir('/data')).toEqual([]);
    expect(fs.upper.children!.get('data')!.opaque).toBe(true);
    const next = new OverlayFs({ image: fs.image.append(fs.commit()) });
    expect(next.readdir('/data')).toEqual([]);
  });

  it('links to lower files by copying them up', () => {
    const { fs } = container();
    fs.link('/etc/passwd', '/etc/passwd.link');
    expect(fs.stat('/etc/passwd').nlink).toBe(2);
    fs.writeFile('/etc/passwd.link', enc('x'));
    expect(dec(fs.readFile('/etc/passwd'))).toBe('x');
    const layer = fs.commit();
    const members = layer.toEntries().filter((e) => e.path.startsWith('etc/'));
    expect(members.map((e) => [e.path, e.type, e.linkTarget])).toEqual([
      ['etc/passwd', 'file', undefined],
      ['etc/passwd.link', 'hardlink', 'etc/passwd'],
    ]);
  });

  it('recreating a deleted file is a change, not an add', () => {
    const { fs, clock } = container();
    fs.unlink('/etc/hosts');
    clock.tick();
    fs.writeFile('/etc/hosts', enc('127.0.0.1 localhost\n'), { mode: 0o644 });
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['C /etc', 'C /etc/hosts']);
  });
});

describe('OverlayFs init layer and permissions', () => {
  it('has the init layer entries, invisible to diff and commit', () => {
    const { fs } = container(undefined, { init: true });
    expect(fs.stat('/.dockerenv')).toMatchObject({ type: 'file', mode: 0o755, size: 0 });
    expect(fs.readlink('/etc/mtab')).toBe('/proc/mounts');
    for (const d of ['/dev/pts', '/dev/shm', '/proc', '/sys']) expect(fs.stat(d).type).toBe('dir');
    expect(fs.stat('/dev/console').type).toBe('file');
    // The image's own /etc/hosts is kept (Docker only creates what is missing).
    expect(dec(fs.readFile('/etc/hosts'))).toBe('127.0.0.1 localhost\n');
    expect(fs.stat('/etc').mtimeMs).toBe(T0);
    expect(fs.diff()).toEqual([]);
    expect(fs.commit().isEmpty).toBe(true);
    fs.writeFile('/etc/resolv.conf', enc('nameserver 1.1.1.1\n'));
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['C /etc', 'C /etc/resolv.conf']);
  });

  it('checks permissions with the shared rules', () => {
    const { fs } = container();
    const alice = fs.withCred(ALICE);
    expect(code(() => alice.writeFile('/etc/x', enc('')))).toBe('EACCES');
    expect(code(() => alice.unlink('/etc/passwd'))).toBe('EACCES');
    expect(code(() => alice.writeFile('/home/user/x', enc('')))).toBe('ok');
    fs.writeFile('/tmp/roots', enc(''));
    expect(code(() => alice.unlink('/tmp/roots'))).toBe('EPERM');
    expect(code(() => alice.chmod('/etc/passwd', 0o777))).toBe('EPERM');
    expect(fs.diff().map((c) => `${c.kind} ${c.path}`)).toEqual(['C /home', 'C /home/user', 'A /home/user/x', 'C /tmp', 'A /tmp/roots']);
  });

  it('starts in O(1): many containers share one merged image', () => {
    const { image } = container();
    const containers = Array.from({ length: 1000 }, () => new OverlayFs({ image }));
    expect(containers.every((c) => c.lower === image && c.upper.children!.size === 0)).toBe(true);
    containers[0]!.writeFile('/tmp/x', enc('only here'));
    expect(code(() => containers[1]!.stat('/tmp/x'))).toBe('ENOENT');
  });

  it('resolves paths in a 100-layer image', () => {
    const layers = [baseLayer()];
    for (let i = 0; i < 99; i++) {
      const b = new LayerBuilder();
      b.add(`/layer${i}`, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: T0, content: textContent(String(i)) });
      if (i % 10 === 0) b.whiteout(`/layer${i - 5}`);
      layers.push(b.freeze());
    }
    const { fs, image } = container(layers);
    expect(dec(fs.readFile('/layer98'))).toBe('98');
    expect(code(() => fs.stat('/layer5'))).toBe('ENOENT');
    expect(fs.stat('/layer6').ino).not.toBe(fs.stat('/layer7').ino);
    expect(image.layerOf('/layer42')).toBe(43);
    expect(mergeLayers(layers)).toBe(image); // memoised
  });
});

/** The same behaviour on both backends (isomorphic-git style: one body, several filesystems). */
const backends: [string, () => FsClient][] = [
  ['MemFs', () => MemFs.fromEntries([{ path: '/tmp', type: 'dir', mode: 0o1777 }], { now: () => T0 })],
  ['OverlayFs', () => container([layerFromMemNode(MemFs.fromEntries([{ path: '/tmp', type: 'dir', mode: 0o1777 }], { now: () => T0 }).rootNode)], { start: T0 }).fs],
];
for (const [name, make] of backends) {
  describe(`common behaviour on ${name}`, () => {
    it('mkdir -p, write, rename, rmdir', () => {
      const fs = make();
      fs.mkdir('/tmp/a');
      fs.mkdir('/tmp/a/b');
      fs.writeFile('/tmp/a/b/f', enc('x'));
      fs.rename('/tmp/a', '/tmp/c');
      expect(fs.readdir('/tmp/c/b')).toEqual(['f']);
      expect(code(() => fs.rmdir('/tmp/c'))).toBe('ENOTEMPTY');
      fs.unlink('/tmp/c/b/f');
      fs.rmdir('/tmp/c/b');
      fs.rmdir('/tmp/c');
      expect(fs.readdir('/tmp')).toEqual([]);
    });
    it('symlinks and ELOOP', () => {
      const fs = make();
      fs.symlink('/tmp/loop', '/tmp/loop');
      fs.symlink('../tmp', '/tmp/up');
      expect(code(() => fs.stat('/tmp/loop'))).toBe('ELOOP');
      expect(fs.realpath('/tmp/up/up/up')).toBe('/tmp');
    });
  });
}
