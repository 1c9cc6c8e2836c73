/**
 * `git reset [--soft | --mixed | --hard] [<commit>]`, `git reset [<commit>] [--] <path>...` (unstage), and `git tag`
 * (list with -l patterns, lightweight and annotated `-a -m`, `-d`).
 */
import { unstagedChanges } from './changes';
import { entryFromStat, type IndexEntry } from './dircache';
import { UsageError } from './init';
import { encodeTag } from './objects';
import type { FlatEntry, Repo } from './repo';
import { ZERO_OID } from './repo';
import { fatal, GitExit, type Session } from './session';
import { globToRegExp } from '../lib/glob-match';

function ambiguous(rev: string): GitExit {
  return fatal(`ambiguous argument '${rev}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'`);
}

/** The index entries of a commit's files (stat data zeroed: the next status compares contents). */
function entriesOf(files: ReadonlyMap<string, FlatEntry>, keep: ReadonlyMap<string, IndexEntry>): IndexEntry[] {
  return [...files].map(([path, f]) => {
    const old = keep.get(path);
    return old && old.oid === f.oid && old.mode === f.mode ? old : { path, oid: f.oid, mode: f.mode, mtimeMs: 0, size: 0, ino: 0, uid: 0, gid: 0 };
  });
}

async function reportUnstaged(s: Session, repo: Repo): Promise<void> {
  const changes = unstagedChanges(s, repo.readIndex());
  if (changes.length === 0) return;
  await s.out(`Unstaged changes after reset:\n${changes.map((c) => `${c.kind === 'deleted' ? 'D' : 'M'}\t${s.display(c.path)}\n`).join('')}`);
}

export async function gitReset(s: Session, args: readonly string[]): Promise<number> {
  type Mode = 'soft' | 'mixed' | 'hard';
  let mode = 'mixed' as Mode;
  let quiet = false;
  const operands: string[] = [];
  let paths: string[] | null = null;
  for (const a of args) {
    if (paths) paths.push(a);
    else if (a === '--') paths = [];
    else if (a === '--soft' || a === '--mixed' || a === '--hard') mode = a.slice(2) as Mode;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else operands.push(a);
  }
  const repo = s.repo();
  let rev = 'HEAD';
  if (paths === null) {
    if (operands.length > 0 && repo.resolveRevision(operands[0]!)) rev = operands.shift()!;
    if (operands.length > 0) paths = operands;
    // Without `--`, an operand must be a revision or a path that exists, as git insists.
    for (const p of paths ?? []) {
      const rp = s.toRepoPath(p);
      let exists = false;
      try {
        s.fs.lstat(s.absolute(p));
        exists = true;
      } catch {
        exists = rp !== null && repo.readIndex().some((e) => e.path === rp || e.path.startsWith(`${rp}/`));
      }
      if (!exists) throw ambiguous(p);
    }
  } else if (operands.length > 0) rev = operands[0]!;
  const target = rev === 'HEAD' && repo.headOid() === null ? null : repo.resolveRevision(rev);
  if (target === null && !(rev === 'HEAD' && repo.headOid() === null)) throw ambiguous(rev);
  const files = repo.commitFiles(target);
  const index = new Map(repo.readIndex().map((e) => [e.path, e] as const));
  if (paths !== null && paths.length > 0) {
    if (mode !== 'mixed') throw fatal(`Cannot do ${mode} reset with paths.`);
    for (const p of paths) {
      const rp = s.toRepoPath(p) ?? p;
      const hit = (k: string) => rp === '' || k === rp || k.startsWith(`${rp}/`);
      for (const k of [...index.keys()]) if (hit(k) && !files.has(k)) index.delete(k);
      for (const [k, f] of files) if (hit(k)) index.set(k, entriesOf(new Map([[k, f]]), index)[0]!);
    }
    repo.writeIndex([...index.values()]);
    if (!quiet) await reportUnstaged(s, repo);
    return 0;
  }
  const old = repo.headOid();
  if (mode === 'hard') {
    const before = new Set(index.keys());
    for (const p of before) if (!files.has(p)) s.removeWorkFile(p);
    const fresh: IndexEntry[] = [];
    for (const [p, f] of files) {
      const e = index.get(p);
      if (!e || e.oid !== f.oid || e.mode !== f.mode || unstagedChanges(s, [e]).length > 0) s.writeWorkFile(p, repo.objects.read(f.oid)?.body ?? new Uint8Array(0), f.mode);
      fresh.push(entryFromStat(p, f.oid, s.fs.lstat(s.workPath(p))));
    }
    repo.writeIndex(fresh);
  } else if (mode === 'mixed') repo.writeIndex(entriesOf(files, index));
  if (target !== null) {
    const ident = s.reflogIdentity();
    const ref = repo.headRef();
    // The branch's own log records only real moves; HEAD's records every reset.
    if (ref && old !== target) {
      repo.writeRef(ref, target);
      repo.appendReflog(ref, old ?? ZERO_OID, target, ident, `reset: moving to ${rev}`);
    }
    repo.appendReflog('HEAD', old ?? ZERO_OID, target, ident, `reset: moving to ${rev}`);
    if (old && old !== target) s.fs.writeFile(`${repo.gitDir}/ORIG_HEAD`, new TextEncoder().encode(`${old}\n`), { mode: 0o644 });
  }
  if (mode === 'hard' && !quiet && target !== null) {
    const c = repo.readCommit(target)!;
    await s.out(`HEAD is now at ${target.slice(0, 7)} ${c.message.split('\n')[0]}\n`);
  } else if (mode === 'mixed' && !quiet) await reportUnstaged(s, repo);
  return 0;
}

