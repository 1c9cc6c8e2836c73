/** mkdir: make directories (-p parents, -m mode, -v verbose). */

import { dirname } from '../../engine/fs/path';
import { FsError, isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { applyMode } from './lib/mode';
import { errorText, Tool } from './lib/tool';

export const mkdir: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'pm:vZ' : 'pm:v',
    long: t.gnu ? { parents: { key: 'p' }, mode: { key: 'm', arg: 'required' }, verbose: { key: 'v' }, context: { key: 'Z', arg: 'optional' } } : { parents: { key: 'p' }, mode: { key: 'm', arg: 'required' }, verbose: { key: 'v' } },
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const parents = a.has('p');
  const verbose = a.has('v');
  let mode = 0o777 & ~ctx.umask;
  const modeArg = a.get('m');
  if (modeArg !== undefined) {
    const m = applyMode(modeArg, 0o777, true, ctx.umask);
    if (m === null) {
      if (t.gnu) await t.error(`invalid mode ${t.ql(modeArg)}`);
      else await t.error(`invalid mode '${modeArg}'`);
      return 1;
    }
    mode = m;
  }
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);

  const cannot = async (name: string, e: unknown) => {
    if (t.gnu) await t.error(`cannot create directory ${t.ql(name)}: ${errorText(e)}`);
    else await t.error(`can't create directory '${name}': ${errorText(e)}`);
  };
  const made = async (name: string) => {
    if (verbose) await ctx.stdout.write(t.gnu ? `${t.name}: created directory ${t.q(name)}\n` : `created directory: '${name}'\n`);
  };

  for (const name of a.operands) {
    await ctx.checkpoint();
    const path = t.abs(name);
    if (parents) {
      // Create each missing ancestor with the default mode (plus u+wx so the next level can be made).
      const chain: { name: string; path: string }[] = [];
      for (let p = path, n = name.replace(/\/+$/, '') || name; p !== '/'; p = dirname(p), n = dirname(n)) {
        chain.unshift({ name: n, path: p });
        if (n === '.' || n === '/' || n === '..') break;
      }
      let failed = false;
      for (let i = 0; i < chain.length; i++) {
        const c = chain[i]!;
        const last = i === chain.length - 1;
        try {
          const st = ctx.fs.stat(c.path);
          if (st.type !== 'dir') {
            // BusyBox walks the path with the slash after each component still attached.
            await cannot(last ? name : t.gnu ? c.name : `${c.name}/`, new FsError(last ? 'EEXIST' : 'ENOTDIR', 'mkdir', c.path));
            failed = true;
            break;
          }
          continue;
        } catch (e) {
          if (!isFsError(e, 'ENOENT')) {
            await cannot(name, e);
            failed = true;
            break;
          }
        }
        try {
          ctx.fs.mkdir(c.path, last ? mode : (0o777 & ~ctx.umask) | 0o300);
          if (last && modeArg !== undefined) ctx.fs.chmod(c.path, mode);
          await made(c.name);
        } catch (e) {
          await cannot(last ? name : c.name, e);
          failed = true;
          break;
        }
      }
      void failed;
      continue;
    }
    try {
      ctx.fs.mkdir(path, mode);
      if (modeArg !== undefined) ctx.fs.chmod(path, mode);
      await made(name);
    } catch (e) {
      await cannot(name, e);
    }
  }
  return t.status;
};
