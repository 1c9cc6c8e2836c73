/**
 * nohup: run a command immune to hangups. Output that would go to the terminal is appended to nohup.out (in the
 * current directory, else $HOME), as GNU nohup does; input from the terminal is replaced by /dev/null.
 * (The child does not get its SIGHUP disposition changed: the process contract offers no way to set it.)
 */

import { resolvePath } from '../../engine/fs/path';
import type { Program, WriteStream } from '../../engine/process/Types';
import { emptyReader } from '../../engine/process/streams';
import { localeQuote } from './lib/messages';
import { startCommand, waitChild } from './lib/spawn';
import { TextTool as Tool } from './lib/text-usage';

export const nohup: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args[0] === '--help') return tool.help();
  if (args.length === 0) {
    await tool.error('missing operand');
    await ctx.stderr.write("Try 'nohup --help' for more information.\n");
    return 125;
  }
  const stdin = ctx.stdin.isTTY ? emptyReader : ctx.stdin;
  let stdout: WriteStream = ctx.stdout;
  let stderr: WriteStream = ctx.stderr;
  let opened: WriteStream | null = null;
  if (ctx.stdout.isTTY) {
    let shown = 'nohup.out';
    try {
      opened = ctx.sys.openWrite(ctx.fs, resolvePath(ctx.cwd, 'nohup.out'), { append: true, umask: 0o077, tty: ctx.tty, proc: ctx });
    } catch {
      const home = ctx.env.get('HOME') ?? '/';
      shown = `${home}/nohup.out`;
      opened = ctx.sys.openWrite(ctx.fs, resolvePath(home, 'nohup.out'), { append: true, umask: 0o077, tty: ctx.tty, proc: ctx });
    }
    stdout = opened;
    await tool.error(`${ctx.stdin.isTTY ? 'ignoring input and ' : ''}appending output to ${localeQuote(ctx, shown)}`);
  } else if (ctx.stdin.isTTY) await tool.error('ignoring input');
  if (ctx.stderr.isTTY) stderr = stdout;
  tool.failed = false;
  const r = startCommand(ctx, args, { stdin, stdout, stderr });
  if (!r.ok) {
    await ctx.stderr.write(`nohup: failed to run command ${localeQuote(ctx, args[0]!)}: ${r.text}\n`);
    opened?.close();
    return r.status;
  }
  try {
    return await waitChild(ctx, r.child);
  } finally {
    opened?.close();
  }
};
