/**
 * du: disk usage in 1 KiB blocks as ext4 allocates them (files take whole 4 KiB blocks), directories after their
 * contents, each inode counted once (hard links, operands already inside another operand).
 * Options: -s -a -c -h -k -m -b/--apparent-size -d/--max-depth -x -L.
 */

import type { Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { humanSize } from './lib/format';
import { blocks512, joinDisplay } from './lib/fsutil';
import { errorText, Tool } from './lib/tool';

export const du: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'sachkmbd:xLPHl0' : 'aHLd:lsxhcmk',
    long: t.gnu
      ? {
          summarize: { key: 's' },
          all: { key: 'a' },
          total: { key: 'c' },
          'human-readable': { key: 'h' },
          'apparent-size': { key: 'apparent' },
          bytes: { key: 'b' },
          'max-depth': { key: 'd', arg: 'required' },
          'one-file-system': { key: 'x' },
          dereference: { key: 'L' },
          null: { key: '0' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const apparent = a.has('apparent') || a.has('b');
  const unit = a.has('b') ? 1 : a.last('k', 'm', 'h') === 'm' ? 1024 * 1024 : 1024;
  const human = a.last('k', 'm', 'h') === 'h';
  let maxDepth = Infinity;
  if (a.has('d')) {
    const d = a.get('d')!;
    if (!/^\d+$/.test(d)) {
      await t.error(t.gnu ? `invalid maximum depth ${t.ql(d)}` : `invalid number '${d}'`);
      return 1;
    }
    maxDepth = Number(d);
  }
  if (a.has('s')) {
    if (a.has('d') && t.gnu && maxDepth !== 0) {
      await t.error('cannot both summarize and show all entries');
      return t.usage();
    }
    maxDepth = 0;
  }
  const all = a.has('a');
  if (all && a.has('s') && t.gnu) {
    await t.error('cannot both summarize and show all entries');
    return t.usage();
  }
  const eol = a.has('0') ? '\0' : '\n';
  const seen = new Set<number>();
  let grand = 0;

  const sizeOf = (st: Stat) => (apparent ? st.size : blocks512(st) * 512);
  const show = (bytes: number) => {
    if (human) return humanSize(bytes, t.gnu);
    return String(Math.ceil(bytes / unit));
  };

  async function walk(display: string, path: string, depth: number, top: boolean): Promise<number> {
    await ctx.checkpoint();
    let st: Stat;
    try {
      st = ctx.fs.lstat(path);
      if (st.type === 'symlink' && (a.has('L') || (top && a.has('H')))) st = ctx.fs.stat(path);
    } catch (e) {
      await t.error(t.gnu ? `cannot access ${t.q(display)}: ${errorText(e)}` : `${display}: ${errorText(e)}`);
      return 0;
    }
    if (seen.has(st.ino) && (st.type === 'dir' || st.nlink > 1)) return 0;
    seen.add(st.ino);
    let total = sizeOf(st);
    if (st.type === 'dir') {
      let names: string[] = [];
      try {
        names = ctx.fs.readdir(path);
      } catch (e) {
        await t.error(t.gnu ? `cannot read directory ${t.q(display)}: ${errorText(e)}` : `${display}: ${errorText(e)}`);
      }
      for (const n of names) total += await walk(joinDisplay(display, n), path === '/' ? `/${n}` : `${path}/${n}`, depth + 1, false);
      if (depth <= maxDepth) await ctx.stdout.write(`${show(total)}\t${display}${eol}`);
    } else if ((top || all) && depth <= maxDepth) {
      await ctx.stdout.write(`${show(total)}\t${display}${eol}`);
    }
    return total;
  }

  const operands = a.operands.length > 0 ? a.operands : ['.'];
  for (const name of operands) grand += await walk(name, t.abs(name), 0, true);
  if (a.has('c')) await ctx.stdout.write(`${show(grand)}\ttotal${eol}`);
  return t.status;
};
