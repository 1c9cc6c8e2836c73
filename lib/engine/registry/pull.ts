/**
 * The daemon side of `docker pull` against the catalog (moby daemon/internal/distribution/pull_v2.go,
 * xfer/download.go). Progress is reported as jsonmessage-like events (`id` + `status`), the way the daemon streams
 * them to the CLI; the CLI decides how to print them.
 *
 * Layer lines are keyed by the first 12 hex of the layer's blob digest. Catalog layers are uncompressed tars, so
 * the blob digest is the diff_id.
 */

import { EngineError } from '../errors';
import type { Digest } from '../format/digest';
import { familiarString, referenceString, withDigest, type Reference } from '../format/reference';
import type { Image } from '../image/Image';
import type { ImageStore } from '../store/ImageStore';
import { SCRATCH_RESERVED_MESSAGE, type Catalog } from './catalog';
import type { Hub } from './hub';
import { pullFromRegistry } from './pullRegistry';
import { PROGRESS_STEPS } from './progress';
import { RegistryClient } from './distribution/client';
import { pullFromRemote } from './distribution/remotePull';

/** One progress message: `<id>: <status>` when `id` is set, else just `status`. */
export interface PullEvent {
  readonly id?: string;
  readonly status: string;
  /** On layer messages (the daemon's `progressDetail`); byte counts while downloading and extracting. */
  readonly progress?: { readonly current?: number; readonly total?: number; readonly startMs?: number };
}


export interface PullResult {
  readonly image: Image;
  readonly manifestDigest: Digest;
  /** False when the reference already pointed at this image (`Status: Image is up to date for …`). */
  readonly downloaded: boolean;
}

/** xfer's maxConcurrentDownloads: later layers report `Waiting` until a slot frees up. */
const MAX_CONCURRENT_DOWNLOADS = 3;

/** What the daemon answers when it cannot reach the registry (no catalog behind the engine). */
export function registryUnreachable(domain: string): EngineError {
  const host = domain === 'docker.io' ? 'registry-1.docker.io' : domain;
  return new EngineError('RegistryUnreachable', 'system', `Get "https://${host}/v2/": dial tcp: lookup ${host}: no such host`);
}

function notFound(catalog: Catalog, ref: Reference): EngineError {
  const name = ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
  if (!catalog.repository(ref.path)) {
    return new EngineError(
      'PullAccessDenied',
      'notFound',
      `pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    );
  }
  const what = ref.digest !== undefined ? `${name}@${ref.digest}` : `${name}:${ref.tag ?? 'latest'}`;
  return new EngineError('ManifestUnknown', 'notFound', `manifest for ${what} not found: manifest unknown: manifest unknown`);
}

/**
 * Pulls `ref` (normalised, with a tag or a digest) from `catalog` into `images`, reporting progress through
 * `onEvent`. Throws Docker's errors for an unreachable registry, an unknown repository or an unknown tag.
 */
export async function pullImage(
  images: ImageStore,
  catalog: Catalog | undefined,
  ref: Reference,
  onEvent: (e: PullEvent) => void | Promise<void>,
  hub?: Hub,
  now?: () => number,
): Promise<PullResult> {
  if (ref.domain === 'docker.io' && ref.path === 'library/scratch') throw new EngineError('ReservedName', 'invalidParameter', SCRATCH_RESERVED_MESSAGE);
  // Repositories learners pushed to the Hub are served from its store (the catalog holds the published images).
  if (hub && ref.domain === 'docker.io' && hub.registry.hasRepository(ref.path)) return pullFromRegistry(images, hub.registry, ref, onEvent, now);
  // Registries on the simulated network (localhost:5000, a registry:2 container): over HTTP from the host.
  const net = ref.domain !== 'docker.io' ? hub?.hostNetwork?.() : undefined;
  if (net) return pullFromRemote(images, new RegistryClient(net, ref.domain), ref, onEvent, now);
  if (!catalog || ref.domain !== 'docker.io') throw registryUnreachable(ref.domain);
  const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
  const hit = catalog.resolve(ref);
  if (!hit) throw notFound(catalog, ref);
  await onEvent({ id: tagOrDigest, status: `Pulling from ${ref.path}` });

  let image = images.get(hit.image.config);
  if (!image) {
    // xfer/download.go: layers the layer store already has (by diff_id) are not downloaded.
    const present = new Set<Digest>();
    for (const img of images.list()) for (const d of img.diffIds) present.add(d);
    const fresh: Array<{ id: string; size: number }> = [];
    for (const l of hit.image.layers) {
      const id = l.diffId.slice('sha256:'.length, 'sha256:'.length + 12);
      if (present.has(l.diffId)) {
        await onEvent({ id, status: 'Already exists', progress: {} });
        continue;
      }
      await onEvent({ id, status: 'Pulling fs layer', progress: {} });
      if (fresh.length >= MAX_CONCURRENT_DOWNLOADS) await onEvent({ id, status: 'Waiting', progress: {} });
      fresh.push({ id, size: l.tarSize });
    }
    const loaded = catalog.loadImage(hit);
    const startMs = now?.() ?? 0;
    for (const { id, size } of fresh) {
      for (const f of PROGRESS_STEPS) await onEvent({ id, status: 'Downloading', progress: { current: Math.round(size * f), total: size, startMs } });
      await onEvent({ id, status: 'Verifying Checksum', progress: {} });
      await onEvent({ id, status: 'Download complete', progress: {} });
    }
    image = images.add(await loaded);
    // Layers are registered in order, each once its parent is: extraction and `Pull complete` in layer order.
    for (const { id, size } of fresh) {
      for (const f of PROGRESS_STEPS) await onEvent({ id, status: 'Extracting', progress: { current: Math.round(size * f), total: size, startMs } });
      await onEvent({ id, status: 'Pull complete', progress: {} });
    }
  }

  const digestRef = withDigest({ domain: ref.domain, path: ref.path }, hit.manifestDigest);
  const upToDate = images.lookupRef(ref) === image.id;
  // The reference store records pulled names without touching Metadata.LastTagTime (only `docker tag` does).
  if (ref.digest === undefined) images.tag(ref, image.id);
  images.tag(digestRef, image.id);
  await onEvent({ status: `Digest: ${hit.manifestDigest}` });
  await onEvent({ status: upToDate ? `Status: Image is up to date for ${familiarString(ref)}` : `Status: Downloaded newer image for ${familiarString(ref)}` });
  return { image, manifestDigest: hit.manifestDigest, downloaded: !upToDate };
}

/** The line `docker pull` ends with: the fully-qualified reference. */
export function pulledReferenceLine(ref: Reference): string {
  return referenceString(ref);
}
