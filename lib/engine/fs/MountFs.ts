/**
 * Mounts: other filesystems grafted onto a root filesystem at mount points (bind mounts of host paths, volumes,
 * read-only mounts, single-file binds such as /etc/hosts).
 *
 * Paths are walked once, by `TreeFs`, across mount boundaries: a symlink inside a mounted tree resolves in the
 * combined namespace, `..` from a mount's root goes back to the parent filesystem, and permissions are checked
 * with this view's credentials against the mounted nodes' owners and modes. Writes under a read-only mount fail
 * with EROFS, rename and link across mounts with EXDEV, removing or renaming a mount point with EBUSY; `readdir`
 * of a parent directory lists its mount points even when the parent filesystem has no such entry.
 *
 * Filesystems built on `TreeFs` (MemFs, OverlayFs, MountFs) are mounted through their node store; any other
 * `FsClient` (e.g. the CLI's real-directory filesystem) through an adapter that calls it as root.
 */

import { bytesContent, type Content } from './Content';
import type { MetaPatch, NodeInit, NodeMeta, NodeStore } from './NodeStore';
import { TreeFs } from './TreeFs';
import { type Cred, type FsClient, FsError, isFsError, ROOT, type Stat } from './Types';
import { normalize } from './path';

export interface Mount {
  /** Absolute mount point in the combined namespace. */
  readonly target: string;
  /** The mounted filesystem. */
  readonly fs: FsClient;
  /** Path inside `fs` that appears at `target` (a bind mount's source). Default `/`. */
  readonly source?: string;
  readonly readOnly?: boolean;
}

interface MountEntry {
  readonly mount: Mount;
  readonly dev: number;
  readonly store: NodeStore<unknown>;
  /** For sources other than `/`: how to find the source node (resolved on each crossing, so it stays current). */
  readonly sourceParts: readonly string[];
}

export interface MountHandle {
  readonly dev: number;
  readonly h: unknown;
  /** Where this node sits in the mount-point trie, or null when no mount point lies at or below it. */
  readonly trie: TrieNode | null;
}

/** Mount points as a trie of names, so walking a path never builds strings to find them. */
interface TrieNode {
  readonly children: Map<string, TrieNode>;
  entry: MountEntry | undefined;
}

/** Inode numbers of mounted filesystems are offset by device so `cp -a`/`find` never see false hard links. */
const DEV_INO_STRIDE = 2 ** 40;

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function storeOf(fs: FsClient): NodeStore<unknown> {
  return fs instanceof TreeFs ? (fs.nodeStore as NodeStore<unknown>) : new ClientStore(fs.withCred(ROOT));
}

/** The mount table, shared by every credential view of one MountFs. */
class MountTable {
  readonly byTarget = new Map<string, MountEntry>();
  readonly byDev = new Map<number, MountEntry>();
  readonly trie: TrieNode = { children: new Map(), entry: undefined };
  private _nextDev = 1;

  constructor(readonly rootStore: NodeStore<unknown>) {}

  add(m: Mount): void {
    const target = normalize(m.target);
    if (!target.startsWith('/')) throw new FsError('EINVAL', 'mount', m.target);
    if (target === '/') throw new FsError('EBUSY', 'mount', m.target);
    if (this.byTarget.has(target)) throw new FsError('EBUSY', 'mount', m.target);
    const source = normalize(m.source ?? '/');
    const fs = m.fs;
    // Resolve symlinks in the source once, as mount(2) does when it looks the source up.
    const real = source === '/' ? '/' : fs.withCred(ROOT).realpath(source);
    const entry: MountEntry = {
      mount: { ...m, target },
      dev: this._nextDev++,
      store: storeOf(fs),
      sourceParts: real.split('/').filter((p) => p !== ''),
    };
    this.byTarget.set(target, entry);
    this.byDev.set(entry.dev, entry);
    let t = this.trie;
    for (const name of target.split('/').filter((p) => p !== '')) {
      let next = t.children.get(name);
      if (next === undefined) t.children.set(name, (next = { children: new Map(), entry: undefined }));
      t = next;
    }
    t.entry = entry;
  }

