/**
 * `FsClient` semantics over any `NodeStore`: path walking, symlinks (ELOOP after 40), trailing slashes, `..`,
 * permission checks as Linux's generic_permission/may_create/may_delete do them, the sticky bit, ownership rules
 * and the errno of every misuse. `MemFs` and `OverlayFs` both extend this class, so the two cannot disagree on
 * semantics; they differ only in how nodes are stored.
 */

import { appendContent, bytesContent, type Content, EMPTY_CONTENT, truncateContent } from './Content';
import type { NodeMeta, NodeStore } from './NodeStore';
import { type Cred, FsError, type FsErrorCode, type FsClient, type Stat, type WriteOptions } from './Types';

/** Linux's MAXSYMLINKS. */
export const MAX_SYMLINK_HOPS = 40;
const NAME_MAX = 255;
const PATH_MAX = 4096;

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;

const R = 4;
const W = 2;
const X = 1;

/** `walk` flags. Follow a final symlink. */
export const WALK_FOLLOW = 1;
/** The call acts on the directory entry itself (create/remove/rename): a trailing `/` does not follow a final link. */
export const WALK_ENTRY = 2;
/** open(O_CREAT): a final name followed by `/` is EISDIR before it is looked up. */
export const WALK_OPEN_CREATE = 4;
/** `.` and `..` need no search permission (realpath(3) resolves them as text). */
export const WALK_LEXICAL_DOTS = 8;

/** Where a path led: the final node (if any), its parent directory and canonical paths. */
export interface Walked<H> {
  /** Parent directory of the final component (the node itself for `/`). */
  readonly parent: H;
  readonly parentPath: string;
  /** Final component; `''` for `/`, `.`/`..` when the path ended with them. */
  readonly name: string;
  readonly node: H | undefined;
  /** Canonical path of the node (or of where it would be created). */
  readonly path: string;
  /** The path ended in `/`, `/.`, `/..` or was `/`: it names a directory, not an entry that can be created or removed. */
  readonly special: boolean;
  readonly trailingSlash: boolean;
}

function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Non-empty components of a path, last first (so `pop()` yields them in order). */
function splitReversed(path: string): string[] {
  const out: string[] = [];
  let end = path.length;
  for (let i = path.length - 1; i >= -1; i--) {
    if (i === -1 || path.charCodeAt(i) === 47) {
      if (end > i + 1) out.push(path.slice(i + 1, end));
      end = i;
    }
  }
  return out;
}

/** Canonical path of the first `n` walked names (`names[0]` is the root's empty name). */
function pathOf(names: readonly string[], n: number): string {
  if (n <= 1) return '/';
  let s = '';
  for (let i = 1; i < n; i++) s += '/' + names[i];
  return s;
}

/** The walk ended on a directory named by `/`, `.`, `..` or a chain of those. */
function dirResult<H>(hs: readonly H[], names: readonly string[], name: string, trailingSlash: boolean): Walked<H> {
  const parentIdx = Math.max(0, hs.length - 2);
  return {
    parent: hs[parentIdx]!,
    parentPath: pathOf(names, parentIdx + 1),
    name,
    node: hs[hs.length - 1]!,
    path: pathOf(names, hs.length),
    special: true,
    trailingSlash,
  };
}

export abstract class TreeFs<H> implements FsClient {
  protected constructor(
    protected readonly store: NodeStore<H>,
    readonly cred: Cred,
    protected readonly now: () => number,
  ) {}

  abstract withCred(cred: Cred): TreeFs<H>;

