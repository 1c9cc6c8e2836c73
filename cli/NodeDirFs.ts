/**
 * An `FsClient` over a real directory (Node only): the headless CLI's `--workdir` mounts one so the learner's shell
 * reads and writes real files.
 *
 * Paths are absolute inside the directory: `/` is the directory itself. Symlinks are resolved here, component by
 * component, the way a chroot would: `..` stops at the top and absolute link targets start from the top, so
 * nothing outside the directory can be reached. Files owned by the user running the CLI appear owned by the
 * learner (uid/gid 1000), as a bind mount of one's own files would.
 */

import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { splitPath } from '../lib/engine/fs/path';
import { FS_ERROR_TEXT, FsError, ROOT, type Cred, type FileType, type FsClient, type FsErrorCode, type Stat, type WriteOptions } from '../lib/engine/fs/Types';
import { LEARNER } from '../lib/shell/host/users';

const MAX_SYMLINKS = 40;

interface Shared {
  readonly root: string;
  readonly hostUid: number;
  readonly hostGid: number;
}

interface Resolved {
  /** Real path (under the root, no symlinks in its directory part). */
  readonly real: string;
  /** The same path as seen inside. */
  readonly virt: string;
}

export class NodeDirFs implements FsClient {
  private readonly _s: Shared;

  constructor(
    root: string | Shared,
    readonly cred: Cred = ROOT,
  ) {
    if (typeof root === 'string') {
      const real = nodeFs.realpathSync(root);
      if (!nodeFs.statSync(real).isDirectory()) throw new FsError('ENOTDIR', 'mount', root);
      this._s = { root: real, hostUid: process.getuid?.() ?? 0, hostGid: process.getgid?.() ?? 0 };
    } else this._s = root;
  }

  withCred(cred: Cred): FsClient {
    return new NodeDirFs(this._s, cred);
  }

  stat(path: string): Stat {
    return this._op('stat', path, () => this._statOf(this._resolve(path, true).real));
  }

  lstat(path: string): Stat {
    return this._op('lstat', path, () => this._statOf(this._resolve(path, false).real));
  }

  readFile(path: string): Uint8Array {
    return this._op('open', path, () => {
      const r = this._resolve(path, true);
      this._checkFileRead(r.real, path);
      return new Uint8Array(nodeFs.readFileSync(r.real));
    });
  }

  readRange(path: string, offset: number, length: number): Uint8Array {
    return this._op('open', path, () => {
      const r = this._resolve(path, true);
      this._checkFileRead(r.real, path);
      const fd = nodeFs.openSync(r.real, 'r');
      try {
        const size = nodeFs.fstatSync(fd).size;
        const n = Math.max(0, Math.min(length, size - offset));
        const buf = new Uint8Array(n);
        let got = 0;
        while (got < n) {
          const k = nodeFs.readSync(fd, buf, got, n - got, offset + got);
          if (k === 0) break;
          got += k;
        }
        return buf.subarray(0, got);
      } finally {
        nodeFs.closeSync(fd);
      }
    });
  }

  writeFile(path: string, data: Uint8Array, options: WriteOptions = {}): void {
    this._op('open', path, () => {
      const r = this._resolve(path, true);
      const existing = this._lstatOrNull(r.real);
      if (existing) {
        if (options.exclusive) throw new FsError('EEXIST', 'open', path);
        if (existing.isDirectory()) throw new FsError('EISDIR', 'open', path);
        this._check(existing, 2, path);
        if (options.append) nodeFs.appendFileSync(r.real, data);
        else nodeFs.writeFileSync(r.real, data);
        return;
      }
      this._checkParent(r.real, path);
      const mode = options.mode ?? 0o644;
      nodeFs.writeFileSync(r.real, data, { flag: 'wx', mode });
      nodeFs.chmodSync(r.real, mode & 0o7777);
    });
  }

  readdir(path: string): string[] {
    return this._op('scandir', path, () => {
      const r = this._resolve(path, true);
      const st = nodeFs.lstatSync(r.real);
      if (!st.isDirectory()) throw new FsError('ENOTDIR', 'scandir', path);
      this._check(st, 4, path);
      return nodeFs.readdirSync(r.real).sort();
    });
  }

  mkdir(path: string, mode = 0o777): void {
    this._op('mkdir', path, () => {
      const r = this._resolve(path, false);
      if (r.virt === '/' || this._lstatOrNull(r.real)) throw new FsError('EEXIST', 'mkdir', path);
      this._checkParent(r.real, path);
      nodeFs.mkdirSync(r.real, { mode });
      nodeFs.chmodSync(r.real, mode & 0o7777);
    });
  }

