/**
 * The options `docker run` and `docker create` share (docker/cli cli/command/container/opts.go addFlags and
 * parse), turned into a `CreateSpec`. Validation that the CLI does happens here, with its texts; what the daemon
 * checks (names, users, the command) stays in the engine.
 */
import { clientError, invalidParameter } from '../../errors';
import { resolvePath } from '../../fs/path';
import { decodeText } from '../../process/text';
import type { ProcessContext } from '../../process/Types';
import type { CreateSpec, HostConfig, RestartPolicy } from '../../container/Types';
import type { FlagSpec, ParsedFlags } from '../flags';
import { parsePublish } from '../../network/ports';
import { parseMountFlag, parseVolumeFlag } from '../../volume/spec';

/** Flags of both commands, with docker's usage texts. */
export const CONTAINER_FLAGS: readonly FlagSpec[] = [
  { name: 'add-host', kind: 'list', usage: 'Add a custom host-to-IP mapping (host:ip)' },
  { name: 'attach', short: 'a', kind: 'list', usage: 'Attach to STDIN, STDOUT or STDERR' },
  { name: 'cidfile', kind: 'string', usage: 'Write the container ID to the file' },
  { name: 'cpus', kind: 'string', typeName: 'decimal', usage: 'Number of CPUs' },
  { name: 'entrypoint', kind: 'string', usage: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', short: 'e', kind: 'list', usage: 'Set environment variables' },
  { name: 'env-file', kind: 'list', usage: 'Read in a file of environment variables' },
  { name: 'expose', kind: 'list', usage: 'Expose a port or a range of ports' },
  { name: 'hostname', short: 'h', kind: 'string', usage: 'Container host name' },
  { name: 'init', kind: 'bool', usage: 'Run an init inside the container that forwards signals and reaps processes' },
  { name: 'interactive', short: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'label', short: 'l', kind: 'list', usage: 'Set meta data on a container' },
  { name: 'memory', short: 'm', kind: 'string', typeName: 'bytes', usage: 'Memory limit' },
  { name: 'mount', kind: 'list', typeName: 'mount', usage: 'Attach a filesystem mount to the container' },
  { name: 'name', kind: 'string', usage: 'Assign a name to the container' },
  { name: 'network', kind: 'string', typeName: 'network', usage: 'Connect a container to a network' },
  { name: 'platform', kind: 'string', usage: 'Set platform if server is multi-platform capable' },
  { name: 'privileged', kind: 'bool', usage: 'Give extended privileges to this container' },
  { name: 'publish', short: 'p', kind: 'list', usage: "Publish a container's port(s) to the host" },
  { name: 'publish-all', short: 'P', kind: 'bool', usage: 'Publish all exposed ports to random ports' },
  { name: 'pull', kind: 'string', usage: 'Pull image before running ("always", "missing", "never")', default: 'missing' },
  { name: 'quiet', short: 'q', kind: 'bool', usage: 'Suppress the pull output' },
  { name: 'read-only', kind: 'bool', usage: "Mount the container's root filesystem as read only" },
  { name: 'restart', kind: 'string', usage: 'Restart policy to apply when a container exits', default: 'no' },
  { name: 'rm', kind: 'bool', usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },
  { name: 'stop-signal', kind: 'string', usage: 'Signal to stop the container' },
  { name: 'stop-timeout', kind: 'int', usage: 'Timeout (in seconds) to stop a container' },
  { name: 'tty', short: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'user', short: 'u', kind: 'string', usage: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { name: 'volume', short: 'v', kind: 'list', usage: 'Bind mount a volume' },
  { name: 'workdir', short: 'w', kind: 'string', usage: 'Working directory inside the container' },
];

export type PullPolicy = 'always' | 'missing' | 'never';

export interface ContainerOptions {
  readonly image: string;
  readonly spec: Omit<CreateSpec, 'imageRef'>;
  readonly pull: PullPolicy;
  readonly quiet: boolean;
  /** `-a` streams, lower-cased (`stdin`, `stdout`, `stderr`). */
  readonly attach: readonly string[];
  readonly cidfile: string;
}

/** opts.ValidateEnv: `=x` and empty names are rejected; whitespace is allowed in values. */
function validateEnv(e: string): void {
  const eq = e.indexOf('=');
  if (eq === 0) throw clientError(`invalid environment variable: ${e}`);
}

/** `-e KEY` takes the client's value when it has one; otherwise the entry unsets KEY in the container. */
function envEntry(e: string, clientEnv: ReadonlyMap<string, string>): string {
  if (e.includes('=')) return e;
  const v = clientEnv.get(e);
  return v === undefined ? e : `${e}=${v}`;
}

/** pkg/kvfile: `KEY=value` lines, `#` comments and blank lines skipped, no quotes, no expansion. */
export function parseEnvFile(name: string, text: string, clientEnv: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (i === 0 && raw.startsWith('\uFEFF')) lines[i] = raw.slice(1);
    const line = lines[i]!.replace(/^[ \t\r\n\v\f]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key === '') throw clientError(`invalid env file (${name}): no variable name on line '${line}'`);
    if (/[ \t]/.test(key)) throw clientError(`invalid env file (${name}): variable '${key.trimEnd()}' contains whitespaces`);
    if (eq >= 0) out.push(`${key}=${line.slice(eq + 1)}`);
    else {
      const v = clientEnv.get(key);
      if (v !== undefined) out.push(`${key}=${v}`);
    }
  }
  return out;
}

function readClientFile(proc: ProcessContext, name: string): string {
  try {
    return decodeText(proc.fs.readFile(resolvePath(proc.cwd, name)));
  } catch {
    throw clientError(`open ${name}: no such file or directory`);
  }
}

/** `--env-file` entries, then `-e` entries (later ones win in the container), resolved against the client's env. */
export function clientEnv(proc: ProcessContext, files: readonly string[], entries: readonly string[]): string[] {
  const env: string[] = [];
  for (const file of files) env.push(...parseEnvFile(file, readClientFile(proc, file), proc.env));
  for (const e of entries) {
    validateEnv(e);
    env.push(envEntry(e, proc.env));
  }
  return env;
}

/**
 * `--restart no|always|unless-stopped|on-failure[:N]`: the CLI splits at the first colon and parses the count
 * (opts.ParseRestartPolicy); the daemon judges the name and count (container.ValidateRestartPolicy).
 */
export function parseRestartPolicy(text: string): RestartPolicy {
  if (text === '') return { name: 'no', maximumRetryCount: 0 };
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const countText = colon < 0 ? '' : text.slice(colon + 1);
  if (colon >= 0 && name === '') throw clientError('invalid restart policy format: no policy provided before colon');
  let count = 0;
  if (countText !== '') {
    if (!/^[+-]?[0-9]+$/.test(countText)) throw clientError('invalid restart policy format: maximum retry count must be an integer');
    count = Number(countText);
  }
  switch (name) {
    case 'no':
    case 'always':
    case 'unless-stopped':
      if (count !== 0) throw invalidParameter(`invalid restart policy: maximum retry count can only be used with 'on-failure'`);
      return { name, maximumRetryCount: 0 };
    case 'on-failure':
      if (count < 0) throw invalidParameter('invalid restart policy: maximum retry count cannot be negative');
      return { name, maximumRetryCount: count };
    default:
      throw invalidParameter(`invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  }
}

/** `--label k=v` / `-l k` (empty value). */
function parseLabels(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq === 0) throw clientError(`invalid label '${v}': empty name`);
    if (eq < 0) out[v] = '';
    else out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** `--expose 80`, `--expose 8000-8002/udp` → `80/tcp`... */
function parseExpose(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const m = /^([0-9]+)(?:-([0-9]+))?(?:\/(tcp|udp|sctp))?$/.exec(v);
    if (!m) throw clientError(`invalid range format for --expose: ${v}, error: strconv.ParseUint: parsing "${v}": invalid syntax`);
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    const proto = m[3] ?? 'tcp';
    for (let p = lo; p <= hi; p++) out.push(`${p}/${proto}`);
  }
  return out;
}

export function parseContainerOptions(flags: ParsedFlags, args: readonly string[], proc: ProcessContext): ContainerOptions {
  const pull = flags.string('pull');
  if (pull !== 'always' && pull !== 'missing' && pull !== 'never') {
    throw clientError(`invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  }
  const attach = flags.list('attach').map((a) => a.toLowerCase());
  for (const a of attach) {
    if (a !== 'stdin' && a !== 'stdout' && a !== 'stderr') throw clientError(`invalid argument "${a}" for "-a, --attach" flag: valid streams are STDIN, STDOUT and STDERR`);
  }
  const env = clientEnv(proc, flags.list('env-file'), flags.list('env'));
  const workdir = flags.string('workdir');
  if (flags.changed.has('workdir') && workdir !== '' && !workdir.startsWith('/')) {
    throw invalidParameter(`the working directory '${workdir}' is invalid, it needs to be an absolute path`);
  }
  const restartPolicy = parseRestartPolicy(flags.string('restart'));
  const autoRemove = flags.bool('rm');
  if (autoRemove && restartPolicy.name !== 'no') throw clientError('conflicting options: cannot specify both --restart and --rm');
  const published = flags.list('publish');
  let portBindings: HostConfig['portBindings'] = {};
  const exposedPorts = parseExpose(flags.list('expose'));
  if (published.length > 0) {
    const p = parsePublish(published);
    portBindings = p.portBindings;
    exposedPorts.push(...p.exposedPorts);
  }
  const spec: Omit<CreateSpec, 'imageRef'> = {
    cmd: args.slice(1),
    ...(flags.changed.has('entrypoint') ? { entrypoint: flags.string('entrypoint') } : {}),
    ...(flags.changed.has('name') ? { name: flags.string('name') } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(workdir !== '' ? { workingDir: workdir } : {}),
    ...(flags.changed.has('user') ? { user: flags.string('user') } : {}),
    ...(flags.string('hostname') !== '' ? { hostname: flags.string('hostname') } : {}),
    tty: flags.bool('tty'),
    openStdin: flags.bool('interactive'),
    labels: parseLabels(flags.list('label')),
    exposedPorts,
    hostConfig: {
      binds: [...flags.list('volume').map((v) => parseVolumeFlag(v, proc.cwd)), ...flags.list('mount').map((m) => parseMountFlag(m, proc.cwd))],
      autoRemove,
      restartPolicy,
      portBindings,
      publishAllPorts: flags.bool('publish-all'),
    },
  };
  return { image: args[0]!, spec, pull, quiet: flags.bool('quiet'), attach, cidfile: flags.string('cidfile') };
}