  /**
   * The storage behind this view, for composing filesystems (`MountFs` mounts it). It performs no permission
   * checks: whoever holds it is trusted engine code.
   */
  get nodeStore(): NodeStore<H> {
    return this.store;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Permission predicates (Linux generic_permission; root has CAP_DAC_OVERRIDE/CAP_FOWNER/CAP_CHOWN/CAP_MKNOD)

  protected isRoot(): boolean {
    return this.cred.uid === 0;
  }

  protected inGroup(gid: number): boolean {
    return this.cred.gid === gid || this.cred.groups.includes(gid);
  }

  /** May `cred` do every bit of `want` (R|W|X) on a node with this stat? */
  protected permits(st: NodeMeta, want: number): boolean {
    if (this.isRoot()) {
      // Root reads and writes anything, searches any directory, but executes a file only if some x bit is set.
      if ((want & X) === 0 || st.type === 'dir') return true;
      return (st.mode & 0o111) !== 0;
    }
    let bits: number;
    if (this.cred.uid === st.uid) bits = (st.mode >> 6) & 7;
    else if (this.inGroup(st.gid)) bits = (st.mode >> 3) & 7;
    else bits = st.mode & 7;
    return (bits & want) === want;
  }

  private _fail(code: FsErrorCode, syscall: string, path: string): never {
    throw new FsError(code, syscall, path);
  }

  /** may_create: write and search on the directory that gets the new entry. */
  private _mayCreate(dirSt: NodeMeta, syscall: string, path: string): void {
    if (!this.permits(dirSt, W | X)) this._fail('EACCES', syscall, path);
  }

  /** may_delete: write+search on the directory, then the sticky-bit rule (EPERM, as Linux's check_sticky). */
  private _mayDelete(dirSt: NodeMeta, st: NodeMeta, syscall: string, path: string): void {
    if (!this.permits(dirSt, W | X)) this._fail('EACCES', syscall, path);
    if ((dirSt.mode & S_ISVTX) !== 0 && !this.isRoot() && this.cred.uid !== st.uid && this.cred.uid !== dirSt.uid) {
      this._fail('EPERM', syscall, path);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Path walking

  /**
   * Resolves `path` as the kernel's path walk does: search permission on every directory walked, intermediate
   * symlinks always followed, the final one followed with `WALK_FOLLOW` (or when the path ends in `/`, unless
   * `WALK_ENTRY`: mkdir/unlink/rename and friends act on the link itself).
   */
  protected walk(path: string, syscall: string, flags: number): Walked<H> {
    const follow = (flags & WALK_FOLLOW) !== 0;
    const forCreate = (flags & WALK_ENTRY) !== 0;
    const openCreate = (flags & WALK_OPEN_CREATE) !== 0;
    const lexicalDots = (flags & WALK_LEXICAL_DOTS) !== 0;
    if (path === '') this._fail('ENOENT', syscall, path);
    if (path.length >= PATH_MAX) this._fail('ENAMETOOLONG', syscall, path);
    // The final component must be a directory (a `/` follows it, in the path or in a symlink target followed last).
    let slash = path.length > 1 && path.endsWith('/');
    const store = this.store;
    // Parallel stacks of the directories walked (handles) and their names; no closures in this hot path.
    const hs: H[] = [store.root()];
    const names: string[] = [''];
    const pending = splitReversed(path);
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.pop()!;
      const top = hs[hs.length - 1]!;
      const topSt = store.meta(top);
      if (topSt.type !== 'dir') this._fail('ENOTDIR', syscall, path);
      const dots = name === '.' || name === '..';
      if (!(dots && lexicalDots) && !this.permits(topSt, X)) this._fail('EACCES', syscall, path);
      const isLast = pending.length === 0;
      if (name === '.') {
        if (isLast) return dirResult(hs, names, '.', slash);
        continue;
      }
      if (name === '..') {
        if (hs.length > 1) {
          hs.pop();
          names.pop();
        }
        if (isLast) return dirResult(hs, names, '..', slash);
        continue;
      }
      if (name.length > NAME_MAX) this._fail('ENAMETOOLONG', syscall, path);
      // open(O_CREAT) of a name followed by `/` fails before the name is even looked up (open_last_lookups).
      if (isLast && slash && openCreate) this._fail('EISDIR', syscall, path);
      const child = store.lookup(top, name);
      if (child === undefined) {
        if (!isLast) this._fail('ENOENT', syscall, path);
        const parentPath = pathOf(names, names.length);
        return { parent: top, parentPath, name, node: undefined, path: joinPath(parentPath, name), special: false, trailingSlash: slash };
      }
      const st = store.meta(child);
      if (st.type === 'symlink' && (!isLast || follow || (slash && !forCreate))) {
        if (++hops > MAX_SYMLINK_HOPS) this._fail('ELOOP', syscall, path);
        const target = store.readlink(child);
        if (target === '') this._fail('ENOENT', syscall, path);
        if (target.charCodeAt(0) === 47 /* / */) {
          hs.length = 1;
          names.length = 1;
        }
        // A target ending in `/`, followed as the final component, makes its own last component need a directory.
        if (isLast && target.endsWith('/')) slash = true;
        const parts = splitReversed(target);
        for (let i = 0; i < parts.length; i++) pending.push(parts[i]!);
        continue;
      }
      if (isLast) {
        if (slash && st.type !== 'dir' && !forCreate) this._fail('ENOTDIR', syscall, path);
        const parentPath = pathOf(names, names.length);
        return { parent: top, parentPath, name, node: child, path: joinPath(parentPath, name), special: false, trailingSlash: slash };
      }
      hs.push(child);
      names.push(name);
    }
    // Nothing left: the path was `/` (or a symlink chain ending at `/` or a directory reached by `..`).
    if (hs.length > 1 && store.meta(hs[hs.length - 1]!).type !== 'dir') this._fail('ENOTDIR', syscall, path);
    return dirResult(hs, names, hs.length === 1 ? '' : names[names.length - 1]!, slash);
  }

  private _existing(path: string, follow: boolean, syscall: string): { w: Walked<H>; node: H; st: Stat } {
    const w = this.walk(path, syscall, follow ? WALK_FOLLOW : 0);
    if (w.node === undefined) this._fail('ENOENT', syscall, path);
    return { w, node: w.node, st: this.store.info(w.node) };
  }

  // -------------------------------------------------------------------------------------------------------------
  // FsClient

  stat(path: string): Stat {
    return this._existing(path, true, 'stat').st;
  }

  lstat(path: string): Stat {
    return this._existing(path, false, 'lstat').st;
  }

  private _readable(path: string, syscall: string): { node: H; st: Stat } {
    const { node, st } = this._existing(path, true, syscall);
    // open(O_RDONLY) of a directory succeeds when readable; it is read(2) that fails with EISDIR.
    if (!this.permits(st, R)) this._fail('EACCES', 'open', path);
    if (st.type === 'dir') this._fail('EISDIR', 'read', path);
    return { node, st };
  }

  readFile(path: string): Uint8Array {
    const { node, st } = this._readable(path, 'open');
    if (st.type !== 'file') return new Uint8Array(0);
    return this.store.content(node).bytes();
  }

  readRange(path: string, offset: number, length: number): Uint8Array {
    const { node, st } = this._readable(path, 'open');
    if (offset < 0 || length < 0) this._fail('EINVAL', 'read', path);
    if (st.type !== 'file') return new Uint8Array(0);
    return this.store.content(node).read(offset, length);
  }

  /** The file's content value (no copy; large synthetic files stay unmaterialised). Read permission applies. */
  readContent(path: string): Content {
    const { node, st } = this._readable(path, 'open');
    return st.type === 'file' ? this.store.content(node) : EMPTY_CONTENT;
  }

  writeFile(path: string, data: Uint8Array, options: WriteOptions = {}): void {
    if (options.append) this.writeContent(path, EMPTY_CONTENT, options, data);
    else this.writeContent(path, bytesContent(data), options);
  }

  /**
   * writeFile with a ready `Content` value (no copy; e.g. `cp` of a synthetic binary keeps it synthetic). With
   * `appendData` the bytes are appended instead.
   */
  writeContent(path: string, content: Content, options: WriteOptions = {}, appendData?: Uint8Array): void {
    const syscall = 'open';
    // O_CREAT|O_EXCL does not follow a final symlink; plain O_CREAT follows it, even to create a dangling target.
    const w = this.walk(path, syscall, (options.exclusive ? 0 : WALK_FOLLOW) | WALK_OPEN_CREATE);
    const now = this.now();
    if (w.node !== undefined) {
      if (options.exclusive) this._fail('EEXIST', syscall, path);
      const st = this.store.meta(w.node);
      if (st.type === 'dir') this._fail('EISDIR', syscall, path);
      if (st.type === 'file') this._writable(w.node, syscall, path);
      if (!this.permits(st, W)) this._fail('EACCES', syscall, path);
      if (st.type !== 'file') return; // devices and fifos: the bytes go to the device, not the tree
      if (appendData !== undefined && appendData.length === 0) return; // write(2) of nothing changes nothing
      const old = this.store.content(w.node);
      const next = appendData !== undefined ? appendContent(old, appendData) : content;
      this.store.setContent(w.node, next, now);
      this._killPrivOnWrite(w.node, st);
      return;
    }
    if (w.trailingSlash || w.special) this._fail('EISDIR', syscall, path);
    this._writable(w.parent, syscall, path);
    const dirSt = this.store.meta(w.parent);
    this._mayCreate(dirSt, syscall, path);
    const { uid, gid } = this._newOwner(dirSt);
    this.store.create(
      w.parent,
      w.name,
      { type: 'file', mode: (options.mode ?? 0o666) & 0o7777, uid, gid, mtimeMs: now, content: appendData !== undefined ? bytesContent(appendData) : content },
      now,
    );
  }

  /** Writing to a file as non-root clears setuid, and setgid when group-exec is set (Linux file_remove_privs). */
  private _killPrivOnWrite(node: H, st: NodeMeta): void {
    if (this.isRoot()) return;
    const mode = killSuid(st.mode);
    if (mode !== st.mode) this.store.setMeta(node, { mode });
  }

  /** Owner of a new node: the caller, with the directory's group when it is setgid. */
  private _newOwner(dirSt: NodeMeta): { uid: number; gid: number } {
    return { uid: this.cred.uid, gid: (dirSt.mode & S_ISGID) !== 0 ? dirSt.gid : this.cred.gid };
  }

  readdir(path: string): string[] {
    const { node, st } = this._existing(path, true, 'scandir');
    if (st.type !== 'dir') this._fail('ENOTDIR', 'scandir', path);
    if (!this.permits(st, R)) this._fail('EACCES', 'scandir', path);
    return this.store.list(node).sort(compareNames);
  }

  mkdir(path: string, mode = 0o777): void {
    const w = this.walk(path, 'mkdir', WALK_ENTRY);
    if (w.node !== undefined) this._fail('EEXIST', 'mkdir', path);
    this._writable(w.parent, 'mkdir', path);
    const dirSt = this.store.meta(w.parent);
    this._mayCreate(dirSt, 'mkdir', path);
    const { uid, gid } = this._newOwner(dirSt);
    // mkdir keeps rwx and sticky bits; a setgid parent passes setgid on to new directories.
    let bits = mode & 0o1777;
    if ((dirSt.mode & S_ISGID) !== 0) bits |= S_ISGID;
    const now = this.now();
    this.store.create(w.parent, w.name, { type: 'dir', mode: bits, uid, gid, mtimeMs: now }, now);
  }

  rmdir(path: string): void {
    const w = this.walk(path, 'rmdir', WALK_ENTRY);
    if (w.special) {
      if (w.name === '.') this._fail('EINVAL', 'rmdir', path);
      if (w.name === '..') this._fail('ENOTEMPTY', 'rmdir', path);
      this._fail('EBUSY', 'rmdir', path);
    }
    this._writable(w.parent, 'rmdir', path);
    if (w.node === undefined) this._fail('ENOENT', 'rmdir', path);
    const st = this.store.meta(w.node);
    this._mayDelete(this.store.meta(w.parent), st, 'rmdir', path);
    if (st.type !== 'dir') this._fail('ENOTDIR', 'rmdir', path);
    this._notMountPoint(w.node, 'rmdir', path);
    if (!this.store.isEmpty(w.node)) this._fail('ENOTEMPTY', 'rmdir', path);
    this.store.remove(w.parent, w.name, this.now());
  }

  unlink(path: string): void {
    const w = this.walk(path, 'unlink', WALK_ENTRY);
    if (w.special) this._fail('EISDIR', 'unlink', path);
    // do_unlinkat's order: read-only mount, missing name, trailing slash, then may_delete.
    this._writable(w.parent, 'unlink', path);
    if (w.node === undefined) this._fail('ENOENT', 'unlink', path);
    const st = this.store.meta(w.node);
    if (w.trailingSlash) this._fail(st.type === 'dir' ? 'EISDIR' : 'ENOTDIR', 'unlink', path);
    this._mayDelete(this.store.meta(w.parent), st, 'unlink', path);
    if (st.type === 'dir') this._fail('EISDIR', 'unlink', path);
    this._notMountPoint(w.node, 'unlink', path);
    this.store.remove(w.parent, w.name, this.now());
  }

  /** EROFS for nodes on a read-only mount. */
  private _writable(h: H, syscall: string, path: string): void {
    if (this.store.readOnly?.(h) === true) this._fail('EROFS', syscall, path);
  }

  /** EBUSY for mount points (they cannot be removed or renamed while mounted). */
  private _notMountPoint(h: H, syscall: string, path: string): void {
    if (this.store.isMountPoint?.(h) === true) this._fail('EBUSY', syscall, path);
  }

  /** EXDEV when two nodes are on different mounted filesystems. */
  private _sameDevice(a: H, b: H, syscall: string, path: string): void {
    const dev = this.store.deviceOf;
    if (dev !== undefined && dev.call(this.store, a) !== dev.call(this.store, b)) this._fail('EXDEV', syscall, path);
  }

  /** rename(2), with its checks in the kernel's order (do_renameat2, then vfs_rename). */
  rename(from: string, to: string): void {
    const syscall = 'rename';
    // Both parents are resolved before either final name is looked at.
    const src = this.walk(from, syscall, WALK_ENTRY);
    const dst = this.walk(to, syscall, WALK_ENTRY);
    this._sameDevice(src.parent, dst.parent, syscall, from);
    // `/`, `.` and `..` cannot be renamed or replaced, whether or not the other name exists.
    if (src.special) this._fail('EBUSY', syscall, from);
    if (dst.special) this._fail('EBUSY', syscall, to);
    this._writable(src.parent, syscall, from);
    if (src.node === undefined) this._fail('ENOENT', syscall, from);
    const st = this.store.meta(src.node);
    const isDir = st.type === 'dir';
    if (!isDir && (src.trailingSlash || dst.trailingSlash)) this._fail('ENOTDIR', syscall, from);
    // The source may not be an ancestor of the target, nor the target an ancestor of the source.
    if (dst.path.startsWith(src.path + '/')) this._fail('EINVAL', syscall, from);
    if (src.path.startsWith(dst.path + '/')) this._fail('ENOTEMPTY', syscall, to);
    // The same entry, or two hard links to the same inode: rename(2) does nothing and succeeds.
    if (dst.path === src.path) return;
    if (dst.node !== undefined && this._sameNode(src.node, dst.node)) return;
    this._mayDelete(this.store.meta(src.parent), st, syscall, from);
    const dstDirSt = this.store.meta(dst.parent);
    let dstIsDir = false;
    if (dst.node !== undefined) {
      const dstSt = this.store.meta(dst.node);
      dstIsDir = dstSt.type === 'dir';
      this._mayDelete(dstDirSt, dstSt, syscall, to);
      if (isDir && !dstIsDir) this._fail('ENOTDIR', syscall, to);
      if (!isDir && dstIsDir) this._fail('EISDIR', syscall, to);
    } else {
      this._mayCreate(dstDirSt, syscall, to);
    }
    // Moving a directory to another parent rewrites its `..`: write permission on the directory itself.
    if (isDir && src.parentPath !== dst.parentPath && !this.permits(st, W)) this._fail('EACCES', syscall, from);
    this._notMountPoint(src.node, syscall, from);
    if (dst.node !== undefined) this._notMountPoint(dst.node, syscall, to);
    if (dstIsDir && !this.store.isEmpty(dst.node!)) this._fail('ENOTEMPTY', syscall, to);
    const now = this.now();
    if (dst.node !== undefined) this.store.remove(dst.parent, dst.name, now);
    this.store.rename(src.parent, src.name, dst.parent, dst.name, now);
  }

  private _sameNode(a: H, b: H): boolean {
    if (a === b) return true;
    const sa = this.store.info(a);
    const sb = this.store.info(b);
    return sa.ino === sb.ino && sa.type === sb.type && sa.type !== 'dir';
  }

  symlink(target: string, path: string): void {
    const w = this.walk(path, 'symlink', WALK_ENTRY);
    if (w.node !== undefined) this._fail('EEXIST', 'symlink', path);
    if (target === '') this._fail('ENOENT', 'symlink', path);
    if (w.trailingSlash) this._fail('ENOENT', 'symlink', path);
    this._writable(w.parent, 'symlink', path);
    const dirSt = this.store.meta(w.parent);
    this._mayCreate(dirSt, 'symlink', path);
    const { uid, gid } = this._newOwner(dirSt);
    const now = this.now();
    this.store.create(w.parent, w.name, { type: 'symlink', mode: 0o777, uid, gid, mtimeMs: now, target }, now);
  }

  readlink(path: string): string {
    const { node, st } = this._existing(path, false, 'readlink');
    if (st.type !== 'symlink') this._fail('EINVAL', 'readlink', path);
    return this.store.readlink(node);
  }

  link(existing: string, path: string): void {
    const src = this._existing(existing, false, 'link');
    const w = this.walk(path, 'link', WALK_ENTRY);
    if (w.node !== undefined) this._fail('EEXIST', 'link', path);
    if (w.trailingSlash || w.special) this._fail(w.special ? 'EEXIST' : 'ENOENT', 'link', path);
    this._sameDevice(src.node, w.parent, 'link', path);
    this._writable(w.parent, 'link', path);
    const dirSt = this.store.meta(w.parent);
    this._mayCreate(dirSt, 'link', path);
    if (src.st.type === 'dir') this._fail('EPERM', 'link', existing);
    // fs.protected_hardlinks=1 (Debian's default): a non-owner may only link regular files they can read and write.
    if (!this.isRoot() && this.cred.uid !== src.st.uid) {
      const safe =
        src.st.type === 'file' &&
        (src.st.mode & S_ISUID) === 0 &&
        (src.st.mode & (S_ISGID | 0o010)) !== (S_ISGID | 0o010) &&
        this.permits(src.st, R | W);
      if (!safe) this._fail('EPERM', 'link', existing);
    }
    this.store.link(w.parent, w.name, src.node, this.now());
  }

  chmod(path: string, mode: number): void {
    const { node, st } = this._existing(path, true, 'chmod');
    this._writable(node, 'chmod', path);
    if (!this.isRoot() && this.cred.uid !== st.uid) this._fail('EPERM', 'chmod', path);
    let bits = mode & 0o7777;
    // Without CAP_FSETID, setgid is dropped unless the caller is in the file's group.
    if (!this.isRoot() && !this.inGroup(st.gid)) bits &= ~S_ISGID;
    this.store.setMeta(node, { mode: bits });
  }

  chown(path: string, uid: number, gid: number, noFollow = false): void {
    const { node, st } = this._existing(path, !noFollow, noFollow ? 'lchown' : 'chown');
    const syscall = noFollow ? 'lchown' : 'chown';
    this._writable(node, syscall, path);
    if (!this.isRoot()) {
      // Without CAP_CHOWN: only the owner, only to keep the uid, and only to a group the caller is in.
      if (this.cred.uid !== st.uid) this._fail('EPERM', syscall, path);
      if (uid !== -1 && uid !== st.uid) this._fail('EPERM', syscall, path);
      if (gid !== -1 && gid !== st.gid && !this.inGroup(gid)) this._fail('EPERM', syscall, path);
    }
    const patch: { uid?: number; gid?: number; mode?: number } = {};
    if (uid !== -1) patch.uid = uid;
    if (gid !== -1) patch.gid = gid;
    // chown of a non-directory clears setuid, and setgid when group-exec is set (ATTR_KILL_SUID/SGID).
    if (st.type !== 'dir' && st.type !== 'symlink') {
      const mode = killSuid(st.mode);
      if (mode !== st.mode) patch.mode = mode;
    }
    if (patch.uid === undefined && patch.gid === undefined && patch.mode === undefined) return;
    this.store.setMeta(node, patch);
  }

  utimes(path: string, mtimeMs: number): void {
    const { node, st } = this._existing(path, true, 'utime');
    this._writable(node, 'utime', path);
    if (!this.isRoot() && this.cred.uid !== st.uid) this._fail('EPERM', 'utime', path);
    this.store.setMeta(node, { mtimeMs });
  }

  truncate(path: string, length: number): void {
    const { node, st } = this._existing(path, true, 'truncate');
    if (st.type === 'dir') this._fail('EISDIR', 'truncate', path);
    this._writable(node, 'truncate', path);
    if (!this.permits(st, W)) this._fail('EACCES', 'truncate', path);
    if (length < 0 || !Number.isSafeInteger(length)) this._fail('EINVAL', 'truncate', path);
    if (st.type !== 'file') this._fail('EINVAL', 'truncate', path);
    this.store.setContent(node, truncateContent(this.store.content(node), length), this.now());
    this._killPrivOnWrite(node, st);
  }

  mknod(path: string, type: 'chardev' | 'blockdev' | 'fifo' | 'socket', mode: number, rdev: number): void {
    // Device nodes need CAP_MKNOD; fifos and sockets do not (mkfifo works for everyone on Linux).
    if ((type === 'chardev' || type === 'blockdev') && !this.isRoot()) this._fail('EPERM', 'mknod', path);
    const w = this.walk(path, 'mknod', WALK_ENTRY);
    if (w.node !== undefined || w.special) this._fail('EEXIST', 'mknod', path);
    if (w.trailingSlash) this._fail('ENOENT', 'mknod', path);
    this._writable(w.parent, 'mknod', path);
    const dirSt = this.store.meta(w.parent);
    this._mayCreate(dirSt, 'mknod', path);
    const { uid, gid } = this._newOwner(dirSt);
    const now = this.now();
    const dev = type === 'chardev' || type === 'blockdev' ? rdev : 0;
    this.store.create(w.parent, w.name, { type, mode: mode & 0o7777, uid, gid, mtimeMs: now, rdev: dev }, now);
  }

  realpath(path: string): string {
    // realpath(3) is glibc's: it drops `.` and `..` as text, so only named components need search permission.
    const w = this.walk(path, 'realpath', WALK_FOLLOW | WALK_LEXICAL_DOTS);
    if (w.node === undefined) this._fail('ENOENT', 'realpath', path);
    return w.path;
  }

  access(path: string, mode: number): void {
    const { node, st } = this._existing(path, true, 'access');
    const want = mode & 7;
    // access(W_OK) on a read-only mount is EROFS for files, directories and symlinks (not for devices).
    if ((want & W) !== 0 && (st.type === 'file' || st.type === 'dir' || st.type === 'symlink')) this._writable(node, 'access', path);
    if (want !== 0 && !this.permits(st, want)) this._fail('EACCES', 'access', path);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Conveniences beyond FsClient

  /** True when `path` exists (following symlinks); permission errors propagate. */
  exists(path: string): boolean {
    try {
      return this.walk(path, 'stat', WALK_FOLLOW).node !== undefined;
    } catch (e) {
      if (e instanceof FsError && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return false;
      throw e;
    }
  }
}

/** Clear setuid, and setgid when group-exec is set (a setgid without group-exec is mandatory locking: kept). */
function killSuid(mode: number): number {
  let m = mode & ~S_ISUID;
  if ((m & (S_ISGID | 0o010)) === (S_ISGID | 0o010)) m &= ~S_ISGID;
  return m;
}

/** Byte order for ASCII; code-unit order otherwise (what readdir consumers sort by). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
