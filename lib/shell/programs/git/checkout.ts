/**
 * `git checkout <branch>`, `git checkout -b <new> [<start>]`, `git checkout [--] <path>...` and `git switch
 * [-c] <branch>`: moving HEAD with the work tree and index, keeping local changes git can carry.
 */
import { createBranch, writeNewBranch } from './branch';
import { ConfigFile } from './config';
import { stagedChanges, unstagedChanges, untrackedFiles } from './changes';
import { entryFromStat, type IndexEntry } from './dircache';
import { UsageError } from './init';
import type { FlatEntry, Repo } from './repo';
import { fatal, GitExit, type Session } from './session';

function same(a: FlatEntry | IndexEntry | undefined, b: FlatEntry | IndexEntry | undefined): boolean {
  return a === b || (!!a && !!b && a.oid === b.oid && a.mode === b.mode);
}

/** Moves the index and work tree from HEAD's tree to `target`'s; throws git's refusal when local changes are in the way. */
export function switchTrees(s: Session, repo: Repo, target: string): string {
  const from = repo.commitFiles(repo.headOid());
  const to = repo.commitFiles(target);
  const index = new Map(repo.readIndex().map((e) => [e.path, e] as const));
  const dirty = new Set<string>([...stagedChanges(from, [...index.values()]).map((c) => c.path), ...unstagedChanges(s, [...index.values()]).map((c) => c.path)]);
  const changing = [...new Set([...from.keys(), ...to.keys()])].filter((p) => !same(from.get(p), to.get(p))).sort();
  const blocked = changing.filter((p) => dirty.has(p) && !same(index.get(p), to.get(p)));
  if (blocked.length > 0) {
    throw new GitExit(`error: Your local changes to the following files would be overwritten by checkout:\n${blocked.map((p) => `\t${p}\n`).join('')}Please commit your changes or stash them before you switch branches.\nAborting\n`, 1);
  }
  const untracked = new Set(untrackedFiles(s, [...index.values()]).files);
  const clobbered = changing.filter((p) => !from.has(p) && !index.has(p) && untracked.has(p));
  if (clobbered.length > 0) {
    throw new GitExit(`error: The following untracked working tree files would be overwritten by checkout:\n${clobbered.map((p) => `\t${p}\n`).join('')}Please move or remove them before you switch branches.\nAborting\n`, 1);
  }
  for (const p of changing) {
    const t = to.get(p);
    if (!t) {
      index.delete(p);
      s.removeWorkFile(p);
      continue;
    }
    const body = repo.objects.read(t.oid)?.body ?? new Uint8Array(0);
    s.writeWorkFile(p, body, t.mode);
    index.set(p, entryFromStat(p, t.oid, s.fs.lstat(s.workPath(p))));
  }
  repo.writeIndex([...index.values()]);
  // What stays modified after the switch, as `git checkout` lists it (M/A/D against the new HEAD).
  const after = [...index.values()];
  const rows = new Map<string, string>();
  for (const c of stagedChanges(to, after)) rows.set(c.path, c.kind === 'new' ? 'A' : c.kind === 'deleted' ? 'D' : 'M');
  for (const c of unstagedChanges(s, after)) if (!rows.has(c.path)) rows.set(c.path, c.kind === 'deleted' ? 'D' : 'M');
  return [...rows.keys()].sort().map((p) => `${rows.get(p)}\t${s.display(p)}\n`).join('');
}

function moveHead(s: Session, repo: Repo, ref: string, oid: string, fromName: string, toName: string): void {
  const old = repo.headOid();
  repo.setHead(ref);
  repo.appendReflog('HEAD', old ?? '0'.repeat(40), oid, s.reflogIdentity(), `checkout: moving from ${fromName} to ${toName}`);
}

async function restorePaths(s: Session, repo: Repo, specs: readonly string[], report: boolean): Promise<number> {
  const index = repo.readIndex();
  let count = 0;
  for (const spec of specs) {
    const p = s.toRepoPath(spec);
    const hits = index.filter((e) => p === '' || e.path === p || e.path.startsWith(`${p}/`));
    if (p === null || hits.length === 0) {
      await s.err(`error: pathspec '${spec}' did not match any file(s) known to git\n`);
      return 1;
    }
    for (const e of hits) {
      let st;
      try {
        st = s.fs.lstat(s.workPath(e.path));
      } catch {
        st = null;
      }
      if (st && unstagedChanges(s, [e]).length === 0) continue;
      s.writeWorkFile(e.path, repo.objects.read(e.oid)?.body ?? new Uint8Array(0), e.mode);
      count++;
    }
  }
  // git 2.39 counts the paths only when no `--` separated them.
  if (report) await s.err(`Updated ${count} path${count === 1 ? '' : 's'} from the index\n`);
  return 0;
}

