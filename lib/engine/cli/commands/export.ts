/**
 * `docker export` / `docker container export` (docker/cli cli/command/container/export.go): same terminal refusal
 * and `-o` handling as `docker save`; the archive is the container's flattened filesystem
 * (lib/engine/archive/exportContainer.ts).
 */
import { exportContainer } from '../../archive/exportContainer';
import { streamContent, validateOutputPath, writeContentToFile } from '../../archive/hostOutput';
import { CliError, type CommandSpec } from '../command';

export const exportCommand: CommandSpec = {
  name: 'export',
  usage: '[OPTIONS] CONTAINER',
  short: "Export a container's filesystem as a tar archive",
  group: 'container',
  topLevel: 'export',
  flags: [{ name: 'output', short: 'o', kind: 'string', usage: 'Write to a file, instead of STDOUT' }],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const output = ctx.flags.string('output');
    if (output === '' && ctx.proc.stdout.isTTY) throw new CliError('cowardly refusing to save to a terminal. Use the -o flag or redirect');
    if (output !== '') {
      const bad = validateOutputPath(ctx.proc.fs, ctx.proc.cwd, output);
      if (bad) throw new CliError(`failed to export container: ${bad}`);
    }
    const c = ctx.engine.containers.resolve(ctx.args[0]!);
    const archive = exportContainer(c);
    if (output === '') await streamContent(ctx.proc, archive);
    else await writeContentToFile(ctx.proc, output, archive);
  },
};
