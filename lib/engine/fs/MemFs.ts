/**
 * A plain in-memory filesystem behaving like Linux (the simulated host, image builders' scratch trees, tests).
 *
 * All semantics (path walk, permissions, errno) come from `TreeFs`; this class adds storage in a `MemNode` tree,
 * credential views that share the tree, and privileged builder methods (`putContent`, `addEntry`,
 * `MemFs.fromEntries`) that place nodes with exact metadata and without permission checks.
 */

import { bytesContent, type Content, textContent } from './Content';
import { InoCounter, MemNode, MemStore, newMemNode, attach } from './MemTree';
import { TreeFs, WALK_ENTRY, WALK_FOLLOW } from './TreeFs';
import { type Cred, FsError, ROOT } from './Types';

/** Root directory inode number, as on ext4. */
export const ROOT_INO = 2;

export interface MemFsOptions {
  /** Clock for timestamps, in ms since the epoch. Default: `Date.now`. */
  readonly now?: () => number;
  /** Credentials of the returned view. Default: root. */
  readonly cred?: Cred;
}

/** Metadata for privileged placement; anything left out defaults to root-owned, `now`, 0644/0755/0777. */
export interface EntryAttrs {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtimeMs?: number;
}

/** One node for `MemFs.fromEntries` / `addEntry`; missing parent directories are created (0755, root). */
export type MemFsEntry =
  | (EntryAttrs & { readonly path: string; readonly type: 'file'; readonly content?: Content | Uint8Array | string })
  | (EntryAttrs & { readonly path: string; readonly type: 'dir' })
  | (EntryAttrs & { readonly path: string; readonly type: 'symlink'; readonly target: string })
  /** A hard link to the existing path `target`. */
  | { readonly path: string; readonly type: 'hardlink'; readonly target: string }
  | (EntryAttrs & { readonly path: string; readonly type: 'chardev' | 'blockdev' | 'fifo' | 'socket'; readonly rdev?: number });

interface Shared {
  readonly store: MemStore;
  readonly now: () => number;
}

export class MemFs extends TreeFs<MemNode> {
  private readonly _shared: Shared;

  constructor(options: MemFsOptions = {}, shared?: Shared) {
    const sh: Shared =
      shared ??
      (() => {
        const now = options.now ?? (() => Date.now());
        const root = new MemNode(ROOT_INO, 'dir', 0o755, 0, 0, now());
        return { store: new MemStore(root, new InoCounter(ROOT_INO + 1)), now };
      })();
    super(sh.store, options.cred ?? ROOT, sh.now);
    this._shared = sh;
  }

  /** A tree built from entries in order (parents are created as needed). */
  static fromEntries(entries: Iterable<MemFsEntry>, options: MemFsOptions = {}): MemFs {
    const fs = new MemFs(options);
    for (const e of entries) fs.addEntry(e);
    return fs;
  }

  withCred(cred: Cred): MemFs {
    return new MemFs({ cred }, this._shared);
  }

  /** The root inode (for converting the tree into a layer; treat as read-only). */
  get rootNode(): MemNode {
    return this._shared.store.rootNode;
  }

  /** Inode allocator of this tree. */
  get inos(): InoCounter {
    return this._shared.store.inos;
  }

  /**
   * Engine-only: make `path` a regular file holding `content` (not copied, synthetic stays synthetic), replacing
   * an existing file's content and metadata. No permission checks; the parent must exist.
   */
  putContent(path: string, content: Content, attrs: EntryAttrs = {}): void {
    const w = this._rootWalk(path, true, 'open');
    const now = this.now();
    if (w.node !== undefined) {
      if (w.node.type === 'dir') throw new FsError('EISDIR', 'open', path);
      if (w.node.type !== 'file') throw new FsError('EEXIST', 'open', path);
      w.node.content = content;
      w.node.mode = (attrs.mode ?? w.node.mode) & 0o7777;
      w.node.uid = attrs.uid ?? w.node.uid;
      w.node.gid = attrs.gid ?? w.node.gid;
      w.node.mtimeMs = attrs.mtimeMs ?? now;
      return;
    }
    const node = newMemNode(this.inos.next(), {
      type: 'file',
      mode: (attrs.mode ?? 0o644) & 0o7777,
      uid: attrs.uid ?? 0,
      gid: attrs.gid ?? 0,
      mtimeMs: attrs.mtimeMs ?? now,
      content,
    });
    attach(w.parent, w.name, node);
    w.parent.mtimeMs = now;
  }

