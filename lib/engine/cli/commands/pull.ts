/**
 * `docker pull` (docker/cli cli/command/image/pull.go, jsonmessage.DisplayJSONMessagesStream). The daemon streams
 * progress messages; to a pipe Docker prints every message without a progress bar on its own line
 * (`<id>: <status>`), which is also what is printed on a terminal for now (the final screen, without the
 * rewritten-in-place download bars).
 */
import { clientError } from '../../errors';
import { InvalidReferenceError, parseNormalizedNamed, referenceString, tagNameOnly, type Reference } from '../../format/reference';
import type { CommandSpec } from '../command';
import { progressDisplay } from '../format/jsonmessage';

export const pull: CommandSpec = {
  name: 'pull',
  usage: 'NAME[:TAG|@DIGEST]',
  short: 'Download an image from a registry',
  group: 'image',
  topLevel: 'pull',
  commonRank: 6,
  flags: [
    { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', default: true },
    { name: 'platform', kind: 'string', usage: 'Set platform if server is multi-platform capable' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress verbose output' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const quiet = ctx.flags.bool('quiet');
    let named: Reference;
    try {
      named = parseNormalizedNamed(ctx.args[0]!);
    } catch (e) {
      if (e instanceof InvalidReferenceError) throw clientError(e.message);
      throw e;
    }
    const ref = tagNameOnly(named);
    if (named.tag === undefined && named.digest === undefined && !quiet) await ctx.out('Using default tag: latest\n');
    const display = progressDisplay(ctx.proc.stdout, ctx.proc.tty, () => ctx.engine.clock.now());
    await ctx.engine.pull(ref, async (e) => {
      if (!quiet) await display.show(e);
    });
    await ctx.out(`${referenceString(ref)}\n`);
  },
};
