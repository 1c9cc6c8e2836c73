/**
 * cp: copy files and directories (-r/-R, -a, -p, -P/-d, -L, -H, -f, -i, -n, -u, -v, -t, -T).
 * Without -r, symlinks are followed; with -r they are copied as links (GNU's default), as are -a and -P.
 */

import { basename } from '../../engine/fs/path';
import { FsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { Copier } from './lib/copy';
import { childPath, lstatOrNull, statOrNull } from './lib/fsutil';
import { errorText, Tool } from './lib/tool';

export const cp: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'rRapPdLHfinuvlst:TxbS:' : 'arPLHpfinlsTudRvt:',
    long: t.gnu
      ? {
          recursive: { key: 'r' },
          archive: { key: 'a' },
          preserve: { key: 'preserve', arg: 'optional' },
          'no-dereference': { key: 'P' },
          dereference: { key: 'L' },
          force: { key: 'f' },
          interactive: { key: 'i' },
          'no-clobber': { key: 'n' },
          update: { key: 'u', arg: 'optional' },
          verbose: { key: 'v' },
          'target-directory': { key: 't', arg: 'required' },
          'no-target-directory': { key: 'T' },
          'one-file-system': { key: 'x' },
          'no-preserve': { key: 'no-preserve', arg: 'required' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const archive = a.has('a');
  const recursive = archive || a.has('r') || a.has('R');
  const preserveList = (a.get('preserve') ?? 'mode,ownership,timestamps').split(',');
  const preserveAll = archive || preserveList.includes('all');
  const preserve = a.has('p') || a.has('preserve') || archive;
  const derefLast = a.last('L', 'P', 'd', 'a', 'H');
  const copier = new Copier(t, {
    recursive,
    noDereference: derefLast === 'L' ? false : derefLast !== undefined || recursive,
    derefCommandLine: derefLast === 'H',
    preserveMode: preserve && (preserveAll || preserveList.includes('mode') || a.has('p')),
    preserveOwner: preserve && (preserveAll || preserveList.includes('ownership') || a.has('p')),
    preserveTime: preserve && (preserveAll || preserveList.includes('timestamps') || a.has('p')),
    preserveLinks: archive || a.has('d') || preserveList.includes('links'),
    force: a.has('f'),
    interactive: a.last('i', 'n', 'f') === 'i',
    noClobber: a.last('i', 'n', 'f') === 'n',
    update: a.has('u'),
    verbose: a.has('v'),
  });

  const ops = [...a.operands];
  const targetDir = a.get('t');
  if (ops.length === 0) return t.usage(t.gnu ? 'missing file operand' : undefined);
  if (targetDir === undefined && ops.length === 1) {
    return t.usage(t.gnu ? `missing destination file operand after ${t.q(ops[0]!)}` : undefined);
  }
  return copyOperands(t, ops, targetDir, a.has('T'), (s, sp, d, dp) => copier.copy(s, sp, d, dp));
};

/**
 * The operand rules cp, mv and install share: `SRC DEST`, `SRC... DIR`, `-t DIR SRC...`, `-T SRC DEST`.
 * Calls `one` for each source with the destination it lands on.
 */
export async function copyOperands(
  t: Tool,
  ops: string[],
  targetDir: string | undefined,
  noTargetDir: boolean,
  one: (srcName: string, srcPath: string, destName: string, destPath: string) => Promise<boolean>,
): Promise<number> {
  const ctx = t.ctx;
  let dir: string | undefined = targetDir;
  if (dir === undefined) {
    const last = ops[ops.length - 1]!;
    const st = noTargetDir ? null : statOrNull(ctx.fs, t.abs(last));
    // BusyBox cp also treats an existing destination as a directory when the (single) source is a directory.
    const bbDirIntoExisting = !t.gnu && t.name === 'cp' && ops.length === 2 && lstatOrNull(ctx.fs, t.abs(ops[0]!))?.type === 'dir' && lstatOrNull(ctx.fs, t.abs(last)) !== null;
    if (st?.type === 'dir' || (!t.gnu && ops.length > 2) || bbDirIntoExisting) {
      dir = last;
      ops = ops.slice(0, -1);
    } else if (ops.length > 2) {
      const exists = lstatOrNull(ctx.fs, t.abs(last)) !== null;
      await t.error(`target ${t.q(last)}: ${exists ? 'Not a directory' : 'No such file or directory'}`);
      return 1;
    } else {
      const [src, dest] = ops as [string, string];
      const srcSt = lstatOrNull(ctx.fs, t.abs(src));
      if (dest.endsWith('/') && srcSt && srcSt.type !== 'dir' && !lstatOrNull(ctx.fs, t.abs(dest))) {
        // open("x/", O_CREAT) fails with EISDIR, which BusyBox reports as is; GNU checks first and says ENOTDIR.
        const e = new FsError(t.gnu || t.name === 'mv' ? 'ENOTDIR' : 'EISDIR', 'open', dest);
        if (t.name === 'mv') await t.error(t.gnu ? `cannot move ${t.q(src)} to ${t.q(dest)}: ${errorText(e)}` : `can't rename '${src}': ${errorText(e)}`);
        else await t.error(t.gnu ? `cannot create regular file ${t.q(dest)}: ${errorText(e)}` : `can't create '${dest}': ${errorText(e)}`);
        return 1;
      }
      await one(src, t.abs(src), dest, t.abs(dest));
      return t.status;
    }
  } else {
    const st = statOrNull(ctx.fs, t.abs(dir));
    if (st?.type !== 'dir') {
      await t.error(`target directory ${t.q(dir)}: ${st ? 'Not a directory' : 'No such file or directory'}`);
      return 1;
    }
  }
  for (const src of ops) {
    await ctx.checkpoint();
    const name = basename(src);
    await one(src, t.abs(src), childPath(dir, name), t.abs(childPath(dir, name)));
  }
  return t.status;
}
