/**
 * One repository as the git commands see it: where `.git` and the work tree are, its refs (loose files and
 * `packed-refs`), HEAD, the index, the merged configuration, reflogs, and trees flattened to paths.
 */
import type { FsClient } from '../../../engine/fs/Types';
import { ConfigFile, type ConfigEntry } from './config';
import { decodeIndex, encodeIndex, type IndexEntry, sortEntries } from './dircache';
import { encodeTree, ObjectStore, parseCommit, parseTree, tagTarget, type Commit, type TreeEntry } from './objects';

const enc = new TextEncoder();
const dec = new TextDecoder();

export const ZERO_OID = '0'.repeat(40);

export interface FlatEntry {
  readonly oid: string;
  /** Index-style mode: 0o100644, 0o100755, 0o120000. */
  readonly mode: number;
}

export function readTextOrNull(fs: FsClient, path: string): string | null {
  try {
    return dec.decode(fs.readFile(path));
  } catch {
    return null;
  }
}

export function isDir(fs: FsClient, path: string): boolean {
  try {
    return fs.stat(path).type === 'dir';
  } catch {
    return false;
  }
}

export function mkdirp(fs: FsClient, path: string, mode = 0o755): void {
  let p = '';
  for (const part of path.split('/').filter((x) => x !== '')) {
    p += `/${part}`;
    if (!isDir(fs, p)) fs.mkdir(p, mode);
  }
}

/** The global configuration files git reads, in order (XDG first, then ~/.gitconfig, which `--global` writes). */
export function globalConfigPaths(env: ReadonlyMap<string, string>): string[] {
  const home = env.get('HOME');
  const xdg = env.get('XDG_CONFIG_HOME') || (home ? `${home}/.config` : '');
  const out: string[] = [];
  if (xdg) out.push(`${xdg}/git/config`);
  if (home) out.push(`${home === '/' ? '' : home}/.gitconfig`);
  return out;
}

export class Repo {
  readonly objects: ObjectStore;
  /** `git -c` settings of this run, read after the files. */
  readonly overrides: ConfigEntry[] = [];

  constructor(
    readonly fs: FsClient,
    readonly gitDir: string,
    readonly workTree: string,
    private readonly _env: ReadonlyMap<string, string>,
  ) {
    this.objects = new ObjectStore(fs, `${gitDir}/objects`);
  }

