/**
 * The image config JSON (OCI config + Docker extensions), byte-exact on the way out, shape-checked on the way in.
 *
 * Serialisation follows docker.md §2.1: top-level keys sorted (moby re-marshals the image through a map; BuildKit
 * patches its config the same way), nested objects in Go struct order, Go escaping and number formatting. The
 * `config` object comes in two styles:
 * - `'oci'` (BuildKit, OCI `ImageConfig` + `Healthcheck`/`OnBuild`/`Shell`): every field `omitempty`;
 * - `'moby'` (classic builder / `docker commit`, moby's `container.Config`): the full legacy struct, empty fields
 *   written out (`"Hostname":""`, `"Cmd":null`...). `container_config` always uses this style.
 *
 * The image ID is the sha256 of exactly these bytes (`imageId`). A loaded config keeps its own raw bytes: never
 * re-encode a config you did not build, or its ID changes.
 */
import { DigestError, parseDigest, sha256, type Digest } from './digest';
import { compareUtf8, goMarshal, parseGoJson, type GoJson } from './json';
import { T, canonicalKeys, checkGoType, type GoType } from './goDecode';

export interface HealthConfig {
  Test?: string[] | null;
  /** Durations are integer nanoseconds (Go time.Duration). */
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** Superset of OCI ImageConfig (+ Docker extensions) and moby's legacy container.Config. */
export interface ContainerConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  /** Keys like `80/tcp`, values `{}`. */
  ExposedPorts?: Record<string, Record<string, never>> | null;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: HealthConfig | null;
  ArgsEscaped?: boolean;
  Image?: string;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number | null;
  Shell?: string[] | null;
}

export interface HistoryEntry {
  /** RFC 3339 with nanoseconds (see formatRfc3339Nano). */
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface RootFs {
  type: string;
  /** Bottom to top. `null` writes `"diff_ids":null`; undefined leaves the key out. */
  diff_ids?: Digest[] | null;
}

export interface ImageConfigFile {
  architecture?: string;
  os?: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[] | null;
  created?: string;
  author?: string;
  config?: ContainerConfig | null;
  container?: string;
  container_config?: ContainerConfig | null;
  docker_version?: string;
  rootfs?: RootFs | null;
  history?: HistoryEntry[] | null;
  /** Legacy v1 fields some old images carry. */
  id?: string;
  parent?: string;
  comment?: string;
  /** Any other top-level keys (e.g. `moby.buildkit.cache.v0`), written sorted with the rest. */
  extra?: Record<string, GoJson>;
}

export type ConfigStyle = 'oci' | 'moby';

type Kind = 'string' | 'bool' | 'int' | 'strings' | 'set' | 'labels' | 'health';
/** [field, kind, omitempty] in Go struct order. */
type FieldSpec = readonly [keyof ContainerConfig, Kind, boolean];

const OCI_CONFIG_FIELDS: readonly FieldSpec[] = [
  ['User', 'string', true],
  ['ExposedPorts', 'set', true],
  ['Env', 'strings', true],
  ['Entrypoint', 'strings', true],
  ['Cmd', 'strings', true],
  ['Volumes', 'set', true],
  ['WorkingDir', 'string', true],
  ['Labels', 'labels', true],
  ['StopSignal', 'string', true],
  ['ArgsEscaped', 'bool', true],
  ['Healthcheck', 'health', true],
  ['OnBuild', 'strings', true],
  ['Shell', 'strings', true],
];

const MOBY_CONFIG_FIELDS: readonly FieldSpec[] = [
  ['Hostname', 'string', false],
  ['Domainname', 'string', false],
  ['User', 'string', false],
  ['AttachStdin', 'bool', false],
  ['AttachStdout', 'bool', false],
  ['AttachStderr', 'bool', false],
  ['ExposedPorts', 'set', true],
  ['Tty', 'bool', false],
  ['OpenStdin', 'bool', false],
  ['StdinOnce', 'bool', false],
  ['Env', 'strings', false],
  ['Cmd', 'strings', false],
  ['Healthcheck', 'health', true],
  ['ArgsEscaped', 'bool', true],
  ['Image', 'string', false],
  ['Volumes', 'set', false],
  ['WorkingDir', 'string', false],
  ['Entrypoint', 'strings', false],
  ['NetworkDisabled', 'bool', true],
  ['MacAddress', 'string', true],
  ['OnBuild', 'strings', false],
  ['Labels', 'labels', false],
  ['StopSignal', 'string', true],
  ['StopTimeout', 'int', true],
  ['Shell', 'strings', true],
];

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

function zero(kind: Kind): GoJson {
  return kind === 'string' ? '' : kind === 'bool' ? false : kind === 'int' ? 0 : null;
}

function encodeHealth(h: HealthConfig): GoJson {
  const out: Record<string, GoJson> = {};
  if (!isEmpty(h.Test)) out.Test = h.Test!;
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) if (!isEmpty(h[k])) out[k] = h[k]!;
  return out;
}

