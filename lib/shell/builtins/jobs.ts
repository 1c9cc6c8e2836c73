/** wait, jobs and trap. */
import { SIGNAL_NAMES, signalNumber } from '../programs/lib/signal-names';
import type { Shell } from '../interp/Shell';
import { complain, specialBuiltinFailed, type Builtin } from './types';

export const wait: Builtin = async (sh, argv) => {
  const args = argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  if (args.length === 0) {
    for (;;) {
      const running = sh.jobs.filter((j) => j.status === null);
      if (running.length === 0) break;
      await Promise.race([Promise.all(running.map((j) => j.done)), new Promise<void>((resolve) => sh.ctx.signals.onSignal(() => resolve()))]);
      await sh.checkpoint();
    }
    // bash also waits for the last process substitution while `$!` still names it.
    const procSub = sh.lastProcSub;
    if (procSub && procSub.pid === sh.lastBgPid) await procSub.exited;
    // BusyBox keeps finished jobs for the next `jobs`; bash forgets them.
    if (sh.dialect.name !== 'ash') sh.reapJobs();
    return 0;
  }
  let status = 0;
  for (const a of args) {
    if (a.startsWith('%')) {
      const job = sh.findJob(a);
      if (!job) {
        await complain(sh, 'wait', `${a}: no such job`);
        status = 127;
        continue;
      }
      status = await job.done;
      sh.jobs = sh.jobs.filter((j) => j !== job);
      continue;
    }
    const pid = Number(a);
    if (!/^[0-9]+$/.test(a)) {
      await complain(sh, 'wait', sh.dialect.name === 'bash' ? `\`${a}': not a pid or valid job spec` : `Illegal number: ${a}`);
      status = 2;
      continue;
    }
    const job = sh.jobs.find((j) => j.children.some((c) => c.pid === pid));
    if (!job && sh.lastProcSub?.pid === pid) {
      status = await sh.lastProcSub.exited;
      continue;
    }
    if (!job) {
      if (sh.dialect.name === 'bash') await complain(sh, 'wait', `pid ${pid} is not a child of this shell`);
      status = 127;
      continue;
    }
    status = await job.children.find((c) => c.pid === pid)!.exited;
    if (job.status !== null || job.children.every((c) => c.pid === pid)) sh.jobs = sh.jobs.filter((j) => j !== job);
    // BusyBox says how a job it waited for was killed.
    if (sh.dialect.name === 'ash' && status > 128 && status !== 130 && status !== 141) {
      const text = ({ 1: 'Hangup', 9: 'Killed', 15: 'Terminated' } as Record<number, string>)[status - 128];
      if (text) await sh.stderr().write(`${text}\n`);
    }
  }
  return status;
};

export const jobs: Builtin = async (sh, argv) => {
  if (argv.includes('-p')) {
    await sh.stdout().write(sh.jobs.map((j) => `${j.children[0]!.pid}\n`).join(''));
    return 0;
  }
  await sh.reportJobs(true);
  return 0;
};

/** fg: waits for a background job in the foreground (it gets the terminal, so Ctrl-C reaches it). */
export const fg: Builtin = async (sh, argv) => {
  if (!sh.opts.monitor) {
    await complain(sh, 'fg', 'no job control');
    return 1;
  }
  const spec = argv[1] ?? '%%';
  const job = sh.findJob(spec.startsWith('%') ? spec : `%${spec}`);
  if (!job) {
    await complain(sh, 'fg', sh.dialect.name === 'bash' ? `${spec === '%%' ? 'current' : spec}: no such job` : `${spec}: no such job`);
    return 1;
  }
  await sh.stdout().write(`${job.text}\n`);
  const statuses = await sh.waitForeground(job.children, job.pgid);
  sh.jobs = sh.jobs.filter((j) => j !== job);
  return statuses[statuses.length - 1]!;
};

