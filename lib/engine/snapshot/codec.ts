/**
 * Plain-JSON codecs for what an engine snapshot holds: file contents (real bytes as base64, synthetic content as its
 * size and seed so a 100 MB package stays a few bytes), layers as their tar-like member lists, and the way back from
 * a layer to a container's writable directory (the inverse of `layerFromMemNode`).
 */
import { bytesContent, syntheticContent, syntheticParams, zerosContent, storedBytes, type Content } from '../fs/Content';
import { layerFromEntries, layerToEntries, type LayerEntry, type LayerTree, type TarLikeEntry, type TarLikeType } from '../fs/LayerTree';
import type { MergedTree } from '../fs/MergedTree';
import { attach, MemNode, type InoCounter } from '../fs/MemTree';

export type ContentJSON = { readonly b: string } | { readonly s: readonly [number, number, string] } | { readonly z: number };

/** [path, type, mode, uid, gid, mtimeMs, content | linkTarget | rdev] */
export type EntryJSON = readonly [string, TarLikeType, number, number, number, number, (ContentJSON | string | number)?];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return s;
}

export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = (B64.indexOf(clean[i]!) << 18) | (B64.indexOf(clean[i + 1] ?? 'A') << 12) | (B64.indexOf(clean[i + 2] ?? 'A') << 6) | B64.indexOf(clean[i + 3] ?? 'A');
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function encodeContent(c: Content): ContentJSON {
  const syn = syntheticParams(c);
  if (syn) return { s: [syn.size, syn.seed, toBase64(syn.head)] };
  if (c.kind === 'zeros') return { z: c.size };
  // Real bytes; slices and concatenations (loaded layers) are read out, which is what they hold.
  return { b: toBase64(storedBytes(c) ?? c.bytes()) };
}

export function decodeContent(j: ContentJSON): Content {
  if ('s' in j) return syntheticContent(j.s[0], j.s[1], fromBase64(j.s[2]));
  if ('z' in j) return zerosContent(j.z);
  return bytesContent(fromBase64(j.b));
}

export function encodeLayer(tree: LayerTree): EntryJSON[] {
  return layerToEntries(tree).map((e) => {
    const extra = e.type === 'file' ? encodeContent(e.content!) : e.type === 'symlink' || e.type === 'hardlink' ? e.linkTarget! : e.rdev;
    return extra === undefined ? [e.path, e.type, e.mode, e.uid, e.gid, e.mtimeMs] : [e.path, e.type, e.mode, e.uid, e.gid, e.mtimeMs, extra];
  });
}

export function decodeLayer(entries: readonly EntryJSON[]): LayerTree {
  return layerFromEntries(
    entries.map(([path, type, mode, uid, gid, mtimeMs, extra]): TarLikeEntry => {
      const base = { path, type, mode, uid, gid, mtimeMs };
      if (type === 'file') return { ...base, content: decodeContent(extra as ContentJSON) };
      if (type === 'symlink' || type === 'hardlink') return { ...base, linkTarget: extra as string };
      if (type === 'chardev' || type === 'blockdev') return { ...base, rdev: extra as number };
      return base;
    }),
  );
}

/**
 * Fills a container's fresh writable directory (`upper`, the root copied from the lower root) with `layer`, as if
 * the container had made those changes: copied-up nodes keep the lower inode number (overlayfs shows the lower
 * ino), new ones take the next from `inos`; hard links share one node; whiteouts and opaque flags are kept.
 */
export function graftUpper(upper: MemNode, layer: LayerTree, lower: MergedTree, inos: InoCounter): void {
  const byKey = new Map<number, MemNode>();
  upper.opaque = layer.root.opaque;
  const links: Array<[MemNode, string, string]> = [];
  const fill = (dir: MemNode, children: ReadonlyMap<string, LayerEntry>, path: string) => {
    for (const [name, e] of children) {
      const p = `${path}/${name}`;
      if (e.type === 'hardlink') {
        links.push([dir, name, e.target]);
        continue;
      }
      if (e.type === 'whiteout') {
        attach(dir, name, new MemNode(inos.next(), 'whiteout', 0, 0, 0, 0));
        continue;
      }
      const shared = byKey.get(e.key);
      if (shared) {
        shared.nlink++;
        attach(dir, name, shared);
        continue;
      }
      const below = lower.get(p);
      const ino = below && below.type === e.type && (e.type === 'dir' || lower.nlink(below) === 1) ? below.ino : inos.next();
      const n = new MemNode(ino, e.type, e.mode, e.uid, e.gid, e.mtimeMs);
      if (e.type === 'file') n.content = e.content;
      else if (e.type === 'symlink') n.target = e.target;
      else if (e.type === 'chardev' || e.type === 'blockdev' || e.type === 'fifo' || e.type === 'socket') n.rdev = e.rdev;
      byKey.set(e.key, n);
      attach(dir, name, n);
      if (e.type === 'dir') {
        n.opaque = e.opaque;
        fill(n, e.children, p);
      }
    }
  };
  fill(upper, layer.root.children, '');
  // Links to nodes of this layer resolve once every node exists.
  for (const [dir, name, target] of links) {
    let node: MemNode | undefined = upper;
    for (const part of target.split('/').filter((x) => x !== '')) node = node?.children?.get(part);
    if (node && node.type !== 'dir') {
      node.nlink++;
      attach(dir, name, node);
    }
  }
}
