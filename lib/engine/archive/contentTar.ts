/**
 * Tar archives as lazy `Content` values: header blocks are encoded now (small), file data stays the `Content` it
 * already is (a synthetic 1 GB binary stays a generator), and padding is zeros on demand. The result is a
 * concatenation whose memory is proportional to the number of entries, not to the bytes it describes, so
 * `docker save -o` of a 1 GB image puts a file on the simulated host without materialising it, and reading it
 * back (`tar -tf`, `docker load`, a download) produces bytes range by range.
 *
 * The bytes are exactly those of `format/tar`'s `tarChunks` for the same entries (same header encoder).
 */
import { bytesContent, concatContent, zerosContent, type Content } from '../fs/Content';
import type { LayerTree } from '../fs/LayerTree';
import { encodeEntryHeader, type TarWriteEntry } from '../format/tar';
import { tarEntryOf } from '../image/layerTar';

const BLOCK = 512;

/** A tar entry whose regular-file data is a `Content` (ignored for other types). */
export type ContentTarEntry = Omit<TarWriteEntry, 'content'> & { readonly content?: Content };

/** Header-only stand-in with the content's size, so the shared encoder computes size fields and PAX records. */
function headerEntry(e: ContentTarEntry): TarWriteEntry {
  const { content, ...rest } = e;
  if (e.type !== 'file' || !content) return rest;
  const size = content.size;
  return { ...rest, content: { size, chunks: () => [] } };
}

/** The archive `entries` make, followed by the two zero blocks that end a tar. */
export function tarContent(entries: Iterable<ContentTarEntry>): Content {
  const parts: Content[] = [];
  // Consecutive header bytes are gathered so a tree of small files does not become thousands of tiny parts.
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  const flush = () => {
    if (pendingSize === 0) return;
    const buf = new Uint8Array(pendingSize);
    let o = 0;
    for (const p of pending) {
      buf.set(p, o);
      o += p.length;
    }
    parts.push(bytesContent(buf));
    pending = [];
    pendingSize = 0;
  };
  const push = (b: Uint8Array) => {
    pending.push(b);
    pendingSize += b.length;
  };
  for (const e of entries) {
    push(encodeEntryHeader(headerEntry(e)));
    if (e.type !== 'file' || !e.content || e.content.size === 0) continue;
    const c = e.content;
    const stored = c.kind === 'bytes' && c.size <= 64 * 1024;
    if (stored) push(c.read(0, c.size));
    else {
      flush();
      parts.push(c);
    }
    const pad = (BLOCK - (c.size % BLOCK)) % BLOCK;
    if (pad > 0) push(new Uint8Array(pad));
  }
  flush();
  parts.push(zerosContent(2 * BLOCK));
  return concatContent(parts);
}

/** A layer's tar (the bytes whose sha256 is its diff_id), as lazy content. */
export function layerTarContent(tree: LayerTree): Content {
  return tarContent(
    tree.toEntries().map((e) => {
      const { content: _source, ...header } = tarEntryOf(e);
      return e.type === 'file' && e.content ? { ...header, content: e.content } : header;
    }),
  );
}
