/** System programs from glibc, util-linux and ncurses that images ship: getent, getconf, getopt, mount, tput, ... */
import type { Program } from '../../engine/process/Types';
import { getconf } from './sys/getconf';
import { getent } from './sys/getent';
import { getopt } from './sys/getopt';
import { locale } from './sys/locale';
import { chroot } from './sys/chroot';
import { flock, ischroot, ldconfig, setsid } from './sys/misc';
import { dmesg, mount, mountpoint, umount } from './sys/mount';
import { findmnt } from './sys/findmnt';
import { updateAlternatives } from './sys/alternatives';
import { tput } from './sys/tput';
import { iconv } from './sys/iconv';
import { runParts } from './sys/runparts';
import { sysctl } from './sys/sysctl';
import { ip } from './net/ip';
import { pgrep, pidof, pkill, uptime, w } from './procps';
import { vmstat } from './vmstat';
import { watch } from './watch';

export const sysPrograms: Record<string, Program> = {
  getent,
  getconf,
  getopt,
  locale,
  ldconfig,
  ischroot,
  chroot,
  setsid,
  flock,
  mount,
  umount,
  mountpoint,
  findmnt,
  'update-alternatives': updateAlternatives,
  dmesg,
  tput,
  iconv,
  'run-parts': runParts,
  sysctl,
  ip,
  pgrep,
  pkill,
  pidof,
  uptime,
  w,
  vmstat,
  watch,
};
