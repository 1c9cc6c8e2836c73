/**
 * `docker rename CONTAINER NEW_NAME` (CLI 28 container/rename.go): names are trimmed; a daemon error is printed as
 * is, then `Error: failed to rename container named OLD` (exit 1).
 */
import { isEngineError } from '../../errors';
import { CliError, type CommandSpec } from '../command';
import { errorText } from './lifecycle';

export const rename: CommandSpec = {
  name: 'rename',
  usage: 'CONTAINER NEW_NAME',
  short: 'Rename a container',
  group: 'container',
  topLevel: 'rename',
  flags: [],
  args: { kind: 'exact', n: 2 },
  async run(ctx) {
    const oldName = ctx.args[0]!.trim();
    const newName = ctx.args[1]!.trim();
    if (oldName === '' || newName === '') throw new CliError('Error: Neither old nor new names may be empty');
    try {
      ctx.engine.renameContainer(oldName, newName);
    } catch (e) {
      if (!isEngineError(e)) throw e;
      await ctx.err(`${errorText(e)}\n`);
      throw new CliError(`Error: failed to rename container named ${oldName}`);
    }
  },
};