  /** The repository containing `cwd` (its `.git` directory found walking up), or null. */
  static discover(fs: FsClient, cwd: string, env: ReadonlyMap<string, string>): Repo | null {
    let dir = cwd;
    for (;;) {
      const git = `${dir === '/' ? '' : dir}/.git`;
      if (isDir(fs, git) && readTextOrNull(fs, `${git}/HEAD`) !== null) return new Repo(fs, git, dir, env);
      if (dir === '/') return null;
      dir = dir.slice(0, dir.lastIndexOf('/')) || '/';
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Configuration

  configEntries(): ConfigEntry[] {
    const out: ConfigEntry[] = [];
    for (const p of globalConfigPaths(this._env)) out.push(...(ConfigFile.read(this.fs, p)?.entries() ?? []));
    out.push(...(ConfigFile.read(this.fs, `${this.gitDir}/config`)?.entries() ?? []));
    out.push(...this.overrides);
    return out;
  }

  /** The last value of `key` across the files (git's "last one wins"). */
  config(key: string): string | null | undefined {
    let v: string | null | undefined;
    for (const e of this.configEntries()) if (e.key === key) v = e.value;
    return v;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Refs

  private packedRefs(): Map<string, string> {
    const out = new Map<string, string>();
    const text = readTextOrNull(this.fs, `${this.gitDir}/packed-refs`) ?? '';
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{40}) (\S+)$/.exec(line);
      if (m) out.set(m[2]!, m[1]!);
    }
    return out;
  }

  /** The object a ref (`refs/heads/main`, `HEAD`) points at, following symbolic refs; null when unborn or missing. */
  resolveRef(name: string): string | null {
    for (let depth = 0; depth < 5; depth++) {
      const text = readTextOrNull(this.fs, `${this.gitDir}/${name}`);
      if (text !== null) {
        const t = text.trim();
        if (t.startsWith('ref: ')) {
          name = t.slice(5);
          continue;
        }
        return /^[0-9a-f]{40}$/.test(t) ? t : null;
      }
      return this.packedRefs().get(name) ?? null;
    }
    return null;
  }

  /** HEAD's target: the branch ref it names (`refs/heads/master`) or null when detached. */
  headRef(): string | null {
    const t = (readTextOrNull(this.fs, `${this.gitDir}/HEAD`) ?? '').trim();
    return t.startsWith('ref: ') ? t.slice(5) : null;
  }

  /** The current branch's short name, or null when HEAD is detached. */
  branch(): string | null {
    const r = this.headRef();
    return r?.startsWith('refs/heads/') ? r.slice('refs/heads/'.length) : r;
  }

  headOid(): string | null {
    return this.resolveRef('HEAD');
  }

  setHead(ref: string): void {
    this.fs.writeFile(`${this.gitDir}/HEAD`, enc.encode(`ref: ${ref}\n`), { mode: 0o644 });
  }

  writeRef(name: string, oid: string): void {
    const path = `${this.gitDir}/${name}`;
    mkdirp(this.fs, path.slice(0, path.lastIndexOf('/')));
    this.fs.writeFile(path, enc.encode(`${oid}\n`), { mode: 0o644 });
  }

  deleteRef(name: string): void {
    try {
      this.fs.unlink(`${this.gitDir}/${name}`);
    } catch {
      // only packed
    }
    // git 2.39 rewrites packed-refs on every ref deletion, leaving at least its header.
    const packed = readTextOrNull(this.fs, `${this.gitDir}/packed-refs`) ?? '# pack-refs with: peeled fully-peeled sorted \n';
    const kept = packed.split('\n').filter((l) => !l.endsWith(` ${name}`));
    this.fs.writeFile(`${this.gitDir}/packed-refs`, enc.encode(kept.join('\n')), { mode: 0o644 });
    try {
      this.fs.unlink(`${this.gitDir}/logs/${name}`);
    } catch {
      // no reflog
    }
  }

  /** Refs under `prefix` (`refs/heads/`), loose and packed, sorted by name. */
  refs(prefix: string): { name: string; oid: string }[] {
    const out = new Map<string, string>();
    for (const [n, oid] of this.packedRefs()) if (n.startsWith(prefix)) out.set(n, oid);
    const walk = (rel: string): void => {
      let names: string[];
      try {
        names = this.fs.readdir(`${this.gitDir}/${rel}`);
      } catch {
        return;
      }
      for (const n of names) {
        const r = `${rel}${n}`;
        if (isDir(this.fs, `${this.gitDir}/${r}`)) walk(`${r}/`);
        else {
          const t = (readTextOrNull(this.fs, `${this.gitDir}/${r}`) ?? '').trim();
          if (/^[0-9a-f]{40}$/.test(t)) out.set(r, t);
        }
      }
    };
    walk(prefix);
    return [...out].map(([name, oid]) => ({ name, oid })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  appendReflog(ref: string, oldOid: string, newOid: string, ident: string, message: string): void {
    const path = `${this.gitDir}/logs/${ref}`;
    mkdirp(this.fs, path.slice(0, path.lastIndexOf('/')));
    this.fs.writeFile(path, enc.encode(`${oldOid} ${newOid} ${ident}\t${message}\n`), { mode: 0o644, append: true });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Index and trees

  readIndex(): IndexEntry[] {
    try {
      return decodeIndex(this.fs.readFile(`${this.gitDir}/index`));
    } catch {
      return [];
    }
  }

  writeIndex(entries: IndexEntry[]): void {
    this.fs.writeFile(`${this.gitDir}/index`, encodeIndex(sortEntries(entries)), { mode: 0o644 });
  }

  readCommit(oid: string): Commit | null {
    const o = this.objects.read(oid);
    return o && o.type === 'commit' ? parseCommit(o.body) : null;
  }

  /** The commit an object names, looking through annotated tags. */
  peel(oid: string): string {
    for (let i = 0; i < 10; i++) {
      const o = this.objects.read(oid);
      if (!o || o.type !== 'tag') return oid;
      oid = tagTarget(o.body);
    }
    return oid;
  }

  /** Every file of a tree by path (`src/index.js`). */
  flattenTree(oid: string | null, prefix = '', out = new Map<string, FlatEntry>()): Map<string, FlatEntry> {
    if (oid === null) return out;
    const o = this.objects.read(oid);
    if (!o || o.type !== 'tree') return out;
    for (const e of parseTree(o.body)) {
      const path = `${prefix}${e.name}`;
      if (e.mode === '40000') this.flattenTree(e.oid, `${path}/`, out);
      else out.set(path, { oid: e.oid, mode: parseInt(e.mode, 8) });
    }
    return out;
  }

  /** The files of the commit `oid` (empty for null: an unborn branch). */
  commitFiles(oid: string | null): Map<string, FlatEntry> {
    if (oid === null) return new Map();
    const c = this.readCommit(oid);
    return c ? this.flattenTree(c.tree) : new Map();
  }

  /** Writes the trees for a set of files (the index) and returns the root tree's name (`git write-tree`). */
  writeTree(files: ReadonlyArray<{ path: string; oid: string; mode: number }>): string {
    interface Dir {
      files: TreeEntry[];
      dirs: Map<string, Dir>;
    }
    const root: Dir = { files: [], dirs: new Map() };
    for (const f of files) {
      const parts = f.path.split('/');
      let d = root;
      for (const p of parts.slice(0, -1)) {
        let sub = d.dirs.get(p);
        if (!sub) d.dirs.set(p, (sub = { files: [], dirs: new Map() }));
        d = sub;
      }
      d.files.push({ mode: f.mode.toString(8), name: parts[parts.length - 1]!, oid: f.oid });
    }
    const write = (d: Dir): string => {
      const entries: TreeEntry[] = [...d.files];
      for (const [name, sub] of d.dirs) entries.push({ mode: '40000', name, oid: write(sub) });
      return this.objects.write('tree', encodeTree(entries));
    };
    return write(root);
  }

  /** Resolves what a user names a commit with: HEAD, a branch, a remote branch, a full or abbreviated object name. */
  resolveRevision(rev: string): string | null {
    let base = rev;
    let back = 0;
    const m = /^(.*?)((?:~\d*|\^)*)$/.exec(rev);
    if (m && m[2]) {
      base = m[1]!;
      for (const step of m[2].match(/~\d*|\^/g) ?? []) back += step === '^' || step === '~' ? 1 : Number(step.slice(1));
    }
    let oid: string | null = null;
    if (base === 'HEAD' || base === '@') oid = this.headOid();
    else {
      for (const r of [base, `refs/${base}`, `refs/tags/${base}`, `refs/heads/${base}`, `refs/remotes/${base}`, `refs/remotes/${base}/HEAD`]) {
        if (!r.startsWith('refs/') && r !== base) continue;
        if (r === base && !base.startsWith('refs/')) continue;
        oid = this.resolveRef(r);
        if (oid) break;
      }
      if (!oid && /^[0-9a-f]{4,40}$/.test(base)) {
        const hits = base.length === 40 ? (this.objects.has(base) ? [base] : []) : this.objects.withPrefix(base);
        if (hits.length === 1) oid = hits[0]!;
      }
    }
    if (oid) oid = this.peel(oid);
    for (let i = 0; i < back && oid; i++) oid = this.readCommit(oid)?.parents[0] ?? null;
    return oid;
  }
}
