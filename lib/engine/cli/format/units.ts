/**
 * docker/go-units: sizes (`HumanSize`, `HumanSizeWithPrecision`, `BytesSize`) and durations (`HumanDuration`),
 * with Go's `%g` formatting, so `999999` bytes prints `1e+03kB` exactly as docker does.
 */
import { formatG } from './goFloat';

const DECIMAL_ABBRS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_ABBRS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, units: readonly string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]!];
}

/** `%.{precision}g` + decimal unit: what `docker images` uses with precision 3. */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [v, unit] = sizeAndUnit(size, 1000, DECIMAL_ABBRS);
  return `${formatG(v, precision)}${unit}`;
}

/** Four significant digits (progress, "Total reclaimed space", build context). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** Binary units (`1.5KiB`), four significant digits. */
export function bytesSize(size: number): string {
  const [v, unit] = sizeAndUnit(size, 1024, BINARY_ABBRS);
  return `${formatG(v, 4)}${unit}`;
}

/**
 * go-units HumanDuration for a duration in milliseconds (`2 weeks`, `About an hour`); `CREATED` columns append
 * ` ago`, `docker ps` prefixes `Up `.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/** `<HumanDuration> ago` for a time `then` seen at `now` (both ms since the epoch). */
export function timeAgo(now: number, then: number): string {
  return `${humanDuration(now - then)} ago`;
}
