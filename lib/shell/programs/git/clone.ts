/**
 * `git clone <url|path> [<dir>]`: from the simulated web's hosted repositories (engine/network/gitRepos.ts) or
 * from a repository on the same machine. The new repository gets git's layout: `origin` remote and upstream
 * config, remote-tracking refs in packed-refs, `origin/HEAD`, reflogs, and the default branch checked out.
 */
import { GIT_REPOS_HOST_ERRORS, hostedRepoObjects } from './hosted';
import { ConfigFile } from './config';
import { entryFromStat, type IndexEntry } from './dircache';
import { initRepository, UsageError } from './init';
import { isDir, mkdirp, readTextOrNull, Repo, ZERO_OID } from './repo';
import { fatal, GitExit, type Session } from './session';
import { COMMAND_USAGE } from './usages';
import { networkOf } from '../net/client';
import { SIMULATED_WEB } from '../../../engine/network/web';

const enc = new TextEncoder();

/** The directory git derives from a URL or path: the last component without `.git` (`getting-started-app`). */
export function humanishName(source: string): string {
  let s = source.replace(/\/+$/, '').replace(/\/\.git$/, '');
  s = s.slice(s.lastIndexOf('/') + 1);
  if (s.includes(':') && !source.includes('/')) s = s.slice(s.lastIndexOf(':') + 1);
  return s.replace(/\.git$/, '') || s;
}

function emptyOrMissing(s: Session, dir: string): boolean {
  try {
    const st = s.fs.stat(dir);
    return st.type === 'dir' && s.fs.readdir(dir).length === 0;
  } catch {
    return true;
  }
}

function removeTree(s: Session, path: string): void {
  try {
    const st = s.fs.lstat(path);
    if (st.type === 'dir') {
      for (const n of s.fs.readdir(path)) removeTree(s, `${path}/${n}`);
      s.fs.rmdir(path);
    } else s.fs.unlink(path);
  } catch {
    // already gone
  }
}

interface Fetched {
  /** Branch name → commit. */
  readonly branches: ReadonlyMap<string, string>;
  /** The remote's HEAD branch, or null for an empty repository. */
  readonly head: string | null;
  readonly objectCount: number;
  /** The branch the remote's HEAD names even when it has no commits (an empty repository's `master`). */
  readonly headName?: string;
}

