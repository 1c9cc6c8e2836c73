import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsError, ROOT } from '../lib/engine/fs/Types';
import { LEARNER_CRED } from '../lib/shell/host/users';
import { NodeDirFs } from './NodeDirFs';

let outside: string;
let dir: string;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

beforeEach(() => {
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-nodedirfs-'));
  dir = path.join(outside, 'work');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(outside, 'secret'), 'outside');
});
afterEach(() => fs.rmSync(outside, { recursive: true, force: true }));

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
  return 'ok';
}

describe('NodeDirFs', () => {
  it('reads and writes real files under the directory', () => {
    const c = new NodeDirFs(dir).withCred(LEARNER_CRED);
    c.mkdir('/src', 0o755);
    c.writeFile('/src/a.txt', enc('hello\n'), { mode: 0o644 });
    c.writeFile('/src/a.txt', enc('more\n'), { append: true });
    expect(fs.readFileSync(path.join(dir, 'src/a.txt'), 'utf8')).toBe('hello\nmore\n');
    expect(dec(c.readFile('/src/a.txt'))).toBe('hello\nmore\n');
    expect(dec(c.readRange('/src/a.txt', 6, 100))).toBe('more\n');
    expect(c.readdir('/')).toEqual(['src']);
    const st = c.stat('/src/a.txt');
    expect(st).toMatchObject({ type: 'file', mode: 0o644, size: 11, uid: 1000, gid: 1000 });
    expect(c.stat('/src').type).toBe('dir');
    c.rename('/src/a.txt', '/b.txt');
    expect(c.readdir('/')).toEqual(['b.txt', 'src']);
    c.unlink('/b.txt');
    c.rmdir('/src');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports POSIX errors', () => {
    const c = new NodeDirFs(dir).withCred(LEARNER_CRED);
    expect(code(() => c.readFile('/missing'))).toBe('ENOENT');
    c.mkdir('/d');
    expect(code(() => c.mkdir('/d'))).toBe('EEXIST');
    expect(code(() => c.readFile('/d'))).toBe('EISDIR');
    c.writeFile('/d/f', enc('x'));
    expect(code(() => c.rmdir('/d'))).toBe('ENOTEMPTY');
    expect(code(() => c.readdir('/d/f'))).toBe('ENOTDIR');
    expect(code(() => c.writeFile('/d/f', enc('y'), { exclusive: true }))).toBe('EEXIST');
    expect(code(() => c.writeFile('/nope/f', enc('y')))).toBe('ENOENT');
  });

  it('cannot be escaped with .. or symlinks', () => {
    const c = new NodeDirFs(dir).withCred(LEARNER_CRED);
    expect(code(() => c.readFile('/../secret'))).toBe('ENOENT');
    expect(code(() => c.readFile('/../../../../' + outside + '/secret'))).toBe('ENOENT');
    c.symlink('../secret', '/up');
    c.symlink(path.join(outside, 'secret'), '/abs');
    c.symlink('../../..', '/top');
    expect(code(() => c.readFile('/up'))).toBe('ENOENT');
    expect(code(() => c.readFile('/abs'))).toBe('ENOENT');
    expect(c.realpath('/top')).toBe('/');
    c.writeFile('/up', enc('inside'));
    expect(fs.readFileSync(path.join(outside, 'secret'), 'utf8')).toBe('outside');
    // The link is followed inside: `../secret` from `/` is `/secret`, in the directory.
    expect(fs.readFileSync(path.join(dir, 'secret'), 'utf8')).toBe('inside');
    expect(c.readlink('/up')).toBe('../secret');
    expect(c.lstat('/up').type).toBe('symlink');
  });

  it('follows symlinks inside the directory', () => {
    const c = new NodeDirFs(dir).withCred(LEARNER_CRED);
    c.mkdir('/real');
    c.writeFile('/real/f', enc('data'));
    c.symlink('/real', '/alias');
    expect(dec(c.readFile('/alias/f'))).toBe('data');
    expect(c.realpath('/alias/f')).toBe('/real/f');
    c.symlink('loop', '/loop');
    expect(code(() => c.stat('/loop'))).toBe('ELOOP');
  });

  it('checks permissions as the caller', () => {
    const learner = new NodeDirFs(dir).withCred(LEARNER_CRED);
    learner.writeFile('/ro', enc('x'), { mode: 0o444 });
    expect(code(() => learner.writeFile('/ro', enc('y')))).toBe('EACCES');
    expect(code(() => learner.access('/ro', 2))).toBe('EACCES');
    learner.access('/ro', 4);
    const other = new NodeDirFs(dir).withCred({ uid: 2000, gid: 2000, groups: [2000] });
    expect(code(() => other.chmod('/ro', 0o777))).toBe('EPERM');
    expect(code(() => other.writeFile('/new', enc('x')))).toBe('EACCES');
    expect(code(() => learner.mknod('/dev', 'chardev', 0o666, 0))).toBe('EPERM');
    const root = new NodeDirFs(dir, ROOT);
    root.writeFile('/ro', enc('root may'));
    expect(dec(root.readFile('/ro'))).toBe('root may');
  });
});
