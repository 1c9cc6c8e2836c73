/**
 * `--stat` as git draws it at 80 columns (diff.c show_stats): names padded (long ones cut to `.../tail`), change
 * counts right-aligned, `+`/`-` bars scaled to the graph width, `Bin X -> Y bytes` for binary files, and the
 * summary line.
 */
import { diffSummary } from './summary';
import type { FlatEntry, Repo } from './repo';
import { countLines, isBinary } from './unified';
import { cquote } from './quote';

interface Row {
  readonly name: string;
  readonly binary: boolean;
  readonly added: number;
  readonly removed: number;
  readonly sizes?: readonly [number, number];
}

const digits = (n: number) => String(n).length;
const scale = (it: number, width: number, max: number) => (it === 0 ? 0 : 1 + Math.floor((it * (width - 1)) / max));

/** `read` supplies blobs that are not in the object store (work-tree files for `git diff --stat`). */
export function diffStat(repo: Repo, before: ReadonlyMap<string, FlatEntry>, after: ReadonlyMap<string, FlatEntry>, read?: (oid: string) => Uint8Array, width = 80): string {
  const fromStore = (oid: string) => repo.objects.read(oid)?.body ?? new Uint8Array(0);
  const blob = (oid: string | undefined) => (oid ? (read ?? fromStore)(oid) : new Uint8Array(0));
  const rows: Row[] = [];
  for (const p of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(p);
    const b = after.get(p);
    if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
    const x = blob(a?.oid);
    const y = blob(b?.oid);
    if (isBinary(x) || isBinary(y)) rows.push({ name: cquote(p), binary: true, added: 0, removed: 0, sizes: [x.length, y.length] });
    else {
      const c = countLines(x, y);
      rows.push({ name: cquote(p), binary: false, added: c.added, removed: c.removed });
    }
  }
  if (rows.length === 0) return '';
  let maxChange = 0;
  let maxLen = 0;
  let numberWidth = 0;
  let binWidth = 0;
  for (const r of rows) {
    maxLen = Math.max(maxLen, r.name.length);
    if (r.binary) {
      binWidth = Math.max(binWidth, 14 + digits(r.sizes![0]) + digits(r.sizes![1]));
      numberWidth = 3;
      continue;
    }
    maxChange = Math.max(maxChange, r.added + r.removed);
  }
  numberWidth = Math.max(numberWidth, digits(maxChange));
  if (width < 16 + 6 + numberWidth) width = 16 + 6 + numberWidth;
  let graphWidth = maxChange + 4 > binWidth ? maxChange : binWidth - 4;
  let nameWidth = maxLen;
  if (nameWidth + numberWidth + 6 + graphWidth > width) {
    if (graphWidth > Math.floor((width * 3) / 8) - numberWidth - 6) {
      graphWidth = Math.floor((width * 3) / 8) - numberWidth - 6;
      if (graphWidth < 6) graphWidth = 6;
    }
    if (nameWidth > width - numberWidth - 6 - graphWidth) nameWidth = width - numberWidth - 6 - graphWidth;
    else graphWidth = width - numberWidth - 6 - nameWidth;
  }
  let out = '';
  for (const r of rows) {
    let name = r.name;
    let prefix = '';
    if (name.length > nameWidth) {
      prefix = '...';
      name = name.slice(name.length - (nameWidth - 3));
      const slash = name.indexOf('/');
      if (slash >= 0) name = name.slice(slash);
    }
    const label = `${prefix}${name}`.padEnd(nameWidth);
    if (r.binary) {
      out += ` ${label} | ${'Bin'.padStart(numberWidth)} ${r.sizes![0]} -> ${r.sizes![1]} bytes\n`;
      continue;
    }
    let add = r.added;
    let del = r.removed;
    const total0 = add + del;
    if (graphWidth <= maxChange) {
      let total = scale(total0, graphWidth, maxChange);
      if (total < 2 && add && del) total = 2;
      if (add < del) {
        add = scale(add, graphWidth, maxChange);
        del = total - add;
      } else {
        del = scale(del, graphWidth, maxChange);
        add = total - del;
      }
    }
    out += ` ${label} | ${String(total0).padStart(numberWidth)}${total0 ? ' ' : ''}${'+'.repeat(add)}${'-'.repeat(del)}\n`;
  }
  // The summary line is commit's, without its create/delete mode lines.
  return out + diffSummary(repo, before, after, read ?? fromStore).split('\n')[0]! + '\n';
}
