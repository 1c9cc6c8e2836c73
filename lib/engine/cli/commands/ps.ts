/**
 * `docker ps` / `docker container ls`: containers newest first, running only unless -a/-l/-n, filtered, formatted
 * (docker/cli cli/command/container/list.go, formatter/container.go; moby daemon/list.go, container/state.go).
 */

import { invalidParameter } from '../../errors';
import { layerFromMemNode } from '../../fs/diff';
import { formatGoTimeString } from '../../format/time';
import { familiarString, parseNormalizedNamed } from '../../format/reference';
import type { Container } from '../../container/Container';
import type { Engine } from '../../Engine';
import type { CommandSpec } from '../command';
import { goQuoteString } from '../format/template/fmt';
import { humanDuration, humanSizeWithPrecision } from '../format/units';
import { ellipsis } from '../format/width';
import { goStruct, renderFormatted, truncateId } from '../output';

export const FORMAT_USAGE =
  "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting templates";

const DEFAULT_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

const HEADERS = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
  LocalVolumes: 'LOCAL VOLUMES',
};

/** Seconds precision, as the API's `Created` is a Unix time in seconds. */
const createdSec = (c: Container) => Math.floor(c.createdMs / 1000) * 1000;

/** The daemon's `Command`: Path and Args, arguments with a space in single quotes. */
export function containerCommand(c: Container): string {
  if (c.args.length === 0) return c.path;
  return `${c.path} ${c.args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** moby State.String(). */
export function containerStatus(c: Container, now: number): string {
  const s = c.state;
  switch (s.status) {
    case 'running':
      return `Up ${humanDuration(now - (s.startedAt ?? now))}`;
    case 'paused':
      return `Up ${humanDuration(now - (s.startedAt ?? now))} (Paused)`;
    case 'restarting':
      return `Restarting (${s.exitCode}) ${humanDuration(now - (s.finishedAt ?? now))} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
      return 'Created';
    case 'exited':
      if (s.finishedAt === null) return '';
      return `Exited (${s.exitCode}) ${humanDuration(now - s.finishedAt)} ago`;
  }
}

/**
 * The daemon's `Image` of a container (moby daemon/list.go): the reference as typed while it still resolves to the
 * container's image, else the image ID.
 */
export function daemonImageName(engine: Engine, c: Container): string {
  const typed = c.imageRef;
  if (typed === c.image.id) return typed;
  return engine.images.find(typed)?.id === c.image.id ? typed : c.image.id;
}

/** The CLI's IMAGE column (formatter ContainerContext.Image): truncated IDs, familiar references, digests dropped. */
export function containerImage(engine: Engine, c: Container, trunc = true): string {
  const image = daemonImageName(engine, c);
  if (image === '') return '<no image>';
  if (!trunc) return image;
  if (truncateId(c.image.id) === truncateId(image)) return truncateId(image);
  try {
    const r = parseNormalizedNamed(image);
    return familiarString(r.tag !== undefined ? { domain: r.domain, path: r.path, tag: r.tag } : { domain: r.domain, path: r.path });
  } catch {
    return image;
  }
}

interface PortSummary {
  readonly ip: string;
  readonly privatePort: number;
  readonly publicPort: number;
  readonly type: string;
}

/** The daemon's port list of a running container: exposed ports, and one entry per published binding. */
function portSummaries(engine: Engine, c: Container): PortSummary[] {
  const published = engine.network.portsOf(c);
  if (!c.running || !published) return [];
  const out: PortSummary[] = [];
  for (const [p, bindings] of published) {
    const [port, type = 'tcp'] = p.split('/');
    if (!bindings || bindings.length === 0) out.push({ ip: '', privatePort: Number(port), publicPort: 0, type });
    for (const b of bindings ?? []) out.push({ ip: b.hostIp, privatePort: Number(port), publicPort: Number(b.hostPort), type });
  }
  return out;
}

/** Go's netip ordering of the two address families we print (IPv4 before IPv6), then text. */
function ipLess(a: string, b: string): boolean {
  const fa = a.includes(':') ? 1 : 0;
  const fb = b.includes(':') ? 1 : 0;
  return fa !== fb ? fa < fb : a < b;
}

const joinHostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/**
 * PORTS (formatter.DisplayablePorts): sorted by private port, IP, public port, type; ports published on the same
 * number and exposed-only ports are merged into consecutive ranges per (IP, type); other mappings come last.
 */