  rmdir(path: string): void {
    this._op('rmdir', path, () => {
      const r = this._resolve(path, false);
      if (r.virt === '/') throw new FsError('EBUSY', 'rmdir', path);
      const st = nodeFs.lstatSync(r.real);
      if (!st.isDirectory()) throw new FsError('ENOTDIR', 'rmdir', path);
      this._checkParent(r.real, path);
      nodeFs.rmdirSync(r.real);
    });
  }

  unlink(path: string): void {
    this._op('unlink', path, () => {
      const r = this._resolve(path, false);
      const st = nodeFs.lstatSync(r.real);
      if (st.isDirectory()) throw new FsError('EISDIR', 'unlink', path);
      this._checkParent(r.real, path);
      nodeFs.unlinkSync(r.real);
    });
  }

  rename(from: string, to: string): void {
    this._op('rename', from, () => {
      const a = this._resolve(from, false);
      const b = this._resolve(to, false);
      if (a.virt === '/' || b.virt === '/') throw new FsError('EBUSY', 'rename', from);
      nodeFs.lstatSync(a.real);
      this._checkParent(a.real, from);
      this._checkParent(b.real, to);
      nodeFs.renameSync(a.real, b.real);
    });
  }

  symlink(target: string, path: string): void {
    this._op('symlink', path, () => {
      const r = this._resolve(path, false);
      if (this._lstatOrNull(r.real)) throw new FsError('EEXIST', 'symlink', path);
      this._checkParent(r.real, path);
      nodeFs.symlinkSync(target, r.real);
    });
  }

  readlink(path: string): string {
    return this._op('readlink', path, () => {
      const r = this._resolve(path, false);
      const st = nodeFs.lstatSync(r.real);
      if (!st.isSymbolicLink()) throw new FsError('EINVAL', 'readlink', path);
      return nodeFs.readlinkSync(r.real);
    });
  }

  link(existing: string, path: string): void {
    this._op('link', path, () => {
      const a = this._resolve(existing, false);
      const b = this._resolve(path, false);
      const st = nodeFs.lstatSync(a.real);
      if (st.isDirectory()) throw new FsError('EPERM', 'link', existing);
      if (this._lstatOrNull(b.real)) throw new FsError('EEXIST', 'link', path);
      this._checkParent(b.real, path);
      nodeFs.linkSync(a.real, b.real);
    });
  }

  chmod(path: string, mode: number): void {
    this._op('chmod', path, () => {
      const r = this._resolve(path, true);
      const st = nodeFs.lstatSync(r.real);
      if (this.cred.uid !== 0 && this._uid(st.uid) !== this.cred.uid) throw new FsError('EPERM', 'chmod', path);
      nodeFs.chmodSync(r.real, mode & 0o7777);
    });
  }

  chown(path: string, uid: number, gid: number, noFollow = false): void {
    this._op('chown', path, () => {
      const r = this._resolve(path, !noFollow);
      const st = nodeFs.lstatSync(r.real);
      const curUid = this._uid(st.uid);
      const curGid = this._gid(st.gid);
      const newUid = uid === -1 ? curUid : uid;
      const newGid = gid === -1 ? curGid : gid;
      if (this.cred.uid !== 0) {
        // chown(2): only root changes the owner; an owner may change the group to one of their own groups.
        if (newUid !== curUid || curUid !== this.cred.uid) throw new FsError('EPERM', 'chown', path);
        if (newGid !== curGid && !this.cred.groups.includes(newGid) && this.cred.gid !== newGid) throw new FsError('EPERM', 'chown', path);
      }
      if (newUid === curUid && newGid === curGid) return;
      const hostUid = newUid === LEARNER.uid ? this._s.hostUid : newUid;
      const hostGid = newGid === LEARNER.gid ? this._s.hostGid : newGid;
      try {
        if (noFollow) nodeFs.lchownSync(r.real, hostUid, hostGid);
        else nodeFs.chownSync(r.real, hostUid, hostGid);
      } catch (e) {
        // Without real root the disk cannot record another owner: a simulated root's files stay the user's own
        // (as with a rootless container's bind mount). A learner's own chown still fails as chown(2) would.
        if ((e as NodeJS.ErrnoException).code !== 'EPERM' || this.cred.uid !== 0) throw e;
      }
    });
  }

  utimes(path: string, mtimeMs: number): void {
    this._op('utime', path, () => {
      const r = this._resolve(path, true);
      const st = nodeFs.lstatSync(r.real);
      if (this.cred.uid !== 0 && this._uid(st.uid) !== this.cred.uid) this._check(st, 2, path);
      nodeFs.utimesSync(r.real, mtimeMs / 1000, mtimeMs / 1000);
    });
  }

  truncate(path: string, length: number): void {
    this._op('truncate', path, () => {
      const r = this._resolve(path, true);
      const st = nodeFs.lstatSync(r.real);
      if (st.isDirectory()) throw new FsError('EISDIR', 'truncate', path);
      this._check(st, 2, path);
      nodeFs.truncateSync(r.real, length);
    });
  }

