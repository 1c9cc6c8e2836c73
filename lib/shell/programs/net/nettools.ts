/**
 * net-tools 2.10 (Debian bookworm): netstat, ifconfig and route over the machine's simulated network namespace:
 * loopback plus one Ethernet interface per address (a container's eth0 on the Docker bridge, /16, gateway .1, MAC
 * 02:42 + the IPv4 bytes, as `ip` shows) and the listening sockets its daemons bound. Only TCP listeners exist
 * in the simulation, so UDP and UNIX sections list no sockets; traffic counters are not simulated (0).
 */

import { basename } from '../../../engine/fs/path';
import { NETWORK } from '../../../engine/network/Network';
import type { Listener } from '../../../engine/network/Listener';
import { decodeText } from '../../../engine/process/text';
import type { Program, ProcessContext } from '../../../engine/process/Types';
import { NETSTAT_USAGE, ROUTE_AF_TAIL, ROUTE_USAGE } from './nettools-usage';

const mac = (ip: string) => `02:42:${ip.split('.').map((n) => Number(n).toString(16).padStart(2, '0')).join(':')}`;
const net16 = (ip: string) => ip.split('.').slice(0, 2).join('.');

function addresses(ctx: ProcessContext): readonly string[] {
  return ctx.sys.service(NETWORK)?.addresses ?? [];
}

function listeners(ctx: ProcessContext): readonly Listener[] {
  return ctx.sys.service(NETWORK)?.listeners?.() ?? [];
}

/** netstat's PID/Program name: `pid/` + basename of argv[0], cut to 19 characters as its 20-byte buffer does. */
function programOf(ctx: ProcessContext, pid: number | undefined): string {
  if (pid === undefined) return '-';
  const p = ctx.sys.processes().find((q) => q.pid === pid);
  // Only root may read other users' /proc/PID/fd.
  if (!p || (ctx.cred.uid !== 0 && p.uid !== ctx.cred.uid)) return '-';
  return `${pid}/${basename(p.argv[0] ?? '')}`.slice(0, 19);
}

/** /etc/services name for a TCP port (netstat without -n). */
function serviceName(ctx: ProcessContext, port: number): string {
  let text = '';
  try {
    text = decodeText(ctx.fs.readFile('/etc/services'));
  } catch {
    return String(port);
  }
  for (const line of text.split('\n')) {
    const f = line.replace(/#.*/, '').trim().split(/\s+/);
    if (f[1] === `${port}/tcp`) return f[0]!;
  }
  return String(port);
}

const hostName = (a: string) => (a === '127.0.0.1' ? 'localhost' : a);

function netstatInet(ctx: ProcessContext, o: { numeric: boolean; programs: boolean; listening: boolean; all: boolean }): string {
  const rows: string[] = [];
  if (o.listening || o.all) {
    for (const l of listeners(ctx)) {
      const v6 = l.address.includes(':');
      const local = o.numeric ? `${l.address}:${l.port}` : `${hostName(l.address)}:${serviceName(ctx, l.port)}`;
      let row = `${(v6 ? 'tcp6' : 'tcp').padEnd(5)}      0      0 ${local.padEnd(23)} ${(v6 ? ':::*' : '0.0.0.0:*').padEnd(23)} ${'LISTEN'.padEnd(11)}`;
      if (o.programs) row += ` ${programOf(ctx, l.owner).padEnd(20)}`;
      rows.push(row);
    }
  }
  const what = o.all ? 'servers and established' : o.listening ? 'only servers' : 'w/o servers';
  const head = `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${o.programs ? ' PID/Program name    ' : ''}`;
  return `Active Internet connections (${what})\n${head}\n${rows.map((r) => `${r}\n`).join('')}`;
}

function unixSection(o: { listening: boolean; all: boolean; programs: boolean }): string {
  const what = o.all ? 'servers and established' : o.listening ? 'only servers' : 'w/o servers';
  return `Active UNIX domain sockets (${what})\nProto RefCnt Flags       Type       State         I-Node   ${o.programs ? 'PID/Program name    ' : ''}Path\n`;
}

function routeTable(ctx: ProcessContext, numeric: boolean, netstatStyle: boolean): string {
  const first = addresses(ctx)[0];
  let out = 'Kernel IP routing table\n';
  out += netstatStyle ? 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n' : 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
  const row = (dest: string, gw: string, mask: string, flags: string, iface: string) =>
    netstatStyle ? `${dest.padEnd(15)} ${gw.padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)}     0 0          0 ${iface}\n` : `${dest.padEnd(15)} ${gw.padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)} 0      0        0 ${iface}\n`;
  if (first) out += row(numeric ? '0.0.0.0' : 'default', `${net16(first)}.0.1`, '0.0.0.0', 'UG', 'eth0');
  addresses(ctx).forEach((a, i) => {
    out += row(`${net16(a)}.0.0`, '0.0.0.0', '255.255.0.0', 'U', `eth${i}`);
  });
  return out;
}

interface Flags {
  readonly letters: Set<string>;
  readonly bad?: string;
}

function shortFlags(args: readonly string[], allowed: string, long: Record<string, string>): Flags {
  const letters = new Set<string>();
  for (const a of args) {
    if (a.startsWith('--')) {
      const l = long[a.slice(2)];
      if (!l) return { letters, bad: a };
      letters.add(l);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (!allowed.includes(c)) return { letters, bad: c };
        letters.add(c);
      }
    } else return { letters, bad: a };
  }
  return { letters };
}

