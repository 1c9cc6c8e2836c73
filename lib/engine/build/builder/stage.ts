/**
 * The state of one stage while it builds, and what each metadata instruction does to it: the next runtime config
 * plus the `created_by` text each builder records (docker.md §4.4 tables, §6.6 semantics). Variables are expanded
 * here with the values from *before* the instruction (ARG values, overridden by ENV).
 */
import type { ContainerConfig, HealthConfig } from '../../format/imageConfig';
import type { Image } from '../../image/Image';
import { goQuote } from '../parser/goQuote';
import { expandArgDeclarations, expandPairs, expandWord, expandWordList } from '../parser/expand';
import type { CommandLine, EscapeToken, Instruction } from '../parser';
import { BuildStepError } from './errors';

export type BuildStyle = 'classic' | 'buildkit';

export interface DeclaredArg {
  readonly name: string;
  readonly value: string | undefined;
}

export interface StageState {
  image: Image | null;
  config: ContainerConfig;
  /** ARGs declared in this stage, in declaration order (a re-declaration replaces the value in place). */
  args: DeclaredArg[];
  /** A CMD was set in this stage (ENTRYPOINT then keeps it). */
  cmdSet: boolean;
  author: string | undefined;
}

export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

/** Go `%q` of a []string: `["a" "b"]`. */
export function goQuoteSlice(xs: readonly string[]): string {
  return `[${xs.map(goQuote).join(' ')}]`;
}

/** Go `%v` of a []string: `[a b]`. */
export function goSlice(xs: readonly string[]): string {
  return `[${xs.join(' ')}]`;
}

function envName(kv: string): string {
  const i = kv.indexOf('=');
  return i < 0 ? kv : kv.slice(0, i);
}

/** Variables an instruction sees: ARG values, overridden by ENV (docker.md §6.6). */
export function substitutionEnv(state: StageState): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of state.args) if (a.value !== undefined) m.set(a.name, a.value);
  for (const kv of state.config.Env ?? []) {
    const i = kv.indexOf('=');
    m.set(i < 0 ? kv : kv.slice(0, i), i < 0 ? '' : kv.slice(i + 1));
  }
  return m;
}

/** Declared ARGs with values that ENV does not shadow, sorted by name: what the classic builder puts in RUN (`|n K=V`). */
export function classicRunArgs(state: StageState): string[] {
  const env = new Set((state.config.Env ?? []).map(envName));
  const seen = new Map<string, string>();
  for (const a of state.args) if (a.value !== undefined && !env.has(a.name)) seen.set(a.name, a.value);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
}

/** Every declared ARG of the stage with its effective value (ENV wins), in declaration order: BuildKit's `|n K=V`. */
export function buildkitRunArgs(state: StageState): string[] {
  const env = new Map((state.config.Env ?? []).map((kv) => [envName(kv), kv.slice(envName(kv).length + 1)]));
  const order: string[] = [];
  const vals = new Map<string, string>();
  for (const a of state.args) {
    if (!vals.has(a.name)) order.push(a.name);
    vals.set(a.name, env.get(a.name) ?? a.value ?? '');
  }
  return order.map((k) => `${k}=${vals.get(k)!}`);
}

/** The environment a RUN sees beyond the image's Env: declared ARGs with values, unless ENV sets them. */
export function runArgEnv(state: StageState): string[] {
  const env = new Set((state.config.Env ?? []).map(envName));
  const out = new Map<string, string>();
  for (const a of state.args) if (a.value !== undefined && !env.has(a.name)) out.set(a.name, a.value);
  return [...out.entries()].map(([k, v]) => `${k}=${v}`);
}

export function shellOf(config: ContainerConfig): readonly string[] {
  return config.Shell && config.Shell.length > 0 ? config.Shell : DEFAULT_SHELL;
}

/** Shell form wraps the command in SHELL; exec form is used as is. */
export function commandArgv(cmd: CommandLine, config: ContainerConfig): string[] {
  return cmd.form === 'exec' ? [...cmd.args] : [...shellOf(config), cmd.command];
}

/** Applies `K=V` to an Env list in place order (a later ENV replaces the key where it was). */
export function setEnv(env: readonly string[], key: string, value: string): string[] {
  const out = [...env];
  const i = out.findIndex((kv) => envName(kv) === key);
  if (i >= 0) out[i] = `${key}=${value}`;
  else out.push(`${key}=${value}`);
  return out;
}

