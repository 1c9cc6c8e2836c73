/**
 * `docker import`: a filesystem tar (plain or compressed) becomes a one-layer image (moby
 * daemon/images/image_import.go): config from `--change` lines applied to an empty config, `comment` and the
 * history entry's comment = the message, or `Imported from <source>` (`-` for an uploaded file or stdin).
 * The tar is checked like a loaded layer (no traversal, no links out of the root...) before anything is stored.
 */
import { sha256 } from '../format/digest';
import type { ContainerConfig } from '../format/imageConfig';
import { formatRfc3339Nano } from '../format/time';
import { bytesContent, storedBytes } from '../fs/Content';
import { CompressionError, decompress } from '../format/compression';
import { append } from '../image/append';
import type { Image } from '../image/Image';
import { Layer } from '../image/Layer';
import { ArchiveError } from './ArchiveError';
import { layerFromTar } from './layerFromTar';
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from './load';

export interface ImportOptions {
  readonly config: ContainerConfig;
  /** `-m`; empty for the default comment. */
  readonly message: string;
  /** What the daemon was told the source is (`-` for uploaded bytes, else the URL). */
  readonly source: string;
  readonly nowMs: number;
  readonly limits?: LoadLimits;
}

/** Builds the image; throws ArchiveError for a bad tar. The caller adds it to the store. */
export function importImage(tarBytes: Uint8Array, options: ImportOptions): Image {
  let data: Uint8Array;
  tarBytes = new Uint8Array(tarBytes.buffer, tarBytes.byteOffset, tarBytes.byteLength);
  try {
    data = decompress(tarBytes, { maxSize: (options.limits ?? DEFAULT_LOAD_LIMITS).maxBytes }).data;
  } catch (e) {
    if (e instanceof CompressionError) throw new ArchiveError(e.message);
    throw e;
  }
  const content = bytesContent(data);
  const tree = layerFromTar(storedBytes(content) ?? data, content, 'invalid tar');
  const layer = new Layer(tree, sha256(data), content);
  const created = formatRfc3339Nano(options.nowMs);
  const comment = options.message !== '' ? options.message : `Imported from ${options.source}`;
  return append({
    base: null,
    addenda: [{ layer, history: { created, comment } }],
    config: options.config,
    created,
    comment,
  });
}
