/**
 * ss (iproute2 6.1): the machine's sockets. Only listening TCP sockets exist in the simulation (connections are
 * in-memory pipes without a socket table), so established lists are empty. Layout as ss renders to a pipe: each
 * column as wide as its header or widest cell, addresses right-aligned up to their `:`, no spreading to the terminal
 * width. Send-Q of a listener is its accept backlog: the value each daemon passes to listen(2) (nginx, redis, httpd
 * 511; mysqld's back_log 151; postgres 244 for its default max_connections; Go's registry the kernel's somaxconn 4096).
 * `-p` shows the owning process only (the workers sharing nginx's socket are not tracked), fd numbers from 3 up.
 */

import { basename } from '../../../engine/fs/path';
import type { Listener } from '../../../engine/network/Listener';
import { NETWORK } from '../../../engine/network/Network';
import { decodeText } from '../../../engine/process/text';
import type { Program, ProcessContext } from '../../../engine/process/Types';
import { SS_USAGE } from './ss-usage';

const BACKLOG: Readonly<Record<string, number>> = { nginx: 511, 'redis-server': 511, httpd: 511, mysqld: 151, postgres: 244, registry: 4096 };

const LONG: Readonly<Record<string, string>> = { tcp: 't', udp: 'u', unix: 'x', raw: 'w', listening: 'l', all: 'a', numeric: 'n', processes: 'p', summary: 's', ipv4: '4', ipv6: '6' };

interface Row {
  readonly netid: string;
  readonly state: string;
  readonly recvq: string;
  readonly sendq: string;
  readonly local: string;
  readonly lport: string;
  readonly peer: string;
  readonly pport: string;
  readonly proc: string;
}

/** The process's comm (what /proc/PID/stat holds: the executable's name, 15 characters at most). */
function comm(ctx: ProcessContext, pid: number | undefined): string | null {
  const p = pid === undefined ? undefined : ctx.sys.processes().find((q) => q.pid === pid);
  if (!p) return null;
  return basename((p.argv[0] ?? '').split(/[: ]/)[0]!).slice(0, 15);
}

function service(ctx: ProcessContext, port: number): string {
  try {
    for (const line of decodeText(ctx.fs.readFile('/etc/services')).split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f[1] === `${port}/tcp`) return f[0]!;
    }
  } catch {
    // No /etc/services (slim images): ports stay numeric.
  }
  return String(port);
}

function rows(ctx: ProcessContext, ls: readonly Listener[], numeric: boolean, processes: boolean): Row[] {
  const fds = new Map<number, number>();
  return ls.map((l) => {
    const v6 = l.address.includes(':');
    const name = comm(ctx, l.owner);
    let proc = '';
    // Only root may read other users' /proc/PID/fd, so their sockets show no process.
    const readable = ctx.cred.uid === 0 || ctx.sys.processes().find((q) => q.pid === l.owner)?.uid === ctx.cred.uid;
    if (processes && readable && name !== null && l.owner !== undefined) {
      const fd = fds.get(l.owner) ?? 3;
      fds.set(l.owner, fd + 1);
      proc = ` users:(("${name}",pid=${l.owner},fd=${fd}))`;
    }
    const local = v6 ? `[${l.address}]` : !numeric && l.address === '127.0.0.1' ? 'localhost' : l.address;
    return {
      netid: 'tcp',
      state: 'LISTEN',
      recvq: '0',
      sendq: String(BACKLOG[name ?? ''] ?? 128),
      local: `${local}:`,
      lport: numeric ? String(l.port) : service(ctx, l.port),
      peer: v6 ? '[::]:' : '0.0.0.0:',
      pport: '*',
      proc,
    };
  });
}

function render(rs: readonly Row[], netid: boolean): string {
  const width = (head: string, key: keyof Row) => Math.max(head.length, ...rs.map((r) => r[key].length));
  const w = {
    netid: width('Netid', 'netid'),
    state: width('State', 'state'),
    recvq: width('Recv-Q', 'recvq'),
    sendq: width('Send-Q', 'sendq'),
    local: width('Local Address:', 'local'),
    lport: width('Port', 'lport'),
    peer: width('Peer Address:', 'peer'),
    pport: width('Port', 'pport'),
    proc: width('Process', 'proc'),
  };
  const line = (r: Row) =>
    `${netid ? `${r.netid.padEnd(w.netid)} ` : ''}${r.state.padEnd(w.state)} ${r.recvq.padEnd(w.recvq)} ${r.sendq.padEnd(w.sendq)} ${r.local.padStart(w.local)}${r.lport.padEnd(w.lport)} ${r.peer.padStart(w.peer)}${r.pport.padEnd(w.pport)}${r.proc.padEnd(w.proc)}\n`;
  const head: Row = { netid: 'Netid', state: 'State', recvq: 'Recv-Q', sendq: 'Send-Q', local: 'Local Address:', lport: 'Port', peer: 'Peer Address:', pport: 'Port', proc: 'Process' };
  return line(head) + rs.map(line).join('');
}

function summary(tcp: number): string {
  const row = (name: string, total: number, ip: number) => `${name}\t  ${String(total).padEnd(9)} ${String(ip).padEnd(9)} ${'0'.padEnd(9)}\n`;
  // Only the listening TCP sockets exist, so they are all the sockets there are.
  return `Total: ${tcp}\nTCP:   ${tcp} (estab 0, closed 0, orphaned 0, timewait 0)\n\nTransport Total     IP        IPv6\n${row('RAW', 0, 0)}${row('UDP', 0, 0)}${row('TCP', tcp, tcp)}${row('INET', tcp, tcp)}${row('FRAG', 0, 0)}\n`;
}

export const ss: Program = async (ctx) => {
  const letters = new Set<string>();
  for (const a of ctx.argv.slice(1)) {
    const bad = a.startsWith('--') ? (LONG[a.slice(2)] ? null : `unrecognized option '${a}'`) : a.startsWith('-') ? ([...a.slice(1)].find((c) => !'tuxwlanps46eomiHO'.includes(c)) ?? null) : null;
    if (bad !== null) {
      await ctx.stderr.write(`ss: ${bad.length === 1 ? `invalid option -- '${bad}'` : bad}\n${SS_USAGE}`);
      return 255;
    }
    if (a.startsWith('--')) letters.add(LONG[a.slice(2)]!);
    else if (a.startsWith('-')) for (const c of a.slice(1)) letters.add(c);
  }
  const all = ctx.sys.service(NETWORK)?.listeners?.() ?? [];
  if (letters.has('s')) {
    await ctx.stdout.write(summary(all.length));
    return 0;
  }
  const kinds = ['t', 'u', 'x', 'w'].filter((k) => letters.has(k));
  const wantTcp = kinds.length === 0 || letters.has('t');
  const listening = letters.has('l') || letters.has('a');
  const shown = wantTcp && listening ? all.filter((l) => !(letters.has('4') && l.address.includes(':')) && !(letters.has('6') && !l.address.includes(':'))) : [];
  // The Netid column appears unless exactly one socket type was asked for.
  await ctx.stdout.write(render(rows(ctx, shown, letters.has('n'), letters.has('p')), kinds.length !== 1));
  return 0;
};
