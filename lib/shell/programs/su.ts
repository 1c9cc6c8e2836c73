/**
 * su: switch user. Root may become anyone without a password; layerlab has no passwords for other users, so
 * anyone else gets `Authentication failure` after the prompt (use sudo). -, -l, -c CMD, -s SHELL, -p/-m.
 */

import { ROOT } from '../../engine/fs/Types';
import { DEFAULT_PATH } from '../../engine/process/Machine';
import type { Program } from '../../engine/process/Types';
import { startCommand, waitChild } from './lib/spawn';
import { credOf, lookupUser } from './lib/user-groups';

export const su: Program = async (ctx) => {
  const gnu = ctx.flavor === 'gnu';
  const args = ctx.argv.slice(1);
  let login = false;
  let command: string | null = null;
  let shellOpt: string | null = null;
  let preserve = false;
  let user = 'root';
  let rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-' || a === '-l' || a === '--login') login = true;
    else if (a === '-c' || a === '--command') command = args[++i] ?? '';
    else if (a.startsWith('--command=')) command = a.slice(10);
    else if (a === '-s' || a === '--shell') shellOpt = args[++i] ?? '';
    else if (a === '-p' || a === '-m' || a === '--preserve-environment') preserve = true;
    else if (a.startsWith('-') && a.length > 1) {
      await ctx.stderr.write(`su: invalid option -- '${a[1]}'\nTry 'su --help' for more information.\n`);
      return 1;
    } else {
      user = a;
      rest = args.slice(i + 1);
      break;
    }
  }
  const target = lookupUser(ctx.fs, user);
  if (!target) {
    await ctx.stderr.write(gnu ? `su: user ${user} does not exist or the user entry does not contain all the required fields\n` : `su: unknown user ${user}\n`);
    return 1;
  }
  if (ctx.cred.uid !== 0) {
    if (ctx.tty) {
      await ctx.tty.write('Password: ');
      const mode = ctx.tty.getMode();
      ctx.tty.setMode({ echo: false });
      try {
        await ctx.tty.read();
      } finally {
        ctx.tty.setMode({ echo: mode.echo });
      }
      await ctx.tty.write('\n');
    } else await ctx.stderr.write('Password: ');
    await ctx.sys.clock.sleep(2000, ctx.signals);
    await ctx.stderr.write(gnu ? 'su: Authentication failure\n' : 'su: incorrect password\n');
    return 1;
  }
  const cred = target.id === 0 ? ROOT : credOf(ctx.fs, target);
  const shell = shellOpt ?? (target.shell || '/bin/sh');
  const env = new Map<string, string>(login ? [] : ctx.env);
  if (login) for (const k of ['TERM', 'COLORTERM', 'LANG']) if (ctx.env.has(k)) env.set(k, ctx.env.get(k)!);
  if (!preserve) {
    env.set('HOME', target.home);
    env.set('SHELL', shell);
    env.set('USER', target.name);
    env.set('LOGNAME', target.name);
  }
  if (login) env.set('PATH', target.id === 0 ? DEFAULT_PATH : '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games');
  const argv = [shell, ...(login ? ['-l'] : []), ...(command !== null ? ['-c', command] : []), ...rest];
  const r = startCommand(ctx, argv, { env, cred, cwd: login ? target.home : ctx.cwd, fs: ctx.fs.withCred(cred) });
  if (!r.ok) {
    await ctx.stderr.write(`su: failed to execute ${shell}: ${r.text}\n`);
    return r.status;
  }
  return waitChild(ctx, r.child);
};
