/**
 * yes: repeat a line forever. Writes in 8 KiB chunks and waits on each write, so a full pipe holds it back and a
 * closed one ends it with SIGPIPE (`yes | head -3`).
 */

import type { Program } from '../../engine/process/Types';

export const yes: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  const line = (args.length === 0 ? 'y' : args.join(' ')) + '\n';
  const chunk = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
  while (true) {
    await ctx.stdout.write(chunk);
    await ctx.checkpoint();
  }
};
