/**
 * `docker load` (moby daemon/internal/image/tarexport/load.go for the docker-archive side, containerd's importer
 * for pure OCI layouts; docker.md §4.8, §8.4).
 *
 * Two phases, so a bad archive never half-applies: `planLoad` reads and checks everything (archive members, JSON,
 * digests, every layer tar) and builds the images without touching the store; `applyLoad` then adds and tags
 * them and produces the daemon's messages. Anything wrong is an `ArchiveError` (or the format's own error,
 * converted to one), never a partial state.
 *
 * Accepted: our `docker save` layout; Docker's older docker-archive layout (`<v1id>/layer.tar`, `<hex>.json`,
 * symlinked duplicate layers); skopeo/buildah docker-archives; OCI layouts with `oci-layout` + `index.json` and no
 * `manifest.json`; the whole archive and each layer plain or gzip/bzip2/xz/zstd compressed.
 */
import { CompressionError, decompress } from '../format/compression';
import { DigestError, sha256, type Digest } from '../format/digest';
import { decodeDockerManifestJson, type DockerManifestItem } from '../format/dockerArchive';
import { JsonTypeError } from '../format/goDecode';
import { ImageConfigError, decodeImageConfig } from '../format/imageConfig';
import { JsonSyntaxError } from '../format/json';
import { ManifestError, decodeManifest, type Descriptor } from '../format/manifest';
import { isIndexMediaType, isManifestMediaType } from '../format/mediaType';
import { Annotation, decodeIndex, decodeOciLayout } from '../format/ociIndex';
import { InvalidReferenceError, familiarString, parseNormalizedNamed, type Reference } from '../format/reference';
import { readTar } from '../format/tar';
import { bytesContent, storedBytes } from '../fs/Content';
import { normalize } from '../fs/path';
import { Image } from '../image/Image';
import { Layer } from '../image/Layer';
import type { ImageStore } from '../store/ImageStore';
import { ArchiveError } from './ArchiveError';
import { layerFromTar, memberPath, tarError } from './layerFromTar';

export interface LoadLimits {
  /** Most bytes the archive and its layers may decompress to, in total (tar bombs stop here). */
  readonly maxBytes: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxBytes: 2 ** 31 };

export interface PlannedImage {
  readonly image: Image;
  readonly tags: readonly Reference[];
  /** Layers this load brings that the store did not have (the ones Docker reports as `Loading layer`). */
  readonly newLayers: readonly Layer[];
}

export interface LoadPlan {
  readonly images: readonly PlannedImage[];
}

interface Member {
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink';
  readonly data: Uint8Array;
  readonly linkname: string;
}

/** The archive's members by normalised path, checked for traversal and duplicates. */
class ArchiveFiles {
  private readonly _members = new Map<string, Member>();

  constructor(bytes: Uint8Array) {
    try {
      for (const e of readTar(bytes)) {
        const path = memberPath(e.name, 'invalid archive');
        if (path === '') continue;
        if (this._members.has(path)) {
          // The same directory listed twice is harmless; anything else would make "which one?" ambiguous.
          if (e.type === 'dir' && this._members.get(path)!.type === 'dir') continue;
          throw new ArchiveError(`invalid archive: duplicate member "${e.name}"`);
        }
        if (e.type === 'other' || e.type === 'chardev' || e.type === 'blockdev' || e.type === 'fifo') {
          throw new ArchiveError(`invalid archive: member "${e.name}" has an unsupported type (typeflag ${JSON.stringify(e.typeflag)})`);
        }
        if ((e.type === 'symlink' || e.type === 'hardlink') && e.linkname.startsWith('/')) {
          throw new ArchiveError(`invalid archive: link "${e.name}" points outside the archive ("${e.linkname}")`);
        }
        this._members.set(path, { type: e.type, data: e.data, linkname: e.linkname });
      }
    } catch (e) {
      tarError(e, 'invalid archive');
    }
  }

  has(path: string): boolean {
    return this._members.has(normalize(path));
  }

  /** A regular file's bytes, following links inside the archive only. */
  read(name: string): Uint8Array {
    let path = memberPath(name, 'invalid archive');
    for (let hops = 0; hops < 40; hops++) {
      const m = this._members.get(path);
      if (!m) throw new ArchiveError(`invalid archive: "${name}" is not in the archive`);
      if (m.type === 'file') return m.data;
      if (m.type === 'dir') throw new ArchiveError(`invalid archive: "${name}" is a directory`);
      const dir = m.type === 'symlink' && path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      const next = normalize(m.type === 'symlink' && dir ? `${dir}/${m.linkname}` : m.linkname);
      if (next === '..' || next.startsWith('../') || next.startsWith('/')) {
        throw new ArchiveError(`invalid archive: link "${path}" points outside the archive ("${m.linkname}")`);
      }
      path = next;
    }
    throw new ArchiveError(`invalid archive: too many levels of links at "${name}"`);
  }
}

