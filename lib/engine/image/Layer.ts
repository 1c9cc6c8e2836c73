/**
 * A layer of an image: an immutable tree plus its identities. The diff_id (sha256 of the uncompressed tar) is
 * computed on first use and cached, or given up front when it is already known (catalog images carry theirs, so
 * pulling ubuntu never hashes 78 MB of synthetic bytes). Layers are shared by reference between images.
 */

import type { Content } from '../fs/Content';
import type { LayerTree } from '../fs/LayerTree';
import type { Digest } from '../format/digest';
import { computeDiffId, layerTarChunks, layerTarSize } from './layerTar';

export class Layer {
  private _diffId: Digest | undefined;
  private _tarSize: number | undefined;

  constructor(
    readonly tree: LayerTree,
    knownDiffId?: Digest,
    /**
     * The exact uncompressed tar this layer was loaded from (`docker load`, pull of real blobs). Our own tar of the
     * tree need not be byte-identical to someone else's, so saving or pushing such a layer must reuse these bytes
     * for its digest to stay the diff_id (Docker keeps tar-split data for the same reason).
     */
    readonly sourceTar?: Content,
  ) {
    this._diffId = knownDiffId;
  }

  /** sha256 of the uncompressed tar (`rootfs.diff_ids`). */
  get diffId(): Digest {
    return (this._diffId ??= computeDiffId(this.tree));
  }

  /** Whether the diff_id is already known (no hashing needed to read it). */
  get hasDiffId(): boolean {
    return this._diffId !== undefined;
  }

  /** Bytes of regular files, each inode once: the SIZE Docker shows for a layer (graphdriver DiffSize). */
  get size(): number {
    return this.tree.size;
  }

  /** Length of the uncompressed tar. */
  get tarSize(): number {
    return (this._tarSize ??= this.sourceTar?.size ?? layerTarSize(this.tree));
  }

  tarChunks(): Iterable<Uint8Array> {
    const src = this.sourceTar;
    if (src) return (function* () {
      for (let off = 0; off < src.size; off += 1 << 20) yield src.read(off, 1 << 20);
    })();
    return layerTarChunks(this.tree);
  }
}
