/**
 * The Docker Hub catalog at run time: what `docker pull` and `docker search` read.
 *
 *   const catalog = await Catalog.open(fetchCatalogSource('/catalog/'));   // or nodeCatalogSource() in Node
 *   const hit = catalog.resolve(parseDockerRef('ubuntu'));                // tag → manifest digest + layer summary
 *   for (const l of hit.layers) ... store.hasLayer(l.diffId) ? 'Already exists' : 'Pull complete'
 *   const image = await catalog.loadImage(hit);                           // Image with known diff_ids
 *
 * Nothing is hashed at pull time: every Layer is built with the diff_id the generator computed (and a test
 * re-checks). Layers are cached by diff_id, so images sharing a base share the same Layer (and LayerTree) objects,
 * and the file list of a layer is decoded once per Catalog.
 */

import { layerFromEntries } from '../../fs/LayerTree';
import type { Digest } from '../../format/digest';
import { parseDockerRef, type Reference } from '../../format/reference';
import { Image } from '../../image/Image';
import { Layer } from '../../image/Layer';
import {
  blobPath,
  decodeIndex,
  decodeLayerListing,
  decodeSharedTexts,
  INDEX_PATH,
  layerPath,
  listingEntries,
  listingNeedsSharedTexts,
  TEXTS_PATH,
  type CatalogImageInfo,
  type CatalogIndex,
  type CatalogRepository,
  type SharedTexts,
} from './format';

/** Where catalog files come from: `path` is relative to the catalog root (`index.json`, `layers/<hex>.json.gz`). */
export interface CatalogSource {
  read(path: string): Promise<Uint8Array>;
}

/** A catalog file that is missing or unreadable. */
export class CatalogSourceError extends Error {
  override readonly name = 'CatalogSourceError';
}

