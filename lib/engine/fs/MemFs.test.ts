import { describe, expect, it } from 'vitest';
import { contentSize, syntheticContent, textContent } from './Content';
import { executableHeader, programOf } from './executable';
import { MemFs } from './MemFs';
import { type Cred, type FsClient, type FsErrorCode, isFsError, ROOT } from './Types';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const ALICE: Cred = { uid: 1000, gid: 1000, groups: [1000, 27] };
const BOB: Cred = { uid: 1001, gid: 1001, groups: [1001] };

function code(f: () => unknown): FsErrorCode | 'ok' {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
}

function makeFs(start = 1_000_000) {
  let t = start;
  const clock = { now: () => t, set: (v: number) => (t = v) };
  const fs = new MemFs({ now: clock.now });
  return { fs, clock };
}

/** A small tree: /tmp (1777), /home/alice (alice, 0755), /etc/passwd, /root (0700). */
function hostLike() {
  const { fs, clock } = makeFs();
  fs.mkdir('/tmp');
  fs.chmod('/tmp', 0o1777);
  fs.mkdir('/home', 0o755);
  fs.mkdir('/home/alice', 0o755);
  fs.chown('/home/alice', 1000, 1000);
  fs.mkdir('/etc', 0o755);
  fs.writeFile('/etc/passwd', enc('root:x:0:0::/root:/bin/sh\n'), { mode: 0o644 });
  fs.mkdir('/root', 0o700);
  fs.writeFile('/root/secret', enc('s'), { mode: 0o600 });
  return { fs, clock, alice: fs.withCred(ALICE), bob: fs.withCred(BOB) };
}

describe('MemFs basics', () => {
  it('creates, reads, appends, truncates files', () => {
    const { fs } = makeFs();
    fs.writeFile('/a', enc('hello'));
    expect(dec(fs.readFile('/a'))).toBe('hello');
    fs.writeFile('/a', enc(' world'), { append: true });
    expect(dec(fs.readFile('/a'))).toBe('hello world');
    expect(dec(fs.readRange('/a', 6, 100))).toBe('world');
    expect(fs.readRange('/a', 100, 5).length).toBe(0);
    fs.truncate('/a', 4);
    expect(dec(fs.readFile('/a'))).toBe('hell');
    fs.truncate('/a', 6);
    expect([...fs.readFile('/a')]).toEqual([...enc('hell'), 0, 0]);
    fs.writeFile('/a', enc('x'));
    expect(dec(fs.readFile('/a'))).toBe('x');
    expect(fs.stat('/a').size).toBe(1);
  });

  it('copies written data (callers may reuse buffers) and returns fresh arrays', () => {
    const { fs } = makeFs();
    const buf = enc('abc');
    fs.writeFile('/f', buf);
    buf[0] = 0x7a;
    const out = fs.readFile('/f');
    out[1] = 0x7a;
    expect(dec(fs.readFile('/f'))).toBe('abc');
  });

  it('appends many small chunks and keeps earlier readers consistent', () => {
    const { fs } = makeFs();
    fs.writeFile('/log', new Uint8Array(0));
    let expected = '';
    for (let i = 0; i < 2000; i++) {
      fs.writeFile('/log', enc(`${i}\n`), { append: true });
      expected += `${i}\n`;
    }
    expect(dec(fs.readFile('/log'))).toBe(expected);
    const before = fs.readContent('/log');
    fs.truncate('/log', 3);
    fs.writeFile('/log', enc('XYZ'), { append: true });
    expect(dec(before.bytes())).toBe(expected);
    expect(dec(fs.readFile('/log'))).toBe('0\n1XYZ');
  });

  it('lists directories sorted, without . and ..', () => {
    const { fs } = makeFs();
    fs.mkdir('/d');
    for (const n of ['b', 'a', 'C', '_x']) fs.writeFile(`/d/${n}`, enc(''));
    expect(fs.readdir('/d')).toEqual(['C', '_x', 'a', 'b']);
    expect(fs.readdir('/')).toEqual(['d']);
  });

  it('reports stat fields like ext4', () => {
    const { fs } = makeFs();
    fs.mkdir('/d', 0o750);
    fs.mkdir('/d/sub');
    fs.symlink('target/path', '/d/l');
    const d = fs.stat('/d');
    expect(d).toMatchObject({ type: 'dir', mode: 0o750, size: 4096, uid: 0, gid: 0, nlink: 3, rdev: 0 });
    expect(fs.lstat('/d/l')).toMatchObject({ type: 'symlink', size: 11, mode: 0o777 });
    expect(fs.stat('/').ino).toBe(2);
    expect(fs.stat('/').nlink).toBe(3);
  });

  it('uses requested modes as given (the caller applies umask)', () => {
    const { fs } = makeFs();
    fs.mkdir('/d');
    fs.writeFile('/f', enc(''));
    fs.writeFile('/g', enc(''), { mode: 0o4755 });
    fs.mkdir('/s', 0o7777);
    expect(fs.stat('/d').mode).toBe(0o777);
    expect(fs.stat('/f').mode).toBe(0o666);
    expect(fs.stat('/g').mode).toBe(0o4755);
    expect(fs.stat('/s').mode).toBe(0o1777); // mkdir keeps sticky but not setuid/setgid
    fs.writeFile('/f', enc('x'), { mode: 0o600 });
    expect(fs.stat('/f').mode).toBe(0o666); // mode only applies on creation
  });

  it('O_EXCL fails on existing files and on symlinks', () => {
    const { fs } = makeFs();
    fs.writeFile('/f', enc(''));
    fs.symlink('/nowhere', '/l');
    expect(code(() => fs.writeFile('/f', enc('x'), { exclusive: true }))).toBe('EEXIST');
    expect(code(() => fs.writeFile('/l', enc('x'), { exclusive: true }))).toBe('EEXIST');
    expect(code(() => fs.writeFile('/new', enc('x'), { exclusive: true }))).toBe('ok');
  });

  it('writing through a dangling symlink creates its target', () => {
    const { fs } = makeFs();
    fs.mkdir('/d');
    fs.symlink('d/created', '/l');
    fs.writeFile('/l', enc('via link'));
    expect(dec(fs.readFile('/d/created'))).toBe('via link');
  });
});

