/** `docker restart [-t SECONDS] CONTAINER...`: stop (if running), then start; prints each argument as given. */
import type { CommandSpec } from '../command';
import { forEachContainer } from './lifecycle';

export const restart: CommandSpec = {
  name: 'restart',
  usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  group: 'container',
  topLevel: 'restart',
  flags: [{ name: 'timeout', short: 't', kind: 'int', usage: 'Seconds to wait before killing the container' }],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const timeoutMs = ctx.flags.changed.has('timeout') ? Math.max(0, ctx.flags.int('timeout') * 1000) : undefined;
    await forEachContainer(ctx, async (arg) => {
      const c = engine.containers.resolve(arg);
      await c.stop(timeoutMs);
      await c.start();
      // moby containerRestart logs `restart` after the stop's and start's own events.
      engine.events.logContainer(c, 'restart');
    });
  },
};