  mknod(path: string): void {
    // Device nodes on the real disk would need real root; a bind mount of one's own directory cannot hold them.
    throw new FsError('EPERM', 'mknod', path);
  }

  realpath(path: string): string {
    return this._op('realpath', path, () => {
      const r = this._resolve(path, true);
      nodeFs.lstatSync(r.real);
      return r.virt;
    });
  }

  access(path: string, mode: number): void {
    this._op('access', path, () => {
      const r = this._resolve(path, true);
      const st = nodeFs.lstatSync(r.real);
      if (mode !== 0) this._check(st, mode, path);
    });
  }

  // -------------------------------------------------------------------------------------------------------------

  private _op<T>(syscall: string, path: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw toFsError(e, syscall, path);
    }
  }

  private _lstatOrNull(real: string): nodeFs.Stats | null {
    try {
      return nodeFs.lstatSync(real);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /**
   * Walks `path` inside the root, following symlinks like a chroot (the last one only when `followLast`), and
   * checking search permission on every directory passed through.
   */
  private _resolve(path: string, followLast: boolean): Resolved {
    let todo = splitPath(path);
    let done: string[] = [];
    let links = 0;
    while (todo.length > 0) {
      const name = todo[0]!;
      todo = todo.slice(1);
      if (name === '..') {
        done.pop();
        continue;
      }
      const dirReal = nodePath.join(this._s.root, ...done);
      const dirSt = nodeFs.lstatSync(dirReal);
      if (!dirSt.isDirectory()) throw new FsError('ENOTDIR', 'open', path);
      this._check(dirSt, 1, path);
      done.push(name);
      const last = todo.length === 0;
      if (last && !followLast) break;
      const real = nodePath.join(this._s.root, ...done);
      const st = this._lstatOrNull(real);
      if (!st) {
        if (last) break;
        throw new FsError('ENOENT', 'open', path);
      }
      if (st.isSymbolicLink()) {
        if (++links > MAX_SYMLINKS) throw new FsError('ELOOP', 'open', path);
        const target = nodeFs.readlinkSync(real);
        done.pop();
        if (target.startsWith('/')) done = [];
        todo = [...splitPath(target), ...todo];
      }
    }
    return { real: nodePath.join(this._s.root, ...done), virt: '/' + done.join('/') };
  }

  private _uid(hostUid: number): number {
    return hostUid === this._s.hostUid ? LEARNER.uid : hostUid;
  }

  private _gid(hostGid: number): number {
    return hostGid === this._s.hostGid ? LEARNER.gid : hostGid;
  }

  /** `real` is already resolved, so lstat is right for both stat and lstat. */
  private _statOf(real: string): Stat {
    const st = nodeFs.lstatSync(real);
    return {
      type: typeOf(st),
      mode: st.mode & 0o7777,
      uid: this._uid(st.uid),
      gid: this._gid(st.gid),
      size: st.isDirectory() ? 4096 : st.size,
      mtimeMs: Math.floor(st.mtimeMs),
      ino: st.ino,
      nlink: st.nlink,
      rdev: 0,
    };
  }

  /** Permission check as `cred` (root passes, except execute needs some x bit). */
  private _check(st: nodeFs.Stats, want: number, path: string): void {
    const mode = st.mode & 0o777;
    if (this.cred.uid === 0) {
      if (want & 1 && !st.isDirectory() && (mode & 0o111) === 0) throw new FsError('EACCES', 'access', path);
      return;
    }
    const uid = this._uid(st.uid);
    const gid = this._gid(st.gid);
    const bits = uid === this.cred.uid ? (mode >> 6) & 7 : gid === this.cred.gid || this.cred.groups.includes(gid) ? (mode >> 3) & 7 : mode & 7;
    if ((bits & want) !== want) throw new FsError('EACCES', 'access', path);
  }

  private _checkParent(real: string, path: string): void {
    const st = nodeFs.lstatSync(nodePath.dirname(real));
    if (!st.isDirectory()) throw new FsError('ENOTDIR', 'open', path);
    this._check(st, 3, path);
  }

  private _checkFileRead(real: string, path: string): void {
    const st = nodeFs.lstatSync(real);
    if (st.isDirectory()) throw new FsError('EISDIR', 'read', path);
    this._check(st, 4, path);
  }
}

function typeOf(st: nodeFs.Stats): FileType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isCharacterDevice()) return 'chardev';
  if (st.isBlockDevice()) return 'blockdev';
  if (st.isFIFO()) return 'fifo';
  return 'socket';
}

function toFsError(e: unknown, syscall: string, path: string): FsError {
  if (e instanceof FsError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && code in FS_ERROR_TEXT) return new FsError(code as FsErrorCode, syscall, path);
  if (code === 'EFTYPE' || code === 'EIO') return new FsError('EINVAL', syscall, path);
  throw e;
}
