/**
 * findmnt (util-linux) over the machine's mount table (see mount.ts): the tree view by default, `findmnt TARGET`
 * for one mount (exit 1 when it is not a mount point), -l for a flat list, -n without the header. Columns are
 * padded to their widest cell and separated by one space.
 */

import type { Program } from '../../../engine/process/Types';
import { mountTable, type MountEntry } from './mount';

function parentOf(m: MountEntry, all: readonly MountEntry[]): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const p of all) {
    if (p === m) continue;
    const prefix = p.target === '/' ? '/' : `${p.target}/`;
    if (m.target.startsWith(prefix) && (!best || p.target.length > best.target.length)) best = p;
  }
  return best;
}

export const findmnt: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const list = args.includes('-l') || args.includes('--list');
  const noHeader = args.includes('-n') || args.includes('--noheadings');
  const targets = args.filter((a) => !a.startsWith('-'));
  const all = mountTable(ctx);
  const rows: string[][] = [];
  if (targets.length > 0) {
    for (const t of targets) {
      const m = all.find((x) => x.target === t || x.source === t);
      if (!m) return 1;
      rows.push([m.target, m.source, m.type, m.options]);
    }
  } else if (list) for (const m of all) rows.push([m.target, m.source, m.type, m.options]);
  else {
    const children = (p: MountEntry | undefined) => all.filter((m) => parentOf(m, all) === p);
    const walk = (m: MountEntry, prefix: string, branch: string) => {
      rows.push([`${prefix}${branch}${m.target}`, m.source, m.type, m.options]);
      const kids = children(m);
      const nextPrefix = branch === '' ? '' : prefix + (branch === '├─' ? '│ ' : '  ');
      kids.forEach((k, i) => walk(k, nextPrefix, i === kids.length - 1 ? '└─' : '├─'));
    };
    for (const root of children(undefined)) walk(root, '', '');
  }
  if (!noHeader) rows.unshift(['TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS']);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  const out = rows.map((r) => r.map((cell, c) => (c < 3 ? cell + ' '.repeat(widths[c]! - [...cell].length) : cell)).join(' ')).join('\n');
  await ctx.stdout.write(`${out}\n`);
  return 0;
};
