/**
 * mktemp: create a unique temporary file or directory (-d) from a template whose trailing X's are replaced with
 * random letters and digits from the machine's random source (GNU: `tmp.XXXXXXXXXX` in $TMPDIR or /tmp; BusyBox:
 * `tmp.XXXXXX`). -p DIR, -t, --suffix, -u (dry run), -q.
 */

import { basename } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { childPath } from './lib/fsutil';
import { errorText, Tool } from './lib/tool';

const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const mktemp: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'dp:qtu' : 'dqtup:',
    long: t.gnu
      ? { directory: { key: 'd' }, tmpdir: { key: 'p', arg: 'optional' }, quiet: { key: 'q' }, 'dry-run': { key: 'u' }, suffix: { key: 'suffix', arg: 'required' } }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length > 1) return t.usage(t.gnu ? `too many templates` : undefined);
  const given = a.operands[0];
  let template = given ?? (t.gnu ? 'tmp.XXXXXXXXXX' : 'tmp.XXXXXX');
  let suffix = a.get('suffix') ?? '';
  if (t.gnu && suffix === '' && given !== undefined && !/X$/.test(template)) {
    // GNU takes what follows the last run of X's as a suffix when the template does not end in X.
    const m = /^(.*X{3,})([^X/]*)$/.exec(template);
    if (m) {
      template = m[1]!;
      suffix = m[2]!;
    }
  }
  const xs = /X*$/.exec(template)![0].length;
  const quiet = a.has('q');
  if (xs < 3) {
    if (!quiet) {
      if (t.gnu) await t.error(`too few X's in template ${t.ql(template + suffix)}`);
      else await t.error(`(null): Invalid argument`);
    }
    return 1;
  }
  // Where the file goes: -p DIR or $TMPDIR (or /tmp) when there is no template or -t/-p is given.
  let dir: string | undefined;
  const tmpdir = ctx.env.get('TMPDIR') || '/tmp';
  if (a.has('p')) dir = a.get('p') || tmpdir;
  else if (given === undefined || a.has('t')) dir = tmpdir;
  if (dir !== undefined && a.has('t')) template = basename(template);
  const base = template.slice(0, template.length - xs);
  for (let attempt = 0; attempt < 100; attempt++) {
    await ctx.checkpoint();
    let rnd = '';
    for (let i = 0; i < xs; i++) rnd += CHARS[ctx.sys.random.int(CHARS.length)];
    const name = base + rnd + suffix;
    const shown = dir !== undefined ? childPath(dir, name) : name;
    const path = t.abs(shown);
    try {
      if (a.has('u')) {
        try {
          ctx.fs.lstat(path);
          continue;
        } catch (e) {
          if (!isFsError(e, 'ENOENT')) throw e;
        }
      } else if (a.has('d')) ctx.fs.mkdir(path, 0o700);
      else ctx.fs.writeFile(path, new Uint8Array(0), { mode: 0o600, exclusive: true });
      await ctx.stdout.write(shown + '\n');
      return 0;
    } catch (e) {
      if (isFsError(e, 'EEXIST')) continue;
      if (!quiet) {
        const shownTemplate = dir !== undefined ? childPath(dir, template + suffix) : template + suffix;
        if (t.gnu) await t.error(`failed to create ${a.has('d') ? 'directory' : 'file'} via template ${t.ql(shownTemplate)}: ${errorText(e)}`);
        else await t.error(`${shownTemplate}: ${errorText(e)}`);
      }
      return 1;
    }
  }
  await t.error('cannot create a unique name');
  return 1;
};