  remove(target: string): void {
    const t = normalize(target);
    const e = this.byTarget.get(t);
    if (e === undefined) throw new FsError('EINVAL', 'umount', target);
    this.byTarget.delete(t);
    this.byDev.delete(e.dev);
    const names = t.split('/').filter((p) => p !== '');
    const path: TrieNode[] = [this.trie];
    for (const name of names) path.push(path[path.length - 1]!.children.get(name)!);
    path[path.length - 1]!.entry = undefined;
    // Prune branches that no longer lead to a mount point.
    for (let i = names.length; i > 0; i--) {
      const node = path[i]!;
      if (node.entry !== undefined || node.children.size > 0) break;
      path[i - 1]!.children.delete(names[i - 1]!);
    }
  }

  storeFor(dev: number): NodeStore<unknown> {
    if (dev === 0) return this.rootStore;
    const e = this.byDev.get(dev);
    if (e === undefined) throw new Error(`no mounted device ${dev}`);
    return e.store;
  }

  /** The root node of a mount (its source), or undefined if the source no longer exists. */
  rootOf(e: MountEntry): unknown {
    let h: unknown = e.store.root();
    for (const name of e.sourceParts) {
      h = e.store.lookup(h, name);
      if (h === undefined) return undefined;
    }
    return h;
  }
}

class MountStore implements NodeStore<MountHandle> {
  private readonly _stores = new Map<number, NodeStore<unknown>>();

  constructor(readonly table: MountTable) {}

  private _s(dev: number): NodeStore<unknown> {
    let s = this._stores.get(dev);
    if (s === undefined) {
      s = this.table.storeFor(dev);
      this._stores.set(dev, s);
    }
    return s;
  }

  root(): MountHandle {
    return { dev: 0, h: this.table.rootStore.root(), trie: this.table.trie };
  }
  info(h: MountHandle): Stat {
    const st = this._s(h.dev).info(h.h);
    return h.dev === 0 ? st : { ...st, ino: st.ino + h.dev * DEV_INO_STRIDE };
  }
  meta(h: MountHandle): NodeMeta {
    return this._s(h.dev).meta(h.h);
  }
  lookup(dir: MountHandle, name: string): MountHandle | undefined {
    const trie = dir.trie?.children.get(name) ?? null;
    const m = trie?.entry;
    if (m !== undefined) {
      const h = this.table.rootOf(m);
      return h === undefined ? undefined : { dev: m.dev, h, trie };
    }
    const h = this._s(dir.dev).lookup(dir.h, name);
    return h === undefined ? undefined : { dev: dir.dev, h, trie };
  }
  /** Names of mount points directly in this directory. */
  private _mountNames(dir: MountHandle): string[] {
    const out: string[] = [];
    if (dir.trie !== null) for (const [name, t] of dir.trie.children) if (t.entry !== undefined) out.push(name);
    return out;
  }
  list(dir: MountHandle): string[] {
    const names = this._s(dir.dev).list(dir.h);
    const mounts = this._mountNames(dir);
    if (mounts.length === 0) return names;
    const set = new Set(names);
    for (const m of mounts) set.add(m);
    return [...set];
  }
  isEmpty(dir: MountHandle): boolean {
    return this._mountNames(dir).length === 0 && this._s(dir.dev).isEmpty(dir.h);
  }
  content(file: MountHandle): Content {
    return this._s(file.dev).content(file.h);
  }
  readlink(link: MountHandle): string {
    return this._s(link.dev).readlink(link.h);
  }
  create(dir: MountHandle, name: string, init: NodeInit, now: number): MountHandle {
    const h = this._s(dir.dev).create(dir.h, name, init, now);
    return { dev: dir.dev, h, trie: dir.trie?.children.get(name) ?? null };
  }
  link(dir: MountHandle, name: string, target: MountHandle, now: number): void {
    this._s(dir.dev).link(dir.h, name, target.h, now);
  }
  remove(dir: MountHandle, name: string, now: number): void {
    this._s(dir.dev).remove(dir.h, name, now);
  }
  rename(fromDir: MountHandle, fromName: string, toDir: MountHandle, toName: string, now: number): void {
    this._s(fromDir.dev).rename(fromDir.h, fromName, toDir.h, toName, now);
  }
  setContent(file: MountHandle, content: Content, now: number): void {
    this._s(file.dev).setContent(file.h, content, now);
  }
  setMeta(h: MountHandle, patch: MetaPatch): void {
    this._s(h.dev).setMeta(h.h, patch);
  }
  readOnly(h: MountHandle): boolean {
    if (h.dev === 0) return this.table.rootStore.readOnly?.(h.h) === true;
    const e = this.table.byDev.get(h.dev);
    return e !== undefined && (e.mount.readOnly === true || e.store.readOnly?.(h.h) === true);
  }
  deviceOf(h: MountHandle): number {
    return h.dev;
  }
  isMountPoint(h: MountHandle): boolean {
    return h.trie !== null && h.trie !== this.table.trie && h.trie.entry !== undefined;
  }
}

