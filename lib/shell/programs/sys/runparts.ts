/**
 * run-parts (Debian's debianutils): run the executable files of a directory in name order, skipping names
 * outside [A-Za-z0-9_-]; --test/--list only print them, --report names each script before its output,
 * --exit-on-error stops at the first failure, -a/--arg passes arguments.
 */

import type { Program } from '../../../engine/process/Types';
import { resolvePath } from '../../../engine/fs/path';
import { startCommand, waitChild } from '../lib/spawn';
import { errorText } from '../lib/tool';

export const runParts: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const extra: string[] = [];
  let regex = /^[A-Za-z0-9_-]+$/;
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-a' || a === '--arg') extra.push(args[++i] ?? '');
    else if (a.startsWith('--arg=')) extra.push(a.slice(6));
    else if (a.startsWith('--regex=')) regex = new RegExp(a.slice(8));
    else if (a === '-u' || a === '--umask') i++;
    else if (a.startsWith('--')) flags.add(a.slice(2).split('=')[0]!);
    else if (a === '-v') flags.add('verbose');
    else if (dir === undefined) dir = a;
  }
  if (dir === undefined) {
    await ctx.stderr.write("run-parts: missing operand\nTry `run-parts --help' for more information.\n");
    return 1;
  }
  const abs = resolvePath(ctx.cwd, dir);
  let names: string[];
  try {
    names = ctx.fs.readdir(abs);
  } catch (e) {
    await ctx.stderr.write(`run-parts: failed to open directory ${dir}: ${errorText(e)}\n`);
    return 1;
  }
  const shown = (n: string) => `${dir!.replace(/\/$/, '')}/${n}`;
  let status = 0;
  for (const name of names.filter((n) => regex.test(n)).sort()) {
    const path = `${abs}/${name}`;
    let runnable = false;
    try {
      const st = ctx.fs.stat(path);
      if (st.type !== 'file') continue;
      ctx.fs.access(path, 1);
      runnable = true;
    } catch {
      // not executable
    }
    if (flags.has('list')) {
      await ctx.stdout.write(`${shown(name)}\n`);
      continue;
    }
    if (!runnable) continue;
    if (flags.has('test')) {
      await ctx.stdout.write(`${shown(name)}\n`);
      continue;
    }
    if (flags.has('verbose')) await ctx.stderr.write(`run-parts: executing ${shown(name)}\n`);
    if (flags.has('report')) await ctx.stdout.write(`${shown(name)}:\n`);
    const r = startCommand(ctx, [path, ...extra]);
    const code = r.ok ? await waitChild(ctx, r.child) : r.status;
    if (code !== 0) {
      await ctx.stderr.write(`run-parts: ${shown(name)} exited with return code ${code}\n`);
      status = 1;
      if (flags.has('exit-on-error')) return code;
    }
  }
  return status;
};
