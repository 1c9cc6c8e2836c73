/**
 * `docker rmi` in the graphdriver image store (moby daemon/images/image_delete.go): untag by name, delete by ID,
 * the conflict rules (hard: child images, running containers; soft: other references, stopped containers), the
 * layers no remaining image references, and the pruning of now-dangling parents (classic build intermediates).
 */
import { imageConflict } from '../errors';
import { chainIds, shortId, type Digest } from '../format/digest';
import { familiarString, parseDockerRef, type Reference } from '../format/reference';
import type { ContainerStore } from '../store/ContainerStore';
import type { ImageStore } from '../store/ImageStore';

export type ImageDeleteEvent = { readonly untagged: string } | { readonly deleted: Digest };

export interface RemoveImageOptions {
  readonly force?: boolean;
  /** Keep untagged parents (`--no-prune`). */
  readonly noPrune?: boolean;
}

interface Stores {
  readonly images: ImageStore;
  readonly containers: ContainerStore;
}

const CHILD = 1;
const RUNNING = 2;
const REFERENCE = 4;
const STOPPED = 8;
const HARD = CHILD | RUNNING;
const SOFT = REFERENCE | STOPPED;

interface Conflict {
  readonly hard: boolean;
  readonly used: boolean;
  readonly message: string;
}

function isImageIdPrefix(id: Digest, s: string): boolean {
  return id.startsWith(s) || id.slice(7).startsWith(s);
}

const refName = (r: Reference) => `${r.domain}/${r.path}`;
const isCanonical = (r: Reference) => r.digest !== undefined;

/** moby isSingleReference: at most one tag, and every reference in that tag's repository. */
function isSingleReference(refs: readonly Reference[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: Reference | undefined;
  const canonicalNames = new Set<string>();
  for (const r of refs) {
    if (isCanonical(r)) canonicalNames.add(refName(r));
    else if (single === undefined) single = r;
    else return false;
  }
  single ??= refs[0]!;
  return canonicalNames.size === 1 && canonicalNames.has(refName(single));
}

function conflictError(id: Digest, c: Conflict) {
  return imageConflict(`conflict: unable to delete ${shortId(id)} (${c.hard ? 'cannot be forced' : 'must be forced'}) - ${c.message}`, { id });
}

function checkConflict(s: Stores, id: Digest, mask: number): Conflict | undefined {
  if (mask & CHILD && s.images.children(id).length > 0) return { hard: true, used: false, message: 'image has dependent child images' };
  const users = s.containers.usingImage(id);
  if (mask & RUNNING) {
    const running = users.find((c) => c.running);
    if (running) return { hard: true, used: true, message: `image is being used by running container ${shortId(running.id)}` };
  }
  if (mask & REFERENCE && s.images.refsOf(id).length > 0) return { hard: false, used: false, message: 'image is referenced in multiple repositories' };
  if (mask & STOPPED) {
    const stopped = users.find((c) => !c.running);
    if (stopped) return { hard: false, used: true, message: `image is being used by stopped container ${shortId(stopped.id)}` };
  }
  return undefined;
}

function untag(s: Stores, ref: Reference, events: ImageDeleteEvent[]): void {
  s.images.untag(ref);
  events.push({ untagged: familiarString(ref) });
}

/**
 * Chain IDs of every layer stack still held by an image in the store or by a container: a container's read-write
 * layer keeps its image's chain mounted, so `rmi -f` of an image a stopped container uses deletes only the image.
 */
function referencedChains(s: Stores): Set<Digest> {
  const held = new Set<Digest>();
  for (const img of s.images.list()) for (const c of chainIds(img.diffIds)) held.add(c);
  for (const c of s.containers.list()) for (const chain of chainIds(c.image.diffIds)) held.add(chain);
  return held;
}

function deleteHelper(s: Stores, id: Digest, events: ImageDeleteEvent[], force: boolean, prune: boolean, quiet: boolean): void {
  const conflict = checkConflict(s, id, force ? HARD : HARD | SOFT);
  if (conflict) {
    const dangling = s.images.refsOf(id).length === 0 && s.images.children(id).length === 0;
    // Pruning parents stops quietly unless the parent is dangling and unused.
    if (quiet && (!dangling || conflict.used)) return;
    throw conflictError(id, conflict);
  }
  const img = s.images.get(id)!;
  const parent = img.parent;
  for (const r of s.images.refsOf(id)) untag(s, r, events);
  s.images.delete(id);
  events.push({ deleted: id });
  // The layer store releases the top layer, then each parent it no longer needs: top first.
  const held = referencedChains(s);
  for (const chain of chainIds(img.diffIds).reverse()) {
    if (held.has(chain)) break;
    events.push({ deleted: chain });
  }
  if (!prune || parent === null || !s.images.has(parent)) return;
  deleteHelper(s, parent, events, false, true, true);
}

/**
 * Removes `refOrId` and returns the daemon's records in order. On a conflict after an untag the untag stays done
 * (the daemon returns only the error).
 */
export function removeImage(s: Stores, refOrId: string, options: RemoveImageOptions = {}): ImageDeleteEvent[] {
  const force = options.force ?? false;
  const prune = !(options.noPrune ?? false);
  const img = s.images.resolve(refOrId);
  const id = img.id;
  const events: ImageDeleteEvent[] = [];
  let refs = s.images.refsOf(id);
  if (!isImageIdPrefix(id, refOrId)) {
    if (!force && isSingleReference(refs)) {
      const user = s.containers.usingImage(id)[0];
      if (user) {
        throw imageConflict(
          `conflict: unable to remove repository reference "${refOrId}" (must force) - container ${shortId(user.id)} is using its referenced image ${shortId(id)}`,
          { id },
        );
      }
    }
    const parsed = parseDockerRef(refOrId);
    untag(s, parsed, events);
    refs = s.images.refsOf(id);
    if (!isCanonical(parsed)) {
      // The last tag of a repository takes that repository's digest references with it.
      const sameRepoTag = refs.some((r) => !isCanonical(r) && refName(r) === refName(parsed));
      if (!sameRepoTag) {
        const remaining: Reference[] = [];
        for (const r of refs) {
          if (isCanonical(r) && refName(r) === refName(parsed)) untag(s, r, events);
          else remaining.push(r);
        }
        refs = remaining;
      }
    }
    if (refs.length > 0) return events;
  } else if (isSingleReference(refs)) {
    const conflict = checkConflict(s, id, force ? HARD : HARD | (SOFT & ~REFERENCE));
    if (conflict) throw conflictError(id, conflict);
    for (const r of refs) untag(s, r, events);
  }
  deleteHelper(s, id, events, force, prune, false);
  return events;
}
