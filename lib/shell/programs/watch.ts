/**
 * watch (procps-ng 4.0.2): runs `sh -c COMMAND` every -n seconds of the machine's clock (default 2) and redraws
 * the terminal with its output (stdout and stderr together, clipped to the screen), under the header
 * `Every 2.0s: COMMAND` with `HOSTNAME: DATE` right-justified (-t drops it). Like the ncurses original it draws
 * on the alternate screen and gives the learner's screen back when Ctrl-C ends it (status 0). Without a terminal it
 * fails as ncurses does.
 */

import { SignalExit, type Program } from '../../engine/process/Types';
import { CollectingWriter } from '../../engine/process/streams';
import { startCommand, waitChild } from './lib/spawn';

const USAGE = "\nUsage:\n watch [options] command\n\nOptions:\n  -b, --beep             beep if command has a non-zero exit\n  -c, --color            interpret ANSI color and style sequences\n  -d, --differences[=<permanent>]\n                         highlight changes between updates\n  -e, --errexit          exit if command has a non-zero exit\n  -g, --chgexit          exit when output from command changes\n  -q, --equexit <cycles>\n                         exit when output from command does not change\n  -n, --interval <secs>  seconds to wait between updates\n  -p, --precise          attempt run command in precise intervals\n  -t, --no-title         turn off header\n  -w, --no-wrap          turn off line wrapping\n  -x, --exec             pass command to exec instead of \"sh -c\"\n\n -h, --help     display this help and exit\n -v, --version  output version information and exit\n\nFor more details see watch(1).\n";

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime "%a %b %e %H:%M:%S %Y" in UTC (containers run in UTC). */
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** One screen: header (unless -t), a blank line, then the output clipped to the terminal's width and height. */
export function watchFrame(o: { interval: number; command: string; host: string; now: number; output: string; columns: number; rows: number; title: boolean }): string {
  const lines: string[] = [];
  if (o.title) {
    const right = `${o.host}: ${stamp(o.now)}`;
    const left = `Every ${o.interval.toFixed(1)}s: ${o.command}`;
    const room = o.columns - right.length - 1;
    lines.push(room > 0 ? `${left.slice(0, room).padEnd(room)} ${right}` : right.slice(0, o.columns), '');
  }
  const body = o.output.replace(/\n$/, '').split('\n').map((l) => l.slice(0, o.columns));
  lines.push(...body.slice(0, Math.max(o.rows - lines.length, 0)));
  return lines.join('\n');
}

export const watch: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let interval = 2;
  let title = true;
  let exec = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-t' || a === '--no-title') title = false;
    else if (a === '-x' || a === '--exec') exec = true;
    else if (a === '-n' || a === '--interval' || a.startsWith('--interval=') || /^-n./.test(a)) {
      const v = a === '-n' || a === '--interval' ? args[++i] ?? '' : a.startsWith('--') ? a.slice(11) : a.slice(2);
      const n = Number(v);
      if (v === '' || Number.isNaN(n)) {
        await ctx.stderr.write(`watch: failed to parse argument: '${v}'\n`);
        return 1;
      }
      // procps clamps the interval to at least 0.1s.
      interval = Math.max(n, 0.1);
    } else {
      const bad = a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`;
      await ctx.stderr.write(`watch: ${bad}\n${USAGE}`);
      return 1;
    }
  }
  const words = args.slice(i);
  if (words.length === 0) {
    await ctx.stderr.write(USAGE);
    return 1;
  }
  const tty = ctx.tty;
  if (!tty || !ctx.env.get('TERM')) {
    await ctx.stderr.write('Error opening terminal: unknown.\n');
    return 1;
  }
  const command = words.join(' ');
  let stop = false;
  const waker: { wake: (() => void) | null } = { wake: null };
  ctx.signals.setDisposition('SIGINT', () => {
    stop = true;
    waker.wake?.();
  });
  await ctx.stdout.write('\x1b[?1049h');
  try {
    while (!stop) {
      const out = new CollectingWriter();
      const started = startCommand(ctx, exec ? words : ['/bin/sh', '-c', command], { stdout: out, stderr: out, stdin: ctx.stdin });
      if (started.ok) await waitChild(ctx, started.child, false).catch((e: unknown) => {
        if (!(e instanceof SignalExit)) throw e;
      });
      else await out.write(`watch: ${words[0]}: ${started.text}\n`);
      if (stop) break;
      const frame = watchFrame({ interval, command, host: ctx.sys.hostname(), now: ctx.sys.clock.now(), output: out.text(), columns: tty.columns, rows: tty.rows, title });
      await ctx.stdout.write(`\x1b[H\x1b[2J${frame}`);
      await new Promise<void>((resolve) => {
        waker.wake = resolve;
        ctx.sys.clock.sleep(interval * 1000, ctx.signals).then(resolve, () => resolve());
      });
    }
  } finally {
    // endwin(): back to the screen the learner had.
    await ctx.stdout.write('\x1b[?1049l');
  }
  return 0;
};
