/** `git commit [-a] [-q] [--allow-empty] -m <msg>... | -F <file>`: the tree from the index, the commit, the summary. */
import { stageFile, unstagedChanges } from './changes';
import type { IndexEntry } from './dircache';
import { UsageError } from './init';
import { encodeCommit, formatSignature } from './objects';
import { ZERO_OID } from './repo';
import { fatal, GitExit, type Session } from './session';
import { collectStatus, longStatus } from './status';
import { edit } from './external';
import { diffSummary, gitDate, subjectOf } from './summary';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** git's default cleanup of a message that was not edited ("whitespace"): trailing blanks and blank-line runs go. */
export function cleanupMessage(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  const out: string[] = [];
  for (const l of lines) {
    if (l === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** What the editor opens: git's instructions and the status, as comments. */
function editorTemplate(s: Session, initial: boolean): string {
  const d = collectStatus(s);
  const label = { new: 'new file:   ', modified: 'modified:   ', deleted: 'deleted:    ' } as const;
  let t = `\n# Please enter the commit message for your changes. Lines starting\n# with '#' will be ignored, and an empty message aborts the commit.\n#\n# On branch ${s.repo().branch() ?? 'HEAD'}\n`;
  if (initial) t += '#\n# Initial commit\n';
  if (d.staged.length > 0) t += `#\n# Changes to be committed:\n${d.staged.map((c) => `#\t${label[c.kind]}${s.display(c.path)}\n`).join('')}`;
  if (d.unstaged.length > 0) t += `#\n# Changes not staged for commit:\n${d.unstaged.map((c) => `#\t${label[c.kind]}${s.display(c.path)}\n`).join('')}`;
  if (d.untracked.length > 0) t += `#\n# Untracked files:\n${d.untracked.map((p) => `#\t${p}\n`).join('')}`;
  return `${t}#\n`;
}

export async function gitCommit(s: Session, args: readonly string[]): Promise<number> {
  const messages: string[] = [];
  let all = false;
  let quiet = false;
  let allowEmpty = false;
  let amend = false;
  let noEdit = false;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new GitExit(`error: switch \`${a.replace(/^-+/, '')}' requires a value\n`, 129);
      return v;
    };
    if (a === '-m' || a === '--message') messages.push(value());
    else if (a.startsWith('--message=')) messages.push(a.slice(10));
    else if (/^-[aqn]*m./.test(a)) {
      const k = a.indexOf('m');
      for (const f of a.slice(1, k)) if (f === 'a') all = true;
      else if (f === 'q') quiet = true;
      messages.push(a.slice(k + 1));
    } else if (/^-[aqn]+m$/.test(a)) {
      if (a.includes('a')) all = true;
      if (a.includes('q')) quiet = true;
      messages.push(value());
    } else if (a === '-a' || a === '--all') all = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--allow-empty') allowEmpty = true;
    else if (a === '--amend') amend = true;
    else if (a === '--no-edit') noEdit = true;
    else if (a === '-F' || a === '--file') file = value();
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else throw fatal(`paths '${a} ...' with -a does not make sense`);
  }
  const repo = s.repo();
  let author = s.identity('AUTHOR');
  const committer = s.identity('COMMITTER');
  const head = repo.headOid();
  const amended = amend && head ? repo.readCommit(head) : null;
  if (amend && !amended) throw fatal('You have nothing to amend.');
  // --amend keeps the commit's author (and date) and replaces it on top of its parents.
  if (amended) author = amended.author;

  let index = repo.readIndex();
  if (all) {
    const byPath = new Map(index.map((e) => [e.path, e] as const));
    for (const c of unstagedChanges(s, index)) {
      if (c.kind === 'deleted') byPath.delete(c.path);
      else byPath.set(c.path, stageFile(s, c.path, s.fs.lstat(s.workPath(c.path))));
    }
    index = [...byPath.values()] as IndexEntry[];
    repo.writeIndex(index);
  }
  const parents = amended ? [...amended.parents] : head ? [head] : [];
  const parent = parents[0] ?? null;
  const before = repo.commitFiles(parent);
  const tree = repo.writeTree(index);
  const parentTree = parent ? repo.readCommit(parent)?.tree : null;
  let message: string | null = null;
  if (file !== undefined) {
    try {
      message = dec.decode(s.fs.readFile(s.absolute(file)));
    } catch {
      throw fatal(`could not read log file '${file}': No such file or directory`);
    }
  } else if (messages.length > 0) message = messages.join('\n\n');
  else if (amended && noEdit) message = amended.message;
  // git writes the message file before it decides whether there is anything to commit.
  if (message !== null) s.fs.writeFile(`${repo.gitDir}/COMMIT_EDITMSG`, enc.encode(cleanupMessage(message)), { mode: 0o644 });
  if (!allowEmpty && !amended && (parentTree === tree || (parent === null && index.length === 0))) {
    // Without a message git has already written the editor's template (its status part is empty here).
    if (message === null) s.fs.writeFile(`${repo.gitDir}/COMMIT_EDITMSG`, enc.encode(`\n# Please enter the commit message for your changes. Lines starting\n# with '#' will be ignored, and an empty message aborts the commit.\n#\n# On branch ${repo.branch() ?? 'HEAD'}\n`), { mode: 0o644 });
    await s.out(longStatus(s, collectStatus(s)));
    return 1;
  }
  if (message === null) {
    // Without -m git opens an editor on a template; with no terminal type (a Dockerfile RUN) it has none to open.
    const path = `${repo.gitDir}/COMMIT_EDITMSG`;
    s.fs.writeFile(path, enc.encode(`${amended ? amended.message : ''}${editorTemplate(s, parent === null)}`), { mode: 0o644 });
    const edited = await edit(s, path);
    if (!edited.ok) throw new GitExit(`${edited.message}Please supply the message using either -m or -F option.\n`, 1);
    message = edited.text.split('\n').filter((l) => !l.startsWith('#')).join('\n');
  }
  message = cleanupMessage(message);
  if (message === '') throw new GitExit('Aborting commit due to empty commit message.\n', 1);
  const oid = repo.objects.write('commit', encodeCommit({ tree, parents, author, committer, message }));
  const ref = repo.headRef();
  const subject = subjectOf(message);
  const reflog = `${amended ? 'commit (amend)' : parent ? 'commit' : 'commit (initial)'}: ${subject}`;
  const ident = formatSignature(committer);
  if (ref) {
    repo.writeRef(ref, oid);
    // A branch's log records moves only (an amend that rebuilds the same commit logs to HEAD alone).
    if (head !== oid) repo.appendReflog(ref, head ?? ZERO_OID, oid, ident, reflog);
  } else s.fs.writeFile(`${repo.gitDir}/HEAD`, enc.encode(`${oid}\n`), { mode: 0o644 });
  repo.appendReflog('HEAD', head ?? ZERO_OID, oid, ident, reflog);
  if (quiet) return 0;
  const where = ref ? repo.branch()! : 'detached HEAD';
  // The summary names the author when it is not the committer, and the date when the author was reused (--amend).
  let extra = '';
  if (author.name !== committer.name || author.email !== committer.email) extra += ` Author: ${author.name} <${author.email}>\n`;
  if (amended) extra += ` Date: ${gitDate(author.time, author.tz)}\n`;
  await s.out(`[${where}${head ? '' : ' (root-commit)'} ${oid.slice(0, 7)}] ${subject}\n${extra}${diffSummary(repo, before, repo.flattenTree(tree))}`);
  return 0;
}
