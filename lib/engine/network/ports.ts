/**
 * `-p`/`--publish` values → exposed ports and port bindings, as the docker CLI turns them into the create request:
 * cli/command/container/opts.go convertToStandardNotation (the `target=80,published=8080` long form) then
 * go-connections nat.ParsePortSpecs (the `[ip:][hostPort:]containerPort[/proto]` short form), with their error texts
 * (CLI 28: lower-case `invalid containerPort: x`, `invalid IP address: x`...).
 */

import { EngineError } from '../errors';
import type { PortBinding } from '../container/Types';

export interface PublishSpec {
  /** `80/tcp` keys in the order first seen (they join the container's ExposedPorts). */
  readonly exposedPorts: string[];
  /** `80/tcp` → the bindings asked for; `hostPort` empty = a random port, `8000-8010` = one from that range. */
  readonly portBindings: Record<string, PortBinding[]>;
}

/** A client-side parse error: `docker run` prints `docker: <message>` and exits 125. */
const publishError = (message: string) => new EngineError('InvalidPublish', 'invalidParameter', message, {}, false);

/** The long syntax `published=8080,target=80,protocol=udp` → `8080:80/udp` (unknown keys are ignored, as Docker does). */
function toStandardNotation(value: string): string {
  if (!value.includes('=')) return value;
  const params = new Map<string, string>([['protocol', 'tcp']]);
  for (const param of value.split(',')) {
    const eq = param.indexOf('=');
    if (eq <= 0) throw publishError(`invalid publish opts format (should be name=value but got '${param}')`);
    params.set(param.slice(0, eq), param.slice(eq + 1));
  }
  return `${params.get('published') ?? ''}:${params.get('target') ?? ''}/${params.get('protocol') ?? ''}`;
}

/** Go's strconv.ParseUint(s, 10, 16): decimal digits only (underscores are not allowed in base 10), ≤ 65535. */
function parseUint16(s: string): number | null {
  if (!/^[0-9]+$/.test(s)) return null;
  const n = Number(s);
  return n <= 65535 ? n : null;
}

/** nat.ParsePortRange: `80` or `8000-8010` (only the first two `-` fields count), end ≥ start. */
export function parsePortRange(ports: string): { start: number; end: number } | null {
  if (ports === '') return null;
  if (!ports.includes('-')) {
    const n = parseUint16(ports);
    return n === null ? null : { start: n, end: n };
  }
  const parts = ports.split('-');
  const start = parseUint16(parts[0]!);
  const end = parseUint16(parts[1]!);
  if (start === null || end === null || end < start) return null;
  return { start, end };
}

/** nat.SplitProtoPort: `80/udp` → udp, 80; `80` and `80/` → tcp; `/udp` → nothing. */
function splitProtoPort(raw: string): { proto: string; port: string } {
  const parts = raw.split('/');
  if (raw === '' || parts[0] === '') return { proto: '', port: '' };
  if (parts.length === 1 || parts[1] === '') return { proto: 'tcp', port: parts[0]! };
  return { proto: parts[1]!, port: parts[0]! };
}

/** nat.splitParts: the last two `:` fields are the ports, everything before is the IP (IPv6 has colons). */
function splitParts(raw: string): { ip: string; hostPort: string; containerPort: string } {
  const parts = raw.split(':');
  const n = parts.length;
  if (n === 1) return { ip: '', hostPort: '', containerPort: parts[0]! };
  if (n === 2) return { ip: '', hostPort: parts[0]!, containerPort: parts[1]! };
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2]!, containerPort: parts[n - 1]! };
}

/** Go's net.ParseIP: dotted IPv4 (no leading zeros in Go ≥ 1.17) or an IPv6 text form. */
export function isIpAddress(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  let groups = s.split(':');
  // An embedded IPv4 tail counts as two groups.
  const last = groups[groups.length - 1]!;
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  const double = s.indexOf('::');
  if (double !== s.lastIndexOf('::')) return false;
  if (double < 0) return groups.length === 8 && groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g));
  const [head, tail] = [s.slice(0, double), s.slice(double + 2)];
  const hs = head === '' ? [] : head.split(':');
  let ts = tail === '' ? [] : tail.split(':');
  if (ts.length > 0 && ts[ts.length - 1]!.includes('.')) ts = [...ts.slice(0, -1), '0', '0'];
  return hs.length + ts.length <= 7 && [...hs, ...ts].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g));
}

/** One `-p` value (nat.ParsePortSpec, go-connections v0.5). */
function parsePortSpec(rawPort: string): Array<{ port: string; binding: PortBinding }> {
  let { ip, hostPort, containerPort } = splitParts(rawPort);
  const split = splitProtoPort(containerPort);
  const proto = split.proto;
  containerPort = split.port;
  if (ip !== '' && ip[0] === '[') {
    // net.SplitHostPort(ip + ":"): `[addr]` with nothing after the bracket.
    const m = /^\[([^\][]*)\]$/.exec(ip);
    if (!m) throw publishError(`invalid IP address ${ip}: address ${ip}:: ${ip.includes(']') ? 'missing port in address' : "missing ']' in address"}`);
    ip = m[1]!;
  }
  if (ip !== '' && !isIpAddress(ip)) throw publishError(`invalid IP address: ${ip}`);
  if (containerPort === '') throw publishError(`no port specified: ${rawPort}<empty>`);
  const c = parsePortRange(containerPort);
  if (!c) throw publishError(`invalid containerPort: ${containerPort}`);
  let h = { start: 0, end: 0 };
  if (hostPort !== '') {
    const r = parsePortRange(hostPort);
    if (!r) throw publishError(`invalid hostPort: ${hostPort}`);
    h = r;
    // A host range with a single container port is the range to pick a free host port from.
    if (c.end - c.start !== h.end - h.start && c.end !== c.start) {
      throw publishError(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
    }
  }
  const lower = proto.toLowerCase();
  if (lower !== 'tcp' && lower !== 'udp' && lower !== 'sctp') throw publishError(`invalid proto: ${proto}`);
  const out: Array<{ port: string; binding: PortBinding }> = [];
  for (let i = 0; i <= c.end - c.start; i++) {
    let hp = '';
    if (hostPort !== '') hp = String(h.start + i);
    if (c.start === c.end && h.start !== h.end) hp = `${hp}-${h.end}`;
    out.push({ port: `${c.start + i}/${lower}`, binding: { hostIp: ip, hostPort: hp } });
  }
  return out;
}

/**
 * Parses every `-p`/`--publish` value of `docker run`/`docker create`. Throws a non-daemon EngineError
 * (kind invalidParameter) with Docker's text on the first bad value; nothing is half-applied.
 */
export function parsePublish(values: readonly string[]): PublishSpec {
  const exposedPorts: string[] = [];
  const portBindings: Record<string, PortBinding[]> = {};
  const converted = values.map(toStandardNotation);
  for (const value of converted) {
    for (const { port, binding } of parsePortSpec(value)) {
      if (!(port in portBindings)) {
        exposedPorts.push(port);
        portBindings[port] = [];
      }
      portBindings[port]!.push(binding);
    }
  }
  return { exposedPorts, portBindings };
}