class Budget {
  constructor(private _left: number) {}
  /** Decompresses `data` within what is left of the budget. */
  inflate(data: Uint8Array, what: string): Uint8Array {
    let out;
    try {
      out = decompress(data, { maxSize: this._left });
    } catch (e) {
      if (e instanceof CompressionError) throw new ArchiveError(`${what}: ${e.message}`);
      throw e;
    }
    if (out.compression !== 'none') this._left -= out.data.length;
    return out.data;
  }
}

function tagOf(s: string): Reference {
  let named: Reference;
  try {
    named = parseNormalizedNamed(s);
  } catch (e) {
    if (e instanceof InvalidReferenceError) throw new ArchiveError(`invalid tag ${JSON.stringify(s)}: ${e.message}`);
    throw e;
  }
  if (named.tag === undefined || named.digest !== undefined) throw new ArchiveError(`invalid tag ${JSON.stringify(s)}`);
  return named;
}

/** Layers already in the store, by diff_id (only where it is known: nothing is hashed to find them). */
function knownLayers(store: ImageStore): Map<Digest, Layer> {
  const out = new Map<Digest, Layer>();
  for (const img of store.list()) for (const l of img.layers) if (l.hasDiffId) out.set(l.diffId, l);
  return out;
}

class Planner {
  private readonly _known: Map<Digest, Layer>;
  private readonly _fresh = new Map<Digest, Layer>();
  readonly images: PlannedImage[] = [];

  constructor(
    private readonly _store: ImageStore,
    private readonly _budget: Budget,
  ) {
    this._known = knownLayers(_store);
  }

  /** One layer blob checked against the diff_id the config promises. */
  layer(blob: Uint8Array, diffId: Digest, index: number): { layer: Layer; fresh: boolean } {
    const have = this._fresh.get(diffId) ?? this._known.get(diffId);
    const data = this._budget.inflate(blob, `layer ${index}`);
    const got = sha256(data);
    if (got !== diffId) throw new ArchiveError(`invalid diffID for layer ${index}: expected ${JSON.stringify(diffId)}, got ${JSON.stringify(got)}`);
    if (have) return { layer: have, fresh: false };
    const content = bytesContent(data);
    const tree = layerFromTar(storedBytes(content) ?? data, content, `layer ${index}`);
    const layer = new Layer(tree, diffId, content);
    this._fresh.set(diffId, layer);
    return { layer, fresh: true };
  }

  image(rawConfig: Uint8Array, layerBlobs: readonly Uint8Array[], tags: readonly Reference[], parent: Digest | null): void {
    const config = decodeImageConfig(rawConfig);
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== layerBlobs.length) {
      throw new ArchiveError(`invalid manifest, layers length mismatch: expected ${diffIds.length}, got ${layerBlobs.length}`);
    }
    const layers: Layer[] = [];
    const newLayers: Layer[] = [];
    layerBlobs.forEach((blob, i) => {
      const { layer, fresh } = this.layer(blob, diffIds[i]!, i);
      layers.push(layer);
      if (fresh && !newLayers.includes(layer)) newLayers.push(layer);
    });
    const planned = this.images.find((p) => p.image.id === sha256(rawConfig));
    const knownParent = parent && (this._store.has(parent) || this.images.some((p) => p.image.id === parent)) ? parent : null;
    // Config bytes are copied out of the archive buffer: the image keeps them for good.
    const image = Image.fromConfig(new Uint8Array(rawConfig), layers, knownParent);
    if (planned) {
      this.images[this.images.indexOf(planned)] = { image: planned.image, tags: [...planned.tags, ...tags], newLayers: planned.newLayers };
      return;
    }
    this.images.push({ image, tags, newLayers });
  }
}

function dockerArchive(files: ArchiveFiles, planner: Planner): void {
  const items: DockerManifestItem[] = decodeDockerManifestJson(files.read('manifest.json'));
  for (const item of items) {
    const tags = (item.RepoTags ?? []).map(tagOf);
    const raw = files.read(item.Config);
    planner.image(
      raw,
      item.Layers.map((p) => files.read(p)),
      tags,
      item.Parent ?? null,
    );
  }
}

function blobOf(files: ArchiveFiles, d: Descriptor): Uint8Array {
  const path = `blobs/sha256/${d.digest.slice(7)}`;
  const data = files.read(path);
  const got = sha256(data);
  if (got !== d.digest) throw new ArchiveError(`invalid archive: blob ${path} has digest ${got}, expected ${d.digest}`);
  if (data.length !== d.size) throw new ArchiveError(`invalid archive: blob ${path} is ${data.length} bytes, its descriptor says ${d.size}`);
  return data;
}

