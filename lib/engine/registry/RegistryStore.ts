/**
 * What a registry (Docker Hub, a `registry:2` container) stores: blobs by digest, manifests by digest, and per
 * repository its tags and which blobs it links (distribution's storage model, so "Layer already exists" and
 * "Mounted from" fall out of it). Manifests and digests are real: a manifest's digest is the sha256 of its bytes,
 * a layer blob is the gzip of the layer tar (so blob digest ≠ diff_id, as in Docker).
 *
 * Memory: a layer blob is kept as a recipe (gzip of the layer's tar, deterministic), not as bytes; its digest and
 * size were measured when it was pushed. `bytes()` regenerates it for whoever needs the wire form (HTTP API).
 * Each manifest keeps the `Image` it describes, so a pull hands out the same immutable layers.
 */
import type { Digest } from '../format/digest';
import type { Image } from '../image/Image';
import type { Layer } from '../image/Layer';

export interface StoredBlob {
  readonly digest: Digest;
  readonly size: number;
  readonly mediaType: string;
  /** The blob's bytes, chunk by chunk. */
  chunks(): Iterable<Uint8Array>;
  /** For layer blobs: the layer they hold. */
  readonly layer?: Layer;
}

export interface StoredManifest {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly image: Image;
}

interface Repository {
  readonly tags: Map<string, Digest>;
  readonly blobs: Set<Digest>;
  readonly manifests: Set<Digest>;
}

export class RegistryStore {
  private readonly _blobs = new Map<Digest, StoredBlob>();
  private readonly _manifests = new Map<Digest, StoredManifest>();
  private readonly _repos = new Map<string, Repository>();
  /** diff_id → compressed blob digest (the daemon's v2 metadata: a layer is compressed once). */
  private readonly _compressed = new Map<Digest, Digest>();

  private _repo(path: string): Repository {
    let r = this._repos.get(path);
    if (!r) this._repos.set(path, (r = { tags: new Map(), blobs: new Set(), manifests: new Set() }));
    return r;
  }

  /** Repository names (paths such as `library/ubuntu`, `alice/app`) that hold at least one tag, sorted. */
  repositories(): string[] {
    return [...this._repos].filter(([, r]) => r.tags.size > 0).map(([p]) => p).sort();
  }

  hasRepository(path: string): boolean {
    return (this._repos.get(path)?.tags.size ?? 0) > 0;
  }

  tags(path: string): string[] {
    return [...(this._repos.get(path)?.tags.keys() ?? [])].sort();
  }

  blob(digest: Digest): StoredBlob | undefined {
    return this._blobs.get(digest);
  }

  /** Whether `path` links the blob (a push of it answers "Layer already exists"). */
  repoHasBlob(path: string, digest: Digest): boolean {
    return this._repos.get(path)?.blobs.has(digest) ?? false;
  }

  /** Another repository that links the blob (a cross-repository mount source), or undefined. */
  mountSource(digest: Digest, except: string): string | undefined {
    for (const [p, r] of this._repos) if (p !== except && r.blobs.has(digest)) return p;
    return undefined;
  }

  compressedDigestOf(diffId: Digest): Digest | undefined {
    const d = this._compressed.get(diffId);
    return d && this._blobs.has(d) ? d : undefined;
  }

  putBlob(path: string, blob: StoredBlob, diffId?: Digest): void {
    if (!this._blobs.has(blob.digest)) this._blobs.set(blob.digest, blob);
    if (diffId) this._compressed.set(diffId, blob.digest);
    this._repo(path).blobs.add(blob.digest);
  }

  /** Links an existing blob into `path` (cross-repository mount). */
  linkBlob(path: string, digest: Digest): void {
    if (!this._blobs.has(digest)) throw new RangeError(`no blob ${digest}`);
    this._repo(path).blobs.add(digest);
  }

  putManifest(path: string, tag: string | undefined, manifest: StoredManifest): void {
    this._manifests.set(manifest.digest, manifest);
    const r = this._repo(path);
    r.manifests.add(manifest.digest);
    if (tag !== undefined) r.tags.set(tag, manifest.digest);
  }

  /** The manifest `path:tag` or `path@digest` names, if this repository has it. */
  resolve(path: string, tagOrDigest: string): StoredManifest | undefined {
    const r = this._repos.get(path);
    if (!r) return undefined;
    const digest = tagOrDigest.startsWith('sha256:') ? (tagOrDigest as Digest) : r.tags.get(tagOrDigest);
    if (!digest || !r.manifests.has(digest)) return undefined;
    return this._manifests.get(digest);
  }
}
