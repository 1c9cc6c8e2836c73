/** Picking new user and group IDs the way shadow 4.13 does, and the checks its tools share. */

import type { FsClient } from '../../../engine/fs/Types';
import type { AccountTable } from './db';
import { readSettings } from './db';

export interface LoginDefs {
  readonly uidMin: number;
  readonly uidMax: number;
  readonly sysUidMin: number;
  readonly sysUidMax: number;
  readonly gidMin: number;
  readonly gidMax: number;
  readonly sysGidMin: number;
  readonly sysGidMax: number;
  readonly userGroups: boolean;
  readonly umask: number;
  readonly homeMode: number | undefined;
  readonly passMin: string;
  readonly passMax: string;
  readonly passWarn: string;
}

export function loginDefs(fs: FsClient, overrides: ReadonlyMap<string, string> = new Map()): LoginDefs {
  const s = readSettings(fs, '/etc/login.defs');
  for (const [k, v] of overrides) s.set(k, v);
  const num = (k: string, d: number) => (s.has(k) && /^\d+$/.test(s.get(k)!) ? Number(s.get(k)) : d);
  const oct = (k: string) => (s.has(k) && /^0?[0-7]+$/.test(s.get(k)!) ? parseInt(s.get(k)!, 8) : undefined);
  return {
    uidMin: num('UID_MIN', 1000),
    uidMax: num('UID_MAX', 60000),
    sysUidMin: num('SYS_UID_MIN', 101),
    sysUidMax: num('SYS_UID_MAX', num('UID_MIN', 1000) - 1),
    gidMin: num('GID_MIN', 1000),
    gidMax: num('GID_MAX', 60000),
    sysGidMin: num('SYS_GID_MIN', 101),
    sysGidMax: num('SYS_GID_MAX', num('GID_MIN', 1000) - 1),
    userGroups: (s.get('USERGROUPS_ENAB') ?? 'yes').toLowerCase() === 'yes',
    umask: oct('UMASK') ?? 0o022,
    homeMode: oct('HOME_MODE'),
    passMin: s.get('PASS_MIN_DAYS') ?? '',
    passMax: s.get('PASS_MAX_DAYS') ?? '',
    passWarn: s.get('PASS_WARN_AGE') ?? '',
  };
}

/**
 * shadow's find_new_uid/find_new_gid: a regular ID is one above the highest in use within [min, max] (or the lowest
 * free one when that would pass max); a system ID is the highest free one counting down from max. `preferred`
 * (the new user's UID, for its group) wins when free.
 */
export function newId(table: AccountTable, min: number, max: number, system: boolean, preferred?: number, alsoUsed: readonly number[] = []): number | null {
  const used = new Set([...table.ids(), ...alsoUsed]);
  if (preferred !== undefined && preferred >= min && preferred <= max && !used.has(preferred)) return preferred;
  if (system) {
    for (let id = max; id >= min; id--) if (!used.has(id)) return id;
    return null;
  }
  const inRange = [...used].filter((id) => id >= min && id <= max);
  const next = inRange.length > 0 ? Math.max(...inRange) + 1 : min;
  if (next <= max) return next;
  for (let id = min; id <= max; id++) if (!used.has(id)) return id;
  return null;
}

/**
 * Debian's shadow accepts any name that does not start with `-`, `+` or `~`, is not all digits, `.` or `..`, and
 * holds no `:`, `,`, `/`, whitespace or control characters, up to 32 characters.
 */
export function isValidName(name: string): boolean {
  if (name === '' || name.length > 32 || name === '.' || name === '..') return false;
  if (/^[-+~]/.test(name) || /^\d+$/.test(name)) return false;
  return !/[:,/\s\x00-\x1f\x7f]/.test(name);
}
