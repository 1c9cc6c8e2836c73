/**
 * A container's root filesystem: overlayfs over an image.
 *
 * lower = the image's merged layers (shared, read-only) + optionally the init layer; upper = a private mutable
 * `MemNode` tree. Lookups go top-down (upper, then lower unless a whiteout or an opaque directory hides it). The
 * first write, append, truncate, chmod, chown or utimes of a lower node copies it up (the whole file, as a shared
 * immutable `Content`, so O(1), plus any missing parent directories with their metadata; the inode number is kept,
 * as overlayfs does). Deleting a lower entry leaves a whiteout; creating a directory where a whiteout was makes it
 * opaque. Reads never copy. Starting a container costs O(1): one upper root node.
 *
 * Path walking, permissions and errno are `TreeFs`'s; this file only stores nodes.
 */

import type { Content } from './Content';
import { changesOf, type Change, layerFromMemNode } from './diff';
import type { LayerFile, LayerSymlink, LayerTree } from './LayerTree';
import { type MergedNode, MergedTree } from './MergedTree';
import { attach, detach, InoCounter, MemNode, newMemNode } from './MemTree';
import type { MetaPatch, NodeInit, NodeMeta, NodeStore } from './NodeStore';
import { TreeFs } from './TreeFs';
import { type Cred, ROOT, type Stat } from './Types';

/** A node as one operation sees it: its upper part and/or the lower node it shows through. */
export interface OvHandle {
  /** The directory it was looked up in (null for the root): copy-up follows this chain. */
  readonly parent: OvHandle | null;
  readonly name: string;
  /** The upper node (never a whiteout). */
  upper: MemNode | undefined;
  /** The lower node, when visible: for a directory with an upper part, only if that part is not opaque. */
  lower: MergedNode | undefined;
}

function pathOfHandle(h: OvHandle): string {
  let p = '';
  for (let x: OvHandle | null = h; x !== null && x.parent !== null; x = x.parent) p = '/' + x.name + p;
  return p === '' ? '/' : p;
}

