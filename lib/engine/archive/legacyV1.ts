/**
 * The legacy v1 image JSON that `docker save` still writes for every layer (docker.md §8.1 "legacy v1 json configs
 * for each layer (pre-1.10 compatibility)"; moby daemon/internal/image/tarexport/save.go saveImage/saveConfig,
 * image/v1 CreateID, daemon/internal/image/image.go V1Image). Nothing references these blobs (no manifest names
 * them); they sit in `blobs/sha256/` beside the layers, named by the sha256 of their bytes.
 *
 * For layer i of an image: below the top, a stub `{"created":"1970-01-01T00:00:00Z","container_config":{…}}`; at
 * the top, the image config's own V1Image fields. Each gets `id` = its v1 ID (CreateID: sha256 of the JSON without
 * `id`, plus `layer_id` = the chain ID and `parent` = the previous v1 ID, keys sorted) and `parent` = the previous
 * v1 ID's hex, then `os` = the image's OS. Go marshals V1Image in struct order; `container_config` is a struct
 * value, so even an empty one is written out in full.
 */
import { chainIds, digestHex, sha256, type Digest } from '../format/digest';
import { encodeContainerConfig, type ContainerConfig, type ImageConfigFile } from '../format/imageConfig';
import { goMarshal, type GoJson } from '../format/json';

interface V1Image {
  readonly id?: string;
  readonly parent?: string;
  readonly comment?: string;
  /** Already in Go's marshalled form; null when the config had no `created`. */
  readonly created: string | null;
  readonly container?: string;
  readonly container_config: ContainerConfig;
  readonly docker_version?: string;
  readonly author?: string;
  readonly config?: ContainerConfig | null;
  readonly architecture?: string;
  readonly variant?: string;
  readonly os?: string;
}

const EPOCH = '1970-01-01T00:00:00Z';
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * A config's `created` as Go writes it back after parsing (time.RFC3339Nano): trailing zeros of the fraction
 * dropped, `Z` for UTC (the daemon's zone), other offsets kept.
 */
function goTime(s: string): string {
  const m = RFC3339.exec(s);
  if (!m) return s;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zone = m[4] === 'z' || m[4] === '+00:00' ? 'Z' : m[4]!;
  return `${m[1]}T${m[2]}${frac ? `.${frac}` : ''}${zone}`;
}

/** V1Image's fields in struct order, omitempty applied (`created` and `container_config` are never omitted). */
function fields(v: V1Image): Record<string, GoJson> {
  const out: Record<string, GoJson> = {};
  const put = (k: string, x: string | undefined) => {
    if (x) out[k] = x;
  };
  put('id', v.id);
  put('parent', v.parent);
  put('comment', v.comment);
  out.created = v.created;
  put('container', v.container);
  out.container_config = encodeContainerConfig(v.container_config, 'moby');
  put('docker_version', v.docker_version);
  put('author', v.author);
  if (v.config) out.config = encodeContainerConfig(v.config, 'moby');
  put('architecture', v.architecture);
  put('variant', v.variant);
  put('os', v.os);
  return out;
}

/** image/v1 CreateID: the JSON without `id`, as a map (keys sorted) with `layer_id` and `parent` added. */
function createV1Id(v: V1Image, layerId: Digest, parent: Digest | undefined): Digest {
  const m = new Map<string, GoJson>(Object.entries(fields({ ...v, id: '' })));
  m.set('layer_id', layerId);
  if (parent) m.set('parent', parent);
  return sha256(new TextEncoder().encode(goMarshal(m)));
}

/** The v1 JSON blobs of `config`'s layers, bottom first. */
export function legacyV1Configs(config: ImageConfigFile, diffIds: readonly Digest[]): Uint8Array[] {
  const top: V1Image = {
    comment: config.comment,
    created: config.created === undefined ? null : goTime(config.created),
    container: config.container,
    container_config: config.container_config ?? {},
    docker_version: config.docker_version,
    author: config.author,
    config: config.config ?? null,
    architecture: config.architecture,
    variant: config.variant,
    os: config.os,
  };
  const chains = chainIds(diffIds);
  const out: Uint8Array[] = [];
  let parent: Digest | undefined;
  chains.forEach((chain, i) => {
    const base: V1Image = i === chains.length - 1 ? top : { created: EPOCH, container_config: {} };
    const id = createV1Id(base, chain, parent);
    const full: V1Image = { ...base, id: digestHex(id), ...(parent ? { parent: digestHex(parent) } : {}), os: config.os };
    out.push(new TextEncoder().encode(goMarshal(fields(full))));
    parent = id;
  });
  return out;
}
