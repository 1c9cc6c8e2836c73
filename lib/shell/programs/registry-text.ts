/** Text and system programs (grep, sed, awk, sort, ps, id, ...). One module per program; this list registers them. */
import type { Program } from '../process/Types';
import { echo } from './echo';
import { falseProgram } from './false';
import { kill } from './kill';
import { printf } from './printf';
import { test } from './test';
import { trueProgram } from './true';

import { grep } from './grep';
import { sed } from './sed';
import { awk } from './awk';

export const textPrograms: Record<string, Program> = {
  grep,
  sed,
  awk,
  mawk: awk,
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