export interface MetadataEffect {
  readonly config: ContainerConfig;
  /** Classic: the `#(nop)` comment words after the shell (`['#(nop) ', 'ENV A=1']` or `['#(nop) WORKDIR /app']`). */
  readonly classicComment: readonly string[];
  /** BuildKit history `created_by`; undefined: no history entry (ONBUILD). */
  readonly buildkitCreatedBy: string | undefined;
  readonly author?: string;
  readonly cmdSet?: boolean;
  /** ARG declarations to record in the stage. */
  readonly declare?: readonly DeclaredArg[];
}

/** Go's `time.Duration.String()` (`5m0s`, `1h0m30s`, `1.5s`, `250ms`). */
export function goDurationString(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  const a = Math.abs(ns);
  let out: string;
  if (a < 1000) out = `${a}ns`;
  else if (a < 1e6) out = `${trimZeros((a / 1e3).toFixed(3))}µs`;
  else if (a < 1e9) out = `${trimZeros((a / 1e6).toFixed(6))}ms`;
  else {
    const h = Math.floor(a / 3.6e12);
    const m = Math.floor((a % 3.6e12) / 6e10);
    const sec = `${trimZeros(((a % 6e10) / 1e9).toFixed(9))}s`;
    out = h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
  }
  return neg ? `-${out}` : out;
}

function trimZeros(x: string): string {
  return x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x;
}

function healthString(h: HealthConfig): string {
  const d = (n: number | undefined) => goDurationString(n ?? 0);
  return `{Test:${goSlice(h.Test ?? [])} Interval:${d(h.Interval)} Timeout:${d(h.Timeout)} StartPeriod:${d(h.StartPeriod)} StartInterval:${d(h.StartInterval)} Retries:${h.Retries ?? 0}}`;
}

function resolveWorkdir(current: string | undefined, path: string): string {
  if (path.startsWith('/')) return normalizeAbs(path);
  return normalizeAbs(`${current && current !== '' ? current : '/'}/${path}`);
}

function normalizeAbs(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Build args given with `--build-arg`, and the predefined ones BuildKit offers. */
export interface ArgSource {
  readonly buildArgs: ReadonlyMap<string, string | undefined>;
  readonly style: BuildStyle;
  /** Global (meta) ARG values, for `ARG name` without a default inside a stage. */
  readonly meta: ReadonlyMap<string, string | undefined>;
  /** Names consumed so far (for the unused build-args warning). */
  readonly consumed: Set<string>;
}

export const PREDEFINED_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
]);

/** The value an ARG takes: `--build-arg`, else the global value (for a bare re-declaration), else its default. */
export function argValue(name: string, defaultValue: string | undefined, src: ArgSource, inStage: boolean): string | undefined {
  src.consumed.add(name);
  if (src.buildArgs.has(name)) {
    const v = src.buildArgs.get(name);
    if (v !== undefined) return v;
  }
  if (defaultValue !== undefined) return defaultValue;
  if (inStage && src.meta.has(name)) return src.meta.get(name);
  if (src.style === 'buildkit' && PREDEFINED_ARGS.has(name)) return PREDEFINED_ARGS.get(name);
  return undefined;
}

