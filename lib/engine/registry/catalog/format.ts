/**
 * The catalog's on-disk format (public/catalog, written by scripts/catalog, read by `Catalog`).
 *
 * Layout (all paths relative to the catalog root):
 *   index.json                 CatalogIndex: repositories, tags → manifest digests, per-image layer summaries
 *   blobs/<hex>                config and manifest bytes, named by their sha256 (content-addressed, so the file
 *                              name is its digest and identical configs are stored once)
 *   layers/<diffIdHex>.json.gz one layer's member list (LayerListing, gzip), named by the layer's diff_id; layers
 *                              shared between images (the Debian base under nginx, node, python) are one file
 *   texts.json.gz              SharedTexts: real text contents used by two or more layers, keyed by a short hash
 *
 * A layer listing is the layer's tar member list (`layerToEntries` order, whiteouts as `.wh.` members) with each
 * file's content described, not stored: synthetic (size, seed, optional header) for binaries and bulk data, or real
 * UTF-8 text (inline, or a reference into the shared table). Decoding gives `TarLikeEntry`s, and
 * `layerFromEntries` of them is the layer whose tar hashes to the file's diff_id (checked by the generator and a test).
 *
 * Entry lines are tab-separated; `\\`, `\t` and `\n` in paths and link targets are backslash-escaped:
 *   d <path> <mode> <uid> <gid> <mtime>
 *   f <path> <mode> <uid> <gid> <mtime> <size> <content>
 *   l <path> <mode> <uid> <gid> <mtime> <symlink target>
 *   h <path> <mode> <uid> <gid> <mtime> <hard link target (relative member path)>
 *   c|b <path> <mode> <uid> <gid> <mtime> <rdev>          (char/block device)
 *   p <path> <mode> <uid> <gid> <mtime>                   (fifo)
 * mode is octal, mtime is epoch seconds. <content> is one of:
 *   -            empty file
 *   s<seed>      synthetic bytes (seed: 32-bit, hex)
 *   e<seed>      synthetic bytes behind a plain ELF64 identification (a library or a binary nobody runs)
 *   x<seed>:<p>  synthetic bytes behind `executableHeader(p)`: a binary implementing program p
 *   t<n>         the n-th string of the listing's own `texts`
 *   g<key>       the shared text `key` of texts.json.gz
 */

import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import { EMPTY_CONTENT, syntheticContent, textContent, type Content } from '../../fs/Content';
import { executableHeader } from '../../fs/executable';
import type { TarLikeEntry, TarLikeType } from '../../fs/LayerTree';
import type { Digest } from '../../format/digest';

export const CATALOG_FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------------------------
// Index

export interface CatalogLayerInfo {
  readonly diffId: Digest;
  /** Sum of regular file sizes (what `docker history` shows for the layer). */
  readonly size: number;
  /** Length of the uncompressed tar (the manifest's layer size: our manifests reference uncompressed layers). */
  readonly tarSize: number;
  /** Number of tar members. */
  readonly entries: number;
}

export interface CatalogImageInfo {
  /** sha256 of the config bytes: the image ID. The bytes are `blobs/<hex>`. */
  readonly config: Digest;
  readonly layers: readonly CatalogLayerInfo[];
  /** Sum of the layers' sizes. */
  readonly size: number;
}

export interface CatalogRepository {
  /** Docker Hub name: `ubuntu` for official images (library/ubuntu), `learn/tutorial` for user images. */
  readonly name: string;
  readonly description: string;
  readonly stars: number;
  readonly official: boolean;
  /** tag → manifest digest (several tags may share one: `alpine:latest` and `alpine:3.20`). */
  readonly tags: Readonly<Record<string, Digest>>;
}

export interface CatalogIndex {
  readonly version: number;
  readonly repositories: readonly CatalogRepository[];
  /** manifest digest → the image it describes. The manifest bytes are `blobs/<hex>`. */
  readonly images: Readonly<Record<string, CatalogImageInfo>>;
}

export function decodeIndex(bytes: Uint8Array): CatalogIndex {
  const idx = JSON.parse(strFromU8(bytes)) as CatalogIndex;
  if (idx.version !== CATALOG_FORMAT_VERSION) throw new CatalogFormatError(`catalog index version ${String(idx.version)} (expected ${CATALOG_FORMAT_VERSION})`);
  return idx;
}

