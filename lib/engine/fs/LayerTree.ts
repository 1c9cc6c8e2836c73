/**
 * Layers as immutable trees, and their conversion to and from tar-like entry lists.
 *
 * A layer is a changeset relative to the layers below it (OCI image-spec layer.md): files, directories, symlinks,
 * hard links and devices, plus whiteouts (`.wh.<name>` in a tar: "delete <name> from lower layers") and opaque
 * directories (`<dir>/.wh..wh..opq`: "hide every lower child of <dir>"). A `LayerTree` holds that changeset as a
 * tree of immutable nodes; hard links inside one layer share a node; whiteouts and opaque flags are first-class.
 *
 * The byte-level tar codec lives elsewhere and maps tar headers to/from `TarLikeEntry`; everything about whiteout
 * naming conventions lives here, as pure functions over entry lists.
 */

import { type Content, EMPTY_CONTENT } from './Content';
import { normalize } from './path';

// ---------------------------------------------------------------------------------------------------------------
// Tar-like entries

export type TarLikeType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';

/**
 * One tar member as the codec sees it, whiteouts included (as `.wh.` files). `path` is relative (`etc/passwd`,
 * no leading `/` or `./`, no trailing `/` for directories: the codec adds it). `linkTarget` is the symlink target,
 * or for a hard link the relative path of the member it links to. `mtimeMs` is in milliseconds (tar keeps seconds).
 */
export interface TarLikeEntry {
  readonly path: string;
  readonly type: TarLikeType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  /** Regular files only (size = content.size). */
  readonly content?: Content;
  readonly linkTarget?: string;
  /** Devices only: `major << 8 | minor`. */
  readonly rdev?: number;
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
/** AUFS metadata (`.wh..wh.plnk`, ...) starts with this and is never extracted. */
const WHITEOUT_META_PREFIX = '.wh..wh.';

/** A layer that cannot be applied, with the engine's message (Docker's wording where Docker has one). */
export class InvalidLayerError extends Error {
  override readonly name = 'InvalidLayerError';
}

// ---------------------------------------------------------------------------------------------------------------
// Layer nodes

export interface LayerAttrs {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
}

interface Keyed {
  /** Index of this inode within its layer (hard links share it); inode numbers are derived from it. */
  readonly key: number;
}

export interface LayerFile extends LayerAttrs, Keyed {
  readonly type: 'file';
  readonly content: Content;
}
export interface LayerSymlink extends LayerAttrs, Keyed {
  readonly type: 'symlink';
  readonly target: string;
}
export interface LayerDevice extends LayerAttrs, Keyed {
  readonly type: 'chardev' | 'blockdev' | 'fifo' | 'socket';
  readonly rdev: number;
}
export interface LayerDir extends LayerAttrs, Keyed {
  readonly type: 'dir';
  readonly children: ReadonlyMap<string, LayerEntry>;
  /** Lower-layer children are hidden (`.wh..wh..opq`). */
  readonly opaque: boolean;
  /** False when the directory only exists as a parent of other entries: it does not override lower metadata. */
  readonly explicit: boolean;
}
/** `.wh.<name>`: the name is deleted from lower layers. */
export interface LayerWhiteout {
  readonly type: 'whiteout';
}
/** A hard link to a path that is not in this layer (it resolves against the layers below). */
export interface LayerLowerLink {
  readonly type: 'hardlink';
  /** Absolute path. */
  readonly target: string;
}

export type LayerInode = LayerFile | LayerSymlink | LayerDevice | LayerDir;
export type LayerEntry = LayerInode | LayerWhiteout | LayerLowerLink;

/** Metadata of directories a layer needs but does not describe (what Docker's applier uses for missing parents). */
export const IMPLICIT_DIR: LayerAttrs = Object.freeze({ mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 });

export class LayerTree {
  static readonly EMPTY: LayerTree = new LayerTree(
    { type: 'dir', key: 0, mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, children: new Map(), opaque: false, explicit: false },
    1,
  );

  private _size: number | undefined;

  /** Use `LayerBuilder`, `layerFromEntries` or `layerFromMemNode`. */
  constructor(
    readonly root: LayerDir,
    /** Number of keys handed out (inode keys are `0 .. keyCount-1`). */
    readonly keyCount: number,
  ) {}

