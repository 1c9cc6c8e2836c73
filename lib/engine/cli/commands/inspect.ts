/**
 * `docker inspect`, `docker image inspect`, `docker container inspect`: the API's inspect objects as indented JSON
 * (a list, 4 spaces, docker/cli cli/command/inspect/inspector.go), or `-f` templates run per object.
 *
 * Image objects follow the Engine 28 image inspect response for the graphdriver (overlay2) store (docker.md §4.5).
 * Container objects follow the Engine 28 container inspect response; the HostConfig and NetworkSettings values
 * are those of a container created with default options on a Linux host (written from Docker 28 output, not from
 * its source).
 *
 * Templates run first on the typed object (structs: a missing field is an error) and, when that fails, on the plain
 * JSON maps (a missing key prints `<no value>`), as docker's TemplateInspector falls back to the raw JSON.
 */

import { isEngineError, noSuchObject, type EngineError } from '../../errors';
import type { Container } from '../../container/Container';
import type { Engine } from '../../Engine';
import { chainIds, sha256 } from '../../format/digest';
import { encodeContainerConfig } from '../../format/imageConfig';
import { goMarshalIndent, type GoJson } from '../../format/json';
import { familiarString } from '../../format/reference';
import { formatRfc3339Nano } from '../../format/time';
import type { Image } from '../../image/Image';
import { decodeText, encodeText } from '../../process/text';
import { CliError, type CommandContext, type CommandSpec } from '../command';
import { GO_TYPE, parseDockerTemplate, templateParsingError, type Template } from '../format/template';

const ZERO_TIME = '0001-01-01T00:00:00Z';
const DOCKER_ROOT = '/var/lib/docker';

const INSPECT_FORMAT_USAGE =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting templates";

/** overlay2 cache directory of an image layer: a stable 64-hex name derived from its chain ID. */
function cacheId(seed: string): string {
  return sha256(encodeText(`layerlab-overlay2:${seed}`)).slice(7);
}

function overlayData(upperId: string, lowerIds: readonly string[]): GoJson {
  const m = new Map<string, GoJson>();
  if (lowerIds.length > 0) m.set('LowerDir', lowerIds.map((id) => `${DOCKER_ROOT}/overlay2/${id}/diff`).join(':'));
  m.set('MergedDir', `${DOCKER_ROOT}/overlay2/${upperId}/merged`);
  m.set('UpperDir', `${DOCKER_ROOT}/overlay2/${upperId}/diff`);
  m.set('WorkDir', `${DOCKER_ROOT}/overlay2/${upperId}/work`);
  return { Data: m, Name: 'overlay2' };
}

/** Cache IDs of an image's layers, top first. */
function imageLayerIds(img: Image): string[] {
  return chainIds([...img.diffIds])
    .map((c) => cacheId(c))
    .reverse();
}

/** The image inspect object (Engine 28, graphdriver store). */
export function imageInspect(engine: Engine, img: Image): GoJson {
  const c = img.config;
  const refs = engine.images.refsOf(img.id);
  const layers = imageLayerIds(img);
  const out: { readonly [key: string]: GoJson | undefined } = {
    Id: img.id,
    RepoTags: refs.filter((r) => r.digest === undefined).map(familiarString),
    RepoDigests: refs.filter((r) => r.digest !== undefined).map(familiarString),
    Parent: img.parent ?? '',
    Comment: c.comment ?? '',
    Created: c.created ?? undefined,
    DockerVersion: c.docker_version ?? '',
    Author: c.author ?? '',
    Config: encodeContainerConfig(img.runConfig, 'oci'),
    Architecture: c.architecture ?? '',
    Variant: c.variant || undefined,
    Os: c.os ?? '',
    OsVersion: c['os.version'] || undefined,
    Size: img.size,
    GraphDriver: layers.length > 0 ? overlayData(layers[0]!, layers.slice(1)) : { Data: null, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: [...img.diffIds] },
    Metadata: { LastTagTime: engine.images.lastTagTime(img.id) ?? ZERO_TIME },
  };
  return out;
}

const nsOrNull = (n: number | null) => (n === null ? ZERO_TIME : formatRfc3339Nano(n));

function containerIp(c: Container): string {
  if (!c.running) return '';
  try {
    const hosts = decodeText(c.rootFs.readFile('/etc/hosts')).trim().split('\n');
    return hosts[hosts.length - 1]!.split('\t')[0]!;
  } catch {
    return '';
  }
}