export async function gitClone(s: Session, args: readonly string[]): Promise<number> {
  let quiet = false;
  let branchOpt: string | undefined;
  let origin = 'origin';
  let depth: string | undefined;
  let singleBranch = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-b' || a === '--branch') branchOpt = args[++i];
    else if (a === '-o' || a === '--origin') origin = args[++i] ?? 'origin';
    else if (a.startsWith('--depth=')) depth = a.slice(8);
    else if (a === '--depth') depth = args[++i];
    else if (a === '--single-branch') singleBranch = true;
    else if (a === '--no-tags' || a === '--progress') continue;
    else if (a === '--') operands.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else operands.push(a);
  }
  // git's usage after an operand error shows the alias option folded (its option parser's second layout).
  const usage = COMMAND_USAGE.clone!.replace('    --recursive[=<pathspec>]\n                          alias', '    --recursive ...       alias');
  if (operands.length === 0) throw new GitExit(`fatal: You must specify a repository to clone.\n\n${usage}`, 129);
  if (operands.length > 2) throw new GitExit(`fatal: Too many arguments.\n\n${usage}`, 129);
  if (depth !== undefined && !/^[1-9]\d*$/.test(depth)) throw fatal(`depth ${depth} is not a positive number`);
  // --depth implies --single-branch.
  if (depth !== undefined) singleBranch = true;
  const source = operands[0]!;
  const web = /^(https?):\/\/([^/:]+)(?::\d+)?(\/.*)?$/i.exec(source);
  const localPath = web ? null : s.absolute(source);
  if (localPath !== null && !isDir(s.fs, localPath)) throw fatal(`repository '${source}' does not exist`);
  const dirName = operands[1] ?? humanishName(source);
  const dest = s.absolute(dirName);
  if (!emptyOrMissing(s, dest)) throw fatal(`destination path '${dirName}' already exists and is not an empty directory.`);
  const existed = isDir(s.fs, dest);
  if (!existed) {
    try {
      mkdirp(s.fs, dest, 0o777 & ~s.ctx.umask);
    } catch (e) {
      throw fatal(`could not create work tree dir '${dirName}': ${(e as { text?: string }).text ?? 'Permission denied'}`);
    }
  }
  if (!quiet) await s.err(`Cloning into '${dirName}'...\n`);
  const fail = (e: GitExit): never => {
    if (existed) for (const n of s.fs.readdir(dest)) removeTree(s, `${dest}/${n}`);
    else removeTree(s, dest);
    throw e;
  };
  const { repo } = initRepository(s, dest, { quietHints: true });
  if (!web && depth !== undefined) await s.err('warning: --depth is ignored in local clones; use file:// instead.\n');
  let fetched: Fetched;
  const url = source.replace(/\/+$/, '');
  if (web) {
    const host = web[2]!.toLowerCase();
    const path = web[3] ?? '/';
    if (!networkOf(s.ctx) || SIMULATED_WEB.resolve(host) === null) fail(fatal(`unable to access '${url}/': Could not resolve host: ${host}`));
    const hosted = hostedRepoObjects(repo, host, path);
    if (!hosted) {
      const hostError = GIT_REPOS_HOST_ERRORS[host];
      const site = `${web[1]!.toLowerCase()}://${host}`;
      if (hostError && s.ctx.tty === null) fail(fatal(`could not read Username for '${site}': No such device or address`));
      if (hostError && s.ctx.tty !== null) {
        // GitHub answers 401; git asks on the terminal, and the server refuses a password whatever it is.
        const user = await promptTty(s, `Username for '${site}': `, true);
        await promptTty(s, `Password for '${web[1]!.toLowerCase()}://${user}@${host}': `, false);
        fail(new GitExit(`remote: Invalid username or token. Password authentication is not supported for Git operations.\nfatal: Authentication failed for '${url}/'\n`, 128));
      }
      fail(fatal(`repository '${url}/' not found`));
    }
    fetched = hosted!;
  } else {
    const from = Repo.discover(s.fs, localPath!, s.env);
    if (!from || (from.workTree !== localPath && from.gitDir !== localPath)) fail(fatal(`repository '${source}' does not exist`));
    fetched = copyRepository(from!, repo);
  }
  // git records a local source as the absolute path it was given, without tidying `.` or `..`.
  const remoteUrl = web ? source : source.startsWith('/') ? source : `${s.cwd === '/' ? '' : s.cwd}/${source}`;
  const cfg = ConfigFile.read(s.fs, `${repo.gitDir}/config`)!;
  cfg.set(`remote.${origin}.url`, remoteUrl);
  const branch = branchOpt ?? fetched.head;
  if (branchOpt !== undefined && !fetched.branches.has(branchOpt)) fail(fatal(`Remote branch ${branchOpt} not found in upstream ${origin}`));
  cfg.set(`remote.${origin}.fetch`, singleBranch && branch !== null ? `+refs/heads/${branch}:refs/remotes/${origin}/${branch}` : `+refs/heads/*:refs/remotes/${origin}/*`);
  if (singleBranch && branch !== null) fetched = { ...fetched, branches: new Map([[branch, fetched.branches.get(branch)!]]) };
  // A shallow clone records where its history was cut: the fetched tips, for the one-commit hosted histories.
  if (web && depth !== undefined && branch !== null) s.fs.writeFile(`${repo.gitDir}/shallow`, enc.encode(`${fetched.branches.get(branch)}\n`), { mode: 0o644 });
  let packed = '# pack-refs with: peeled fully-peeled sorted \n';
  for (const [b, oid] of [...fetched.branches].sort(([a], [b2]) => (a < b2 ? -1 : 1))) packed += `${oid} refs/remotes/${origin}/${b}\n`;
  const signature = s.reflogIdentity();
  const log = `clone: from ${remoteUrl}`;
  if (fetched.branches.size > 0) s.fs.writeFile(`${repo.gitDir}/packed-refs`, enc.encode(packed), { mode: 0o644 });
  if (branch !== null) {
    const oid = fetched.branches.get(branch)!;
    cfg.set(`branch.${branch}.remote`, origin);
    cfg.set(`branch.${branch}.merge`, `refs/heads/${branch}`);
    repo.setHead(`refs/heads/${branch}`);
    repo.writeRef(`refs/heads/${branch}`, oid);
    mkdirp(s.fs, `${repo.gitDir}/refs/remotes/${origin}`);
    for (const d of ['logs/refs/heads', `logs/refs/remotes/${origin}`]) mkdirp(s.fs, `${repo.gitDir}/${d}`);
    s.fs.writeFile(`${repo.gitDir}/refs/remotes/${origin}/HEAD`, enc.encode(`ref: refs/remotes/${origin}/${fetched.head}\n`), { mode: 0o644 });
    for (const ref of ['HEAD', `refs/heads/${branch}`, `refs/remotes/${origin}/HEAD`]) repo.fs.writeFile(`${repo.gitDir}/logs/${ref}`, enc.encode(`${ZERO_OID} ${oid} ${signature}\t${log}\n`), { mode: 0o644, append: true });
    cfg.write(s.fs, `${repo.gitDir}/config`);
    checkoutAll(s, repo, oid);
  } else {
    if (fetched.headName) {
      cfg.set(`branch.${fetched.headName}.remote`, origin);
      cfg.set(`branch.${fetched.headName}.merge`, `refs/heads/${fetched.headName}`);
      repo.setHead(`refs/heads/${fetched.headName}`);
    }
    cfg.write(s.fs, `${repo.gitDir}/config`);
    await s.err('warning: You appear to have cloned an empty repository.\n');
  }
  if (!quiet) {
    if (!web) await s.err('done.\n');
    else if (s.ctx.stderr.isTTY) {
      const n = fetched.objectCount;
      await s.err(`remote: Enumerating objects: ${n}, done.\nremote: Counting objects: 100% (${n}/${n}), done.\nremote: Compressing objects: 100% (${n}/${n}), done.\nremote: Total ${n} (delta 0), reused ${n} (delta 0), pack-reused 0\nReceiving objects: 100% (${n}/${n}), done.\n`);
    }
  }
  return 0;
}