function splitAbs(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

/**
 * A copy of a lower node's metadata as a fresh upper node, keeping its inode number as overlayfs does, except for
 * hard-linked lower files: copy-up breaks the link, and the copy must not claim the other names' inode.
 * Directories start empty.
 */
function copyOf(lower: MergedNode, tree: MergedTree, inos: InoCounter | undefined): MemNode {
  const i = lower.inode;
  const ino = lower.children === null && tree.nlink(lower) > 1 && inos !== undefined ? inos.next() : lower.ino;
  const n = new MemNode(ino, i.type, i.mode, i.uid, i.gid, i.mtimeMs);
  if (i.type === 'file') n.content = i.content;
  else if (i.type === 'symlink') n.target = i.target;
  else if (i.type !== 'dir') n.rdev = i.rdev;
  return n;
}

export class OverlayStore implements NodeStore<OvHandle> {
  readonly inos: InoCounter;

  constructor(
    /** Everything below the upper layer (image layers, then the init layer if any). */
    readonly lower: MergedTree,
    readonly upperRoot: MemNode,
    inos?: InoCounter,
  ) {
    this.inos = inos ?? new InoCounter(lower.inoLimit);
  }

  root(): OvHandle {
    return { parent: null, name: '', upper: this.upperRoot, lower: this.upperRoot.opaque ? undefined : this.lower.root };
  }

  info(h: OvHandle): Stat {
    const u = h.upper;
    if (u !== undefined) {
      const st = u.stat();
      if (u.type === 'dir' && h.lower?.children) return { ...st, nlink: 2 + this._countSubdirs(h) };
      return st;
    }
    const l = h.lower!;
    return {
      type: l.type,
      mode: l.mode,
      uid: l.uid,
      gid: l.gid,
      size: l.size,
      mtimeMs: l.mtimeMs,
      ino: l.ino,
      nlink: l.children !== null ? 2 + l.subdirs : this.lower.nlink(l),
      rdev: l.rdev,
    };
  }

  meta(h: OvHandle): NodeMeta {
    return h.upper ?? h.lower!;
  }

  private _countSubdirs(h: OvHandle): number {
    let n = 0;
    const uc = h.upper!.children!;
    for (const c of uc.values()) if (c.type === 'dir') n++;
    for (const [name, c] of h.lower!.children!) if (c.children !== null && !uc.has(name)) n++;
    return n;
  }

  lookup(dir: OvHandle, name: string): OvHandle | undefined {
    const u = dir.upper?.children?.get(name);
    if (u !== undefined) {
      if (u.type === 'whiteout') return undefined;
      let lower: MergedNode | undefined;
      if (u.type === 'dir' && !u.opaque) {
        const l = dir.lower?.children?.get(name);
        if (l?.children) lower = l;
      }
      return { parent: dir, name, upper: u, lower };
    }
    const l = dir.lower?.children?.get(name);
    return l === undefined ? undefined : { parent: dir, name, upper: undefined, lower: l };
  }

  list(dir: OvHandle): string[] {
    const out: string[] = [];
    const uc = dir.upper?.children;
    if (uc) for (const [name, c] of uc) if (c.type !== 'whiteout') out.push(name);
    const lc = dir.lower?.children;
    if (lc) for (const name of lc.keys()) if (!uc?.has(name)) out.push(name);
    return out;
  }

  isEmpty(dir: OvHandle): boolean {
    const uc = dir.upper?.children;
    if (uc) for (const c of uc.values()) if (c.type !== 'whiteout') return false;
    const lc = dir.lower?.children;
    if (lc) for (const name of lc.keys()) if (!uc?.has(name)) return false;
    return true;
  }

  content(file: OvHandle): Content {
    return file.upper ? file.upper.content : (file.lower!.inode as LayerFile).content;
  }

  readlink(link: OvHandle): string {
    return link.upper ? link.upper.target : (link.lower!.inode as LayerSymlink).target;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Copy-up

  /**
   * The handle's upper node, copying it up first if it only exists below, after its parent directories (metadata
   * only; copy-up leaves the parents' mtimes alone).
   */
  private _up(h: OvHandle): MemNode {
    if (h.parent === null) return (h.upper = this.upperRoot);
    if (h.upper !== undefined) return h.upper;
    const parent = this._up(h.parent);
    // Another handle of the same operation may have copied it up already.
    const existing = parent.children!.get(h.name);
    if (existing !== undefined && existing.type !== 'whiteout') {
      h.upper = existing;
      if (existing.type !== 'dir' || existing.opaque) h.lower = undefined;
      return existing;
    }
    const lower = h.lower;
    if (lower === undefined) throw new Error(`overlay: nothing to copy up at ${pathOfHandle(h)}`);
    const copy = copyOf(lower, this.lower, this.inos);
    attach(parent, h.name, copy);
    h.upper = copy;
    if (copy.type !== 'dir') h.lower = undefined;
    return copy;
  }

  /** A full copy of a (possibly merged) directory's union into the upper layer, for renaming it. */
  private _upTree(h: OvHandle): MemNode {
    const u = this._up(h);
    if (u.type !== 'dir' || h.lower === undefined) return u;
    const shared = new Map<MergedNode, MemNode>();
    const fill = (up: MemNode, low: MergedNode) => {
      for (const [name, lc] of low.children!) {
        const existing = up.children!.get(name);
        if (existing === undefined) attach(up, name, this._deepCopy(lc, shared));
        else if (existing.type === 'dir' && !existing.opaque && lc.children !== null) fill(existing, lc);
      }
    };
    fill(u, h.lower);
    // Everything visible is now in the upper tree: nothing below may show through at the new place.
    h.lower = undefined;
    return u;
  }

  private _deepCopy(l: MergedNode, shared: Map<MergedNode, MemNode>): MemNode {
    if (l.children === null) {
      const known = shared.get(l);
      if (known !== undefined) {
        known.nlink++;
        return known;
      }
      const n = copyOf(l, this.lower, this.inos);
      shared.set(l, n);
      return n;
    }
    const d = copyOf(l, this.lower, this.inos);
    for (const [name, c] of l.children) attach(d, name, this._deepCopy(c, shared));
    return d;
  }

  private _lowerHas(dir: OvHandle, name: string): boolean {
    // `dir.lower` is only set while the upper part (if any) is not opaque, so this is "visible below".
    return dir.lower?.children?.has(name) === true;
  }

  private _whiteout(): MemNode {
    return new MemNode(0, 'whiteout', 0, 0, 0, 0);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Mutations

  create(dir: OvHandle, name: string, init: NodeInit, now: number): OvHandle {
    const u = this._up(dir);
    const prev = u.children!.get(name);
    if (prev !== undefined) detach(u, name); // a whiteout: the new node takes its place
    const node = newMemNode(this.inos.next(), init);
    // A directory created where a lower entry was deleted must not show the lower one's children.
    if (node.type === 'dir' && (prev?.type === 'whiteout' || this._lowerHas(dir, name))) node.opaque = true;
    attach(u, name, node);
    u.mtimeMs = now;
    return { parent: dir, name, upper: node, lower: undefined };
  }

  link(dir: OvHandle, name: string, target: OvHandle, now: number): void {
    const t = this._up(target);
    const u = this._up(dir);
    if (u.children!.get(name)?.type === 'whiteout') detach(u, name);
    attach(u, name, t);
    t.nlink++;
    u.mtimeMs = now;
  }

  remove(dir: OvHandle, name: string, now: number): void {
    const u = this._up(dir);
    const lowerHas = this._lowerHas(dir, name);
    if (u.children!.has(name)) detach(u, name);
    if (lowerHas) attach(u, name, this._whiteout());
    u.mtimeMs = now;
  }

  rename(fromDir: OvHandle, fromName: string, toDir: OvHandle, toName: string, now: number): void {
    const src = this.lookup(fromDir, fromName);
    if (src === undefined) return;
    const node = src.upper?.type === 'dir' || src.lower?.children ? this._upTree(src) : this._up(src);
    const fu = this._up(fromDir);
    const srcLowerHas = this._lowerHas(fromDir, fromName);
    detach(fu, fromName);
    if (node.type !== 'dir') node.nlink++; // detach counted an unlink; a move keeps the link
    if (srcLowerHas) attach(fu, fromName, this._whiteout());
    fu.mtimeMs = now;
    const tu = this._up(toDir);
    const prev = tu.children!.get(toName);
    if (prev !== undefined) detach(tu, toName);
    if (node.type === 'dir' && (prev?.type === 'whiteout' || this._lowerHas(toDir, toName))) node.opaque = true;
    attach(tu, toName, node);
    tu.mtimeMs = now;
  }

  setContent(file: OvHandle, content: Content, now: number): void {
    const n = this._up(file);
    n.content = content;
    n.mtimeMs = now;
  }

  setMeta(h: OvHandle, patch: MetaPatch): void {
    const n = this._up(h);
    if (patch.mode !== undefined) n.mode = patch.mode & 0o7777;
    if (patch.uid !== undefined) n.uid = patch.uid;
    if (patch.gid !== undefined) n.gid = patch.gid;
    if (patch.mtimeMs !== undefined) n.mtimeMs = patch.mtimeMs;
  }
}

export interface OverlayFsOptions {
  /** The image's merged layers (`mergeLayers(image.layers)`), shared by every container of the image. */
  readonly image: MergedTree;
  /** The init layer (`initLayer()`), placed between the image and the upper layer; omitted: none. */
  readonly init?: LayerTree;
  /** Clock for timestamps (ms). Default `Date.now`. */
  readonly now?: () => number;
  /** Default root. */
  readonly cred?: Cred;
}

export class OverlayFs extends TreeFs<OvHandle> {
  /** The image's merged layers (without the init layer). */
  readonly image: MergedTree;
  private readonly _ovs: OverlayStore;
  private readonly _now: () => number;

  constructor(options: OverlayFsOptions);
  constructor(options: OverlayFsOptions, shared: OverlayStore);
  constructor(options: OverlayFsOptions, shared?: OverlayStore) {
    const now = options.now ?? (() => Date.now());
    const store =
      shared ??
      (() => {
        const lower = options.init ? options.image.append(options.init) : options.image;
        // The upper root starts as a copy of the lower root's metadata (as Docker creates the diff dir).
        return new OverlayStore(lower, copyOf(lower.root, lower, undefined));
      })();
    super(store, options.cred ?? ROOT, now);
    this.image = options.image;
    this._ovs = store;
    this._now = now;
  }

  withCred(cred: Cred): OverlayFs {
    return new OverlayFs({ image: this.image, now: this._now, cred }, this._ovs);
  }

  /** Everything below the upper layer: the image, then the init layer if any. */
  get lower(): MergedTree {
    return this._ovs.lower;
  }

  /** Inode numbers for nodes new to the upper layer (restoring a saved writable layer takes them from here). */
  get inos(): InoCounter {
    return this._ovs.inos;
  }

  /** The container's writable layer (read it, don't mutate it). */
  get upper(): MemNode {
    return this._ovs.upperRoot;
  }

  /** `docker diff`: the changes of the upper layer against everything below it. */
  diff(): Change[] {
    return changesOf(this._ovs.upperRoot, this._ovs.lower);
  }

  /** The upper layer as an immutable layer (whiteouts and opaque markers included), for commit and build steps. */
  commit(): LayerTree {
    return layerFromMemNode(this._ovs.upperRoot);
  }

  /**
   * Where the entry at `path` (not following a final symlink) comes from: `'upper'` (the container wrote it) or
   * the index of a lower layer (`lower.layers`), for the layer explorer. Undefined when it does not exist.
   */
  originOf(path: string): 'upper' | number | undefined {
    let h: OvHandle | undefined = this._ovs.root();
    for (const name of splitAbs(path)) {
      if (h === undefined) return undefined;
      h = this._ovs.lookup(h, name);
    }
    if (h === undefined) return undefined;
    return h.upper !== undefined ? 'upper' : h.lower!.layer;
  }
}
