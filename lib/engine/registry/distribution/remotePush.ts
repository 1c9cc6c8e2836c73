/**
 * `docker push` to a registry on the simulated network (`localhost:5000/app`): the Registry HTTP API v2 spoken
 * through the host's network stack, with the same output as a Hub push (registry/push.ts): `HEAD` a blob →
 * `Layer already exists`; a layer this daemon pushed to another repository of the same registry → cross-repository
 * mount (`Mounted from …`); otherwise a monolithic upload (`POST …/blobs/uploads/?digest=`) → `Pushed`; then the
 * schema 2 manifest `PUT`.
 */
import { EngineError } from '../../errors';
import { shortId, type Digest } from '../../format/digest';
import { MediaType } from '../../format/mediaType';
import { referenceName, withDigest, type Reference } from '../../format/reference';
import type { ImageStore } from '../../store/ImageStore';
import type { Hub } from '../hub';
import type { PullEvent } from '../pull';
import { layerBlob, reportPushing, schema2Manifest, type PushResult } from '../push';
import type { RegistryClient } from './client';
import { concatBytes } from '../../process/text';

const MAX_CONCURRENT_UPLOADS = 5;

function failed(res: { status: number; body: Uint8Array }, what: string): EngineError {
  let message = `unexpected status ${res.status} from ${what}`;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(res.body)) as { errors?: Array<{ message?: string }> };
    if (parsed.errors?.[0]?.message) message = parsed.errors[0].message;
  } catch {
    // not a distribution error body
  }
  return new EngineError('PushFailed', 'system', message, {}, false);
}

export async function pushToRemote(
  images: ImageStore,
  hub: Hub,
  client: RegistryClient,
  ref: Reference,
  onEvent: (e: PullEvent) => void | Promise<void>,
  now?: () => number,
): Promise<PushResult> {
  await onEvent({ status: `The push refers to repository [${referenceName(ref)}]` });
  const id = images.lookupRef(ref);
  const image = id && images.get(id);
  if (!image) throw new EngineError('NoLocalTag', 'notFound', `An image does not exist locally with the tag: ${referenceName(ref)}`, {}, false);
  let ping;
  try {
    ping = await client.request('GET', '/v2/');
  } catch (e) {
    // Inside the push stream: the CLI prints it without the daemon prefix.
    if (e instanceof EngineError) throw new EngineError(e.code, e.kind, e.message, e.data, false);
    throw e;
  }
  if (ping.status !== 200) throw failed(ping, client.host);
  const path = ref.path;
  const layers = [...image.layers].reverse();
  const ids = layers.map((l) => shortId(l.diffId));
  const seen = new Set<string>();
  let active = 0;
  for (const s of ids) {
    if (seen.has(s)) continue;
    seen.add(s);
    await onEvent({ id: s, status: 'Preparing', progress: {} });
    if (active++ >= MAX_CONCURRENT_UPLOADS) await onEvent({ id: s, status: 'Waiting', progress: {} });
  }
  const descriptors = new Map<Digest, { digest: Digest; size: number }>();
  const reported = new Set<string>();
  for (const [i, layer] of layers.entries()) {
    const key = `${client.host} ${layer.diffId}`;
    const known = hub.remoteBlobs.get(key);
    let status: string;
    let desc: { digest: Digest; size: number } | undefined = known && { digest: known.digest, size: known.size };
    if (desc && (await client.request('HEAD', `/v2/${path}/blobs/${desc.digest}`)).status === 200) {
      status = 'Layer already exists';
    } else if (desc && known && known.repo !== path && (await client.request('POST', `/v2/${path}/blobs/uploads/?mount=${desc.digest}&from=${known.repo}`)).status === 201) {
      status = `Mounted from ${known.repo}`;
    } else {
      const blob = layerBlob(layer);
      desc = { digest: blob.digest, size: blob.size };
      const head = await client.request('HEAD', `/v2/${path}/blobs/${blob.digest}`);
      if (head.status === 200) status = 'Layer already exists';
      else {
        if (!reported.has(ids[i]!)) await reportPushing(ids[i]!, layer, onEvent, now?.());
        const res = await client.request('POST', `/v2/${path}/blobs/uploads/?digest=${blob.digest}`, concatBytes([...blob.chunks()]), [['Content-Type', 'application/octet-stream']]);
        if (res.status !== 201) throw failed(res, client.host);
        status = 'Pushed';
      }
      hub.remoteBlobs.set(key, { digest: blob.digest, size: blob.size, repo: path });
    }
    descriptors.set(layer.diffId, desc);
    const s = ids[i]!;
    if (!reported.has(s)) await onEvent({ id: s, status, progress: {} });
    reported.add(s);
  }
  const config = image.rawConfig;
  if ((await client.request('HEAD', `/v2/${path}/blobs/${image.id}`)).status !== 200) {
    const res = await client.request('POST', `/v2/${path}/blobs/uploads/?digest=${image.id}`, config);
    if (res.status !== 201) throw failed(res, client.host);
  }
  const manifest = schema2Manifest({ digest: image.id, size: config.length }, image.layers.map((l) => descriptors.get(l.diffId)!));
  const tag = ref.tag ?? 'latest';
  const put = await client.request('PUT', `/v2/${path}/manifests/${tag}`, manifest, [['Content-Type', MediaType.DockerManifest]]);
  if (put.status !== 201) throw failed(put, client.host);
  const digest = put.headers.get('Docker-Content-Digest') as Digest;
  images.tag(withDigest({ domain: ref.domain, path: ref.path }, digest), image.id);
  await onEvent({ status: `${tag}: digest: ${digest} size: ${manifest.length}` });
  return { manifestDigest: digest, size: manifest.length };
}
