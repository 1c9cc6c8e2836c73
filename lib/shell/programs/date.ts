/**
 * date: the machine clock, in UTC unless TZ names a zone (see lib/timezone.ts); +FORMAT, -d/--date (the forms lib/date.ts parses), -r FILE, -u, -I[FMT], -R.
 * Setting the clock is not simulated (root gets `Operation not permitted` as inside a container).
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { parseDate } from './lib/date';
import { localeQuote } from './lib/messages';
import { strftime } from './lib/strftime';
import { UTC_ZONE, zoneFromEnv } from './lib/timezone';
import { TextTool as Tool } from './lib/text-usage';

const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

export const date: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const args = ctx.argv.slice(1);
  let when = ctx.sys.clock.now();
  let format: string | null = null;
  let dateText: string | null = null;
  let setText: string | null = null;
  let utc = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (long: string) => (a === long || a.length === 2 ? args[++i] : a.startsWith(long + '=') ? a.slice(long.length + 1) : a.slice(2));
    if (a.startsWith('+')) {
      if (format !== null) return tool.usage(`extra operand ${localeQuote(ctx, a)}`);
      format = a.slice(1);
    } else if (a === '-u' || a === '--utc' || a === '--universal') utc = true;
    else if (a === '-d' || a.startsWith('--date') || (a.startsWith('-d') && a.length > 2)) {
      const v = value('--date');
      if (v === undefined) return tool.usage(`option requires an argument -- 'd'`);
      dateText = v;
    } else if (a === '-s' || a.startsWith('--set') || (a.startsWith('-s') && a.length > 2)) setText = value('--set') ?? '';
    else if (a === '-r' || a.startsWith('--reference')) {
      const f = value('--reference') ?? '';
      try {
        when = ctx.fs.stat(resolvePath(ctx.cwd, f)).mtimeMs;
      } catch (e) {
        await tool.error(`${f}: ${isFsError(e) ? e.text : String(e)}`);
        return 1;
      }
    } else if (a === '-R' || a === '--rfc-email' || a === '--rfc-2822') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (a.startsWith('-I') || a.startsWith('--iso-8601')) {
      const spec = a.startsWith('-I') ? a.slice(2) : a.includes('=') ? a.slice(a.indexOf('=') + 1) : '';
      const forms: Record<string, string> = { '': '%Y-%m-%d', date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z', seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z' };
      const f = forms[spec];
      if (f === undefined) {
        await tool.error(`invalid argument ${localeQuote(ctx, spec)} for '--iso-8601'`);
        return 1;
      }
      format = f;
    } else if (a === '--rfc-3339' || a.startsWith('--rfc-3339=')) {
      if (!a.includes('=')) return tool.usage("option '--rfc-3339' requires an argument");
      // argmatch: the word or any unambiguous prefix of it.
      const spec = a.slice('--rfc-3339='.length);
      const forms: Record<string, string> = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z' };
      const hits = Object.keys(forms).filter((k) => k.startsWith(spec));
      const word = forms[spec] !== undefined ? spec : hits.length === 1 ? hits[0]! : undefined;
      if (word === undefined) {
        const q = (t: string) => localeQuote(ctx, t);
        await ctx.stderr.write(
          `date: ${hits.length > 1 ? 'ambiguous' : 'invalid'} argument ${q(spec)} for ${q('--rfc-3339')}\nValid arguments are:\n${Object.keys(forms).map((k) => `  - ${q(k)}\n`).join('')}Try 'date --help' for more information.\n`,
        );
        return 1;
      }
      format = forms[word]!;
    } else if (a === '--help') return tool.help();
    else if (/^[0-9]{8,12}(\.[0-9]{2})?$/.test(a)) setText = a;
    else return tool.usage(a.startsWith('-') ? `invalid option -- '${a[1]}'` : `invalid date ${localeQuote(ctx, a)}`);
  }
  if (setText !== null) {
    await tool.error(`cannot set date: Operation not permitted`);
    return 1;
  }
  if (dateText !== null) {
    const t = parseDate(dateText, ctx.sys.clock.now());
    if (t === null) {
      await tool.error(tool.gnu ? `invalid date ${localeQuote(ctx, dateText)}` : `invalid date '${dateText}'`);
      return 1;
    }
    when = t;
  }
  const zone = utc ? UTC_ZONE : zoneFromEnv(ctx.env.get('TZ'), ctx.fs);
  await ctx.stdout.write(strftime(format ?? DEFAULT_FORMAT, when, zone) + '\n');
  return 0;
};