export class CatalogFormatError extends Error {
  override readonly name = 'CatalogFormatError';
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

export function blobPath(d: Digest): string {
  return `blobs/${d.slice('sha256:'.length)}`;
}
export function layerPath(diffId: Digest): string {
  return `layers/${diffId.slice('sha256:'.length)}.json.gz`;
}
export const INDEX_PATH = 'index.json';
export const TEXTS_PATH = 'texts.json.gz';

// ---------------------------------------------------------------------------------------------------------------
// Content descriptions

/** How a file's bytes are produced. */
export type ContentSpec =
  | { readonly kind: 'empty' }
  | { readonly kind: 'synthetic'; readonly size: number; readonly seed: number }
  | { readonly kind: 'elf'; readonly size: number; readonly seed: number }
  | { readonly kind: 'program'; readonly size: number; readonly seed: number; readonly program: string }
  | { readonly kind: 'text'; readonly text: string };

/** ELF64 little-endian identification (e_ident): what `file` needs to call a file ELF. */
export const ELF_IDENT = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

const headerCache = new Map<string, Uint8Array>();

/** The Content a spec describes. Synthetic values are O(1) memory. */
export function contentOf(spec: ContentSpec): Content {
  switch (spec.kind) {
    case 'empty':
      return EMPTY_CONTENT;
    case 'text':
      return textContent(spec.text);
    case 'synthetic':
      return syntheticContent(spec.size, spec.seed);
    case 'elf':
      return syntheticContent(spec.size, spec.seed, ELF_IDENT);
    case 'program': {
      let head = headerCache.get(spec.program);
      if (!head) headerCache.set(spec.program, (head = executableHeader(spec.program)));
      return syntheticContent(spec.size, spec.seed, head);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Layer listings

export interface LayerListing {
  readonly v: number;
  readonly diffId: Digest;
  /** Texts used only by this layer. */
  readonly texts: readonly string[];
  /** One line per tar member (format above). */
  readonly entries: readonly string[];
}

/** Shared texts: key (first 16 hex of the text's sha256) → text. */
export type SharedTexts = Readonly<Record<string, string>>;

/** A member as the generator describes it: the tar-like entry minus content, plus the content spec. */
export interface ListedEntry {
  readonly path: string;
  readonly type: TarLikeType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Epoch seconds. */
  readonly mtime: number;
  readonly content?: ContentSpec;
  readonly linkTarget?: string;
  readonly rdev?: number;
}

const TYPE_CODE: Record<TarLikeType, string> = { dir: 'd', file: 'f', symlink: 'l', hardlink: 'h', chardev: 'c', blockdev: 'b', fifo: 'p' };
const CODE_TYPE: Record<string, TarLikeType> = Object.fromEntries(Object.entries(TYPE_CODE).map(([t, c]) => [c, t as TarLikeType]));

function esc(s: string): string {
  return s.replace(/[\\\t\n]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : '\\n'));
}
function unesc(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
}

/**
 * Encodes a listing. `sharedKey(text)` returns the shared-table key for texts that live there, else undefined
 * (the text is stored in the listing's own table, once per distinct text).
 */
export function encodeLayerListing(diffId: Digest, entries: readonly ListedEntry[], sharedKey: (text: string) => string | undefined): Uint8Array {
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const lines = entries.map((e) => {
    const head = `${TYPE_CODE[e.type]}\t${esc(e.path)}\t${e.mode.toString(8)}\t${e.uid}\t${e.gid}\t${e.mtime}`;
    switch (e.type) {
      case 'file': {
        const c = e.content ?? { kind: 'empty' };
        let spec: string;
        let size = 0;
        switch (c.kind) {
          case 'empty':
            spec = '-';
            break;
          case 'synthetic':
            spec = `s${c.seed.toString(16)}`;
            size = c.size;
            break;
          case 'elf':
            spec = `e${c.seed.toString(16)}`;
            size = c.size;
            break;
          case 'program':
            spec = `x${c.seed.toString(16)}:${esc(c.program)}`;
            size = c.size;
            break;
          case 'text': {
            size = strToU8(c.text).length;
            const key = sharedKey(c.text);
            if (key !== undefined) spec = `g${key}`;
            else {
              let i = textIndex.get(c.text);
              if (i === undefined) {
                i = texts.length;
                texts.push(c.text);
                textIndex.set(c.text, i);
              }
              spec = `t${i}`;
            }
          }
        }
        return `${head}\t${size}\t${spec}`;
      }
      case 'symlink':
      case 'hardlink':
        return `${head}\t${esc(e.linkTarget ?? '')}`;
      case 'chardev':
      case 'blockdev':
        return `${head}\t${e.rdev ?? 0}`;
      default:
        return head;
    }
  });
  const listing: LayerListing = { v: CATALOG_FORMAT_VERSION, diffId, texts, entries: lines };
  return gzipCompact(strToU8(JSON.stringify(listing)));
}

/** gzip with a zero mtime and no file name, so equal input gives equal bytes. */
export function gzipCompact(data: Uint8Array): Uint8Array {
  return gzipSync(data, { level: 9, mtime: 0 });
}

export function decodeLayerListing(gz: Uint8Array): LayerListing {
  const listing = JSON.parse(strFromU8(gunzipSync(gz))) as LayerListing;
  if (listing.v !== CATALOG_FORMAT_VERSION) throw new CatalogFormatError(`layer listing version ${String(listing.v)}`);
  return listing;
}

export function decodeSharedTexts(gz: Uint8Array): SharedTexts {
  return JSON.parse(strFromU8(gunzipSync(gz))) as SharedTexts;
}

/**
 * The tar members a listing describes, contents made (synthetic ones cost O(1)). Equal texts within a layer share
 * one Content; `shared` is needed only when the listing references shared texts.
 */
export function listingEntries(listing: LayerListing, shared: SharedTexts | undefined): TarLikeEntry[] {
  const local = new Map<number, Content>();
  const sharedContent = new Map<string, Content>();
  const out: TarLikeEntry[] = new Array<TarLikeEntry>(listing.entries.length);
  for (let i = 0; i < listing.entries.length; i++) {
    const f = listing.entries[i]!.split('\t');
    const type = CODE_TYPE[f[0]!];
    if (type === undefined || f.length < 6) throw new CatalogFormatError(`bad layer entry: ${listing.entries[i]}`);
    const base = { path: unesc(f[1]!), type, mode: parseInt(f[2]!, 8), uid: Number(f[3]), gid: Number(f[4]), mtimeMs: Number(f[5]) * 1000 };
    switch (type) {
      case 'file': {
        const size = Number(f[6]);
        const spec = f[7]!;
        let content: Content;
        const tag = spec[0];
        if (spec === '-') content = EMPTY_CONTENT;
        else if (tag === 't') {
          const n = Number(spec.slice(1));
          let c = local.get(n);
          if (!c) local.set(n, (c = textContent(listing.texts[n]!)));
          content = c;
        } else if (tag === 'g') {
          const key = spec.slice(1);
          let c = sharedContent.get(key);
          if (!c) {
            const text = shared?.[key];
            if (text === undefined) throw new CatalogFormatError(`shared text ${key} missing`);
            sharedContent.set(key, (c = textContent(text)));
          }
          content = c;
        } else if (tag === 's' || tag === 'e') {
          content = contentOf({ kind: tag === 's' ? 'synthetic' : 'elf', size, seed: parseInt(spec.slice(1), 16) });
        } else if (tag === 'x') {
          const colon = spec.indexOf(':');
          content = contentOf({ kind: 'program', size, seed: parseInt(spec.slice(1, colon), 16), program: unesc(spec.slice(colon + 1)) });
        } else throw new CatalogFormatError(`bad content spec: ${spec}`);
        if (content.size !== size) throw new CatalogFormatError(`${base.path}: size ${content.size} != ${size}`);
        out[i] = { ...base, content };
        break;
      }
      case 'symlink':
      case 'hardlink':
        out[i] = { ...base, linkTarget: unesc(f[6] ?? '') };
        break;
      case 'chardev':
      case 'blockdev':
        out[i] = { ...base, rdev: Number(f[6]) };
        break;
      default:
        out[i] = base;
    }
  }
  return out;
}

/** True when any entry references the shared text table. */
export function listingNeedsSharedTexts(listing: LayerListing): boolean {
  return listing.entries.some((l) => l[0] === 'f' && /\t\d+\tg[0-9a-f]+$/.test(l));
}