export async function gitTag(s: Session, args: readonly string[]): Promise<number> {
  let annotate = false;
  let del = false;
  let list = false;
  let message: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-a' || a === '--annotate') annotate = true;
    else if (a === '-d' || a === '--delete') del = true;
    else if (a === '-l' || a === '--list') list = true;
    else if (a === '-m' || a === '--message') {
      message = args[++i];
      annotate = true;
    } else if (a.startsWith('-m') && a.length > 2) {
      message = a.slice(2);
      annotate = true;
    } else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else operands.push(a);
  }
  const repo = s.repo();
  if (del) {
    let status = 0;
    for (const name of operands) {
      const oid = repo.resolveRef(`refs/tags/${name}`);
      if (!oid) {
        await s.err(`error: tag '${name}' not found.\n`);
        status = 1;
        continue;
      }
      repo.deleteRef(`refs/tags/${name}`);
      await s.out(`Deleted tag '${name}' (was ${oid.slice(0, 7)})\n`);
    }
    return status;
  }
  if (list || operands.length === 0) {
    const res = operands.map((p) => globToRegExp(p));
    const names = repo.refs('refs/tags/').map((r) => r.name.slice(10)).filter((n) => res.length === 0 || res.some((re) => re.test(n)));
    await s.out(names.map((n) => `${n}\n`).join(''));
    return 0;
  }
  const [name, rev] = operands;
  if (operands.length > 2) throw new UsageError(null);
  if (!/^[^\s~^:?*[\\]+$/.test(name!) || name!.startsWith('-') || name!.endsWith('.lock') || name!.includes('..')) throw fatal(`'${name}' is not a valid tag name.`);
  if (repo.resolveRef(`refs/tags/${name}`)) throw fatal(`tag '${name}' already exists`);
  const target = rev === undefined ? repo.headOid() : repo.resolveRevision(rev);
  if (!target) throw fatal(`Failed to resolve '${rev ?? 'HEAD'}' as a valid ref.`);
  let oid = target;
  if (annotate) {
    if (message === undefined) throw new GitExit('error: Terminal is dumb, but EDITOR unset\nPlease supply the message using either -m or -F option.\n', 1);
    const tagger = s.identity('COMMITTER');
    oid = repo.objects.write('tag', encodeTag({ object: target, type: 'commit', tag: name!, tagger, message: message.endsWith('\n') || message === '' ? message : `${message}\n` }));
  }
  repo.writeRef(`refs/tags/${name}`, oid);
  return 0;
}
