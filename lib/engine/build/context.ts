/**
 * The build context: the files of the host directory `docker build` was pointed at, minus `.dockerignore`
 * exclusions, as the daemon receives them (docker.md §5.1, §7). Owners are reset to 0:0 as the CLI sends them;
 * modes, symlink targets and mtimes are kept. Also the two numbers the outputs print: the classic builder's tar size
 * ("Sending build context to Docker daemon  2.048kB") and BuildKit's transferred bytes.
 */
import { sha256 } from '../format/digest';
import { isFsError, type FsClient } from '../fs/Types';
import { PatternMatcher } from './dockerignore/PatternMatcher';
import { readDockerignore } from './dockerignore/readDockerignore';
import { trimBuildFilesFromExcludes } from './dockerignore/buildFiles';

export interface ContextEntry {
  /** Relative to the context root, `/`-separated, no leading `./`. */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode: number;
  readonly mtimeMs: number;
  readonly data: Uint8Array;
  readonly target: string;
}

const EMPTY = new Uint8Array(0);
const TEXT = new TextEncoder();

export class BuildContext {
  /** Sorted by path (parents before children). */
  readonly entries: readonly ContextEntry[];
  private readonly _byPath: Map<string, ContextEntry>;
  private readonly _hashes = new Map<string, string>();

  constructor(entries: readonly ContextEntry[]) {
    this.entries = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this._byPath = new Map(this.entries.map((e) => [e.path, e]));
  }

  get(path: string): ContextEntry | undefined {
    return this._byPath.get(path);
  }

  /** Uncompressed tar size of the context (512-byte headers, data rounded up, 1024-byte trailer). */
  get tarSize(): number {
    let n = 1024;
    for (const e of this.entries) {
      n += 512;
      if (e.path.length > 100) n += 1024; // a PAX/GNU long-name record
      if (e.type === 'file') n += Math.ceil(e.data.length / 512) * 512;
    }
    return n;
  }

  /** Bytes of file content BuildKit's file sync transfers. */
  get transferSize(): number {
    let n = 0;
    for (const e of this.entries) n += e.type === 'file' ? e.data.length : e.type === 'symlink' ? e.target.length : 0;
    return n;
  }

  /**
   * Bytes BuildKit transfers when the Dockerfile names only some paths (dockerfile2llb's FollowPaths): the files at
   * or under each pattern (Go filepath.Match wildcards, matching a path or one of its parents); everything when a
   * pattern is the root.
   */
  transferSizeOf(patterns: readonly string[]): number {
    if (patterns.some((p) => p === '')) return this.transferSize;
    const res = patterns.map((p) => new RegExp(`^${globToRe(p)}(?:/.*)?$`, 'u'));
    let n = 0;
    for (const e of this.entries) {
      if (!res.some((r) => r.test(e.path))) continue;
      n += e.type === 'file' ? e.data.length : e.type === 'symlink' ? e.target.length : 0;
    }
    return n;
  }

  /**
   * Content hash of one entry as the classic builder's tarsum does: tar-header fields that matter (mode, size, type,
   * link target) then the content; never the mtime, so touching a file keeps the cache. Directories hash the sorted
   * hashes of everything inside. Files use a fast 64-bit FNV-1a pair (a cache key inside one engine, not a
   * security boundary); the 64-hex form the classic history shows is a sha256 over these.
   */
  hashOf(path: string): string {
    const cached = this._hashes.get(path);
    if (cached) return cached;
    const e = this._byPath.get(path);
    let h: string;
    if (!e || e.type === 'dir') {
      const parts: string[] = [];
      const prefix = path === '' ? '' : `${path}/`;
      for (const c of this._descendants(path)) if (c.type !== 'dir') parts.push(`${c.path.slice(prefix.length)}:${this.hashOf(c.path)}`);
      h = fnv64(TEXT.encode(parts.join('\n')), 0);
    } else {
      h = fnv64(e.data, fnvString(`${e.type}\0${(e.mode & 0o7777).toString(8)}\0${e.data.length}\0${e.target}\0`));
    }
    this._hashes.set(path, h);
    return h;
  }

  private _descendantsIndex: Map<string, ContextEntry[]> | undefined;
  /** Everything under `dir`, built once for all directories (a 5,000-file context must not be rescanned per dir). */
  private _descendants(dir: string): readonly ContextEntry[] {
    if (!this._descendantsIndex) {
      const idx = new Map<string, ContextEntry[]>();
      for (const e of this.entries) {
        let p = e.path;
        for (;;) {
          const slash = p.lastIndexOf('/');
          p = slash < 0 ? '' : p.slice(0, slash);
          let list = idx.get(p);
          if (!list) idx.set(p, (list = []));
          list.push(e);
          if (p === '') break;
        }
      }
      this._descendantsIndex = idx;
    }
    return this._descendantsIndex.get(dir) ?? [];
  }
}

