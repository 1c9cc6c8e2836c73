/**
 * Fixtures for the file programs' tests: lay out the same small tree in the simulated machine and in a real
 * temporary directory, so a differential test can run the real tool and ours on identical input.
 */

import { chmodSync, lutimesSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FsClient } from '../../../engine/fs/Types';

export type FixtureEntry =
  | { readonly path: string; readonly type: 'file'; readonly content?: string; readonly mode?: number; readonly mtimeMs?: number }
  | { readonly path: string; readonly type: 'dir'; readonly mode?: number }
  | { readonly path: string; readonly type: 'symlink'; readonly target: string };

const enc = new TextEncoder();

/** Creates the entries under `base` (absolute, created if missing) in a simulated fs (root view). With `mtimeMs`,
 *  every entry (and `base`) gets that modification time, set deepest first as `stampReal` does. */
export function layoutSim(fs: FsClient, base: string, entries: readonly FixtureEntry[], owner?: { uid: number; gid: number }, mtimeMs?: number): void {
  const mk = (p: string) => {
    try {
      fs.mkdir(p, 0o755);
    } catch {
      // already there
    }
  };
  const parts = base.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) mk('/' + parts.slice(0, i).join('/'));
  if (owner) fs.chown(base, owner.uid, owner.gid);
  for (const e of entries) {
    const p = `${base}/${e.path}`;
    if (e.type === 'dir') {
      mk(p);
      fs.chmod(p, e.mode ?? 0o755);
    } else if (e.type === 'file') {
      fs.writeFile(p, enc.encode(e.content ?? ''), { mode: e.mode ?? 0o644 });
      fs.chmod(p, e.mode ?? 0o644);
      if (e.mtimeMs !== undefined) fs.utimes(p, e.mtimeMs);
    } else fs.symlink(e.target, p);
    if (owner) fs.chown(p, owner.uid, owner.gid, true);
  }
  if (mtimeMs !== undefined) {
    // Symlinks keep the time they were created with (the sim has no lutimes); tests use a clock set to mtimeMs.
    for (const e of [...entries].reverse()) if (e.type !== 'symlink') fs.utimes(`${base}/${e.path}`, e.type === 'file' && e.mtimeMs !== undefined ? e.mtimeMs : mtimeMs);
    fs.utimes(base, mtimeMs);
  }
}

/** Sets every entry's (and the directory's) mtime in a real layout, links included, deepest first. */
export function stampReal(dir: string, entries: readonly FixtureEntry[], mtimeMs: number): void {
  const t = mtimeMs / 1000;
  for (const e of [...entries].reverse()) {
    const p = join(dir, e.path);
    const own = e.type === 'file' && e.mtimeMs !== undefined ? e.mtimeMs / 1000 : t;
    if (e.type === 'symlink') lutimesSync(p, own, own);
    else utimesSync(p, own, own);
  }
  utimesSync(dir, t, t);
}

/** Creates the entries in a fresh real temporary directory and returns its path and a cleanup function. */
export function layoutReal(entries: readonly FixtureEntry[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-files-'));
  for (const e of entries) {
    const p = join(dir, e.path);
    if (e.type === 'dir') {
      mkdirSync(p, { recursive: true });
      chmodSync(p, e.mode ?? 0o755);
    } else if (e.type === 'file') {
      writeFileSync(p, e.content ?? '');
      chmodSync(p, e.mode ?? 0o644);
      if (e.mtimeMs !== undefined) utimesSync(p, e.mtimeMs / 1000, e.mtimeMs / 1000);
    } else symlinkSync(e.target, p);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small tree most tests share. */
export const SAMPLE_TREE: readonly FixtureEntry[] = [
  { path: 'a.txt', type: 'file', content: 'hello\n' },
  { path: 'big', type: 'file', content: 'x'.repeat(5000), mode: 0o755 },
  { path: 'sub', type: 'dir' },
  { path: 'sub/inner.txt', type: 'file', content: 'inner\n' },
  { path: 'sub/deeper', type: 'dir' },
  { path: 'sub/deeper/z', type: 'file', content: '' },
  { path: 'link', type: 'symlink', target: 'a.txt' },
  { path: '.hidden', type: 'file', content: 'h\n' },
  { path: 'file_12longername', type: 'file' },
  { path: 'file_3longername', type: 'file' },
  { path: 'file_1', type: 'file' },
  { path: 'file_2', type: 'file' },
];
