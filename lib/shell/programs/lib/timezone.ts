/**
 * The TZ environment variable as glibc reads it: unset/empty/UTC is UTC; a POSIX string such as `CST-8` or
 * `<+08>-8` gives a fixed offset; a zone name (`Asia/Shanghai`) is used when its file exists under
 * /usr/share/zoneinfo on the machine (as after `apt-get install tzdata`), and otherwise falls back to UTC named
 * after the text up to the first non-letter (glibc prints `Asia`). DST rules in POSIX strings are not modelled.
 */

import type { FsClient } from '../../../engine/fs/Types';

export interface Zone {
  /** Offset east of UTC in minutes at the given instant. */
  offsetMinutes(ms: number): number;
  abbreviation(ms: number): string;
}

export const UTC_ZONE: Zone = { offsetMinutes: () => 0, abbreviation: () => 'UTC' };

/** glibc's abbreviations for zones Intl only names as GMT+N: [standard, summer, standard offset in minutes]. */
const ABBREVIATIONS: Readonly<Record<string, readonly [string, string | null, number]>> = {
  'Asia/Shanghai': ['CST', 'CDT', 480],
  'Asia/Chongqing': ['CST', 'CDT', 480],
  'Asia/Hong_Kong': ['HKT', 'HKST', 480],
  'Asia/Taipei': ['CST', 'CDT', 480],
  'Asia/Tokyo': ['JST', 'JDT', 540],
  'Asia/Seoul': ['KST', 'KDT', 540],
  'Asia/Kolkata': ['IST', null, 330],
  'Europe/London': ['GMT', 'BST', 0],
  'Europe/Berlin': ['CET', 'CEST', 60],
  'Europe/Paris': ['CET', 'CEST', 60],
  'Europe/Amsterdam': ['CET', 'CEST', 60],
  'Europe/Madrid': ['CET', 'CEST', 60],
  'Europe/Rome': ['CET', 'CEST', 60],
  'Europe/Moscow': ['MSK', null, 180],
  'Australia/Sydney': ['AEST', 'AEDT', 600],
};

function intlOffset(zone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

function namedZone(name: string): Zone | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return null;
  }
  return {
    offsetMinutes: (ms) => intlOffset(name, ms),
    abbreviation: (ms) => {
      const table = ABBREVIATIONS[name];
      if (table) {
        const off = intlOffset(name, ms);
        return off !== table[2] && table[1] ? table[1] : table[0];
      }
      const short = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
      if (!/^GMT[+-]/.test(short)) return short;
      const off = intlOffset(name, ms);
      const h = Math.floor(Math.abs(off) / 60);
      const m = Math.abs(off) % 60;
      return `${off < 0 ? '-' : '+'}${String(h).padStart(2, '0')}${m ? String(m).padStart(2, '0') : ''}`;
    },
  };
}

export function zoneFromEnv(tz: string | undefined, fs: FsClient): Zone {
  if (tz === undefined || tz === '' || tz === 'UTC' || tz === 'UTC0' || tz === ':UTC' || tz === 'Etc/UTC') return UTC_ZONE;
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  const posix = /^(<[^>]+>|[A-Za-z]{3,})([+-]?)([0-9]{1,2})(?::([0-9]{2}))?/.exec(name);
  if (posix && !name.includes('/')) {
    const abbr = posix[1]!.replace(/^<|>$/g, '');
    const minutes = Number(posix[3]) * 60 + Number(posix[4] ?? 0);
    // POSIX offsets are west of UTC: CST-8 is UTC+8.
    const east = posix[2] === '-' ? minutes : -minutes;
    return { offsetMinutes: () => east, abbreviation: () => abbr };
  }
  let hasFile = false;
  try {
    hasFile = fs.stat(`/usr/share/zoneinfo/${name}`).type === 'file';
  } catch {
    hasFile = false;
  }
  const z = hasFile ? namedZone(name) : null;
  if (z) return z;
  const fallback = /^[A-Za-z]*/.exec(name)![0] || 'UTC';
  return { offsetMinutes: () => 0, abbreviation: () => fallback };
}
