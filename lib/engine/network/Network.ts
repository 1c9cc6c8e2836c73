/**
 * The simulated network: the learner's host and every running container, each a node with its own listening
 * sockets. Containers sit on the default bridge (172.17.0.x, gateway 172.17.0.1 = the host), reach each other by
 * IP (the default bridge has no DNS for container names) and the host through the gateway; the host reaches
 * containers by IP and through published ports. A published port is a forwarding entry on the host node, made when
 * the container starts (ports allocated then) and removed when it stops.
 *
 * Machines get a `NetStack` (their view of the network) under the NETWORK service key.
 */

import type { Container } from '../container/Container';
import type { PortBinding } from '../container/Types';
import type { Engine, MachineOwner } from '../Engine';
import { EngineError } from '../errors';
import { sha256 } from '../format/digest';
import type { FsClient } from '../fs/Types';
import type { Machine } from '../process/Machine';
import { decodeText, encodeText } from '../process/text';
import { serviceKey, type ProcessSignals } from '../process/Types';
import { PortAllocator } from './allocator';
import { NetError } from './errors';
import { Listener } from './Listener';
import { isIPv4, parsePortRange } from './ports';
import { resetSocket, socketPair, type Endpoint, type Socket } from './socket';

export const BRIDGE_GATEWAY = '172.17.0.1';

/** A published port on the host: connections go to the container's address and port. */
interface Forward {
  readonly kind: 'forward';
  readonly target: NetNode;
  readonly address: string;
  readonly port: number;
}

type Bound = { readonly kind: 'listener'; readonly listener: Listener } | Forward;

/** A globally routable IPv4 address (not private, loopback, link-local, CGNAT, multicast or reserved). */
export function isPublicIPv4(a: string): boolean {
  if (!isIPv4(a)) return false;
  const [x, y] = a.split('.').map(Number) as [number, number];
  if (x === 0 || x === 10 || x === 127 || x >= 224) return false;
  if (x === 172 && y >= 16 && y <= 31) return false;
  if (x === 192 && y === 168) return false;
  if (x === 169 && y === 254) return false;
  if (x === 100 && y >= 64 && y <= 127) return false;
  return true;
}

const isLoopback = (a: string) => /^127\./.test(a) || a === '::1' || a === '0.0.0.0' || a === '::';
const wildcardOf = (a: string) => (a.includes(':') ? '::' : '0.0.0.0');

/** One machine's network namespace: its addresses and what is bound on them. */
export class NetNode {
  readonly bound = new Map<string, Bound>();
  /** Server sides of the connections made to this node, closed when the node goes away. */
  readonly connections = new Set<() => void>();
  private _nextEphemeral = 0;
  constructor(
    readonly name: string,
    /** Non-loopback addresses (a container's bridge IP; the host's gateway address). */
    readonly addresses: readonly string[],
  ) {}

  lookup(address: string, port: number): Bound | undefined {
    return this.bound.get(`${address}:${port}`) ?? this.bound.get(`${wildcardOf(address)}:${port}`) ?? (isLoopback(address) ? this.bound.get(`127.0.0.1:${port}`) : undefined);
  }

  /** A client's source port, as the kernel picks them (32768 up). */
  ephemeralPort(): number {
    return 32768 + (this._nextEphemeral++ % 28232);
  }

  closeAll(): void {
    for (const b of [...this.bound.values()]) if (b.kind === 'listener') b.listener.close();
    this.bound.clear();
    for (const abort of this.connections) abort();
    this.connections.clear();
  }
}

/** What a program sees of the network (curl, nginx, ping...). */
export interface NetStack {
  /** The machine's own non-loopback addresses. */
  readonly addresses: readonly string[];
  /** Name → IPv4 address: literal addresses, `localhost`, then the machine's /etc/hosts; null when unknown. */
  resolve(name: string): string | null;
  /** Binds a listening socket (`0.0.0.0` = every address of this machine), owned by PID `owner`. Throws NetError EADDRINUSE. */
  listen(port: number, address?: string, owner?: number): Listener;
  /** The machine's listening sockets in bind order (netstat, ss); absent on stacks that have none to show. */
  listeners?(): readonly Listener[];
  /** Connects to `address:port` (an address, not a name). Throws NetError ECONNREFUSED / EHOSTUNREACH. */
  connect(address: string, port: number, signals?: ProcessSignals): Socket;
  /**
   * Who answers an ICMP echo to `address`: a running machine of this network ('local'), a public Internet address
   * ('internet': echo replies are simulated, nothing else of the Internet is), or nobody (null).
   */
  reachable(address: string): 'local' | 'internet' | null;
}

