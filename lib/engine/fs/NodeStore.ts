/**
 * The storage side of a tree filesystem: what `TreeFs` needs from a backend, and nothing about paths, symlink
 * resolution, permissions or errno. `MemFs` stores nodes in a mutable in-memory tree; `OverlayFs` stores them in
 * an upper tree over a merged read-only layer index (copy-up and whiteouts happen behind these methods).
 *
 * Handles (`H`) are only valid for the duration of one `TreeFs` operation; a backend may refresh a handle in place
 * (e.g. after copying it up) but must keep it usable.
 */

import type { Content } from './Content';
import type { FileType, Stat } from './Types';

export interface NodeInit {
  readonly type: FileType;
  /** Permission bits (0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly rdev?: number;
  /** Files only. */
  readonly content?: Content;
  /** Symlinks only. */
  readonly target?: string;
}

export interface MetaPatch {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtimeMs?: number;
}

/** What permission checks and path walks need: cheap to get (backends return the node itself, no allocation). */
export interface NodeMeta {
  readonly type: FileType | 'whiteout';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export interface NodeStore<H> {
  root(): H;
  /** Stat data of a node (type, bits, owner, size, nlink, ino, rdev). */
  info(h: H): Stat;
  /** Type, permission bits and owner, without building a `Stat`. */
  meta(h: H): NodeMeta;
  /** The child of a directory, or undefined. `name` is never `.`, `..` or empty. */
  lookup(dir: H, name: string): H | undefined;
  /** Child names of a directory, in any order. */
  list(dir: H): string[];
  /** True when the directory has no children (cheaper than `list` for backends that can tell). */
  isEmpty(dir: H): boolean;
  content(file: H): Content;
  readlink(link: H): string;

  /** Adds a new node `name` to `dir` (which has no such child) and sets `dir`'s mtime to `now`. */
  create(dir: H, name: string, init: NodeInit, now: number): H;
  /** Adds a hard link to `target` (not a directory) as `name` in `dir`. */
  link(dir: H, name: string, target: H, now: number): void;
  /** Removes `name` from `dir` (an empty directory or any other node). */
  remove(dir: H, name: string, now: number): void;
  /** Moves `fromDir/fromName` to `toDir/toName`; the destination name is free (the caller removed it). */
  rename(fromDir: H, fromName: string, toDir: H, toName: string, now: number): void;
  /** Replaces a file's content and sets its mtime to `now`. */
  setContent(file: H, content: Content, now: number): void;
  setMeta(h: H, patch: MetaPatch): void;

  // Optional abilities of stores that join several filesystems (MountFs). Absent: one writable device.
  /** The node lives on a read-only mount: writes fail with EROFS. */
  readOnly?(h: H): boolean;
  /** Which mounted filesystem the node is on: rename and link across devices fail with EXDEV. */
  deviceOf?(h: H): number;
  /** The node is a mount point: it cannot be removed or renamed (EBUSY). */
  isMountPoint?(h: H): boolean;
}
