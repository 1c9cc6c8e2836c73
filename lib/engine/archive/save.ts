/**
 * `docker save`: images as one tar in the Engine ≥ 25 graphdriver layout (docker.md §8.1, §8.6; moby
 * daemon/internal/image/tarexport/save.go): an OCI image layout (`oci-layout`, `index.json` with both name
 * annotations, `blobs/sha256/…`) that also carries Docker's `manifest.json` and `repositories`. Layers are stored
 * uncompressed under their diff_id; the config under the image ID; the OCI manifest under its own digest.
 *
 * The result is a lazy `Content` (see contentTar.ts): nothing the size of a layer is materialised. Beside the layers
 * sit the legacy per-layer v1 JSON blobs moby still writes (legacyV1.ts); there are no `<id>/layer.tar`, `VERSION`
 * or `<id>/json` entries (those are the Engine ≤ 24 layout, §8.3).
 */
import { EngineError, noSuchImage } from '../errors';
import type { Content } from '../fs/Content';
import { bytesContent } from '../fs/Content';
import { digestHex, sha256, type Digest } from '../format/digest';
import { encodeDockerManifestJson, encodeRepositories, type DockerManifestItem, type LayerSource } from '../format/dockerArchive';
import { encodeManifest, ociManifestFor, type Descriptor } from '../format/manifest';
import { MediaType } from '../format/mediaType';
import { Annotation, encodeIndex, encodeOciLayout } from '../format/ociIndex';
import {
  InvalidReferenceError,
  familiarName,
  familiarString,
  isDigestReference,
  parseAnyReference,
  referenceName,
  referenceString,
  tagNameOnly,
  type Reference,
} from '../format/reference';
import type { Image } from '../image/Image';
import type { ImageStore } from '../store/ImageStore';
import { layerTarContent, tarContent, type ContentTarEntry } from './contentTar';
import { legacyV1Configs } from './legacyV1';

interface Selected {
  readonly image: Image;
  readonly tags: Reference[];
}

const referenceDoesNotExist = () => new EngineError('ReferenceDoesNotExist', 'notFound', 'reference does not exist');

