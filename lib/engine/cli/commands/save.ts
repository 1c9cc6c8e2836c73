/**
 * `docker save` / `docker image save` (docker/cli cli/command/image/save.go): refuses a terminal stdout before
 * asking the daemon, checks `-o`'s directory, then writes the daemon's archive (lib/engine/archive/save.ts).
 */
import { saveImages } from '../../archive/save';
import { streamContent, validateOutputPath, writeContentToFile } from '../../archive/hostOutput';
import { CliError, type CommandSpec } from '../command';

export const save: CommandSpec = {
  name: 'save',
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  group: 'image',
  topLevel: 'save',
  flags: [
    { name: 'output', short: 'o', kind: 'string', usage: 'Write to a file, instead of STDOUT' },
    {
      name: 'platform',
      kind: 'list',
      usage: 'Save only the given platform(s). Formatted as a comma-separated list of "os[/arch[/variant]]" (e.g., "linux/amd64,linux/arm64/v8")',
    },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const output = ctx.flags.string('output');
    if (output === '' && ctx.proc.stdout.isTTY) throw new CliError('cowardly refusing to save to a terminal. Use the -o flag or redirect');
    if (output !== '') {
      const bad = validateOutputPath(ctx.proc.fs, ctx.proc.cwd, output);
      if (bad) throw new CliError(`failed to save image: ${bad}`);
    }
    const archive = saveImages(ctx.engine.images, ctx.args);
    if (output === '') await streamContent(ctx.proc, archive);
    else await writeContentToFile(ctx.proc, output, archive);
  },
};
