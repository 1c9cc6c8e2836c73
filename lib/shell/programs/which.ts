/**
 * which: locate commands in PATH. Debian's `which` (debianutils) prints nothing for a missing command and exits 1;
 * BusyBox's likewise. -a prints every match.
 */

import type { Program } from '../../engine/process/Types';
import { DEFAULT_PATH } from '../../engine/process/Machine';
import { Tool } from './lib/tool';

export const which: Program = async (ctx) => {
  const t = new Tool(ctx);
  const args = ctx.argv.slice(1);
  let all = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      names.push(...args.slice(i + 1));
      break;
    }
    if (a === '-a') all = true;
    else if (a.startsWith('-') && a.length > 1) {
      if (t.gnu) {
        await ctx.stderr.write(`Illegal option ${a}\nUsage: /usr/bin/which [-a] args\n`);
        return 2;
      }
      return t.usage(`invalid option -- '${a.slice(1, 2)}'`);
    } else names.push(a);
  }
  if (names.length === 0) return t.gnu ? 1 : t.usage();
  let status = 0;
  const dirs = (ctx.env.get('PATH') ?? DEFAULT_PATH).split(':');
  for (const name of names) {
    await ctx.checkpoint();
    let found = false;
    const candidates = name.includes('/') ? [name] : dirs.map((d) => `${d === '' ? '.' : d}/${name}`);
    for (const c of candidates) {
      try {
        const st = ctx.fs.stat(t.abs(c));
        if (st.type !== 'file') continue;
        ctx.fs.access(t.abs(c), 1);
      } catch {
        continue;
      }
      await ctx.stdout.write(c + '\n');
      found = true;
      if (!all) break;
    }
    if (!found) status = 1;
  }
  return status;
};
