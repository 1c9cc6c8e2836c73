/**
 * ps: the machine's process table. GNU (procps-ng): default (this terminal and user), -e/-A, -f, -F-less
 * `ps aux`/`ps ax`/`ps x`, -p PIDS, -u USER, -o FIELDS. BusyBox: `PID   USER     TIME  COMMAND`.
 * CPU time is not tracked (shown as 0); VSZ/RSS are a per-program model.
 */

import { basename } from '../../engine/fs/path';
import type { ProcessInfo, Program } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { TextTool as Tool } from './lib/text-usage';

const MEMORY: Readonly<Record<string, [number, number]>> = {
  bash: [8_940, 5_412],
  sh: [2_616, 1_012],
  dash: [2_616, 1_012],
  sleep: [5_520, 1_004],
  ps: [11_196, 4_632],
  dockerd: [1_876_432, 92_344],
  containerd: [1_412_704, 48_112],
  node: [1_021_832, 51_240],
  nginx: [11_484, 7_324],
  python3: [28_304, 19_512],
};

function mem(argv0: string): [number, number] {
  const name = basename(argv0);
  if (MEMORY[name]) return MEMORY[name];
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return [6_000 + (h % 20_000), 1_500 + (h % 6_000)];
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

export const ps: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const acc = Accounts.load(ctx.fs);
  const procs = ctx.sys.processes();
  const myTty = ctx.tty ? (procs.find((p) => p.pid === ctx.pid)?.tty ?? null) : null;
  const userOf = (p: ProcessInfo) => acc.userName(p.uid);
  const cmdName = (p: ProcessInfo) => basename(p.argv[0] ?? '?').slice(0, 15);
  const args = (p: ProcessInfo) => p.argv.join(' ');
  const tty = (p: ProcessInfo) => p.tty ?? '?';
  const stat = (p: ProcessInfo) => (p.pid === ctx.pid ? 'R' : 'S') + (p.pid === p.pgid && p.pid !== ctx.pid ? 's' : '') + (p.tty && p.pgid === ctx.pgid ? '+' : '');

  if (!tool.gnu) {
    let out = 'PID   USER     TIME  COMMAND\n';
    for (const p of procs) out += `${String(p.pid).padStart(5)} ${userOf(p).padEnd(8).slice(0, 8)} ${'0:00'.padStart(5)} ${args(p)}\n`;
    await ctx.stdout.write(out);
    return 0;
  }

  const argv = ctx.argv.slice(1);
  let all = false;
  let full = false;
  let bsd: string | null = null;
  let fields: string[] | null = null;
  let pids: number[] | null = null;
  let users: number[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-')) {
      bsd = (bsd ?? '') + a;
      continue;
    }
    if (a === '--help') return tool.help();
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === 'e' || c === 'A') all = true;
      else if (c === 'f' || c === 'F') full = true;
      else if (c === 'o' || c === 'p' || c === 'u' || c === 'U') {
        const v = a.slice(k + 1) || argv[++i] || '';
        if (c === 'o') fields = [...(fields ?? []), ...v.split(/[,\s]+/).filter(Boolean)];
        else if (c === 'p') pids = v.split(/[,\s]+/).map(Number);
        else users = v.split(/[,\s]+/).map((u) => acc.resolveUser(u) ?? -1);
        break;
      } else if (c === 'w') continue;
      else {
        await ctx.stderr.write(`error: unsupported SysV option\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
        return 1;
      }
    }
  }

  let selected = procs.filter((p) => (all ? true : p.uid === ctx.cred.uid && (p.tty ?? null) === myTty));
  if (bsd !== null) {
    const ax = bsd.includes('a') && bsd.includes('x');
    selected = procs.filter((p) => (ax ? true : bsd!.includes('x') ? p.uid === ctx.cred.uid : bsd!.includes('a') ? p.tty !== null : p.uid === ctx.cred.uid && p.tty === myTty));
  }
  if (pids) selected = procs.filter((p) => pids!.includes(p.pid));
  if (users) selected = procs.filter((p) => users!.includes(p.uid));

  let out: string;
  if (fields) {
    // [header, value, right-aligned, procps's minimum width]: a column is as wide as the widest of its minimum, its
    // header and its values; the last column is not padded. Headers that are all empty (`-o pid=`) print no line.
    const cols: Record<string, [string, (p: ProcessInfo) => string, boolean, number]> = {
      pid: ['PID', (p) => String(p.pid), true, 5],
      ppid: ['PPID', (p) => String(p.ppid), true, 5],
      pgid: ['PGID', (p) => String(p.pgid), true, 5],
      uid: ['UID', (p) => String(p.uid), true, 5],
      user: ['USER', userOf, false, 8],
      comm: ['COMMAND', cmdName, false, 15],
      args: ['COMMAND', args, false, 0],
      cmd: ['CMD', args, false, 0],
      command: ['COMMAND', args, false, 0],
      tty: ['TT', tty, false, 8],
      stat: ['STAT', stat, false, 4],
      time: ['TIME', () => '00:00:00', true, 8],
      etime: ['ELAPSED', (p) => elapsed(ctx.sys.clock.now() - p.startTime), true, 11],
      rss: ['RSS', (p) => String(mem(p.argv[0] ?? '')[1]), true, 5],
      vsz: ['VSZ', (p) => String(mem(p.argv[0] ?? '')[0]), true, 6],
      '%cpu': ['%CPU', () => '0.0', true, 4],
      '%mem': ['%MEM', (p) => ((mem(p.argv[0] ?? '')[1] / 4_028_036) * 100).toFixed(1), true, 4],
    };
    const specs = fields.map((f) => {
      const eq = f.indexOf('=');
      const name = eq < 0 ? f : f.slice(0, eq);
      const c = cols[name.toLowerCase()];
      return c ? ([eq < 0 ? c[0] : f.slice(eq + 1), c[1], c[2], c[3]] as const) : null;
    });
    if (specs.some((s) => s === null)) {
      await ctx.stderr.write('error: unknown user-defined format specifier "' + fields.find((f) => !cols[f.split('=')[0]!.toLowerCase()]) + '"\n');
      return 1;
    }
    const header = specs.map((s) => s![0]);
    const body = selected.map((p) => specs.map((s) => s![1](p)));
    const widths = specs.map((s, k) => Math.max(s![3], header[k]!.length, ...body.map((r) => r[k]!.length)));
    const rows = header.every((h) => h === '') ? body : [header, ...body];
    out = rows.map((r) => r.map((v, k) => (k === r.length - 1 && !specs[k]![2] ? v : specs[k]![2] ? v.padStart(widths[k]!) : v.padEnd(widths[k]!))).join(' ') + '\n').join('');
  } else if (bsd !== null && bsd.includes('u')) {
    out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n'.replace('USER         PID', 'USER       PID');
    for (const p of selected) {
      const [vsz, rss] = mem(p.argv[0] ?? '');
      out += `${userOf(p).padEnd(8)} ${String(p.pid).padStart(5)} ${'0.0'.padStart(4)} ${((rss / 4_028_036) * 100).toFixed(1).padStart(4)} ${String(vsz).padStart(6)} ${String(rss).padStart(5)} ${tty(p).padEnd(8)} ${stat(p).padEnd(4)} ${hhmm(p.startTime).padStart(5)} ${'0:00'.padStart(6)} ${args(p)}\n`;
    }
  } else if (bsd !== null) {
    out = '  PID TTY      STAT   TIME COMMAND\n';
    for (const p of selected) out += `${String(p.pid).padStart(5)} ${tty(p).padEnd(8)} ${stat(p).padEnd(6)} ${'0:00'.padStart(4)} ${args(p)}\n`;
  } else if (full) {
    out = 'UID        PID  PPID  C STIME TTY          TIME CMD\n';
    for (const p of selected) out += `${userOf(p).padEnd(8)} ${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${'0'.padStart(2)} ${hhmm(p.startTime).padStart(5)} ${tty(p).padEnd(8)} ${'00:00:00'.padStart(8)} ${args(p)}\n`;
  } else {
    out = '  PID TTY          TIME CMD\n';
    for (const p of selected) out += `${String(p.pid).padStart(5)} ${tty(p).padEnd(8)} ${'00:00:00'.padStart(8)} ${cmdName(p)}\n`;
  }
  await ctx.stdout.write(out);
  return 0;
};

function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const p2 = (n: number) => String(n).padStart(2, '0');
  return d > 0 ? `${d}-${p2(h)}:${p2(m)}:${p2(sec)}` : h > 0 ? `${p2(h)}:${p2(m)}:${p2(sec)}` : `${p2(m)}:${p2(sec)}`;
}