describe('symlinks', () => {
  it('resolves relative and absolute targets, intermediate and final', () => {
    const { fs } = makeFs();
    fs.mkdir('/usr');
    fs.mkdir('/usr/bin');
    fs.writeFile('/usr/bin/ls', enc('LS'));
    fs.symlink('usr/bin', '/bin');
    fs.symlink('/usr/bin/ls', '/usr/bin/dir');
    fs.symlink('../usr/./bin/ls', '/usr/rel');
    expect(dec(fs.readFile('/bin/ls'))).toBe('LS');
    expect(dec(fs.readFile('/bin/dir'))).toBe('LS');
    expect(dec(fs.readFile('/usr/rel'))).toBe('LS');
    expect(fs.realpath('/bin/dir')).toBe('/usr/bin/ls');
    expect(fs.realpath('/bin/../bin/./')).toBe('/usr/bin');
    expect(fs.realpath('/bin/..')).toBe('/usr'); // `..` is physical: after following /bin
    expect(fs.readlink('/bin')).toBe('usr/bin');
    expect(fs.lstat('/bin').type).toBe('symlink');
    expect(fs.stat('/bin').type).toBe('dir');
    expect(fs.lstat('/bin/').type).toBe('dir'); // a trailing slash follows
    expect(fs.readdir('/bin')).toEqual(['dir', 'ls']);
  });

  it('fails with ELOOP after 40 hops but allows 40', () => {
    const { fs } = makeFs();
    fs.writeFile('/end', enc('e'));
    fs.symlink('/end', '/l0');
    for (let i = 1; i <= 40; i++) fs.symlink(`/l${i - 1}`, `/l${i}`);
    expect(dec(fs.readFile('/l39'))).toBe('e'); // 40 hops
    expect(code(() => fs.readFile('/l40'))).toBe('ELOOP'); // 41 hops
    fs.symlink('/loop', '/loop');
    expect(code(() => fs.stat('/loop'))).toBe('ELOOP');
    expect(fs.lstat('/loop').type).toBe('symlink');
  });

  it('gives ENOENT for dangling links and ENOTDIR for a trailing slash on a file', () => {
    const { fs } = makeFs();
    fs.symlink('/missing', '/dangling');
    fs.writeFile('/f', enc(''));
    fs.symlink('/f', '/lf');
    expect(code(() => fs.stat('/dangling'))).toBe('ENOENT');
    expect(code(() => fs.stat('/f/'))).toBe('ENOTDIR');
    expect(code(() => fs.stat('/lf/'))).toBe('ENOTDIR');
    expect(code(() => fs.stat('/f/x'))).toBe('ENOTDIR');
    expect(code(() => fs.readlink('/f'))).toBe('EINVAL');
    expect(code(() => fs.symlink('x', '/dangling'))).toBe('EEXIST');
    expect(code(() => fs.mkdir('/dangling'))).toBe('EEXIST');
    expect(code(() => fs.mkdir('/dangling/'))).toBe('EEXIST');
  });

  it('unlinks and renames the link itself', () => {
    const { fs } = makeFs();
    fs.mkdir('/d');
    fs.symlink('/d', '/l');
    fs.rename('/l', '/m');
    expect(fs.readlink('/m')).toBe('/d');
    expect(code(() => fs.rmdir('/m'))).toBe('ENOTDIR');
    fs.unlink('/m');
    expect(fs.stat('/d').type).toBe('dir');
  });
});