  /**
   * Engine-only builder: places one entry with exact metadata, creating missing parents (0755 root). An existing
   * directory at a `dir` entry's path gets the entry's metadata; any other existing node is replaced.
   */
  addEntry(entry: MemFsEntry): void {
    const now = this.now();
    const parent = this._mkdirs(parentOf(entry.path), now);
    const name = baseOf(entry.path);
    if (name === '') {
      if (entry.type !== 'dir') throw new FsError('EISDIR', 'open', entry.path);
      setAttrs(this.rootNode, entry, now);
      return;
    }
    const children = parent.children!;
    const existing = children.get(name);
    if (entry.type === 'hardlink') {
      const w = this._rootWalk(entry.target, false, 'link');
      if (w.node === undefined) throw new FsError('ENOENT', 'link', entry.target);
      if (w.node.type === 'dir') throw new FsError('EPERM', 'link', entry.target);
      if (existing === w.node) return;
      if (existing !== undefined) this._drop(parent, name, existing);
      attach(parent, name, w.node);
      w.node.nlink++;
      return;
    }
    if (entry.type === 'dir' && existing?.type === 'dir') {
      setAttrs(existing, entry, now);
      return;
    }
    if (existing !== undefined) this._drop(parent, name, existing);
    const base = { mode: entry.mode ?? defaultMode(entry.type), uid: entry.uid ?? 0, gid: entry.gid ?? 0, mtimeMs: entry.mtimeMs ?? now };
    let node: MemNode;
    switch (entry.type) {
      case 'file':
        node = newMemNode(this.inos.next(), { ...base, type: 'file', content: toContent(entry.content) });
        break;
      case 'dir':
        node = newMemNode(this.inos.next(), { ...base, type: 'dir' });
        break;
      case 'symlink':
        node = newMemNode(this.inos.next(), { ...base, type: 'symlink', target: entry.target });
        break;
      default:
        node = newMemNode(this.inos.next(), { ...base, type: entry.type, rdev: entry.rdev ?? 0 });
    }
    attach(parent, name, node);
  }

  private _drop(parent: MemNode, name: string, existing: MemNode): void {
    if (existing.type === 'dir' && existing.children!.size > 0) throw new FsError('ENOTEMPTY', 'rename', name);
    parent.children!.delete(name);
    if (existing.type === 'dir') parent.subdirs--;
    else existing.nlink--;
  }

  /** Walks as root without changing this view's credentials. */
  private _rootWalk(path: string, follow: boolean, syscall: string) {
    const root = this.cred.uid === 0 ? this : this.withCred(ROOT);
    return root.walk(path, syscall, follow ? WALK_FOLLOW : WALK_ENTRY);
  }

  /** The directory at `path`, creating missing components (0755 root, `now`); follows symlinks on the way. */
  private _mkdirs(path: string, now: number): MemNode {
    let dir = this.rootNode;
    let walked = '';
    for (const name of path.split('/').filter((p) => p !== '' && p !== '.')) {
      walked += '/' + name;
      const next = dir.children!.get(name);
      if (next === undefined) {
        const node = newMemNode(this.inos.next(), { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: now });
        attach(dir, name, node);
        dir = node;
      } else if (next.type === 'dir') {
        dir = next;
      } else if (next.type === 'symlink') {
        const w = this._rootWalk(walked, true, 'mkdir');
        if (w.node === undefined || w.node.type !== 'dir') throw new FsError('ENOTDIR', 'mkdir', walked);
        dir = w.node;
      } else {
        throw new FsError('ENOTDIR', 'mkdir', walked);
      }
    }
    return dir;
  }
}

function defaultMode(type: MemFsEntry['type']): number {
  return type === 'dir' ? 0o755 : type === 'symlink' ? 0o777 : 0o644;
}

function setAttrs(node: MemNode, a: EntryAttrs, now: number): void {
  node.mode = (a.mode ?? node.mode) & 0o7777;
  node.uid = a.uid ?? node.uid;
  node.gid = a.gid ?? node.gid;
  node.mtimeMs = a.mtimeMs ?? now;
}

function toContent(c: Content | Uint8Array | string | undefined): Content {
  if (c === undefined) return bytesContent(new Uint8Array(0));
  if (typeof c === 'string') return textContent(c);
  if (c instanceof Uint8Array) return bytesContent(c);
  return c;
}

function parentOf(path: string): string {
  const p = path.replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function baseOf(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}
