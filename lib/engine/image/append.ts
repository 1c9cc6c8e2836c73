/**
 * The one way to add to an image (docker commit, every build step, import): a base (or scratch), a list of
 * addenda (a layer and/or a history entry), and the next runtime config. Produces new config bytes with
 * `rootfs.diff_ids` and `history` extended, so IDs, history and diff_ids have a single home.
 */

import type { Digest } from '../format/digest';
import { encodeImageConfig, type ConfigStyle, type ContainerConfig, type HistoryEntry, type ImageConfigFile } from '../format/imageConfig';
import { Image } from './Image';
import type { Layer } from './Layer';

export interface Addendum {
  /** The layer this step adds. Omitted, or a layer that changes nothing: a metadata-only step (`empty_layer`). */
  readonly layer?: Layer;
  readonly history: HistoryEntry;
}

export interface AppendOptions {
  /** Null for `FROM scratch` / `docker import`. */
  readonly base: Image | null;
  readonly addenda: readonly Addendum[];
  /** The runtime config of the result (callers derive it from the base's). */
  readonly config: ContainerConfig;
  /** RFC 3339 nano creation time of the new image. */
  readonly created: string;
  /** Top-level fields of classic builds and commits. */
  readonly author?: string;
  readonly comment?: string;
  /** ID of the container a commit was made from (classic style). */
  readonly container?: string;
  /** Classic builder / commit: the step's container config (`#(nop)` Cmd); presence also selects moby style. */
  readonly containerConfig?: ContainerConfig;
  readonly configStyle?: ConfigStyle;
  /** The parent recorded locally (commit and classic builds set it; BuildKit doesn't). */
  readonly parent?: Digest | null;
  readonly architecture?: string;
  readonly os?: string;
}

export function append(options: AppendOptions): Image {
  const base = options.base;
  const layers: Layer[] = [...(base?.layers ?? [])];
  const diffIds: Digest[] = [...(base?.diffIds ?? [])];
  const history: HistoryEntry[] = [...(base?.config.history ?? [])];
  for (const a of options.addenda) {
    const layer = a.layer && !a.layer.tree.isEmpty ? a.layer : undefined;
    if (layer) {
      layers.push(layer);
      diffIds.push(layer.diffId);
      const h: HistoryEntry = { ...a.history };
      delete h.empty_layer;
      history.push(h);
    } else {
      history.push({ ...a.history, empty_layer: true });
    }
  }
  const cfg: ImageConfigFile = {
    architecture: options.architecture ?? base?.config.architecture ?? 'amd64',
    os: options.os ?? base?.config.os ?? 'linux',
    created: options.created,
    config: options.config,
    rootfs: { type: 'layers', diff_ids: diffIds },
    history,
  };
  if (base?.config.variant) cfg.variant = base.config.variant;
  if (options.author) cfg.author = options.author;
  if (options.comment) cfg.comment = options.comment;
  if (options.container) cfg.container = options.container;
  if (options.containerConfig) cfg.container_config = options.containerConfig;
  const raw = encodeImageConfig(cfg, { configStyle: options.configStyle ?? (options.containerConfig ? 'moby' : 'oci') });
  return Image.fromConfig(raw, layers, options.parent ?? null);
}
