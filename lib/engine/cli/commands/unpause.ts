/** `docker unpause CONTAINER...`: thaws a paused container; signals sent meanwhile land now. */
import type { CommandSpec } from '../command';
import { forEachContainer } from './lifecycle';

export const unpause: CommandSpec = {
  name: 'unpause',
  usage: 'CONTAINER [CONTAINER...]',
  short: 'Unpause all processes within one or more containers',
  group: 'container',
  topLevel: 'unpause',
  flags: [],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    await forEachContainer(ctx, async (arg) => engine.containers.resolve(arg).unpause());
  },
};
