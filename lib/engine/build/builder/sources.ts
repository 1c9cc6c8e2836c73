/**
 * Where COPY/ADD read from: the build context, or the root of an earlier stage or another image (`--from`). Both are
 * seen through one small tree interface with paths relative to the root (`''` is the root), so the copy rules
 * (docker.md §6.6) are written once.
 */
import type { Image } from '../../image/Image';
import { OverlayFs } from '../../fs/OverlayFs';
import { isFsError } from '../../fs/Types';
import type { BuildContext } from '../context';

export interface SourceNode {
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly target: string;
  data(): Uint8Array;
}

export interface SourceTree {
  lookup(path: string): SourceNode | undefined;
  /** Sorted child names of a directory. */
  children(path: string): string[];
  /** Every path in the tree, parents first (wildcard matching walks them as the classic builder does). */
  paths(): Iterable<string>;
  /** Content hash of a path for cache keys (never mtimes). */
  hash(path: string): string;
}

const EMPTY = new Uint8Array(0);

export function contextSource(ctx: BuildContext): SourceTree {
  const kids = new Map<string, string[]>();
  kids.set('', []);
  // A directory excluded by .dockerignore whose files an exception re-includes is not itself in the context; it
  // exists implicitly (0755, as the daemon creates it when extracting the context).
  const register = (path: string) => {
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? '' : path.slice(0, slash);
    if (!kids.has(parent)) {
      kids.set(parent, []);
      if (parent !== '') register(parent);
    }
    const list = kids.get(parent)!;
    const name = path.slice(slash + 1);
    if (!list.includes(name)) list.push(name);
  };
  for (const e of ctx.entries) {
    register(e.path);
    if (e.type === 'dir' && !kids.has(e.path)) kids.set(e.path, []);
  }
  return {
    lookup(path) {
      if (path === '') return { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, target: '', data: () => EMPTY };
      const e = ctx.get(path);
      if (!e) return kids.has(path) ? { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, target: '', data: () => EMPTY } : undefined;
      // The CLI sends the context with owners reset to root.
      return { type: e.type, mode: e.mode, uid: 0, gid: 0, mtimeMs: e.mtimeMs, target: e.target, data: () => e.data };
    },
    children: (path) => [...(kids.get(path) ?? [])].sort(),
    *paths() {
      const walk = function* (dir: string): Generator<string> {
        for (const c of [...(kids.get(dir) ?? [])].sort()) {
          const p = dir === '' ? c : `${dir}/${c}`;
          yield p;
          if (kids.has(p)) yield* walk(p);
        }
      };
      yield* walk('');
    },
    hash: (path) => ctx.hashOf(path),
  };
}

/** The filesystem of an image (a stage result or a `--from` image), read-only. */
export function imageSource(image: Image | null): SourceTree {
  const fs = image ? new OverlayFs({ image: image.merged(), now: () => 0 }) : null;
  const abs = (p: string) => (p === '' ? '/' : `/${p}`);
  const lookup = (path: string): SourceNode | undefined => {
    if (!fs) return path === '' ? { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, target: '', data: () => EMPTY } : undefined;
    try {
      const st = fs.lstat(abs(path));
      if (st.type !== 'file' && st.type !== 'dir' && st.type !== 'symlink') return undefined;
      return {
        type: st.type,
        mode: st.mode,
        uid: st.uid,
        gid: st.gid,
        mtimeMs: st.mtimeMs,
        target: st.type === 'symlink' ? fs.readlink(abs(path)) : '',
        data: () => (st.type === 'file' ? fs.readFile(abs(path)) : EMPTY),
      };
    } catch (e) {
      if (isFsError(e)) return undefined;
      throw e;
    }
  };
  const children = (path: string): string[] => {
    if (!fs) return [];
    try {
      return fs.readdir(abs(path)).sort();
    } catch (e) {
      if (isFsError(e)) return [];
      throw e;
    }
  };
  const hashes = new Map<string, string>();
  const hash = (path: string): string => {
    const known = hashes.get(path);
    if (known) return known;
    const n = lookup(path);
    let h = '';
    if (n?.type === 'dir') h = `d${n.mode}:${n.uid}:${n.gid}[${children(path).map((c) => `${c}=${hash(path === '' ? c : `${path}/${c}`)}`).join(',')}]`;
    else if (n?.type === 'symlink') h = `l${n.uid}:${n.gid}>${n.target}`;
    else if (n) h = `f${n.mode}:${n.uid}:${n.gid}:${fingerprint(n.data())}`;
    hashes.set(path, h);
    return h;
  };
  return {
    lookup,
    children,
    *paths() {
      const walk = function* (dir: string): Generator<string> {
        for (const c of children(dir)) {
          const p = dir === '' ? c : `${dir}/${c}`;
          yield p;
          if (lookup(p)?.type === 'dir') yield* walk(p);
        }
      };
      yield* walk('');
    },
    hash,
  };
}

/** A cheap content fingerprint (FNV-1a over the bytes plus the length) for in-memory cache keys. */
function fingerprint(data: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    h ^= data[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return `${data.length}.${(h >>> 0).toString(16)}`;
}