/** The container inspect object (Engine 28). */
export function containerInspect(engine: Engine, c: Container): GoJson {
  const dir = `${DOCKER_ROOT}/containers/${c.id}`;
  const rw = cacheId(`container:${c.id}`);
  const lowers = [`${rw}-init`, ...imageLayerIds(c.image)];
  const s = c.state;
  const ip = containerIp(c);
  const running = c.running;
  // Addresses exist only while the container is connected (running).
  const mac = ip ? `02:42:ac:11:00:${Number(ip.split('.')[3]).toString(16).padStart(2, '0')}` : '';
  const networkId = sha256(encodeText('layerlab-network:bridge')).slice(7);
  const endpointId = ip ? sha256(encodeText(`layerlab-endpoint:${c.id}:${s.startedAt}`)).slice(7) : '';
  const portBindings = new Map<string, GoJson>(
    Object.entries(c.hostConfig.portBindings).map(([p, bs]) => [p, bs.map((b) => ({ HostIp: b.hostIp, HostPort: b.hostPort }))]),
  );
  const ports = new Map<string, GoJson>();
  for (const [p, bindings] of engine.network.portsOf(c) ?? []) ports.set(p, bindings ? bindings.map((b) => ({ HostIp: b.hostIp, HostPort: b.hostPort })) : null);
  return {
    Id: c.id,
    Created: formatRfc3339Nano(c.createdMs),
    Path: c.path,
    Args: [...c.args],
    State: {
      Status: s.status,
      Running: running,
      Paused: s.status === 'paused',
      Restarting: s.status === 'restarting',
      OOMKilled: s.oomKilled,
      Dead: s.status === 'dead',
      Pid: s.pid,
      ExitCode: s.exitCode,
      Error: s.error,
      StartedAt: nsOrNull(s.startedAt),
      FinishedAt: nsOrNull(s.finishedAt),
    },
    Image: c.image.id,
    ResolvConfPath: `${dir}/resolv.conf`,
    HostnamePath: `${dir}/hostname`,
    HostsPath: `${dir}/hosts`,
    LogPath: `${dir}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: s.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: {
      Binds: bindsOf(engine, c),
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: new Map() },
      NetworkMode: c.hostConfig.networkMode,
      PortBindings: portBindings,
      RestartPolicy: { Name: c.hostConfig.restartPolicy.name, MaximumRetryCount: c.hostConfig.restartPolicy.maximumRetryCount },
      AutoRemove: c.hostConfig.autoRemove,
      VolumeDriver: '',
      VolumesFrom: null,
      ConsoleSize: [0, 0],
      CapAdd: null,
      CapDrop: null,
      CgroupnsMode: 'private',
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: null,
      GroupAdd: null,
      IpcMode: 'private',
      Cgroup: '',
      Links: null,
      OomScoreAdj: 0,
      PidMode: '',
      Privileged: false,
      PublishAllPorts: c.hostConfig.publishAllPorts,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 67108864,
      Runtime: 'runc',
      Isolation: '',
      CpuShares: 0,
      Memory: 0,
      NanoCpus: 0,
      CgroupParent: '',
      BlkioWeight: 0,
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: [],
      BlkioDeviceWriteBps: [],
      BlkioDeviceReadIOps: [],
      BlkioDeviceWriteIOps: [],
      CpuPeriod: 0,
      CpuQuota: 0,
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: '',
      CpusetMems: '',
      Devices: [],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      MemoryReservation: 0,
      MemorySwap: 0,
      MemorySwappiness: null,
      OomKillDisable: null,
      PidsLimit: null,
      Ulimits: [],
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      MaskedPaths: [
        '/proc/asound',
        '/proc/acpi',
        '/proc/interrupts',
        '/proc/kcore',
        '/proc/keys',
        '/proc/latency_stats',
        '/proc/timer_list',
        '/proc/timer_stats',
        '/proc/sched_debug',
        '/proc/scsi',
        '/sys/firmware',
        '/sys/devices/virtual/powercap',
      ],
      ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
    GraphDriver: overlayData(rw, lowers),
    Mounts: mountsOf(engine, c),
    Config: encodeContainerConfig(c.config, 'moby'),
    NetworkSettings: {
      Bridge: '',
      SandboxID: running ? sha256(encodeText(`layerlab-sandbox:${c.id}:${s.startedAt}`)).slice(7) : '',
      SandboxKey: running ? `/var/run/docker/netns/${sha256(encodeText(`layerlab-netns:${c.id}:${s.startedAt}`)).slice(7, 19)}` : '',
      Ports: ports,
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: endpointId,
      Gateway: ip ? '172.17.0.1' : '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: ip,
      IPPrefixLen: ip ? 16 : 0,
      IPv6Gateway: '',
      MacAddress: mac,
      Networks: new Map<string, GoJson>([
        [
          'bridge',
          {
            IPAMConfig: null,
            Links: null,
            Aliases: null,
            MacAddress: mac,
            DriverOpts: null,
            GwPriority: 0,
            NetworkID: networkId,
            EndpointID: endpointId,
            Gateway: ip ? '172.17.0.1' : '',
            IPAddress: ip,
            IPPrefixLen: ip ? 16 : 0,
            IPv6Gateway: '',
            GlobalIPv6Address: '',
            GlobalIPv6PrefixLen: 0,
            DNSNames: null,
          },
        ],
      ]),
    },
  };
}

/** The typed view for templates: plain objects become structs (Maps stay maps). */
function typed(v: GoJson): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map((x: GoJson) => typed(x));
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, typed(x as GoJson)]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = typed(x as GoJson);
  Object.defineProperty(out, GO_TYPE, { value: 'struct', enumerable: false });
  return out;
}

/** The raw view: what unmarshalling the JSON into interface{} gives (maps everywhere). */
function raw(v: GoJson): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map((x: GoJson) => raw(x));
  const entries = v instanceof Map ? [...v] : Object.entries(v).filter(([, x]) => x !== undefined);
  return Object.fromEntries(entries.map(([k, x]) => [k, raw(x as GoJson)]));
}

type Kind = 'image' | 'container' | 'any';

async function inspectAll(ctx: CommandContext, kind: Kind): Promise<void> {
  const engine = ctx.engine;
  const format = ctx.flags.string('format');
  let tmpl: Template | undefined;
  if (format !== '' && format !== 'json') {
    try {
      tmpl = parseDockerTemplate(format);
    } catch (e) {
      throw new CliError(templateParsingError(e as Error), 64);
    }
  }
  const objects: GoJson[] = [];
  const errors: string[] = [];
  let text = '';
  for (const ref of ctx.args) {
    let obj: GoJson;
    try {
      if (kind === 'image') obj = imageInspect(engine, engine.images.resolve(ref));
      else if (kind === 'container') obj = containerInspect(engine, engine.containers.resolve(ref));
      else {
        const c = engine.containers.find(ref);
        const img = c ? undefined : engine.images.find(ref);
        if (c) obj = containerInspect(engine, c);
        else if (img) obj = imageInspect(engine, img);
        else throw noSuchObject(ref);
      }
    } catch (e) {
      if (!isEngineError(e)) throw e;
      const err = e as EngineError;
      errors.push(err.code === 'NoSuchObject' ? `Error: ${err.message}` : `Error response from daemon: ${err.message}`);
      continue;
    }
    if (!tmpl) {
      objects.push(obj);
      continue;
    }
    try {
      text += `${tmpl.execute(typed(obj))}\n`;
    } catch {
      try {
        text += `${tmpl.execute(raw(obj))}\n`;
      } catch (e2) {
        errors.push(templateParsingError(e2 as Error));
      }
    }
  }
  // The daemon's JSON (written without HTML escaping), indented by the CLI.
  if (!tmpl) text = `${goMarshalIndent(objects, '', '    ', { escapeHTML: false })}\n`;
  await ctx.out(text);
  if (errors.length > 0) throw new CliError(errors.join('\n'));
}

/** HostConfig.Binds: the `-v` specs that name a source (a bare `-v /path` becomes Config.Volumes instead). */
function bindsOf(engine: Engine, c: Container): string[] | null {
  const out = c.hostConfig.binds
    .filter((b) => b.kind === 'bind' || !engine.volumes.get(b.source)?.anonymous)
    .map((b) => `${b.source}:${b.target}${b.readOnly ? ':ro' : ''}`);
  return out.length > 0 ? out : null;
}

/** The container's mount points as the API lists them (`docker inspect -f '{{json .Mounts}}'`). */
function mountsOf(engine: Engine, c: Container): Array<{ [key: string]: string | boolean }> {
  return c.hostConfig.binds.map((b): { [key: string]: string | boolean } => {
    if (b.kind === 'bind') return { Type: 'bind', Source: b.source, Destination: b.target, Mode: b.readOnly ? 'ro' : '', RW: !b.readOnly, Propagation: 'rprivate' };
    const anonymous = engine.volumes.get(b.source)?.anonymous ?? false;
    return {
      Type: 'volume',
      Name: b.source,
      Source: `/var/lib/docker/volumes/${b.source}/_data`,
      Destination: b.target,
      Driver: 'local',
      Mode: anonymous ? '' : b.readOnly ? 'ro' : 'z',
      RW: !b.readOnly,
      Propagation: '',
    };
  });
}

const flags = (withType: boolean) => [
  { name: 'format', short: 'f', kind: 'string' as const, usage: INSPECT_FORMAT_USAGE },
  ...(withType ? [{ name: 'type', kind: 'string' as const, usage: 'Only inspect objects of the given type' }] : []),
];

export const inspect: CommandSpec = {
  name: 'inspect',
  usage: '[OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  flags: flags(true),
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const t = ctx.flags.string('type');
    if (t !== '' && t !== 'image' && t !== 'container') throw new CliError(`"${t}" is not a valid value for --type`);
    await inspectAll(ctx, t === '' ? 'any' : t);
  },
};

export const imageInspectCommand: CommandSpec = {
  name: 'inspect',
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  group: 'image',
  flags: flags(false),
  args: { kind: 'min', n: 1 },
  run: (ctx) => inspectAll(ctx, 'image'),
};

export const containerInspectCommand: CommandSpec = {
  name: 'inspect',
  usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  group: 'container',
  flags: flags(false),
  args: { kind: 'min', n: 1 },
  run: (ctx) => inspectAll(ctx, 'container'),
};
