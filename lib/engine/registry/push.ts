/**
 * The daemon side of `docker push` (moby daemon/internal/distribution/push_v2.go, xfer/upload.go; docker.md §4.10):
 * layers gzip-compressed for the wire (digest and size measured while streaming, nothing held), a Docker v2
 * schema 2 manifest (distribution marshals it indented with three spaces) whose digest is the sha256 of its bytes,
 * progress as jsonmessage-like events keyed by 12 hex of the diff_id.
 *
 * Per layer, top first: `Preparing` (`Waiting` beyond five concurrent uploads), then `Layer already exists` (the
 * repository links the blob), `Mounted from <repo>` (another repository has it: cross-repository mount) or
 * `Pushing` with byte counts (of the uncompressed tar, which is what xfer's progress reader counts) and `Pushed`.
 * Every layer message carries progress details (`progress`), so a terminal keeps one line per layer and rewrites
 * it; the last line `<tag>: digest: sha256:… size: N` is a plain message.
 */
import { gzipChunks } from '../format/compression';
import { createSha256, shortId, type Digest } from '../format/digest';
import { goMarshalIndent, type GoJson } from '../format/json';
import { MediaType } from '../format/mediaType';
import { sha256 } from '../format/digest';
import type { Image } from '../image/Image';
import type { Layer } from '../image/Layer';
import type { PullEvent } from './pull';
import { PROGRESS_STEPS } from './progress';
import type { RegistryStore, StoredBlob } from './RegistryStore';

/** xfer's maxConcurrentUploads. */
const MAX_CONCURRENT_UPLOADS = 5;

export interface PushResult {
  readonly manifestDigest: Digest;
  readonly size: number;
}

/** The `Pushing [==>  ] 1.2MB/3.4MB` messages of one layer's upload. */
export async function reportPushing(id: string, layer: Layer, onEvent: (e: PullEvent) => void | Promise<void>, startMs: number | undefined): Promise<void> {
  const total = layer.tarSize;
  for (const f of PROGRESS_STEPS) {
    await onEvent({ id, status: 'Pushing', progress: { current: Math.round(total * f), total, ...(startMs !== undefined ? { startMs } : {}) } });
  }
}

/** A layer's wire blob: gzip of its tar, measured once by streaming. */
export function layerBlob(layer: Layer): StoredBlob {
  const chunks = () => gzipChunks(layer.tarChunks());
  const h = createSha256();
  for (const c of chunks()) h.update(c);
  return { digest: h.digest(), size: h.size, mediaType: MediaType.DockerLayerGzip, chunks, layer };
}

/** distribution's schema2 manifest bytes for a config and compressed layers. */
export function schema2Manifest(config: { digest: Digest; size: number }, layers: ReadonlyArray<{ digest: Digest; size: number }>): Uint8Array {
  const desc = (mediaType: string, d: { digest: Digest; size: number }): GoJson => ({ mediaType, size: d.size, digest: d.digest });
  const m: GoJson = {
    schemaVersion: 2,
    mediaType: MediaType.DockerManifest,
    config: desc(MediaType.DockerConfig, config),
    layers: layers.map((l) => desc(MediaType.DockerLayerGzip, l)),
  };
  return new TextEncoder().encode(goMarshalIndent(m, '', '   '));
}

/**
 * Pushes `image` as `path:tag` into `registry`. `repository` is the full name for the header line
 * (`docker.io/alice/app`). Authorisation is the caller's business (it is checked before anything is sent).
 */
export async function pushImage(
  registry: RegistryStore,
  image: Image,
  path: string,
  tag: string,
  onEvent: (e: PullEvent) => void | Promise<void>,
  now?: () => number,
): Promise<PushResult> {
  const layers = [...image.layers].reverse();
  const ids = layers.map((l) => shortId(l.diffId));
  const seen = new Set<string>();
  let active = 0;
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    await onEvent({ id, status: 'Preparing', progress: {} });
    if (active++ >= MAX_CONCURRENT_UPLOADS) await onEvent({ id, status: 'Waiting', progress: {} });
  }
  const blobs = new Map<Layer, StoredBlob>();
  const reported = new Set<string>();
  for (const [i, layer] of layers.entries()) {
    const id = ids[i]!;
    const known = registry.compressedDigestOf(layer.diffId);
    let status: string;
    if (known && registry.repoHasBlob(path, known)) {
      blobs.set(layer, registry.blob(known)!);
      status = 'Layer already exists';
    } else if (known && registry.mountSource(known, path)) {
      const from = registry.mountSource(known, path)!;
      registry.linkBlob(path, known);
      blobs.set(layer, registry.blob(known)!);
      status = `Mounted from ${from}`;
    } else {
      if (!reported.has(id)) await reportPushing(id, layer, onEvent, now?.());
      const blob = layerBlob(layer);
      registry.putBlob(path, blob, layer.diffId);
      blobs.set(layer, blob);
      status = 'Pushed';
    }
    if (!reported.has(id)) await onEvent({ id, status, progress: {} });
    reported.add(id);
  }
  const config = image.rawConfig;
  const configBlob: StoredBlob = { digest: image.id, size: config.length, mediaType: MediaType.DockerConfig, chunks: () => [config] };
  registry.putBlob(path, configBlob);
  const bytes = schema2Manifest(
    { digest: image.id, size: config.length },
    image.layers.map((l) => blobs.get(l)!),
  );
  const manifestDigest = sha256(bytes);
  registry.putManifest(path, tag, { digest: manifestDigest, mediaType: MediaType.DockerManifest, bytes, image });
  await onEvent({ status: `${tag}: digest: ${manifestDigest} size: ${bytes.length}` });
  return { manifestDigest, size: bytes.length };
}
