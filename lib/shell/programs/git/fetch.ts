/**
 * `git fetch [<remote>]` and `git pull [<remote> [<branch>]]` from the remotes clone sets up: the simulated web's
 * hosted repositories (which never change, so they are always up to date) and repositories on the same machine.
 * Pull fast-forwards; branches that diverged get git 2.39's "how to reconcile" refusal, and a configured merge or
 * rebase of diverged branches is not simulated.
 */
import { SIMULATED_WEB } from '../../../engine/network/web';
import { networkOf } from '../net/client';
import { switchTrees } from './checkout';
import { diffStat } from './diffstat';
import { GIT_REPOS_HOST_ERRORS, hostedRepoObjects } from './hosted';
import { UsageError } from './init';
import { isDir, readTextOrNull, Repo, ZERO_OID } from './repo';
import { fatal, GitExit, type Session } from './session';
import { ancestors } from './status';

const enc = new TextEncoder();

interface Remote {
  readonly name: string;
  readonly url: string;
  /** `+refs/heads/*:refs/remotes/origin/*` or one branch's refspec. */
  readonly fetch: string;
}

function noSuchRemote(name: string): GitExit {
  return new GitExit(`fatal: '${name}' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n`, 128);
}

function remoteOf(s: Session, repo: Repo, name: string): Remote {
  const url = repo.config(`remote.${name}.url`);
  if (!url) throw noSuchRemote(name);
  return { name, url, fetch: repo.config(`remote.${name}.fetch`) ?? `+refs/heads/*:refs/remotes/${name}/*` };
}

/** The remote's branches, with their objects copied into `repo`. */
function remoteBranches(s: Session, repo: Repo, remote: Remote): Map<string, string> {
  const web = /^(https?):\/\/([^/:]+)(?::\d+)?(\/.*)?$/i.exec(remote.url);
  if (web) {
    const host = web[2]!.toLowerCase();
    const url = remote.url.replace(/\/+$/, '');
    if (!networkOf(s.ctx) || SIMULATED_WEB.resolve(host) === null) throw fatal(`unable to access '${url}/': Could not resolve host: ${host}`);
    const hosted = hostedRepoObjects(repo, host, web[3] ?? '/');
    if (!hosted) {
      if (GIT_REPOS_HOST_ERRORS[host]) throw fatal(`could not read Username for '${web[1]!.toLowerCase()}://${host}': No such device or address`);
      throw fatal(`repository '${url}/' not found`);
    }
    return hosted.branches;
  }
  // A relative path is taken from the working directory, as git's transport does.
  const path = s.absolute(remote.url.startsWith('file://') ? remote.url.slice(7) : remote.url);
  const from = isDir(s.fs, path) ? Repo.discover(s.fs, path, s.env) : null;
  if (!from) throw noSuchRemote(remote.url);
  const copy = (rel: string): void => {
    for (const name of from.fs.readdir(`${from.gitDir}/objects${rel}`)) {
      const src = `${from.gitDir}/objects${rel}/${name}`;
      const dst = `${repo.gitDir}/objects${rel}/${name}`;
      if (isDir(from.fs, src)) {
        if (!isDir(repo.fs, dst)) repo.fs.mkdir(dst, 0o755);
        copy(`${rel}/${name}`);
      } else if (readTextOrNull(repo.fs, dst) === null) repo.fs.writeFile(dst, from.fs.readFile(src), { mode: 0o444 });
    }
  };
  copy('');
  return new Map(from.refs('refs/heads/').map((r) => [r.name.slice(11), r.oid] as const));
}

interface Fetched {
  readonly remote: Remote;
  readonly branches: ReadonlyMap<string, string>;
}

