/**
 * Test helper: an observable description of a whole tree through the FsClient interface, for comparing two
 * filesystems (e.g. an overlay against a plain MemFs reference). Inode numbers and directory mtimes are left out on
 * request because backends legitimately differ there.
 */

import type { FsClient } from '../Types';

export interface SnapshotOptions {
  /** Include mtimes (files, symlinks and directories). Default true. */
  readonly mtimes?: boolean;
  /** Include link counts of non-directories. Default true. */
  readonly nlink?: boolean;
  /**
   * How much of the root directory to describe: 'all', 'no-mtime' (default) or 'none'. A layer never restates `/`
   * (Docker's layer tars skip it), so after commit-and-remount the root's metadata comes from the new container.
   */
  readonly root?: 'all' | 'no-mtime' | 'none';
}

export function snapshot(fs: FsClient, options: SnapshotOptions = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (path: string) => {
    const st = fs.lstat(path);
    let desc = `${st.type} ${st.mode.toString(8)} ${st.uid}:${st.gid}`;
    if (options.mtimes !== false && (path !== '/' || options.root === 'all')) desc += ` t=${st.mtimeMs}`;
    if (path === '/' && options.root === 'none') desc = 'dir';
    if (st.type === 'file') {
      desc += ` size=${st.size} ${hex(fs.readFile(path))}`;
      if (options.nlink !== false) desc += ` nlink=${st.nlink}`;
    } else if (st.type === 'symlink') desc += ` -> ${fs.readlink(path)}`;
    else if (st.type === 'chardev' || st.type === 'blockdev') desc += ` rdev=${st.rdev}`;
    else if (st.type === 'dir') desc += ` nlink=${st.nlink}`;
    out[path] = desc;
    if (st.type === 'dir') for (const name of fs.readdir(path)) visit(path === '/' ? `/${name}` : `${path}/${name}`);
  };
  visit('/');
  return out;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < Math.min(b.length, 64); i++) s += b[i]!.toString(16).padStart(2, '0');
  return b.length > 64 ? `${s}…` : s;
}