/** bg: jobs here never stop (no Ctrl-Z), so a job is always running already. */
export const bg: Builtin = async (sh, argv) => {
  if (!sh.opts.monitor) {
    await complain(sh, 'bg', 'no job control');
    return 1;
  }
  const spec = argv[1] ?? '%%';
  const job = sh.findJob(spec.startsWith('%') ? spec : `%${spec}`);
  if (!job) {
    await complain(sh, 'bg', `${spec === '%%' ? 'current' : spec}: no such job`);
    return 1;
  }
  if (sh.dialect.name === 'bash') await complain(sh, 'bg', `job ${job.id} already in background`);
  return 0;
};

/** Trap condition name for a spec: EXIT, INT, ... or null. */
function trapName(spec: string, dialect: string): string | null {
  const s = spec.toUpperCase().replace(/^SIG/, '');
  if (s === 'EXIT' || s === '0') return 'EXIT';
  if (s === 'ERR' || s === 'DEBUG' || s === 'RETURN') return dialect === 'dash' ? null : s;
  const n = signalNumber(spec);
  if (n === null || n === 0) return null;
  return SIGNAL_NAMES[n] ?? null;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

async function printTraps(sh: Shell, only?: string[]): Promise<void> {
  const traps = sh.traps.size === 0 && sh._parentTraps ? sh._parentTraps : sh.traps;
  let out = '';
  const names = only ?? [...traps.keys()];
  const order = (n: string) => (n === 'EXIT' ? 0 : (signalNumber(n) ?? 99));
  for (const n of [...names].sort((a, b) => order(a) - order(b))) {
    const action = traps.get(n);
    if (action === undefined) continue;
    const shown = n === 'EXIT' ? 'EXIT' : sh.dialect.name === 'bash' ? `SIG${n}` : n;
    out += `trap -- ${quote(action)} ${shown}\n`;
  }
  await sh.stdout().write(out);
}

export const trap: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  if (args[0] === '-l') {
    const cells: string[] = [];
    for (let n = 1; n <= 64; n++) if (SIGNAL_NAMES[n]) cells.push(`${String(n).padStart(2)}) SIG${SIGNAL_NAMES[n]}`);
    let out = '';
    for (let i = 0; i < cells.length; i += 5) out += cells.slice(i, i + 5).join('\t') + '\n';
    await sh.stdout().write(out);
    return 0;
  }
  if (args[0] === '-p' && sh.dialect.name === 'bash') {
    await printTraps(sh, args.length > 1 ? args.slice(1).map((a) => trapName(a, sh.dialect.name) ?? a) : undefined);
    return 0;
  }
  if (args[0] === '--') args = args.slice(1);
  else if (args[0] !== undefined && /^-./.test(args[0]) && sh.dialect.name !== 'bash') {
    if (sh.dialect.name === 'dash') await complain(sh, 'trap', `Illegal option ${args[0]}`);
    else await complain(sh, 'trap', `illegal option ${args[0]}`);
    specialBuiltinFailed(sh, 2);
    return 2;
  }
  if (args.length === 0) {
    await printTraps(sh);
    return 0;
  }
  let action: string | null = args[0]!;
  let specs = args.slice(1);
  // `trap INT` (one argument that is a signal) resets it, like `trap - INT`.
  if (specs.length === 0) {
    specs = [action];
    action = null;
  } else if (action === '-') action = null;
  else if (/^[0-9]+$/.test(action) && sh.dialect.name !== 'bash') {
    specs = args;
    action = null;
  }
  let status = 0;
  for (const spec of specs) {
    const name = trapName(spec, sh.dialect.name);
    if (name === null) {
      if (sh.dialect.name === 'dash') await sh.stderr().write(`trap: ${spec}: bad trap\n`);
      else await complain(sh, 'trap', `${spec}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (action === null) sh.traps.delete(name);
    else sh.traps.set(name, action);
    sh.applyTrap(name);
  }
  return status;
};
