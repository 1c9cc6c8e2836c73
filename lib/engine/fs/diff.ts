/**
 * What a container changed: `docker diff` and the layer `docker commit` (and every build step) records.
 *
 * Both read only the upper layer: anything not in it is identical to the layers below. Changes are decided the way
 * Docker's naive diff decides them (go-archive changes.go): a path is A when the layers below do not have it, C
 * when mode (including type), uid, gid, rdev, or for non-directories size or mtime differ, D when deleted. Every
 * directory with a change inside is C (before its children); an added directory's contents are A; deletions of a
 * directory come after its surviving children; a deleted directory is one D. Siblings are sorted.
 */

import { EMPTY_CONTENT } from './Content';
import { IMPLICIT_DIR, type LayerDir, type LayerEntry, type LayerInode, LayerTree } from './LayerTree';
import type { MergedNode, MergedTree } from './MergedTree';
import type { MemNode } from './MemTree';
import { symlinkSize } from './symlinkSize';

export interface Change {
  readonly kind: 'A' | 'C' | 'D';
  /** Absolute path. */
  readonly path: string;
}

function join(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function sortedNames(m: ReadonlyMap<string, unknown>): string[] {
  return [...m.keys()].sort();
}

/** go-archive sameFsTimeSpec at millisecond resolution: equal seconds, and equal fractions unless one is zero. */
function sameTime(a: number, b: number): boolean {
  const sa = Math.floor(a / 1000);
  const sb = Math.floor(b / 1000);
  if (sa !== sb) return false;
  const fa = a - sa * 1000;
  const fb = b - sb * 1000;
  return fa === fb || fa === 0 || fb === 0;
}

function statDifferent(u: MemNode, l: MergedNode): boolean {
  if (u.type !== l.type || u.mode !== l.mode || u.uid !== l.uid || u.gid !== l.gid) return true;
  if (u.rdev !== l.rdev) return true;
  if (u.type === 'dir') return false; // size and mtime of directories are not a measure of change
  const usize = u.type === 'file' ? u.content.size : u.type === 'symlink' ? symlinkSize(u.target) : 0;
  return usize !== l.size || !sameTime(u.mtimeMs, l.mtimeMs);
}

/** `docker diff` of an upper layer against the tree below it. */
export function changesOf(upper: MemNode, lower: MergedTree): Change[] {
  const out: Change[] = [];
  diffDir(upper, lower.root, '/', false, out);
  return out;
}

/**
 * `hidden`: an ancestor is opaque, so this directory shows nothing of the layers below even though it is not marked
 * opaque itself (a directory made inside an opaque one needs no mark of its own).
 */
function diffDir(u: MemNode, l: MergedNode | undefined, path: string, hidden: boolean, out: Change[]): void {
  const hides = hidden || u.opaque === true;
  const children = u.children!;
  for (const name of sortedNames(children)) {
    const c = children.get(name)!;
    if (c.type === 'whiteout') continue;
    const p = join(path, name);
    const lc = l?.children?.get(name);
    if (lc === undefined) {
      out.push({ kind: 'A', path: p });
      if (c.type === 'dir') addAll(c, p, out);
      continue;
    }
    const start = out.length;
    const modified = statDifferent(c, lc);
    if (modified) out.push({ kind: 'C', path: p });
    if (c.type === 'dir') {
      diffDir(c, lc.children !== null ? lc : undefined, p, hides, out);
      if (!modified && out.length > start) out.splice(start, 0, { kind: 'C', path: p });
    }
  }
  if (l?.children == null) return;
  const deleted: string[] = [];
  for (const [name, c] of children) if (c.type === 'whiteout' && l.children.has(name)) deleted.push(name);
  if (hides) for (const name of l.children.keys()) if (!children.has(name)) deleted.push(name);
  for (const name of deleted.sort()) out.push({ kind: 'D', path: join(path, name) });
}

function addAll(dir: MemNode, path: string, out: Change[]): void {
  const children = dir.children!;
  for (const name of sortedNames(children)) {
    const c = children.get(name)!;
    if (c.type === 'whiteout') continue;
    const p = join(path, name);
    out.push({ kind: 'A', path: p });
    if (c.type === 'dir') addAll(c, p, out);
  }
}

/**
 * A `MemNode` tree (an overlay's upper layer, or a whole `MemFs`) as an immutable layer: every directory explicit
 * with its metadata, whiteouts and opaque flags kept, hard links sharing one layer inode. The root directory itself
 * is implicit (a layer does not restate `/`), but its opaque flag is kept.
 */
export function layerFromMemNode(root: MemNode): LayerTree {
  let keys = 1;
  const inodes = new Map<MemNode, LayerInode>();
  const WHITEOUT = Object.freeze({ type: 'whiteout' as const });
  const convert = (n: MemNode): LayerEntry => {
    if (n.type === 'whiteout') return WHITEOUT;
    if (n.type === 'dir') return dirOf(n, true, keys++);
    const known = inodes.get(n);
    if (known !== undefined) return known;
    const base = { key: keys++, mode: n.mode, uid: n.uid, gid: n.gid, mtimeMs: n.mtimeMs };
    let inode: LayerInode;
    if (n.type === 'file') inode = Object.freeze({ ...base, type: 'file', content: n.content ?? EMPTY_CONTENT });
    else if (n.type === 'symlink') inode = Object.freeze({ ...base, type: 'symlink', target: n.target });
    else inode = Object.freeze({ ...base, type: n.type, rdev: n.rdev });
    inodes.set(n, inode);
    return inode;
  };
  const dirOf = (n: MemNode, explicit: boolean, key: number): LayerDir => {
    const children = new Map<string, LayerEntry>();
    for (const name of sortedNames(n.children!)) children.set(name, convert(n.children!.get(name)!));
    const attrs = explicit ? { mode: n.mode, uid: n.uid, gid: n.gid, mtimeMs: n.mtimeMs } : IMPLICIT_DIR;
    return Object.freeze({ type: 'dir', key, ...attrs, children, opaque: n.opaque, explicit });
  };
  const rootDir = dirOf(root, false, 0);
  return new LayerTree(rootDir, keys);
}
