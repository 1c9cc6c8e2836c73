/**
 * `docker start CONTAINER...` without attaching: starts each, prints it as given; failures are printed as they
 * happen and summarised at the end (docker/cli cli/command/container/start.go startContainersWithoutAttachments).
 */
import { SignalExit } from '../../process/Types';
import { isEngineError } from '../../errors';
import { CliError, type CommandSpec } from '../command';
import { errorText } from './lifecycle';

export const start: CommandSpec = {
  name: 'start',
  usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  group: 'container',
  topLevel: 'start',
  flags: [],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const failed: string[] = [];
    for (const arg of ctx.args) {
      try {
        await engine.containers.resolve(arg).start();
      } catch (e) {
        if (e instanceof SignalExit || !isEngineError(e)) throw e;
        await ctx.err(`${errorText(e)}\n`);
        failed.push(arg);
        continue;
      }
      await ctx.out(`${arg}\n`);
    }
    if (failed.length > 0) throw new CliError(`Error: failed to start containers: ${failed.join(', ')}`);
  },
};
