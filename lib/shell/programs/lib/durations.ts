/** `sleep`/`timeout` durations: a number (fractions allowed) with an optional s, m, h or d suffix. */

/** Milliseconds, or null when invalid. */
export function parseDuration(s: string): number | null {
  const m = /^([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.|inf(?:inity)?)([smhd]?)$/i.exec(s);
  if (!m) return null;
  const n = /^inf/i.test(m[1]!) ? Infinity : Number(m[1]);
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]!.toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return n * mult * 1000;
}
