/** `git show [<commit>] | <commit>:<path>`: a commit with its diff against its first parent, or a file as committed. */
import { C, RESET } from './colors';
import { paged } from './external';
import { UsageError } from './init';
import { commitPatch, decorations, decorationText } from './log';
import { gitDate } from './summary';
import { parseTree } from './objects';
import { fatal, type Session } from './session';

const dec = new TextDecoder();

function ambiguous(rev: string) {
  return fatal(`ambiguous argument '${rev}': unknown revision or path not in the working tree.\nUse '--' to separate paths from revisions, like this:\n'git <command> [<revision>...] -- [<file>...]'`);
}

export async function gitShow(s: Session, args: readonly string[]): Promise<number> {
  let decorate = s.ctx.stdout.isTTY;
  const revs: string[] = [];
  for (const a of args) {
    if (a === '--decorate') decorate = true;
    else if (a === '--no-decorate') decorate = false;
    else if (a.startsWith('-')) throw new UsageError(a);
    else revs.push(a);
  }
  const repo = s.repo();
  const color = s.color('diff');
  let out = '';
  for (const rev of revs.length > 0 ? revs : ['HEAD']) {
    const colon = rev.indexOf(':');
    if (colon >= 0) {
      const base = rev.slice(0, colon) || 'HEAD';
      const path = rev.slice(colon + 1).replace(/^\.\//, '').replace(/\/+$/, '');
      const oid = repo.resolveRevision(base);
      if (!oid) throw ambiguous(rev);
      const files = repo.commitFiles(oid);
      const file = files.get(path);
      if (file) {
        out += dec.decode(repo.objects.read(file.oid)?.body ?? new Uint8Array(0));
        continue;
      }
      const prefix = path === '' ? '' : `${path}/`;
      if (![...files.keys()].some((p) => p.startsWith(prefix))) throw fatal(`path '${path}' does not exist in '${base}'`);
      // A directory: git lists the tree's entries, subtrees with a slash.
      let tree = repo.readCommit(oid)!.tree;
      for (const part of path.split('/').filter((x) => x)) tree = parseTree(repo.objects.read(tree)!.body).find((e) => e.name === part)!.oid;
      out += `tree ${rev}\n\n${parseTree(repo.objects.read(tree)!.body).map((e) => `${e.name}${e.mode === '40000' ? '/' : ''}\n`).join('')}`;
      continue;
    }
    const oid = repo.resolveRevision(rev);
    const commit = oid ? repo.readCommit(oid) : null;
    if (!oid || !commit) throw ambiguous(rev);
    const d = decorate ? decorations(repo).get(oid) : undefined;
    if (out !== '') out += '\n';
    // An annotated tag shows itself before the commit it names.
    const tagRef = repo.resolveRef(`refs/tags/${rev.replace(/^refs\/tags\//, '')}`);
    const tagObject = tagRef ? repo.objects.read(tagRef) : null;
    if (tagObject?.type === 'tag') {
      const text = dec.decode(tagObject.body);
      const split = text.indexOf('\n\n');
      const head = text.slice(0, split);
      const tagger = /^tagger (.*) <(.*)> (\d+) ([+-]\d{4})$/m.exec(head);
      const name = /^tag (.*)$/m.exec(head)?.[1] ?? rev;
      out += `${color ? `${C.yellow}tag ${name}${RESET}` : `tag ${name}`}\n`;
      if (tagger) out += `Tagger: ${tagger[1]} <${tagger[2]}>\nDate:   ${gitDate(Number(tagger[3]), tagger[4]!)}\n`;
      out += `\n${text.slice(split + 2)}\n`;
    }
    out += `${color ? `${C.yellow}commit ${oid}${RESET}` : `commit ${oid}`}${d ? decorationText(d, color) : ''}\n`;
    out += `Author: ${commit.author.name} <${commit.author.email}>\nDate:   ${gitDate(commit.author.time, commit.author.tz)}\n\n`;
    out += commit.message.replace(/\n$/, '').split('\n').map((l) => `    ${l}\n`).join('');
    const diff = commitPatch(repo, commit, color);
    if (diff !== '') out += `\n${diff}`;
  }
  await paged(s, out);
  return 0;
}