function encodeField(kind: Kind, v: unknown): GoJson {
  if (v === undefined || v === null) return null;
  switch (kind) {
    case 'set':
    case 'labels':
      return new Map(Object.entries(v as Record<string, GoJson>));
    case 'health':
      return encodeHealth(v as HealthConfig);
    default:
      return v as GoJson;
  }
}

/** The nested `config` / `container_config` object in Go struct order. */
export function encodeContainerConfig(c: ContainerConfig, style: ConfigStyle): GoJson {
  const out: Record<string, GoJson> = {};
  for (const [name, kind, omitempty] of style === 'oci' ? OCI_CONFIG_FIELDS : MOBY_CONFIG_FIELDS) {
    const v = c[name];
    // A pointer (Healthcheck, StopTimeout) is omitted only when nil, as Go's omitempty does.
    const omit = kind === 'health' || name === 'StopTimeout' ? v === undefined || v === null : isEmpty(v);
    if (omitempty && omit) continue;
    out[name] = v === undefined || v === null ? zero(kind) : encodeField(kind, v);
  }
  return out;
}

function encodeHistory(h: HistoryEntry): GoJson {
  const out: Record<string, GoJson> = {};
  for (const k of ['created', 'created_by', 'author', 'comment', 'empty_layer'] as const) if (!isEmpty(h[k])) out[k] = h[k]!;
  return out;
}

export interface EncodeConfigOptions {
  /** Style of the `config` object (default `'oci'`). */
  readonly configStyle?: ConfigStyle;
}

/** The config JSON text: compact, top-level keys sorted, no trailing newline. */
export function encodeImageConfigText(cfg: ImageConfigFile, options: EncodeConfigOptions = {}): string {
  const top = new Map<string, GoJson>();
  const str = (k: keyof ImageConfigFile): void => {
    const v = cfg[k];
    if (typeof v === 'string' && v !== '') top.set(k, v);
  };
  for (const k of ['architecture', 'os', 'variant', 'os.version', 'created', 'author', 'container', 'docker_version', 'id', 'parent', 'comment'] as const) str(k);
  if (!isEmpty(cfg['os.features'])) top.set('os.features', cfg['os.features']!);
  if (cfg.config) top.set('config', encodeContainerConfig(cfg.config, options.configStyle ?? 'oci'));
  if (cfg.container_config !== undefined) top.set('container_config', encodeContainerConfig(cfg.container_config ?? {}, 'moby'));
  if (cfg.rootfs) {
    const r: Record<string, GoJson> = { type: cfg.rootfs.type };
    if (cfg.rootfs.diff_ids !== undefined) r.diff_ids = cfg.rootfs.diff_ids;
    top.set('rootfs', r);
  }
  if (cfg.history !== undefined && cfg.history !== null && cfg.history.length > 0) top.set('history', cfg.history.map(encodeHistory));
  for (const [k, v] of Object.entries(cfg.extra ?? {})) if (!top.has(k)) top.set(k, v);
  return goMarshal(top);
}

const utf8 = new TextEncoder();

/** The config blob bytes. */
export function encodeImageConfig(cfg: ImageConfigFile, options: EncodeConfigOptions = {}): Uint8Array {
  return utf8.encode(encodeImageConfigText(cfg, options));
}

/** Image ID (graphdriver store, OCI): the sha256 of the exact config bytes. */
export function imageId(configBytes: Uint8Array): Digest {
  return sha256(configBytes);
}

// ---- decoding ----

