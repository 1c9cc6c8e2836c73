/**
 * /bin/pwd (coreutils) and BusyBox's pwd applet. Unlike the shell builtin, GNU's standalone pwd defaults to -P
 * (the physical directory); -L prints $PWD when it is absolute, free of `.`/`..` and names the same directory.
 * BusyBox also defaults to physical and honours -L the same way.
 */

import type { Program, ProcessContext } from '../../engine/process/Types';
import { Tool } from './lib/tool';

function logicalPwd(ctx: ProcessContext, physical: string): string | null {
  const pwd = ctx.env.get('PWD');
  if (pwd === undefined || !pwd.startsWith('/')) return null;
  if (pwd.split('/').some((c) => c === '.' || c === '..')) return null;
  try {
    const a = ctx.fs.stat(pwd);
    const b = ctx.fs.stat(physical);
    return a.ino === b.ino ? pwd : null;
  } catch {
    return null;
  }
}

export const pwd: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'LP', long: t.gnu ? { logical: { key: 'L' }, physical: { key: 'P' } } : {} });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 0 && t.gnu) await ctx.stderr.write(`${t.name}: ignoring non-option arguments\n`);
  let physical = ctx.cwd;
  try {
    physical = ctx.fs.realpath(ctx.cwd);
  } catch {
    // A removed working directory: keep the name the process has.
  }
  const logical = parsed.last('L', 'P') === 'L' ? logicalPwd(ctx, physical) : null;
  await t.out(`${logical ?? physical}\n`);
  return 0;
};
