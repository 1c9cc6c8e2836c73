/**
 * COPY and ADD (docker.md §6.6): sources relative to the context (or the `--from` root), Go `filepath.Match`
 * wildcards, a directory source copies its *contents*, trailing-slash destination rules, `--chown` names resolved
 * in the image's own /etc/passwd and /etc/group, `--chmod`, and ADD's extraction of local tar archives (plain,
 * gzip, bzip2, xz; detected by content). The result is written into an overlay over the current image, and the
 * overlay's upper layer becomes the step's layer, exactly as a container's changes become a commit.
 */
import { decompress } from '../../format/compression';
import { readTar } from '../../format/tar';
import { layerFromMemNode } from '../../fs/diff';
import { mergeLayers, type MergedTree } from '../../fs/MergedTree';
import { OverlayFs } from '../../fs/OverlayFs';
import { isFsError, type FsClient } from '../../fs/Types';
import type { Image } from '../../image/Image';
import { Layer } from '../../image/Layer';
import { goClean } from '../dockerignore/goPath';
import type { SourceNode, SourceTree } from './sources';
import { BuildStepError } from './errors';

export interface CopyRequest {
  readonly keyword: 'COPY' | 'ADD';
  /** Expanded source words as written. */
  readonly sources: readonly string[];
  /** Inline heredoc files (`COPY <<EOF /f`): name → content. */
  readonly inline: ReadonlyArray<{ readonly name: string; readonly content: string }>;
  readonly dest: string;
  readonly workdir: string;
  readonly chown: string | undefined;
  readonly chmod: string | undefined;
  /** True for context sources (ADD extracts only local archives from the context). */
  readonly fromContext: boolean;
  readonly now: number;
  /** Classic builder error texts (else BuildKit's). */
  readonly classic: boolean;
}

export interface CopyMatch {
  /** Path relative to the source root ('' = root). */
  readonly path: string;
  readonly node: SourceNode;
  /** A file downloaded by `ADD <url>`: never extracted. */
  readonly remote?: boolean;
  /** The cache-key hash when the match is not in the source tree (downloads). */
  readonly hash?: string;
}

