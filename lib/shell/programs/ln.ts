/** ln: make hard links (default) or symbolic links (-s); -f replaces, -n does not follow a link to a directory. */

import { basename } from '../../engine/fs/path';
import { FsError, isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { childPath, lstatOrNull, statOrNull } from './lib/fsutil';
import { errorText, Tool } from './lib/tool';

export const ln: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'sfnvTLPbirt:' : 'sfnvTbS:',
    long: t.gnu
      ? {
          symbolic: { key: 's' },
          force: { key: 'f' },
          'no-dereference': { key: 'n' },
          'no-target-directory': { key: 'T' },
          'target-directory': { key: 't', arg: 'required' },
          verbose: { key: 'v' },
          interactive: { key: 'i' },
          logical: { key: 'L' },
          physical: { key: 'P' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const symbolic = a.has('s');
  const force = a.has('f');
  const noDeref = a.has('n');
  const ops = [...a.operands];
  if (ops.length === 0) return t.usage(t.gnu ? 'missing file operand' : undefined);

  let targetDir: string | null = a.get('t') ?? null;
  let pairs: { src: string; dest: string }[];
  if (targetDir === null && ops.length === 1) {
    targetDir = '.';
  }
  if (targetDir !== null) {
    pairs = ops.map((src) => ({ src, dest: childPath(targetDir!, basename(src)) }));
  } else {
    const last = ops.pop()!;
    const lastPath = t.abs(last);
    const lst = lstatOrNull(ctx.fs, lastPath);
    const isDir = !a.has('T') && (noDeref ? lst?.type === 'dir' : statOrNull(ctx.fs, lastPath)?.type === 'dir');
    if (isDir) pairs = ops.map((src) => ({ src, dest: childPath(last, basename(src)) }));
    else if (ops.length > 1) {
      if (t.gnu) await t.error(`target ${t.q(last)}: ${lst ? 'Not a directory' : 'No such file or directory'}`);
      else await t.error(`${last}: ${lst ? 'Not a directory' : 'No such file or directory'}`);
      return 1;
    } else pairs = [{ src: ops[0]!, dest: last }];
  }

  for (const { src, dest } of pairs) {
    await ctx.checkpoint();
    const destPath = t.abs(dest);
    try {
      if (!symbolic) {
        const st = ctx.fs.stat(t.abs(src));
        if (st.type === 'dir') {
          if (t.gnu) await t.error(`${t.qf(src)}: hard link not allowed for directory`);
          else await t.error(`${dest}: Operation not permitted`);
          continue;
        }
      }
      const existing = lstatOrNull(ctx.fs, destPath);
      if (existing) {
        if (!force) throw new FsError('EEXIST', 'link', destPath);
        if (existing.type === 'dir') throw new FsError('EISDIR', 'unlink', destPath);
        ctx.fs.unlink(destPath);
      }
      if (symbolic) ctx.fs.symlink(src, destPath);
      else ctx.fs.link(t.abs(src), destPath);
      if (a.has('v')) await ctx.stdout.write(`${t.qq(dest)} ${symbolic ? '->' : '=>'} ${t.qq(src)}\n`);
    } catch (e) {
      if (!symbolic && isFsError(e) && e.path === t.abs(src) && e.code === 'ENOENT') {
        if (t.gnu) await t.error(`failed to access ${t.q(src)}: ${errorText(e)}`);
        else await t.error(`${src}: ${errorText(e)}`);
      } else if (t.gnu) await t.error(`failed to create ${symbolic ? 'symbolic' : 'hard'} link ${t.q(dest)}: ${errorText(e)}`);
      else await t.error(`${dest}: ${errorText(e)}`);
    }
  }
  return t.status;
};
