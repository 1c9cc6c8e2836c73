/**
 * mv: move (rename) files. A rename within one filesystem is one rename(2); across filesystems (EXDEV, e.g. out
 * of a bind mount) the tree is copied with everything preserved and the source removed, as GNU mv does.
 */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { Copier } from './lib/copy';
import { childPath, lstatOrNull } from './lib/fsutil';
import { confirm } from './lib/prompt';
import { errorText, Tool } from './lib/tool';
import { copyOperands } from './cp';

export const mv: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'finuvt:TbS:' : 'fintvT',
    long: t.gnu
      ? {
          force: { key: 'f' },
          interactive: { key: 'i' },
          'no-clobber': { key: 'n' },
          update: { key: 'u', arg: 'optional' },
          verbose: { key: 'v' },
          'target-directory': { key: 't', arg: 'required' },
          'no-target-directory': { key: 'T' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const mode = a.last('f', 'i', 'n');
  const ops = [...a.operands];
  if (ops.length === 0) return t.usage(t.gnu ? 'missing file operand' : undefined);
  if (a.get('t') === undefined && ops.length === 1) return t.usage(t.gnu ? `missing destination file operand after ${t.q(ops[0]!)}` : undefined);

  const fail = async (src: string, dest: string, e: unknown) => {
    if (t.gnu) await t.error(`cannot move ${t.q(src)} to ${t.q(dest)}: ${errorText(e)}`);
    else await t.error(`can't rename '${src}': ${errorText(e)}`);
    return false;
  };

  return copyOperands(t, ops, a.get('t'), a.has('T'), async (src, srcPath, dest, destPath) => {
    const st = lstatOrNull(ctx.fs, srcPath);
    if (!st) {
      if (t.gnu) await t.error(`cannot stat ${t.q(src)}: No such file or directory`);
      else await t.error(`can't rename '${src}': No such file or directory`);
      return false;
    }
    const dst = lstatOrNull(ctx.fs, destPath);
    if (dst) {
      if (dst.ino === st.ino && srcPath === destPath) {
        if (t.gnu) await t.error(`${t.q(src)} and ${t.q(dest)} are the same file`);
        return t.gnu ? false : true;
      }
      if (st.type === 'dir' && dst.type !== 'dir') {
        if (t.gnu) await t.error(`cannot overwrite non-directory ${t.q(dest)} with directory ${t.q(src)}`);
        else await t.error(`can't rename '${src}': Not a directory`);
        return false;
      }
      if (st.type !== 'dir' && dst.type === 'dir') {
        if (t.gnu) await t.error(`cannot overwrite directory ${t.q(dest)} with non-directory`);
        else await t.error(`can't rename '${src}': Is a directory`);
        return false;
      }
      if (mode === 'n') return true;
      if (a.has('u') && dst.mtimeMs >= st.mtimeMs) return true;
      const prompt = mode === 'i' || (mode === undefined && ctx.stdin.isTTY && !writable(destPath));
      if (prompt && !(await confirm(ctx, `${t.name}: overwrite ${t.qq(dest)}? `))) return true;
    }
    if (st.type === 'dir' && (destPath === srcPath || destPath.startsWith(srcPath + '/'))) {
      if (t.gnu) await t.error(`cannot move ${t.q(src)} to a subdirectory of itself, ${t.q(dest)}`);
      else await t.error(`can't rename '${src}': Invalid argument`);
      return false;
    }
    try {
      ctx.fs.rename(srcPath, destPath);
    } catch (e) {
      if (!isFsError(e, 'EXDEV')) return fail(src, dest, e);
      const copier = new Copier(t, {
        recursive: true,
        noDereference: true,
        preserveMode: true,
        preserveOwner: true,
        preserveTime: true,
        preserveLinks: true,
        force: true,
        interactive: false,
        noClobber: false,
        update: false,
        verbose: false,
      });
      if (!(await copier.copy(src, srcPath, dest, destPath))) return false;
      if (!(await removeTree(srcPath))) return false;
    }
    if (a.has('v')) await ctx.stdout.write(t.gnu ? `renamed ${t.q(src)} -> ${t.q(dest)}\n` : `'${src}' -> '${dest}'\n`);
    return true;
  });

  function writable(path: string): boolean {
    try {
      ctx.fs.access(path, 2);
      return true;
    } catch {
      return false;
    }
  }

  async function removeTree(path: string): Promise<boolean> {
    try {
      const st = ctx.fs.lstat(path);
      if (st.type === 'dir') {
        for (const n of ctx.fs.readdir(path)) if (!(await removeTree(childPath(path, n)))) return false;
        ctx.fs.rmdir(path);
      } else ctx.fs.unlink(path);
      return true;
    } catch (e) {
      if (t.gnu) await t.error(`cannot remove ${t.q(path)}: ${errorText(e)}`);
      else await t.error(`can't remove '${path}': ${errorText(e)}`);
      return false;
    }
  }
};
