/** printenv: the whole environment, or the values of the named variables (exit 1 if any is unset). */

import type { Program } from '../../engine/process/Types';

export const printenv: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-0' && a !== '--null');
  const sep = ctx.argv.includes('-0') || ctx.argv.includes('--null') ? '\0' : '\n';
  if (args.length === 0) {
    let out = '';
    for (const [k, v] of ctx.env) out += `${k}=${v}${sep}`;
    await ctx.stdout.write(out);
    return 0;
  }
  let status = 0;
  for (const name of args) {
    const v = ctx.env.get(name);
    if (v === undefined) status = 1;
    else await ctx.stdout.write(v + sep);
  }
  return status;
};