/** The daemon's parseNames: which images, with which tags, in the order the names first mention them. */
export function selectImages(store: ImageStore, names: readonly string[]): Selected[] {
  const byId = new Map<Digest, Selected>();
  const add = (image: Image, ref: Reference | null) => {
    let s = byId.get(image.id);
    if (!s) byId.set(image.id, (s = { image, tags: [] }));
    // Digest references name the image but are not tags: nothing to record.
    if (!ref || ref.digest !== undefined) return;
    const tagged = tagNameOnly(ref);
    if (!s.tags.some((t) => referenceString(t) === referenceString(tagged))) s.tags.push(tagged);
  };
  for (const name of names) {
    let parsed;
    try {
      parsed = parseAnyReference(name);
    } catch (e) {
      if (e instanceof InvalidReferenceError) throw new EngineError('InvalidReference', 'invalidParameter', e.message);
      throw e;
    }
    if (isDigestReference(parsed)) {
      const img = store.find(parsed.digest);
      if (!img) throw noSuchImage(name);
      add(img, null);
      continue;
    }
    if (familiarName(parsed) === 'sha256') {
      const img = store.find(name);
      if (!img) throw noSuchImage(name);
      add(img, null);
      continue;
    }
    if (parsed.tag === undefined && parsed.digest === undefined) {
      // A bare repository name saves every tag of it (lexical order, as the reference store lists them).
      const key = referenceName(parsed);
      const assocs = store
        .references()
        .filter(([r]) => r.digest === undefined && referenceName(r) === key)
        .sort(([a], [b]) => (referenceString(a) < referenceString(b) ? -1 : 1));
      for (const [r, id] of assocs) add(store.get(id)!, r);
      if (assocs.length === 0) {
        const img = store.find(name);
        if (!img) throw noSuchImage(familiarString(parsed));
        add(img, null);
      }
      continue;
    }
    const id = store.lookupRef(parsed);
    if (id === undefined) throw referenceDoesNotExist();
    add(store.get(id)!, parsed);
  }
  return [...byId.values()];
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

const dirEntry = (name: string, mtime: number): ContentTarEntry => ({ name, type: 'dir', mode: 0o755, uid: 0, gid: 0, uname: 'root', gname: 'root', mtime });
const fileEntry = (name: string, content: Content, mtime: number): ContentTarEntry => ({
  name,
  type: 'file',
  mode: 0o644,
  uid: 0,
  gid: 0,
  uname: 'root',
  gname: 'root',
  mtime,
  content,
});

/** The archive for `names` (throws the daemon's errors before anything is produced). */
export function saveImages(store: ImageStore, names: readonly string[]): Content {
  const selected = selectImages(store, names);
  const blobs = new Map<string, { content: Content; mtime: number }>();
  const manifestItems: DockerManifestItem[] = [];
  const indexDescriptors: Descriptor[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  const savedIds = new Set(selected.map((s) => s.image.id));

  for (const { image, tags } of selected) {
    if (image.layers.length === 0) throw new EngineError('EmptyExport', 'system', 'empty export - not implemented');
    const created = seconds(image.createdMs);
    const layerPaths: string[] = [];
    const layerDescs: Array<{ digest: Digest; size: number }> = [];
    const sources: Record<string, LayerSource> = {};
    for (const layer of image.layers) {
      const diffId = layer.diffId;
      const hex = digestHex(diffId);
      let blob = blobs.get(hex);
      if (!blob) {
        blob = { content: layer.sourceTar ?? layerTarContent(layer.tree), mtime: created };
        blobs.set(hex, blob);
      }
      layerPaths.push(`blobs/sha256/${hex}`);
      layerDescs.push({ digest: diffId, size: blob.content.size });
      sources[diffId] = { mediaType: MediaType.OciLayer, size: blob.content.size, digest: diffId };
    }
    for (const v1 of legacyV1Configs(image.config, image.diffIds)) {
      const hex = digestHex(sha256(v1));
      if (!blobs.has(hex)) blobs.set(hex, { content: bytesContent(v1), mtime: created });
    }
    blobs.set(digestHex(image.id), { content: bytesContent(image.rawConfig), mtime: created });
    const manifest = encodeManifest(ociManifestFor({ digest: image.id, size: image.rawConfig.length }, layerDescs));
    const manifestDigest = sha256(manifest);
    blobs.set(digestHex(manifestDigest), { content: bytesContent(manifest), mtime: 0 });

    const topHex = digestHex(image.layers[image.layers.length - 1]!.diffId);
    for (const t of tags) {
      (repositories[familiarName(t)] ??= {})[t.tag!] = topHex;
      indexDescriptors.push({
        mediaType: MediaType.OciManifest,
        digest: manifestDigest,
        size: manifest.length,
        annotations: { [Annotation.ContainerdImageName]: referenceString(t), [Annotation.RefName]: t.tag! },
      });
    }
    // moby's quirk: an untagged image gets a bare descriptor only while no tagged one has been emitted.
    if (tags.length === 0 && indexDescriptors.length === 0) {
      indexDescriptors.push({ mediaType: MediaType.OciManifest, digest: manifestDigest, size: manifest.length });
    }
    const item: DockerManifestItem = {
      Config: `blobs/sha256/${digestHex(image.id)}`,
      RepoTags: tags.length ? tags.map(familiarString) : null,
      Layers: layerPaths,
      LayerSources: sources,
    };
    if (image.parent && savedIds.has(image.parent)) item.Parent = image.parent;
    manifestItems.push(item);
  }

  const entries: ContentTarEntry[] = [dirEntry('blobs/', 0), dirEntry('blobs/sha256/', 0)];
  for (const hex of [...blobs.keys()].sort()) {
    const b = blobs.get(hex)!;
    entries.push(fileEntry(`blobs/sha256/${hex}`, b.content, b.mtime));
  }
  entries.push(fileEntry('index.json', bytesContent(encodeIndex({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: indexDescriptors })), 0));
  entries.push(fileEntry('manifest.json', bytesContent(encodeDockerManifestJson(manifestItems)), 0));
  entries.push(fileEntry('oci-layout', bytesContent(encodeOciLayout('moby')), 0));
  if (Object.keys(repositories).length) entries.push(fileEntry('repositories', bytesContent(encodeRepositories(repositories)), 0));
  return tarContent(entries);
}
