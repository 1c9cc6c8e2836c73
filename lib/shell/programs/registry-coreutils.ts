/** The coreutils programs (and the bzip2/xz/zstd decompressors) beyond the everyday ones in registry-files/registry-text (pwd, tty, comm, factor, ...). */
import type { Program } from '../../engine/process/Types';
import { arch } from './arch';
import { base32, basenc } from './basenc';
import { b2sum, sha224sum, sha384sum } from './checksum';
import { cksum, sum } from './cksum';
import { comm } from './comm';
import { csplit } from './csplit';
import { dir, vdir } from './dir';
import { dircolors } from './dircolors';
import { bunzip2Program, bzcat, bzip2, unxzProgram, unzstd, xz, xzcat, zstd, zstdcat } from './decompress';
import { expand, unexpand } from './expand';
import { factor } from './factor';
import { fmt } from './fmt';
import { join } from './join';
import { link, unlink } from './link';
import { mkfifo, mknod } from './mkfifo';
import { nice, stdbuf } from './nice';
import { numfmt } from './numfmt';
import { od } from './od';
import { pathchk } from './pathchk';
import { pr } from './pr';
import { pwd } from './pwd';
import { shred } from './shred';
import { shuf } from './shuf';
import { split } from './split';
import { stty } from './stty';
import { tsort } from './tsort';
import { tty } from './tty';
import { logname, pinky, users, who } from './who';

export const coreutilsPrograms: Record<string, Program> = {
  pwd,
  tty,
  stty,
  arch,
  logname,
  users,
  who,
  pinky,
  link,
  unlink,
  mkfifo,
  mknod,
  nice,
  stdbuf,
  dir,
  vdir,
  dircolors,
  cksum,
  sum,
  b2sum,
  sha224sum,
  sha384sum,
  base32,
  basenc,
  comm,
  join,
  expand,
  unexpand,
  tsort,
  factor,
  fmt,
  pr,
  csplit,
  shuf,
  shred,
  pathchk,
  od,
  numfmt,
  split,
  bzip2,
  bunzip2: bunzip2Program,
  bzcat,
  xz,
  unxz: unxzProgram,
  xzcat,
  zstd,
  unzstd,
  zstdcat,
};