export const NETWORK = serviceKey<NetStack>('network');

/** The ports a running container has published: `80/tcp` → host bindings (null = exposed only), as inspect shows. */
export type PublishedPorts = ReadonlyMap<string, readonly PortBinding[] | null>;

interface Attachment {
  readonly node: NetNode;
  readonly ports: PublishedPorts;
  readonly held: Array<{ address: string; port: number; proto: string }>;
}

function hostsLookup(fs: FsClient, name: string): string | null {
  let text: string;
  try {
    text = decodeText(fs.readFile('/etc/hosts'));
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length >= 2 && isIPv4(fields[0]!) && fields.slice(1).includes(name)) return fields[0]!;
  }
  return null;
}

export class Network {
  readonly allocator = new PortAllocator();
  readonly host = new NetNode('host', [BRIDGE_GATEWAY]);
  private readonly _attached = new Map<string, Attachment>();

  constructor(private readonly _engine: Engine) {
    _engine.addMachineSetup((machine, owner) => this._setUp(machine, owner));
    _engine.containers.onDidChange((change) => {
      if (change.kind !== 'state' && change.kind !== 'removed') return;
      const c = _engine.containers.get(change.id);
      if (!c || !c.running) this.detach(change.id);
    });
  }

  /** NetworkSettings.Ports of a running container (null when it is not running). */
  portsOf(c: Container): PublishedPorts | null {
    return this._attached.get(c.id)?.ports ?? null;
  }

  private _setUp(machine: Machine, owner: MachineOwner): void {
    if (owner.kind === 'host') {
      machine.provide(NETWORK, this._stack(this.host, machine));
      return;
    }
    const node = this.attach(owner.container);
    machine.provide(NETWORK, this._stack(node, machine));
  }

  /** A container starts: its node joins the bridge and its ports are published (throws when a port is taken). */
  attach(c: Container): NetNode {
    this.detach(c.id);
    const node = new NetNode(c.id, [c.ipAddress]);
    const { ports, held } = this._allocate(c);
    const attachment: Attachment = { node, ports, held };
    for (const [key, bindings] of ports) {
      const [port, proto] = key.split('/') as [string, string];
      if (proto !== 'tcp' || !bindings) continue;
      for (const b of bindings) this.host.bound.set(`${b.hostIp}:${b.hostPort}`, { kind: 'forward', target: node, address: c.ipAddress, port: Number(port) });
    }
    this._attached.set(c.id, attachment);
    return node;
  }

  /** A container stops: its sockets close, its published ports are released. */
  detach(id: string): void {
    const a = this._attached.get(id);
    if (!a) return;
    this._attached.delete(id);
    a.node.closeAll();
    for (const h of a.held) {
      this.allocator.release(h.address, h.port, h.proto);
      const key = `${h.address}:${h.port}`;
      const b = this.host.bound.get(key);
      if (b?.kind === 'forward' && b.target === a.node) this.host.bound.delete(key);
    }
  }

  /** The bindings to make: `-p` ones, plus every other exposed port with `-P`; in port order, as the daemon sorts. */
  private _allocate(c: Container): { ports: Map<string, PortBinding[] | null>; held: Attachment['held'] } {
    const wanted = new Map<string, readonly PortBinding[]>();
    for (const [k, v] of Object.entries(c.hostConfig.portBindings)) wanted.set(k, v);
    const exposed = Object.keys(c.config.ExposedPorts ?? {});
    if (c.hostConfig.publishAllPorts) for (const p of exposed) if (!wanted.has(p) || wanted.get(p)!.length === 0) wanted.set(p, [{ hostIp: '', hostPort: '' }]);
    const order = (k: string) => {
      const [p, proto = 'tcp'] = k.split('/');
      return { n: parseInt(p!, 10), proto };
    };
    const keys = [...new Set([...exposed, ...wanted.keys()])].sort((a, b) => order(a).n - order(b).n || (order(a).proto < order(b).proto ? -1 : 1));
    const ports = new Map<string, PortBinding[] | null>();
    const held: Attachment['held'] = [];
    try {
      for (const key of keys) {
        const bindings = wanted.get(key) ?? [];
        if (bindings.length === 0) {
          ports.set(key, null);
          continue;
        }
        const proto = order(key).proto;
        const out: PortBinding[] = [];
        for (const b of bindings) {
          const addresses = b.hostIp === '' ? ['0.0.0.0', '::'] : [b.hostIp];
          const range = b.hostPort === '' ? null : parsePortRange(b.hostPort);
          let port: number | null;
          if (range && range.start === range.end && range.start !== 0) {
            port = range.start;
            const busy = addresses.find((a) => !this.allocator.isFree(a, port!, proto));
            if (busy !== undefined) throw this._bindError(c, busy, String(port));
          } else {
            port = range && range.start !== 0 ? this.allocator.pick(addresses, proto, range.start, range.end) : this.allocator.pick(addresses, proto);
            if (port === null) throw this._bindError(c, addresses[0]!, b.hostPort === '' ? '0' : b.hostPort);
          }
          for (const a of addresses) {
            this.allocator.hold(a, port, proto);
            held.push({ address: a, port, proto });
            out.push({ hostIp: a, hostPort: String(port) });
          }
        }
        ports.set(key, out);
      }
    } catch (e) {
      for (const h of held) this.allocator.release(h.address, h.port, h.proto);
      throw e;
    }
    return { ports, held };
  }

