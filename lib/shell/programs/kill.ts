/**
 * kill: procps-ng `kill` on GNU systems, the BusyBox applet, and the bash/dash builtins through
 * `makeKill({ dialect })`. Signal 0 only checks that the process exists. Negative pids signal a process group.
 * A shell passes `resolveJob` so `%1` names a job.
 */

import type { Program, ProcessContext } from '../../engine/process/Types';
import { complain, dialectOf, type BuiltinOptions, type Dialect } from './lib/messages';
import { SIGNAL_NAMES, signalNumber, toModelSignal } from './lib/signal-names';

export interface KillOptions extends BuiltinOptions {
  /** Pids (or negative pgids) for a job spec such as `%1`; null when there is no such job. */
  readonly resolveJob?: (spec: string) => readonly number[] | null;
}

function listTable(dialect: Dialect): string {
  if (dialect === 'bash') {
    const cells: string[] = [];
    for (let n = 1; n <= 64; n++) if (SIGNAL_NAMES[n]) cells.push(`${String(n).padStart(2)}) SIG${n === 29 ? 'IO' : SIGNAL_NAMES[n]}`);
    const lines: string[] = [];
    for (let i = 0; i < cells.length; i += 5) lines.push(cells.slice(i, i + 5).join('\t'));
    // bash ends the last row with a tab.
    return lines.join('\n') + '\t\n';
  }
  if (dialect === 'busybox') {
    let out = '';
    for (let n = 1; n <= 31; n++) out += `${String(n).padStart(2)}) ${SIGNAL_NAMES[n]}\n`;
    return out;
  }
  const names = SIGNAL_NAMES.slice(1, 32) as string[];
  return names.slice(0, 16).join(' ') + '\n' + names.slice(16).join(' ') + '\n';
}

