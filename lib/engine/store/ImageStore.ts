/**
 * The local image store: images by ID, references (tags and digests) pointing at them, and the local parent links
 * that classic builds and commits record. References are kept in canonical form (`docker.io/library/ubuntu:latest`,
 * `docker.io/library/ubuntu@sha256:…`); the CLI shows the familiar form.
 *
 * Lookup follows the daemon's order: a full ID or `sha256:` digest; a reference (with `:latest` added when no tag or
 * digest is given); then a unique prefix of an image ID.
 */

import { noSuchImage } from '../errors';
import { isDigest, type Digest } from '../format/digest';
import {
  familiarString,
  isDigestReference,
  parseAnyReference,
  referenceString,
  tagNameOnly,
  type Reference,
} from '../format/reference';
import { formatRfc3339Nano } from '../format/time';
import type { Image } from '../image/Image';

export type ImageStoreChange =
  | { readonly kind: 'added'; readonly id: Digest }
  | { readonly kind: 'deleted'; readonly id: Digest }
  | { readonly kind: 'tagged'; readonly id: Digest; readonly ref: string }
  | { readonly kind: 'untagged'; readonly id: Digest; readonly ref: string };

export class ImageStore {
  private readonly _images = new Map<Digest, Image>();
  /** Canonical reference string → image ID. Insertion order is kept (it is the order Docker reports tags in). */
  private readonly _refs = new Map<string, Digest>();
  private readonly _parsedRefs = new Map<string, Reference>();
  private readonly _lastTagTime = new Map<Digest, string>();
  private readonly _listeners = new Set<(c: ImageStoreChange) => void>();

  onDidChange(listener: (c: ImageStoreChange) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  private _emit(c: ImageStoreChange): void {
    for (const l of [...this._listeners]) l(c);
  }

  /** Adds an image (a no-op returning the stored one when an image with that ID exists). */
  add(image: Image): Image {
    const existing = this._images.get(image.id);
    if (existing) return existing;
    this._images.set(image.id, image);
    this._emit({ kind: 'added', id: image.id });
    return image;
  }

  get(id: Digest): Image | undefined {
    return this._images.get(id);
  }

  has(id: Digest): boolean {
    return this._images.has(id);
  }

  /** All images, newest first (the order of `docker images`). */
  list(): Image[] {
    return [...this._images.values()].sort((a, b) => b.createdMs - a.createdMs);
  }

  /** Points `ref` (canonical, with a tag or a digest) at `id`, moving it off any other image. */
  tag(ref: Reference, id: Digest, now?: number): void {
    if (!this._images.has(id)) throw noSuchImage(id);
    const key = referenceString(ref);
    const previous = this._refs.get(key);
    if (previous === id) {
      if (now !== undefined) this._lastTagTime.set(id, formatRfc3339Nano(now));
      return;
    }
    if (previous) {
      this._refs.delete(key);
      this._emit({ kind: 'untagged', id: previous, ref: key });
    }
    this._refs.set(key, id);
    this._parsedRefs.set(key, ref);
    if (now !== undefined) this._lastTagTime.set(id, formatRfc3339Nano(now));
    this._emit({ kind: 'tagged', id, ref: key });
  }

  /** Removes a reference; returns the image it pointed at. */
  untag(ref: Reference): Digest | undefined {
    const key = referenceString(ref);
    const id = this._refs.get(key);
    if (id === undefined) return undefined;
    this._refs.delete(key);
    this._parsedRefs.delete(key);
    this._emit({ kind: 'untagged', id, ref: key });
    return id;
  }

  /** The image a canonical reference points at. */
  lookupRef(ref: Reference): Digest | undefined {
    return this._refs.get(referenceString(ref));
  }

  /** References of an image, in the order they were made: tags and digests. */
  refsOf(id: Digest): Reference[] {
    const out: Reference[] = [];
    for (const [key, target] of this._refs) if (target === id) out.push(this._parsedRefs.get(key)!);
    return out;
  }

  tagsOf(id: Digest): Reference[] {
    return this.refsOf(id).filter((r) => r.tag !== undefined && r.digest === undefined);
  }

  digestsOf(id: Digest): Reference[] {
    return this.refsOf(id).filter((r) => r.digest !== undefined);
  }

  /** `Metadata.LastTagTime` (set when tagged by `docker tag`/`build -t`/commit), or undefined. */
  lastTagTime(id: Digest): string | undefined {
    return this._lastTagTime.get(id);
  }

  /** Images whose local parent is `id`. */
  children(id: Digest): Image[] {
    return [...this._images.values()].filter((i) => i.parent === id);
  }

  /** Removes an image record (references must have been removed first). */
  delete(id: Digest): void {
    if (!this._images.delete(id)) return;
    this._lastTagTime.delete(id);
    this._emit({ kind: 'deleted', id });
  }

  /**
   * The image `refOrId` names, as the daemon resolves it: full ID / digest, reference (default tag `latest`), then a
   * unique ID prefix. Throws the daemon's `No such image: …` (reference parse errors propagate as they are).
   */
  resolve(refOrId: string): Image {
    const found = this.find(refOrId);
    if (found) return found;
    throw noSuchImage(this._notFoundName(refOrId));
  }

  find(refOrId: string): Image | undefined {
    const bare = refOrId.startsWith('sha256:') ? refOrId.slice(7) : refOrId;
    const full = `sha256:${bare}`;
    if (isDigest(full) && this._images.has(full as Digest)) return this._images.get(full as Digest);
    let parsed: Reference | undefined;
    try {
      const any = parseAnyReference(refOrId);
      if (!isDigestReference(any)) parsed = tagNameOnly(any);
    } catch {
      parsed = undefined;
    }
    if (parsed) {
      const id = this.lookupRef(parsed);
      if (id) return this._images.get(id);
    }
    if (/^[0-9a-f]+$/.test(bare) && bare.length < 64) {
      let match: Image | undefined;
      for (const [id, img] of this._images) {
        if (id.startsWith(`sha256:${bare}`)) {
          if (match) return undefined; // ambiguous: the daemon reports it as not found
          match = img;
        }
      }
      return match;
    }
    return undefined;
  }

  private _notFoundName(refOrId: string): string {
    try {
      const any = parseAnyReference(refOrId);
      if (isDigestReference(any)) return refOrId;
      return familiarString(tagNameOnly(any));
    } catch {
      return refOrId;
    }
  }

  /** Every (reference, image) pair, in insertion order. */
  references(): Array<[Reference, Digest]> {
    return [...this._refs].map(([k, id]) => [this._parsedRefs.get(k)!, id]);
  }
}
