/**
 * rm: remove files and directories. GNU refuses to work recursively on `/` (--preserve-root) and on `.`/`..`;
 * BusyBox refuses `.`/`..` only. `-i` asks on stderr and reads the answer from stdin (no answer means no).
 */

import { basename } from '../../engine/fs/path';
import { FsError, isFsError, type Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { childPath, fileTypeText, lstatOrNull } from './lib/fsutil';
import { confirm } from './lib/prompt';
import { errorText, Tool } from './lib/tool';

export const rm: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'fiIrRdv' : 'fiRrv',
    long: t.gnu
      ? {
          force: { key: 'f' },
          interactive: { key: 'interactive', arg: 'optional' },
          recursive: { key: 'r' },
          dir: { key: 'd' },
          verbose: { key: 'v' },
          'no-preserve-root': { key: 'no-preserve-root' },
          'preserve-root': { key: 'preserve-root', arg: 'optional' },
          'one-file-system': { key: 'one-file-system' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const last = a.last('f', 'i', 'interactive');
  const force = last === 'f';
  const interactive = last === 'i' || (last === 'interactive' && a.get('interactive') !== 'never');
  const recursive = a.has('r') || a.has('R');
  const emptyDirs = a.has('d');
  const verbose = a.has('v');
  const preserveRoot = !a.has('no-preserve-root');

  if (a.operands.length === 0) {
    if (force) return 0;
    return t.usage(t.gnu ? 'missing operand' : undefined);
  }

  for (const name of a.operands) {
    await ctx.checkpoint();
    const base = basename(name);
    if (base === '.' || base === '..') {
      if (t.gnu) await t.error(`refusing to remove '.' or '..' directory: skipping ${t.q(name)}`);
      else await t.error(`can't remove '.' or '..'`);
      continue;
    }
    const path = t.abs(name);
    if (t.gnu && recursive && preserveRoot && path === '/') {
      await t.error(`it is dangerous to operate recursively on ${t.q(name)}`);
      await t.error('use --no-preserve-root to override this failsafe');
      continue;
    }
    await remove(name, path);
  }
  return t.status;

  async function cannot(name: string, e: unknown): Promise<void> {
    if (t.gnu) await t.error(`cannot remove ${t.q(name)}: ${errorText(e)}`);
    else await t.error(`can't remove '${name}': ${errorText(e)}`);
  }

  /** Returns false when something was left behind. */
  async function remove(name: string, path: string): Promise<boolean> {
    await ctx.checkpoint();
    let st: Stat | null;
    try {
      st = lstatOrNull(ctx.fs, path);
    } catch (e) {
      await cannot(name, e);
      return false;
    }
    if (!st) {
      if (force) return true;
      await cannot(name, new FsError('ENOENT', 'lstat', path));
      return false;
    }
    if (st.type === 'dir') {
      if (!recursive) {
        if (emptyDirs) return removeEmptyDir(name, path);
        if (t.gnu) await cannot(name, new FsError('EISDIR', 'unlink', path));
        else await t.error(`'${name}' is a directory`);
        return false;
      }
      if (interactive && !(await confirm(ctx, `${t.name}: descend into directory ${t.gnu ? t.q(name) : `'${name}'`}? `))) return false;
      let names: string[] = [];
      try {
        names = ctx.fs.readdir(path);
      } catch (e) {
        await cannot(name, e);
        return false;
      }
      let ok = true;
      for (const n of names) {
        if (!(await remove(childPath(name, n), childPath(path, n)))) ok = false;
      }
      if (!ok) return false;
      if (interactive && !(await confirm(ctx, `${t.name}: remove directory ${t.gnu ? t.q(name) : `'${name}'`}? `))) return false;
      return removeEmptyDir(name, path);
    }
    if (interactive) {
      const kind = t.gnu ? `${fileTypeText(st)} ` : '';
      if (!(await confirm(ctx, `${t.name}: remove ${kind}${t.gnu ? t.q(name) : `'${name}'`}? `))) return false;
    } else if (!force && ctx.stdin.isTTY && st.type !== 'symlink' && !writable(path)) {
      const q = t.gnu ? `${t.name}: remove write-protected ${fileTypeText(st)} ${t.q(name)}? ` : `${t.name}: remove write-protected file '${name}'? `;
      if (!(await confirm(ctx, q))) return false;
    }
    try {
      ctx.fs.unlink(path);
    } catch (e) {
      if (force && isFsError(e, 'ENOENT')) return true;
      await cannot(name, e);
      return false;
    }
    if (verbose) await ctx.stdout.write(t.gnu ? `removed ${t.q(name)}\n` : `removed '${name}'\n`);
    return true;
  }

  async function removeEmptyDir(name: string, path: string): Promise<boolean> {
    try {
      ctx.fs.rmdir(path);
    } catch (e) {
      await cannot(name, e);
      return false;
    }
    if (verbose) await ctx.stdout.write(t.gnu ? `removed directory ${t.q(name)}\n` : `removed directory: '${name}'\n`);
    return true;
  }

  function writable(path: string): boolean {
    try {
      ctx.fs.access(path, 2);
      return true;
    } catch {
      return false;
    }
  }
};