export const netstat: Program = async (ctx) => {
  const f = shortFlags(ctx.argv.slice(1), 'tuxwlanprevWNceo', { tcp: 't', udp: 'u', listening: 'l', all: 'a', numeric: 'n', program: 'p', route: 'r', extend: 'e', verbose: 'v', wide: 'W' });
  if (f.bad !== undefined) {
    const bad = f.bad.startsWith('--') ? `unrecognized option '${f.bad}'` : `invalid option -- '${f.bad}'`;
    await ctx.stderr.write(`netstat: ${bad}\n${NETSTAT_USAGE}`);
    return 3;
  }
  const has = (c: string) => f.letters.has(c);
  if (has('r')) {
    await ctx.stdout.write(routeTable(ctx, has('n'), true));
    return 0;
  }
  const o = { numeric: has('n'), programs: has('p'), listening: has('l'), all: has('a') };
  const explicit = has('t') || has('u') || has('w') || has('x');
  let out = '';
  if (!explicit || has('t') || has('u') || has('w')) out += netstatInet(ctx, o);
  if (!explicit || has('x')) out += unixSection(o);
  if (o.programs && ctx.cred.uid !== 0) {
    const uids = new Map(ctx.sys.processes().map((p) => [p.pid, p.uid]));
    const someOwn = listeners(ctx).some((l) => l.owner !== undefined && uids.get(l.owner) === ctx.cred.uid);
    await ctx.stderr.write(
      someOwn ? '(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n' : `(No info could be read for "-p": geteuid()=${ctx.cred.uid} but you should be root.)\n`,
    );
  }
  await ctx.stdout.write(out);
  return 0;
};

export const route: Program = async (ctx) => {
  const f = shortFlags(ctx.argv.slice(1), 'nevFC', { numeric: 'n', extend: 'e', verbose: 'v' });
  if (f.bad !== undefined) {
    // As net-tools does: the usage on stdout, the complaint and address families on stderr, status 0.
    await ctx.stdout.write(ROUTE_USAGE);
    await ctx.stderr.write(`route: ${f.bad.startsWith('--') ? `unrecognized option '${f.bad}'` : `invalid option -- '${f.bad}'`}\n${ROUTE_AF_TAIL}`);
    return 0;
  }
  await ctx.stdout.write(routeTable(ctx, f.letters.has('n'), false));
  return 0;
};

const LO =
  'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127.0.0.1  netmask 255.0.0.0\n        loop  txqueuelen 1000  (Local Loopback)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n';

function ether(name: string, a: string): string {
  return (
    `${name}: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet ${a}  netmask 255.255.0.0  broadcast ${net16(a)}.255.255\n        ether ${mac(a)}  txqueuelen 0  (Ethernet)\n` +
    '        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n'
  );
}

export const ifconfig: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-a');
  const bad = args.find((a) => a.startsWith('-'));
  if (bad !== undefined) {
    await ctx.stderr.write(`ifconfig: option \`${bad}' not recognised.\nifconfig: \`--help' gives usage information.\n`);
    return 1;
  }
  const all = addresses(ctx).map((a, i) => ({ name: `eth${i}`, text: ether(`eth${i}`, a) }));
  all.push({ name: 'lo', text: LO });
  if (args.length === 0) {
    await ctx.stdout.write(all.map((i) => i.text).join(''));
    return 0;
  }
  const [name, ...change] = args;
  const one = all.find((i) => i.name === name);
  if (change.length > 0) {
    // Changing an interface needs CAP_NET_ADMIN, which a container does not have.
    await ctx.stderr.write(one ? 'SIOCSIFFLAGS: Operation not permitted\n' : `SIOCSIFFLAGS: No such device\n`);
    return 1;
  }
  if (!one) {
    await ctx.stderr.write(`${name}: error fetching interface information: Device not found\n`);
    return 1;
  }
  await ctx.stdout.write(one.text);
  return 0;
};
