/** tee: copy standard input to standard output and to each FILE (-a appends; -i ignores SIGINT). */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program, WriteStream } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { TextTool as Tool } from './lib/text-usage';

export const tee: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), { short: 'aip', long: { append: { key: 'a' }, 'ignore-interrupts': { key: 'i' }, 'output-error': { key: 'p', arg: 'optional' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  if (a.has('i')) ctx.signals.setDisposition('SIGINT', 'ignore');
  const outs: WriteStream[] = [];
  for (const f of a.operands) {
    if (f === '-' && tool.gnu) {
      outs.push(ctx.stdout);
      continue;
    }
    try {
      outs.push(ctx.sys.openWrite(ctx.fs, resolvePath(ctx.cwd, f), { append: a.has('a'), umask: ctx.umask, tty: ctx.tty, proc: ctx }));
    } catch (e) {
      await tool.error(`${f}: ${isFsError(e) ? e.text : String(e)}`);
    }
  }
  try {
    for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) {
      await ctx.checkpoint();
      await ctx.stdout.write(c);
      for (const o of outs) if (o !== ctx.stdout) await o.write(c);
    }
  } finally {
    for (const o of outs) if (o !== ctx.stdout) o.close();
  }
  return tool.status;
};
