/**
 * The three comparisons behind status, diff, commit -a and checkout: HEAD's tree against the index ("staged"),
 * the index against the work tree ("unstaged"), and work-tree files the index does not know ("untracked").
 */
import type { Stat } from '../../../engine/fs/Types';
import { entryFromStat, indexMode, type IndexEntry } from './dircache';
import type { FlatEntry } from './repo';
import type { Session } from './session';
import { Ignores, walkWorkTree } from './worktree';

export type ChangeKind = 'new' | 'modified' | 'deleted';

export interface Change {
  readonly path: string;
  readonly kind: ChangeKind;
}

export function stagedChanges(head: ReadonlyMap<string, FlatEntry>, index: readonly IndexEntry[]): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const e of index) {
    seen.add(e.path);
    const h = head.get(e.path);
    if (!h) out.push({ path: e.path, kind: 'new' });
    else if (h.oid !== e.oid || h.mode !== e.mode) out.push({ path: e.path, kind: 'modified' });
  }
  for (const p of head.keys()) if (!seen.has(p)) out.push({ path: p, kind: 'deleted' });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function lstatOrNull(s: Session, path: string): Stat | null {
  try {
    return s.fs.lstat(s.workPath(path));
  } catch {
    return null;
  }
}

/**
 * Whether the work-tree file differs from its index entry: stat data first, content when that is not enough.
 * Like git's "racy git" rule, matching stat data is trusted only for files older than the index itself: a file
 * rewritten within the same clock tick (the simulation's clock often stands still) keeps its size and mtime.
 */
export function workFileChanged(s: Session, e: IndexEntry, st: Stat): boolean {
  if (st.type !== 'file' && st.type !== 'symlink') return true;
  if (indexMode(st) !== e.mode) return true;
  if (st.size !== e.size) return true;
  const indexTime = indexMtime(s);
  if (Math.floor(st.mtimeMs) === Math.floor(e.mtimeMs) && st.ino === e.ino && Math.floor(e.mtimeMs / 1000) < Math.floor(indexTime / 1000)) return false;
  return s.hashWorkFile(e.path, st) !== e.oid;
}

function indexMtime(s: Session): number {
  try {
    return s.fs.stat(`${s.repo().gitDir}/index`).mtimeMs;
  } catch {
    return 0;
  }
}

export function unstagedChanges(s: Session, index: readonly IndexEntry[]): Change[] {
  const out: Change[] = [];
  for (const e of index) {
    const st = lstatOrNull(s, e.path);
    if (!st || st.type === 'dir') out.push({ path: e.path, kind: 'deleted' });
    else if (workFileChanged(s, e, st)) out.push({ path: e.path, kind: 'modified' });
  }
  return out;
}

export interface Untracked {
  /** Untracked files, each directory with no tracked file in it shown once as `dir/` (git's default `-unormal`). */
  readonly shown: string[];
  readonly files: string[];
}

export function untrackedFiles(s: Session, index: readonly IndexEntry[]): Untracked {
  const repo = s.repo();
  const tracked = new Set(index.map((e) => e.path));
  const trackedDirs = new Set<string>();
  for (const p of tracked) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) trackedDirs.add(parts.slice(0, i).join('/'));
  }
  const files = walkWorkTree(s.fs, repo.workTree, new Ignores(s.fs, repo.workTree, repo.gitDir))
    .map((f) => f.path)
    .filter((p) => !tracked.has(p));
  const shown = new Set<string>();
  for (const p of files) {
    const parts = p.split('/');
    let collapsed: string | null = null;
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!trackedDirs.has(d)) {
        collapsed = `${d}/`;
        break;
      }
    }
    shown.add(collapsed ?? p);
  }
  return { shown: [...shown].sort(), files };
}

/** A fresh index entry for a work-tree file, its blob written to the object store. */
export function stageFile(s: Session, path: string, st: Stat): IndexEntry {
  const oid = s.repo().objects.write('blob', s.readWorkBlob(path, st));
  return entryFromStat(path, oid, st);
}