/** Fetches and prints git's `From <url>` report; `action` names the reflog entries (`fetch`, `pull origin`: the command and its operands). */
async function fetchRemote(s: Session, repo: Repo, remoteName: string, action: string, only?: string): Promise<Fetched> {
  // git empties FETCH_HEAD before it contacts the remote, so a failed fetch leaves it empty.
  truncateFetchHead(s, repo);
  const remote = remoteOf(s, repo, remoteName);
  const branches = remoteBranches(s, repo, remote);
  const m = /^\+?refs\/heads\/(.+):refs\/remotes\/(.+)$/.exec(remote.fetch);
  const single = m && !m[1]!.includes('*') ? m[1]! : null;
  const dstPrefix = m ? m[2]!.replace(/\*$/, '').replace(/\/[^/*]+$/, '/') : `${remote.name}/`;
  const ident = s.reflogIdentity();
  const lines: string[] = [];
  let fetchHead = '';
  const current = repo.branch();
  const upstream = current ? repo.config(`branch.${current}.merge`)?.replace(/^refs\/heads\//, '') : undefined;
  const names = [...branches.keys()].sort();
  const width = Math.max(10, ...names.map((n) => n.length));
  for (const name of names) {
    if (single !== null && name !== single) continue;
    if (only !== undefined && name !== only) continue;
    const oid = branches.get(name)!;
    const ref = `refs/remotes/${dstPrefix}${name}`;
    const old = repo.resolveRef(ref);
    const forMerge = only !== undefined ? name === only : name === upstream;
    fetchHead += `${oid}\t${forMerge ? '' : 'not-for-merge'}\tbranch '${name}' of ${remote.url}\n`;
    if (old === oid) continue;
    repo.writeRef(ref, oid);
    if (old === null) {
      repo.appendReflog(ref, ZERO_OID, oid, ident, `${action}: storing head`);
      lines.push(` * ${'[new branch]'.padEnd(17)} ${name.padEnd(width)} -> ${dstPrefix}${name}`);
    } else {
      const ff = ancestors(repo, oid).has(old);
      repo.appendReflog(ref, old, oid, ident, `${action}: ${ff ? 'fast-forward' : 'forced-update'}`);
      const summary = `${old.slice(0, 7)}${ff ? '..' : '...'}${oid.slice(0, 7)}`;
      lines.push(` ${ff ? ' ' : '+'} ${summary.padEnd(17)} ${name.padEnd(width)} -> ${dstPrefix}${name}${ff ? '' : '  (forced update)'}`);
    }
  }
  if (only !== undefined && !branches.has(only)) throw fatal(`couldn't find remote ref ${only}`);
  // FETCH_HEAD lists the branch to merge first.
  const sorted = fetchHead.split('\n').filter((l) => l !== '').sort((a, b) => Number(a.includes('not-for-merge')) - Number(b.includes('not-for-merge')));
  s.fs.writeFile(`${repo.gitDir}/FETCH_HEAD`, enc.encode(sorted.map((l) => `${l}\n`).join('')), { mode: 0o644 });
  if (lines.length > 0) await s.err(`From ${remote.url}\n${lines.map((l) => `${l}\n`).join('')}`);
  return { remote, branches };
}

function truncateFetchHead(s: Session, repo: Repo): void {
  s.fs.writeFile(`${repo.gitDir}/FETCH_HEAD`, new Uint8Array(0), { mode: 0o644 });
}

export async function gitFetch(s: Session, args: readonly string[]): Promise<number> {
  const operands: string[] = [];
  for (const a of args) {
    if (a === '-q' || a === '--quiet' || a === '--all' || a === '--prune' || a === '-p') continue;
    if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    operands.push(a);
  }
  const repo = s.repo();
  const current = repo.branch();
  const name = operands[0] ?? (current ? repo.config(`branch.${current}.remote`) : null) ?? 'origin';
  await fetchRemote(s, repo, name, ['fetch', ...operands].join(' '), operands[1]);
  return 0;
}

export async function gitPull(s: Session, args: readonly string[]): Promise<number> {
  const operands: string[] = [];
  let mode: 'default' | 'ff-only' | 'merge' | 'rebase' = 'default';
  for (const a of args) {
    if (a === '--ff-only') mode = 'ff-only';
    else if (a === '--no-rebase' || a === '--ff' || a === '--no-ff') mode = 'merge';
    else if (a === '--rebase' || a === '-r') mode = 'rebase';
    else if (a === '-q' || a === '--quiet') continue;
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else operands.push(a);
  }
  const repo = s.repo();
  const current = repo.branch();
  const upstreamRemote = current ? repo.config(`branch.${current}.remote`) : null;
  const upstreamMerge = current ? repo.config(`branch.${current}.merge`) : null;
  if (operands.length === 0 && (!upstreamRemote || !upstreamMerge)) {
    truncateFetchHead(s, repo);
    // git names the remote when there is exactly one.
    const remotes = [...new Set(repo.configEntries().flatMap((e) => (/^remote\.(.+)\.url$/.exec(e.key)?.[1] ? [/^remote\.(.+)\.url$/.exec(e.key)![1]!] : [])))];
    const remoteWord = remotes.length === 1 ? remotes[0]! : '<remote>';
    throw new GitExit(
      `There is no tracking information for the current branch.\nPlease specify which branch you want to merge with.\nSee git-pull(1) for details.\n\n    git pull <remote> <branch>\n\nIf you wish to set tracking information for this branch you can do so with:\n\n    git branch --set-upstream-to=${remoteWord}/<branch> ${current ?? 'HEAD'}\n\n`,
      1,
    );
  }
  const remoteName = operands[0] ?? upstreamRemote!;
  // `git pull <remote>` merges the upstream branch when <remote> is the branch's own remote.
  const branch = operands[1] ?? (operands.length === 0 || (remoteName === upstreamRemote && upstreamMerge) ? upstreamMerge?.replace(/^refs\/heads\//, '') : undefined);
  let fetched: Fetched;
  try {
    fetched = await fetchRemote(s, repo, remoteName, ['pull', ...operands].join(' '), operands[1]);
  } catch (e) {
    // pull reports the fetch's failure and exits 1.
    if (e instanceof GitExit) throw new GitExit(e.text, 1);
    throw e;
  }
  if (branch === undefined) {
    throw new GitExit(`You asked to pull from the remote '${remoteName}', but did not specify\na branch. Because this is not the default configured remote\nfor your current branch, you must specify a branch on the command line.\n`, 1);
  }
  const theirs = fetched.branches.get(branch);
  if (!theirs) throw new GitExit(`Your configuration specifies to merge with the ref 'refs/heads/${branch}'\nfrom the remote, but no such ref was fetched.\n`, 1);
  const ours = repo.headOid();
  if (ours !== null && ancestors(repo, ours).has(theirs)) {
    await s.out('Already up to date.\n');
    return 0;
  }
  if (ours === null || ancestors(repo, theirs).has(ours)) {
    const before = repo.commitFiles(ours);
    switchTrees(s, repo, theirs);
    const ident = s.reflogIdentity();
    if (ours) s.fs.writeFile(`${repo.gitDir}/ORIG_HEAD`, enc.encode(`${ours}\n`), { mode: 0o644 });
    const ref = repo.headRef()!;
    repo.writeRef(ref, theirs);
    const action = ['pull', ...operands].join(' ');
    repo.appendReflog(ref, ours ?? ZERO_OID, theirs, ident, `${action}: Fast-forward`);
    repo.appendReflog('HEAD', ours ?? ZERO_OID, theirs, ident, `${action}: Fast-forward`);
    const after = repo.commitFiles(theirs);
    const modes = [...new Set([...before.keys(), ...after.keys()])]
      .sort()
      .map((p) => (!before.has(p) ? ` create mode ${after.get(p)!.mode.toString(8)} ${p}\n` : !after.has(p) ? ` delete mode ${before.get(p)!.mode.toString(8)} ${p}\n` : ''))
      .join('');
    await s.out(`Updating ${ours?.slice(0, 7) ?? ''}..${theirs.slice(0, 7)}\nFast-forward\n${diffStat(repo, before, after)}${modes}`);
    return 0;
  }
  const configured = repo.config('pull.rebase') ?? repo.config('pull.ff');
  if (mode === 'ff-only' || (mode === 'default' && configured === 'only')) throw fatal('Not possible to fast-forward, aborting.');
  if (mode === 'default' && (configured === undefined || configured === null)) {
    throw new GitExit(
      `hint: You have divergent branches and need to specify how to reconcile them.\nhint: You can do so by running one of the following commands sometime before\nhint: your next pull:\nhint: \nhint:   git config pull.rebase false  # merge\nhint:   git config pull.rebase true   # rebase\nhint:   git config pull.ff only       # fast-forward only\nhint: \nhint: You can replace "git config" with "git config --global" to set a default\nhint: preference for all repositories. You can also pass --rebase, --no-rebase,\nhint: or --ff-only on the command line to override the configured default per\nhint: invocation.\nfatal: Need to specify how to reconcile divergent branches.\n`,
      128,
    );
  }
  throw new GitExit("git: merging or rebasing diverged branches is not available in this simulation\n", 1);
}
