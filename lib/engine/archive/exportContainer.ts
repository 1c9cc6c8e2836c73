/**
 * `docker export`: a container's filesystem flattened into one tar (moby daemon/export.go → go-archive Tar of
 * the mounted rootfs): image layers, the init layer (`.dockerenv`, `/etc/hosts` placeholders, `/dev` nodes) and the
 * writable layer merged, whiteouts applied, mounted volumes left out. Members in walk order (each directory before
 * its contents, names sorted), relative paths, directories with a trailing `/`, the second and later names of a
 * hard-linked inode as links to the first. Lazy like `docker save`: file data stays the layers' own `Content`.
 */
import type { Content } from '../fs/Content';
import { layerFromMemNode } from '../fs/diff';
import type { LayerInode } from '../fs/LayerTree';
import type { MergedNode, MergedTree } from '../fs/MergedTree';
import type { Container } from '../container/Container';
import { tarContent, type ContentTarEntry } from './contentTar';

const ownerName = (id: number) => (id === 0 ? 'root' : '');

/** The container's root as one merged tree (image + init + upper). */
export function flattenedRoot(c: Container): MergedTree {
  return c.overlay.lower.append(layerFromMemNode(c.overlay.upper));
}

export function treeTarEntries(tree: MergedTree): ContentTarEntry[] {
  const out: ContentTarEntry[] = [];
  const first = new Map<LayerInode, string>();
  const walk = (dir: MergedNode, rel: string) => {
    const names = [...(dir.children?.keys() ?? [])].sort();
    for (const name of names) {
      const n = dir.children!.get(name)!;
      const path = rel === '' ? name : `${rel}/${name}`;
      const base = { mode: n.mode, uid: n.uid, gid: n.gid, uname: ownerName(n.uid), gname: ownerName(n.gid), mtime: Math.floor(n.mtimeMs / 1000) };
      if (n.type !== 'dir' && tree.nlink(n) > 1) {
        const seen = first.get(n.inode);
        if (seen !== undefined) {
          out.push({ ...base, name: path, type: 'hardlink', linkname: seen });
          continue;
        }
        first.set(n.inode, path);
      }
      const inode = n.inode;
      switch (inode.type) {
        case 'dir':
          out.push({ ...base, name: `${path}/`, type: 'dir' });
          walk(n, path);
          break;
        case 'file':
          out.push({ ...base, name: path, type: 'file', content: inode.content as Content });
          break;
        case 'symlink':
          out.push({ ...base, name: path, type: 'symlink', linkname: inode.target });
          break;
        case 'chardev':
        case 'blockdev':
          out.push({ ...base, name: path, type: inode.type, devmajor: inode.rdev >> 8, devminor: inode.rdev & 0xff });
          break;
        case 'fifo':
          out.push({ ...base, name: path, type: 'fifo' });
          break;
        default:
          // Sockets have no tar form; go-archive skips them too.
          break;
      }
    }
  };
  walk(tree.root, '');
  return out;
}

export function exportContainer(c: Container): Content {
  return tarContent(treeTarEntries(flattenedRoot(c)));
}
