/**
 * A mutable in-memory tree of inodes: the storage of `MemFs` and of an overlay's upper layer.
 *
 * A `MemNode` is an inode (hard links share it); directories map names to nodes. Besides the ordinary file types
 * a node may be an overlay `whiteout` and a directory may be `opaque` (overlayfs's char device 0/0 and
 * `trusted.overlay.opaque` xattr); plain `MemFs` never creates either.
 */

import { type Content, EMPTY_CONTENT } from './Content';
import type { MetaPatch, NodeInit, NodeMeta, NodeStore } from './NodeStore';
import { symlinkSize } from './symlinkSize';
import type { FileType, Stat } from './Types';

export type MemNodeType = FileType | 'whiteout';

export class MemNode {
  nlink = 1;
  content: Content = EMPTY_CONTENT;
  target = '';
  rdev = 0;
  /** Directories only. */
  children: Map<string, MemNode> | null = null;
  /** Number of child directories (a directory's nlink is 2 + this). */
  subdirs = 0;
  /** Overlay upper only: lower-layer children of this directory are hidden. */
  opaque = false;

  constructor(
    readonly ino: number,
    public type: MemNodeType,
    public mode: number,
    public uid: number,
    public gid: number,
    public mtimeMs: number,
  ) {
    if (type === 'dir') this.children = new Map();
  }

  stat(): Stat {
    return {
      type: this.type === 'whiteout' ? 'chardev' : this.type,
      mode: this.mode,
      uid: this.uid,
      gid: this.gid,
      size: this.type === 'file' ? this.content.size : this.type === 'dir' ? 4096 : this.type === 'symlink' ? symlinkSize(this.target) : 0,
      mtimeMs: this.mtimeMs,
      ino: this.ino,
      nlink: this.type === 'dir' ? 2 + this.subdirs : this.nlink,
      rdev: this.rdev,
    };
  }
}

/** Allocates inode numbers; shared by the views of one tree. */
export class InoCounter {
  constructor(private _next: number) {}
  next(): number {
    return this._next++;
  }
  peek(): number {
    return this._next;
  }
}

export function newMemNode(ino: number, init: NodeInit): MemNode {
  const n = new MemNode(ino, init.type, init.mode, init.uid, init.gid, init.mtimeMs);
  if (init.rdev !== undefined) n.rdev = init.rdev;
  if (init.content !== undefined) n.content = init.content;
  if (init.target !== undefined) n.target = init.target;
  return n;
}

function childrenOf(dir: MemNode): Map<string, MemNode> {
  if (dir.children === null) throw new Error(`inode ${dir.ino} is not a directory`);
  return dir.children;
}

/** Inserts `node` as `name` in `dir` without touching timestamps (builders use it directly). */
export function attach(dir: MemNode, name: string, node: MemNode): void {
  childrenOf(dir).set(name, node);
  if (node.type === 'dir') dir.subdirs++;
}

/** Removes `name` from `dir`; returns the node (nlink decremented) or undefined. */
export function detach(dir: MemNode, name: string): MemNode | undefined {
  const children = childrenOf(dir);
  const node = children.get(name);
  if (node === undefined) return undefined;
  children.delete(name);
  if (node.type === 'dir') dir.subdirs--;
  else node.nlink--;
  return node;
}

/** The plain `NodeStore` over a `MemNode` tree: no permission logic, no paths. */
export class MemStore implements NodeStore<MemNode> {
  constructor(
    readonly rootNode: MemNode,
    readonly inos: InoCounter,
  ) {}

  root(): MemNode {
    return this.rootNode;
  }
  info(h: MemNode): Stat {
    return h.stat();
  }
  meta(h: MemNode): NodeMeta {
    return h;
  }
  lookup(dir: MemNode, name: string): MemNode | undefined {
    return dir.children?.get(name);
  }
  list(dir: MemNode): string[] {
    return [...childrenOf(dir).keys()];
  }
  isEmpty(dir: MemNode): boolean {
    return childrenOf(dir).size === 0;
  }
  content(file: MemNode): Content {
    return file.content;
  }
  readlink(link: MemNode): string {
    return link.target;
  }
  create(dir: MemNode, name: string, init: NodeInit, now: number): MemNode {
    const node = newMemNode(this.inos.next(), init);
    attach(dir, name, node);
    dir.mtimeMs = now;
    return node;
  }
  link(dir: MemNode, name: string, target: MemNode, now: number): void {
    attach(dir, name, target);
    target.nlink++;
    dir.mtimeMs = now;
  }
  remove(dir: MemNode, name: string, now: number): void {
    detach(dir, name);
    dir.mtimeMs = now;
  }
  rename(fromDir: MemNode, fromName: string, toDir: MemNode, toName: string, now: number): void {
    const node = detach(fromDir, fromName);
    if (node === undefined) return;
    if (node.type !== 'dir') node.nlink++; // detach counted an unlink; a move keeps the link
    attach(toDir, toName, node);
    fromDir.mtimeMs = now;
    toDir.mtimeMs = now;
  }
  setContent(file: MemNode, content: Content, now: number): void {
    file.content = content;
    file.mtimeMs = now;
  }
  setMeta(h: MemNode, patch: MetaPatch): void {
    if (patch.mode !== undefined) h.mode = patch.mode & 0o7777;
    if (patch.uid !== undefined) h.uid = patch.uid;
    if (patch.gid !== undefined) h.gid = patch.gid;
    if (patch.mtimeMs !== undefined) h.mtimeMs = patch.mtimeMs;
  }
}
