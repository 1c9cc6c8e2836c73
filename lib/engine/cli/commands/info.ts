/**
 * `docker info` (CLI 28 cli/command/system/info.go prettyPrintInfo): a client block, then the daemon's view. The
 * counts are real (containers by state, every image in the store); the rest describes the daemon layerlab
 * simulates: Engine 28.5 with the overlay2 graphdriver, json-file logs, cgroup v2 with systemd, no swarm, on the
 * learner's host (its hostname, kernel release and /etc/os-release). CPUs and memory follow the same model as the
 * host's `nproc` and `free` (lib/shell/programs/nproc.ts, free.ts): 2 CPUs, 4028036 KiB.
 */
import type { Engine } from '../../Engine';
import { decodeText } from '../../process/text';
import type { ProcessContext } from '../../process/Types';
import { CliError, type CommandSpec } from '../command';
import { bytesSize } from '../format/units';
import { parseDockerTemplate, templateParsingError } from '../format/template';
import { goStruct } from '../output';
import { CLIENT_VERSION } from './version';

const SIMULATED_CPUS = 2;
const MEMORY_TOTAL_BYTES = 4_028_036 * 1024;

const INSPECT_FORMAT_HELP =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting templates";

export interface DaemonInfo {
  readonly containers: number;
  readonly running: number;
  readonly paused: number;
  readonly stopped: number;
  readonly images: number;
  readonly kernel: string;
  readonly os: string;
  readonly name: string;
  readonly id: string;
}

/** What the daemon reports: container counts by state (created and exited count as stopped), every stored image. */
export function daemonInfo(engine: Engine, proc: ProcessContext): DaemonInfo {
  let running = 0;
  let paused = 0;
  let stopped = 0;
  const containers = engine.containers.list();
  for (const c of containers) {
    if (c.state.status === 'paused') paused++;
    else if (c.state.status === 'running') running++;
    else stopped++;
  }
  return {
    containers: containers.length,
    running,
    paused,
    stopped,
    images: engine.images.list().length,
    kernel: proc.sys.uname.release,
    os: osName(proc),
    name: proc.sys.hostname(),
    id: engine.daemonId,
  };
}

/** PRETTY_NAME from the host's /etc/os-release (what the daemon reads), `Linux` without one. */
function osName(proc: ProcessContext): string {
  try {
    const text = decodeText(proc.sys.rootFs.readFile('/etc/os-release'));
    const m = /^PRETTY_NAME=(.*)$/m.exec(text);
    if (m) return m[1]!.replace(/^"(.*)"$/, '$1');
  } catch {
    // no os-release: fall through
  }
  return 'Linux';
}

const V = CLIENT_VERSION;

function pretty(i: DaemonInfo): string {
  return [
    `Client: ${V.platform}`,
    ` Version:    ${V.version}`,
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ` Containers: ${i.containers}`,
    `  Running: ${i.running}`,
    `  Paused: ${i.paused}`,
    `  Stopped: ${i.stopped}`,
    ` Images: ${i.images}`,
    ` Server Version: ${V.version}`,
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    '  Supports d_type: true',
    '  Using metacopy: false',
    '  Native Overlay Diff: true',
    '  userxattr: false',
    ' Logging Driver: json-file',
    ' Cgroup Driver: systemd',
    ' Cgroup Version: 2',
    ' Plugins:',
    '  Volume: local',
    '  Network: bridge host ipvlan macvlan null overlay',
    '  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog',
    ' CDI spec directories:',
    '  /etc/cdi',
    '  /var/run/cdi',
    ' Swarm: inactive',
    ' Runtimes: io.containerd.runc.v2 runc',
    ' Default Runtime: runc',
    ' Init Binary: docker-init',
    ` containerd version: ${V.containerd.gitCommit}`,
    ` runc version: ${V.runc.gitCommit}`,
    ` init version: ${V.dockerInit.gitCommit}`,
    ' Security Options:',
    '  apparmor',
    '  seccomp',
    '   Profile: builtin',
    '  cgroupns',
    ` Kernel Version: ${i.kernel}`,
    ` Operating System: ${i.os}`,
    ' OSType: linux',
    ' Architecture: x86_64',
    ` CPUs: ${SIMULATED_CPUS}`,
    ` Total Memory: ${bytesSize(MEMORY_TOTAL_BYTES)}`,
    ` Name: ${i.name}`,
    ` ID: ${i.id}`,
    ' Docker Root Dir: /var/lib/docker',
    ' Debug Mode: false',
    ' Experimental: false',
    ' Insecure Registries:',
    '  ::1/128',
    '  127.0.0.0/8',
    ' Live Restore Enabled: false',
    '',
    '',
  ].join('\n');
}

/** The fields a `--format` template sees (system.Info's Go names). */
function infoData(i: DaemonInfo): Record<string, unknown> {
  return goStruct(
    'system.Info',
    {
      ID: i.id,
      Containers: i.containers,
      ContainersRunning: i.running,
      ContainersPaused: i.paused,
      ContainersStopped: i.stopped,
      Images: i.images,
      Driver: 'overlay2',
      DriverStatus: [
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
        ['Using metacopy', 'false'],
        ['Native Overlay Diff', 'true'],
        ['userxattr', 'false'],
      ],
      MemoryLimit: true,
      SwapLimit: true,
      CPUCfsPeriod: true,
      CPUCfsQuota: true,
      IPv4Forwarding: true,
      Debug: false,
      LoggingDriver: 'json-file',
      CgroupDriver: 'systemd',
      CgroupVersion: '2',
      KernelVersion: i.kernel,
      OperatingSystem: i.os,
      OSVersion: '',
      OSType: 'linux',
      Architecture: 'x86_64',
      NCPU: SIMULATED_CPUS,
      MemTotal: MEMORY_TOTAL_BYTES,
      DockerRootDir: '/var/lib/docker',
      Name: i.name,
      Labels: [],
      ExperimentalBuild: false,
      ServerVersion: V.version,
      DefaultRuntime: 'runc',
      LiveRestoreEnabled: false,
      Isolation: '',
      InitBinary: 'docker-init',
      Warnings: null,
    },
    false,
  );
}

export const info: CommandSpec = {
  name: 'info',
  usage: '[OPTIONS]',
  short: 'Display system-wide information',
  group: 'system',
  topLevel: 'info',
  commonRank: 13,
  flags: [{ name: 'format', short: 'f', kind: 'string', usage: INSPECT_FORMAT_HELP }],
  args: { kind: 'none' },
  async run(ctx) {
    const i = daemonInfo(ctx.engine, ctx.proc);
    const format = ctx.flags.string('format');
    if (format === '') {
      await ctx.out(pretty(i));
      return;
    }
    let text: string;
    try {
      text = parseDockerTemplate(format === 'json' ? '{{json .}}' : format).execute(infoData(i));
    } catch (e) {
      throw new CliError(templateParsingError(e as Error));
    }
    await ctx.out(`${text}\n`);
  },
};
