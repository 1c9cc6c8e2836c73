/**
 * top: the machine's process table, refreshed every 3 seconds (-d SECS) until `q` or Ctrl-C, or -n frames.
 * procps-ng style (GNU machines) needs a terminal unless -b; BusyBox's applet prints its frames anywhere (so
 * `docker run -d busybox top` keeps running and logging). CPU use is not simulated (0.0), memory is a per-program
 * model, so the numbers are plausible rather than measured.
 */

import { basename } from '../../../engine/fs/path';
import { SignalExit, type ProcessContext, type ProcessInfo, type Program } from '../../../engine/process/Types';
import { Accounts } from '../lib/accounts';
import { MEMORY_TOTAL_KIB } from '../free';

function model(argv0: string): { virt: number; res: number; shr: number } {
  const name = basename(argv0.split(' ')[0]!.replace(/:$/, ''));
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const virt = 2_000 + (h % 20_000);
  const res = 800 + (h % 6_000);
  return { virt, res, shr: Math.floor(res * 0.7) };
}

const p2 = (n: number) => String(n).padStart(2, '0');

function procpsFrame(ctx: ProcessContext, procs: readonly ProcessInfo[], acc: Accounts): string {
  const now = ctx.sys.clock.now();
  const d = new Date(now);
  const boot = Math.min(...procs.map((p) => p.startTime), now);
  const upMin = Math.floor((now - boot) / 60000);
  const up = upMin < 60 ? `${upMin} min` : `${Math.floor(upMin / 60)}:${p2(upMin % 60)}`;
  const running = procs.filter((p) => p.pid === ctx.pid).length;
  const totalMib = MEMORY_TOTAL_KIB / 1024;
  const used = procs.reduce((a, p) => a + model(p.argv[0] ?? '').res, 0) / 1024;
  const lines = [
    `top - ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} up ${up},  0 user,  load average: 0.00, 0.00, 0.00`,
    `Tasks: ${String(procs.length).padStart(3)} total, ${String(running).padStart(3)} running, ${String(procs.length - running).padStart(3)} sleeping,   0 stopped,   0 zombie`,
    '%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ',
    `MiB Mem : ${totalMib.toFixed(1).padStart(8)} total, ${(totalMib - used - 512).toFixed(1).padStart(8)} free, ${used.toFixed(1).padStart(8)} used, ${(512).toFixed(1).padStart(8)} buff/cache     `,
    `MiB Swap:      0.0 total,      0.0 free,      0.0 used. ${(totalMib - used).toFixed(1).padStart(8)} avail Mem `,
    '',
    '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  ];
  for (const p of [...procs].sort((a, b) => a.pid - b.pid)) {
    const m = model(p.argv[0] ?? '');
    const user = acc.userName(p.uid).slice(0, 8).padEnd(8);
    const mem = ((m.res * 100) / MEMORY_TOTAL_KIB).toFixed(1);
    const state = p.pid === ctx.pid ? 'R' : 'S';
    lines.push(`${String(p.pid).padStart(7)} ${user}  20   0 ${String(m.virt).padStart(7)} ${String(m.res).padStart(6)} ${String(m.shr).padStart(6)} ${state}   0.0 ${mem.padStart(5)}   0:00.00 ${basename(p.argv[0] ?? '')}`);
  }
  return `${lines.join('\n')}\n`;
}

function busyboxFrame(ctx: ProcessContext, procs: readonly ProcessInfo[], acc: Accounts): string {
  const usedK = procs.reduce((a, p) => a + model(p.argv[0] ?? '').res, 0) + 180_000;
  const lines = [
    `Mem: ${usedK}K used, ${MEMORY_TOTAL_KIB - usedK}K free, 0K shrd, 0K buff, 512000K cached`,
    'CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq',
    `Load average: 0.00 0.00 0.00 1/${procs.length} ${Math.max(...procs.map((p) => p.pid))}`,
    '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND',
  ];
  for (const p of [...procs].sort((a, b) => b.pid - a.pid)) {
    const m = model(p.argv[0] ?? '');
    const vsz = `${Math.round((m.virt * 100) / MEMORY_TOTAL_KIB)}%`;
    lines.push(`${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${acc.userName(p.uid).slice(0, 8).padEnd(8)} ${(p.pid === ctx.pid ? 'R' : 'S').padEnd(4)} ${String(m.virt).padStart(5)} ${vsz.padStart(4)}   0   0% ${p.argv.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export const top: Program = async (ctx) => {
  const busybox = ctx.flavor === 'busybox';
  let delay = 3000;
  let frames = Infinity;
  let batch = false;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-b') batch = true;
    else if (a.startsWith('-n')) frames = Number(a.length > 2 ? a.slice(2) : args[++i]);
    else if (a.startsWith('-d')) delay = Number(a.length > 2 ? a.slice(2) : args[++i]) * 1000;
    else {
      await ctx.stderr.write(busybox ? `top: invalid option -- '${a.replace(/^-/, '')}'\n` : `top: unknown option '${a.replace(/^-/, '')}'\nUsage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n`);
      return 1;
    }
  }
  const tty = ctx.tty;
  if (!busybox && !batch && !tty) {
    await ctx.stderr.write('top: failed tty get\n');
    return 1;
  }
  const interactive = tty !== null && !batch;
  const saved = tty?.getMode();
  let quit = false;
  const waker: { wake: (() => void) | null } = { wake: null };
  ctx.signals.setDisposition('SIGINT', () => {
    quit = true;
    waker.wake?.();
  });
  if (interactive) tty.setMode({ canonical: false, echo: false });
  // Keys arrive while we wait between frames; `q` quits.
  const keys = interactive
    ? (async () => {
        while (!quit) {
          const k = await tty.read().catch(() => null);
          if (k === null || k.includes(113)) {
            quit = true;
            waker.wake?.();
            return;
          }
        }
      })()
    : null;
  try {
    for (let n = 0; n < frames && !quit; n++) {
      const acc = Accounts.load(ctx.fs);
      const procs = ctx.sys.processes();
      const frame = busybox ? busyboxFrame(ctx, procs, acc) : procpsFrame(ctx, procs, acc);
      await ctx.stdout.write(interactive ? `\x1b[H\x1b[2J${frame}` : `${frame}${busybox ? '' : '\n'}`);
      if (n + 1 >= frames) break;
      await new Promise<void>((resolve, reject) => {
        waker.wake = resolve;
        ctx.sys.clock.sleep(delay, ctx.signals).then(resolve, (e: unknown) => (e instanceof SignalExit ? reject(e) : resolve()));
      });
    }
  } finally {
    if (interactive && saved) tty.setMode(saved);
  }
  void keys;
  return 0;
};
