/**
 * `-v` / `--volume` specs (moby volume/mounts/linux_parser.go ParseMountRaw, docker/cli's relative-path rule):
 * `/ctr` (anonymous volume), `name:/ctr` (named volume), `/host:/ctr` or `./host:/ctr` (bind), each optionally
 * `:ro`/`:rw` and the other mount modes.
 */
import { clientError, invalidParameter } from '../errors';
import { resolvePath } from '../fs/path';
import type { BindSpec } from '../container/Types';
import { VOLUME_NAME } from './VolumeStore';

const MODES = new Set(['rw', 'ro', 'z', 'Z', 'nocopy', 'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate', 'consistent', 'cached', 'delegated']);

/** linuxValidMountMode: comma-separated, at most one of rw/ro. */
function validMode(mode: string): boolean {
  if (mode === '') return true;
  let rw = 0;
  for (const m of mode.split(',')) {
    if (!MODES.has(m)) return false;
    if (m === 'rw' || m === 'ro') rw++;
  }
  return rw <= 1;
}

/** The spec as the daemon receives it: the CLI (28.x) makes any source starting with `.` absolute first. */
export function parseVolumeFlag(raw: string, clientCwd: string): BindSpec {
  const arr = raw.split(':');
  if (arr.length > 3) {
    // SplitN(raw, ":", 4) then "too many parts"
    throw invalidParameter(`invalid volume specification: '${raw}'`);
  }
  if (arr.length >= 2 && arr[0]!.startsWith('.')) {
    arr[0] = resolvePath(clientCwd, arr[0]!);
    raw = arr.join(':');
  }
  if (arr[0] === '') throw invalidParameter(`invalid volume specification: '${raw}'`);
  let source = '';
  let target: string;
  let mode = '';
  if (arr.length === 1) target = arr[0]!;
  else if (arr.length === 2) {
    if (validMode(arr[1]!)) throw invalidParameter(`invalid volume specification: '${raw}'`);
    source = arr[0]!;
    target = arr[1]!;
  } else {
    source = arr[0]!;
    target = arr[1]!;
    mode = arr[2]!;
  }
  if (!validMode(mode)) throw invalidParameter(`invalid mode: ${mode}`);
  const kind = source.startsWith('/') ? 'bind' : 'volume';
  if (!target.startsWith('/')) {
    throw invalidParameter(`invalid volume specification: '${raw}': invalid mount config for type "${kind}": invalid mount path: '${target}' mount path must be absolute`);
  }
  if (target === '/') throw invalidParameter(`invalid volume specification: '${raw}': invalid mount config for type "${kind}": invalid specification: destination can't be '/'`);
  if (kind === 'volume' && source !== '' && !VOLUME_NAME.test(source)) {
    throw invalidParameter(
      `create ${source}: "${source}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
    );
  }
  return { source, target: resolvePath('/', target), readOnly: mode.split(',').includes('ro'), kind };
}

/** `--mount type=bind|volume,source=…,target=…[,readonly]` (the common keys). */
export function parseMountFlag(raw: string, clientCwd: string): BindSpec {
  let type = 'volume';
  let source = '';
  let target = '';
  let readOnly = false;
  for (const field of raw.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : field.slice(eq + 1);
    switch (key) {
      case 'type':
        type = value;
        break;
      case 'source':
      case 'src':
        source = value;
        break;
      case 'target':
      case 'destination':
      case 'dst':
        target = value;
        break;
      case 'readonly':
      case 'ro':
        readOnly = eq < 0 || value === 'true' || value === '1';
        break;
      default:
        if (eq < 0) throw clientError(`invalid field '${field}' must be a key=value pair`);
    }
  }
  if (type !== 'bind' && type !== 'volume') throw clientError(`invalid argument "${raw}" for "--mount" flag: unsupported mount type: ${type}`);
  if (target === '') throw invalidParameter('invalid mount config: must specify a target');
  if (type === 'bind' && source === '') throw invalidParameter(`invalid mount config for type "bind": field Source must not be empty`);
  if (type === 'bind' && source.startsWith('.')) source = resolvePath(clientCwd, source);
  return { source, target: resolvePath('/', target), readOnly, kind: type, ...(type === 'bind' ? { mustExist: true } : {}) };
}
