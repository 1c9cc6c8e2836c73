/**
 * An image: its config bytes (whose sha256 is the image ID), the parsed config, and its layers bottom to top.
 * Images are immutable values; tags live in the store. The merged (union) tree is built on first use and shared,
 * and `mergeLayers` memoises per layer prefix, so images built on ubuntu reuse ubuntu's merge.
 */

import { mergeLayers, type MergedTree } from '../fs/MergedTree';
import { shortId, type Digest } from '../format/digest';
import { decodeImageConfig, imageId, type ContainerConfig, type ImageConfigFile } from '../format/imageConfig';
import { nanosToMillis, parseRfc3339 } from '../format/time';
import type { Layer } from './Layer';

export class Image {
  private _merged: MergedTree | undefined;

  private constructor(
    readonly id: Digest,
    /** The exact config bytes: never re-encode a config you did not build. */
    readonly rawConfig: Uint8Array,
    readonly config: ImageConfigFile,
    readonly layers: readonly Layer[],
    /** The local parent (the image a commit or a classic build step started from), shown by `docker history`. */
    readonly parent: Digest | null,
  ) {}

  /**
   * An image from config bytes and the layers they describe. Layers must match `rootfs.diff_ids` in count; their
   * diff_ids are compared only where already known (catalog and loaded layers), so no layer is hashed here.
   */
  static fromConfig(rawConfig: Uint8Array, layers: readonly Layer[], parent: Digest | null = null): Image {
    const config = decodeImageConfig(rawConfig);
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== layers.length) {
      throw new RangeError(`layers length mismatch: config has ${diffIds.length}, got ${layers.length}`);
    }
    layers.forEach((l, i) => {
      if (l.hasDiffId && l.diffId !== diffIds[i]) throw new RangeError(`layer ${i}: diff_id ${l.diffId} does not match config ${diffIds[i]}`);
    });
    return new Image(imageId(rawConfig), rawConfig, config, layers, parent);
  }

  get shortId(): string {
    return shortId(this.id);
  }

  /** The runtime config (`Cmd`, `Env`, ...); an empty object for configs without one. */
  get runConfig(): ContainerConfig {
    return this.config.config ?? {};
  }

  /** Creation time in epoch milliseconds (0 when the config has none). */
  get createdMs(): number {
    const c = this.config.created;
    if (!c) return 0;
    try {
      return nanosToMillis(parseRfc3339(c));
    } catch {
      return 0;
    }
  }

  /** Total size of all layers: `docker images` SIZE in the graphdriver store. */
  get size(): number {
    let n = 0;
    for (const l of this.layers) n += l.size;
    return n;
  }

  get diffIds(): readonly Digest[] {
    return this.config.rootfs?.diff_ids ?? [];
  }

  /** The union of the layers, shared by every container of this image. */
  merged(): MergedTree {
    return (this._merged ??= mergeLayers(this.layers.map((l) => l.tree)));
  }
}