export interface MountFsOptions {
  readonly cred?: Cred;
  /** Clock for timestamps set by this view (ms). Default `Date.now`. */
  readonly now?: () => number;
}

export class MountFs extends TreeFs<MountHandle> {
  private readonly _table: MountTable;
  private readonly _now: () => number;

  /** `root` is the filesystem at `/`; the view checks permissions as `options.cred` (default: `root.cred`). */
  constructor(
    private readonly _root: FsClient,
    mounts: readonly Mount[] = [],
    options: MountFsOptions = {},
    shared?: MountTable,
  ) {
    const table = shared ?? new MountTable(storeOf(_root));
    const now = options.now ?? (() => Date.now());
    super(new MountStore(table), options.cred ?? _root.cred, now);
    this._table = table;
    this._now = now;
    for (const m of mounts) table.add(m);
  }

  withCred(cred: Cred): MountFs {
    return new MountFs(this._root, [], { cred, now: this._now }, this._table);
  }

  /** The filesystem mounted at `/`. */
  get rootFs(): FsClient {
    return this._root;
  }

  /** Adds a mount (visible through every view of this filesystem). EBUSY if something is mounted there. */
  mount(m: Mount): void {
    this._table.add(m);
  }

  unmount(target: string): void {
    this._table.remove(target);
  }

  /** The current mounts, by mount point. */
  get mounts(): readonly Mount[] {
    return [...this._table.byTarget.values()].map((e) => e.mount);
  }
}

/** A `NodeStore` over any `FsClient` (called as root; `MountFs` has already checked permissions). Handles are paths. */
export class ClientStore implements NodeStore<string> {
  constructor(private readonly _fs: FsClient) {}

  root(): string {
    return '/';
  }
  info(path: string): Stat {
    return this._fs.lstat(path);
  }
  meta(path: string): NodeMeta {
    return this._fs.lstat(path);
  }
  lookup(dir: string, name: string): string | undefined {
    const p = join(dir, name);
    try {
      this._fs.lstat(p);
      return p;
    } catch (e) {
      if (isFsError(e, 'ENOENT')) return undefined;
      throw e;
    }
  }
  list(dir: string): string[] {
    return this._fs.readdir(dir);
  }
  isEmpty(dir: string): boolean {
    return this._fs.readdir(dir).length === 0;
  }
  content(file: string): Content {
    return bytesContent(this._fs.readFile(file));
  }
  readlink(link: string): string {
    return this._fs.readlink(link);
  }
  create(dir: string, name: string, init: NodeInit, now: number): string {
    const p = join(dir, name);
    const fs = this._fs;
    switch (init.type) {
      case 'file':
        fs.writeFile(p, init.content?.bytes() ?? new Uint8Array(0), { mode: init.mode, exclusive: true });
        break;
      case 'dir':
        fs.mkdir(p, init.mode);
        break;
      case 'symlink':
        fs.symlink(init.target ?? '', p);
        break;
      default:
        fs.mknod(p, init.type, init.mode, init.rdev ?? 0);
    }
    if (init.type !== 'symlink') fs.chmod(p, init.mode);
    fs.chown(p, init.uid, init.gid, true);
    if (init.type !== 'symlink') fs.utimes(p, init.mtimeMs);
    void now;
    return p;
  }
  link(dir: string, name: string, target: string): void {
    this._fs.link(target, join(dir, name));
  }
  remove(dir: string, name: string): void {
    const p = join(dir, name);
    if (this._fs.lstat(p).type === 'dir') this._fs.rmdir(p);
    else this._fs.unlink(p);
  }
  rename(fromDir: string, fromName: string, toDir: string, toName: string): void {
    this._fs.rename(join(fromDir, fromName), join(toDir, toName));
  }
  setContent(file: string, content: Content, now: number): void {
    this._fs.writeFile(file, content.bytes());
    this._fs.utimes(file, now);
  }
  setMeta(path: string, patch: MetaPatch): void {
    if (patch.mode !== undefined) this._fs.chmod(path, patch.mode);
    if (patch.uid !== undefined || patch.gid !== undefined) this._fs.chown(path, patch.uid ?? -1, patch.gid ?? -1, true);
    if (patch.mtimeMs !== undefined) this._fs.utimes(path, patch.mtimeMs);
  }
}
