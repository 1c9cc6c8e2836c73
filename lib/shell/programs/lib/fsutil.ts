/** Small filesystem helpers the file programs share (on top of the synchronous FsClient). */

import { isFsError, type FsClient, type Stat } from '../../../engine/fs/Types';

/** lstat, or null when nothing is there (other errors propagate). */
export function lstatOrNull(fs: FsClient, path: string): Stat | null {
  try {
    return fs.lstat(path);
  } catch (e) {
    if (isFsError(e, 'ENOENT') || isFsError(e, 'ENOTDIR')) return null;
    throw e;
  }
}

export function statOrNull(fs: FsClient, path: string): Stat | null {
  try {
    return fs.stat(path);
  } catch (e) {
    if (isFsError(e, 'ENOENT') || isFsError(e, 'ENOTDIR') || isFsError(e, 'ELOOP')) return null;
    throw e;
  }
}

/**
 * 512-byte blocks allocated, as ext4 with 4 KiB blocks reports them: files take whole 4 KiB blocks, a directory
 * one block, symlinks and device nodes none (short symlink targets live in the inode).
 */
export function blocks512(st: Stat): number {
  if (st.type === 'file') return Math.ceil(st.size / 4096) * 8;
  if (st.type === 'dir') return Math.max(8, Math.ceil(st.size / 4096) * 8);
  return 0;
}

/** Joins a directory path and a name without doubling the slash (`/` + `etc` → `/etc`). */
export function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** Path arithmetic that keeps the user's spelling (`./a/` + `b` → `./a/b`), for names shown in output. */
export function joinDisplay(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * Pre-order walk for -R options (chmod, chown, chgrp): visits `path` and, when it is a real directory (not a
 * symlink to one), everything below it in readdir order. `visit` receives the lstat and reports its own errors;
 * a directory that cannot be read is reported through `onError`.
 */
export async function walkTree(
  fs: FsClient,
  path: string,
  name: string,
  visit: (path: string, name: string, st: Stat) => Promise<void>,
  onError: (name: string, e: unknown) => Promise<void>,
  checkpoint: () => Promise<void>,
): Promise<void> {
  await checkpoint();
  let st: Stat;
  try {
    st = fs.lstat(path);
  } catch (e) {
    await onError(name, e);
    return;
  }
  await visit(path, name, st);
  if (st.type !== 'dir') return;
  let names: string[];
  try {
    names = fs.readdir(path);
  } catch (e) {
    await onError(name, e);
    return;
  }
  for (const n of names) await walkTree(fs, childPath(path, n), childPath(name, n), visit, onError, checkpoint);
}

/** How coreutils names a file's type (`stat %F`, `rm`'s write-protected prompt). */
export function fileTypeText(st: Stat): string {
  switch (st.type) {
    case 'file':
      return st.size === 0 ? 'regular empty file' : 'regular file';
    case 'dir':
      return 'directory';
    case 'symlink':
      return 'symbolic link';
    case 'chardev':
      return 'character special file';
    case 'blockdev':
      return 'block special file';
    case 'fifo':
      return 'fifo';
    case 'socket':
      return 'socket';
  }
}
