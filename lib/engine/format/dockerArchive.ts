/**
 * Docker's own files in a `docker save` archive: `manifest.json` and `repositories` (docker.md §8).
 * Both are written by a json.Encoder, so they end with a newline; `manifest.json` items follow moby's
 * tarexport manifestItem struct order (Config, RepoTags, Layers, Parent, LayerSources).
 */
import { DigestError, parseDigest, type Digest } from './digest';
import { goMarshal, parseGoJson, type GoJson } from './json';
import { T, canonicalKeys, checkGoType } from './goDecode';
import { ManifestError } from './manifest';

/** A layer source descriptor in manifest.json: distribution.Descriptor order (mediaType, size, digest). */
export interface LayerSource {
  mediaType: string;
  size: number;
  digest: Digest;
  urls?: string[];
}

export interface DockerManifestItem {
  /** Archive path of the config blob, e.g. `blobs/sha256/<hex>` (or `<hex>.json` in the legacy layout). */
  Config: string;
  /** Familiar names (`busybox:latest`); `null` for an image saved by ID. */
  RepoTags: string[] | null;
  /** Archive paths of the layer tars, bottom to top. */
  Layers: string[];
  Parent?: Digest;
  LayerSources?: Record<string, LayerSource>;
}

export interface EncodeManifestJsonOptions {
  /** Trailing newline (graphdriver store: yes; containerd store: no). Default true. */
  readonly newline?: boolean;
}

export function encodeDockerManifestJson(items: readonly DockerManifestItem[], options: EncodeManifestJsonOptions = {}): Uint8Array {
  const arr: GoJson[] = items.map((it) => {
    const o: Record<string, GoJson> = { Config: it.Config, RepoTags: it.RepoTags, Layers: it.Layers };
    if (it.Parent) o.Parent = it.Parent;
    if (it.LayerSources && Object.keys(it.LayerSources).length) {
      const m = new Map<string, GoJson>();
      for (const [k, s] of Object.entries(it.LayerSources)) {
        const d: Record<string, GoJson> = { mediaType: s.mediaType, size: s.size, digest: s.digest };
        if (s.urls?.length) d.urls = s.urls;
        m.set(k, d);
      }
      o.LayerSources = m;
    }
    return o;
  });
  return new TextEncoder().encode(goMarshal(arr) + (options.newline === false ? '' : '\n'));
}

const ITEM_TYPE = T.struct('tarexport.manifestItem', {
  Config: T.string,
  RepoTags: T.slice(T.string),
  Layers: T.slice(T.string),
  Parent: T.named('image.ID'),
  LayerSources: T.map(T.struct('distribution.Descriptor', { mediaType: T.string, size: T.int64, digest: T.named('digest.Digest'), urls: T.slice(T.string) })),
});

/**
 * Parses `manifest.json` as moby's loader does. `null` → `invalid manifest, manifest cannot be null (but can be
 * [])`; type errors in Go's words; every item needs a Config path.
 */
export function decodeDockerManifestJson(bytes: Uint8Array | string): DockerManifestItem[] {
  const raw = parseGoJson(bytes);
  checkGoType(raw, T.slice(ITEM_TYPE));
  if (raw === null) throw new ManifestError('invalid manifest, manifest cannot be null (but can be [])');
  return (raw as Array<Record<string, unknown> | null>).map((r, i) => {
    const o = canonicalKeys(r ?? {}, ['Config', 'RepoTags', 'Layers', 'Parent', 'LayerSources']);
    const item: DockerManifestItem = {
      Config: (o.Config as string | undefined) ?? '',
      RepoTags: (o.RepoTags as string[] | undefined) ?? null,
      Layers: (o.Layers as string[] | undefined) ?? [],
    };
    if (typeof o.Parent === 'string' && o.Parent !== '') {
      try {
        item.Parent = parseDigest(o.Parent);
      } catch (e) {
        if (e instanceof DigestError) throw new ManifestError(`manifest.json item ${i}: invalid Parent: ${e.message}`);
        throw e;
      }
    }
    if (o.LayerSources && typeof o.LayerSources === 'object') item.LayerSources = o.LayerSources as Record<string, LayerSource>;
    return item;
  });
}

/** `repositories`: `{"<familiar repo>":{"<tag>":"<top layer id hex>"}}` + newline, keys sorted. */
export function encodeRepositories(repos: Readonly<Record<string, Readonly<Record<string, string>>>>): Uint8Array {
  const m = new Map<string, GoJson>();
  for (const [repo, tags] of Object.entries(repos)) m.set(repo, new Map(Object.entries(tags)));
  return new TextEncoder().encode(`${goMarshal(m)}\n`);
}

export function decodeRepositories(bytes: Uint8Array | string): Record<string, Record<string, string>> {
  const raw = parseGoJson(bytes);
  checkGoType(raw, T.map(T.map(T.string)));
  return (raw ?? {}) as Record<string, Record<string, string>>;
}
