/**
 * pgrep, pkill, pidof and uptime (procps-ng 4.0.2 / sysvinit's pidof) over the machine's process table.
 * Process names are the basename of argv[0] cut to 15 characters, as the kernel's comm is; patterns are extended
 * regular expressions; the tool never matches itself. uptime counts from the oldest process (layerlab keeps no
 * separate boot time); there are no login records, so it reports 0 users, and the load is 0.
 */

import { basename } from '../../engine/fs/path';
import type { ProcessInfo, Program, ProcessContext } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { signalNumber, toModelSignal } from './lib/signal-names';

const comm = (p: ProcessInfo) => basename(p.argv[0] ?? '').slice(0, 15);

async function pgrepLike(ctx: ProcessContext, kill: boolean): Promise<number> {
  const prog = kill ? 'pkill' : 'pgrep';
  const args = ctx.argv.slice(1);
  let signal = 15;
  const opts = new Map<string, string>();
  const flags = new Set<string>();
  let pattern: string | undefined;
  const fail = async (msg: string, status: number, hint = true) => {
    await ctx.stderr.write(`${prog}: ${msg}\n${hint ? `Try \`${prog} --help' for more information.\n` : ''}`);
    return status;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (kill && /^-[A-Za-z0-9+]+$/.test(a) && signalNumber(a.slice(1)) !== null && !/^-[flaxnovc]+$/.test(a)) {
      signal = signalNumber(a.slice(1))!;
      continue;
    }
    if (a === '--signal' || (kill && a === '-s')) {
      signal = signalNumber(args[++i] ?? '') ?? -1;
      if (signal < 0) return fail(`Unknown signal "${args[i]}".`, 2, false);
      continue;
    }
    if (a === '-d' || a === '--delimiter' || a === '-u' || a === '--euid' || a === '-U' || a === '-P' || a === '--parent') {
      opts.set(a.replace(/^--?/, '')[0]!, args[++i] ?? '');
      continue;
    }
    if (a === '--full') flags.add('f');
    else if (a === '--list-name') flags.add('l');
    else if (a === '--list-full') flags.add('a');
    else if (a === '--exact') flags.add('x');
    else if (a === '--newest') flags.add('n');
    else if (a === '--oldest') flags.add('o');
    else if (a === '--count') flags.add('c');
    else if (a === '--inverse') flags.add('v');
    else if (/^-[flaxnovcie]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
    else if (a.startsWith('-') && a !== '-') return fail(`invalid option -- '${a[1]}'`, 2);
    else if (pattern === undefined) pattern = a;
    else return fail(`only one pattern can be provided`, 2);
  }
  if (pattern === undefined && opts.size === 0) return fail('no matching criteria specified', 2);
  let re: RegExp | null = null;
  if (pattern !== undefined) {
    try {
      re = new RegExp(flags.has('x') ? `^(?:${pattern})$` : pattern, flags.has('i') ? 'i' : '');
    } catch {
      return fail(`regex error: Unmatched ( or \\(`, 2, false);
    }
  }
  const acc = Accounts.load(ctx.fs);
  const uids = opts.has('u') || opts.has('U') ? (opts.get('u') ?? opts.get('U')!).split(',').map((u) => acc.resolveUser(u)) : null;
  const parents = opts.has('P') ? opts.get('P')!.split(',').map(Number) : null;
  let found = ctx.sys.processes().filter((p) => {
    if (p.pid === ctx.pid) return false;
    if (uids && !uids.includes(p.uid)) return false;
    if (parents && !parents.includes(p.ppid)) return false;
    if (!re) return true;
    return re.test(flags.has('f') ? p.argv.join(' ') : comm(p)) !== flags.has('v');
  });
  if (flags.has('n')) found = found.slice().sort((a, b) => b.startTime - a.startTime || b.pid - a.pid).slice(0, 1);
  if (flags.has('o')) found = found.slice().sort((a, b) => a.startTime - b.startTime || a.pid - b.pid).slice(0, 1);
  if (flags.has('c')) {
    await ctx.stdout.write(`${found.length}\n`);
    return found.length > 0 ? 0 : 1;
  }
  if (kill) {
    const sig = toModelSignal(signal);
    let ok = 0;
    for (const p of found) {
      const r = sig === null ? (ctx.sys.processes().some((q) => q.pid === p.pid) ? 'ok' : 'no-such-process') : ctx.sys.kill(p.pid, sig, ctx.cred);
      if (r === 'ok') ok++;
      else if (r === 'not-permitted') await ctx.stderr.write(`pkill: killing pid ${p.pid} failed: Operation not permitted\n`);
    }
    return ok > 0 ? 0 : found.length > 0 ? 3 : 1;
  }
  const delim = opts.get('d') ?? '\n';
  const show = (p: ProcessInfo) => (flags.has('a') ? `${p.pid} ${p.argv.join(' ')}` : flags.has('l') ? `${p.pid} ${comm(p)}` : String(p.pid));
  if (found.length > 0) await ctx.stdout.write(found.map(show).join(delim) + '\n');
  return found.length > 0 ? 0 : 1;
}

export const pgrep: Program = (ctx) => pgrepLike(ctx, false);
export const pkill: Program = (ctx) => pgrepLike(ctx, true);

export const pidof: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const single = args.includes('-s');
  const omit = new Set<number>();
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o') for (const p of (args[++i] ?? '').split(',')) omit.add(p === '%PPID' ? ctx.ppid : Number(p));
    else if (a.startsWith('-')) continue;
    else names.push(a);
  }
  const pids: number[] = [];
  for (const name of names) {
    const matches = ctx.sys
      .processes()
      .filter((p) => p.pid !== ctx.pid && !omit.has(p.pid) && (basename(p.argv[0] ?? '') === basename(name) || p.argv[0] === name))
      .map((p) => p.pid)
      .sort((a, b) => b - a);
    pids.push(...(single ? matches.slice(0, 1) : matches));
  }
  if (pids.length === 0) return 1;
  await ctx.stdout.write(pids.join(' ') + '\n');
  return 0;
};

/** w: uptime's line and the header of the (empty: no login records) user table; -h drops both, -s the time columns. */
export const w: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const short = args.some((a) => /^-[a-z]*s/.test(a) || a === '--short');
  if (args.some((a) => /^-[a-z]*h/.test(a) || a === '--no-header')) return 0;
  const status = await uptime({ ...ctx, argv: ['uptime'] });
  await ctx.stdout.write(short ? 'USER     TTY      FROM              IDLE WHAT\n' : 'USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT\n');
  return status;
};

export const uptime: Program = async (ctx) => {
  const now = ctx.sys.clock.now();
  const boot = Math.min(now, ...ctx.sys.processes().map((p) => p.startTime));
  const mins = Math.floor((now - boot) / 60_000);
  const args = ctx.argv.slice(1);
  if (args.includes('-s') || args.includes('--since')) {
    await ctx.stdout.write(`${new Date(boot).toISOString().slice(0, 19).replace('T', ' ')}\n`);
    return 0;
  }
  const days = Math.floor(mins / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  if (args.includes('-p') || args.includes('--pretty')) {
    const parts: string[] = [];
    if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
    if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
    if (m || parts.length === 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
    await ctx.stdout.write(`up ${parts.join(', ')}\n`);
    return 0;
  }
  const clock = new Date(now).toISOString().slice(11, 19);
  let up = days ? `${days} day${days === 1 ? '' : 's'}, ` : '';
  up += hours ? `${String(hours).padStart(2)}:${String(m).padStart(2, '0')}, ` : `${m} min, `;
  await ctx.stdout.write(` ${clock} up ${up} 0 user,  load average: 0.00, 0.00, 0.00\n`);
  return 0;
};