describe('hard links and special files', () => {
  it('shares the inode between names', () => {
    const { fs } = makeFs();
    fs.writeFile('/a', enc('one'));
    fs.link('/a', '/b');
    expect(fs.stat('/a').ino).toBe(fs.stat('/b').ino);
    expect(fs.stat('/a').nlink).toBe(2);
    fs.writeFile('/b', enc('two'));
    expect(dec(fs.readFile('/a'))).toBe('two');
    fs.chmod('/a', 0o600);
    expect(fs.stat('/b').mode).toBe(0o600);
    fs.unlink('/a');
    expect(fs.stat('/b').nlink).toBe(1);
    expect(dec(fs.readFile('/b'))).toBe('two');
  });

  it('refuses links to directories and over existing names', () => {
    const { fs } = makeFs();
    fs.mkdir('/d');
    fs.writeFile('/f', enc(''));
    expect(code(() => fs.link('/d', '/d2'))).toBe('EPERM');
    expect(code(() => fs.link('/f', '/d'))).toBe('EEXIST');
    expect(code(() => fs.link('/nope', '/x'))).toBe('ENOENT');
  });

  it('renaming one hard link over another is a no-op', () => {
    const { fs } = makeFs();
    fs.writeFile('/a', enc('x'));
    fs.link('/a', '/b');
    fs.rename('/a', '/b');
    expect(fs.readdir('/')).toEqual(['a', 'b']);
  });

  it('creates devices and fifos; devices need root', () => {
    const { fs } = makeFs();
    fs.mkdir('/dev');
    fs.chmod('/dev', 0o777);
    fs.mknod('/dev/null', 'chardev', 0o666, (1 << 8) | 3);
    fs.mknod('/dev/sda', 'blockdev', 0o660, (8 << 8) | 0);
    fs.mknod('/dev/fifo', 'fifo', 0o644, 0);
    expect(fs.stat('/dev/null')).toMatchObject({ type: 'chardev', rdev: 259, mode: 0o666, size: 0 });
    expect(fs.stat('/dev/sda').type).toBe('blockdev');
    expect(fs.stat('/dev/fifo')).toMatchObject({ type: 'fifo', rdev: 0 });
    const alice = fs.withCred(ALICE);
    expect(code(() => alice.mknod('/dev/x', 'chardev', 0o666, 0))).toBe('EPERM');
    expect(code(() => alice.mknod('/dev/p', 'fifo', 0o644, 0))).toBe('ok');
    expect(code(() => fs.mknod('/dev/null', 'chardev', 0o666, 0))).toBe('EEXIST');
    fs.writeFile('/dev/null', enc('discarded'));
    expect(fs.readFile('/dev/null').length).toBe(0);
  });
});

