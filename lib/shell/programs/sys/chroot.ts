/**
 * chroot (GNU coreutils): run COMMAND (default `$SHELL -i`, else `/bin/sh -i`) with `/` at NEWROOT, in `/`. Only
 * root may; errors exit 125, a command that cannot run 126/127 (`failed to run command ‘x’`). The child sees the
 * directory through a ChrootFs view, so its paths, `..` and symlinks stay inside. --userspec/--groups are not
 * simulated.
 */

import { ChrootFs } from '../../../engine/fs/ChrootFs';
import type { Program } from '../../../engine/process/Types';
import { startCommand, waitChild } from '../lib/spawn';
import { errorText, Tool } from '../lib/tool';

const BUSYBOX_USAGE = '\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n';

export const chroot: Program = async (ctx) => {
  const tool = new Tool(ctx, { gnuUsageStatus: 125, busyboxUsage: BUSYBOX_USAGE });
  // BusyBox words its failures "can't ..." and exits 1 where coreutils exits 125.
  const failStatus = tool.gnu ? 125 : 1;
  const args = ctx.argv.slice(1);
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-') && args[i] !== '-'; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--help') return tool.help();
    if (a === '--skip-chdir') continue;
    if (/^--(userspec|groups)/.test(a)) {
      await tool.error(`${a.replace(/=.*/, '')} is not simulated`);
      return failStatus;
    }
    return tool.usage(a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`);
  }
  const newRoot = args[i];
  if (newRoot === undefined) return tool.usage('missing operand');
  let real: string;
  try {
    const st = ctx.fs.stat(tool.abs(newRoot));
    if (st.type !== 'dir') throw Object.assign(new Error('Not a directory'), { notDir: true });
    if (ctx.cred.uid !== 0) throw new Error('Operation not permitted');
    real = ctx.fs.realpath(tool.abs(newRoot));
  } catch (e) {
    await tool.error(`${tool.gnu ? 'cannot' : "can't"} change root directory to ${tool.qq(newRoot)}: ${errorText(e)}`);
    return failStatus;
  }
  const command = args.slice(i + 1);
  const argv = command.length > 0 ? command : [(tool.gnu && ctx.env.get('SHELL')) || '/bin/sh', '-i'];
  const r = startCommand(ctx, argv, { fs: new ChrootFs(ctx.fs, real), cwd: '/' });
  if (!r.ok) {
    await tool.error(tool.gnu ? `failed to run command ${tool.ql(argv[0]!)}: ${r.text}` : `can't execute '${argv[0]}': ${r.text}`);
    return r.status;
  }
  return waitChild(ctx, r.child);
};
