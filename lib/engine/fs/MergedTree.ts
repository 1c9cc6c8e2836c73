/**
 * The read-only union of an image's layers: one tree in which every path resolves in O(depth), whatever the
 * number of layers, and which remembers for each node the layer it came from.
 *
 * Built incrementally and persistently: `tree.append(layer)` copies only the directories the layer touches and
 * shares every other subtree with `tree`. Appends are memoised per (tree, layer), so `mergeLayers` over an image's
 * layers runs once per image, images that share base layers share their merged prefixes, and every container of an
 * image reads the same tree.
 */

import { InvalidLayerError, type LayerDir, type LayerInode, LayerTree } from './LayerTree';
import { symlinkSize } from './symlinkSize';

export interface MergedNode {
  // Copies of the inode's type, bits and owner, so path walks read one object shape (fast property access).
  readonly type: LayerInode['type'];
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** As stat shows them: bytes of a file, target length of a symlink, 4096 for a directory, 0 otherwise. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly rdev: number;
  /**
   * Attributes and data: the file, symlink or device itself, or for a directory the topmost layer's description of
   * it (its `children` are that layer's only: use `MergedNode.children` for the union).
   */
  readonly inode: LayerInode;
  /** Index (in `MergedTree.layers`) of the layer this node comes from; -1 for the root of an empty stack. */
  readonly layer: number;
  readonly ino: number;
  /** Directories: the merged children. Null for everything else. */
  readonly children: ReadonlyMap<string, MergedNode> | null;
  /** Directories: how many children are directories (nlink = 2 + subdirs). */
  readonly subdirs: number;
}

/** Inode numbers: layer `i`'s inode keys live in `[(i+1)*INO_STRIDE, (i+2)*INO_STRIDE)`; the root is 2. */
export const INO_STRIDE = 2 ** 24;
export const ROOT_INO = 2;

export function inoOf(layerIndex: number, key: number): number {
  return (layerIndex + 1) * INO_STRIDE + key;
}

/** The one place merged nodes are made, so they all share one hidden class. */
function node(inode: LayerInode, layer: number, ino: number, children: ReadonlyMap<string, MergedNode> | null, subdirs: number): MergedNode {
  const size = inode.type === 'file' ? inode.content.size : inode.type === 'dir' ? 4096 : inode.type === 'symlink' ? symlinkSize(inode.target) : 0;
  const rdev = inode.type === 'chardev' || inode.type === 'blockdev' ? inode.rdev : 0;
  return { type: inode.type, mode: inode.mode, uid: inode.uid, gid: inode.gid, size, mtimeMs: inode.mtimeMs, rdev, inode, layer, ino, children, subdirs };
}

const memo = new WeakMap<MergedTree, WeakMap<LayerTree, MergedTree>>();

export class MergedTree {
  static readonly EMPTY: MergedTree = new MergedTree(
    node(LayerTree.EMPTY.root, -1, ROOT_INO, new Map(), 0),
    [],
    new Map(),
  );

  private constructor(
    readonly root: MergedNode,
    readonly layers: readonly LayerTree[],
    /** Paths of every inode visible under more than one name (hard links). */
    private readonly _links: ReadonlyMap<MergedNode, readonly string[]>,
  ) {}

