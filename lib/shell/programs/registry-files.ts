/** File and filesystem programs (ls, cp, find, tar, ...). One module per program; this list registers them. */
import type { Program } from '../process/Types';
import { cat } from './cat';
import { chgrp } from './chgrp';
import { chmod } from './chmod';
import { chown } from './chown';
import { cp } from './cp';
import { df } from './df';
import { du } from './du';
import { find } from './find';
import { ln } from './ln';
import { ls } from './ls';
import { mkdir } from './mkdir';
import { mv } from './mv';
import { rm } from './rm';
import { rmdir } from './rmdir';
import { stat } from './stat';
import { touch } from './touch';
import { tree } from './tree';

export const filePrograms: Record<string, Program> = {
  ls,
  cat,
  cp,
  mv,
  rm,
  rmdir,
  mkdir,
  ln,
  touch,
  chmod,
  chown,
  chgrp,
  stat,
  find,
  du,
  df,
  tree,
};
