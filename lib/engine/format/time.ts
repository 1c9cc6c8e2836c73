/**
 * Timestamps as Go prints them. Times are `bigint` nanoseconds since the Unix epoch (Go keeps nanoseconds; image
 * configs carry them) or `number` milliseconds (the engine clock), converted exactly.
 */

export type Instant = bigint | number;

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

/** Nanoseconds since the epoch; a `number` is milliseconds (fractions kept to the nanosecond). */
export function toNanos(t: Instant): bigint {
  if (typeof t === 'bigint') return t;
  if (!Number.isFinite(t)) throw new RangeError(`invalid time ${t}`);
  const ms = Math.floor(t);
  return BigInt(ms) * NS_PER_MS + BigInt(Math.round((t - ms) * 1e6));
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
}

function civil(t: Instant, offsetSeconds = 0): Civil {
  const ns = toNanos(t) + BigInt(offsetSeconds) * NS_PER_S;
  let secs = ns / NS_PER_S;
  let nanos = ns % NS_PER_S;
  if (nanos < 0n) {
    nanos += NS_PER_S;
    secs -= 1n;
  }
  let days = secs / 86400n;
  let rem = secs % 86400n;
  if (rem < 0n) {
    rem += 86400n;
    days -= 1n;
  }
  // Howard Hinnant's days_from_civil inverse.
  const z = Number(days) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const r = Number(rem);
  return { year, month, day, hour: Math.floor(r / 3600), minute: Math.floor((r % 3600) / 60), second: r % 60, nanos: Number(nanos) };
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const p4 = (n: number): string => (n < 0 ? `-${String(-n).padStart(4, '0')}` : String(n).padStart(4, '0'));

/** Go's time.RFC3339Nano in UTC: fraction without trailing zeros (none at all for whole seconds), then `Z`. */
export function formatRfc3339Nano(t: Instant): string {
  const c = civil(t);
  const frac = c.nanos === 0 ? '' : `.${String(c.nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${p4(c.year)}-${p2(c.month)}-${p2(c.day)}T${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}${frac}Z`;
}

/** Go's time.RFC3339 (whole seconds) in UTC. */
export function formatRfc3339(t: Instant): string {
  const c = civil(t);
  return `${p4(c.year)}-${p2(c.month)}-${p2(c.day)}T${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}Z`;
}

/**
 * Go's `time.Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`. `zone` names the offset (default UTC,
 * printed `+0000 UTC`); docker's `{{.CreatedAt}}` uses it with the local zone.
 */
export function formatGoTimeString(t: Instant, zone: { name: string; offsetSeconds: number } = { name: 'UTC', offsetSeconds: 0 }): string {
  const c = civil(t, zone.offsetSeconds);
  const frac = c.nanos === 0 ? '' : `.${String(c.nanos).padStart(9, '0').replace(/0+$/, '')}`;
  const off = Math.abs(zone.offsetSeconds);
  const sign = zone.offsetSeconds < 0 ? '-' : '+';
  return `${p4(c.year)}-${p2(c.month)}-${p2(c.day)} ${p2(c.hour)}:${p2(c.minute)}:${p2(c.second)}${frac} ${sign}${p2(Math.floor(off / 3600))}${p2(Math.floor((off % 3600) / 60))} ${zone.name}`;
}

export class TimeParseError extends Error {
  override readonly name = 'TimeParseError';
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Parses RFC 3339 (with optional fraction and offset, as Go's time.Time.UnmarshalJSON accepts) to nanoseconds. */
export function parseRfc3339(s: string): bigint {
  const m = RFC3339.exec(s);
  if (!m) throw new TimeParseError(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const mdays = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1]! || hour > 23 || minute > 59 || second > 59) {
    throw new TimeParseError(`parsing time ${JSON.stringify(s)}: day, month or time out of range`);
  }
  const nanos = m[7] ? BigInt(m[7].padEnd(9, '0')) : 0n;
  let offset = 0;
  if (m[8] !== 'Z' && m[8] !== 'z') {
    const sign = m[8]![0] === '-' ? -1 : 1;
    offset = sign * (Number(m[8]!.slice(1, 3)) * 3600 + Number(m[8]!.slice(4, 6)) * 60);
  }
  const secs = BigInt(daysFromCivil(year, month, day)) * 86400n + BigInt(hour * 3600 + minute * 60 + second - offset);
  return secs * NS_PER_S + nanos;
}

/** Milliseconds since the epoch (sub-millisecond part dropped). */
export function nanosToMillis(ns: bigint): number {
  const ms = ns / NS_PER_MS;
  return Number(ns < 0n && ns % NS_PER_MS !== 0n ? ms - 1n : ms);
}
