/**
 * `docker pull` of what was pushed to a `RegistryStore` (learners' Hub repositories): the same event sequence as
 * the catalog pull (pull.ts), with layer lines keyed by 12 hex of the compressed blob digest the manifest names.
 */
import { EngineError } from '../errors';
import type { Digest } from '../format/digest';
import { decodeManifest } from '../format/manifest';
import { familiarString, withDigest, type Reference } from '../format/reference';
import type { ImageStore } from '../store/ImageStore';
import type { PullEvent, PullResult } from './pull';
import type { RegistryStore } from './RegistryStore';

const MAX_CONCURRENT_DOWNLOADS = 3;

export async function pullFromRegistry(
  images: ImageStore,
  registry: RegistryStore,
  ref: Reference,
  onEvent: (e: PullEvent) => void | Promise<void>,
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
    const fresh: string[] = [];
    for (const [i, blob] of manifest.layers.entries()) {
      const id = blob.digest.slice(7, 19);
      if (present.has(stored.image.diffIds[i]!)) {
        await onEvent({ id, status: 'Already exists' });
        continue;
      }
      await onEvent({ id, status: 'Pulling fs layer' });
      if (fresh.length >= MAX_CONCURRENT_DOWNLOADS) await onEvent({ id, status: 'Waiting' });
      fresh.push(id);
    }
    for (const id of fresh) {
      await onEvent({ id, status: 'Verifying Checksum' });
      await onEvent({ id, status: 'Download complete' });
    }
    image = images.add(stored.image);
    for (const id of fresh) await onEvent({ id, status: 'Pull complete' });
  }
  const digestRef = withDigest({ domain: ref.domain, path: ref.path }, stored.digest);
  const upToDate = images.lookupRef(ref) === image.id;
  if (ref.digest === undefined) images.tag(ref, image.id);
  images.tag(digestRef, image.id);
  await onEvent({ status: `Digest: ${stored.digest}` });
  await onEvent({ status: upToDate ? `Status: Image is up to date for ${familiarString(ref)}` : `Status: Downloaded newer image for ${familiarString(ref)}` });
  return { image, manifestDigest: stored.digest, downloaded: !upToDate };
}
