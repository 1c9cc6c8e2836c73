/** cd and pwd. `cd` keeps the logical path (symlinks not resolved) in PWD, as `cd -L` does. */
import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Shell } from '../interp/Shell';
import { complain, type Builtin } from './types';

async function cdError(sh: Shell, target: string, text: string): Promise<number> {
  switch (sh.dialect.name) {
    case 'bash':
      await complain(sh, 'cd', `${target}: ${text}`);
      return 1;
    case 'dash':
      await complain(sh, 'cd', `can't cd to ${target}`);
      return 2;
    case 'ash':
      await complain(sh, 'cd', `can't cd to ${target}: ${text}`);
      return 2;
  }
}

export const cd: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let physical = false;
  while (args.length && /^-[LP]+$/.test(args[0]!)) {
    physical = args[0]!.includes('P');
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  else if (args[0] !== undefined && /^-./.test(args[0]) && args[0] !== '-') {
    if (sh.dialect.name === 'bash') {
      await complain(sh, 'cd', `${args[0].slice(0, 2)}: invalid option`);
      await sh.stderr().write('cd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n');
    } else await complain(sh, 'cd', `${sh.dialect.name === 'dash' ? 'Illegal' : 'illegal'} option ${args[0].slice(0, 2)}`);
    return 2;
  }
  if (args.length > 1 && sh.dialect.name === 'bash') {
    await complain(sh, 'cd', 'too many arguments');
    return 1;
  }
  let target = args[0];
  let print = false;
  if (target === undefined) {
    target = sh.getVar('HOME');
    if (target === undefined) {
      if (sh.dialect.name !== 'bash') return 0;
      await complain(sh, 'cd', 'HOME not set');
      return 1;
    }
    if (target === '') return 0;
  } else if (target === '-') {
    target = sh.getVar('OLDPWD');
    if (target === undefined) {
      await complain(sh, 'cd', 'OLDPWD not set');
      return 1;
    }
    print = true;
  }
  let path = resolvePath(sh.ctx.cwd, target);
  try {
    const st = sh.ctx.fs.stat(path);
    if (st.type !== 'dir') return cdError(sh, target, 'Not a directory');
    sh.ctx.fs.access(path, 1);
    if (physical) path = sh.ctx.fs.realpath(path);
  } catch (e) {
    if (isFsError(e)) return cdError(sh, target, e.text);
    throw e;
  }
  const old = sh.getVar('PWD') ?? sh.ctx.cwd;
  sh.ctx.cwd = path;
  sh.setVar('OLDPWD', old);
  sh.setVar('PWD', path);
  if (print) await sh.stdout().write(path + '\n');
  return 0;
};

export const pwd: Builtin = async (sh, argv) => {
  let path = sh.ctx.cwd;
  if (argv.includes('-P')) {
    try {
      path = sh.ctx.fs.realpath(path);
    } catch {
      // keep the logical path
    }
  }
  await sh.stdout().write(path + '\n');
  return 0;
};
