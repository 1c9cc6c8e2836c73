/**
 * docker/cli's `--since`/`--until` values (moby api/types/time GetTimestamp): a Go duration before now (`42m`), an
 * RFC 3339 time with zone (`2013-01-02T13:23:37Z`), a local date or date-time (the host runs in UTC), or Unix
 * seconds (`1700000000`, `1700000000.5`). Returns epoch ms, or throws the client's message.
 */
import { parseGoDuration } from './flags';

const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$/;

export class TimestampError extends Error {}

export function parseTimestamp(value: string, nowMs: number): number {
  if (value !== '0') {
    try {
      return nowMs - parseGoDuration(value);
    } catch {
      // not a duration
    }
  }
  const m = PARTS.exec(value);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)) + Math.floor(Number(frac ?? 0) * 1000);
    if (zone && zone !== 'Z' && zone !== 'z') {
      const sign = zone[0] === '-' ? -1 : 1;
      ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    }
    if (!Number.isNaN(ms)) return ms;
  }
  if (value.includes('-')) throw new TimestampError(`parsing time ${JSON.stringify(value)}: cannot parse ${JSON.stringify(value)} as a timestamp`);
  if (/^[0-9]+(\.[0-9]{1,9})?$/.test(value)) return Math.floor(Number(value) * 1000);
  throw new TimestampError(`failed to parse value as time or duration: ${JSON.stringify(value)}`);
}
