/** `docker diff CONTAINER`: `A`/`C`/`D` and the path, one change per line (docker.md §3.3). */
import type { CommandSpec } from '../command';

export const diff: CommandSpec = {
  name: 'diff',
  usage: 'CONTAINER',
  short: "Inspect changes to files or directories on a container's filesystem",
  group: 'container',
  topLevel: 'diff',
  flags: [],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const c = ctx.engine.containers.resolve(ctx.args[0]!);
    await ctx.out(c.changes().map((ch) => `${ch.kind} ${ch.path}\n`).join(''));
  },
};