function fnvString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Two independent FNV-1a passes (different offsets) over `data`, seeded with `seed`: 16 hex digits. */
function fnv64(data: Uint8Array, seed: number): string {
  let a = (0x811c9dc5 ^ seed) >>> 0;
  let b = (0x01000193 ^ Math.imul(seed, 31) ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < data.length; i++) {
    a = Math.imul(a ^ data[i]!, 0x01000193);
    b = Math.imul(b ^ data[i]!, 0x01000193) ^ (b >>> 13);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}${data.length.toString(16)}`;
}

/** Why the context could not be read, in the CLI's words. */
export class ContextError extends Error {
  override readonly name = 'ContextError';
}

export interface ReadContextOptions {
  /** Absolute host path of the context directory. */
  readonly root: string;
  /** The Dockerfile's path relative to the context (for the classic re-include rule); undefined: from stdin. */
  readonly dockerfile?: string;
  /** Classic builder: re-include the Dockerfile and .dockerignore (the daemon drops them again). */
  readonly classic: boolean;
  /** An ignore file read instead of the context's `.dockerignore` when it exists (BuildKit's per-Dockerfile one). */
  readonly ignoreFile?: string;
}

export interface ReadContext {
  readonly context: BuildContext;
  /** `.dockerignore` text, or undefined when absent. */
  readonly dockerignore: string | undefined;
}

function joinHost(root: string, rel: string): string {
  if (rel === '') return root;
  return root === '/' ? `/${rel}` : `${root}/${rel}`;
}

/** Walks the host directory, applying `.dockerignore` with the walker's skip rule. */
export function readContext(fs: FsClient, options: ReadContextOptions): ReadContext {
  const root = options.root;
  let dockerignore: string | undefined;
  for (const file of [options.ignoreFile, joinHost(root, '.dockerignore')]) {
    if (file === undefined || dockerignore !== undefined) continue;
    try {
      dockerignore = new TextDecoder().decode(fs.readFile(file));
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }
  let patterns = dockerignore === undefined ? [] : readDockerignore(dockerignore);
  const dockerfileRel = options.dockerfile ?? 'Dockerfile';
  if (options.classic) patterns = trimBuildFilesFromExcludes(patterns, dockerfileRel, options.dockerfile === undefined);
  const matcher = new PatternMatcher(patterns);
  const entries: ContextEntry[] = [];
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = fs.readdir(joinHost(root, rel)).sort();
    } catch (e) {
      if (isFsError(e, 'EACCES')) throw new ContextError(`error checking context: can't stat '${joinHost(root, rel)}'`);
      throw e;
    }
    for (const name of names) {
      const p = rel === '' ? name : `${rel}/${name}`;
      const host = joinHost(root, p);
      const st = fs.lstat(host);
      const excluded = patterns.length > 0 && matcher.matches(p);
      if (st.type === 'dir') {
        if (excluded && matcher.canSkipDir(p)) continue;
        if (!excluded) entries.push({ path: p, type: 'dir', mode: st.mode, mtimeMs: st.mtimeMs, data: EMPTY, target: '' });
        walk(p);
        continue;
      }
      if (excluded) continue;
      if (st.type === 'symlink') {
        entries.push({ path: p, type: 'symlink', mode: 0o777, mtimeMs: st.mtimeMs, data: EMPTY, target: fs.readlink(host) });
      } else if (st.type === 'file') {
        let data: Uint8Array;
        try {
          data = fs.readFile(host);
        } catch (e) {
          if (isFsError(e, 'EACCES')) throw new ContextError(`error checking context: can't stat '${host}'`);
          throw e;
        }
        entries.push({ path: p, type: 'file', mode: st.mode, mtimeMs: st.mtimeMs, data, target: '' });
      }
    }
  };
  walk('');
  let context = new BuildContext(entries);
  if (options.classic && patterns.length > 0) {
    // The daemon removes the Dockerfile and .dockerignore again when the user's patterns excluded them.
    const userMatcher = new PatternMatcher(dockerignore === undefined ? [] : readDockerignore(dockerignore));
    const drop = new Set([dockerfileRel, '.dockerignore'].filter((f) => userMatcher.matches(f)));
    if (drop.size > 0) context = new BuildContext(entries.filter((e) => !drop.has(e.path)));
  }
  return { context, dockerignore };
}

/** Go filepath.Match syntax as a RegExp source (`*` and `?` stay inside one path element). */
function globToRe(pattern: string): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return `${re}\\[`;
      const cls = pattern.slice(i + 1, end);
      re += `[${cls.startsWith('!') || cls.startsWith('^') ? `^${cls.slice(1)}` : cls}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) re += `\\${pattern[++i]!}`;
    else re += /[.+^${}()|\/\\]/.test(c) ? `\\${c}` : c;
  }
  return re;
}
