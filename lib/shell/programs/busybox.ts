/**
 * The BusyBox multi-call binary. Invoked through an applet link (`/bin/ls -> busybox`) the kernel already picks the
 * applet; invoked as `busybox APPLET args` or bare, this dispatches or lists applets, as BusyBox does.
 */
import { basename } from '../../engine/fs/path';
import type { Program, ProgramRegistry } from '../../engine/process/Types';

export function busybox(registry: ProgramRegistry): Program {
  return async (ctx) => {
    const self = basename(ctx.argv[0] ?? 'busybox');
    let argv = ctx.argv;
    if (self === 'busybox') {
      if (argv.length < 2 || argv[1] === '--help') {
        await ctx.stdout.write('BusyBox v1.36.1 (layerlab) multi-call binary.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list\n   or: function [arguments]...\n');
        return argv.length < 2 ? 0 : 0;
      }
      if (argv[1] === '--list') {
        await ctx.stdout.write(registry.names().filter((n) => n !== 'busybox' && n !== 'bash' && n !== 'dash').join('\n') + '\n');
        return 0;
      }
      argv = argv.slice(1);
    }
    const applet = basename(argv[0]!);
    const program = registry.get(applet);
    if (!program || applet === 'busybox' || applet === 'bash' || applet === 'dash') {
      await ctx.stderr.write(`${applet}: applet not found\n`);
      return 127;
    }
    return program({ ...ctx, argv, flavor: 'busybox' });
  };
}
