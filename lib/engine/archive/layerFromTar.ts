/**
 * A layer from an uncompressed layer tar someone else wrote (`docker load`, `docker import`), checked the way an
 * extractor must check untrusted input: no absolute or `..` names, nothing written through a symlink the same
 * layer made, hard links only to members inside the root, no duplicate members, no whiteouts that name nothing,
 * no entry kinds we cannot represent. Every problem is an `ArchiveError` naming the member.
 *
 * File contents are not copied when large: they are slices of the tar's own bytes, which the layer keeps as its
 * `sourceTar` anyway (so a saved or pushed layer has the same digest it was loaded with).
 */
import { bytesContent, sliceContent, type Content } from '../fs/Content';
import { InvalidLayerError, OPAQUE_MARKER, WHITEOUT_PREFIX, layerFromEntries, type LayerTree, type TarLikeEntry } from '../fs/LayerTree';
import { normalize } from '../fs/path';
import { TarFormatError, readTar } from '../format/tar';
import { ArchiveError } from './ArchiveError';

/** Files up to this size get their own bytes; larger ones share the tar's buffer. */
const COPY_LIMIT = 64 * 1024;

/** A member name made relative and checked: `./a/b/` → `a/b`; '' for the root itself. */
export function memberPath(name: string, what: string): string {
  if (name.startsWith('/')) throw new ArchiveError(`${what}: member "${name}" has an absolute path`);
  const rel = normalize(name.replace(/\/+$/, '') || '.');
  if (rel === '..' || rel.startsWith('../') || rel.startsWith('/')) throw new ArchiveError(`${what}: member "${name}" points outside the root`);
  return rel === '.' ? '' : rel;
}

export function tarError(e: unknown, what: string): never {
  if (e instanceof TarFormatError) throw new ArchiveError(`${what}: ${e.goText} (${e.message.replace(/^tar: /, '')})`);
  throw e;
}

/** Parses and validates a layer tar held in `tar` (its bytes as content, for zero-copy slices). */
export function layerFromTar(bytes: Uint8Array, tar: Content, what: string): LayerTree {
  const entries: TarLikeEntry[] = [];
  const seen = new Set<string>();
  const symlinks = new Set<string>();
  try {
    for (const e of readTar(bytes)) {
      const path = memberPath(e.name, what);
      if (path === '') {
        if (e.type !== 'dir') throw new ArchiveError(`${what}: the root member "${e.name}" is not a directory`);
        entries.push({ path: '.', type: 'dir', mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, mtimeMs: Math.floor(e.mtime * 1000) });
        continue;
      }
      if (seen.has(path)) throw new ArchiveError(`${what}: duplicate member "${e.name}"`);
      seen.add(path);
      // Writing below a symlink this layer created would land wherever it points: the classic tar breakout.
      for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
        if (symlinks.has(path.slice(0, i))) throw new ArchiveError(`${what}: member "${e.name}" goes through the symlink "${path.slice(0, i)}"`);
      }
      const base = path.slice(path.lastIndexOf('/') + 1);
      if (base.startsWith(WHITEOUT_PREFIX) && base !== OPAQUE_MARKER && !base.startsWith('.wh..wh.')) {
        const victim = base.slice(WHITEOUT_PREFIX.length);
        if (victim === '' || victim === '.' || victim === '..' || victim.includes('/')) throw new ArchiveError(`${what}: invalid whiteout "${e.name}"`);
      }
      const attrs = { path, mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, mtimeMs: Math.floor(e.mtime * 1000) };
      switch (e.type) {
        case 'file': {
          const content = e.size <= COPY_LIMIT ? bytesContent(e.data) : sliceContent(tar, e.dataOffset, e.size);
          entries.push({ ...attrs, type: 'file', content });
          break;
        }
        case 'dir':
        case 'fifo':
          entries.push({ ...attrs, type: e.type });
          break;
        case 'chardev':
        case 'blockdev':
          entries.push({ ...attrs, type: e.type, rdev: (e.devmajor << 8) | (e.devminor & 0xff) });
          break;
        case 'symlink':
          if (e.linkname === '') throw new ArchiveError(`${what}: symlink "${e.name}" has no target`);
          symlinks.add(path);
          entries.push({ ...attrs, type: 'symlink', linkTarget: e.linkname });
          break;
        case 'hardlink': {
          if (e.linkname === '') throw new ArchiveError(`${what}: hard link "${e.name}" has no target`);
          const target = normalize(e.linkname.replace(/^\/+/, ''));
          if (target === '..' || target.startsWith('../') || target === '.') throw new ArchiveError(`${what}: hard link "${e.name}" points outside the root ("${e.linkname}")`);
          entries.push({ ...attrs, type: 'hardlink', linkTarget: target });
          break;
        }
        case 'other':
          throw new ArchiveError(`${what}: member "${e.name}" has an unsupported type (typeflag ${JSON.stringify(e.typeflag)})`);
      }
    }
  } catch (e) {
    tarError(e, what);
  }
  try {
    return layerFromEntries(entries);
  } catch (e) {
    if (e instanceof InvalidLayerError) throw new ArchiveError(`${what}: ${e.message}`);
    throw e;
  }
}