/** The tag an OCI descriptor names: containerd's image name annotation, else a ref name that is a full reference. */
function ociTag(d: Descriptor): Reference | null {
  const name = d.annotations?.[Annotation.ContainerdImageName];
  if (name !== undefined) {
    const r = tagOf(name);
    return r;
  }
  const ref = d.annotations?.[Annotation.RefName];
  // A bare tag (`latest`, what skopeo and umoci write) names no repository: the image loads untagged.
  if (ref === undefined || !/[:/]/.test(ref)) return null;
  return tagOf(ref);
}

function ociLayout(files: ArchiveFiles, planner: Planner): void {
  decodeOciLayout(files.read('oci-layout'));
  if (!files.has('index.json')) throw new ArchiveError('missing index.json in OCI layout 1.0.0');
  const index = decodeIndex(files.read('index.json'));
  const manifests: Array<{ desc: Descriptor; tag: Reference | null }> = [];
  for (const d of index.manifests) {
    let desc = d;
    if (isIndexMediaType(d.mediaType)) {
      const nested = decodeIndex(blobOf(files, d));
      const pick =
        nested.manifests.find((m) => isManifestMediaType(m.mediaType) && m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ??
        nested.manifests.find((m) => isManifestMediaType(m.mediaType));
      if (!pick) throw new ArchiveError('invalid archive: an index in index.json lists no image manifest');
      desc = pick;
    } else if (!isManifestMediaType(d.mediaType)) {
      continue; // attestations and other artifacts are not images
    }
    manifests.push({ desc, tag: ociTag(d) });
  }
  for (const { desc, tag } of manifests) {
    const m = decodeManifest(blobOf(files, desc));
    planner.image(
      blobOf(files, m.config),
      m.layers.map((l) => blobOf(files, l)),
      tag ? [tag] : [],
      null,
    );
  }
}

/** Reads and checks everything; the store is not touched. */
export function planLoad(store: ImageStore, archive: Uint8Array, limits: LoadLimits = DEFAULT_LOAD_LIMITS): LoadPlan {
  try {
    // A plain view (a Node Buffer's slice() would not copy; everything kept below must own or share plainly).
    archive = new Uint8Array(archive.buffer, archive.byteOffset, archive.byteLength);
    const budget = new Budget(limits.maxBytes);
    if (archive.length === 0) throw new ArchiveError('unexpected EOF');
    const tar = budget.inflate(archive, 'invalid archive');
    const files = new ArchiveFiles(tar);
    const planner = new Planner(store, budget);
    if (files.has('manifest.json')) dockerArchive(files, planner);
    else if (files.has('oci-layout')) ociLayout(files, planner);
    else throw new ArchiveError('invalid archive: does not contain a manifest.json');
    return { images: planner.images };
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    if (
      e instanceof ManifestError ||
      e instanceof JsonSyntaxError ||
      e instanceof JsonTypeError ||
      e instanceof ImageConfigError ||
      e instanceof DigestError ||
      e instanceof InvalidReferenceError
    ) {
      throw new ArchiveError(e.message);
    }
    // Image.fromConfig's consistency checks (a diff_id that does not match its layer).
    if (e instanceof RangeError) throw new ArchiveError(`invalid archive: ${e.message}`);
    throw e;
  }
}

export type LoadMessage =
  | { readonly kind: 'layer'; readonly layer: Layer }
  | { readonly kind: 'renamed'; readonly text: string }
  | { readonly kind: 'loaded'; readonly text: string };

/** Adds and tags the planned images; returns the daemon's messages in order. */
export function applyLoad(store: ImageStore, plan: LoadPlan): LoadMessage[] {
  const out: LoadMessage[] = [];
  let lastUntagged: Digest | null = null;
  for (const { image, tags, newLayers } of plan.images) {
    for (const layer of newLayers) out.push({ kind: 'layer', layer });
    const stored = store.add(image);
    for (const t of tags) {
      const prev = store.lookupRef(t);
      if (prev !== undefined && prev !== stored.id) {
        out.push({ kind: 'renamed', text: `The image ${familiarString(t)} already exists, renaming the old one with ID ${prev} to empty string` });
      }
      store.tag(t, stored.id);
      out.push({ kind: 'loaded', text: `Loaded image: ${familiarString(t)}` });
    }
    lastUntagged = tags.length === 0 ? stored.id : null;
  }
  if (lastUntagged) out.push({ kind: 'loaded', text: `Loaded image ID: ${lastUntagged}` });
  return out;
}