  /** The entry at an absolute path (lexical; no symlinks), or undefined. `/` is the root directory. */
  get(path: string): LayerEntry | undefined {
    let node: LayerEntry = this.root;
    for (const name of splitAbs(path)) {
      if (node.type !== 'dir') return undefined;
      const next: LayerEntry | undefined = node.children.get(name);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  /** True when the layer changes nothing (no entries at all, and the root is not opaque). */
  get isEmpty(): boolean {
    return this.root.children.size === 0 && !this.root.opaque && !this.root.explicit;
  }

  /** Bytes of regular files, each inode once (what `docker history`/`docker images` add up). */
  get size(): number {
    if (this._size === undefined) {
      let total = 0;
      const seen = new Set<LayerInode>();
      visit(this.root, '', (_p, e) => {
        if (e.type === 'file' && !seen.has(e)) {
          seen.add(e);
          total += e.content.size;
        }
      });
      this._size = total;
    }
    return this._size;
  }

  /** Every entry, parents before children, siblings sorted; paths absolute. */
  *walk(): Generator<[string, LayerEntry]> {
    yield* walkDir(this.root, '/');
  }

  /** The tar members that describe this layer (see `layerToEntries`). */
  toEntries(): TarLikeEntry[] {
    return layerToEntries(this);
  }
}

function* walkDir(dir: LayerDir, path: string): Generator<[string, LayerEntry]> {
  for (const name of [...dir.children.keys()].sort()) {
    const e = dir.children.get(name)!;
    const p = path === '/' ? `/${name}` : `${path}/${name}`;
    yield [p, e];
    if (e.type === 'dir') yield* walkDir(e, p);
  }
}

function visit(dir: LayerDir, path: string, f: (path: string, e: LayerEntry) => void): void {
  for (const [name, e] of dir.children) {
    const p = `${path}/${name}`;
    f(p, e);
    if (e.type === 'dir') visit(e, p, f);
  }
}

function splitAbs(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

// ---------------------------------------------------------------------------------------------------------------
// Building

interface MutDir {
  type: 'dir';
  key: number;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  children: Map<string, MutEntry>;
  opaque: boolean;
  explicit: boolean;
}
type MutEntry = MutDir | LayerFile | LayerSymlink | LayerDevice | LayerWhiteout | LayerLowerLink;

export type LayerNodeSpec =
  | (LayerAttrs & { readonly type: 'file'; readonly content?: Content })
  | (LayerAttrs & { readonly type: 'dir'; readonly opaque?: boolean })
  | (LayerAttrs & { readonly type: 'symlink'; readonly target: string })
  | (LayerAttrs & { readonly type: 'chardev' | 'blockdev' | 'fifo' | 'socket'; readonly rdev?: number });

const WHITEOUT: LayerWhiteout = Object.freeze({ type: 'whiteout' });

/**
 * Builds one layer. Later additions at the same path replace earlier ones (a directory over a directory merges:
 * new metadata, children kept), as extracting a tar does. `freeze()` returns the immutable tree.
 */
export class LayerBuilder {
  private readonly _root: MutDir;
  private _keys = 1;
  private _frozen = false;

  constructor() {
    this._root = { type: 'dir', key: 0, ...IMPLICIT_DIR, children: new Map(), opaque: false, explicit: false };
  }

  /** Adds a node at an absolute path; missing parents become implicit directories. */
  add(path: string, spec: LayerNodeSpec): void {
    const { parent, name } = this._parentOf(path);
    const attrs = { mode: spec.mode & 0o7777, uid: spec.uid, gid: spec.gid, mtimeMs: spec.mtimeMs };
    if (name === '') {
      if (spec.type !== 'dir') throw new InvalidLayerError(`cannot replace the root directory with a ${spec.type}`);
      Object.assign(this._root, attrs, { explicit: true });
      if (spec.opaque) this._root.opaque = true;
      return;
    }
    const existing = parent.children.get(name);
    if (spec.type === 'dir') {
      if (existing?.type === 'dir') {
        Object.assign(existing, attrs, { explicit: true });
        if (spec.opaque) existing.opaque = true;
        return;
      }
      // A directory over a whiteout in the same layer replaces the lower one entirely: opaque.
      const dir: MutDir = { type: 'dir', key: this._keys++, ...attrs, children: new Map(), opaque: spec.opaque === true || existing?.type === 'whiteout', explicit: true };
      parent.children.set(name, dir);
      return;
    }
    let node: LayerInode;
    const key = this._keys++;
    switch (spec.type) {
      case 'file':
        node = { type: 'file', key, ...attrs, content: spec.content ?? EMPTY_CONTENT };
        break;
      case 'symlink':
        node = { type: 'symlink', key, ...attrs, target: spec.target };
        break;
      default:
        node = { type: spec.type, key, ...attrs, rdev: spec.rdev ?? 0 };
    }
    parent.children.set(name, Object.freeze(node));
  }

  /** Adds a hard link at `path` to the node at absolute path `target` (in this layer if present, else below). */
  link(path: string, target: string): void {
    const { parent, name } = this._parentOf(path);
    if (name === '') throw new InvalidLayerError('cannot hard-link the root directory');
    const t = this._get(target);
    if (t !== undefined && t.type !== 'whiteout' && t.type !== 'hardlink') {
      if (t.type === 'dir') throw new InvalidLayerError(`hard link to a directory: ${target}`);
      parent.children.set(name, t);
      return;
    }
    if (t?.type === 'hardlink') {
      parent.children.set(name, t);
      return;
    }
    parent.children.set(name, { type: 'hardlink', target: normalize('/' + target) });
  }

  /** Records `.wh.<name>`: deletes `path` from lower layers (an entry of this layer at `path` is kept). */
  whiteout(path: string): void {
    const { parent, name } = this._parentOf(path);
    if (name === '') throw new InvalidLayerError('cannot white out the root directory');
    const existing = parent.children.get(name);
    if (existing === undefined || existing.type === 'whiteout' || existing.type === 'hardlink') {
      if (existing === undefined) parent.children.set(name, WHITEOUT);
      return;
    }
    // The layer both deletes the lower entry and provides its own: a directory becomes opaque, anything else
    // already replaces the lower entry.
    if (existing.type === 'dir') existing.opaque = true;
  }

  /** Records `<path>/.wh..wh..opq`. */
  opaque(path: string): void {
    const dir = this._dirAt(path);
    dir.opaque = true;
  }

  freeze(): LayerTree {
    if (this._frozen) throw new Error('LayerBuilder.freeze called twice');
    this._frozen = true;
    return new LayerTree(freezeDir(this._root), this._keys);
  }

  private _get(path: string): MutEntry | undefined {
    let node: MutEntry = this._root;
    for (const name of splitAbs(path)) {
      if (node.type !== 'dir') return undefined;
      const next: MutEntry | undefined = node.children.get(name);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  private _dirAt(path: string): MutDir {
    let dir = this._root;
    for (const name of splitAbs(path)) {
      const next = dir.children.get(name);
      if (next?.type === 'dir') {
        dir = next;
        continue;
      }
      // Missing (or a whiteout of the same name: the layer re-creates it, so it is opaque) -> implicit directory.
      const created: MutDir = { type: 'dir', key: this._keys++, ...IMPLICIT_DIR, children: new Map(), opaque: next?.type === 'whiteout', explicit: false };
      if (next !== undefined && next.type !== 'whiteout') {
        throw new InvalidLayerError(`${path}: a parent is not a directory in this layer`);
      }
      dir.children.set(name, created);
      dir = created;
    }
    return dir;
  }

  private _parentOf(path: string): { parent: MutDir; name: string } {
    const parts = splitAbs(normalize('/' + path));
    if (parts.length === 0) return { parent: this._root, name: '' };
    const name = parts.pop()!;
    return { parent: this._dirAt('/' + parts.join('/')), name };
  }
}

function freezeDir(d: MutDir): LayerDir {
  const children = new Map<string, LayerEntry>();
  for (const [name, e] of d.children) children.set(name, e.type === 'dir' ? freezeDir(e) : e);
  return Object.freeze({ type: 'dir', key: d.key, mode: d.mode, uid: d.uid, gid: d.gid, mtimeMs: d.mtimeMs, children, opaque: d.opaque, explicit: d.explicit });
}

// ---------------------------------------------------------------------------------------------------------------
// Entry lists <-> trees

/** Reads a layer from tar members, interpreting `.wh.` whiteouts and `.wh..wh..opq` opaque markers. */
export function layerFromEntries(entries: Iterable<TarLikeEntry>): LayerTree {
  const b = new LayerBuilder();
  const links: TarLikeEntry[] = [];
  for (const e of entries) {
    const rel = normalize(e.path.replace(/^\/+/, ''));
    if (rel === '..' || rel.startsWith('../')) throw new InvalidLayerError(`invalid path "${e.path}"`);
    const path = rel === '.' ? '/' : '/' + rel;
    // AUFS metadata (`.wh..wh.plnk/...`, `.wh..wh.aufs`) at the top level is never extracted.
    if (rel.startsWith(WHITEOUT_META_PREFIX) && rel !== OPAQUE_MARKER) continue;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (name.startsWith(WHITEOUT_PREFIX)) {
      if (name === OPAQUE_MARKER) {
        b.opaque(parent);
        continue;
      }
      if (name.startsWith(WHITEOUT_META_PREFIX)) continue; // other `.wh..wh.` names: metadata, never extracted
      const victim = name.slice(WHITEOUT_PREFIX.length);
      if (victim === '' || victim === '.' || victim === '..') throw new InvalidLayerError(`invalid whiteout entry "${name}"`);
      b.whiteout(parent === '/' ? `/${victim}` : `${parent}/${victim}`);
      continue;
    }
    const attrs = { mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs };
    switch (e.type) {
      case 'file':
        b.add(path, { type: 'file', ...attrs, content: e.content ?? EMPTY_CONTENT });
        break;
      case 'dir':
        b.add(path, { type: 'dir', ...attrs });
        break;
      case 'symlink':
        b.add(path, { type: 'symlink', ...attrs, target: e.linkTarget ?? '' });
        break;
      case 'hardlink':
        links.push(e);
        // Order matters only relative to later entries at the same path; resolve after all members are read.
        break;
      default:
        b.add(path, { type: e.type, ...attrs, rdev: e.rdev ?? 0 });
    }
  }
  for (const e of links) {
    if (e.linkTarget === undefined || e.linkTarget === '') throw new InvalidLayerError(`hard link without a target: ${e.path}`);
    b.link(normalize('/' + e.path), normalize('/' + e.linkTarget));
  }
  return b.freeze();
}

/**
 * The tar members describing a layer, deterministically: depth-first, each directory before its contents, the
 * opaque marker right after its directory, siblings sorted by member name. Whiteouts become empty `.wh.<name>`
 * files (mode 0600, root, the parent's mtime); the second and later names of a hard-linked inode become `hardlink`
 * members pointing at the first. An explicit root directory is the member `.`. Implicit directories are not emitted (emitting them would
 * make them override lower metadata when read back), so `layerFromEntries(layerToEntries(l))` describes `l` exactly.
 * Layers made from an overlay's upper directory have every parent explicit, as Docker's do.
 */
export function layerToEntries(layer: LayerTree): TarLikeEntry[] {
  const out: TarLikeEntry[] = [];
  const firstPath = new Map<LayerInode, string>();
  const emitDir = (dir: LayerDir, rel: string) => {
    if (dir.opaque) {
      const path = rel === '' ? OPAQUE_MARKER : `${rel}/${OPAQUE_MARKER}`;
      out.push({ path, type: 'file', mode: dir.mode, uid: dir.uid, gid: dir.gid, mtimeMs: dir.mtimeMs, content: EMPTY_CONTENT });
    }
    const named = [...dir.children].map(([name, e]) => [e.type === 'whiteout' ? WHITEOUT_PREFIX + name : name, name, e] as const);
    named.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [member, , e] of named) {
      const path = rel === '' ? member : `${rel}/${member}`;
      switch (e.type) {
        case 'whiteout':
          out.push({ path, type: 'file', mode: 0o600, uid: 0, gid: 0, mtimeMs: dir.mtimeMs, content: EMPTY_CONTENT });
          break;
        case 'hardlink':
          out.push({ path, type: 'hardlink', mode: 0, uid: 0, gid: 0, mtimeMs: 0, linkTarget: e.target.slice(1) });
          break;
        case 'dir':
          if (e.explicit) out.push({ path, type: 'dir', mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs });
          emitDir(e, path);
          break;
        default: {
          const first = firstPath.get(e);
          if (first !== undefined) {
            out.push({ path, type: 'hardlink', mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, linkTarget: first });
            break;
          }
          firstPath.set(e, path);
          const base = { path, mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs };
          if (e.type === 'file') out.push({ ...base, type: 'file', content: e.content });
          else if (e.type === 'symlink') out.push({ ...base, type: 'symlink', linkTarget: e.target });
          else if (e.type !== 'socket') out.push({ ...base, type: e.type, rdev: e.rdev }); // tar cannot hold sockets
        }
      }
    }
  };
  const root = layer.root;
  if (root.explicit) out.push({ path: '.', type: 'dir', mode: root.mode, uid: root.uid, gid: root.gid, mtimeMs: root.mtimeMs });
  emitDir(root, '');
  return out;
}
