/**
 * install: copy files and set attributes (-m MODE, default 0755; -o/-g owner; -d make directories; -D make the
 * destination's leading directories; -t DIR; -p keep times; -v; -c and -s accepted, as no-ops like GNU's -c).
 */

import { dirname } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { applyMode } from './lib/mode';
import { errorText, Tool } from './lib/tool';
import { BUSYBOX_INSTALL_USAGE } from './lib/usage';
import { copyOperands } from './cp';

export const install: Program = async (ctx) => {
  const t = new Tool(ctx, { busyboxUsage: BUSYBOX_INSTALL_USAGE });
  const parsed = await t.parse({
    short: t.gnu ? 'cdDm:o:g:pst:TvCb' : 'cdDsp' + 'o:g:m:t:v',
    long: t.gnu
      ? {
          directory: { key: 'd' },
          mode: { key: 'm', arg: 'required' },
          owner: { key: 'o', arg: 'required' },
          group: { key: 'g', arg: 'required' },
          'preserve-timestamps': { key: 'p' },
          strip: { key: 's' },
          'target-directory': { key: 't', arg: 'required' },
          'no-target-directory': { key: 'T' },
          verbose: { key: 'v' },
          compare: { key: 'C' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  let mode = 0o755;
  if (a.has('m')) {
    const m = applyMode(a.get('m')!, 0o755, false, 0);
    if (m === null) {
      await t.error(t.gnu ? `invalid mode ${t.ql(a.get('m')!)}` : `invalid mode '${a.get('m')}'`);
      return 1;
    }
    mode = m;
  }
  const accounts = Accounts.load(ctx.fs);
  let uid = -1;
  let gid = -1;
  if (a.has('o')) {
    const u = accounts.resolveUser(a.get('o')!);
    if (u === undefined) {
      await t.error(t.gnu ? `invalid user ${t.ql(a.get('o')!)}` : `unknown user ${a.get('o')}`);
      return 1;
    }
    uid = u;
  }
  if (a.has('g')) {
    const g = accounts.resolveGroup(a.get('g')!);
    if (g === undefined) {
      await t.error(t.gnu ? `invalid group ${t.ql(a.get('g')!)}` : `unknown group ${a.get('g')}`);
      return 1;
    }
    gid = g;
  }
  const verbose = a.has('v');

  /** mkdir -p with install's verbose wording; returns false after reporting a failure. */
  const makeDirs = async (name: string, finalMode: number): Promise<boolean> => {
    const path = t.abs(name);
    const chain: { name: string; path: string }[] = [];
    for (let p = path, n = name.replace(/\/+$/, ''); p !== '/' && n !== '.' && n !== ''; p = dirname(p), n = dirname(n)) chain.unshift({ name: n, path: p });
    for (const [i, c] of chain.entries()) {
      try {
        if (ctx.fs.stat(c.path).type === 'dir') continue;
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) {
          await t.error(`cannot create directory ${t.q(c.name)}: ${errorText(e)}`);
          return false;
        }
      }
      try {
        if (verbose) await ctx.stdout.write(t.gnu ? `${t.name}: creating directory ${t.q(c.name)}\n` : `created directory: '${c.name}'\n`);
        ctx.fs.mkdir(c.path, 0o755);
        if (i === chain.length - 1) {
          ctx.fs.chmod(c.path, finalMode);
          if (uid !== -1 || gid !== -1) ctx.fs.chown(c.path, uid, gid);
        }
      } catch (e) {
        if (t.gnu) await t.error(`cannot create directory ${t.q(c.name)}: ${errorText(e)}`);
        else await t.error(`can't create directory '${c.name}': ${errorText(e)}`);
        return false;
      }
    }
    return true;
  };

  if (a.has('d')) {
    if (a.operands.length === 0) return t.usage(t.gnu ? 'missing file operand' : undefined);
    for (const d of a.operands) await makeDirs(d, mode);
    return t.status;
  }
  const ops = [...a.operands];
  if (ops.length === 0) return t.usage(t.gnu ? 'missing file operand' : undefined);
  if (a.get('t') === undefined && ops.length === 1) return t.usage(t.gnu ? `missing destination file operand after ${t.q(ops[0]!)}` : undefined);
  if (a.has('D')) {
    const dir = a.get('t') ?? (ops.length > 2 ? ops[ops.length - 1]! : dirname(ops[ops.length - 1]!));
    if (dir !== '.' && !(await makeDirs(dir, 0o755))) return 1;
  }
  return copyOperands(t, ops, a.get('t'), a.has('T'), async (src, srcPath, dest, destPath) => {
    let data: Uint8Array;
    let srcMtime: number;
    try {
      const st = ctx.fs.stat(srcPath);
      if (st.type === 'dir') {
        await t.error(t.gnu ? `omitting directory ${t.q(src)}` : `'${src}' is a directory`);
        return false;
      }
      srcMtime = st.mtimeMs;
      data = ctx.fs.readFile(srcPath);
    } catch (e) {
      if (t.gnu) await t.error(`cannot stat ${t.q(src)}: ${errorText(e)}`);
      else await t.error(`can't stat '${src}': ${errorText(e)}`);
      return false;
    }
    try {
      try {
        // install replaces the destination rather than writing through it.
        if (ctx.fs.lstat(destPath).type !== 'dir') ctx.fs.unlink(destPath);
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) throw e;
      }
      ctx.fs.writeFile(destPath, data, { mode });
      ctx.fs.chmod(destPath, mode);
      if (uid !== -1 || gid !== -1) ctx.fs.chown(destPath, uid, gid);
      if (a.has('p')) ctx.fs.utimes(destPath, srcMtime);
    } catch (e) {
      if (t.gnu) await t.error(`cannot create regular file ${t.q(dest)}: ${errorText(e)}`);
      else await t.error(`can't create '${dest}': ${errorText(e)}`);
      return false;
    }
    if (verbose) await ctx.stdout.write(`${t.qq(src)} -> ${t.qq(dest)}\n`);
    return true;
  });
};
