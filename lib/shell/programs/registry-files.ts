/** File and filesystem programs (ls, cp, find, tar, ...). One module per program; this list registers them. */
import type { Program } from '../../engine/process/Types';
import { basename, dirname } from './basename';
import { cat } from './cat';
import { base64 } from './base64';
import { chgrp } from './chgrp';
import { chmod } from './chmod';
import { chown } from './chown';
import { md5sum, sha1sum, sha256sum, sha512sum } from './checksum';
import { cmp } from './cmp';
import { cp } from './cp';
import { dd } from './dd';
import { df } from './df';
import { diff } from './diff';
import { du } from './du';
import { file } from './file';
import { find } from './find';
import { gunzip, gzip, zcat } from './gzip';
import { install } from './install';
import { ln } from './ln';
import { ls } from './ls';
import { mkdir } from './mkdir';
import { mktemp } from './mktemp';
import { mv } from './mv';
import { readlink, realpath } from './realpath';
import { rm } from './rm';
import { rmdir } from './rmdir';
import { stat } from './stat';
import { sync } from './sync';
import { tar } from './tar';
import { touch } from './touch';
import { tree } from './tree';
import { truncate } from './truncate';
import { which } from './which';
import { openssl } from './openssl/openssl';
import { unzip } from './zip/unzip';
import { zip } from './zip/zip';

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
  realpath,
  readlink,
  basename,
  dirname,
  mktemp,
  which,
  sync,
  truncate,
  install,
  tar,
  gzip,
  gunzip,
  zcat,
  md5sum,
  sha1sum,
  sha256sum,
  sha512sum,
  base64,
  diff,
  cmp,
  dd,
  file,
  zip,
  unzip,
  openssl,
};
