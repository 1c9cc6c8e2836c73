/** The builtin table. Which builtins a dialect has is decided by `builtinAvailable`. */
import type { DialectName } from '../interp/dialect';
import { cd, pwd } from './cd';
import { breakBuiltin, continueBuiltin, evalBuiltin, exec, exit, falseBuiltin, letBuiltin, returnBuiltin, source, trueBuiltin } from './control';
import { bg, fg, jobs, trap, wait } from './jobs';
import { alias, builtin, command, getopts, hash, history, shopt, type, ulimit, umask, unalias } from './misc';
import { ashDoubleBracket, echo, kill, printf, test } from './programs';
import { read } from './read';
import { set, shift } from './set';
import type { Builtin } from './types';
import { declare, exportBuiltin, local, readonlyBuiltin, unset } from './vars';

export type { Builtin } from './types';

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  ':': trueBuiltin,
  true: trueBuiltin,
  false: falseBuiltin,
  '.': source,
  source,
  alias,
  unalias,
  break: breakBuiltin,
  continue: continueBuiltin,
  builtin,
  cd,
  command,
  declare,
  typeset: declare,
  echo,
  eval: evalBuiltin,
  exec,
  exit,
  export: exportBuiltin,
  fg,
  bg,
  getopts,
  hash,
  history,
  jobs,
  kill,
  let: letBuiltin,
  local,
  printf,
  pwd,
  read,
  readonly: readonlyBuiltin,
  return: returnBuiltin,
  set,
  shift,
  shopt,
  test,
  '[': test,
  '[[': ashDoubleBracket,
  trap,
  type,
  ulimit,
  umask,
  unset,
  wait,
};

/** POSIX special builtins: errors in them are fatal in dash/ash, and prefix assignments stay. */
export const SPECIAL_BUILTINS: ReadonlySet<string> = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset']);

const BASH_ONLY = new Set(['declare', 'typeset', 'shopt', 'builtin']);
const NOT_DASH = new Set(['source', 'let', 'history', '[[', ...BASH_ONLY]);

export function builtinAvailable(name: string, dialect: DialectName): boolean {
  if (dialect === 'bash') return name !== '[[';
  if (dialect === 'dash') return !NOT_DASH.has(name);
  return !BASH_ONLY.has(name);
}

/** Names for completion and `compgen`-like listings. */
export function builtinNames(dialect: DialectName): string[] {
  return Object.keys(BUILTINS).filter((n) => builtinAvailable(n, dialect));
}
