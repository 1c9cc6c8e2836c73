/** Control builtins: exit, return, break, continue, eval, source/., exec, true, false, :, let. */
import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import { decodeText } from '../../engine/process/text';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from '../interp/errors';
import { arith } from '../interp/expand';
import type { Shell } from '../interp/Shell';
import { complain, specialBuiltinFailed, type Builtin } from './types';

async function numericArg(sh: Shell, name: string, arg: string | undefined, fallback: number): Promise<number | null> {
  if (arg === undefined) return fallback;
  if (/^[-+]?[0-9]+$/.test(arg.trim())) return Number(arg.trim());
  if (sh.dialect.name === 'bash') await complain(sh, name, `${arg}: numeric argument required`);
  else await complain(sh, name, `Illegal number: ${arg}`);
  return null;
}

export const exit: Builtin = async (sh, argv) => {
  if (sh.interactive && sh.dialect.name === 'bash') await sh.stderr().write('exit\n');
  if (argv.length > 2 && sh.dialect.name === 'bash') {
    await complain(sh, 'exit', 'too many arguments');
    if (!sh.interactive) throw new ExitSignal(1);
    return 1;
  }
  const n = await numericArg(sh, 'exit', argv[1], sh.status);
  throw new ExitSignal(n === null ? 2 : n & 255);
};

export const returnBuiltin: Builtin = async (sh, argv) => {
  if (!sh.inFunction && sh.sourceDepth === 0) {
    if (sh.dialect.name === 'bash') {
      await complain(sh, 'return', "can only `return' from a function or sourced script");
      return 2;
    }
    const code = await numericArg(sh, 'return', argv[1], sh.status);
    throw new ExitSignal(code === null ? 2 : code & 255);
  }
  const n = await numericArg(sh, 'return', argv[1], sh.status);
  throw new ReturnSignal(n === null ? 2 : n & 255);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return async (sh, argv) => {
    const n = await numericArg(sh, kind, argv[1], 1);
    if (n === null) return 1;
    if (n < 1) {
      await complain(sh, kind, sh.dialect.name === 'bash' ? `${argv[1]}: loop count out of range` : `Illegal number: ${argv[1]}`);
      return 1;
    }
    if (sh.loopDepth === 0) {
      if (sh.dialect.name === 'bash') await complain(sh, kind, "only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    const levels = Math.min(n, sh.loopDepth);
    throw kind === 'break' ? new BreakSignal(levels) : new ContinueSignal(levels);
  };
}
export const breakBuiltin = loopControl('break');
export const continueBuiltin = loopControl('continue');

export const evalBuiltin: Builtin = async (sh, argv) => {
  const src = argv.slice(1).join(' ');
  if (src.trim() === '') return 0;
  return sh.evalNested(src);
};

export const source: Builtin = async (sh, argv) => {
  const name = argv[1];
  const cmd = argv[0]!;
  if (name === undefined) {
    if (sh.dialect.name === 'bash') {
      await complain(sh, cmd, 'filename argument required');
      await sh.stderr().write(`${cmd}: usage: ${cmd} filename [arguments]\n`);
    }
    return 2;
  }
  let path: string | null = null;
  if (name.includes('/')) path = resolvePath(sh.ctx.cwd, name);
  else {
    for (const dir of (sh.getVar('PATH') ?? '').split(':')) {
      const p = resolvePath(sh.ctx.cwd, `${dir || '.'}/${name}`);
      try {
        if (sh.ctx.fs.stat(p).type === 'file') {
          path = p;
          break;
        }
      } catch {
        // keep looking
      }
    }
    if (path === null && sh.dialect.name === 'bash') path = resolvePath(sh.ctx.cwd, name);
  }
  let text: string;
  try {
    if (path === null) throw new Error('not found');
    text = decodeText((await sh.readDescriptorPath(path)) ?? sh.ctx.fs.readFile(path));
  } catch (e) {
    const why = isFsError(e) ? e.text : 'No such file or directory';
    if (sh.dialect.name === 'bash') await complain(sh, name, why);
    else if (sh.dialect.name === 'dash') await complain(sh, cmd, `cannot open ${name}: No such file`);
    else await complain(sh, cmd, `can't open '${name}': ${why}`);
    specialBuiltinFailed(sh, 2);
    return sh.dialect.name === 'bash' ? 1 : 2;
  }
  const args = argv.slice(2);
  const saved = sh.positional;
  if (args.length) sh.positional = args;
  try {
    return await sh.sourceText(text);
  } finally {
    if (args.length) sh.positional = saved;
  }
};

export const exec: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) return 0;
  const status = await sh.execReplace(args);
  throw new ExitSignal(status);
};

export const trueBuiltin: Builtin = async () => 0;
export const falseBuiltin: Builtin = async () => 1;

export const letBuiltin: Builtin = async (sh, argv) => {
  if (argv.length < 2) {
    await complain(sh, 'let', 'expression expected');
    return 1;
  }
  let v = 0n;
  for (const e of argv.slice(1)) v = arith(sh, e);
  return v === 0n ? 1 : 0;
};
