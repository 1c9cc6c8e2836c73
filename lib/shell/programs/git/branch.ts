/** `git branch` (list, `-v`, `-a`, `-r`), `git branch <name> [<start>]`, `-d`/`-D`, `-m`/`-M`. */
import { subjectOf } from './summary';
import { UsageError } from './init';
import { mkdirp, readTextOrNull, type Repo, ZERO_OID } from './repo';
import { paged } from './external';
import { fatal, GitExit, type Session } from './session';
import { ancestors } from './status';
import { C, RESET } from './colors';

/** git's check_refname_format for a branch name. */
export function validBranchName(name: string): boolean {
  if (name === '' || name === '@' || name.startsWith('-') || name.endsWith('/') || name.endsWith('.') || name.endsWith('.lock')) return false;
  if (/[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|(^|\/)\./.test(name)) return false;
  return true;
}

export function createBranch(s: Session, repo: Repo, name: string, start: string | undefined): string {
  if (!validBranchName(name)) throw fatal(`'${name}' is not a valid branch name`);
  if (repo.resolveRef(`refs/heads/${name}`)) throw fatal(`a branch named '${name}' already exists`);
  const startName = start ?? repo.branch() ?? 'HEAD';
  const oid = start === undefined ? repo.headOid() : repo.resolveRevision(start);
  if (!oid) throw fatal(`not a valid object name: '${startName}'`);
  return oid;
}

/** Creates the branch ref with the reflog entry git starts it with. */
export function writeNewBranch(s: Session, repo: Repo, name: string, oid: string, start: string | undefined): void {
  repo.writeRef(`refs/heads/${name}`, oid);
  repo.appendReflog(`refs/heads/${name}`, ZERO_OID, oid, s.reflogIdentity(), `branch: Created from ${start ?? 'HEAD'}`);
}

export async function gitBranch(s: Session, args: readonly string[]): Promise<number> {
  let mode: 'list' | 'delete' | 'forceDelete' | 'move' | 'forceMove' = 'list';
  let verbose = false;
  let all = false;
  let remotes = false;
  const names: string[] = [];
  for (const a of args) {
    if (a === '-d' || a === '--delete') mode = 'delete';
    else if (a === '-D') mode = 'forceDelete';
    else if (a === '-m' || a === '--move') mode = 'move';
    else if (a === '-M') mode = 'forceMove';
    else if (a === '-v' || a === '--verbose') verbose = true;
    else if (a === '-a' || a === '--all') all = true;
    else if (a === '-r' || a === '--remotes') remotes = true;
    else if (a === '--list' || a === '-l') mode = 'list';
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else names.push(a);
  }
  const repo = s.repo();
  const current = repo.branch();
  if (mode === 'list' && names.length === 0) {
    const rows: { name: string; oid: string; current: boolean; remote: boolean; target?: string }[] = [];
    if (!remotes) for (const r of repo.refs('refs/heads/')) rows.push({ name: r.name.slice(11), oid: r.oid, current: r.name.slice(11) === current, remote: false });
    if (all || remotes) {
      for (const r of repo.refs('refs/remotes/')) rows.push({ name: `${all ? 'remotes/' : ''}${r.name.slice(13)}`, oid: r.oid, current: false, remote: true });
      for (const remote of (() => {
        try {
          return s.fs.readdir(`${repo.gitDir}/refs/remotes`);
        } catch {
          return [];
        }
      })()) {
        const text = (() => {
          try {
            return new TextDecoder().decode(s.fs.readFile(`${repo.gitDir}/refs/remotes/${remote}/HEAD`)).trim();
          } catch {
            return '';
          }
        })();
        if (text.startsWith('ref: refs/remotes/')) {
          const name = `${all ? 'remotes/' : ''}${remote}/HEAD`;
          const i = rows.findIndex((r) => r.name === name);
          const row = { name, oid: '', current: false, remote: true, target: text.slice('ref: refs/remotes/'.length) };
          if (i >= 0) rows[i] = row;
          else rows.splice(rows.findIndex((r) => r.name > name && r.name.startsWith(`${all ? 'remotes/' : ''}${remote}/`)) >>> 0, 0, row);
        }
      }
    }
    const width = Math.max(0, ...rows.filter((r) => !r.target).map((r) => r.name.length));
    // Colored, every name is closed with a reset, even the uncolored ones (git's "plain" slot is empty).
    const color = s.color('branch');
    const paintName = (r: (typeof rows)[number], text: string) => (color ? `${r.current ? C.green : r.remote ? C.red : ''}${text}${RESET}` : text);
    let out = '';
    for (const r of rows) {
      const mark = r.current ? '* ' : '  ';
      if (r.target) out += `${mark}${paintName(r, r.name)} -> ${r.target}\n`;
      else if (verbose) {
        const c = repo.readCommit(r.oid);
        out += `${mark}${paintName(r, r.name.padEnd(width))} ${r.oid.slice(0, 7)} ${c ? subjectOf(c.message) : ''}\n`;
      } else out += `${mark}${paintName(r, r.name)}\n`;
    }
    await paged(s, out);
    return 0;
  }
  if (mode === 'list') {
    const [name, start] = names;
    if (names.length > 2) throw new UsageError(null);
    const oid = createBranch(s, repo, name!, start);
    // `git branch x` logs the branch it started from by name; `checkout -b` says HEAD.
    writeNewBranch(s, repo, name!, oid, start ?? current ?? 'HEAD');
    return 0;
  }
  if (mode === 'delete' || mode === 'forceDelete') {
    if (names.length === 0) throw fatal('branch name required');
    let status = 0;
    for (const name of names) {
      const oid = repo.resolveRef(`refs/heads/${name}`);
      if (name === current) {
        await s.err(`error: Cannot delete branch '${name}' checked out at '${repo.workTree}'\n`);
        status = 1;
        continue;
      }
      if (!oid) {
        await s.err(`error: branch '${name}' not found.\n`);
        status = 1;
        continue;
      }
      if (mode === 'delete' && !ancestors(repo, repo.headOid()).has(oid)) {
        await s.err(`error: The branch '${name}' is not fully merged.\nIf you are sure you want to delete it, run 'git branch -D ${name}'.\n`);
        status = 1;
        continue;
      }
      repo.deleteRef(`refs/heads/${name}`);
      await s.out(`Deleted branch ${name} (was ${oid.slice(0, 7)}).\n`);
    }
    return status;
  }
  // -m [old] new
  if (names.length === 0 || names.length > 2) throw fatal('branch name required');
  const oldName = names.length === 2 ? names[0]! : current;
  const newName = names[names.length - 1]!;
  if (oldName === null) throw fatal('cannot rename the current branch while not on any.');
  if (!validBranchName(newName)) throw fatal(`'${newName}' is not a valid branch name`);
  const oid = repo.resolveRef(`refs/heads/${oldName}`);
  if (!oid && oldName !== current) throw fatal(`no branch named '${oldName}'`);
  if (mode === 'move' && newName !== oldName && repo.resolveRef(`refs/heads/${newName}`)) throw fatal(`a branch named '${newName}' already exists`);
  if (oid) {
    const ident = s.reflogIdentity();
    const log = readTextOrNull(s.fs, `${repo.gitDir}/logs/refs/heads/${oldName}`) ?? '';
    repo.deleteRef(`refs/heads/${oldName}`);
    repo.writeRef(`refs/heads/${newName}`, oid);
    const msg = `Branch: renamed refs/heads/${oldName} to refs/heads/${newName}`;
    mkdirp(s.fs, `${repo.gitDir}/logs/refs/heads/${newName}`.replace(/\/[^/]*$/, ''));
    s.fs.writeFile(`${repo.gitDir}/logs/refs/heads/${newName}`, new TextEncoder().encode(`${log}${oid} ${oid} ${ident}\t${msg}\n`), { mode: 0o644 });
    if (oldName === current) {
      repo.appendReflog('HEAD', oid, ZERO_OID, ident, msg);
      repo.appendReflog('HEAD', ZERO_OID, oid, ident, msg);
    }
    // git 2.39 rewrites packed-refs while renaming, leaving at least its header behind.
    if (readTextOrNull(s.fs, `${repo.gitDir}/packed-refs`) === null) s.fs.writeFile(`${repo.gitDir}/packed-refs`, new TextEncoder().encode('# pack-refs with: peeled fully-peeled sorted \n'), { mode: 0o644 });
  }
  if (oldName === current) repo.setHead(`refs/heads/${newName}`);
  return 0;
}

export { GitExit };