describe('errno for misuse', () => {
  it('covers the common cases', () => {
    const { fs } = makeFs();
    fs.mkdir('/d');
    fs.mkdir('/d/sub');
    fs.writeFile('/d/f', enc('x'));
    fs.mkdir('/e');
    expect(code(() => fs.stat('/nope'))).toBe('ENOENT');
    expect(code(() => fs.stat('/nope/x'))).toBe('ENOENT');
    expect(code(() => fs.writeFile('/nope/x', enc('')))).toBe('ENOENT');
    expect(code(() => fs.readFile('/d'))).toBe('EISDIR');
    expect(code(() => fs.writeFile('/d', enc('')))).toBe('EISDIR');
    expect(code(() => fs.unlink('/d'))).toBe('EISDIR');
    expect(code(() => fs.truncate('/d', 0))).toBe('EISDIR');
    expect(code(() => fs.rmdir('/d'))).toBe('ENOTEMPTY');
    expect(code(() => fs.rmdir('/d/f'))).toBe('ENOTDIR');
    expect(code(() => fs.readdir('/d/f'))).toBe('ENOTDIR');
    expect(code(() => fs.mkdir('/d'))).toBe('EEXIST');
    expect(code(() => fs.mkdir('/d/f'))).toBe('EEXIST');
    expect(code(() => fs.mkdir('/d/f/x'))).toBe('ENOTDIR');
    expect(code(() => fs.rename('/d', '/d/sub/x'))).toBe('EINVAL');
    expect(code(() => fs.rename('/d', '/d/x'))).toBe('EINVAL');
    expect(code(() => fs.rename('/e', '/d'))).toBe('ENOTEMPTY');
    expect(code(() => fs.rename('/d', '/d/f'))).toBe('EINVAL');
    expect(code(() => fs.rename('/d/f', '/e'))).toBe('EISDIR');
    expect(code(() => fs.rename('/e', '/d/f'))).toBe('ENOTDIR');
    expect(code(() => fs.rename('/nope', '/x'))).toBe('ENOENT');
    expect(code(() => fs.rename('/d/f', '/nope/x'))).toBe('ENOENT');
    expect(code(() => fs.rmdir('/'))).toBe('EBUSY');
    expect(code(() => fs.rmdir('/e/.'))).toBe('EINVAL');
    expect(code(() => fs.mkdir('/'))).toBe('EEXIST');
    expect(code(() => fs.unlink('/nope'))).toBe('ENOENT');
    expect(code(() => fs.truncate('/d/f', -1))).toBe('EINVAL');
    expect(code(() => fs.stat(''))).toBe('ENOENT');
    expect(code(() => fs.writeFile(`/${'n'.repeat(256)}`, enc('')))).toBe('ENAMETOOLONG');
    expect(code(() => fs.readRange('/d/f', -1, 1))).toBe('EINVAL');
  });

  it('renames files and directories, replacing files and empty dirs', () => {
    const { fs } = makeFs();
    fs.mkdir('/a');
    fs.writeFile('/a/f', enc('1'));
    fs.writeFile('/g', enc('2'));
    fs.rename('/g', '/a/f');
    expect(dec(fs.readFile('/a/f'))).toBe('2');
    expect(code(() => fs.stat('/g'))).toBe('ENOENT');
    fs.mkdir('/empty');
    fs.rename('/a', '/empty');
    expect(fs.readdir('/empty')).toEqual(['f']);
    expect(fs.stat('/').nlink).toBe(3);
    fs.rename('/empty', '/empty');
    expect(fs.readdir('/')).toEqual(['empty']);
  });

  it('errors carry the syscall and path', () => {
    const { fs } = makeFs();
    try {
      fs.readFile('/missing');
      expect.unreachable();
    } catch (e) {
      expect(isFsError(e, 'ENOENT')).toBe(true);
      if (isFsError(e)) expect(e.path).toBe('/missing');
    }
  });
});

