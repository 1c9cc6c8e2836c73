/** touch: create empty files or set modification times (-c, -d DATE, -t STAMP, -r FILE; -a/-m accepted). */

import { FsError, isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { parseDate, parseTouchStamp } from './lib/date';
import { errorText, Tool } from './lib/tool';

export const touch: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'acd:fhmr:t:' : 'cd:hmr:t:a',
    long: t.gnu
      ? {
          'no-create': { key: 'c' },
          date: { key: 'd', arg: 'required' },
          reference: { key: 'r', arg: 'required' },
          'no-dereference': { key: 'h' },
          time: { key: 'time', arg: 'required' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const now = ctx.sys.clock.now();
  let when: number | null = null;
  const d = a.get('d');
  const stamp = a.get('t');
  const ref = a.get('r');
  if (d !== undefined) {
    when = parseDate(d, now);
    // BusyBox fills only the fields given and keeps the current seconds.
    if (when !== null && !t.gnu && /^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}$/.test(d.trim())) when += new Date(now).getUTCSeconds() * 1000;
    if (when === null) {
      if (t.gnu) await t.error(`invalid date format ${t.ql(d)}`);
      else await t.error(`invalid date '${d}'`);
      return 1;
    }
  } else if (stamp !== undefined) {
    when = parseTouchStamp(stamp, now);
    if (when === null) {
      if (t.gnu) await t.error(`invalid date format ${t.ql(stamp)}`);
      else await t.error(`invalid date '${stamp}'`);
      return 1;
    }
  } else if (ref !== undefined) {
    try {
      when = ctx.fs.stat(t.abs(ref)).mtimeMs;
    } catch (e) {
      if (t.gnu) await t.error(`failed to get attributes of ${t.q(ref)}: ${errorText(e)}`);
      else await t.error(`${ref}: ${errorText(e)}`);
      return 1;
    }
  }
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing file operand' : undefined);

  for (const name of a.operands) {
    await ctx.checkpoint();
    const path = t.abs(name);
    try {
      let exists = true;
      try {
        ctx.fs.stat(path);
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) throw e;
        exists = false;
      }
      if (!exists) {
        if (a.has('c')) continue;
        ctx.fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~ctx.umask, exclusive: false, append: true });
      }
      if (when !== null) {
        try {
          ctx.fs.utimes(path, when);
        } catch (e) {
          // The file is there (or was just made); only setting its time failed.
          if (t.gnu) await t.error(`setting times of ${t.q(name)}: ${errorText(e)}`);
          else await t.error(`${name}: ${errorText(e)}`);
          continue;
        }
      } else touchNow(path);
    } catch (e) {
      if (t.gnu) await t.error(`cannot touch ${t.q(name)}: ${errorText(e)}`);
      else await t.error(`${name}: ${errorText(e)}`);
    }
  }
  return t.status;

  /**
   * Sets the mtime to now. The kernel lets anyone who may write the file do that (utimensat with UTIME_NOW),
   * while an explicit time needs ownership; FsClient.utimes checks ownership, so a writable file that is not
   * ours is rewritten with its own bytes, which stamps it with the current time.
   */
  function touchNow(path: string): void {
    try {
      ctx.fs.utimes(path, ctx.sys.clock.now());
    } catch (e) {
      if (!isFsError(e, 'EPERM')) throw e;
      try {
        ctx.fs.access(path, 2);
      } catch {
        throw new FsError('EACCES', 'utimensat', path);
      }
      // Rewriting the same bytes is the only FsClient write that stamps the time for a non-owner.
      ctx.fs.writeFile(path, ctx.fs.readFile(path));
    }
  }
};