/** Go `filepath.Match` as a RegExp: `*` and `?` never match `/`, `[...]` classes with `^`/`!`, `\` escapes. */
export function goMatchRegExp(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new BuildStepError('syntax error in pattern');
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^') || cls.startsWith('!')) cls = `^${cls.slice(1)}`;
      re += `(?!/)[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`${re}$`, 'u');
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

const hasWildcard = (s: string) => /[*?[]/.test(s);

/** The context-relative path a source word names ('' for `.` or `/`); `..` cannot leave the root. */
export function sourceRel(word: string): string {
  const c = goClean(`/${word}`);
  return c === '/' ? '' : c.slice(1);
}

/** Resolves source words to tree entries; throws the builder's "not found" error. */
export function matchSources(tree: SourceTree, words: readonly string[], classic: boolean): CopyMatch[][] {
  return words.map((w) => {
    const rel = sourceRel(w);
    if (hasWildcard(rel)) {
      const re = goMatchRegExp(rel);
      const out: CopyMatch[] = [];
      for (const p of tree.paths()) if (re.test(p)) out.push({ path: p, node: tree.lookup(p)! });
      if (out.length === 0) throw notFound(w, classic);
      return out;
    }
    const node = followTop(tree, rel);
    if (!node) throw notFound(w, classic);
    return [{ path: rel, node }];
  });
}

/** A top-level source that is a symlink is followed (inside the tree), as both builders do. */
function followTop(tree: SourceTree, rel: string): SourceNode | undefined {
  let p = rel;
  for (let hops = 0; hops < 40; hops++) {
    const n = tree.lookup(p);
    if (!n || n.type !== 'symlink') return n;
    const base = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
    p = sourceRel(n.target.startsWith('/') ? n.target : `${base}/${n.target}`);
  }
  return undefined;
}

function notFound(word: string, classic: boolean): BuildStepError {
  const rel = sourceRel(word);
  if (classic) return new BuildStepError(`COPY failed: file not found in build context or excluded by .dockerignore: stat ${rel}: file does not exist`);
  return new BuildStepError(`failed to compute cache key: failed to calculate checksum of ref: "/${rel}": not found`);
}

/** A `--chmod` value: the mode a copied entry gets from its own mode and type. */
export type ChmodFn = (mode: number, isDir: boolean) => number;

/**
 * Parses `--chmod`: octal up to 07777, or (Dockerfile 1.14+) chmod(1)-style symbolic clauses such as `+x`,
 * `u=rwX,go=rX`, `a-w` (who `ugoa`, op `+-=`, perms `rwxXst` or a copy of `u`/`g`/`o`; no who means `a`).
 * Anything else is BuildKit's octal error.
 */
export function parseChmod(spec: string): ChmodFn {
  if (/^[0-7]+$/.test(spec)) {
    const n = parseInt(spec, 8);
    if (n <= 0o7777) return () => n;
  }
  const clauses = spec.split(',');
  const parsed = clauses.map((c) => /^([ugoa]*)([-+=])([rwxXst]*|[ugo])$/.exec(c));
  if (spec === '' || parsed.some((m) => m === null)) {
    throw new BuildStepError(`invalid chmod parameter: '${spec}'. it should be octal string and between 0 and 07777`);
  }
  return (mode, isDir) => {
    let m = mode & 0o7777;
    for (const match of parsed) {
      const [, whoText, op, permText] = match!;
      const who = whoText === '' || whoText!.includes('a') ? 'ugo' : whoText!;
      let bits = 0;
      const shiftOf = (w: string) => (w === 'u' ? 6 : w === 'g' ? 3 : 0);
      if (/^[ugo]$/.test(permText!)) {
        const src = (m >> shiftOf(permText!)) & 7;
        for (const w of who) bits |= src << shiftOf(w);
      } else {
        for (const w of who) {
          const sh = shiftOf(w);
          for (const p of permText!) {
            if (p === 'r') bits |= 4 << sh;
            else if (p === 'w') bits |= 2 << sh;
            else if (p === 'x') bits |= 1 << sh;
            else if (p === 'X' && (isDir || (m & 0o111) !== 0)) bits |= 1 << sh;
            else if (p === 's' && w !== 'o') bits |= w === 'u' ? 0o4000 : 0o2000;
            else if (p === 't' && w === 'o') bits |= 0o1000;
          }
        }
      }
      if (op === '+') m |= bits;
      else if (op === '-') m &= ~bits;
      else {
        let clear = 0;
        for (const w of who) clear |= (7 << shiftOf(w)) | (w === 'u' ? 0o4000 : w === 'g' ? 0o2000 : 0o1000);
        m = (m & ~clear) | bits;
      }
    }
    return m & 0o7777;
  };
}

function readText(fs: FsClient, path: string): string {
  try {
    return new TextDecoder().decode(fs.readFile(path));
  } catch {
    return '';
  }
}

/** `--chown=user[:group]`: names looked up in the image's files, numbers as is; a lone user sets gid = uid. */
export function resolveChown(fs: FsClient, spec: string): { uid: number; gid: number } {
  const [u = '', g] = spec.split(':', 2) as [string, string | undefined];
  const lookup = (file: string, name: string, what: 'uid' | 'gid'): number => {
    if (/^[0-9]+$/.test(name)) return Number(name);
    for (const line of readText(fs, file).split('\n')) {
      const f = line.split(':');
      if (f[0] === name && f[2] !== undefined && /^[0-9]+$/.test(f[2])) return Number(f[2]);
    }
    const kind = what === 'uid' ? 'user' : 'group';
    throw new BuildStepError(`unable to convert uid/gid chown string to host mapping: can't find ${what} for ${kind} ${name}: no such ${kind}: ${name}`);
  };
  const uid = lookup('/etc/passwd', u, 'uid');
  const gid = g === undefined ? uid : lookup('/etc/group', g, 'gid');
  return { uid, gid };
}

