/** `git log [--oneline] [-n N] [--decorate] [<rev>]`: commits from the start point, newest first by commit date. */
import { UsageError } from './init';
import type { Commit } from './objects';
import type { FlatEntry, Repo } from './repo';
import { fileDiff } from './diff';
import { paged } from './external';
import { fatal, GitExit, type Session } from './session';
import { gitDate, subjectOf } from './summary';
import { diffStat } from './diffstat';
import { C, RESET } from './colors';

export interface Decoration {
  readonly kind: 'head' | 'branch' | 'remote' | 'tag';
  readonly label: string;
}

/** `(HEAD -> main, tag: v1, origin/main)`, colored as git colors it (bold cyan HEAD, green branches, red remotes, yellow tags). */
/** A commit's patch against its first parent (all files added for a root commit), as log -p and show print it. */
export function commitPatch(repo: Repo, commit: Commit, color: boolean): string {
  const before = commit.parents[0] ? repo.commitFiles(commit.parents[0]) : new Map<string, FlatEntry>();
  const after = repo.flattenTree(commit.tree);
  const blob = (o: string) => repo.objects.read(o)?.body ?? new Uint8Array(0);
  let diff = '';
  for (const p of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(p);
    const b = after.get(p);
    if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
    diff += fileDiff(p, a ? { entry: a, body: blob(a.oid) } : null, b ? { entry: b, body: blob(b.oid) } : null, color);
  }
  return diff;
}

export function decorationText(items: readonly Decoration[], color: boolean): string {
  if (!color) return ` (${items.map((d) => (d.kind === 'head' && d.label !== 'HEAD' ? `HEAD -> ${d.label}` : d.label)).join(', ')})`;
  const one = (d: Decoration) => {
    if (d.kind === 'head') return d.label === 'HEAD' ? `${C.boldCyan}HEAD${RESET}` : `${C.boldCyan}HEAD -> ${RESET}${C.boldGreen}${d.label}${RESET}`;
    return `${d.kind === 'branch' ? C.boldGreen : d.kind === 'remote' ? C.boldRed : C.boldYellow}${d.label}${RESET}`;
  };
  return `${C.yellow} (${RESET}${items.map(one).join(`${C.yellow}, ${RESET}`)}${C.yellow})${RESET}`;
}

/** Decorations per commit, in git's order: `HEAD -> main, tag: v1, origin/main, origin/HEAD`. */
export function decorations(repo: Repo): Map<string, Decoration[]> {
  const out = new Map<string, Decoration[]>();
  const refs = repo.refs('refs/');
  const named: { oid: string; label: string; ref: string; kind: Decoration['kind'] }[] = [];
  for (const r of refs) {
    if (r.name.startsWith('refs/heads/')) named.push({ oid: r.oid, label: r.name.slice(11), ref: r.name, kind: 'branch' });
    else if (r.name.startsWith('refs/remotes/')) named.push({ oid: r.oid, label: r.name.slice(13), ref: r.name, kind: 'remote' });
    else if (r.name.startsWith('refs/tags/')) named.push({ oid: repo.peel(r.oid), label: `tag: ${r.name.slice(10)}`, ref: r.name, kind: 'tag' });
  }
  // origin/HEAD is a symbolic ref: it decorates what it points at.
  const remoteHeads = (() => {
    try {
      return repo.fs.readdir(`${repo.gitDir}/refs/remotes`);
    } catch {
      return [];
    }
  })();
  for (const remote of remoteHeads) {
    const oid = repo.resolveRef(`refs/remotes/${remote}/HEAD`);
    if (oid && !named.some((n) => n.ref === `refs/remotes/${remote}/HEAD`)) named.push({ oid, label: `${remote}/HEAD`, ref: `refs/remotes/${remote}/HEAD`, kind: 'remote' });
  }
  named.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)).reverse();
  for (const n of named) out.set(n.oid, [...(out.get(n.oid) ?? []), { kind: n.kind, label: n.label }]);
  const head = repo.headOid();
  if (head) {
    const branch = repo.branch();
    const list = (out.get(head) ?? []).filter((d) => !(d.kind === 'branch' && d.label === branch));
    out.set(head, [{ kind: 'head', label: branch ?? 'HEAD' }, ...list]);
  }
  return out;
}

