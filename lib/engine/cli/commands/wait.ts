/** `docker wait CONTAINER...`: blocks until each container stops, then prints its exit code. */
import type { CommandSpec } from '../command';
import { CliError } from '../command';
import { errorText } from './lifecycle';
import { isEngineError } from '../../errors';

export const wait: CommandSpec = {
  name: 'wait',
  usage: 'CONTAINER [CONTAINER...]',
  short: 'Block until one or more containers stop, and print their exit codes',
  group: 'container',
  topLevel: 'wait',
  flags: [],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const errors: string[] = [];
    for (const arg of ctx.args) {
      try {
        const status = await engine.containers.resolve(arg).wait();
        await ctx.out(`${status}\n`);
      } catch (e) {
        if (!isEngineError(e)) throw e;
        errors.push(errorText(e));
      }
    }
    if (errors.length > 0) throw new CliError(errors.join('\n'));
  },
};