  /** The node at an absolute path (lexical: symlinks are not followed), or undefined. */
  get(path: string): MergedNode | undefined {
    let node = this.root;
    for (const name of path.split('/')) {
      if (name === '' || name === '.') continue;
      const next = node.children?.get(name);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  /** Which layer a path comes from (index into `layers`), or undefined when it does not exist. */
  layerOf(path: string): number | undefined {
    return this.get(path)?.layer;
  }

  /** Link count of a non-directory node; for directories use 2 + `subdirs`. */
  nlink(node: MergedNode): number {
    return this._links.get(node)?.length ?? 1;
  }

  /** Inode numbers at or above this are free for an overlay's upper layer. */
  get inoLimit(): number {
    return inoOf(this.layers.length, 0) + INO_STRIDE;
  }

  /** This tree with `layer` applied on top (memoised: the same inputs give the same object). */
  append(layer: LayerTree): MergedTree {
    let byLayer = memo.get(this);
    if (byLayer === undefined) {
      byLayer = new WeakMap();
      memo.set(this, byLayer);
    }
    let out = byLayer.get(layer);
    if (out === undefined) {
      out = this._merge(layer);
      byLayer.set(layer, out);
    }
    return out;
  }

  private _merge(layer: LayerTree): MergedTree {
    const index = this.layers.length;
    const placed = new Map<LayerInode, { node: MergedNode; paths: string[] }>();
    const lowerLinks: [MergedNode, string, string][] = [];
    const base = this;

    const nodeFor = (inode: LayerInode, path: string): MergedNode => {
      let p = placed.get(inode);
      if (p === undefined) {
        p = { node: node(inode, index, inoOf(index, inode.key), null, 0), paths: [] };
        placed.set(inode, p);
      }
      p.paths.push(path);
      return p.node;
    };

    const mergeDir = (below: MergedNode | undefined, dir: LayerDir, path: string, isRoot: boolean): MergedNode => {
      const keep = below !== undefined && !dir.opaque;
      const children = keep ? new Map(below.children!) : new Map<string, MergedNode>();
      let subdirs = keep ? below.subdirs : 0;
      for (const [name, e] of dir.children) {
        const prev = children.get(name);
        const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
        let next: MergedNode;
        if (e.type === 'whiteout') {
          if (prev !== undefined) {
            children.delete(name);
            if (prev.children !== null) subdirs--;
          }
          continue;
        } else if (e.type === 'hardlink') {
          const target = base.get(e.target);
          if (target === undefined || target.children !== null) {
            throw new InvalidLayerError(`hard link target not found in lower layers: ${e.target}`);
          }
          lowerLinks.push([target, e.target, childPath]);
          next = target;
        } else if (e.type === 'dir') {
          next = mergeDir(prev?.children ? prev : undefined, e, childPath, false);
        } else {
          next = nodeFor(e, childPath);
        }
        if (prev?.children) subdirs--;
        if (next.children !== null) subdirs++;
        children.set(name, next);
      }
      const fromBelow = below !== undefined && !dir.explicit;
      return node(
        fromBelow ? below.inode : dir,
        fromBelow ? below.layer : index,
        isRoot ? ROOT_INO : (below?.ino ?? inoOf(index, dir.key)),
        children,
        subdirs,
      );
    };

    const root = mergeDir(this.root, layer.root, '/', true);
    const tree = new MergedTree(root, [...this.layers, layer], new Map());

    // Link counts: carry the known multi-name inodes forward, add this layer's, keep names that still resolve.
    const candidates = new Map<MergedNode, string[]>();
    for (const [node, paths] of this._links) candidates.set(node, [...paths]);
    for (const { node, paths } of placed.values()) if (paths.length > 1) candidates.set(node, [...(candidates.get(node) ?? []), ...paths]);
    for (const [node, targetPath, path] of lowerLinks) {
      const known = candidates.get(node) ?? [targetPath];
      candidates.set(node, [...known, path]);
    }
    const links = new Map<MergedNode, readonly string[]>();
    for (const [node, paths] of candidates) {
      const alive = [...new Set(paths)].filter((p) => tree.get(p) === node).sort();
      if (alive.length > 1) links.set(node, alive);
    }
    return links.size === 0 ? tree : new MergedTree(root, tree.layers, links);
  }
}

/** The union of `layers` (bottom to top); memoised, so an image's stack is merged once. */
export function mergeLayers(layers: readonly LayerTree[]): MergedTree {
  let t = MergedTree.EMPTY;
  for (const l of layers) t = t.append(l);
  return t;
}
