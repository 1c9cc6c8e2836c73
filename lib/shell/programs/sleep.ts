/** sleep: waits the sum of its arguments on the machine clock; a signal (Ctrl-C) ends it at once. */

import { SignalExit, type Program } from '../../engine/process/Types';
import { parseDuration } from './lib/durations';
import { TextTool as Tool } from './lib/text-usage';

export const sleep: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const args = ctx.argv.slice(1).filter((a) => a !== '--');
  if (args.length === 1 && args[0] === '--help') return tool.help();
  if (args.length === 0) return tool.usage('missing operand');
  let ms = 0;
  let bad = false;
  for (const a of args) {
    const d = parseDuration(a);
    if (d === null) {
      if (!tool.gnu) {
        await tool.error(`invalid number '${a}'`);
        return 1;
      }
      await tool.error(`invalid time interval ${tool.ql(a)}`);
      bad = true;
      continue;
    }
    ms += d;
  }
  if (bad) {
    await ctx.stderr.write(`Try 'sleep --help' for more information.\n`);
    return 1;
  }
  // `sleep infinity` (a common container command) waits for a signal only: no timer, so a virtual clock is not
  // pushed forward by it.
  if (ms === Infinity) {
    ctx.signals.check();
    await new Promise<never>((_resolve, reject) => {
      const off = ctx.signals.onSignal(() => {
        if (!ctx.signals.terminating) return;
        off();
        reject(new SignalExit(ctx.signals.terminating));
      });
    });
  }
  while (ms > 0) {
    const step = Math.min(ms, 2 ** 31 - 1);
    await ctx.sys.clock.sleep(step, ctx.signals);
    ms -= step;
  }
  return 0;
};
