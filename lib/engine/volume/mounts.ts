/**
 * What a container mounts (moby daemon/volumes.go registerMountPoints, volume/mounts): `-v`/`--mount` specs plus the
 * image's `VOLUME`s not already covered, resolved when the container is created — named volumes made on first
 * use, anonymous ones with a random 64-hex name, bind sources created as directories on the host (`-v` only).
 * A volume that is new and empty gets a copy of what the image has at the mount point, as Docker does.
 */
import { invalidParameter } from '../errors';
import { bytesContent, type Content } from '../fs/Content';
import type { MemFs } from '../fs/MemFs';
import { TreeFs } from '../fs/TreeFs';
import type { Mount } from '../fs/MountFs';
import { type FsClient, isFsError } from '../fs/Types';
import type { BindSpec } from '../container/Types';
import type { Random } from '../process/Types';
import { ANONYMOUS_LABEL, type VolumeStore } from './VolumeStore';

export interface VolumeContext {
  readonly volumes: VolumeStore;
  readonly random: Random;
  readonly now: number;
  /** The daemon host's filesystem (the learner's host), for bind mounts; undefined: binds are refused. */
  readonly hostFs: FsClient | undefined;
}

/** A resolved mount: binds keep their host path, volumes their (possibly generated) name. */
export type ResolvedMount = BindSpec & { readonly created?: boolean };

function mkdirAll(fs: FsClient, path: string): void {
  let p = '';
  for (const part of path.split('/').filter((x) => x !== '')) {
    p += `/${part}`;
    try {
      fs.mkdir(p, 0o755);
    } catch (e) {
      if (!isFsError(e) || e.code !== 'EEXIST') throw e;
    }
  }
}

/** Resolves `binds` (in flag order) and the image's volumes; creates what must exist. */
export function resolveMounts(ctx: VolumeContext, binds: readonly BindSpec[], imageVolumes: readonly string[]): ResolvedMount[] {
  const out: ResolvedMount[] = [];
  const targets = new Set<string>();
  for (const b of binds) {
    if (targets.has(b.target)) throw invalidParameter(`Duplicate mount point: ${b.target}`);
    targets.add(b.target);
  }
  // Check everything before creating anything, so a bad spec leaves no volume or directory behind.
  for (const b of binds) {
    if (b.kind !== 'bind') continue;
    if (!ctx.hostFs) throw invalidParameter(`invalid mount config for type "bind": bind source path does not exist: ${b.source}`);
    if (b.mustExist) {
      try {
        ctx.hostFs.stat(b.source);
      } catch {
        throw invalidParameter(`invalid mount config for type "bind": bind source path does not exist: ${b.source}`);
      }
    }
  }
  const all: BindSpec[] = [...binds];
  for (const v of imageVolumes) if (!targets.has(v)) all.push({ source: '', target: v, readOnly: false, kind: 'volume' });
  for (const b of all) {
    if (b.kind === 'bind') {
      mkdirAll(ctx.hostFs!, b.source);
      out.push(b);
      continue;
    }
    const anonymous = b.source === '';
    const name = anonymous ? ctx.random.hex(64) : b.source;
    // Docker 23+ marks anonymous volumes so `docker volume prune` (without -a) knows them.
    const { created } = ctx.volumes.ensure(name, { now: ctx.now, anonymous, ...(anonymous ? { labels: { [ANONYMOUS_LABEL]: '' } } : {}) });
    out.push({ ...b, source: name, created });
  }
  return out;
}

/** The mounts for the container's MountFs. */
export function mountsOf(ctx: VolumeContext, resolved: readonly ResolvedMount[]): Mount[] {
  const out: Mount[] = [];
  for (const m of resolved) {
    if (m.kind === 'bind') out.push({ target: m.target, fs: ctx.hostFs!, source: m.source, readOnly: m.readOnly });
    else {
      const v = ctx.volumes.get(m.source);
      if (v) out.push({ target: m.target, fs: v.fs, readOnly: m.readOnly });
    }
  }
  return out;
}

/** Copies what `image` has under `path` into an empty new volume (files, dirs, symlinks; owners and modes kept). */
export function seedVolume(volume: MemFs, image: FsClient, path: string): void {
  let st;
  try {
    st = image.stat(path);
  } catch {
    return;
  }
  if (st.type !== 'dir') return;
  volume.chmod('/', st.mode);
  volume.chown('/', st.uid, st.gid);
  const copy = (from: string, to: string) => {
    for (const name of image.readdir(from)) {
      const src = from === '/' ? `/${name}` : `${from}/${name}`;
      const dst = to === '/' ? `/${name}` : `${to}/${name}`;
      const s = image.lstat(src);
      if (s.type === 'dir') {
        volume.mkdir(dst, s.mode);
        copy(src, dst);
      } else if (s.type === 'file') volume.putContent(dst, contentOf(image, src), { mode: s.mode, uid: s.uid, gid: s.gid, mtimeMs: s.mtimeMs });
      else if (s.type === 'symlink') volume.symlink(image.readlink(src), dst);
      else continue;
      if (s.type !== 'file') {
        if (s.type !== 'symlink') volume.chmod(dst, s.mode);
        volume.chown(dst, s.uid, s.gid, true);
      }
    }
  };
  copy(path, '/');
}

/** Synthetic contents stay synthetic when the source can hand them over (TreeFs), else the bytes are copied. */
function contentOf(fs: FsClient, path: string): Content {
  return fs instanceof TreeFs ? fs.readContent(path) : bytesContent(fs.readFile(path));
}