export function displayPorts(engine: Engine, c: Container): string {
  const ports = portSummaries(engine, c).sort((i, j) =>
    i.privatePort !== j.privatePort
      ? i.privatePort - j.privatePort
      : i.ip !== j.ip
        ? ipLess(i.ip, j.ip)
          ? -1
          : 1
        : i.publicPort !== j.publicPort
          ? i.publicPort - j.publicPort
          : i.type < j.type
            ? -1
            : i.type > j.type
              ? 1
              : 0,
  );
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  const formGroup = (key: string, first: number, last: number): string => {
    const slash = key.lastIndexOf('/');
    const ip = slash > 0 ? key.slice(0, slash) : '';
    const type = key.slice(slash + 1);
    let group = first === last ? `${first}` : `${first}-${last}`;
    if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
    return `${group}/${type}`;
  };
  for (const p of ports) {
    let key = `/${p.type}`;
    if (p.ip !== '') {
      if (p.publicPort !== p.privatePort) {
        hostMappings.push(`${joinHostPort(p.ip, String(p.publicPort))}->${p.privatePort}/${p.type}`);
        continue;
      }
      key = `${p.ip}/${p.type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: p.privatePort, last: p.privatePort });
      continue;
    }
    if (p.privatePort === g.last + 1) {
      g.last = p.privatePort;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    // Go replaces the map entry: the key keeps its first-creation position in the final flush.
    groups.set(key, { first: p.privatePort, last: p.privatePort });
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last));
  return [...result, ...hostMappings].join(', ');
}

/** The template data of one row (formatter.ContainerContext). */
function containerContext(engine: Engine, c: Container, trunc: boolean, now: number, size: boolean): Record<string, unknown> {
  const cmd = containerCommand(c);
  const labels = c.config.Labels ?? {};
  let sizeText = '0B';
  if (size) {
    // Only `-s` makes the daemon compute sizes (SizeRw, SizeRootFs); otherwise the column reads 0B.
    const rw = layerFromMemNode(c.overlay.upper).size;
    const virtual = rw + c.image.size;
    sizeText = humanSizeWithPrecision(rw, 3) + (virtual > 0 ? ` (virtual ${humanSizeWithPrecision(virtual, 3)})` : '');
  }
  return goStruct('*formatter.ContainerContext', {
    ID: trunc ? c.shortId : c.id,
    Names: c.name,
    Image: containerImage(engine, c, trunc),
    Command: goQuoteString(trunc ? ellipsis(cmd, 20) : cmd),
    CreatedAt: formatGoTimeString(createdSec(c)),
    RunningFor: `${humanDuration(now - createdSec(c))} ago`,
    Ports: displayPorts(engine, c),
    State: c.state.status,
    Status: containerStatus(c, now),
    Size: sizeText,
    Labels: Object.keys(labels)
      .map((k) => `${k}=${labels[k]}`)
      .sort()
      .join(','),
    Label: (name: string) => labels[name] ?? '',
    Mounts: c.hostConfig.binds.map((b) => (trunc ? ellipsis(b.source, 15) : b.source)).join(','),
    Networks: c.hostConfig.networkMode === 'default' ? 'bridge' : c.hostConfig.networkMode,
    LocalVolumes: String(c.hostConfig.binds.filter((b) => b.kind === 'volume').length),
  });
}

const PS_FILTERS = ['ancestor', 'before', 'exited', 'expose', 'health', 'id', 'is-task', 'isolation', 'label', 'name', 'network', 'publish', 'since', 'status', 'volume'];
const STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

/** Parses `-f key=value` flags into key → values, rejecting keys the daemon does not know. */
export function parseFilters(raw: readonly string[], accepted: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of raw) {
    const eq = f.indexOf('=');
    const key = f.slice(0, eq).trim().toLowerCase();
    const value = f.slice(eq + 1).trim();
    if (!accepted.includes(key)) throw invalidParameter(`invalid filter '${key}'`);
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

function matchesFilters(engine: Engine, c: Container, filters: Map<string, string[]>): boolean {
  for (const [key, values] of filters) {
    const any = (pred: (v: string) => boolean) => values.some(pred);
    switch (key) {
      case 'status':
        for (const v of values) if (!STATES.includes(v)) throw invalidParameter(`invalid filter 'status=${v}'`);
        if (!any((v) => v === c.state.status)) return false;
        break;
      case 'name':
        // The daemon matches the name (with its leading '/') as a regular expression.
        if (!any((v) => new RegExp(v).test(`/${c.name}`))) return false;
        break;
      case 'id':
        // filters.Match: the value is an unanchored regular expression.
        if (!any((v) => new RegExp(v).test(c.id))) return false;
        break;
      case 'exited':
        if (c.state.status !== 'exited' || !any((v) => Number(v) === c.state.exitCode)) return false;
        break;
      case 'label':
        if (
          !values.every((v) => {
            const eq = v.indexOf('=');
            const labels = c.config.Labels ?? {};
            return eq < 0 ? v in labels : labels[v.slice(0, eq)] === v.slice(eq + 1);
          })
        )
          return false;
        break;
      case 'ancestor': {
        // The image named, or any image built on it (its local parent chain).
        const ok = any((v) => {
          const img = engine.images.find(v);
          if (!img) return false;
          for (let cur: typeof img | undefined = c.image; cur; cur = cur.parent ? engine.images.get(cur.parent) : undefined) {
            if (cur.id === img.id) return true;
          }
          return false;
        });
        if (!ok) return false;
        break;
      }
      case 'before':
      case 'since': {
        // Relative to another container's creation (moby list.go: by container, newest-first walk).
        for (const v of values) {
          const ref = engine.containers.resolve(v);
          if (key === 'before' ? !(c.createdMs < ref.createdMs) : !(c.createdMs > ref.createdMs)) return false;
        }
        break;
      }
      case 'network':
        if (!any((v) => v === c.hostConfig.networkMode || (v === 'bridge' && c.hostConfig.networkMode === 'default'))) return false;
        break;
      case 'health':
        // No healthchecks are simulated: every container is "none".
        for (const v of values) if (!['starting', 'healthy', 'unhealthy', 'none'].includes(v)) throw invalidParameter(`invalid filter 'health=${v}'`);
        if (!any((v) => v === 'none')) return false;
        break;
      case 'expose':
      case 'publish': {
        // `80`, `80/udp`, `8000-8080/tcp`: matched against exposed ports, or ports with a binding.
        const ports = key === 'expose' ? Object.keys(c.config.ExposedPorts ?? {}) : Object.keys(c.hostConfig.portBindings);
        const ok = any((v) => {
          const [range, proto = 'tcp'] = v.split('/');
          const [lo, hi = lo] = range!.split('-').map(Number);
          return ports.some((p) => {
            const [n, pp = 'tcp'] = p.split('/');
            return pp === proto && Number(n) >= lo! && Number(n) <= hi!;
          });
        });
        if (!ok) return false;
        break;
      }
      case 'volume':
        if (!any((v) => c.hostConfig.binds.some((b) => b.source === v || b.target === v))) return false;
        break;
      case 'is-task':
        // No swarm: no container is a task.
        if (!any((v) => v === 'false')) return false;
        break;
      default:
        throw invalidParameter(`filter '${key}' is not supported by layerlab`);
    }
  }
  return true;
}

export const ps: CommandSpec = {
  name: 'ls',
  usage: '[OPTIONS]',
  short: 'List containers',
  group: 'container',
  groupAliases: ['list', 'ps'],
  topLevel: 'ps',
  commonRank: 3,
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'filter', short: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', kind: 'string', usage: FORMAT_USAGE },
    { name: 'last', short: 'n', kind: 'int', usage: 'Show n last created containers (includes all states)', default: -1 },
    { name: 'latest', short: 'l', kind: 'bool', usage: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display container IDs' },
    { name: 'size', short: 's', kind: 'bool', usage: 'Display total file sizes' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const f = ctx.flags;
    const engine = ctx.engine;
    const now = engine.clock.now();
    const filters = parseFilters(f.list('filter'), PS_FILTERS);
    let last = f.int('last');
    if (f.bool('latest')) last = 1;
    // A status filter lists containers in any state (moby list.go sets All for it).
    const all = f.bool('all') || last > 0 || filters.has('status');
    let list = engine.containers.list().filter((c) => (all || c.running) && matchesFilters(engine, c, filters));
    if (last > 0) list = list.slice(0, last);
    const trunc = !f.bool('no-trunc');
    let table = DEFAULT_TABLE;
    if (f.bool('size')) table += '\t{{.Size}}';
    await ctx.out(
      renderFormatted({
        format: f.string('format'),
        defaultTable: table,
        quiet: f.bool('quiet'),
        headers: HEADERS,
        rows: list.map((c) => containerContext(engine, c, trunc, now, f.bool('size'))),
      }),
    );
  },
};

