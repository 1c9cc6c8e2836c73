/**
 * `docker import` / `docker image import` (docker/cli cli/command/image/import.go; moby
 * daemon/images/image_import.go). The source is a host file (sent to the daemon as an upload, so the default
 * comment says `Imported from -`), `-` for stdin, or a URL the daemon would fetch. Prints the new image ID.
 */
import { ArchiveError, archiveEngineError } from '../../archive/ArchiveError';
import { importImage } from '../../archive/importImage';
import { InputError, readAllStdin, readHostFile } from '../../archive/readInput';
import { EngineError } from '../../errors';
import { CliError, type CommandSpec } from '../command';
import { applyChanges } from './commit';
import { parseTarget } from './tag';

export const importCommand: CommandSpec = {
  name: 'import',
  usage: '[OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
  short: 'Import the contents from a tarball to create a filesystem image',
  group: 'image',
  topLevel: 'import',
  flags: [
    { name: 'change', short: 'c', kind: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', kind: 'string', usage: 'Set commit message for imported image' },
    { name: 'platform', kind: 'string', usage: 'Set platform if server is multi-platform capable' },
  ],
  args: { kind: 'range', min: 1, max: 2 },
  async run(ctx) {
    const source = ctx.args[0]!;
    const target = ctx.args[1] !== undefined ? parseTarget(ctx.args[1]) : undefined;
    const url = /^https?:\/\//.test(source);
    let bytes: Uint8Array;
    try {
      if (source === '-') bytes = await readAllStdin(ctx.proc);
      else if (url) {
        // The daemon would download it; the simulated daemon has no route to the internet.
        const host = source.replace(/^https?:\/\//, '').split(/[/:?#]/)[0] ?? '';
        throw new EngineError('ImportFetch', 'system', `Get ${JSON.stringify(source)}: dial tcp: lookup ${host}: no such host`);
      } else bytes = readHostFile(ctx.proc, source);
    } catch (e) {
      if (e instanceof InputError) throw new CliError(e.message);
      throw e;
    }
    const config = applyChanges({}, ctx.flags.list('change'));
    let image;
    try {
      image = importImage(bytes, { config, message: ctx.flags.string('message'), source: '-', nowMs: ctx.engine.clock.now() });
    } catch (e) {
      if (e instanceof ArchiveError) throw archiveEngineError(e);
      throw e;
    }
    const stored = ctx.engine.images.add(image);
    if (target) ctx.engine.images.tag(target, stored.id, ctx.engine.clock.now());
    await ctx.out(`${stored.id}\n`);
  },
};