/** ENV, LABEL, CMD, ENTRYPOINT, EXPOSE, USER, VOLUME, WORKDIR (config part), SHELL, STOPSIGNAL, HEALTHCHECK, MAINTAINER, ARG, ONBUILD. */
export function metadataEffect(ins: Instruction, state: StageState, escape: EscapeToken, args: ArgSource): MetadataEffect {
  const env = substitutionEnv(state);
  const cfg: ContainerConfig = { ...state.config };
  const nop = (text: string) => ['#(nop) ', text];
  switch (ins.keyword) {
    case 'ENV': {
      const pairs = expandPairs(ins.pairs, env, escape);
      let list = [...(cfg.Env ?? [])];
      for (const p of pairs) {
        if (p.key === '') throw new BuildStepError('ENV names can not be blank');
        list = setEnv(list, p.key, p.value);
      }
      cfg.Env = list;
      const text = `ENV ${pairs.map((p) => `${p.key}=${p.value}`).join(' ')}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text };
    }
    case 'LABEL': {
      const pairs = expandPairs(ins.pairs, env, escape);
      const labels = { ...(cfg.Labels ?? {}) };
      for (const p of pairs) labels[p.key] = p.value;
      cfg.Labels = labels;
      const text = `LABEL ${pairs.map((p) => `${p.key}=${p.value}`).join(' ')}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text };
    }
    case 'MAINTAINER': {
      const text = `MAINTAINER ${ins.maintainer}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text, author: ins.maintainer };
    }
    case 'CMD': {
      cfg.Cmd = commandArgv(ins.command, cfg);
      const text = `CMD ${goQuoteSlice(cfg.Cmd)}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text, cmdSet: true };
    }
    case 'ENTRYPOINT': {
      cfg.Entrypoint = commandArgv(ins.command, cfg);
      if (!state.cmdSet) cfg.Cmd = null;
      const text = `ENTRYPOINT ${goQuoteSlice(cfg.Entrypoint)}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text };
    }
    case 'EXPOSE': {
      const words = expandWordList(ins.ports, env, escape);
      const ports = { ...(cfg.ExposedPorts ?? {}) };
      const keys: string[] = [];
      for (const w of words) for (const k of portKeys(w)) {
        ports[k] = {};
        keys.push(k);
      }
      cfg.ExposedPorts = ports;
      return { config: cfg, classicComment: nop(`EXPOSE ${words.join(' ')}`), buildkitCreatedBy: `EXPOSE ${goSlice([...keys].sort())}` };
    }
    case 'USER': {
      cfg.User = expandWord(ins.user, env, escape);
      const text = `USER ${cfg.User}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text };
    }
    case 'VOLUME': {
      const vols = ins.json ? ins.volumes.map((v) => expandWord(v, env, escape)) : expandWordList(ins.volumes, env, escape);
      const set = { ...(cfg.Volumes ?? {}) };
      for (const v of vols) {
        if (v.trim() === '') throw new BuildStepError('VOLUME specified can not be an empty string');
        set[v] = {};
      }
      cfg.Volumes = set;
      const text = `VOLUME ${goSlice(vols)}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text };
    }
    case 'WORKDIR': {
      cfg.WorkingDir = resolveWorkdir(cfg.WorkingDir, expandWord(ins.path, env, escape));
      return { config: cfg, classicComment: [`#(nop) WORKDIR ${cfg.WorkingDir}`], buildkitCreatedBy: `WORKDIR ${cfg.WorkingDir}` };
    }
    case 'SHELL': {
      cfg.Shell = [...ins.shell];
      const text = `SHELL ${goSlice(ins.shell)}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text };
    }
    case 'STOPSIGNAL': {
      cfg.StopSignal = expandWord(ins.signal, env, escape);
      const text = `STOPSIGNAL ${cfg.StopSignal}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text };
    }
    case 'HEALTHCHECK': {
      let h: HealthConfig;
      if (ins.type === 'NONE') h = { Test: ['NONE'] };
      else {
        const test = ins.command.form === 'exec' ? [...ins.command.args] : ['CMD-SHELL', ins.command.command];
        h = { Test: test };
        if (ins.interval) h.Interval = ins.interval;
        if (ins.timeout) h.Timeout = ins.timeout;
        if (ins.startPeriod) h.StartPeriod = ins.startPeriod;
        if (ins.startInterval) h.StartInterval = ins.startInterval;
        if (ins.retries) h.Retries = ins.retries;
      }
      cfg.Healthcheck = h;
      return { config: cfg, classicComment: nop(`HEALTHCHECK &${healthString(h)}`), buildkitCreatedBy: `HEALTHCHECK ${healthString(h)}` };
    }
    case 'ARG': {
      const decls = expandArgDeclarations(ins.declarations, env, escape);
      const declare = decls.map((d) => ({ name: d.name, value: argValue(d.name, d.defaultValue, args, true) }));
      const text = `ARG ${decls.map((d) => (d.defaultValue === undefined ? d.name : `${d.name}=${d.defaultValue}`)).join(' ')}`;
      return { config: cfg, classicComment: nop(text), buildkitCreatedBy: text, declare };
    }
    case 'ONBUILD': {
      if (ins.triggerError) throw new BuildStepError(ins.triggerError);
      cfg.OnBuild = [...(cfg.OnBuild ?? []), ins.expression];
      return { config: cfg, classicComment: nop(`ONBUILD ${ins.expression}`), buildkitCreatedBy: undefined };
    }
    default:
      throw new Error(`not a metadata instruction: ${ins.keyword}`);
  }
}

/** EXPOSE words: `80`, `80/tcp`, `53/UDP`, ranges `8000-8002`. */
function portKeys(word: string): string[] {
  const m = /^(\d+)(?:-(\d+))?(?:\/(\w+))?$/.exec(word);
  if (!m) throw new BuildStepError(`invalid containerPort: ${word.split('/')[0]}`);
  const proto = (m[3] ?? 'tcp').toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new BuildStepError(`invalid proto: ${proto}`);
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto}`);
  return out;
}

export const METADATA_KEYWORDS = new Set([
  'ENV', 'LABEL', 'MAINTAINER', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'VOLUME', 'SHELL', 'STOPSIGNAL', 'HEALTHCHECK', 'ARG', 'ONBUILD',
]);