/** One line read from the terminal after a prompt (git's credential prompt), echoed or not. */
async function promptTty(s: Session, prompt: string, echo: boolean): Promise<string> {
  const tty = s.ctx.tty!;
  await tty.write(prompt);
  const mode = tty.getMode();
  tty.setMode({ canonical: true, echo });
  try {
    const line = await tty.read();
    return line === null ? '' : new TextDecoder().decode(line).replace(/\r?\n$/, '');
  } finally {
    tty.setMode(mode);
    if (!echo) await tty.write('\n');
  }
}

/** Writes every file of the commit into the new work tree and the index. */
function checkoutAll(s: Session, repo: Repo, oid: string): void {
  const top = repo.workTree === '/' ? '' : repo.workTree;
  const entries: IndexEntry[] = [];
  for (const [path, e] of repo.commitFiles(oid)) {
    const abs = `${top}/${path}`;
    let dir = '';
    for (const part of path.split('/').slice(0, -1)) {
      dir += `/${part}`;
      if (!isDir(s.fs, `${top}${dir}`)) s.fs.mkdir(`${top}${dir}`, 0o777 & ~s.ctx.umask);
    }
    const body = repo.objects.read(e.oid)?.body ?? new Uint8Array(0);
    if (e.mode === 0o120000) s.fs.symlink(new TextDecoder().decode(body), abs);
    else {
      const perm = (e.mode === 0o100755 ? 0o777 : 0o666) & ~s.ctx.umask;
      s.fs.writeFile(abs, body, { mode: perm });
      s.fs.chmod(abs, perm);
    }
    entries.push(entryFromStat(path, e.oid, s.fs.lstat(abs)));
  }
  repo.writeIndex(entries);
}

/** A local clone: the source's objects and branches (git copies or links the object files). */
function copyRepository(from: Repo, to: Repo): Fetched {
  let count = 0;
  const copy = (rel: string): void => {
    for (const name of from.fs.readdir(`${from.gitDir}/objects${rel}`)) {
      const src = `${from.gitDir}/objects${rel}/${name}`;
      const dst = `${to.gitDir}/objects${rel}/${name}`;
      if (isDir(from.fs, src)) {
        if (!isDir(to.fs, dst)) to.fs.mkdir(dst, 0o755);
        copy(`${rel}/${name}`);
      } else if (readTextOrNull(to.fs, dst) === null) {
        to.fs.writeFile(dst, from.fs.readFile(src), { mode: 0o444 });
        count++;
      }
    }
  };
  copy('');
  const branches = new Map(from.refs('refs/heads/').map((r) => [r.name.slice(11), r.oid] as const));
  const headRef = from.headRef();
  const headBranch = headRef?.startsWith('refs/heads/') ? headRef.slice(11) : null;
  const head = headBranch !== null && branches.has(headBranch) ? headBranch : (branches.keys().next().value ?? null);
  return { branches, head, objectCount: count, ...(headBranch !== null ? { headName: headBranch } : {}) };
}
