/**
 * `docker volume create | ls | inspect | rm | prune` (docker/cli cli/command/volume; moby daemon/volume/service).
 * The daemon's volumes live in `engine.volumes`; a volume is in use while any container (running or not) mounts it.
 */
import { EngineError, invalidParameter } from '../../errors';
import type { Engine } from '../../Engine';
import { formatRfc3339 } from '../format/time';
import { goMarshalIndent, type GoJson } from '../../format/json';
import { humanSize } from '../format/units';
import { ANONYMOUS_LABEL, VOLUME_NAME, type Volume } from '../../volume/VolumeStore';
import { volumeSize, volumeUsers } from '../../volume/usage';
import { CliError, type CommandContext, type CommandSpec } from '../command';
import { renderFormatted } from '../output';
import { confirmOrCancel } from '../prompt';

const noSuchVolume = (name: string, op = 'get') => new EngineError('NoSuchVolume', 'notFound', `${op} ${name}: no such volume`, { name });

function usersOf(engine: Engine, name: string): string[] {
  return volumeUsers(engine.containers.list(), name);
}

/** The API's volume object (fields in the order Docker's JSON has them). */
function inspectObject(v: Volume): { [key: string]: GoJson } {
  return {
    CreatedAt: formatRfc3339(v.createdMs),
    Driver: 'local',
    Labels: Object.keys(v.labels).length > 0 ? { ...v.labels } : null,
    Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`,
    Name: v.name,
    Options: null,
    Scope: 'local',
  };
}

function parseLabels(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of values) {
    const eq = l.indexOf('=');
    out[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
  }
  return out;
}

export const volumeCreate: CommandSpec = {
  name: 'create',
  usage: '[OPTIONS] [VOLUME]',
  short: 'Create a volume',
  group: 'volume',
  flags: [
    { name: 'driver', short: 'd', kind: 'string', usage: 'Specify volume driver name', default: 'local' },
    { name: 'label', kind: 'list', usage: 'Set metadata for a volume' },
    { name: 'name', kind: 'string', usage: 'Specify volume name', hidden: true },
    { name: 'opt', short: 'o', kind: 'list', typeName: 'map', usage: 'Set driver specific options' },
  ],
  args: { kind: 'max', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const driver = ctx.flags.string('driver');
    if (driver !== 'local') throw new EngineError('NoSuchDriver', 'notFound', `create: error looking up volume plugin ${driver}: plugin "${driver}" not found`);
    const byFlag = ctx.flags.string('name');
    const named = ctx.args[0];
    if (named !== undefined && byFlag !== '' && named !== byFlag) throw new CliError(`conflicting options: either specify --name or provide positional arg, not both`);
    const name = named ?? byFlag;
    if (name !== '' && !VOLUME_NAME.test(name)) {
      throw invalidParameter(
        `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      );
    }
    const anonymous = name === '';
    const labels = { ...parseLabels(ctx.flags.list('label')), ...(anonymous ? { [ANONYMOUS_LABEL]: '' } : {}) };
    const { volume } = engine.volumes.ensure(anonymous ? engine.random.hex(64) : name, { now: engine.clock.now(), anonymous, labels });
    await ctx.out(`${volume.name}\n`);
  },
};

const HEADERS = { Driver: 'DRIVER', Name: 'VOLUME NAME', Mountpoint: 'MOUNTPOINT', Scope: 'SCOPE', Labels: 'LABELS', Size: 'SIZE', Links: 'LINKS' };