describe('permissions as a non-root user', () => {
  it('needs search permission on every directory walked', () => {
    const { fs, alice } = hostLike();
    expect(code(() => alice.stat('/root/secret'))).toBe('EACCES');
    expect(code(() => alice.stat('/root'))).toBe('ok');
    expect(code(() => alice.readdir('/root'))).toBe('EACCES');
    fs.chmod('/root', 0o701);
    expect(code(() => alice.stat('/root/secret'))).toBe('ok');
    expect(code(() => alice.readFile('/root/secret'))).toBe('EACCES');
    expect(code(() => alice.readdir('/root'))).toBe('EACCES');
  });

  it('checks owner, then group, then other bits (not a union)', () => {
    const { fs, alice, bob } = hostLike();
    fs.writeFile('/tmp/f', enc('x'), { mode: 0o047 });
    fs.chown('/tmp/f', 1000, 27);
    expect(code(() => alice.readFile('/tmp/f'))).toBe('EACCES'); // owner bits 0 even though group/other allow
    expect(code(() => bob.readFile('/tmp/f'))).toBe('ok');
    fs.chown('/tmp/f', 0, 27);
    expect(code(() => alice.readFile('/tmp/f'))).toBe('ok'); // group 27 via supplementary groups
    expect(code(() => alice.writeFile('/tmp/f', enc('y')))).toBe('EACCES');
    expect(code(() => bob.writeFile('/tmp/f', enc('y')))).toBe('ok');
  });

  it('needs w+x on the parent to create, remove or rename', () => {
    const { fs, alice } = hostLike();
    expect(code(() => alice.writeFile('/etc/x', enc('')))).toBe('EACCES');
    expect(code(() => alice.mkdir('/etc/x'))).toBe('EACCES');
    expect(code(() => alice.symlink('a', '/etc/x'))).toBe('EACCES');
    expect(code(() => alice.unlink('/etc/passwd'))).toBe('EACCES');
    expect(code(() => alice.rename('/etc/passwd', '/home/alice/p'))).toBe('EACCES');
    expect(code(() => alice.writeFile('/home/alice/x', enc('')))).toBe('ok');
    expect(code(() => alice.rename('/home/alice/x', '/etc/x'))).toBe('EACCES');
    expect(code(() => alice.writeFile('/etc/passwd', enc('')))).toBe('EACCES');
    expect(code(() => alice.truncate('/etc/passwd', 0))).toBe('EACCES');
  });

  it('enforces the sticky bit on /tmp with EPERM', () => {
    const { fs, alice, bob } = hostLike();
    alice.writeFile('/tmp/mine', enc(''));
    alice.mkdir('/tmp/mydir');
    expect(code(() => bob.unlink('/tmp/mine'))).toBe('EPERM');
    expect(code(() => bob.rename('/tmp/mine', '/tmp/stolen'))).toBe('EPERM');
    expect(code(() => bob.rmdir('/tmp/mydir'))).toBe('EPERM');
    bob.writeFile('/tmp/bobs', enc(''));
    expect(code(() => bob.rename('/tmp/bobs', '/tmp/mine'))).toBe('EPERM'); // cannot replace alice's file either
    expect(code(() => alice.unlink('/tmp/mine'))).toBe('ok');
    expect(code(() => fs.unlink('/tmp/bobs'))).toBe('ok');
    // The owner of the sticky directory may delete anything in it.
    fs.mkdir('/home/alice/st', 0o1777);
    fs.chown('/home/alice/st', 1000, 1000);
    bob.writeFile('/home/alice/st/b', enc(''));
    expect(code(() => alice.unlink('/home/alice/st/b'))).toBe('ok');
  });

  it('root bypasses r/w but executes only files with an x bit', () => {
    const { fs } = hostLike();
    fs.writeFile('/tmp/noperm', enc('data'), { mode: 0o000 });
    expect(dec(fs.readFile('/tmp/noperm'))).toBe('data');
    expect(code(() => fs.access('/tmp/noperm', 4 | 2))).toBe('ok');
    expect(code(() => fs.access('/tmp/noperm', 1))).toBe('EACCES');
    fs.chmod('/tmp/noperm', 0o001);
    expect(code(() => fs.access('/tmp/noperm', 1))).toBe('ok');
    fs.mkdir('/tmp/d', 0o000);
    expect(code(() => fs.access('/tmp/d', 1))).toBe('ok');
    expect(code(() => fs.writeFile('/tmp/d/f', enc('')))).toBe('ok');
  });

  it('access(2) checks the requested bits', () => {
    const { fs, alice } = hostLike();
    fs.writeFile('/tmp/x', enc(''), { mode: 0o754 });
    fs.chown('/tmp/x', 1000, 1000);
    expect(code(() => alice.access('/tmp/x', 7))).toBe('ok');
    const bob = fs.withCred(BOB);
    expect(code(() => bob.access('/tmp/x', 4))).toBe('ok');
    expect(code(() => bob.access('/tmp/x', 1))).toBe('EACCES');
    expect(code(() => bob.access('/tmp/x', 0))).toBe('ok');
    expect(code(() => bob.access('/tmp/nope', 0))).toBe('ENOENT');
  });

  it('chmod and utimes only by owner or root; chown only by root; chgrp by owner to own groups', () => {
    const { fs, alice, bob } = hostLike();
    alice.writeFile('/tmp/a', enc(''), { mode: 0o644 });
    expect(code(() => bob.chmod('/tmp/a', 0o777))).toBe('EPERM');
    expect(code(() => bob.utimes('/tmp/a', 5))).toBe('EPERM');
    expect(code(() => alice.chmod('/tmp/a', 0o600))).toBe('ok');
    expect(code(() => alice.utimes('/tmp/a', 5))).toBe('ok');
    expect(fs.stat('/tmp/a')).toMatchObject({ mode: 0o600, mtimeMs: 5 });
    expect(code(() => alice.chown('/tmp/a', 1001, -1))).toBe('EPERM');
    expect(code(() => alice.chown('/tmp/a', -1, 27))).toBe('ok');
    expect(fs.stat('/tmp/a').gid).toBe(27);
    expect(code(() => alice.chown('/tmp/a', 1000, 1000))).toBe('ok');
    expect(code(() => alice.chown('/tmp/a', -1, 0))).toBe('EPERM');
    expect(code(() => bob.chown('/tmp/a', -1, 1001))).toBe('EPERM');
    expect(code(() => fs.chown('/tmp/a', 1001, 1001))).toBe('ok');
    expect(fs.stat('/tmp/a')).toMatchObject({ uid: 1001, gid: 1001 });
  });

  it('drops setgid on chmod when not in the group, and setuid on chown and on non-root writes', () => {
    const { fs, alice } = hostLike();
    alice.writeFile('/tmp/s', enc(''), { mode: 0o755 });
    fs.chown('/tmp/s', 1000, 0);
    alice.chmod('/tmp/s', 0o6755);
    expect(fs.stat('/tmp/s').mode).toBe(0o4755);
    fs.chmod('/tmp/s', 0o6755);
    fs.chown('/tmp/s', 1000, 1000);
    expect(fs.stat('/tmp/s').mode).toBe(0o755);
    fs.chmod('/tmp/s', 0o4755);
    alice.writeFile('/tmp/s', enc('x'));
    expect(fs.stat('/tmp/s').mode).toBe(0o755);
    fs.chmod('/tmp/s', 0o4755);
    fs.writeFile('/tmp/s', enc('y'));
    expect(fs.stat('/tmp/s').mode).toBe(0o4755);
  });

  it('protects hard links to files the user does not own (fs.protected_hardlinks)', () => {
    const { fs, alice } = hostLike();
    expect(code(() => alice.link('/etc/passwd', '/tmp/p'))).toBe('EPERM');
    fs.writeFile('/tmp/rw', enc(''), { mode: 0o666 });
    expect(code(() => alice.link('/tmp/rw', '/tmp/rw2'))).toBe('ok');
  });

  it('gives new nodes the caller as owner, or the setgid directory group', () => {
    const { fs, alice } = hostLike();
    alice.writeFile('/tmp/f', enc(''));
    expect(fs.stat('/tmp/f')).toMatchObject({ uid: 1000, gid: 1000 });
    fs.mkdir('/tmp/shared', 0o2777);
    expect(fs.stat('/tmp/shared').mode).toBe(0o777); // mkdir ignores setgid in the requested mode
    fs.chmod('/tmp/shared', 0o2777);
    fs.chown('/tmp/shared', 0, 50);
    alice.writeFile('/tmp/shared/f', enc(''));
    alice.mkdir('/tmp/shared/d', 0o755);
    expect(fs.stat('/tmp/shared/f')).toMatchObject({ uid: 1000, gid: 50 });
    expect(fs.stat('/tmp/shared/d')).toMatchObject({ gid: 50, mode: 0o2755 });
  });

  it('moving a directory to another parent needs write permission on it', () => {
    const { fs, alice } = hostLike();
    fs.mkdir('/tmp/rootdir', 0o755);
    fs.mkdir('/tmp/open', 0o777);
    fs.chmod('/tmp', 0o777);
    expect(code(() => alice.rename('/tmp/rootdir', '/tmp/open/x'))).toBe('EACCES');
    expect(code(() => alice.rename('/tmp/rootdir', '/tmp/renamed'))).toBe('ok');
  });

  it('views share one tree', () => {
    const { fs, alice } = hostLike();
    alice.writeFile('/home/alice/note', enc('n'));
    expect(dec(fs.readFile('/home/alice/note'))).toBe('n');
    expect(alice.cred).toEqual(ALICE);
    expect(alice.withCred(ROOT).cred.uid).toBe(0);
  });
});

