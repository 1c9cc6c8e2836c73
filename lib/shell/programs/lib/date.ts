/**
 * The date strings `touch -d` accepts, a useful subset of GNU's parse_datetime: `@EPOCH`, `now`, `today`,
 * `yesterday`, `tomorrow`, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.frac]]` (also with `T`), an optional trailing `Z`
 * or `UTC`, `HH:MM[:SS]` (today), and relative items `N unit(s) [ago]` / `+N unit` / `-N unit`. Times are UTC.
 */

const UNITS: Record<string, number> = {
  sec: 1000,
  second: 1000,
  min: 60_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  fortnight: 14 * 86_400_000,
};

/** Milliseconds since the epoch, or null when the text is not understood. */
export function parseDate(text: string, nowMs: number): number | null {
  let s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '' || s === 'now' || s === 'today') return nowMs;
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (epoch) return Math.round(Number(epoch[1]) * 1000);
  let base = nowMs;
  let matchedAbsolute = false;
  const abs = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?: ?(?:z|utc|gmt|\+0000|\+00:00))?/.exec(s);
  if (abs) {
    const [, y, mo, d, h, mi, se, frac] = abs;
    const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    base = Date.UTC(Number(y), month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0), ms);
    s = s.slice(abs[0].length).trim();
    matchedAbsolute = true;
  } else {
    const tod = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(s);
    if (tod) {
      const d = new Date(nowMs);
      base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(tod[1]), Number(tod[2]), Number(tod[3] ?? 0));
      s = s.slice(tod[0].length).trim();
      matchedAbsolute = true;
    }
  }
  while (s !== '') {
    let m: RegExpExecArray | null;
    if ((m = /^(yesterday|tomorrow|today|now)\b ?/.exec(s))) {
      base += m[1] === 'yesterday' ? -86_400_000 : m[1] === 'tomorrow' ? 86_400_000 : 0;
    } else if ((m = /^([-+]?\d+)? ?(sec|second|min|minute|hour|day|week|fortnight|month|year)s? ?(ago)?\b ?/.exec(s))) {
      const n = m[1] === undefined ? 1 : Number(m[1]);
      const sign = m[3] ? -1 : 1;
      const unit = m[2]!;
      if (unit === 'month' || unit === 'year') {
        const d = new Date(base);
        const months = (unit === 'year' ? 12 : 1) * n * sign;
        base = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
      } else base += UNITS[unit]! * n * sign;
    } else return null;
    s = s.slice(m[0].length).trim();
  }
  void matchedAbsolute;
  return base;
}

/** `touch -t [[CC]YY]MMDDhhmm[.ss]`. */
export function parseTouchStamp(text: string, nowMs: number): number | null {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d{2}))?$/.exec(text);
  if (!m) return null;
  const digits = m[1]!;
  let year = new Date(nowMs).getUTCFullYear();
  let rest = digits;
  if (digits.length === 12) {
    year = Number(digits.slice(0, 4));
    rest = digits.slice(4);
  } else if (digits.length === 10) {
    const yy = Number(digits.slice(0, 2));
    year = yy < 69 ? 2000 + yy : 1900 + yy;
    rest = digits.slice(2);
  }
  const mo = Number(rest.slice(0, 2));
  const d = Number(rest.slice(2, 4));
  const h = Number(rest.slice(4, 6));
  const mi = Number(rest.slice(6, 8));
  const se = Number(m[2] ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return null;
  return Date.UTC(year, mo - 1, d, h, mi, se);
}
