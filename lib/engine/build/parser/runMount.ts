/**
 * `RUN --mount=…` values as BuildKit reads them when the step runs (commands_runmount.go `parseMount` with a word
 * expander): CSV fields `key=value`, defaults (type bind, read-only except cache/tmpfs), per-type checks.
 * The parser keeps mounts as raw strings (BuildKit validates them at dispatch, after variable expansion); the
 * builder calls this with its expander.
 */
import { withSuggestion } from './instructions';

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export interface RunMount {
  readonly type: MountType;
  readonly from: string;
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  /** `id=` (cache id, secret id, ssh id). */
  readonly id: string;
  readonly sharing: '' | 'shared' | 'private' | 'locked';
  readonly required: boolean;
  readonly mode: number | undefined;
  readonly uid: number | undefined;
  readonly gid: number | undefined;
}

export class RunMountError extends Error {
  override readonly name = 'RunMountError';
}

const TYPES: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const ALL_KEYS = ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'mode', 'uid', 'gid', 'src', 'dst', 'ro', 'rw', 'readwrite'];

/** Go's encoding/csv for one record (no lazy quotes). */
function readCSV(value: string): string[] {
  const fields: string[] = [];
  const chars = Array.from(value.replace(/\r?\n$/, ''));
  let i = 0;
  const fail = (col: number, what: string) =>
    new RunMountError(`failed to parse csv mounts: parse error on line 1, column ${col}: ${what}`);
  for (;;) {
    let field = '';
    if (chars[i] === '"') {
      i++;
      for (;;) {
        if (i >= chars.length) throw fail(chars.length + 1, 'extraneous or missing " in quoted-field');
        const c = chars[i++]!;
        if (c !== '"') {
          field += c;
          continue;
        }
        if (chars[i] === '"') {
          field += '"';
          i++;
          continue;
        }
        if (i >= chars.length || chars[i] === ',') break;
        throw fail(i + 1, 'extraneous or missing " in quoted-field');
      }
    } else {
      while (i < chars.length && chars[i] !== ',') {
        if (chars[i] === '"') throw fail(i + 1, 'bare " in non-quoted-field');
        field += chars[i++];
      }
    }
    fields.push(field);
    if (i >= chars.length) return fields;
    i++; // comma
  }
}

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function parseUint32(v: string, base: 8 | 10): number | undefined {
  if (!(base === 8 ? /^[0-7]+$/ : /^[0-9]+$/).test(v)) return undefined;
  const n = Number.parseInt(v, base);
  return n <= 0xffffffff ? n : undefined;
}

/** Parse one `--mount` value; `expand` substitutes variables in each value (BuildKit's SingleWordExpander). */
export function parseRunMount(value: string, expand: (word: string) => string = (w) => w): RunMount {
  const fields = readCSV(value);
  let type: MountType = 'bind';
  let from = '';
  let source = '';
  let target = '';
  let readOnly = false;
  let id = '';
  let sharing: RunMount['sharing'] = '';
  let required = false;
  let mode: number | undefined;
  let uid: number | undefined;
  let gid: number | undefined;
  let roAuto = true;
  const invalid = (key: string, v: string) => new RunMountError(`invalid value for ${key}: ${v}`);

  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') {
        readOnly = true;
        roAuto = false;
        continue;
      }
      if (key === 'readwrite' || key === 'rw') {
        readOnly = false;
        roAuto = false;
        continue;
      }
      if (key === 'required') {
        if (type === 'secret' || type === 'ssh') {
          required = true;
          continue;
        }
        throw new RunMountError(`unexpected key '${key}' for mount type '${type}'`);
      }
      throw new RunMountError(`invalid field '${field}' must be a key=value pair`);
    }
    const v = expand(field.slice(eq + 1));
    switch (key) {
      case 'type': {
        const t = v.toLowerCase();
        if (!(TYPES as readonly string[]).includes(t)) {
          throw new RunMountError(withSuggestion(`unsupported mount type ${JSON.stringify(v)}`, v, TYPES, true));
        }
        type = t as MountType;
        break;
      }
      case 'from':
        from = v;
        break;
      case 'source':
      case 'src':
        source = v;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        target = v;
        break;
      case 'readonly':
      case 'ro': {
        const b = parseBool(v);
        if (b === undefined) throw invalid(key, v);
        readOnly = b;
        roAuto = false;
        break;
      }
      case 'readwrite':
      case 'rw': {
        const b = parseBool(v);
        if (b === undefined) throw invalid(key, v);
        readOnly = !b;
        roAuto = false;
        break;
      }
      case 'required': {
        if (type !== 'secret' && type !== 'ssh') throw new RunMountError(`unexpected key '${key}' for mount type '${type}'`);
        const b = parseBool(v);
        if (b === undefined) throw invalid(key, v);
        required = b;
        break;
      }
      case 'id':
        id = v;
        break;
      case 'sharing': {
        const s = v.toLowerCase();
        if (s !== 'shared' && s !== 'private' && s !== 'locked') throw new RunMountError(`unsupported sharing value ${JSON.stringify(v)}`);
        sharing = s;
        break;
      }
      case 'mode':
        mode = parseUint32(v, 8);
        if (mode === undefined) throw new RunMountError(`invalid value ${v} for mode`);
        break;
      case 'uid':
        uid = parseUint32(v, 10);
        if (uid === undefined) throw new RunMountError(`invalid value ${v} for uid`);
        break;
      case 'gid':
        gid = parseUint32(v, 10);
        if (gid === undefined) throw new RunMountError(`invalid value ${v} for gid`);
        break;
      default:
        throw new RunMountError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, ALL_KEYS, true));
    }
  }
  const fileInfoAllowed = type === 'secret' || type === 'ssh' || type === 'cache';
  if (mode !== undefined && !fileInfoAllowed) throw new RunMountError(`mode not allowed for "${type}" type mounts`);
  if (uid !== undefined && !fileInfoAllowed) throw new RunMountError(`uid not allowed for "${type}" type mounts`);
  if (gid !== undefined && !fileInfoAllowed) throw new RunMountError(`gid not allowed for "${type}" type mounts`);
  if (roAuto) readOnly = !(type === 'cache' || type === 'tmpfs');
  if (sharing !== '' && type !== 'cache') throw new RunMountError(`invalid cache sharing set for ${type} mount`);
  if (type === 'secret') {
    if (from !== '') throw new RunMountError('secret mount should not have a from');
    if (sharing !== '') throw new RunMountError('secret mount should not define sharing');
    if (source === '' && target === '' && id === '') throw new RunMountError('invalid secret mount. one of source, target required');
    if (source !== '' && id !== '') throw new RunMountError("both source and id can't be set");
  }
  return { type, from, source, target, readOnly, id, sharing, required, mode, uid, gid };
}