  private _bindError(c: Container, address: string, port: string): EngineError {
    const endpoint = sha256(encodeText(`layerlab-endpoint:${c.id}:${this._engine.clock.now()}`)).slice(7);
    const host = address.includes(':') ? `[${address}]` : address;
    return new EngineError(
      'PortAllocated',
      'system',
      `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${endpoint}): Bind for ${host}:${port} failed: port is already allocated`,
      { exitCode: 125 },
    );
  }

  private _nodeAt(from: NetNode, address: string): NetNode | null {
    if (isLoopback(address) || from.addresses.includes(address)) return from;
    if (this.host.addresses.includes(address)) return this.host;
    for (const a of this._attached.values()) if (a.node.addresses.includes(address)) return a.node;
    return null;
  }

  private _stack(node: NetNode, machine: Machine): NetStack {
    return {
      addresses: node.addresses,
      resolve: (name) => {
        if (isIPv4(name)) return name;
        const fromHosts = hostsLookup(machine.rootFs, name);
        if (fromHosts) return fromHosts;
        if (name === 'localhost') return '127.0.0.1';
        return null;
      },
      listen: (port, address = '0.0.0.0', owner) => {
        const key = `${address}:${port}`;
        const clash = [...node.bound.keys()].some((k) => {
          const [a, p] = [k.slice(0, k.lastIndexOf(':')), k.slice(k.lastIndexOf(':') + 1)];
          return p === String(port) && (a === address || a === wildcardOf(address) || address === wildcardOf(a));
        });
        if (clash) throw new NetError('EADDRINUSE');
        const listener = new Listener(
          address,
          port,
          () => {
            const b = node.bound.get(key);
            if (b?.kind === 'listener' && b.listener === listener) node.bound.delete(key);
          },
          owner,
        );
        node.bound.set(key, { kind: 'listener', listener });
        return listener;
      },
      listeners: () => [...node.bound.values()].flatMap((b) => (b.kind === 'listener' ? [b.listener] : [])),
      connect: (address, port, signals) => this._connect(node, address, port, signals),
      reachable: (address) => (this._nodeAt(node, address) !== null ? 'local' : isPublicIPv4(address) ? 'internet' : null),
    };
  }

  private _connect(from: NetNode, address: string, port: number, signals: ProcessSignals | undefined): Socket {
    const target = this._nodeAt(from, address);
    if (!target) throw new NetError(address.startsWith('172.17.') ? 'EHOSTUNREACH' : 'ENETUNREACH');
    const bound = target.lookup(address, port);
    if (!bound) throw new NetError('ECONNREFUSED');
    const local: Endpoint = { address: isLoopback(address) ? '127.0.0.1' : (from.addresses[0] ?? '127.0.0.1'), port: from.ephemeralPort() };
    if (bound.kind === 'forward') {
      // docker-proxy accepts, then connects to the container; nothing listening there → the client sees a reset.
      try {
        return this._connect(target, bound.address, bound.port, signals);
      } catch (e) {
        if (e instanceof NetError) return resetSocket(local, { address, port });
        throw e;
      }
    }
    // Only containers go away while the network lives; the host's connections need no tracking.
    const tracked = target !== this.host;
    const { client, server, abort } = socketPair(local, { address, port }, signals, tracked ? () => target.connections.delete(abort) : undefined);
    if (tracked) target.connections.add(abort);
    bound.listener.enqueue(server);
    return client;
  }
}
