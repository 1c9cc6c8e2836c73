/**
 * `docker push` to the simulated Docker Hub: the checks in the daemon's order (moby distribution/push_v2.go), then
 * registry/push.ts. Errors the daemon reports inside the progress stream (no local tag, access denied) come after
 * the `The push refers to repository` line, and the CLI prints them without `Error response from daemon: `.
 */
import { EngineError } from '../errors';
import { familiarName, referenceName, withDigest, type Reference } from '../format/reference';
import { shortId } from '../format/digest';
import type { Engine } from '../Engine';
import { accessDenied, type Credentials } from './hub';
import type { PullEvent } from './pull';
import { registryUnreachable } from './pull';
import { pushImage, type PushResult } from './push';

export async function pushToHub(
  engine: Engine,
  ref: Reference,
  credentials: Credentials | undefined,
  onEvent: (e: PullEvent) => void | Promise<void>,
  now?: () => number,
): Promise<PushResult> {
  if (ref.domain !== 'docker.io') throw registryUnreachable(ref.domain);
  await onEvent({ status: `The push refers to repository [${referenceName(ref)}]` });
  const id = engine.images.lookupRef(ref);
  const image = id && engine.images.get(id);
  if (!image) {
    throw new EngineError('NoLocalTag', 'notFound', `An image does not exist locally with the tag: ${familiarName(ref)}`, {}, false);
  }
  if (!engine.hub.mayPush(credentials, ref.path)) {
    // The daemon prepares the upload before the registry refuses the first blob.
    const seen = new Set<string>();
    for (const l of [...image.layers].reverse()) {
      const s = shortId(l.diffId);
      if (!seen.has(s)) await onEvent({ id: s, status: 'Preparing', progress: {} });
      seen.add(s);
    }
    throw accessDenied();
  }
  const result = await pushImage(engine.hub.registry, image, ref.path, ref.tag ?? 'latest', onEvent, now);
  // What `docker images --digests` and RepoDigests show from now on.
  engine.images.tag(withDigest({ domain: ref.domain, path: ref.path }, result.manifestDigest), image.id);
  return result;
}
