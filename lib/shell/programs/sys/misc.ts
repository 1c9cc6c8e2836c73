/**
 * Small system programs Dockerfiles and entrypoints call: ldconfig (the simulation has no loader cache to rebuild,
 * so root's run is silent as a real successful one is), ischroot (not a chroot), setsid (run in a new session) and
 * flock (advisory locks held by running flock commands on the same machine).
 */

import type { Program, ProcessContext, System } from '../../../engine/process/Types';
import { resolvePath } from '../../../engine/fs/path';
import { startCommand, waitChild } from '../lib/spawn';
import { Tool } from '../lib/tool';

export const ldconfig: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const bad = args.find((a) => /^-[^-]/.test(a) && !/^-[vnNXfCrplic]+$/.test(a));
  if (bad) {
    await ctx.stderr.write(`ldconfig: invalid option -- '${bad[1]}'\nTry \`ldconfig --help' or \`ldconfig --usage' for more information.\n`);
    return 64;
  }
  if (ctx.cred.uid !== 0 && !args.includes('-p') && !args.includes('-N')) {
    await ctx.stderr.write("ldconfig: Can't create temporary cache file /etc/ld.so.cache~: Permission denied\n");
    return 1;
  }
  return 0;
};

export const ischroot: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('--help') || args.includes('-h')) {
    await ctx.stdout.write('Usage: ischroot [OPTION]\n  -f, --default-true    return true if detection fails\n  -t, --default-false   return false if detection fails\n  -h, --help            print this help and exit\n  -V, --version         print version and exit\n');
    return 0;
  }
  return 1;
};

export const setsid: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'cfw', long: { ctty: { key: 'c' }, fork: { key: 'f' }, wait: { key: 'w' } }, stopAtOperand: true });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return t.usage('no command specified');
  const r = startCommand(ctx, parsed.operands, { newGroup: true });
  if (!r.ok) {
    await t.error(`failed to execute ${parsed.operands[0]}: ${r.text}`);
    return r.status === 126 ? 126 : 127;
  }
  if (parsed.has('f') && !parsed.has('w')) return 0;
  return waitChild(ctx, r.child);
};

const HELD = new WeakMap<System, Set<string>>();

export const flock: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 64 });
  const parsed = await t.parse({ short: 'sxnw:E:ouc:', long: { shared: { key: 's' }, exclusive: { key: 'x' }, nonblock: { key: 'n' }, nb: { key: 'n' }, timeout: { key: 'w', arg: 'required' }, 'conflict-exit-code': { key: 'E', arg: 'required' }, close: { key: 'o' }, unlock: { key: 'u' }, command: { key: 'c', arg: 'required' } }, stopAtOperand: true });
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands;
  if (ops.length === 0) return t.usage('not enough arguments');
  const target = ops[0]!;
  // `flock FD` (a descriptor the shell opened): the simulation has no descriptor table, so the lock is granted.
  if (/^\d+$/.test(target) && ops.length === 1) return 0;
  // `flock FILE -c CMD` (the usual spelling) puts -c after the file, where option parsing has already stopped.
  const command = parsed.has('c') ? ['/bin/sh', '-c', parsed.get('c')!] : ops[1] === '-c' || ops[1] === '--command' ? ['/bin/sh', '-c', ops[2] ?? ''] : ops.slice(1);
  if (command.length === 0) return t.usage('not enough arguments');
  const path = resolvePath(ctx.cwd, target);
  try {
    ctx.fs.stat(path);
  } catch {
    try {
      ctx.sys.openWrite(ctx.fs, path, { append: true, umask: ctx.umask, tty: null }).close();
    } catch (e) {
      await t.error(`cannot open lock file ${target}: ${(e as Error & { text?: string }).text ?? 'Permission denied'}`);
      return 66;
    }
  }
  const held = HELD.get(ctx.sys) ?? new Set<string>();
  HELD.set(ctx.sys, held);
  const deadline = parsed.has('w') ? ctx.sys.clock.now() + Number(parsed.get('w')) * 1000 : Infinity;
  while (held.has(path)) {
    if (parsed.has('n') || ctx.sys.clock.now() >= deadline) {
      if (parsed.has('w') && !parsed.has('n')) await t.error(`timeout while waiting to get lock`);
      return Number(parsed.get('E') ?? 1);
    }
    await ctx.sys.clock.sleep(100, ctx.signals);
  }
  held.add(path);
  try {
    return await runLocked(ctx, t, command);
  } finally {
    held.delete(path);
  }
};

async function runLocked(ctx: ProcessContext, t: Tool, command: readonly string[]): Promise<number> {
  const r = startCommand(ctx, command);
  if (!r.ok) {
    await t.error(`failed to execute ${command[0]}: ${r.text}`);
    return r.status === 126 ? 126 : 127;
  }
  return waitChild(ctx, r.child);
}
