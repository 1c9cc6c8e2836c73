/**
 * A layer's tar, as Docker writes it: the tar-like entries of the layer tree (whiteouts as `.wh.` files, opaque
 * markers, hard links) mapped to tar headers. Directories get a trailing `/`, paths are relative, owners are
 * numeric with `root` names for id 0 (what Go's archive/tar fills in on a Debian host). The bytes are a pure function
 * of the tree, so the same tree always has the same diff_id.
 */

import type { Content } from '../fs/Content';
import type { LayerTree, TarLikeEntry } from '../fs/LayerTree';
import { sha256Chunks, type Digest } from '../format/digest';
import { tarChunks, tarSize, type ContentSource, type TarWriteEntry } from '../format/tar';

/** Chunk size used when streaming large (synthetic) file content into a tar. */
const CONTENT_CHUNK = 1 << 20;

/** Streams a Content without materialising it whole. */
export function contentSource(content: Content): ContentSource {
  return {
    size: content.size,
    *chunks() {
      for (let off = 0; off < content.size; off += CONTENT_CHUNK) yield content.read(off, CONTENT_CHUNK);
    },
  };
}

function ownerName(id: number): string {
  return id === 0 ? 'root' : '';
}

export function tarEntryOf(e: TarLikeEntry): TarWriteEntry {
  const base = {
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    uname: ownerName(e.uid),
    gname: ownerName(e.gid),
    mtime: Math.floor(e.mtimeMs / 1000),
  };
  switch (e.type) {
    case 'dir':
      return { ...base, name: e.path === '.' ? './' : `${e.path}/`, type: 'dir' };
    case 'file':
      return { ...base, name: e.path, type: 'file', content: e.content ? contentSource(e.content) : new Uint8Array(0) };
    case 'symlink':
      return { ...base, name: e.path, type: 'symlink', linkname: e.linkTarget ?? '' };
    case 'hardlink':
      return { ...base, name: e.path, type: 'hardlink', linkname: e.linkTarget ?? '' };
    case 'chardev':
    case 'blockdev':
      return { ...base, name: e.path, type: e.type, devmajor: (e.rdev ?? 0) >> 8, devminor: (e.rdev ?? 0) & 0xff };
    case 'fifo':
      return { ...base, name: e.path, type: 'fifo' };
  }
}

export function layerTarEntries(tree: LayerTree): TarWriteEntry[] {
  return tree.toEntries().map(tarEntryOf);
}

/** The layer's uncompressed tar, streamed. */
export function layerTarChunks(tree: LayerTree): Iterable<Uint8Array> {
  return tarChunks(layerTarEntries(tree));
}

export function layerTarSize(tree: LayerTree): number {
  return tarSize(layerTarEntries(tree));
}

/** sha256 of the uncompressed layer tar: the layer's diff_id. */
export function computeDiffId(tree: LayerTree): Digest {
  return sha256Chunks(layerTarChunks(tree)).digest;
}
