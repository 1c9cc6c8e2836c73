/** `docker rm [-f] CONTAINER...` (docker/cli cli/command/container/rm.go; moby daemon/delete.go). */
import type { CommandSpec } from '../command';
import { forEachContainer } from './lifecycle';

export const rm: CommandSpec = {
  name: 'rm',
  usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Remove one or more containers',
  group: 'container',
  groupAliases: ['remove'],
  topLevel: 'rm',
  flags: [
    { name: 'force', short: 'f', kind: 'bool', usage: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'volumes', short: 'v', kind: 'bool', usage: 'Remove anonymous volumes associated with the container' },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const force = ctx.flags.bool('force');
    // With -f a missing container is reported but does not fail the command.
    await forEachContainer(ctx, (arg) => engine.removeContainer(engine.containers.resolve(arg), force, ctx.flags.bool('volumes')), {
      ignore: (e) => force && e.kind === 'notFound',
    });
  },
};
