/** uname: -s -n -r -v -m -p -i -o and -a (GNU omits unknown -p/-i from -a, as coreutils does). */

import type { Program } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { TextTool as Tool } from './lib/text-usage';

export const uname: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), {
    short: 'asnrvmpio',
    long: { all: { key: 'a' }, 'kernel-name': { key: 's' }, nodename: { key: 'n' }, 'kernel-release': { key: 'r' }, 'kernel-version': { key: 'v' }, machine: { key: 'm' }, processor: { key: 'p' }, 'hardware-platform': { key: 'i' }, 'operating-system': { key: 'o' }, help: { key: '--help' } },
  });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  if (a.operands.length > 0) return tool.usage(`extra operand ${tool.ql(a.operands[0]!)}`);
  const u = ctx.sys.uname;
  const os = tool.gnu ? 'GNU/Linux' : 'Linux';
  const all = a.has('a');
  const parts: string[] = [];
  const want = (k: string) => all || a.has(k);
  if (want('s') || (!all && a.options.length === 0)) parts.push(u.sysname);
  if (want('n')) parts.push(ctx.sys.hostname());
  if (want('r')) parts.push(u.release);
  if (want('v')) parts.push(u.version);
  if (want('m')) parts.push(u.machine);
  if (a.has('p')) parts.push('unknown');
  if (a.has('i')) parts.push('unknown');
  if (want('o')) parts.push(os);
  await ctx.stdout.write(parts.join(' ') + '\n');
  return 0;
};
