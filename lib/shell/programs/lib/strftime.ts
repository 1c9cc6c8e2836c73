/** strftime(3) for `date +FORMAT`, C locale names, in a zone from timezone.ts (UTC by default). */

import { UTC_ZONE, type Zone } from './timezone';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isoWeek(d: Date): [number, number] {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return [t.getUTCFullYear(), Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7)];
}

/** Formats `ms` (epoch milliseconds) with `format` as local time in `zone`. */
export function strftime(format: string, ms: number, zone: Zone = UTC_ZONE): string {
  const offset = zone.offsetMinutes(ms);
  const d = new Date(ms + offset * 60000);
  const Y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, mo, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%' || i + 1 >= format.length) {
      out += c;
      continue;
    }
    let j = i + 1;
    let flag = '';
    if ('-_0^#'.includes(format[j]!)) flag = format[j++]!;
    let width = '';
    while (/[0-9]/.test(format[j] ?? '')) width += format[j++];
    let colons = '';
    while (format[j] === ':') colons += format[j++];
    const conv = format[j];
    if (conv === undefined) {
      out += format.slice(i);
      break;
    }
    i = j;
    const num = (v: number, w: number, padChar = '0') => {
      const p = flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : padChar;
      const ww = width ? Number(width) : w;
      return p === '' ? String(v) : String(Math.abs(v)).padStart(ww, p).replace(/^/, v < 0 ? '-' : '');
    };
    const text = (s: string) => {
      // `#` swaps case where it makes sense: names go upper case, AM/PM and the zone lower case.
      let t = flag === '^' ? s.toUpperCase() : flag === '#' ? (conv === 'p' || conv === 'Z' ? s.toLowerCase() : s.toUpperCase()) : s;
      if (width) t = t.padStart(Number(width), flag === '0' ? '0' : ' ');
      return t;
    };
    switch (conv) {
      case '%':
        out += '%';
        break;
      case 'a':
        out += text(DAYS[wd]!.slice(0, 3));
        break;
      case 'A':
        out += text(DAYS[wd]!);
        break;
      case 'b':
      case 'h':
        out += text(MONTHS[mo]!.slice(0, 3));
        break;
      case 'B':
        out += text(MONTHS[mo]!);
        break;
      case 'c':
        out += strftime('%a %b %e %H:%M:%S %Y', ms, zone);
        break;
      case 'C':
        out += num(Math.floor(Y / 100), 2);
        break;
      case 'd':
        out += num(day, 2);
        break;
      case 'D':
        out += strftime('%m/%d/%y', ms, zone);
        break;
      case 'e':
        out += num(day, 2, ' ');
        break;
      case 'F':
        out += strftime('%Y-%m-%d', ms, zone);
        break;
      case 'g':
        out += num(isoWeek(d)[0] % 100, 2);
        break;
      case 'G':
        out += num(isoWeek(d)[0], 4);
        break;
      case 'H':
        out += num(H, 2);
        break;
      case 'I':
        out += num(H % 12 === 0 ? 12 : H % 12, 2);
        break;
      case 'j':
        out += num(yday, 3);
        break;
      case 'k':
        out += num(H, 2, ' ');
        break;
      case 'l':
        out += num(H % 12 === 0 ? 12 : H % 12, 2, ' ');
        break;
      case 'm':
        out += num(mo + 1, 2);
        break;
      case 'M':
        out += num(M, 2);
        break;
      case 'n':
        out += '\n';
        break;
      case 'N': {
        const ns = String((((ms % 1000) + 1000) % 1000) * 1_000_000).padStart(9, '0');
        out += width ? ns.slice(0, Number(width)) : ns;
        break;
      }
      case 'p':
        out += text(H < 12 ? 'AM' : 'PM');
        break;
      case 'P':
        out += H < 12 ? 'am' : 'pm';
        break;
      case 'r':
        out += strftime('%I:%M:%S %p', ms, zone);
        break;
      case 'R':
        out += strftime('%H:%M', ms, zone);
        break;
      case 's':
        out += String(Math.floor(ms / 1000));
        break;
      case 'S':
        out += num(S, 2);
        break;
      case 't':
        out += '\t';
        break;
      case 'T':
        out += strftime('%H:%M:%S', ms, zone);
        break;
      case 'u':
        out += String(wd === 0 ? 7 : wd);
        break;
      case 'U':
        out += num(Math.floor((yday + 6 - wd) / 7), 2);
        break;
      case 'V':
        out += num(isoWeek(d)[1], 2);
        break;
      case 'w':
        out += String(wd);
        break;
      case 'W':
        out += num(Math.floor((yday + 6 - ((wd + 6) % 7)) / 7), 2);
        break;
      case 'x':
        out += strftime('%m/%d/%y', ms, zone);
        break;
      case 'X':
        out += strftime('%H:%M:%S', ms, zone);
        break;
      case 'y':
        out += num(Y % 100, 2);
        break;
      case 'Y':
        out += num(Y, 4);
        break;
      case 'z': {
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        out += colons === '' ? `${sign}${hh}${mm}` : colons === ':' ? `${sign}${hh}:${mm}` : `${sign}${hh}:${mm}:00`;
        break;
      }
      case 'Z':
        out += text(zone.abbreviation(ms));
        break;
      default:
        out += '%' + flag + width + colons + conv;
    }
  }
  return out;
}
