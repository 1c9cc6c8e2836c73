/** `git diff` (index → work tree), `git diff --cached`/`--staged` (HEAD → index) and `git diff <commit>` (→ work tree). */
import { indexMode } from './dircache';
import { UsageError } from './init';
import { hashObject } from './objects';
import type { FlatEntry } from './repo';
import { paged } from './external';
import { cquote } from './quote';
import { diffStat } from './diffstat';
import { fatal, type Session } from './session';
import { isBinary, unifiedHunks } from './unified';
import { C, RESET } from './colors';

const EMPTY = new Uint8Array(0);

interface Side {
  readonly entry: FlatEntry;
  readonly body: Uint8Array;
}

export function fileDiff(path: string, a: Side | null, b: Side | null, color = false): string {
  const meta = (lines: string) => (color ? lines.replace(/^(.*)$/gm, (l) => (l === '' ? l : `${C.bold}${l}${RESET}`)) : lines);
  return metaAndHunks(path, a, b, color, meta);
}

function metaAndHunks(path: string, a: Side | null, b: Side | null, color: boolean, meta: (lines: string) => string): string {
  const ao = a ? hashObject('blob', a.body) : '0'.repeat(40);
  const bo = b ? hashObject('blob', b.body) : '0'.repeat(40);
  // Names are C-quoted as a whole (`"a/\303\251"`); ---/+++ lines end in a tab when the name has a space.
  const qa = cquote(`a/${path}`);
  const qb = cquote(`b/${path}`);
  const tab = path.includes(' ') ? '\t' : '';
  let out = `diff --git ${qa} ${qb}\n`;
  if (!a) out += `new file mode ${b!.entry.mode.toString(8)}\n`;
  else if (!b) out += `deleted file mode ${a.entry.mode.toString(8)}\n`;
  else if (a.entry.mode !== b.entry.mode) out += `old mode ${a.entry.mode.toString(8)}\nnew mode ${b.entry.mode.toString(8)}\n`;
  if (ao === bo) return meta(out);
  out += `index ${ao.slice(0, 7)}..${bo.slice(0, 7)}${a && b && a.entry.mode === b.entry.mode ? ` ${a.entry.mode.toString(8)}` : ''}\n`;
  const aBody = a?.body ?? EMPTY;
  const bBody = b?.body ?? EMPTY;
  if (isBinary(aBody) || isBinary(bBody)) return `${meta(out)}Binary files ${a ? qa : '/dev/null'} and ${b ? qb : '/dev/null'} differ\n`;
  const hunks = unifiedHunks(aBody, bBody, color);
  if (hunks === '') return meta(out);
  return `${meta(`${out}--- ${a ? `${qa}${tab}` : '/dev/null'}\n+++ ${b ? `${qb}${tab}` : '/dev/null'}\n`)}${hunks}`;
}

export async function gitDiff(s: Session, args: readonly string[]): Promise<number> {
  let cached = false;
  let stat = false;
  const revs: string[] = [];
  const specs: string[] = [];
  let paths = false;
  for (const a of args) {
    if (paths) specs.push(a);
    else if (a === '--') paths = true;
    else if (a === '--cached' || a === '--staged') cached = true;
    else if (a === '--stat') stat = true;
    else if (a.startsWith('-')) throw new UsageError(a);
    else revs.push(a);
  }
  const repo = s.repo();
  // Without `--`, operands that are not revisions must be paths that exist (git's ambiguity rule).
  while (revs.length > 0 && !repo.resolveRevision(revs[revs.length - 1]!)) {
    const p = revs.pop()!;
    let exists = false;
    try {
      s.fs.lstat(s.absolute(p));
      exists = true;
    } catch {
      const rp = s.toRepoPath(p);
      exists = rp !== null && repo.readIndex().some((e) => e.path === rp || e.path.startsWith(`${rp}/`));
    }
    if (!exists) throw fatal(`ambiguous argument '${p}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'`);
    specs.unshift(p);
  }
  const blob = (oid: string) => repo.objects.read(oid)?.body ?? EMPTY;
  const index = repo.readIndex();
  const filters = specs.map((p) => s.toRepoPath(p) ?? '');
  const wanted = (p: string) => filters.length === 0 || filters.some((f) => f === '' || p === f || p.startsWith(`${f}/`));
  let left = new Map<string, Side>();
  let right = new Map<string, Side>();
  const fromTree = (files: Map<string, FlatEntry>) => new Map([...files].map(([p, e]) => [p, { entry: e, body: blob(e.oid) }] as const));
  const fromIndex = () => new Map(index.map((e) => [e.path, { entry: { oid: e.oid, mode: e.mode }, body: blob(e.oid) }] as const));
  const fromWork = (base: Map<string, Side>) => {
    const out = new Map<string, Side>();
    for (const p of base.keys()) {
      try {
        const st = s.fs.lstat(s.workPath(p));
        if (st.type !== 'file' && st.type !== 'symlink') continue;
        const body = s.readWorkBlob(p, st);
        out.set(p, { entry: { oid: hashObject('blob', body), mode: indexMode(st) }, body });
      } catch {
        // deleted in the work tree
      }
    }
    return out;
  };
  const revTree = (rev: string) => {
    const oid = repo.resolveRevision(rev);
    if (!oid) throw fatal(`ambiguous argument '${rev}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'`);
    return fromTree(repo.commitFiles(oid));
  };
  if (cached) {
    const head = revs[0] ?? 'HEAD';
    left = revs[0] === undefined && !repo.headOid() ? new Map() : revTree(head);
    right = fromIndex();
  } else if (revs.length === 0) {
    left = fromIndex();
    right = fromWork(left);
  } else if (revs.length === 1) {
    left = revTree(revs[0]!);
    const union = new Map([...left, ...fromIndex()]);
    right = fromWork(union);
  } else {
    left = revTree(revs[0]!);
    right = revTree(revs[1]!);
  }
  const color = s.color('diff');
  if (stat) {
    const bodies = new Map<string, Uint8Array>();
    const flat = (m: Map<string, Side>) => {
      const out = new Map<string, FlatEntry>();
      for (const [p, side] of m) {
        if (!wanted(p)) continue;
        out.set(p, side.entry);
        bodies.set(side.entry.oid, side.body);
      }
      return out;
    };
    const a = flat(left);
    const b = flat(right);
    await paged(s, diffStat(repo, a, b, (oid) => bodies.get(oid) ?? new Uint8Array(0)));
    return 0;
  }
  let out = '';
  for (const p of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    if (!wanted(p)) continue;
    const a = left.get(p) ?? null;
    const b = right.get(p) ?? null;
    if (a && b && a.entry.oid === b.entry.oid && a.entry.mode === b.entry.mode) continue;
    out += fileDiff(p, a, b, color);
  }
  await paged(s, out);
  return 0;
}
