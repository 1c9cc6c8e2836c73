/**
 * `docker port CONTAINER [PRIVATE_PORT[/PROTO]]` (docker/cli cli/command/container/port.go): the published
 * bindings of a running container, `80/tcp -> 0.0.0.0:8080` lines naturally sorted, or the host addresses of one
 * private port. Texts per docker.md §4.13.
 */
import { CliError, type CommandSpec } from '../command';

const joinHostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** github.com/fvbommel/sortorder NaturalLess: runs of digits compare as numbers, the rest byte-wise. */
export function naturalLess(a: string, b: string): boolean {
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (isDigit(a[i]) && isDigit(b[j])) {
      // Skip leading zeros, then the longer run is larger; equal lengths compare digit by digit.
      let zi = i;
      while (a[zi] === '0') zi++;
      let zj = j;
      while (b[zj] === '0') zj++;
      let ei = zi;
      while (isDigit(a[ei])) ei++;
      let ej = zj;
      while (isDigit(b[ej])) ej++;
      if (ei - zi !== ej - zj) return ei - zi < ej - zj;
      const na = a.slice(zi, ei);
      const nb = b.slice(zj, ej);
      if (na !== nb) return na < nb;
      // Same value: fewer leading zeros first.
      if (zi - i !== zj - j) return zi - i < zj - j;
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] !== b[j]) return a[i]! < b[j]!;
    i++;
    j++;
  }
  return a.length - i < b.length - j;
}

export const port: CommandSpec = {
  name: 'port',
  usage: 'CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  group: 'container',
  topLevel: 'port',
  flags: [],
  args: { kind: 'range', min: 1, max: 2 },
  async run(ctx) {
    const name = ctx.args[0]!;
    const c = ctx.engine.containers.resolve(name);
    const published = ctx.engine.network.portsOf(c) ?? new Map();
    const out: string[] = [];
    const asked = ctx.args[1];
    if (asked !== undefined) {
      const slash = asked.indexOf('/');
      const num = slash < 0 ? asked : asked.slice(0, slash);
      const proto = slash < 0 || asked.slice(slash + 1) === '' ? 'tcp' : asked.slice(slash + 1);
      if (!/^[0-9]+$/.test(num) || Number(num) > 65535) {
        const why = /^[0-9]+$/.test(num) ? 'value out of range' : 'invalid syntax';
        throw new CliError(`invalid port (${num}): strconv.ParseUint: parsing ${JSON.stringify(num)}: ${why}`);
      }
      const frontends = published.get(`${num}/${proto}`);
      if (!frontends || frontends.length === 0) throw new CliError(`no public port '${asked}' published for ${name}`);
      for (const f of frontends) out.push(joinHostPort(f.hostIp, f.hostPort));
    } else {
      for (const [from, frontends] of published) for (const f of frontends ?? []) out.push(`${from} -> ${joinHostPort(f.hostIp, f.hostPort)}`);
    }
    out.sort((x, y) => (naturalLess(x, y) ? -1 : naturalLess(y, x) ? 1 : 0));
    if (out.length > 0) await ctx.out(`${out.join('\n')}\n`);
  },
};
