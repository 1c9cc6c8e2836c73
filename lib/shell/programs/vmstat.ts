/**
 * vmstat (procps-ng 4.0.2): [delay [count]], -n. Memory comes from free's model (the buffers/cache share split
 * 1:15 between buff and cache); swap is 0 as the machine has none. CPU time is not simulated, so the CPU columns
 * read idle (0 0 100 0 0) as top's do. Interrupt/context-switch rates and block I/O are plausible constants: a quiet
 * machine's since-boot averages on the first line (bi 3, bo 5, in 25, cs 48) and in 12 / cs 20 per interval after.
 */

import { SignalExit, type Program } from '../../engine/process/Types';
import { memoryKib } from './free';

const USAGE = "\nUsage:\n vmstat [options] [delay [count]]\n\nOptions:\n -a, --active           active/inactive memory\n -f, --forks            number of forks since boot\n -m, --slabs            slabinfo\n -n, --one-header       do not redisplay header\n -s, --stats            event counter statistics\n -d, --disk             disk statistics\n -D, --disk-sum         summarize disk statistics\n -p, --partition <dev>  partition specific statistics\n -S, --unit <char>      define display unit\n -w, --wide             wide output\n -t, --timestamp        show timestamp\n -y, --no-first         skips first line of output\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see vmstat(8).\n";

const HEADER = 'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n';

export const vmstat: Program = async (ctx) => {
  const numbers: string[] = [];
  let oneHeader = false;
  for (const a of ctx.argv.slice(1)) {
    if (a === '-n' || a === '--one-header') oneHeader = true;
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
    if (i === 0 || (!oneHeader && i % height === 0)) await ctx.stdout.write(HEADER);
    const m = memoryKib(ctx.sys.processes().length);
    const buff = Math.floor(m.buffCache / 16);
    const [bi, bo, ints, cs] = i === 0 ? [3, 5, 25, 48] : [0, 0, 12, 20];
    const f = (w: number, n: number) => String(n).padStart(w);
    await ctx.stdout.write(`${f(2, 1)} ${f(2, 0)} ${f(6, 0)} ${f(6, m.free)} ${f(6, buff)} ${f(6, m.buffCache - buff)} ${f(4, 0)} ${f(4, 0)} ${f(5, bi)} ${f(5, bo)} ${f(4, ints)} ${f(4, cs)} ${f(2, 0)} ${f(2, 0)} ${f(2, 100)} ${f(2, 0)} ${f(2, 0)}\n`);
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
