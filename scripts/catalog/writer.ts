/**
 * Collects layers and images, computes diff_ids with the engine's own layer tar code, and writes public/catalog
 * (format: lib/engine/registry/catalog/format.ts). Output is a pure function of the inputs: files are written in
 * sorted order, gzip has no timestamp, JSON keys come in a fixed order, and stale files are removed.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_CONTENT, type Content } from '../../lib/engine/fs/Content';
import { layerFromEntries, type TarLikeEntry } from '../../lib/engine/fs/LayerTree';
import { digestHex, sha256, type Digest } from '../../lib/engine/format/digest';
import { encodeImageConfig, type ContainerConfig, type HistoryEntry, type ImageConfigFile } from '../../lib/engine/format/imageConfig';
import { encodeManifest, ociManifestFor } from '../../lib/engine/format/manifest';
import { computeDiffId, layerTarSize } from '../../lib/engine/image/layerTar';
import {
  blobPath,
  CATALOG_FORMAT_VERSION,
  contentOf,
  encodeLayerListing,
  gzipCompact,
  INDEX_PATH,
  layerPath,
  TEXTS_PATH,
  type CatalogImageInfo,
  type CatalogIndex,
  type CatalogLayerInfo,
  type CatalogRepository,
  type ContentSpec,
  type ListedEntry,
} from '../../lib/engine/registry/catalog/format';

interface BuiltLayer {
  readonly info: CatalogLayerInfo;
  readonly listed: ListedEntry[];
}

const utf8 = new TextEncoder();

export class CatalogWriter {
  private readonly _layers = new Map<Digest, BuiltLayer>();
  private readonly _blobs = new Map<Digest, Uint8Array>();
  private readonly _images = new Map<Digest, CatalogImageInfo>();
  private readonly _repos: CatalogRepository[] = [];
  /**
   * diff_id cache keyed by the sha256 of the canonical listing (which determines the tar bytes), so a re-run over
   * the same input skips hashing hundreds of MB of synthetic bytes. Delete the file to force full hashing.
   */
  private readonly _cache: Record<string, { diffId: Digest; tarSize: number }>;

  constructor(private readonly cacheFile?: string) {
    this._cache = cacheFile && existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, { diffId: Digest; tarSize: number }>) : {};
  }

  /** Adds a layer (entries in any order; the canonical tar order is derived) and returns its summary. */
  addLayer(entries: readonly ListedEntry[]): CatalogLayerInfo {
    const specOf = new Map<Content, ContentSpec>();
    const tarEntries: TarLikeEntry[] = entries.map((e) => {
      const base = { path: e.path, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtime * 1000 };
      if (e.type === 'file') {
        const spec = e.content ?? { kind: 'empty' as const };
        const content = contentOf(spec);
        specOf.set(content, spec);
        return { ...base, content };
      }
      return { ...base, linkTarget: e.linkTarget, rdev: e.rdev };
    });
    const tree = layerFromEntries(tarEntries);
    const canonical: ListedEntry[] = tree.toEntries().map((t) => {
      const base = { path: t.path, type: t.type, mode: t.mode, uid: t.uid, gid: t.gid, mtime: Math.floor(t.mtimeMs / 1000) };
      if (t.type === 'file') {
        const spec = t.content === undefined || t.content === EMPTY_CONTENT ? { kind: 'empty' as const } : specOf.get(t.content);
        if (!spec) throw new Error(`${t.path}: content without a spec`);
        return { ...base, content: spec };
      }
      if (t.type === 'symlink' || t.type === 'hardlink') return { ...base, linkTarget: t.linkTarget };
      if (t.type === 'chardev' || t.type === 'blockdev') return { ...base, rdev: t.rdev };
      return base;
    });
    const fingerprint = digestHex(sha256(utf8.encode(JSON.stringify(canonical))));
    let ids = this._cache[fingerprint];
    if (!ids) {
      ids = { diffId: computeDiffId(tree), tarSize: layerTarSize(tree) };
      this._cache[fingerprint] = ids;
    }
    const info: CatalogLayerInfo = { diffId: ids.diffId, size: tree.size, tarSize: ids.tarSize, entries: canonical.length };
    if (!this._layers.has(info.diffId)) this._layers.set(info.diffId, { info, listed: canonical });
    return info;
  }

  /** Adds an image made of `layers` (from addLayer) and returns its manifest and config digests. */
  addImage(options: { layers: readonly CatalogLayerInfo[]; history: HistoryEntry[]; config: ContainerConfig; created: string; architecture?: string; os?: string }): { manifest: Digest; config: Digest } {
    const cfg: ImageConfigFile = {
      architecture: options.architecture ?? 'amd64',
      os: options.os ?? 'linux',
      created: options.created,
      config: options.config,
      rootfs: { type: 'layers', diff_ids: options.layers.map((l) => l.diffId) },
      history: options.history,
    };
    const nonEmpty = options.history.filter((h) => !h.empty_layer).length;
    if (nonEmpty !== options.layers.length) throw new Error(`history has ${nonEmpty} layer entries for ${options.layers.length} layers`);
    const configBytes = encodeImageConfig(cfg);
    const configDigest = sha256(configBytes);
    // Our manifests reference the uncompressed layer tars (digest = diff_id): a valid OCI manifest, and stable.
    const manifestBytes = encodeManifest(ociManifestFor({ digest: configDigest, size: configBytes.length }, options.layers.map((l) => ({ digest: l.diffId, size: l.tarSize }))));
    const manifestDigest = sha256(manifestBytes);
    this._blobs.set(configDigest, configBytes);
    this._blobs.set(manifestDigest, manifestBytes);
    this._images.set(manifestDigest, { config: configDigest, layers: options.layers, size: options.layers.reduce((n, l) => n + l.size, 0) });
    return { manifest: manifestDigest, config: configDigest };
  }

  addRepository(repo: CatalogRepository): void {
    this._repos.push(repo);
  }

  /** Writes everything under `outDir`, removing files that are no longer produced. */
  write(outDir: string): void {
    // Texts used by two or more layers go to the shared table, keyed by a short hash of the text.
    const layersUsing = new Map<string, number>();
    for (const l of this._layers.values()) {
      const seen = new Set<string>();
      for (const e of l.listed) if (e.content?.kind === 'text') seen.add(e.content.text);
      for (const t of seen) layersUsing.set(t, (layersUsing.get(t) ?? 0) + 1);
    }
    const keyOf = new Map<string, string>();
    for (const [t, n] of layersUsing) if (n >= 2) keyOf.set(t, digestHex(sha256(utf8.encode(t))).slice(0, 16));
    const shared: Record<string, string> = {};
    for (const [t, key] of [...keyOf].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))) shared[key] = t;

    const files = new Map<string, Uint8Array>();
    for (const [diffId, l] of this._layers) files.set(layerPath(diffId), encodeLayerListing(diffId, l.listed, (t) => keyOf.get(t)));
    for (const [d, bytes] of this._blobs) files.set(blobPath(d), bytes);
    files.set(TEXTS_PATH, gzipCompact(utf8.encode(JSON.stringify(shared))));
    const images: Record<string, CatalogImageInfo> = {};
    for (const d of [...this._images.keys()].sort()) images[d] = this._images.get(d)!;
    const index: CatalogIndex = { version: CATALOG_FORMAT_VERSION, repositories: this._repos, images };
    files.set(INDEX_PATH, utf8.encode(JSON.stringify(index, null, 1) + '\n'));

    for (const sub of ['blobs', 'layers']) mkdirSync(join(outDir, sub), { recursive: true });
    for (const sub of ['blobs', 'layers']) {
      for (const name of readdirSync(join(outDir, sub))) if (!files.has(`${sub}/${name}`)) rmSync(join(outDir, sub, name));
    }
    for (const p of [...files.keys()].sort()) writeFileSync(join(outDir, p), files.get(p)!);
    if (this.cacheFile) writeFileSync(this.cacheFile, JSON.stringify(this._cache));
  }
}