/** The part of WHATWG fetch the browser source uses. */
export type FetchLike = (url: string) => Promise<{ readonly ok: boolean; readonly status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** The browser source: files under `baseUrl` (the site serves public/catalog at `/catalog/`). */
export function fetchCatalogSource(baseUrl = '/catalog/', fetchFn?: FetchLike): CatalogSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    async read(path) {
      // lib/ compiles without the DOM: the page's fetch is looked up at call time.
      const f = fetchFn ?? (globalThis as { fetch?: FetchLike }).fetch;
      if (!f) throw new CatalogSourceError('fetch is not available');
      const res = await f(base + path);
      if (!res.ok) throw new CatalogSourceError(`${base}${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

/** Any reader (Node's `fs.readFile` of `public/catalog/<path>`: see testing/nodeCatalogSource). */
export function readerCatalogSource(read: (path: string) => Promise<Uint8Array>): CatalogSource {
  return { read };
}

/** `scratch` is not an image: Docker refuses to pull it with this message. */
export const SCRATCH_RESERVED_MESSAGE = "'scratch' is a reserved name";

/** A tag resolved against the catalog. */
export interface CatalogHit {
  readonly repository: CatalogRepository;
  readonly tag: string;
  /** The manifest digest `docker pull` prints (`Digest: sha256:...`) and `docker images --digests` shows. */
  readonly manifestDigest: Digest;
  readonly image: CatalogImageInfo;
}

export class Catalog {
  private readonly _layers = new Map<Digest, Promise<Layer>>();
  private readonly _images = new Map<Digest, Promise<Image>>();
  private _texts: Promise<SharedTexts> | undefined;
  private readonly _byName: Map<string, CatalogRepository>;

  private constructor(
    private readonly _source: CatalogSource,
    readonly index: CatalogIndex,
  ) {
    this._byName = new Map(index.repositories.map((r) => [r.name, r]));
  }

  static async open(source: CatalogSource): Promise<Catalog> {
    return new Catalog(source, decodeIndex(await source.read(INDEX_PATH)));
  }

  /** Every repository, in index order (official images first, then user images). */
  repositories(): readonly CatalogRepository[] {
    return this.index.repositories;
  }

  /**
   * A repository by its Hub name (`ubuntu`, `learn/tutorial`); docker.io references are normalised, so
   * `library/ubuntu` and `docker.io/library/ubuntu` work too. Other registries are not in the catalog.
   */
  repository(name: string): CatalogRepository | undefined {
    const n = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
    return this._byName.get(n);
  }

  /** Repositories whose name or description contains `term` (case-insensitive), most stars first: the raw material of `docker search`. */
  search(term: string): CatalogRepository[] {
    const t = term.toLowerCase();
    return this.index.repositories.filter((r) => r.name.toLowerCase().includes(t) || r.description.toLowerCase().includes(t)).sort((a, b) => b.stars - a.stars);
  }

  /** A reference (parsed with parseDockerRef, so a bare name means `:latest`) → the catalog entry, or undefined. */
  resolve(ref: Reference | string): CatalogHit | undefined {
    const r = typeof ref === 'string' ? parseDockerRef(ref) : ref;
    if (r.domain !== 'docker.io') return undefined;
    const repo = this.repository(r.path);
    if (!repo) return undefined;
    if (r.digest !== undefined) {
      const image = this.index.images[r.digest];
      if (!image || !Object.values(repo.tags).includes(r.digest as Digest)) return undefined;
      const tag = Object.keys(repo.tags).find((t) => repo.tags[t] === r.digest)!;
      return { repository: repo, tag, manifestDigest: r.digest as Digest, image };
    }
    const tag = r.tag ?? 'latest';
    const digest = repo.tags[tag];
    if (!digest) return undefined;
    const image = this.index.images[digest];
    if (!image) return undefined;
    return { repository: repo, tag, manifestDigest: digest, image };
  }

  /** The manifest bytes (an OCI manifest referencing the config and the uncompressed layer tars). */
  async manifest(digest: Digest): Promise<Uint8Array> {
    return this._source.read(blobPath(digest));
  }

  /** The config bytes (sha256 = image ID). */
  async config(digest: Digest): Promise<Uint8Array> {
    return this._source.read(blobPath(digest));
  }

  /** One layer, decoded once and shared (the Layer carries its diff_id). */
  loadLayer(diffId: Digest): Promise<Layer> {
    let p = this._layers.get(diffId);
    if (!p) {
      p = this._readLayer(diffId);
      this._layers.set(diffId, p);
      p.catch(() => this._layers.delete(diffId));
    }
    return p;
  }

  /** The image of a resolved tag (cached per config: tags of one image give the same Image). */
  loadImage(hit: CatalogHit): Promise<Image> {
    let p = this._images.get(hit.image.config);
    if (!p) {
      p = (async () => {
        const [raw, layers] = await Promise.all([this.config(hit.image.config), Promise.all(hit.image.layers.map((l) => this.loadLayer(l.diffId)))]);
        return Image.fromConfig(raw, layers);
      })();
      this._images.set(hit.image.config, p);
      p.catch(() => this._images.delete(hit.image.config));
    }
    return p;
  }

  private async _readLayer(diffId: Digest): Promise<Layer> {
    const listing = decodeLayerListing(await this._source.read(layerPath(diffId)));
    if (listing.diffId !== diffId) throw new CatalogSourceError(`${layerPath(diffId)} holds ${listing.diffId}`);
    const shared = listingNeedsSharedTexts(listing) ? await this._sharedTexts() : undefined;
    return new Layer(layerFromEntries(listingEntries(listing, shared)), diffId);
  }

  private _sharedTexts(): Promise<SharedTexts> {
    return (this._texts ??= this._source.read(TEXTS_PATH).then(decodeSharedTexts));
  }
}

/** Unknown reference in the catalog: Docker's wording for a missing repository or tag on Docker Hub. */
export class CatalogNotFoundError extends Error {
  override readonly name = 'CatalogNotFoundError';
}

/**
 * `ref` (`ubuntu`, `ubuntu:24.04`, `docker.io/library/nginx:latest`) → its Image, or a CatalogNotFoundError whose
 * message is what Docker Hub answers (the pull command adds `Error response from daemon: `).
 */
export async function loadCatalogImage(catalog: Catalog, ref: string): Promise<Image> {
  const r = parseDockerRef(ref);
  const hit = catalog.resolve(r);
  if (!hit) {
    const repo = catalog.repository(r.path);
    const name = r.path.startsWith('library/') ? r.path.slice('library/'.length) : r.path;
    if (!repo) throw new CatalogNotFoundError(`pull access denied for ${name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
    throw new CatalogNotFoundError(`manifest for ${name}:${r.tag ?? 'latest'} not found: manifest unknown: manifest unknown`);
  }
  return catalog.loadImage(hit);
}
