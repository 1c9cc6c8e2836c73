/** hostname: print the machine's name (-s short, -f full, -i address from /etc/hosts), or set it as root. */

import type { Program } from '../../engine/process/Types';
import { decodeText } from '../../engine/process/text';
import { TextTool as Tool } from './lib/text-usage';

export const hostname: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const args = ctx.argv.slice(1);
  const name = ctx.sys.hostname();
  const flags = args.filter((a) => a.startsWith('-'));
  const operands = args.filter((a) => !a.startsWith('-'));
  if (operands.length > 0) {
    if (ctx.cred.uid !== 0) {
      await tool.error(tool.gnu ? 'you must be root to change the host name' : 'sethostname: Operation not permitted');
      return 1;
    }
    ctx.sys.setHostname(operands[0]!);
    return 0;
  }
  if (flags.includes('-i') || flags.includes('-I') || flags.includes('--ip-address')) {
    let ip = '127.0.1.1';
    try {
      for (const line of decodeText(ctx.fs.readFile('/etc/hosts')).split('\n')) {
        const f = line.trim().split(/\s+/);
        if (f.slice(1).includes(name)) {
          ip = f[0]!;
          break;
        }
      }
    } catch {
      // No /etc/hosts: keep the Debian default.
    }
    await ctx.stdout.write(flags.includes('-I') ? `${ip} \n` : `${ip}\n`);
    return 0;
  }
  if (flags.includes('-d') || flags.includes('--domain')) {
    await ctx.stdout.write(name.includes('.') ? name.slice(name.indexOf('.') + 1) + '\n' : '\n');
    return 0;
  }
  const short = flags.includes('-s') || flags.includes('--short');
  await ctx.stdout.write((short ? name.split('.')[0] : name) + '\n');
  return 0;
};
