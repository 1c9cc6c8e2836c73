/**
 * `docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]`: the writable layer becomes a new image; prints its ID
 * (docker.md §3.4). `-c` applies Dockerfile instructions to the new image's config.
 */
import { clientError, invalidParameter } from '../../errors';
import type { ContainerConfig } from '../../format/imageConfig';
import type { CommandSpec } from '../command';
import { familiarString } from '../../format/reference';
import { parseTarget } from './tag';

const CHANGE_COMMANDS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

/** JSON form (`["a","b"]`) or shell form (`/bin/sh -c "…"`), as the Dockerfile parser reads CMD/ENTRYPOINT. */
function commandForm(rest: string): string[] {
  const t = rest.trim();
  if (t.startsWith('[')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    } catch {
      // not JSON: shell form
    }
  }
  return ['/bin/sh', '-c', t];
}

/** `K=V K2=V2` or the legacy `K V` form. */
function pairs(rest: string): Array<[string, string]> {
  const t = rest.trim();
  const first = t.split(/\s+/)[0] ?? '';
  if (!first.includes('=')) {
    const sp = t.search(/\s/);
    return sp < 0 ? [[t, '']] : [[t.slice(0, sp), t.slice(sp).trim()]];
  }
  const out: Array<[string, string]> = [];
  for (const m of t.matchAll(/([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out.push([m[1]!, v]);
  }
  return out;
}

/** Applies `--change` lines to a copy of the config. */
export function applyChanges(base: ContainerConfig, changes: readonly string[]): ContainerConfig {
  const cfg: ContainerConfig = { ...base };
  for (const line of changes.join('\n').split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const sp = t.search(/\s/);
    const word = sp < 0 ? t : t.slice(0, sp);
    const rest = sp < 0 ? '' : t.slice(sp + 1);
    const instr = word.toUpperCase();
    if (!CHANGE_COMMANDS.includes(instr)) throw invalidParameter(`${word} is not a valid change command`);
    switch (instr) {
      case 'CMD':
        cfg.Cmd = commandForm(rest);
        break;
      case 'ENTRYPOINT':
        cfg.Entrypoint = commandForm(rest);
        break;
      case 'ENV': {
        let env = [...(cfg.Env ?? [])];
        for (const [k, v] of pairs(rest)) {
          env = env.filter((e) => e.split('=')[0] !== k);
          env.push(`${k}=${v}`);
        }
        cfg.Env = env;
        break;
      }
      case 'LABEL':
        cfg.Labels = { ...(cfg.Labels ?? {}), ...Object.fromEntries(pairs(rest)) };
        break;
      case 'EXPOSE': {
        const ports: Record<string, Record<string, never>> = { ...(cfg.ExposedPorts ?? {}) };
        for (const p of rest.trim().split(/\s+/)) if (p) ports[p.includes('/') ? p : `${p}/tcp`] = {};
        cfg.ExposedPorts = ports;
        break;
      }
      case 'USER':
        cfg.User = rest.trim();
        break;
      case 'WORKDIR':
        cfg.WorkingDir = rest.trim();
        break;
      case 'STOPSIGNAL':
        cfg.StopSignal = rest.trim();
        break;
      case 'VOLUME': {
        const vols: Record<string, Record<string, never>> = { ...(cfg.Volumes ?? {}) };
        for (const v of commandForm(rest)[0] === '/bin/sh' ? rest.trim().split(/\s+/) : commandForm(rest)) vols[v] = {};
        cfg.Volumes = vols;
        break;
      }
      default:
        // HEALTHCHECK and ONBUILD are valid for docker but not simulated here.
        throw clientError(`layerlab does not simulate ${instr} in docker commit --change yet`);
    }
  }
  return cfg;
}

export const commit: CommandSpec = {
  name: 'commit',
  usage: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  short: "Create a new image from a container's changes",
  group: 'container',
  topLevel: 'commit',
  flags: [
    { name: 'author', short: 'a', kind: 'string', usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', short: 'c', kind: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', kind: 'string', usage: 'Commit message' },
    { name: 'no-pause', kind: 'bool', usage: 'Disable pausing container during commit' },
    { name: 'pause', short: 'p', kind: 'bool', usage: 'Pause container during commit (deprecated: use --no-pause instead)', default: true, hidden: true },
  ],
  args: { kind: 'range', min: 1, max: 2 },
  async run(ctx) {
    const engine = ctx.engine;
    const target = ctx.args[1] !== undefined ? parseTarget(ctx.args[1]) : undefined;
    const c = engine.containers.resolve(ctx.args[0]!);
    const changes = ctx.flags.list('change');
    // moby pauses a running container for the commit (unless --no-pause) and unpauses it after logging `commit`.
    const pause = c.state.status === 'running' && !ctx.flags.bool('no-pause') && ctx.flags.bool('pause');
    if (pause) c.pause();
    let img;
    try {
      img = engine.commit(c, {
        ...(ctx.flags.string('author') ? { author: ctx.flags.string('author') } : {}),
        ...(ctx.flags.string('message') ? { message: ctx.flags.string('message') } : {}),
        ...(changes.length > 0 ? { config: applyChanges(c.config, changes) } : {}),
      });
      if (target) engine.images.tag(target, img.id, engine.clock.now());
      engine.events.logContainer(c, 'commit', { comment: ctx.flags.string('message'), imageID: img.id, imageRef: target ? familiarString(target) : '' });
    } finally {
      if (pause) c.unpause();
    }
    await ctx.out(`${img.id}\n`);
  },
};
