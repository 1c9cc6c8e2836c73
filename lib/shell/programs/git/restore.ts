/**
 * The commands git's own hints point at: `git restore [--staged] <path>...` (work tree from the index, or the
 * index from HEAD) and `git rm [--cached] [-r] [-f] <path>...`.
 */
import { unstagedChanges } from './changes';
import { entryFromStat, type IndexEntry } from './dircache';
import { UsageError } from './init';
import { fatal, GitExit, type Session } from './session';

function under(path: string, spec: string): boolean {
  return spec === '' || path === spec || path.startsWith(`${spec}/`);
}

export async function gitRestore(s: Session, args: readonly string[]): Promise<number> {
  let staged = false;
  let worktree = false;
  const specs: string[] = [];
  let dashdash = false;
  for (const a of args) {
    if (!dashdash && a === '--') dashdash = true;
    else if (!dashdash && (a === '-S' || a === '--staged')) staged = true;
    else if (!dashdash && (a === '-W' || a === '--worktree')) worktree = true;
    else if (!dashdash && a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else specs.push(a);
  }
  if (!staged) worktree = true;
  if (specs.length === 0) throw fatal('you must specify path(s) to restore');
  const repo = s.repo();
  const head = repo.commitFiles(repo.headOid());
  const index = new Map(repo.readIndex().map((e) => [e.path, e] as const));
  const paths: string[] = [];
  for (const spec of specs) {
    const p = s.toRepoPath(spec);
    const known = [...new Set([...index.keys(), ...(staged ? head.keys() : [])])].filter((k) => p !== null && under(k, p));
    if (known.length === 0) {
      await s.err(`error: pathspec '${spec}' did not match any file(s) known to git\n`);
      return 1;
    }
    paths.push(...known);
  }
  if (staged) {
    for (const p of paths) {
      const h = head.get(p);
      const old = index.get(p);
      if (!h) index.delete(p);
      // The entry takes HEAD's blob; stat data stays the file's so an unchanged file is not seen as modified.
      else index.set(p, { ...(old ?? { path: p, mtimeMs: 0, size: 0, ino: 0, uid: 0, gid: 0 }), oid: h.oid, mode: h.mode, ...(old && old.oid === h.oid ? {} : { size: -1 }) } as IndexEntry);
    }
    repo.writeIndex([...index.values()]);
  }
  if (worktree) {
    for (const p of paths) {
      const e = index.get(p);
      if (!e) continue;
      if (unstagedChanges(s, [e]).length === 0) continue;
      s.writeWorkFile(p, repo.objects.read(e.oid)?.body ?? new Uint8Array(0), e.mode);
      index.set(p, entryFromStat(p, e.oid, s.fs.lstat(s.workPath(p))));
    }
    repo.writeIndex([...index.values()]);
  }
  return 0;
}

export async function gitRm(s: Session, args: readonly string[]): Promise<number> {
  let cached = false;
  let recursive = false;
  let force = false;
  let quiet = false;
  const specs: string[] = [];
  let dashdash = false;
  for (const a of args) {
    if (!dashdash && a === '--') dashdash = true;
    else if (!dashdash && a === '--cached') cached = true;
    else if (!dashdash && /^-[rfq]+$/.test(a)) {
      if (a.includes('r')) recursive = true;
      if (a.includes('f')) force = true;
      if (a.includes('q')) quiet = true;
    } else if (!dashdash && (a === '--force' || a === '--quiet')) (a === '--force' ? (force = true) : (quiet = true));
    else if (!dashdash && a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else specs.push(a);
  }
  const repo = s.repo();
  if (specs.length === 0) throw new GitExit('usage: git rm [-f | --force] [-n] [-r] [--cached] [--ignore-unmatch]\n              [--quiet] [--pathspec-from-file=<file> [--pathspec-file-nul]]\n              [--] [<pathspec>...]\n', 129);
  const index = new Map(repo.readIndex().map((e) => [e.path, e] as const));
  const head = repo.commitFiles(repo.headOid());
  const chosen: string[] = [];
  for (const spec of specs) {
    const p = s.toRepoPath(spec);
    const hits = [...index.keys()].filter((k) => p !== null && under(k, p));
    if (hits.length === 0) throw fatal(`pathspec '${spec}' did not match any files`);
    if (!recursive && !hits.includes(p!)) throw fatal(`not removing '${spec}' recursively without -r`);
    chosen.push(...hits);
  }
  if (!force) {
    const stagedOnly: string[] = [];
    const local: string[] = [];
    const both: string[] = [];
    for (const p of chosen) {
      const e = index.get(p)!;
      const h = head.get(p);
      const stagedDiffers = !h || h.oid !== e.oid || h.mode !== e.mode;
      const workDiffers = unstagedChanges(s, [e]).some((c) => c.kind === 'modified');
      if (stagedDiffers && workDiffers) both.push(p);
      else if (stagedDiffers && !cached) stagedOnly.push(p);
      else if (workDiffers && !cached) local.push(p);
    }
    const list = (ps: string[]) => ps.map((p) => `    ${s.display(p)}\n`).join('');
    const one = (ps: string[]) => (ps.length === 1 ? 'file has' : 'files have');
    if (both.length > 0) throw new GitExit(`error: the following ${one(both)} staged content different from both the\nfile and the HEAD:\n${list(both)}(use -f to force removal)\n`, 1);
    if (stagedOnly.length > 0) throw new GitExit(`error: the following ${one(stagedOnly)} changes staged in the index:\n${list(stagedOnly)}(use --cached to keep the file, or -f to force removal)\n`, 1);
    if (local.length > 0) throw new GitExit(`error: the following ${one(local)} local modifications:\n${list(local)}(use --cached to keep the file, or -f to force removal)\n`, 1);
  }
  let out = '';
  for (const p of chosen) {
    index.delete(p);
    if (!quiet) out += `rm '${p}'\n`;
  }
  repo.writeIndex([...index.values()]);
  if (!cached) for (const p of chosen) s.removeWorkFile(p);
  await s.out(out);
  return 0;
}