describe('timestamps', () => {
  it('updates file and parent mtimes from the injected clock', () => {
    const { fs, clock } = makeFs(1000);
    clock.set(2000);
    fs.mkdir('/d');
    expect(fs.stat('/').mtimeMs).toBe(2000);
    expect(fs.stat('/d').mtimeMs).toBe(2000);
    clock.set(3000);
    fs.writeFile('/d/f', enc('a'));
    expect(fs.stat('/d').mtimeMs).toBe(3000);
    expect(fs.stat('/').mtimeMs).toBe(2000);
    clock.set(4000);
    fs.writeFile('/d/f', enc('b'), { append: true });
    expect(fs.stat('/d/f').mtimeMs).toBe(4000);
    expect(fs.stat('/d').mtimeMs).toBe(3000); // content changes do not touch the directory
    clock.set(5000);
    fs.chmod('/d/f', 0o600);
    expect(fs.stat('/d/f').mtimeMs).toBe(4000); // metadata changes move ctime, not mtime
    fs.utimes('/d/f', 42);
    expect(fs.stat('/d/f').mtimeMs).toBe(42);
    clock.set(6000);
    fs.mkdir('/e');
    fs.rename('/d/f', '/e/f');
    expect(fs.stat('/d').mtimeMs).toBe(6000);
    expect(fs.stat('/e').mtimeMs).toBe(6000);
    expect(fs.stat('/e/f').mtimeMs).toBe(42);
    clock.set(7000);
    fs.unlink('/e/f');
    expect(fs.stat('/e').mtimeMs).toBe(7000);
  });
});

