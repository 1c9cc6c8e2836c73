/**
 * A chroot(2) view: `/` is a directory of another filesystem. Every path is walked component by component inside
 * the new root, so `..` stops at it and symlinks (absolute ones too) resolve within it, as the kernel does after
 * chroot; the underlying filesystem does the work (permissions, mounts, errors) on the translated path.
 */

import { FsError, type Cred, type FsClient, type Stat, type WriteOptions } from './Types';

const MAX_SYMLINKS = 40;

export class ChrootFs implements FsClient {
  /** `root` is an absolute, symlink-free directory path of `inner` (e.g. its realpath). */
  constructor(
    private readonly inner: FsClient,
    private readonly root: string,
  ) {}

  get cred(): Cred {
    return this.inner.cred;
  }

  withCred(cred: Cred): FsClient {
    return new ChrootFs(this.inner.withCred(cred), this.root);
  }

  private outer(parts: readonly string[]): string {
    const base = this.root === '/' ? '' : this.root;
    return parts.length === 0 ? this.root : `${base}/${parts.join('/')}`;
  }

  /** Components of `path` inside the root, symlinks resolved (the last one only when `followLast`). */
  private walk(path: string, followLast: boolean): string[] {
    const queue = path.split('/').filter((p) => p !== '' && p !== '.');
    const cur: string[] = [];
    let hops = 0;
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (name === '..') {
        cur.pop();
        continue;
      }
      if (name === '.') continue;
      const last = queue.length === 0;
      if (last && !followLast) {
        cur.push(name);
        break;
      }
      const candidate = this.outer([...cur, name]);
      let st: Stat | null = null;
      try {
        st = this.inner.lstat(candidate);
      } catch {
        st = null;
      }
      if (st?.type === 'symlink') {
        if (++hops > MAX_SYMLINKS) throw new FsError('ELOOP', 'stat', path);
        const target = this.inner.readlink(candidate);
        if (target.startsWith('/')) cur.length = 0;
        queue.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
        continue;
      }
      cur.push(name);
    }
    return cur;
  }

  private at(path: string): string {
    return this.outer(this.walk(path, true));
  }

  /** The path with only its directory resolved: what lstat, unlink, rename and friends act on. */
  private entry(path: string): string {
    return this.outer(this.walk(path, false));
  }

  stat(path: string): Stat {
    return this.inner.stat(this.at(path));
  }
  lstat(path: string): Stat {
    return this.inner.lstat(this.entry(path));
  }
  readFile(path: string): Uint8Array {
    return this.inner.readFile(this.at(path));
  }
  readRange(path: string, offset: number, length: number): Uint8Array {
    return this.inner.readRange(this.at(path), offset, length);
  }
  writeFile(path: string, data: Uint8Array, options?: WriteOptions): void {
    this.inner.writeFile(this.at(path), data, options);
  }
  readdir(path: string): string[] {
    return this.inner.readdir(this.at(path));
  }
  mkdir(path: string, mode?: number): void {
    this.inner.mkdir(this.entry(path), mode);
  }
  rmdir(path: string): void {
    this.inner.rmdir(this.entry(path));
  }
  unlink(path: string): void {
    this.inner.unlink(this.entry(path));
  }
  rename(from: string, to: string): void {
    this.inner.rename(this.entry(from), this.entry(to));
  }
  symlink(target: string, path: string): void {
    this.inner.symlink(target, this.entry(path));
  }
  readlink(path: string): string {
    return this.inner.readlink(this.entry(path));
  }
  link(existing: string, path: string): void {
    this.inner.link(this.entry(existing), this.entry(path));
  }
  chmod(path: string, mode: number): void {
    this.inner.chmod(this.at(path), mode);
  }
  chown(path: string, uid: number, gid: number, noFollow?: boolean): void {
    this.inner.chown(noFollow ? this.entry(path) : this.at(path), uid, gid, noFollow);
  }
  utimes(path: string, mtimeMs: number): void {
    this.inner.utimes(this.at(path), mtimeMs);
  }
  truncate(path: string, length: number): void {
    this.inner.truncate(this.at(path), length);
  }
  mknod(path: string, type: 'chardev' | 'blockdev' | 'fifo' | 'socket', mode: number, rdev: number): void {
    this.inner.mknod(this.entry(path), type, mode, rdev);
  }
  realpath(path: string): string {
    const parts = this.walk(path, true);
    this.inner.stat(this.outer(parts));
    return `/${parts.join('/')}`;
  }
  access(path: string, mode: number): void {
    this.inner.access(this.at(path), mode);
  }
}
