/** chmod: change permission bits (octal or symbolic `u+x,go-w,a=r,+X`; -R, -v, -c, -f). */

import type { Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { walkTree } from './lib/fsutil';
import { applyMode, modeString } from './lib/mode';
import { errorText, Tool } from './lib/tool';

/** `-w`, `-x`, `-rwx`, `-0`...: chmod takes these as a mode, not as options (GNU and BusyBox alike). */
const MODE_LIKE = /^-[rwxXstugoa0-7=+,-]+$/;

export const chmod: Program = async (ctx) => {
  const t = new Tool(ctx);
  // Pull out the first option-looking mode so the parser does not reject it.
  const argv = [...ctx.argv];
  let modeFromDash: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (MODE_LIKE.test(argv[i]!) && !/^-[Rvcf]+$/.test(argv[i]!)) {
      modeFromDash = argv[i];
      argv.splice(i, 1);
      break;
    }
  }
  const parsed = await t.parse(
    {
    short: t.gnu ? 'Rvcf' : 'Rvcf',
    long: t.gnu
      ? { recursive: { key: 'R' }, verbose: { key: 'v' }, changes: { key: 'c' }, silent: { key: 'f' }, quiet: { key: 'f' }, reference: { key: 'reference', arg: 'required' } }
      : {},
    },
    argv.slice(1),
  );
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const ops = [...a.operands];
  let spec = modeFromDash;
  let refMode: number | undefined;
  const ref = a.get('reference');
  if (ref !== undefined) {
    try {
      refMode = ctx.fs.stat(t.abs(ref)).mode & 0o7777;
    } catch (e) {
      await t.error(`failed to get attributes of ${t.q(ref)}: ${errorText(e)}`);
      return 1;
    }
  } else if (spec === undefined) {
    if (ops.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
    spec = ops.shift()!;
  }
  if (ops.length === 0) return t.usage(t.gnu ? (spec !== undefined ? `missing operand after ${t.ql(spec)}` : 'missing operand') : undefined);
  if (spec !== undefined && applyMode(spec, 0, false, ctx.umask) === null) {
    if (t.gnu) {
      await ctx.stderr.write(`${t.name}: invalid mode: ${t.ql(spec)}\n`);
      return t.usage();
    }
    await t.error(`invalid mode '${spec}'`);
    return 1;
  }
  const verbose = a.has('v');
  const changes = a.has('c');
  const quiet = a.has('f');

  const apply = async (path: string, name: string, lst: Stat, top: boolean) => {
    let st = lst;
    if (st.type === 'symlink') {
      // Symlinks met during -R are skipped; named ones are followed (their target changes).
      if (!top) return;
      try {
        st = ctx.fs.stat(path);
      } catch (e) {
        if (!quiet) await t.error(t.gnu ? `cannot operate on dangling symlink ${t.q(name)}` : `${name}: ${errorText(e)}`);
        else t.failed = true;
        return;
      }
    }
    const old = st.mode & 0o7777;
    const next = refMode ?? applyMode(spec!, old, st.type === 'dir', ctx.umask)!;
    try {
      if (next !== old) ctx.fs.chmod(path, next);
    } catch (e) {
      if (!quiet) await t.error(t.gnu ? `changing permissions of ${t.q(name)}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
      else t.failed = true;
      return;
    }
    const desc = (m: number) => `${m.toString(8).padStart(4, '0')} (${modeString(st.type, m).slice(1)})`;
    if (next !== old && (verbose || changes)) {
      await ctx.stdout.write(t.gnu ? `mode of ${t.q(name)} changed from ${desc(old)} to ${desc(next)}\n` : `mode of '${name}' changed to ${desc(next)}\n`);
    } else if (next === old && verbose && t.gnu) await ctx.stdout.write(`mode of ${t.q(name)} retained as ${desc(old)}\n`);
  };

  for (const name of ops) {
    await ctx.checkpoint();
    const path = t.abs(name);
    let lst: Stat;
    try {
      lst = ctx.fs.lstat(path);
    } catch (e) {
      if (!quiet) await t.error(t.gnu ? `cannot access ${t.q(name)}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
      else t.failed = true;
      continue;
    }
    if (!a.has('R')) {
      await apply(path, name, lst, true);
      continue;
    }
    await walkTree(
      ctx.fs,
      path,
      name,
      (p, n, st) => apply(p, n, st, p === path),
      async (n, e) => {
        if (!quiet) await t.error(t.gnu ? `cannot read directory ${t.q(n)}: ${errorText(e)}` : `${n}: ${errorText(e)}`);
      },
      () => ctx.checkpoint(),
    );
  }
  return t.status;
};
