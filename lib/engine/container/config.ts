/**
 * A container's config: the image config merged with what `docker create/run` asked for (moby daemon/commit.go
 * merge + create.go), and the command PID 1 runs (ENTRYPOINT × CMD, docker.md §9.2–9.3).
 */

import { invalidParameter } from '../errors';
import type { ContainerConfig } from '../format/imageConfig';
import type { Image } from '../image/Image';
import type { CreateSpec } from './Types';

export const DEFAULT_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Applies `-e` entries to an env list: `K=V` replaces K in place or appends; bare `K` removes it. */
export function applyEnv(base: readonly string[], entries: readonly string[]): string[] {
  const out = [...base];
  for (const e of entries) {
    const eq = e.indexOf('=');
    const key = eq < 0 ? e : e.slice(0, eq);
    const i = out.findIndex((x) => (x.indexOf('=') < 0 ? x : x.slice(0, x.indexOf('='))) === key);
    if (eq < 0) {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = e;
    else out.push(e);
  }
  return out;
}

export interface MergedRun {
  readonly config: ContainerConfig;
  /** argv[0] and the rest, as `docker inspect` shows `Path` and `Args`. */
  readonly path: string;
  readonly args: readonly string[];
}

export function mergeConfig(image: Image, spec: CreateSpec, shortId: string): MergedRun {
  const ic = image.runConfig;
  const entrypoint = spec.entrypoint === undefined ? (ic.Entrypoint ?? []) : spec.entrypoint === '' ? [] : [spec.entrypoint];
  const cmd = spec.cmd && spec.cmd.length > 0 ? [...spec.cmd] : spec.entrypoint !== undefined ? [] : (ic.Cmd ?? []);
  const argv = [...entrypoint, ...cmd];
  if (argv.length === 0) throw invalidParameter('no command specified');

  const exposed: Record<string, Record<string, never>> = { ...(ic.ExposedPorts ?? {}) };
  for (const p of spec.exposedPorts ?? []) exposed[p] = {};
  for (const p of Object.keys(spec.hostConfig?.portBindings ?? {})) exposed[p] = {};

  const config: ContainerConfig = {
    Hostname: spec.hostname ?? shortId,
    Domainname: '',
    User: spec.user ?? ic.User ?? '',
    AttachStdin: !!spec.openStdin,
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: Object.keys(exposed).length > 0 ? exposed : null,
    Tty: !!spec.tty,
    OpenStdin: !!spec.openStdin,
    StdinOnce: !!spec.openStdin,
    Env: applyEnv(ic.Env ?? [], spec.env ?? []),
    Cmd: cmd.length > 0 ? cmd : null,
    Image: spec.imageRef,
    Volumes: ic.Volumes ?? null,
    WorkingDir: spec.workingDir ?? ic.WorkingDir ?? '',
    Entrypoint: entrypoint.length > 0 ? entrypoint : null,
    OnBuild: ic.OnBuild ?? null,
    Labels: { ...(ic.Labels ?? {}), ...(spec.labels ?? {}) },
  };
  if (ic.Healthcheck) config.Healthcheck = ic.Healthcheck;
  if (ic.StopSignal) config.StopSignal = ic.StopSignal;
  if (ic.Shell) config.Shell = ic.Shell;
  return { config, path: argv[0]!, args: argv.slice(1) };
}

/** PID 1's environment: PATH (unless the image sets one), HOSTNAME, TERM with a tty, then the config's Env. */
export function processEnv(config: ContainerConfig, home: string): Map<string, string> {
  const env = new Map<string, string>();
  const set = (kv: string) => {
    const eq = kv.indexOf('=');
    if (eq > 0) env.set(kv.slice(0, eq), kv.slice(eq + 1));
  };
  set(DEFAULT_PATH_ENV);
  set(`HOSTNAME=${config.Hostname ?? ''}`);
  if (config.Tty) set('TERM=xterm');
  for (const kv of config.Env ?? []) set(kv);
  if (!env.has('HOME')) env.set('HOME', home);
  return env;
}
