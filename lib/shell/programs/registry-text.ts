/** Text and system programs (grep, sed, awk, sort, ps, id, ...). One module per program; this list registers them. */
import type { Program } from '../../engine/process/Types';
import { echo } from './echo';
import { falseProgram } from './false';
import { kill } from './kill';
import { printf } from './printf';
import { test } from './test';
import { trueProgram } from './true';
import { grep } from './grep';
import { sed } from './sed';
import { awk } from './awk';
import { env } from './env';
import { printenv } from './printenv';
import { envsubst } from './envsubst';
import { id, whoami, groups } from './id';
import { hostname } from './hostname';
import { uname } from './uname';
import { nproc } from './nproc';
import { clear } from './clear';
import { sleep } from './sleep';
import { date } from './date';
import { free } from './free';
import { ps } from './ps';
import { sudo } from './sudo';
import { su } from './su';
import { timeout } from './timeout';
import { nohup } from './nohup';
import { xargs } from './xargs';
import { expr } from './expr';
import { head } from './head';
import { tail } from './tail';
import { wc } from './wc';
import { sort } from './sort';
import { uniq } from './uniq';
import { tr } from './tr';
import { cut } from './cut';
import { paste } from './paste';
import { tee } from './tee';
import { seq } from './seq';
import { yes } from './yes';
import { tac } from './tac';
import { rev } from './rev';
import { fold } from './fold';
import { nl } from './nl';

export const textPrograms: Record<string, Program> = {
  grep,
  sed,
  awk,
  mawk: awk,
  env,
  printenv,
  envsubst,
  id,
  whoami,
  groups,
  hostname,
  uname,
  nproc,
  clear,
  sleep,
  date,
  free,
  ps,
  sudo,
  su,
  timeout,
  nohup,
  xargs,
  expr,
  head,
  tail,
  wc,
  sort,
  uniq,
  tr,
  cut,
  paste,
  tee,
  seq,
  yes,
  tac,
  rev,
  fold,
  nl,
  egrep: grep,
  fgrep: grep,
  echo,
  printf,
  test,
  '[': test,
  true: trueProgram,
  false: falseProgram,
  kill,
};
