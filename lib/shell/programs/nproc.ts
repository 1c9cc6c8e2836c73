/** nproc: the simulated machines have 2 CPUs (the same number free and ps assume). */

import type { Program } from '../../engine/process/Types';

export const SIMULATED_CPUS = 2;

export const nproc: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let ignore = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--ignore') ignore = Number(args[++i] ?? 0);
    else if (a.startsWith('--ignore=')) ignore = Number(a.slice(9));
  }
  await ctx.stdout.write(`${Math.max(1, SIMULATED_CPUS - (Number.isFinite(ignore) ? ignore : 0))}\n`);
  return 0;
};
