/**
 * `docker pull` of what was pushed to a `RegistryStore` (learners' Hub repositories): the same event sequence as
 * the catalog pull (pull.ts), with layer lines keyed by 12 hex of the compressed blob digest the manifest names.
 * Every layer message carries progress details, so a terminal keeps one line per layer; `Downloading` and
 * `Extracting` count the compressed blob, as xfer's progress readers do.
 */
import { EngineError } from '../errors';
import type { Digest } from '../format/digest';
import { decodeManifest } from '../format/manifest';
import { familiarString, withDigest, type Reference } from '../format/reference';
import type { ImageStore } from '../store/ImageStore';
import type { PullEvent, PullResult } from './pull';
import { PROGRESS_STEPS } from './progress';
import type { RegistryStore } from './RegistryStore';

const MAX_CONCURRENT_DOWNLOADS = 3;

export async function pullFromRegistry(
  images: ImageStore,
  registry: RegistryStore,
  ref: Reference,
  onEvent: (e: PullEvent) => void | Promise<void>,
  now?: () => number,
): Promise<PullResult> {
  const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
  const stored = registry.resolve(ref.path, tagOrDigest);
  if (!stored) {
    const name = familiarString({ domain: ref.domain, path: ref.path });
    const what = ref.digest !== undefined ? `${name}@${ref.digest}` : `${name}:${tagOrDigest}`;
    throw new EngineError('ManifestUnknown', 'notFound', `manifest for ${what} not found: manifest unknown: manifest unknown`);
  }
  await onEvent({ id: tagOrDigest, status: `Pulling from ${ref.path}` });
  let image = images.get(stored.image.id);
  if (!image) {
    const manifest = decodeManifest(stored.bytes);
    const present = new Set<Digest>();
    for (const img of images.list()) for (const d of img.diffIds) present.add(d);
    const fresh: Array<{ id: string; size: number }> = [];
    for (const [i, blob] of manifest.layers.entries()) {
      const id = blob.digest.slice(7, 19);
      if (present.has(stored.image.diffIds[i]!)) {
        await onEvent({ id, status: 'Already exists', progress: {} });
        continue;
      }
      await onEvent({ id, status: 'Pulling fs layer', progress: {} });
      if (fresh.length >= MAX_CONCURRENT_DOWNLOADS) await onEvent({ id, status: 'Waiting', progress: {} });
      fresh.push({ id, size: blob.size });
    }
    const startMs = now?.();
    const counts = (size: number, f: number) => ({ current: Math.round(size * f), total: size, ...(startMs !== undefined ? { startMs } : {}) });
    for (const { id, size } of fresh) {
      for (const f of PROGRESS_STEPS) await onEvent({ id, status: 'Downloading', progress: counts(size, f) });
      await onEvent({ id, status: 'Verifying Checksum', progress: {} });
      await onEvent({ id, status: 'Download complete', progress: {} });
    }
    image = images.add(stored.image);
    for (const { id, size } of fresh) {
      for (const f of PROGRESS_STEPS) await onEvent({ id, status: 'Extracting', progress: counts(size, f) });
      await onEvent({ id, status: 'Pull complete', progress: {} });
    }
  }
  const digestRef = withDigest({ domain: ref.domain, path: ref.path }, stored.digest);
  const upToDate = images.lookupRef(ref) === image.id;
  if (ref.digest === undefined) images.tag(ref, image.id);
  images.tag(digestRef, image.id);
  await onEvent({ status: `Digest: ${stored.digest}` });
  await onEvent({ status: upToDate ? `Status: Image is up to date for ${familiarString(ref)}` : `Status: Downloaded newer image for ${familiarString(ref)}` });
  return { image, manifestDigest: stored.digest, downloaded: !upToDate };
}
