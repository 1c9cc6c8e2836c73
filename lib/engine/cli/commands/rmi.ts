/** `docker rmi` / `docker image rm` / `docker image remove` (docker/cli cli/command/image/remove.go). */
import { isEngineError } from '../../errors';
import type { ImageDeleteEvent } from '../../image/remove';
import type { CommandSpec } from '../command';
import { CliError } from '../command';
import { errorText } from './lifecycle';

export function deleteRecordText(e: ImageDeleteEvent): string {
  return 'untagged' in e ? `Untagged: ${e.untagged}\n` : `Deleted: ${e.deleted}\n`;
}

export const rmi: CommandSpec = {
  name: 'rm',
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Remove one or more images',
  group: 'image',
  groupAliases: ['remove'],
  topLevel: 'rmi',
  flags: [
    { name: 'force', short: 'f', kind: 'bool', usage: 'Force removal of the image' },
    { name: 'no-prune', kind: 'bool', usage: 'Do not delete untagged parents' },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const force = ctx.flags.bool('force');
    const noPrune = ctx.flags.bool('no-prune');
    const errors: string[] = [];
    // Not-found errors alone do not fail `rmi -f`; any other error does.
    let fatal = false;
    for (const arg of ctx.args) {
      let records: ImageDeleteEvent[];
      try {
        records = ctx.engine.removeImage(arg, { force, noPrune });
      } catch (e) {
        if (!isEngineError(e)) throw e;
        if (e.kind !== 'notFound') fatal = true;
        errors.push(errorText(e));
        continue;
      }
      for (const r of records) await ctx.out(deleteRecordText(r));
    }
    if (errors.length === 0) return;
    const msg = errors.join('\n');
    if (!force || fatal) throw new CliError(msg);
    await ctx.err(`${msg}\n`);
  },
};
