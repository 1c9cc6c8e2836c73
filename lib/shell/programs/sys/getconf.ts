/**
 * getconf (glibc): system configuration values for the simulated machines (x86-64 Linux, 2 CPUs, 4 KiB pages,
 * ext4/overlay name limits). `getconf -a` lists this table.
 */

import type { Program } from '../../../engine/process/Types';
import { SIMULATED_CPUS } from '../nproc';

const SYSTEM: Readonly<Record<string, string>> = {
  ARG_MAX: '2097152',
  CHILD_MAX: '63711',
  CLK_TCK: '100',
  NGROUPS_MAX: '65536',
  OPEN_MAX: '1048576',
  STREAM_MAX: '16',
  TZNAME_MAX: '',
  PAGESIZE: '4096',
  PAGE_SIZE: '4096',
  _NPROCESSORS_CONF: String(SIMULATED_CPUS),
  _NPROCESSORS_ONLN: String(SIMULATED_CPUS),
  _PHYS_PAGES: '1048576',
  _AVPHYS_PAGES: '786432',
  LONG_BIT: '64',
  WORD_BIT: '32',
  CHAR_BIT: '8',
  INT_MAX: '2147483647',
  INT_MIN: '-2147483648',
  UINT_MAX: '4294967295',
  LONG_MAX: '9223372036854775807',
  HOST_NAME_MAX: '64',
  LOGIN_NAME_MAX: '256',
  LINE_MAX: '2048',
  RE_DUP_MAX: '32767',
  SSIZE_MAX: '32767',
  PATH: '/bin:/usr/bin',
  CS_PATH: '/bin:/usr/bin',
  GNU_LIBC_VERSION: 'glibc 2.36',
  GNU_LIBPTHREAD_VERSION: 'NPTL 2.36',
  _POSIX_VERSION: '200809',
  POSIX_VERSION: '200809',
};

const PATH_VARS: Readonly<Record<string, string>> = {
  NAME_MAX: '255',
  PATH_MAX: '4096',
  LINK_MAX: '65000',
  PIPE_BUF: '4096',
  FILESIZEBITS: '64',
  MAX_CANON: '255',
  MAX_INPUT: '255',
  _POSIX_NO_TRUNC: '1',
  _POSIX_CHOWN_RESTRICTED: '1',
  SYMLINK_MAX: '',
};

const USAGE = 'Usage: getconf [-v specification] variable_name [pathname]\n       getconf -a [pathname]\n';

export const getconf: Program = async (ctx) => {
  let args = ctx.argv.slice(1);
  if (args[0] === '-v' && args.length >= 2) args = args.slice(2);
  if (args[0] === '-a') {
    const all = { ...SYSTEM, ...PATH_VARS };
    await ctx.stdout.write(Object.keys(all).sort().map((k) => `${k.padEnd(35)}${all[k]}\n`).join(''));
    return 0;
  }
  if (args.length === 0 || args.length > 2) {
    await ctx.stderr.write(USAGE);
    return 2;
  }
  const name = args[0]!;
  const pathVar = PATH_VARS[name];
  if (SYSTEM[name] === undefined && pathVar === undefined) {
    await ctx.stderr.write(`getconf: Unrecognized variable \`${name}'\n`);
    return 2;
  }
  // Path variables need a pathname and system variables refuse one: either mistake is a usage error.
  if ((pathVar !== undefined) !== (args.length === 2)) {
    await ctx.stderr.write(USAGE);
    return 2;
  }
  if (args.length === 2) {
    try {
      ctx.fs.stat(args[1]!.startsWith('/') ? args[1]! : `${ctx.cwd}/${args[1]}`);
    } catch {
      await ctx.stderr.write(`getconf: pathconf: ${args[1]}: No such file or directory\n`);
      return 3;
    }
  }
  const value = pathVar ?? SYSTEM[name]!;
  await ctx.stdout.write(value === '' ? 'undefined\n' : `${value}\n`);
  return 0;
};
