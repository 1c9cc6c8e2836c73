/** `docker pause CONTAINER...`: freezes every process of each container (the cgroup freezer). */
import type { CommandSpec } from '../command';
import { forEachContainer } from './lifecycle';

export const pause: CommandSpec = {
  name: 'pause',
  usage: 'CONTAINER [CONTAINER...]',
  short: 'Pause all processes within one or more containers',
  group: 'container',
  topLevel: 'pause',
  flags: [],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    await forEachContainer(ctx, async (arg) => engine.containers.resolve(arg).pause());
  },
};
