/**
 * Helpers that rearrange file lists: merging lists (later entries win, as a later tar member would), and undoing
 * bookworm's merged /usr for releases that predate it (Ubuntu ≤ 18.04, CentOS 6), using dpkg's own file lists to
 * know which files the packages ship in /bin, /sbin, /lib and /lib64.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentSpec, ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { seedOf } from '../rootfs';

export const dir = (path: string, mtime: number, mode = 0o755, uid = 0, gid = 0): ListedEntry => ({ path, type: 'dir', mode, uid, gid, mtime });
export const text = (path: string, t: string, mtime: number, mode = 0o644, uid = 0, gid = 0): ListedEntry => ({ path, type: 'file', mode, uid, gid, mtime, content: { kind: 'text', text: t } });
export const link = (path: string, target: string, mtime: number): ListedEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime, linkTarget: target });
/** A binary implementing `program` (its header names it), synthetic bytes seeded by its path. */
export const bin = (path: string, size: number, program: string, mtime: number, mode = 0o755): ListedEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtime, content: { kind: 'program', size, seed: seedOf(path), program } });
/** A library or data file of `size` bytes (ELF-headed for `elf`). */
export const blob = (path: string, size: number, mtime: number, kind: 'elf' | 'synthetic' = 'elf', mode = 0o644): ListedEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtime, content: { kind, size, seed: seedOf(path) } as ContentSpec });

/** The parent directories of `path` (relative), outermost first, as dir entries. */
export function parents(path: string, mtime: number): ListedEntry[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_p, i) => dir(parts.slice(0, i + 1).join('/'), mtime));
}

/** Concatenates lists; an entry replaces an earlier one with the same path (in place, keeping the order). */
export function mergeEntries(...lists: ReadonlyArray<readonly ListedEntry[]>): ListedEntry[] {
  const byPath = new Map<string, ListedEntry>();
  for (const list of lists) for (const e of list) byPath.set(e.path, e);
  return [...byPath.values()];
}

/** Drops every entry at or under one of `paths`. */
export function without(entries: readonly ListedEntry[], drop: (path: string) => boolean): ListedEntry[] {
  return entries.filter((e) => !drop(e.path));
}

const TOP = ['bin', 'sbin', 'lib', 'lib64'];

/** Paths (relative, no leading /) that dpkg's file lists place under /bin, /sbin, /lib or /lib64. */
function splitPaths(root: string): Set<string> {
  const info = join(root, 'var/lib/dpkg/info');
  const out = new Set<string>();
  for (const f of readdirSync(info)) {
    if (!f.endsWith('.list')) continue;
    for (const line of readFileSync(join(info, f), 'utf8').split('\n')) {
      const rel = line.slice(1);
      if (TOP.some((t) => rel.startsWith(`${t}/`))) out.add(rel);
    }
  }
  return out;
}

/**
 * The split-/usr layout of a merged-/usr list: `bin`, `sbin`, `lib`, `lib64` become directories holding what the
 * packages ship there (moved out of `usr/`); everything else stays in `usr/`.
 */
export function splitUsr(entries: readonly ListedEntry[], root: string, mtime: number): ListedEntry[] {
  const moved = splitPaths(root);
  const rename = (p: string) => (p.startsWith('usr/') && moved.has(p.slice(4)) ? p.slice(4) : p);
  const out: ListedEntry[] = TOP.map((t) => dir(t, mtime));
  for (const e of entries) {
    if (TOP.includes(e.path) && e.type === 'symlink') continue;
    const path = rename(e.path);
    if (path !== e.path && e.type === 'dir') {
      // A directory both trees use (lib/systemd, lib/x86_64-linux-gnu) exists on both sides.
      out.push(e, { ...e, path });
      continue;
    }
    out.push({ ...e, path, ...(e.type === 'hardlink' && e.linkTarget !== undefined ? { linkTarget: rename(e.linkTarget) } : {}) });
  }
  return out;
}
