/** `git status` (long and `-s`/`--short`), and the long text `git commit` prints when there is nothing to commit. */
import { stagedChanges, unstagedChanges, untrackedFiles, type Change } from './changes';
import { UsageError } from './init';
import type { Repo } from './repo';
import type { Session } from './session';
import { C, paint } from './colors';
import { cquote } from './quote';

const LABEL: Record<Change['kind'], string> = { new: 'new file:   ', modified: 'modified:   ', deleted: 'deleted:    ' };

export interface StatusData {
  readonly staged: Change[];
  readonly unstaged: Change[];
  readonly untracked: string[];
}

export function collectStatus(s: Session): StatusData {
  const repo = s.repo();
  const index = repo.readIndex();
  return { staged: stagedChanges(repo.commitFiles(repo.headOid()), index), unstaged: unstagedChanges(s, index), untracked: untrackedFiles(s, index).shown };
}

/** Commits reachable from `oid` (itself included). */
export function ancestors(repo: Repo, oid: string | null): Set<string> {
  const seen = new Set<string>();
  const todo = oid ? [oid] : [];
  while (todo.length > 0) {
    const o = todo.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    todo.push(...(repo.readCommit(o)?.parents ?? []));
  }
  return seen;
}

/** "Your branch is ..." against the branch's upstream (`branch.<name>.remote`/`.merge`), or ''. */
export function trackingText(repo: Repo): string {
  const branch = repo.branch();
  if (!branch) return '';
  const remote = repo.config(`branch.${branch}.remote`);
  const merge = repo.config(`branch.${branch}.merge`);
  if (!remote || !merge || !merge.startsWith('refs/heads/')) return '';
  const upstream = `${remote}/${merge.slice('refs/heads/'.length)}`;
  const theirs = repo.resolveRef(`refs/remotes/${upstream}`);
  if (!theirs) return `Your branch is based on '${upstream}', but the upstream is gone.\n  (use "git branch --unset-upstream" to fixup)\n`;
  const mine = ancestors(repo, repo.headOid());
  const base = ancestors(repo, theirs);
  const ahead = [...mine].filter((o) => !base.has(o)).length;
  const behind = [...base].filter((o) => !mine.has(o)).length;
  const commits = (n: number) => `${n} commit${n === 1 ? '' : 's'}`;
  if (ahead === 0 && behind === 0) return `Your branch is up to date with '${upstream}'.\n`;
  if (behind === 0) return `Your branch is ahead of '${upstream}' by ${commits(ahead)}.\n  (use "git push" to publish your local commits)\n`;
  if (ahead === 0) return `Your branch is behind '${upstream}' by ${commits(behind)}, and can be fast-forwarded.\n  (use "git pull" to update your local branch)\n`;
  return `Your branch and '${upstream}' have diverged,\nand have ${ahead} and ${behind} different commits each, respectively.\n  (use "git pull" to merge the remote branch into yours)\n`;
}

function displayPath(s: Session, p: string, quoteSpace = false): string {
  return cquote(p.endsWith('/') ? `${s.display(p.slice(0, -1))}/` : s.display(p), quoteSpace);
}