export const volumeLs: CommandSpec = {
  name: 'ls',
  usage: '[OPTIONS]',
  short: 'List volumes',
  group: 'volume',
  groupAliases: ['list'],
  flags: [
    { name: 'cluster', kind: 'bool', usage: 'Display only cluster volumes, and use cluster volume list formatting', hidden: true },
    { name: 'filter', short: 'f', kind: 'filter', usage: "Provide filter values (e.g. 'dangling=true')" },
    {
      name: 'format',
      kind: 'string',
      usage:
        "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
    },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only display volume names' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const engine = ctx.engine;
    let vols = [...engine.volumes.list()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const f of ctx.flags.list('filter')) {
      const eq = f.indexOf('=');
      const key = eq < 0 ? f : f.slice(0, eq);
      const value = eq < 0 ? '' : f.slice(eq + 1);
      if (key === 'dangling') {
        const want = value === 'true' || value === '1';
        vols = vols.filter((v) => (usersOf(engine, v.name).length === 0) === want);
      } else if (key === 'name') vols = vols.filter((v) => v.name.includes(value));
      else if (key === 'label') {
        const leq = value.indexOf('=');
        vols = vols.filter((v) => (leq < 0 ? value in v.labels : v.labels[value.slice(0, leq)] === value.slice(leq + 1)));
      } else if (key === 'driver') vols = vols.filter(() => value === 'local');
      else throw invalidParameter(`invalid filter '${key}'`);
    }
    const rows = vols.map((v) => ({
      Driver: 'local',
      Name: v.name,
      Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`,
      Scope: 'local',
      Labels: Object.entries(v.labels)
        .map(([k, val]) => `${k}=${val}`)
        .join(','),
      Size: 'N/A',
      Links: 'N/A',
      ID: v.name,
    }));
    const quiet = ctx.flags.bool('quiet');
    await ctx.out(
      renderFormatted({ format: quiet ? '{{.Name}}' : ctx.flags.string('format'), defaultTable: 'table {{.Driver}}\t{{.Name}}', headers: HEADERS, rows }),
    );
  },
};

export const volumeInspect: CommandSpec = {
  name: 'inspect',
  usage: '[OPTIONS] VOLUME [VOLUME...]',
  short: 'Display detailed information on one or more volumes',
  group: 'volume',
  flags: [{ name: 'format', short: 'f', kind: 'string', usage: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates" }],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const objects: Array<{ [key: string]: GoJson }> = [];
    const errors: string[] = [];
    for (const name of ctx.args) {
      const v = ctx.engine.volumes.get(name);
      if (v) objects.push(inspectObject(v));
      else errors.push(`Error response from daemon: ${noSuchVolume(name).message}`);
    }
    const format = ctx.flags.string('format');
    if (format !== '' && format !== 'json') {
      await ctx.out(renderFormatted({ format, defaultTable: '', headers: {}, rows: objects }));
    } else await ctx.out(`${goMarshalIndent(objects, '', '    ', { escapeHTML: false })}\n`);
    if (errors.length > 0) throw new CliError(errors.join('\n'));
  },
};

export const volumeRm: CommandSpec = {
  name: 'rm',
  usage: '[OPTIONS] VOLUME [VOLUME...]',
  short: 'Remove one or more volumes',
  group: 'volume',
  groupAliases: ['remove'],
  flags: [{ name: 'force', short: 'f', kind: 'bool', usage: 'Force the removal of one or more volumes' }],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const errors: string[] = [];
    for (const name of ctx.args) {
      const v = ctx.engine.volumes.get(name);
      if (!v) {
        if (!ctx.flags.bool('force')) errors.push(`Error response from daemon: ${noSuchVolume(name).message}`);
        continue;
      }
      const users = usersOf(ctx.engine, name);
      if (users.length > 0) {
        errors.push(`Error response from daemon: remove ${name}: volume is in use - [${users.join(', ')}]`);
        continue;
      }
      ctx.engine.volumes.remove(name);
      await ctx.out(`${name}\n`);
    }
    if (errors.length > 0) throw new CliError(errors.join('\n'));
  },
};

export const volumePrune: CommandSpec = {
  name: 'prune',
  usage: '[OPTIONS]',
  short: 'Remove unused local volumes',
  group: 'volume',
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused volumes, not just anonymous ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "label=<label>")' },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  args: { kind: 'none' },
  async run(ctx: CommandContext) {
    const all = ctx.flags.bool('all');
    if (!ctx.flags.bool('force')) {
      const warning = all ? 'WARNING! This will remove all local volumes not used by at least one container.' : 'WARNING! This will remove anonymous local volumes not used by at least one container.';
      await confirmOrCancel(ctx, `${warning}\nAre you sure you want to continue? [y/N] `);
    }
    const engine = ctx.engine;
    const gone: string[] = [];
    let reclaimed = 0;
    for (const v of engine.volumes.list()) {
      if (!all && !(ANONYMOUS_LABEL in v.labels)) continue;
      if (usersOf(engine, v.name).length > 0) continue;
      reclaimed += volumeSize(v);
      engine.volumes.remove(v.name);
      gone.push(v.name);
    }
    if (gone.length > 0) await ctx.out(`Deleted Volumes:\n${gone.map((n) => `${n}\n`).join('')}\n`);
    await ctx.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};

export const VOLUME_COMMANDS: readonly CommandSpec[] = [volumeCreate, volumeLs, volumeInspect, volumeRm, volumePrune];