export async function gitCheckout(s: Session, args: readonly string[], command: 'checkout' | 'switch'): Promise<number> {
  let create: string | undefined;
  let force = false;
  let quiet = false;
  const operands: string[] = [];
  let dashdash = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (dashdash >= 0) operands.push(a);
    else if (a === '--') dashdash = operands.length;
    else if ((a === '-b' && command === 'checkout') || ((a === '-c' || a === '--create') && command === 'switch')) {
      create = args[++i];
      if (create === undefined) throw new GitExit(`error: switch \`${a.slice(1)}' requires a value\n`, 129);
    } else if (a === '-B' || a === '-C') {
      create = args[++i];
      force = true;
    } else if (a === '-f' || a === '--force') force = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else operands.push(a);
  }
  const repo = s.repo();
  if (quiet) {
    // -q: nothing on either stream but errors.
    const noop = async () => {};
    s.out = noop;
    s.err = async (text: string) => {
      if (/^(error|fatal):/m.test(text)) await s.ctx.stderr.write(text);
    };
  }
  const fromName = repo.branch() ?? repo.headOid()?.slice(0, 7) ?? 'HEAD';
  if (create !== undefined) {
    if (force && repo.resolveRef(`refs/heads/${create}`)) repo.deleteRef(`refs/heads/${create}`);
    const start = operands[0];
    const unborn = repo.headOid() === null && start === undefined;
    if (!unborn) {
      const oid = createBranch(s, repo, create, start);
      const changed = oid !== repo.headOid() ? switchTrees(s, repo, oid) : '';
      writeNewBranch(s, repo, create, oid, start);
      moveHead(s, repo, `refs/heads/${create}`, oid, fromName, create);
      await s.out(changed);
    } else {
      if (repo.resolveRef(`refs/heads/${create}`)) throw fatal(`a branch named '${create}' already exists`);
      repo.setHead(`refs/heads/${create}`);
    }
    await s.err(`Switched to a new branch '${create}'\n`);
    return 0;
  }
  if (operands.length === 0) {
    if (command === 'switch') throw fatal('missing branch or commit argument');
    return 0;
  }
  if (command === 'checkout' && dashdash === 0) return restorePaths(s, repo, operands, false);
  const name = operands[0]!;
  if (command === 'checkout' && dashdash > 0) return restorePaths(s, repo, operands.slice(dashdash), false);
  const isBranch = repo.resolveRef(`refs/heads/${name}`) !== null;
  const isRemote = repo.refs('refs/remotes/').some((r) => r.name.endsWith(`/${name}`));
  if (command === 'checkout' && !isBranch && !isRemote && (operands.length > 1 || repo.readIndex().some((e) => { const p = s.toRepoPath(name); return p !== null && (p === '' || e.path === p || e.path.startsWith(`${p}/`)); }))) return restorePaths(s, repo, operands, true);
  const branchOid = repo.resolveRef(`refs/heads/${name}`);
  const commitOid = branchOid ? null : repo.resolveRevision(name);
  if (!branchOid && commitOid && !repo.refs('refs/remotes/').some((r) => r.name.endsWith(`/${name}`))) {
    throw new GitExit(`git: ${command} of a commit (detached HEAD) is not available in this simulation\n`, 1);
  }
  if (!branchOid) {
    // A remote branch of the same name: git creates the local branch tracking it (checkout's --guess).
    const remote = repo.refs('refs/remotes/').find((r) => r.name.endsWith(`/${name}`) && r.name.split('/').length === 4);
    if (remote) {
      const remoteName = remote.name.split('/')[2]!;
      const changed = switchTrees(s, repo, remote.oid);
      repo.writeRef(`refs/heads/${name}`, remote.oid);
      const file = ConfigFile.read(s.fs, `${repo.gitDir}/config`)!;
      file.set(`branch.${name}.remote`, remoteName);
      file.set(`branch.${name}.merge`, `refs/heads/${name}`);
      file.write(s.fs, `${repo.gitDir}/config`);
      moveHead(s, repo, `refs/heads/${name}`, remote.oid, fromName, name);
      await s.out(changed);
      await s.err(`branch '${name}' set up to track '${remoteName}/${name}'.\nSwitched to a new branch '${name}'\n`);
      return 0;
    }
    if (command === 'switch') throw fatal(`invalid reference: ${name}`);
    await s.err(`error: pathspec '${name}' did not match any file(s) known to git\n`);
    return 1;
  }
  if (name === repo.branch()) {
    await s.out(switchTrees(s, repo, branchOid));
    moveHead(s, repo, `refs/heads/${name}`, branchOid, fromName, name);
    await s.err(`Already on '${name}'\n`);
    return 0;
  }
  const changed = switchTrees(s, repo, branchOid);
  moveHead(s, repo, `refs/heads/${name}`, branchOid, fromName, name);
  await s.out(changed);
  await s.err(`Switched to branch '${name}'\n`);
  return 0;
}
