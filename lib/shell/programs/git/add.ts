/**
 * `git add <pathspec>...` / `git add -A`: stages new and modified files under each pathspec and drops index
 * entries whose files are gone (git 2's default), refusing ignored paths named explicitly.
 */
import type { IndexEntry } from './dircache';
import { stageFile, workFileChanged } from './changes';
import { UsageError } from './init';
import { fatal, GitExit, type Session } from './session';
import { Ignores, walkWorkTree } from './worktree';

function under(path: string, spec: string): boolean {
  return spec === '' || path === spec || path.startsWith(`${spec}/`);
}

export async function gitAdd(s: Session, args: readonly string[]): Promise<number> {
  let all = false;
  let force = false;
  let update = false;
  const specs: string[] = [];
  let dashdash = false;
  for (const a of args) {
    if (!dashdash && a === '--') dashdash = true;
    else if (!dashdash && (a === '-A' || a === '--all')) all = true;
    else if (!dashdash && (a === '-f' || a === '--force')) force = true;
    else if (!dashdash && (a === '-u' || a === '--update')) update = true;
    else if (!dashdash && a.startsWith('-') && a !== '-') throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else specs.push(a);
  }
  const repo = s.repo();
  if (specs.length === 0 && !all && !update) {
    await s.err(`Nothing specified, nothing added.\nhint: Maybe you wanted to say 'git add .'?\nhint: Turn this message off by running\nhint: "git config advice.addEmptyPathspec false"\n`);
    return 0;
  }
  const repoSpecs: string[] = [];
  for (const spec of specs.length === 0 ? ['/'] : specs) {
    const p = specs.length === 0 ? '' : s.toRepoPath(spec);
    if (p === null) throw fatal(`${spec}: '${spec}' is outside repository at '${repo.workTree}'`);
    repoSpecs.push(p);
  }
  const index = new Map(repo.readIndex().map((e) => [e.path, e] as const));
  const ignores = new Ignores(s.fs, repo.workTree, repo.gitDir);
  const ignoredNamed: string[] = [];
  const toStage = new Map<string, ReturnType<typeof walkWorkTree>[number]>();
  for (let i = 0; i < repoSpecs.length; i++) {
    const spec = repoSpecs[i]!;
    const files = update ? [] : walkWorkTree(s.fs, repo.workTree, ignores, spec);
    const tracked = [...index.keys()].filter((p) => under(p, spec));
    if (files.length === 0 && tracked.length === 0) {
      let exists = false;
      try {
        s.fs.lstat(s.workPath(spec));
        exists = true;
      } catch {
        exists = false;
      }
      if (exists && !update && ignores.ignored(spec, false) && !force) {
        ignoredNamed.push(specs[i] ?? spec);
        continue;
      }
      if (!exists || !update) throw fatal(`pathspec '${specs[i] ?? spec}' did not match any files`);
    }
    if (force && !update) {
      try {
        const st = s.fs.lstat(s.workPath(spec));
        if (st.type === 'file' || st.type === 'symlink') files.push({ path: spec, stat: st });
      } catch {
        // gone
      }
    }
    for (const f of files) toStage.set(f.path, f);
    for (const p of tracked) {
      try {
        const st = s.fs.lstat(s.workPath(p));
        if (st.type === 'file' || st.type === 'symlink') toStage.set(p, { path: p, stat: st });
        else index.delete(p);
      } catch {
        index.delete(p);
      }
    }
  }
  for (const [p, f] of toStage) {
    // Staging a large tree (node_modules) hashes and compresses every file: stay responsive.
    await s.ctx.checkpoint();
    const old = index.get(p);
    if (old && !workFileChanged(s, old, f.stat)) continue;
    // A file replacing a directory (or the reverse) drops the entries it shadows.
    for (const k of [...index.keys()]) if (k.startsWith(`${p}/`) || p.startsWith(`${k}/`)) index.delete(k);
    index.set(p, stageFile(s, p, f.stat));
  }
  repo.writeIndex([...index.values()] as IndexEntry[]);
  if (ignoredNamed.length > 0) {
    throw new GitExit(`The following paths are ignored by one of your .gitignore files:\n${ignoredNamed.join('\n')}\nhint: Use -f if you really want to add them.\nhint: Turn this message off by running\nhint: "git config advice.addIgnoredFile false"\n`, 1);
  }
  return 0;
}
