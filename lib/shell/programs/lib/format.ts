/** Number and time formats the file tools share: human sizes (`4.0K`), `ls` dates, `stat` timestamps. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Human-readable size with powers of 1024 (`ls -h`, `du -h`, `df -h`). GNU (`gnu` true) rounds up (`4.9K` for
 * 5000 bytes, `12K` for 11.1 KiB) and shows one decimal below 10; BusyBox (`gnu` false) always shows one decimal,
 * rounded to nearest from the last division's remainder (`12.0K`, `4.9K`), as its make_human_readable_str does.
 */
export function humanSize(bytes: number, gnu = true): string {
  if (!gnu) return busyboxHuman(bytes);
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  if (bytes < 1024) return String(bytes);
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const round = Math.ceil;
  if (v < 10) {
    let d = round(v * 10) / 10;
    if (d >= 10) return `${round(d)}${units[u]}`;
    return `${d.toFixed(1)}${units[u]}`;
  }
  let w = round(v);
  if (w >= 1024 && u < units.length - 1) return `1.0${units[u + 1]}`;
  return `${w}${units[u]}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * `ls -l` date: `Nov 23 10:00` for times within the last six months (and not in the future), `Nov 23  2025`
 * otherwise. Times are shown in UTC (the simulated machines run with TZ unset, i.e. UTC).
 */
export function lsTime(mtimeMs: number, nowMs: number): string {
  const d = new Date(mtimeMs);
  const sixMonths = (365.2425 * 24 * 60 * 60 * 1000) / 2;
  const recent = mtimeMs <= nowMs && nowMs - mtimeMs < sixMonths;
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const tail = recent ? `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

/** `2026-11-23 10:00:00.000000000 +0000` (stat, ls --full-time). */
export function fullTime(mtimeMs: number): string {
  const d = new Date(mtimeMs);
  const ns = String(Math.floor(((mtimeMs % 1000) + 1000) % 1000) * 1_000_000).padStart(9, '0');
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${ns} +0000`;
}

/** `2026-11-23 10:00` (tar -tv, GNU style). */
export function isoMinute(mtimeMs: number): string {
  const d = new Date(mtimeMs);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Major and minor device numbers from our `major << 8 | minor` encoding. */
export function devNumbers(rdev: number): [number, number] {
  return [(rdev >> 8) & 0xfff, rdev & 0xff];
}

function busyboxHuman(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let val = Math.floor(bytes);
  if (val === 0) return '0';
  let u = 0;
  let frac = 0;
  while (val >= 1024 && u < units.length - 1) {
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
    u++;
  }
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  return u === 0 ? String(val) : `${val}.${frac}${units[u]}`;
}
