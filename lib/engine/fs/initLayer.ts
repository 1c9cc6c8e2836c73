/**
 * The container init layer (moby daemon/initlayer/setup_unix.go): mount points and placeholder files Docker
 * creates between the image and the container's writable layer. Because it sits below the upper layer, nothing in
 * it shows in `docker diff` or `docker commit`.
 *
 * As in moby, a path is only created when the image does not already have it (Setup stats the mounted image view
 * first); missing parent directories are created 0755 root.
 */

import { LayerBuilder, type LayerTree } from './LayerTree';
import type { MergedTree } from './MergedTree';

const ENTRIES: readonly (readonly [string, 'dir' | 'file' | string])[] = [
  ['/dev/pts', 'dir'],
  ['/dev/shm', 'dir'],
  ['/proc', 'dir'],
  ['/sys', 'dir'],
  ['/.dockerenv', 'file'],
  ['/etc/resolv.conf', 'file'],
  ['/etc/hosts', 'file'],
  ['/etc/hostname', 'file'],
  ['/dev/console', 'file'],
  ['/etc/mtab', '/proc/mounts'],
];

/** The init layer for a container of `image`, its entries stamped `mtimeMs` (the container's creation time). */
export function initLayer(image: MergedTree, mtimeMs = 0): LayerTree {
  const b = new LayerBuilder();
  const attrs = { mode: 0o755, uid: 0, gid: 0, mtimeMs };
  const created = new Set<string>();
  const ensureParents = (path: string) => {
    const parts = path.split('/').filter((p) => p !== '');
    let p = '';
    for (const name of parts.slice(0, -1)) {
      p += '/' + name;
      if (image.get(p) === undefined && !created.has(p)) {
        b.add(p, { type: 'dir', ...attrs });
        created.add(p);
      }
    }
  };
  for (const [path, kind] of ENTRIES) {
    if (image.get(path) !== undefined) continue;
    ensureParents(path);
    if (kind === 'dir') {
      b.add(path, { type: 'dir', ...attrs });
      created.add(path);
    } else if (kind === 'file') {
      b.add(path, { type: 'file', ...attrs });
    } else {
      b.add(path, { type: 'symlink', ...attrs, mode: 0o777, target: kind });
    }
  }
  return b.freeze();
}

/** The paths the init layer may hold (for code that must ignore them, e.g. an export that skips placeholders). */
export const INIT_LAYER_PATHS: readonly string[] = ENTRIES.map(([p]) => p);