export function makeKill(options: KillOptions = {}): Program {
  return async (ctx: ProcessContext) => {
    const dialect = dialectOf(ctx, options);
    const prefix = options.errorPrefix ?? '';
    const err = (msg: string) => complain(ctx, 'kill', msg, prefix);
    const args = ctx.argv.slice(1);
    const usage = async (): Promise<number> => {
      if (dialect === 'bash') {
        await err('usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]');
        return 2;
      }
      if (dialect === 'busybox') await err('you need to specify whom to kill');
      else if (dialect === 'dash') await err('Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]');
      else await ctx.stderr.write('\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n -l, --list=[<signal>]  list all signal names, or convert one to a name\n -L, --table            list all signal names in a nice table\n\nFor more details see kill(1).\n');
      return 1;
    };
    const badSignal = async (spec: string): Promise<number> => {
      if (dialect === 'bash') await err(`${spec}: invalid signal specification`);
      else if (dialect === 'busybox') await err(`bad signal name '${spec}'`);
      else if (dialect === 'dash') await err(`invalid signal number or name: ${spec}`);
      else await err(`unknown signal name ${spec}`);
      return 1;
    };

    let sig = 15;
    let i = 0;
    if (args.length === 0) return usage();
    const a0 = args[0]!;
    if (a0 === '-l' || a0 === '-L' || a0 === '--list' || a0 === '--table') {
      const rest = args.slice(1);
      if (rest.length === 0) {
        await ctx.stdout.write(listTable(dialect));
        return 0;
      }
      let status = 0;
      for (const r of rest) {
        if (/^[0-9]+$/.test(r)) {
          const n = Number(r) > 128 ? Number(r) - 128 : Number(r);
          const name = SIGNAL_NAMES[n];
          if (!name) status = await badSignal(r);
          else await ctx.stdout.write(`${name}\n`);
        } else {
          const n = signalNumber(r);
          if (n === null) status = await badSignal(r);
          else await ctx.stdout.write(`${n}\n`);
        }
      }
      return status;
    }
    if (a0 === '-s' || a0 === '-n' || a0 === '--signal') {
      const spec = args[1];
      if (spec === undefined) {
        if (dialect === 'bash') {
          await err(`${a0}: option requires an argument`);
          return 2;
        }
        return usage();
      }
      const n = signalNumber(spec);
      if (n === null) return badSignal(spec);
      sig = n;
      i = 2;
    } else if (a0.startsWith('-') && a0 !== '-' && a0 !== '--' && !/^-[0-9]+$/.test(a0) === true) {
      const n = signalNumber(a0.slice(1));
      if (n === null) return badSignal(a0.slice(1));
      sig = n;
      i = 1;
    } else if (/^-[0-9]+$/.test(a0) && args.length > 1) {
      // `kill -9 pid`: a number first is a signal when a pid follows.
      const n = signalNumber(a0.slice(1));
      if (n === null) return badSignal(a0.slice(1));
      sig = n;
      i = 1;
    }
    if (args[i] === '--') i++;
    const targets = args.slice(i);
    if (targets.length === 0) return usage();

    let status = 0;
    const model = toModelSignal(sig);
    for (const t of targets) {
      let pids: readonly number[];
      if (t.startsWith('%') && options.resolveJob) {
        const r = options.resolveJob(t);
        if (r === null) {
          await err(`${t}: no such job`);
          status = 1;
          continue;
        }
        pids = r;
      } else if (/^-?[0-9]+$/.test(t)) pids = [Number(t)];
      else {
        if (dialect === 'bash') await err(`${t}: arguments must be process or job IDs`);
        else if (dialect === 'busybox') await err(`invalid number '${t}'`);
        else if (dialect === 'dash') await err(`Illegal number: ${t}`);
        else await err(`failed to parse argument: '${t}'`);
        status = 1;
        continue;
      }
      for (const pid of pids) {
        const r = sendSignal(ctx, pid, model);
        if (r === 'ok') continue;
        status = 1;
        const text = r === 'no-such-process' ? 'No such process' : 'Operation not permitted';
        if (dialect === 'bash') await err(`(${pid}) - ${text}`);
        else if (dialect === 'busybox') await err(`can't kill pid ${pid}: ${text}`);
        // dash's kill ends this message with an extra empty line.
        else if (dialect === 'dash') await err(`${text}\n`);
        else await err(`(${pid}): ${text}`);
      }
    }
    return status;
  };
}

/** kill(2) semantics for one pid: 0 = own group, -1 = everything we may signal, -N = group N. */
function sendSignal(ctx: ProcessContext, pid: number, sig: ReturnType<typeof toModelSignal>): 'ok' | 'no-such-process' | 'not-permitted' {
  const procs = ctx.sys.processes();
  if (pid === 0 || pid < -1) {
    const pgid = pid === 0 ? ctx.pgid : -pid;
    const members = procs.filter((p) => p.pgid === pgid);
    if (members.length === 0) return 'no-such-process';
    if (!members.some((p) => ctx.cred.uid === 0 || p.uid === ctx.cred.uid)) return 'not-permitted';
    for (const p of members) if (sig) ctx.sys.kill(p.pid, sig, ctx.cred);
    return 'ok';
  }
  if (pid === -1) {
    const mine = procs.filter((p) => p.pid !== 1 && p.pid !== ctx.pid && (ctx.cred.uid === 0 || p.uid === ctx.cred.uid));
    if (mine.length === 0) return 'no-such-process';
    for (const p of mine) if (sig) ctx.sys.kill(p.pid, sig, ctx.cred);
    // The sender gets it too (kill -1 includes the caller) but only after the others.
    if (sig) ctx.sys.kill(ctx.pid, sig, ctx.cred);
    return 'ok';
  }
  if (!sig) {
    const p = procs.find((q) => q.pid === pid);
    if (!p) return 'no-such-process';
    return ctx.cred.uid === 0 || p.uid === ctx.cred.uid ? 'ok' : 'not-permitted';
  }
  return ctx.sys.kill(pid, sig, ctx.cred);
}

export const kill: Program = makeKill();