interface Owner {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Directories this copy created: nothing inside them existed before, so writing there needs no existence checks
 * (each failed lookup costs a thrown FsError, and a 5,000-file COPY would pay it 10,000 times).
 */
const fresh = new WeakMap<FsClient, Set<string>>();
function freshDirs(fs: FsClient): Set<string> {
  let s = fresh.get(fs);
  if (!s) fresh.set(fs, (s = new Set()));
  return s;
}
function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/** Makes every missing directory of `dir` (mode 0755, owned by `owner` or root). */
function mkdirAll(fs: FsClient, dir: string, owner: Owner | undefined, now: number): void {
  let p = '';
  const created = freshDirs(fs);
  for (const part of dir.split('/').filter((x) => x !== '')) {
    const parent = p === '' ? '/' : p;
    p += `/${part}`;
    if (created.has(p)) continue;
    let exists = false;
    if (!created.has(parent)) {
      try {
        const st = fs.stat(p);
        if (st.type !== 'dir') throw new BuildStepError(`mkdir ${p}: not a directory`);
        exists = true;
      } catch (e) {
        if (!isFsError(e)) throw e;
      }
    }
    if (!exists) {
      fs.mkdir(p, 0o755);
      fs.chmod(p, 0o755);
      if (owner) fs.chown(p, owner.uid, owner.gid);
      fs.utimes(p, now);
      created.add(p);
    }
  }
}

function removeExisting(fs: FsClient, path: string): void {
  try {
    const st = fs.lstat(path);
    if (st.type === 'dir') return;
    fs.unlink(path);
  } catch (e) {
    if (!isFsError(e)) throw e;
  }
}

interface WriteAttrs {
  readonly owner: Owner | undefined;
  readonly chmod: ChmodFn | undefined;
}

function writeNode(fs: FsClient, path: string, node: { type: 'file' | 'dir' | 'symlink'; mode: number; uid: number; gid: number; mtimeMs: number; target: string; data(): Uint8Array }, attrs: WriteAttrs): void {
  const uid = attrs.owner?.uid ?? node.uid;
  const gid = attrs.owner?.gid ?? node.gid;
  const created = freshDirs(fs);
  const isNew = created.has(parentOf(path));
  if (node.type === 'dir') {
    let exists = false;
    if (!isNew) {
      try {
        exists = fs.lstat(path).type === 'dir';
      } catch (e) {
        if (!isFsError(e)) throw e;
      }
    }
    if (!exists) {
      if (!isNew) removeExisting(fs, path);
      fs.mkdir(path, 0o755);
      created.add(path);
    }
    fs.chmod(path, attrs.chmod ? attrs.chmod(node.mode, true) : node.mode & 0o7777);
    fs.chown(path, uid, gid);
    fs.utimes(path, node.mtimeMs);
    return;
  }
  if (!isNew) removeExisting(fs, path);
  if (node.type === 'symlink') {
    fs.symlink(node.target, path);
    fs.chown(path, uid, gid, true);
    return;
  }
  fs.writeFile(path, node.data(), { mode: 0o644 });
  fs.chmod(path, attrs.chmod ? attrs.chmod(node.mode, false) : node.mode & 0o7777);
  fs.chown(path, uid, gid);
  fs.utimes(path, node.mtimeMs);
}

function copyTree(fs: FsClient, tree: SourceTree, from: string, to: string, attrs: WriteAttrs): void {
  for (const name of tree.children(from)) {
    const src = from === '' ? name : `${from}/${name}`;
    const node = tree.lookup(src);
    if (!node) continue;
    const dst = to === '/' ? `/${name}` : `${to}/${name}`;
    writeNode(fs, dst, node, attrs);
    if (node.type === 'dir') copyTree(fs, tree, src, dst, attrs);
  }
}

/** A local archive ADD extracts: the decompressed bytes parse as a tar with at least one entry. */
function asTar(data: Uint8Array): Uint8Array | undefined {
  try {
    const plain = decompress(data).data;
    if (plain.length < 512) return undefined;
    let any = false;
    for (const e of readTar(plain)) {
      void e;
      any = true;
    }
    return any ? plain : undefined;
  } catch {
    return undefined;
  }
}

function extractTar(fs: FsClient, archive: Uint8Array, destDir: string, attrs: WriteAttrs, now: number): void {
  for (const e of readTar(archive)) {
    const rel = goClean(`/${e.name}`);
    if (rel === '/') continue;
    const path = destDir === '/' ? rel : `${destDir}${rel}`;
    mkdirAll(fs, path.slice(0, path.lastIndexOf('/')) || '/', attrs.owner, now);
    const mtimeMs = Math.floor(e.mtime * 1000);
    if (e.type === 'dir' || e.type === 'file' || e.type === 'symlink') {
      writeNode(fs, path, { type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs, target: e.linkname, data: () => e.data }, attrs);
    } else if (e.type === 'hardlink') {
      removeExisting(fs, path);
      const target = destDir === '/' ? goClean(`/${e.linkname}`) : `${destDir}${goClean(`/${e.linkname}`)}`;
      fs.link(target, path);
    }
  }
}

function resolveDest(dest: string, workdir: string): string {
  const abs = dest.startsWith('/') ? dest : `${workdir.endsWith('/') ? workdir : `${workdir}/`}${dest}`;
  const clean = goClean(abs);
  return clean;
}

/** Performs the copy on top of `base`; returns the layer of changes. */
export function performCopy(base: Image | null, tree: SourceTree, matches: CopyMatch[][], req: CopyRequest): Layer {
  const fs = new OverlayFs({ image: base ? base.merged() : emptyMerged(), now: () => req.now });
  const owner = req.chown !== undefined ? resolveChown(fs, req.chown) : undefined;
  const chmod = req.chmod !== undefined ? parseChmod(req.chmod) : undefined;
  const attrs: WriteAttrs = { owner, chmod };
  const flat = matches.flat();
  const count = flat.length + req.inline.length;
  const destPath = resolveDest(req.dest, req.workdir);
  let destIsDir = req.dest.endsWith('/') || req.dest === '.' || req.dest.endsWith('/.');
  try {
    destIsDir ||= fs.stat(destPath).type === 'dir';
  } catch (e) {
    if (!isFsError(e)) throw e;
  }
  const anyWildcard = req.sources.some((s) => hasWildcard(s));
  if (!destIsDir && (count > 1 || (anyWildcard && count > 1))) {
    throw new BuildStepError(
      req.classic
        ? `When using ${req.keyword} with more than one source file, the destination must be a directory and end with a /`
        : `${req.keyword} with more than one source file, the destination must be a directory and end with a /`,
    );
  }
  for (const m of flat) {
    if (m.node.type === 'dir') {
      mkdirAll(fs, destPath, owner, req.now);
      copyTree(fs, tree, m.path, destPath, attrs);
      continue;
    }
    if (req.keyword === 'ADD' && req.fromContext && !m.remote && m.node.type === 'file') {
      const tar = asTar(m.node.data());
      if (tar) {
        mkdirAll(fs, destPath, owner, req.now);
        extractTar(fs, tar, destPath, attrs, req.now);
        continue;
      }
    }
    const name = m.path.slice(m.path.lastIndexOf('/') + 1);
    const target = destIsDir ? (destPath === '/' ? `/${name}` : `${destPath}/${name}`) : destPath;
    mkdirAll(fs, target.slice(0, target.lastIndexOf('/')) || '/', owner, req.now);
    writeNode(fs, target, m.node, attrs);
  }
  for (const f of req.inline) {
    const target = destIsDir ? (destPath === '/' ? `/${f.name}` : `${destPath}/${f.name}`) : destPath;
    mkdirAll(fs, target.slice(0, target.lastIndexOf('/')) || '/', owner, req.now);
    const data = new TextEncoder().encode(f.content);
    writeNode(fs, target, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: req.now, target: '', data: () => data }, attrs);
  }
  return new Layer(layerFromMemNode(fs.upper));
}

let _empty: MergedTree | undefined;
/** The root a `FROM scratch` stage starts from. */
export function emptyMerged(): MergedTree {
  return (_empty ??= mergeLayers([]));
}
