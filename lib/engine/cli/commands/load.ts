/**
 * `docker load` / `docker image load` (docker/cli cli/command/image/load.go; daemon side in
 * lib/engine/archive/load.ts). A terminal stdin without `-i` is refused; progress lines (`Loading layer`) only
 * when stdout is a terminal and `-q` is not given; `Loaded image: …` / `Loaded image ID: …` always.
 */
import { ArchiveError, archiveEngineError } from '../../archive/ArchiveError';
import { applyLoad, planLoad } from '../../archive/load';
import { InputError, readAllStdin, readHostFile } from '../../archive/readInput';
import { shortId } from '../../format/digest';
import { humanSize } from '../format/units';
import { CliError, type CommandSpec } from '../command';

const BAR_MIN_COLUMNS = 110;

export const load: CommandSpec = {
  name: 'load',
  usage: '[OPTIONS]',
  short: 'Load an image from a tar archive or STDIN',
  group: 'image',
  topLevel: 'load',
  flags: [
    { name: 'input', short: 'i', kind: 'string', usage: 'Read from tar archive file, instead of STDIN' },
    {
      name: 'platform',
      kind: 'list',
      usage: 'Load only the given platform(s). Formatted as a comma-separated list of "os[/arch[/variant]]" (e.g., "linux/amd64,linux/arm64/v8")',
    },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress the load output' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const input = ctx.flags.string('input');
    let bytes: Uint8Array;
    try {
      if (input !== '') bytes = readHostFile(ctx.proc, input);
      else if (ctx.proc.stdin.isTTY) throw new CliError('requested load from stdin, but stdin is empty');
      else bytes = await readAllStdin(ctx.proc);
    } catch (e) {
      if (e instanceof InputError) throw new CliError(e.message);
      throw e;
    }
    const progress = !ctx.flags.bool('quiet') && ctx.proc.stdout.isTTY;
    let plan;
    try {
      plan = planLoad(ctx.engine.images, bytes);
    } catch (e) {
      if (e instanceof ArchiveError) throw archiveEngineError(e);
      throw e;
    }
    const bar = (ctx.proc.tty?.columns ?? 80) > BAR_MIN_COLUMNS ? `[${'='.repeat(50)}>] ` : '';
    for (const m of applyLoad(ctx.engine.images, plan)) {
      if (m.kind === 'layer') {
        if (!progress) continue;
        const size = humanSize(m.layer.tarSize);
        await ctx.out(`${shortId(m.layer.diffId)}: Loading layer ${bar}${size.padStart(8)}/${size}\n`);
      } else {
        await ctx.out(`${m.text}\n`);
      }
    }
  },
};