export async function gitLog(s: Session, args: readonly string[]): Promise<number> {
  let oneline = false;
  let stat = false;
  let patch = false;
  const paths: string[] = [];
  let all = false;
  let graph = false;
  let limit = Infinity;
  let decorate = s.ctx.stdout.isTTY;
  const revs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--oneline') oneline = true;
    else if (a === '--stat') stat = true;
    else if (a === '-p' || a === '-u' || a === '--patch') patch = true;
    else if (a === '--all') all = true;
    else if (a === '--graph') graph = true;
    else if (a === '-n' || a === '--max-count') limit = Number(args[++i]);
    else if (/^-n\d+$/.test(a)) limit = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) limit = Number(a.slice(1));
    else if (a.startsWith('--max-count=')) limit = Number(a.slice(12));
    else if (a === '--decorate' || a === '--decorate=short') decorate = true;
    else if (a === '--no-decorate') decorate = false;
    else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-')) throw fatal(`unrecognized argument: ${a}`);
    else revs.push(a);
  }
  if (!Number.isFinite(limit) && limit !== Infinity) throw new UsageError(null);
  const repo = s.repo();
  // Operands that are not revisions are paths, if they exist (git's ambiguity rule); log then keeps the commits
  // that changed them.
  while (revs.length > 0 && !repo.resolveRevision(revs[revs.length - 1]!)) {
    const p = revs.pop()!;
    let exists = false;
    try {
      s.fs.lstat(s.absolute(p));
      exists = true;
    } catch {
      exists = false;
    }
    if (!exists) {
      revs.push(p);
      break;
    }
    paths.unshift(p);
  }
  const filters = paths.map((p) => s.toRepoPath(p) ?? p);
  const touches = (commit: Commit): boolean => {
    if (filters.length === 0) return true;
    const inScope = (k: string) => filters.some((f) => f === '' || k === f || k.startsWith(`${f}/`));
    const mine = repo.flattenTree(commit.tree);
    const theirs = commit.parents[0] ? repo.commitFiles(commit.parents[0]) : new Map<string, FlatEntry>();
    for (const k of new Set([...mine.keys(), ...theirs.keys()])) {
      if (!inScope(k)) continue;
      const a = mine.get(k);
      const b = theirs.get(k);
      if (!a || !b || a.oid !== b.oid || a.mode !== b.mode) return true;
    }
    return false;
  };
  let start: string | null;
  if (all) start = repo.headOid();
  else if (revs.length === 0) {
    start = repo.headOid();
    if (!start) {
      const branch = repo.branch() ?? 'HEAD';
      throw fatal(`your current branch '${branch}' does not have any commits yet`);
    }
  } else {
    start = repo.resolveRevision(revs[0]!);
    if (!start) throw fatal(`ambiguous argument '${revs[0]}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'`);
  }
  const deco = decorate ? decorations(repo) : new Map<string, Decoration[]>();
  const color = s.color('log');
  // Newest first by committer date, as git's default ordering walks (ties keep discovery order).
  const queue: { oid: string; commit: Commit }[] = [];
  const seen = new Set<string>();
  const push = (oid: string) => {
    if (seen.has(oid)) return;
    seen.add(oid);
    const c = repo.readCommit(oid);
    if (c) queue.push({ oid, commit: c });
  };
  // --all starts from every ref (in ref order, which decides between equal dates), then HEAD.
  if (all) for (const r of repo.refs('refs/')) push(repo.peel(r.oid));
  if (start) push(start);
  // Each commit's text as its own block, so --graph can prefix its lines.
  const blocks: { oid: string; parents: readonly string[]; text: string }[] = [];
  while (queue.length > 0 && blocks.length < limit) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i]!.commit.committer.time > queue[best]!.commit.committer.time) best = i;
    const { oid, commit } = queue.splice(best, 1)[0]!;
    for (const p of commit.parents) push(p);
    if (!touches(commit)) continue;
    const d = deco.get(oid);
    const dtext = d ? decorationText(d, color) : '';
    let text = '';
    if (oneline) text += `${color ? `${C.yellow}${oid.slice(0, 7)}${RESET}` : oid.slice(0, 7)}${dtext} ${subjectOf(commit.message)}\n`;
    else {
      text += `${color ? `${C.yellow}commit ${oid}${RESET}` : `commit ${oid}`}${dtext}\n`;
      if (commit.parents.length > 1) text += `Merge: ${commit.parents.map((p) => p.slice(0, 7)).join(' ')}\n`;
      text += `Author: ${commit.author.name} <${commit.author.email}>\nDate:   ${gitDate(commit.author.time, commit.author.tz)}\n\n`;
      text += commit.message.replace(/\n$/, '').split('\n').map((l) => `    ${l}\n`).join('');
    }
    if (stat) {
      const st = diffStat(repo, commit.parents[0] ? repo.commitFiles(commit.parents[0]) : new Map(), repo.flattenTree(commit.tree));
      // With -p as well, git separates the message from the stat with a `---` line, as format-patch does.
      if (st !== '') text += `${oneline ? '' : patch ? '---\n' : '\n'}${st}`;
    }
    if (patch) {
      const diff = commitPatch(repo, commit, color);
      if (diff !== '') text += `${stat || !oneline ? '\n' : ''}${diff}`;
    }
    blocks.push({ oid, parents: commit.parents, text });
    await s.ctx.checkpoint();
  }
  let out = '';
  if (!graph) out = blocks.map((b) => b.text).join(oneline ? '' : '\n');
  else {
    // A straight line of commits: `* ` on each commit's first line, `| ` below it while history goes on.
    const linear = blocks.every((b, i) => b.parents.length <= 1 && (i + 1 >= blocks.length || b.parents[0] === blocks[i + 1]!.oid));
    if (!linear) throw new GitExit('git: log --graph of branching or merged history is not available in this simulation\n', 1);
    blocks.forEach((b, i) => {
      const lines = b.text.replace(/\n$/, '').split('\n');
      if (!oneline && i + 1 < blocks.length) lines.push('');
      const bar = b.parents.length > 0 ? (color ? `${C.red}|${RESET} ` : '| ') : '  ';
      out += lines.map((l, k) => `${k === 0 ? '* ' : bar}${l}\n`).join('');
    });
  }
  await paged(s, out);
  return 0;
}
