/**
 * realpath and readlink: canonical paths. `realpath` (GNU default -E: every component but the last must exist;
 * -e all; -m none; -s no symlink resolution; --relative-to). `readlink` prints a link's target, or with -f/-e/-m
 * the canonical path; failures are silent unless -v, as in GNU and BusyBox.
 */

import { basename, dirname, normalize, resolvePath } from '../../engine/fs/path';
import { FsError, isFsError, type FsClient } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { errorText, Tool } from './lib/tool';

export type CanonMode = 'all' | 'existing-parent' | 'missing';

/**
 * Resolves symlinks component by component as `readlink -f`/`realpath` do. `mode` says which components may be
 * missing: 'all' (-e), 'existing-parent' (-f, realpath's default), 'missing' (-m). Throws FsError.
 */
export function canonicalize(fs: FsClient, path: string, mode: CanonMode): string {
  if (mode === 'all') return fs.realpath(path);
  try {
    return fs.realpath(path);
  } catch (e) {
    if (!isFsError(e, 'ENOENT') && !(mode === 'missing' && isFsError(e, 'ENOTDIR'))) throw e;
  }
  if (path === '/') return '/';
  const parent = dirname(path);
  const name = basename(path);
  if (mode === 'existing-parent') {
    const real = fs.realpath(parent);
    const st = fs.stat(real);
    if (st.type !== 'dir') throw new FsError('ENOTDIR', 'realpath', path);
    // A dangling symlink as the last component resolves to its (missing) target.
    try {
      const target = fs.readlink(path);
      return canonicalize(fs, resolvePath(real, target), 'existing-parent');
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
    return normalize(`${real}/${name}`);
  }
  const real = canonicalize(fs, parent, 'missing');
  return normalize(`${real}/${name}`);
}

function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const parts = [...a.slice(i).map(() => '..'), ...b.slice(i)];
  return parts.length === 0 ? '.' : parts.join('/');
}

export const realpath: Program = async (ctx) => {
  const t = new Tool(ctx);
  // BusyBox's realpath takes no options: every argument is a path.
  const parsed = await t.parse(
    {
    short: t.gnu ? 'emsqzLP' : 'emsqz',
    long: t.gnu
      ? {
          'canonicalize-existing': { key: 'e' },
          'canonicalize-missing': { key: 'm' },
          'no-symlinks': { key: 's' },
          strip: { key: 's' },
          quiet: { key: 'q' },
          zero: { key: 'z' },
          'relative-to': { key: 'relative-to', arg: 'required' },
          'relative-base': { key: 'relative-base', arg: 'required' },
          logical: { key: 'L' },
          physical: { key: 'P' },
        }
      : {},
    },
    t.gnu ? ctx.argv.slice(1) : ['--', ...ctx.argv.slice(1)],
  );
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  const mode: CanonMode = a.last('e', 'm') === 'e' ? 'all' : a.has('m') ? 'missing' : 'existing-parent';
  const eol = a.has('z') ? '\0' : '\n';
  let relTo: string | undefined;
  if (a.has('relative-to')) {
    try {
      relTo = canonicalize(ctx.fs, t.abs(a.get('relative-to')!), mode);
    } catch (e) {
      await t.error(`${a.get('relative-to')}: ${errorText(e)}`);
      return 1;
    }
  }
  for (const name of a.operands) await realpathOne(name);
  return t.status;

  async function realpathOne(name: string): Promise<void> {
    await ctx.checkpoint();
    try {
      let p = a.has('s') ? t.abs(name) : canonicalize(ctx.fs, t.abs(name), t.gnu ? mode : 'all');
      if (a.has('s') && mode === 'all') ctx.fs.stat(p);
      if (relTo !== undefined) p = relative(relTo, p);
      await ctx.stdout.write(p + eol);
    } catch (e) {
      if (!a.has('q')) await t.error(`${name}: ${errorText(e)}`);
      else t.failed = true;
    }
  }
};

export const readlink: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'femnqsvz' : 'fnvq',
    long: t.gnu
      ? {
          canonicalize: { key: 'f' },
          'canonicalize-existing': { key: 'e' },
          'canonicalize-missing': { key: 'm' },
          'no-newline': { key: 'n' },
          quiet: { key: 'q' },
          silent: { key: 's' },
          verbose: { key: 'v' },
          zero: { key: 'z' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  const canon = a.last('f', 'e', 'm');
  const noNewline = a.has('n') && a.operands.length === 1;
  const eol = a.has('z') ? '\0' : noNewline ? '' : '\n';
  for (const name of a.operands) {
    await ctx.checkpoint();
    try {
      const out = canon
        ? canonicalize(ctx.fs, t.abs(name), canon === 'e' ? 'all' : canon === 'm' ? 'missing' : 'existing-parent')
        : ctx.fs.readlink(t.abs(name));
      await ctx.stdout.write(out + eol);
    } catch (e) {
      t.failed = true;
      if (a.has('v')) await t.error(`${name}: ${errorText(e)}`);
    }
  }
  return t.status;
};
