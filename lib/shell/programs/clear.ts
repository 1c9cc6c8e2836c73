/** clear: home the cursor, clear the screen and the scrollback (what `clear` sends for TERM=xterm). */

import type { Program } from '../../engine/process/Types';

export const clear: Program = async (ctx) => {
  await ctx.stdout.write(ctx.argv.includes('-x') ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J');
  return 0;
};