describe('content', () => {
  it('keeps synthetic content unmaterialised and readable by range', () => {
    const { fs } = makeFs();
    fs.mkdir('/bin');
    const big = syntheticContent(80 * 1024 * 1024, 7, executableHeader('bash'));
    fs.putContent('/bin/bash', big, { mode: 0o755, mtimeMs: 1 });
    const st = fs.stat('/bin/bash');
    expect(st).toMatchObject({ size: 80 * 1024 * 1024, mode: 0o755, mtimeMs: 1, uid: 0 });
    expect(programOf(fs.readRange('/bin/bash', 0, 128))).toBe('bash');
    expect(fs.readRange('/bin/bash', 80 * 1024 * 1024 - 10, 100).length).toBe(10);
    expect(fs.readContent('/bin/bash')).toBe(big);
    expect(contentSize(fs.readContent('/bin/bash'))).toBe(80 * 1024 * 1024);
    // Appending to a big synthetic file does not materialise it.
    fs.writeFile('/bin/bash', enc('tail'), { append: true });
    const appended = fs.readContent('/bin/bash');
    expect(appended.isSynthetic).toBe(true);
    expect(dec(fs.readRange('/bin/bash', 80 * 1024 * 1024, 10))).toBe('tail');
    expect(fs.readRange('/bin/bash', 1000, 16)).toEqual(big.read(1000, 16));
  });

  it('copies content values between files without copying bytes (cp of a binary)', () => {
    const { fs } = makeFs();
    fs.putContent('/a', syntheticContent(1 << 20, 1));
    const alice = fs.withCred(ALICE);
    fs.chmod('/', 0o777);
    alice.writeContent('/b', fs.readContent('/a'), { mode: 0o644 });
    expect(fs.readContent('/b')).toBe(fs.readContent('/a'));
    expect(fs.stat('/b').uid).toBe(1000);
  });

  it('putContent replaces an existing file in place (hard links see it)', () => {
    const { fs } = makeFs();
    fs.writeFile('/a', enc('old'));
    fs.link('/a', '/b');
    fs.putContent('/a', textContent('new'), { uid: 5 });
    expect(dec(fs.readFile('/b'))).toBe('new');
    expect(fs.stat('/b').uid).toBe(5);
    expect(code(() => fs.putContent('/missing/x', textContent('')))).toBe('ENOENT');
  });
});

