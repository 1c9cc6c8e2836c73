/**
 * vmstat (procps-ng 4.0.2): [delay [count]], -n, -s, -a (inactive = the cache, active = the processes' memory, as -s counts them). Memory comes from free's model (the buffers/cache share split
 * 1:15 between buff and cache); swap is 0 as the machine has none. CPU time is not simulated, so the CPU columns
 * read idle (0 0 100 0 0) as top's do. Interrupt/context-switch rates and block I/O are plausible constants: a quiet
 * machine's since-boot averages on the first line (bi 3, bo 5, in 25, cs 48) and in 12 / cs 20 per interval after.
 */

import { SignalExit, type Program, type ProcessContext } from '../../engine/process/Types';
import { memoryKib } from './free';

const USAGE = "\nUsage:\n vmstat [options] [delay [count]]\n\nOptions:\n -a, --active           active/inactive memory\n -f, --forks            number of forks since boot\n -m, --slabs            slabinfo\n -n, --one-header       do not redisplay header\n -s, --stats            event counter statistics\n -d, --disk             disk statistics\n -D, --disk-sum         summarize disk statistics\n -p, --partition <dev>  partition specific statistics\n -S, --unit <char>      define display unit\n -w, --wide             wide output\n -t, --timestamp        show timestamp\n -y, --no-first         skips first line of output\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see vmstat(8).\n";

const HEADER = 'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n';

/**
 * -s: the event counters since boot, consistent with the first line's averages (bi 3, bo 5, in 25, cs 48 per second
 * of uptime) and an idle CPU (every tick idle, USER_HZ 100). Boot is when the machine's oldest process started.
 */
function statistics(ctx: ProcessContext): string {
  const procs = ctx.sys.processes();
  const m = memoryKib(procs.length);
  const buff = Math.floor(m.buffCache / 16);
  const now = ctx.sys.clock.now();
  const boot = Math.min(now, ...procs.map((p) => p.startTime));
  const up = Math.floor((now - boot) / 1000);
  const forks = Math.max(0, ...procs.map((p) => p.pid));
  const rows: Array<[number, string]> = [
    [m.total, 'K total memory'],
    [m.used, 'K used memory'],
    [m.used, 'K active memory'],
    [m.buffCache - buff, 'K inactive memory'],
    [m.free, 'K free memory'],
    [buff, 'K buffer memory'],
    [m.buffCache - buff, 'K swap cache'],
    [0, 'K total swap'],
    [0, 'K used swap'],
    [0, 'K free swap'],
    [0, 'non-nice user cpu ticks'],
    [0, 'nice user cpu ticks'],
    [0, 'system cpu ticks'],
    [up * 100, 'idle cpu ticks'],
    [0, 'IO-wait cpu ticks'],
    [0, 'IRQ cpu ticks'],
    [0, 'softirq cpu ticks'],
    [0, 'stolen cpu ticks'],
    [0, 'non-nice guest cpu ticks'],
    [0, 'nice guest cpu ticks'],
    [3 * up, 'K paged in'],
    [5 * up, 'K paged out'],
    [0, 'pages swapped in'],
    [0, 'pages swapped out'],
    [25 * up, 'interrupts'],
    [48 * up, 'CPU context switches'],
    [Math.floor(boot / 1000), 'boot time'],
    [forks, 'forks'],
  ];
  return rows.map(([n, label]) => `${String(n).padStart(13)} ${label}\n`).join('');
}

export const vmstat: Program = async (ctx) => {
  const numbers: string[] = [];
  let oneHeader = false;
  let stats = false;
  let active = false;
  for (const a of ctx.argv.slice(1)) {
    if (a === '-n' || a === '--one-header') oneHeader = true;
    else if (a === '-s' || a === '--stats') stats = true;
    else if (a === '-a' || a === '--active') active = true;
    else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      const bad = a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`;
      await ctx.stderr.write(`vmstat: ${bad}\n${USAGE}`);
      return 1;
    } else numbers.push(a);
  }
  const parsed = numbers.slice(0, 2).map((n) => (/^-?\d+$/.test(n) ? Number(n) : NaN));
  const badArg = numbers.find((_, i) => i < 2 && Number.isNaN(parsed[i]));
  if (badArg !== undefined) {
    await ctx.stderr.write(`vmstat: failed to parse argument: '${badArg}'\n`);
    return 1;
  }
  if (stats) {
    await ctx.stdout.write(statistics(ctx));
    return 0;
  }
  const [delay, count] = parsed;
  if (delay !== undefined && delay < 1) {
    await ctx.stderr.write('vmstat: delay must be positive integer\n');
    return 1;
  }
  // No delay: one line. A delay without a count: forever.
  const lines = delay === undefined ? 1 : count ?? Infinity;
  // procps repeats the header every screenful (22 lines when not on a terminal).
  const height = ctx.tty ? Math.max(ctx.tty.rows - 3, 1) : 22;
  for (let i = 0; i < lines; i++) {
    if (i === 0 || (!oneHeader && i % height === 0)) await ctx.stdout.write(active ? HEADER.replace('  buff  cache', ' inact active') : HEADER);
    const m = memoryKib(ctx.sys.processes().length);
    const buff = Math.floor(m.buffCache / 16);
    const [bi, bo, ints, cs] = i === 0 ? [3, 5, 25, 48] : [0, 0, 12, 20];
    const f = (w: number, n: number) => String(n).padStart(w);
    await ctx.stdout.write(`${f(2, 1)} ${f(2, 0)} ${f(6, 0)} ${f(6, m.free)} ${f(6, active ? m.buffCache - buff : buff)} ${f(6, active ? m.used : m.buffCache - buff)} ${f(4, 0)} ${f(4, 0)} ${f(5, bi)} ${f(5, bo)} ${f(4, ints)} ${f(4, cs)} ${f(2, 0)} ${f(2, 0)} ${f(2, 100)} ${f(2, 0)} ${f(2, 0)}\n`);
    if (i + 1 < lines) {
      try {
        await ctx.sys.clock.sleep(delay! * 1000, ctx.signals);
      } catch (e) {
        if (e instanceof SignalExit) throw e;
        return 0;
      }
    }
  }
  return 0;
};
