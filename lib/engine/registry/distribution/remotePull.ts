/**
 * `docker pull` from a registry on the simulated network (`localhost:5000/app:v1`, `…@sha256:…`): manifest, config
 * and layer blobs fetched over the Registry HTTP API v2, every digest verified, layers decompressed and checked
 * against the config's diff_ids and like any untrusted layer tar (archive/layerFromTar). Same events as the Hub
 * pull; layer lines keyed by 12 hex of the compressed blob digest, with progress details on every layer message
 * (`Downloading`/`Extracting` count the compressed blob) so a terminal keeps one line per layer.
 */
import { ArchiveError } from '../../archive/ArchiveError';
import { layerFromTar } from '../../archive/layerFromTar';
import { EngineError } from '../../errors';
import { CompressionError, decompress } from '../../format/compression';
import { sha256, type Digest } from '../../format/digest';
import { decodeImageConfig } from '../../format/imageConfig';
import { decodeManifest } from '../../format/manifest';
import { MediaType } from '../../format/mediaType';
import { familiarString, referenceName, withDigest, type Reference } from '../../format/reference';
import { bytesContent, storedBytes } from '../../fs/Content';
import { Image } from '../../image/Image';
import { Layer } from '../../image/Layer';
import type { ImageStore } from '../../store/ImageStore';
import type { PullEvent, PullResult } from '../pull';
import { PROGRESS_STEPS } from '../progress';
import type { RegistryClient } from './client';

const MAX_CONCURRENT_DOWNLOADS = 3;
const MAX_LAYER_BYTES = 2 ** 31;

const bad = (message: string) => new EngineError('PullFailed', 'system', message);

export async function pullFromRemote(
  images: ImageStore,
  client: RegistryClient,
  ref: Reference,
  onEvent: (e: PullEvent) => void | Promise<void>,
  now?: () => number,
): Promise<PullResult> {
  const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
  await client.request('GET', '/v2/');
  const res = await client.request('GET', `/v2/${ref.path}/manifests/${tagOrDigest}`, new Uint8Array(0), [['Accept', `${MediaType.DockerManifest}, ${MediaType.OciManifest}`]]);
  if (res.status === 404) {
    const what = ref.digest !== undefined ? `${referenceName(ref)}@${ref.digest}` : `${referenceName(ref)}:${tagOrDigest}`;
    throw new EngineError('ManifestUnknown', 'notFound', `manifest for ${what} not found: manifest unknown: manifest unknown`);
  }
  if (res.status !== 200) throw bad(`unexpected status ${res.status} fetching the manifest of ${referenceName(ref)}`);
  const manifestDigest = sha256(res.body);
  if (ref.digest !== undefined && ref.digest !== manifestDigest) throw bad(`manifest verification failed for digest ${ref.digest}`);
  let manifest;
  try {
    manifest = decodeManifest(res.body);
  } catch (e) {
    throw bad(e instanceof Error ? e.message : String(e));
  }
  await onEvent({ id: tagOrDigest, status: `Pulling from ${ref.path}` });
  const blob = async (d: Digest): Promise<Uint8Array> => {
    const r = await client.request('GET', `/v2/${ref.path}/blobs/${d}`);
    if (r.status !== 200) throw bad(`blob ${d} not found: blob unknown to registry`);
    if (sha256(r.body) !== d) throw bad(`filesystem layer verification failed for digest ${d}`);
    return r.body;
  };
  const rawConfig = await blob(manifest.config.digest);
  const diffIds = decodeImageConfig(rawConfig).rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) throw bad('invalid manifest: the config and the manifest disagree on the number of layers');
  let image = images.get(sha256(rawConfig));
  if (!image) {
    const present = new Map<Digest, Layer>();
    for (const img of images.list()) img.layers.forEach((l, i) => present.set(img.diffIds[i]!, l));
    const fresh: Array<{ id: string; index: number }> = [];
    for (const [i, l] of manifest.layers.entries()) {
      const id = l.digest.slice(7, 19);
      if (present.has(diffIds[i]!)) {
        await onEvent({ id, status: 'Already exists', progress: {} });
        continue;
      }
      await onEvent({ id, status: 'Pulling fs layer', progress: {} });
      if (fresh.length >= MAX_CONCURRENT_DOWNLOADS) await onEvent({ id, status: 'Waiting', progress: {} });
      fresh.push({ id, index: i });
    }
    const startMs = now?.();
    const counts = (size: number, f: number) => ({ current: Math.round(size * f), total: size, ...(startMs !== undefined ? { startMs } : {}) });
    const layers: Layer[] = [];
    for (const [i, l] of manifest.layers.entries()) {
      const have = present.get(diffIds[i]!);
      if (have) {
        layers.push(have);
        continue;
      }
      const id = l.digest.slice(7, 19);
      const data = await blob(l.digest);
      for (const f of PROGRESS_STEPS) await onEvent({ id, status: 'Downloading', progress: counts(data.length, f) });
      let tar: Uint8Array;
      try {
        tar = decompress(data, { maxSize: MAX_LAYER_BYTES }).data;
      } catch (e) {
        if (e instanceof CompressionError) throw bad(e.message);
        throw e;
      }
      if (sha256(tar) !== diffIds[i]) throw bad(`layer ${i}: diff_id mismatch: expected ${diffIds[i]}, got ${sha256(tar)}`);
      const content = bytesContent(tar);
      try {
        layers.push(new Layer(layerFromTar(storedBytes(content) ?? tar, content, `layer ${i}`), diffIds[i]!, content));
      } catch (e) {
        if (e instanceof ArchiveError) throw bad(e.message);
        throw e;
      }
      await onEvent({ id, status: 'Verifying Checksum', progress: {} });
      await onEvent({ id, status: 'Download complete', progress: {} });
    }
    image = images.add(Image.fromConfig(new Uint8Array(rawConfig), layers));
    for (const f of fresh) {
      const size = manifest.layers[f.index]!.size;
      for (const step of PROGRESS_STEPS) await onEvent({ id: f.id, status: 'Extracting', progress: counts(size, step) });
      await onEvent({ id: f.id, status: 'Pull complete', progress: {} });
    }
  }
  const upToDate = images.lookupRef(ref) === image.id;
  if (ref.digest === undefined) images.tag(ref, image.id);
  images.tag(withDigest({ domain: ref.domain, path: ref.path }, manifestDigest), image.id);
  await onEvent({ status: `Digest: ${manifestDigest}` });
  await onEvent({ status: upToDate ? `Status: Image is up to date for ${familiarString(ref)}` : `Status: Downloaded newer image for ${familiarString(ref)}` });
  return { image, manifestDigest, downloaded: !upToDate };
}