export function longStatus(s: Session, d: StatusData): string {
  const repo = s.repo();
  const branch = repo.branch();
  const head = repo.headOid();
  const on = s.color('status');
  let out = branch !== null ? `On branch ${branch}\n` : `HEAD detached at ${head?.slice(0, 7) ?? ''}\n`;
  const tracking = trackingText(repo);
  if (tracking) out += `${tracking}\n`;
  if (head === null) out += '\nNo commits yet\n\n';
  // Each section ends with a blank line; the footer says what is left to do.
  if (d.staged.length > 0) {
    out += `Changes to be committed:\n  (use "${head === null ? 'git rm --cached <file>...' : 'git restore --staged <file>...'}" to unstage)\n`;
    for (const c of d.staged) out += `\t${paint(on, C.green, `${LABEL[c.kind]}${cquote(s.display(c.path))}`)}\n`;
    out += '\n';
  }
  if (d.unstaged.length > 0) {
    const deletes = d.unstaged.some((c) => c.kind === 'deleted');
    out += `Changes not staged for commit:\n  (use "git ${deletes ? 'add/rm' : 'add'} <file>..." to update what will be committed)\n  (use "git restore <file>..." to discard changes in working directory)\n`;
    for (const c of d.unstaged) out += `\t${paint(on, C.red, `${LABEL[c.kind]}${cquote(s.display(c.path))}`)}\n`;
    out += '\n';
  }
  if (d.untracked.length > 0) {
    out += `Untracked files:\n  (use "git add <file>..." to include in what will be committed)\n`;
    for (const p of d.untracked) out += `\t${paint(on, C.red, displayPath(s, p))}\n`;
    out += '\n';
  }
  if (d.staged.length > 0) return out;
  if (d.unstaged.length > 0) return `${out}no changes added to commit (use "git add" and/or "git commit -a")\n`;
  if (d.untracked.length > 0) return `${out}nothing added to commit but untracked files present (use "git add" to track)\n`;
  if (head === null) return `${out}nothing to commit (create/copy files and use "git add" to track)\n`;
  return `${out}nothing to commit, working tree clean\n`;
}

export function shortStatus(s: Session, d: StatusData): string {
  const rows = new Map<string, [string, string]>();
  const code = { new: 'A', modified: 'M', deleted: 'D' } as const;
  for (const c of d.staged) rows.set(c.path, [code[c.kind], ' ']);
  for (const c of d.unstaged) rows.set(c.path, [rows.get(c.path)?.[0] ?? ' ', code[c.kind]]);
  const on = s.color('status');
  let out = '';
  for (const p of [...rows.keys()].sort()) {
    const [x, y] = rows.get(p)!;
    out += `${x === ' ' ? x : paint(on, C.green, x)}${y === ' ' ? y : paint(on, C.red, y)} ${cquote(s.display(p), true)}\n`;
  }
  for (const p of d.untracked) out += `${paint(on, C.red, '??')} ${displayPath(s, p, true)}\n`;
  return out;
}

/** `## branch...upstream [ahead N, behind M]`, the line `-b` puts before short status. */
function shortBranchLine(s: Session): string {
  const repo = s.repo();
  const branch = repo.branch();
  if (branch === null) return '## HEAD (no branch)\n';
  if (repo.headOid() === null) return `## No commits yet on ${branch}\n`;
  const remote = repo.config(`branch.${branch}.remote`);
  const merge = repo.config(`branch.${branch}.merge`);
  if (!remote || !merge) return `## ${branch}\n`;
  const upstream = `${remote}/${merge.replace(/^refs\/heads\//, '')}`;
  const theirs = repo.resolveRef(`refs/remotes/${upstream}`);
  if (!theirs) return `## ${branch}...${upstream} [gone]\n`;
  const mine = ancestors(repo, repo.headOid());
  const base = ancestors(repo, theirs);
  const ahead = [...mine].filter((o) => !base.has(o)).length;
  const behind = [...base].filter((o) => !mine.has(o)).length;
  const parts = [...(ahead ? [`ahead ${ahead}`] : []), ...(behind ? [`behind ${behind}`] : [])];
  return `## ${branch}...${upstream}${parts.length ? ` [${parts.join(', ')}]` : ''}\n`;
}

export async function gitStatus(s: Session, args: readonly string[]): Promise<number> {
  let short = false;
  let branchLine = false;
  for (const a of args) {
    if (a === '-s' || a === '--short') short = true;
    else if (a === '-b' || a === '--branch') branchLine = true;
    else if (a === '-sb' || a === '-bs') {
      short = true;
      branchLine = true;
    }
    else if (a === '--long') short = false;
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
  }
  const data = collectStatus(s);
  await s.out(short ? `${branchLine ? shortBranchLine(s) : ''}${shortStatus(s, data)}` : longStatus(s, data));
  return 0;
}
