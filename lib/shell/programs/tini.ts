/**
 * `tini [-s] [-g] [-e CODE] [--] PROGRAM [ARGS]` (krallin/tini 0.19.0), the init that Dockerfiles add with
 * `ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini` and `ENTRYPOINT ["/tini", "--"]`: it
 * runs the program as its child, passes on the signals it gets (so `docker stop`'s SIGTERM reaches the program
 * even though PID 1 is tini) and exits with the child's status (`-e CODE` turns that code into 0). An exec failure
 * exits 127 (not found) or 126 (not executable) with tini's FATAL line.
 */
import type { Program, Signal } from '../../engine/process/Types';
import { startCommand, waitChild } from './lib/spawn';

const VERSION = 'tini version 0.19.0 - git.de40ad0';
const FORWARDED: readonly Signal[] = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH'];

const USAGE = `${VERSION.replace('tini version', 'tini (tini version').replace(/$/, ')')}
Usage: tini [OPTIONS] PROGRAM -- [ARGS] | --version

Execute a program under the supervision of a valid init process (tini)

Command line options:

  --version: Show version and exit.
  -h: Show this help message and exit.
  -s: Register as a process subreaper (requires Linux >= 3.4).
  -p SIGNAL: Trigger SIGNAL when parent dies, e.g. "-p SIGKILL".
  -v: Generate more verbose output. Repeat up to 3 times.
  -w: Print a warning when processes are getting reaped.
  -g: Send signals to the child's process group.
  -e EXIT_CODE: Remap EXIT_CODE (from 0 to 255) to 0.
  -l: Show license and exit.

Environment variables:

  TINI_SUBREAPER: Register as a process subreaper (requires Linux >= 3.4).
  TINI_VERBOSITY: Set the verbosity level (default: 1).
  TINI_KILL_PROCESS_GROUP: Send signals to the child's process group.

`;

export const tini: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let subreaper = ctx.env.has('TINI_SUBREAPER');
  const remap = new Set<number>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--version') {
      await ctx.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-h') {
      await ctx.stdout.write(USAGE);
      return 0;
    }
    if (a === '-s') subreaper = true;
    else if (a === '-e' || a === '-p') {
      const v = args[++i];
      if (v === undefined) {
        await ctx.stderr.write(USAGE);
        return 1;
      }
      if (a === '-e') remap.add(Number(v));
    } else if (!['-g', '-v', '-vv', '-vvv', '-w', '-l'].includes(a)) {
      await ctx.stderr.write(USAGE);
      return 1;
    }
  }
  const cmd = args.slice(i);
  if (cmd.length === 0) {
    await ctx.stderr.write(USAGE);
    return 1;
  }
  if (ctx.pid !== 1 && !subreaper) {
    await ctx.stderr.write(
      `[WARN  tini (${ctx.pid})] Tini is not running as PID 1 and isn't registered as a child subreaper.\n` +
        'Zombie processes will not be re-parented to Tini, so zombie reaping won\'t work.\n' +
        'To fix the problem, use the -s option or set the environment variable TINI_SUBREAPER to register Tini as a child subreaper, or run Tini as PID 1.\n',
    );
  }
  const r = startCommand(ctx, cmd);
  if (!r.ok) {
    await ctx.stderr.write(`[FATAL tini (${ctx.pid + 1})] exec ${cmd[0]} failed: ${r.text}\n`);
    return r.status;
  }
  // tini catches the signals it gets (as PID 1 the kernel would drop them otherwise) and hands each to the program:
  // docker stop's SIGTERM reaches it. On a terminal Ctrl-C already reaches the program's process group.
  const child = r.child;
  for (const sig of FORWARDED) {
    if (sig === 'SIGINT' && ctx.stdin.isTTY) continue;
    ctx.signals.setDisposition(sig, () => child.kill(sig));
  }
  const status = await waitChild(ctx, child, false);
  return remap.has(status) ? 0 : status;
};