const STRINGS = T.slice(T.string);
const SET = T.map(T.struct('struct {}', {}));
const HEALTH = T.struct('container.HealthConfig', {
  Test: STRINGS,
  Interval: T.duration,
  Timeout: T.duration,
  StartPeriod: T.duration,
  StartInterval: T.duration,
  Retries: T.int,
});
const CONTAINER_CONFIG_FIELDS: Record<string, GoType> = {
  Hostname: T.string,
  Domainname: T.string,
  User: T.string,
  AttachStdin: T.bool,
  AttachStdout: T.bool,
  AttachStderr: T.bool,
  ExposedPorts: T.map(T.struct('struct {}', {})),
  Tty: T.bool,
  OpenStdin: T.bool,
  StdinOnce: T.bool,
  Env: STRINGS,
  Cmd: T.slice(T.string),
  Healthcheck: HEALTH,
  ArgsEscaped: T.bool,
  Image: T.string,
  Volumes: SET,
  WorkingDir: T.string,
  Entrypoint: STRINGS,
  NetworkDisabled: T.bool,
  MacAddress: T.string,
  OnBuild: STRINGS,
  Labels: T.map(T.string),
  StopSignal: T.string,
  StopTimeout: T.int,
  Shell: STRINGS,
};
const CONTAINER_CONFIG = T.struct('container.Config', CONTAINER_CONFIG_FIELDS);
const HISTORY = T.struct('image.History', { created: T.named('time.Time'), created_by: T.string, author: T.string, comment: T.string, empty_layer: T.bool });

/** Go's view of the config document (moby's image.Image), used to word type errors. */
export const IMAGE_CONFIG_TYPE: GoType = T.struct('image.Image', {
  id: T.string,
  parent: T.string,
  comment: T.string,
  created: T.named('time.Time'),
  container: T.string,
  container_config: CONTAINER_CONFIG,
  docker_version: T.string,
  author: T.string,
  config: CONTAINER_CONFIG,
  architecture: T.string,
  variant: T.string,
  os: T.string,
  rootfs: T.struct('image.RootFS', { type: T.string, diff_ids: T.slice(T.named('layer.DiffID')) }),
  history: T.slice(HISTORY),
  'os.version': T.string,
  'os.features': STRINGS,
});

export class ImageConfigError extends Error {
  override readonly name = 'ImageConfigError';
}

const TOP_FIELDS = ['architecture', 'os', 'variant', 'os.version', 'os.features', 'created', 'author', 'config', 'container', 'container_config', 'docker_version', 'rootfs', 'history', 'id', 'parent', 'comment'];

/**
 * Parses and checks a config blob. Errors: Go's JSON syntax/type errors, `invalid image JSON, no RootFS key`
 * (moby's NewFromJSON), go-digest errors for malformed diff_ids, and RFC 3339 errors for `created`.
 */
export function decodeImageConfig(bytes: Uint8Array | string): ImageConfigFile {
  const raw = parseGoJson(bytes);
  checkGoType(raw, IMAGE_CONFIG_TYPE);
  if (raw === null) throw new ImageConfigError('invalid image JSON, no RootFS key');
  const obj = canonicalKeys(raw as Record<string, unknown>, TOP_FIELDS);
  if (obj.rootfs === undefined) throw new ImageConfigError('invalid image JSON, no RootFS key');
  const cfg: ImageConfigFile = {};
  const extra: Record<string, GoJson> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (TOP_FIELDS.includes(k)) (cfg as Record<string, unknown>)[k] = v;
    else extra[k] = v as GoJson;
  }
  if (Object.keys(extra).length > 0) cfg.extra = extra;
  for (const k of ['config', 'container_config'] as const) {
    const c = cfg[k];
    if (c) cfg[k] = canonicalKeys(c as Record<string, unknown>, Object.keys(CONTAINER_CONFIG_FIELDS)) as ContainerConfig;
  }
  const rootfs = canonicalKeys(obj.rootfs as Record<string, unknown>, ['type', 'diff_ids']) as unknown as RootFs;
  cfg.rootfs = rootfs;
  if (rootfs.diff_ids) {
    rootfs.diff_ids.forEach((d, i) => {
      try {
        parseDigest(d);
      } catch (e) {
        if (e instanceof DigestError) throw new ImageConfigError(`invalid diff_id ${i} ${JSON.stringify(d)}: ${e.message}`);
        throw e;
      }
    });
  }
  if (cfg.history) cfg.history = cfg.history.map((h) => canonicalKeys(h as Record<string, unknown>, ['created', 'created_by', 'author', 'comment', 'empty_layer']) as HistoryEntry);
  return cfg;
}

/** Keys of a map-valued field sorted the way Go writes them (for display: `docker inspect` ExposedPorts...). */
export function sortedKeys(m: Record<string, unknown> | null | undefined): string[] {
  return Object.keys(m ?? {}).sort(compareUtf8);
}
