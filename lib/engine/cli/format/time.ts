/** Time formats the docker CLI prints; the codecs live in lib/engine/format/time.ts and are shared with configs. */
export { formatGoTimeString, formatRfc3339, formatRfc3339Nano, parseRfc3339, toNanos, type Instant } from '../../format/time';
export { humanDuration, timeAgo } from './units';