describe('builder', () => {
  it('builds a tree from entries with exact metadata', () => {
    const fs = MemFs.fromEntries(
      [
        { path: '/etc/os-release', type: 'file', content: 'ID=alpine\n', mtimeMs: 10 },
        { path: '/etc', type: 'dir', mode: 0o755, mtimeMs: 20 },
        { path: '/bin/busybox', type: 'file', content: syntheticContent(800_000, 3, executableHeader('busybox')), mode: 0o755 },
        { path: '/bin/sh', type: 'symlink', target: '/bin/busybox' },
        { path: '/bin/ash', type: 'hardlink', target: '/bin/busybox' },
        { path: '/dev/null', type: 'chardev', rdev: 259, mode: 0o666 },
        { path: '/home/user', type: 'dir', uid: 1000, gid: 1000, mode: 0o700 },
      ],
      { now: () => 99 },
    );
    expect(fs.stat('/etc')).toMatchObject({ mode: 0o755, mtimeMs: 20 });
    expect(fs.stat('/etc/os-release')).toMatchObject({ mtimeMs: 10, mode: 0o644, size: 10 });
    expect(fs.stat('/bin')).toMatchObject({ mode: 0o755, mtimeMs: 99 });
    expect(fs.stat('/bin/sh').ino).toBe(fs.stat('/bin/ash').ino);
    expect(fs.stat('/bin/ash').nlink).toBe(2);
    expect(fs.stat('/dev/null')).toMatchObject({ type: 'chardev', rdev: 259 });
    expect(fs.stat('/home/user')).toMatchObject({ uid: 1000, mode: 0o700 });
    const user: FsClient = fs.withCred({ uid: 1000, gid: 1000, groups: [1000] });
    expect(user.readdir('/home/user')).toEqual([]);
  });
});
