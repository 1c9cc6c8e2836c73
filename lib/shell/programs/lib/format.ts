/** Number and time formats the file tools share: human sizes (`4.0K`), `ls` dates, `stat` timestamps. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Human-readable size with powers of 1024 (`ls -h`, `du -h`, `df -h`). GNU rounds up (`4.9K` for 5000 bytes,
 * `12K` for 11.1 KiB) and shows one decimal below 10; BusyBox rounds to nearest.
 */
export function humanSize(bytes: number, roundUp = true): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  if (bytes < 1024) return String(bytes);
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const round = roundUp ? Math.ceil : Math.round;
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
