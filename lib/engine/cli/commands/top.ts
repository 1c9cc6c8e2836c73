/**
 * `docker top CONTAINER [ps OPTIONS]`: the daemon runs the host's `ps -ef` and keeps the container's processes
 * (moby daemon/top_unix.go), so PIDs are host PIDs, PID 1's parent is the runtime shim and UID names come from the
 * host's /etc/passwd. The CLI prints the table with tabwriter(minwidth 20, padding 3) (docker/cli container/top.go).
 */
import { containerNotRunning, systemError } from '../../errors';
import { decodeText } from '../../process/text';
import type { FsClient } from '../../fs/Types';
import type { ProcessInfo } from '../../process/Types';
import type { CommandSpec } from '../command';
import { tabwrite } from '../format/tabwriter';

/** The `ps` option spellings that mean `-ef` (the only listing simulated). */
const EF = new Set(['', '-ef', '-fe', '-e -f', '-f -e']);

export const top: CommandSpec = {
  name: 'top',
  usage: 'CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  group: 'container',
  topLevel: 'top',
  flags: [],
  args: { kind: 'min', n: 1 },
  interspersed: false,
  async run(ctx) {
    const c = ctx.engine.containers.resolve(ctx.args[0]!);
    const machine = c.machine;
    if (!c.running || !machine) throw containerNotRunning(c.id);
    const psArgs = ctx.args.slice(1).join(' ');
    if (!EF.has(psArgs)) throw systemError(`ps options "${psArgs}" are not simulated by layerlab (only -ef)`);
    const users = hostUsers(ctx.proc.sys.rootFs);
    const now = ctx.engine.clock.now();
    const rows = [['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']];
    for (const p of machine.processes()) {
      const ppid = p.ppid === 0 || p.pid === 1 ? c.shimPid : machine.hostPidOf(p.ppid);
      rows.push([users.get(p.uid) ?? String(p.uid), String(machine.hostPidOf(p.pid)), String(ppid), '0', stime(p, now), p.tty ?? '?', '00:00:00', p.argv.join(' ')]);
    }
    await ctx.out(tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), { minWidth: 20, padding: 3, padChar: ' ' }));
  },
};

/** uid → name from the daemon host's /etc/passwd (what `ps` on the host resolves against). */
function hostUsers(fs: FsClient): Map<number, string> {
  const users = new Map<number, string>();
  let text = '';
  try {
    text = decodeText(fs.readFile('/etc/passwd'));
  } catch {
    return users;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || !/^[0-9]+$/.test(f[2]!)) continue;
    const uid = Number(f[2]);
    if (!users.has(uid)) users.set(uid, f[0]!);
  }
  return users;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** procps STIME: `HH:MM` when started today, `MmmDD` this year, else the year (host time zone: UTC). */
function stime(p: ProcessInfo, now: number): string {
  const t = new Date(p.startTime);
  const n = new Date(now);
  if (t.getUTCFullYear() !== n.getUTCFullYear()) return String(t.getUTCFullYear());
  if (t.getUTCMonth() !== n.getUTCMonth() || t.getUTCDate() !== n.getUTCDate()) return `${MONTHS[t.getUTCMonth()]}${two(t.getUTCDate())}`;
  return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}
