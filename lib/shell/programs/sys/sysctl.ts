/**
 * sysctl (procps-ng 4.0.2) over a table of the kernel parameters learners look at. Reading works everywhere;
 * writing needs root, and in a container /proc/sys is mounted read-only, so even root is refused there.
 * `-a` lists this table (a real kernel has ~1300 keys).
 */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { isContainer } from '../lib/machine';

function table(ctx: ProcessContext): Map<string, string> {
  const u = ctx.sys.uname;
  return new Map([
    ['fs.file-max', '9223372036854775807'],
    ['fs.inotify.max_user_watches', '65536'],
    ['kernel.hostname', ctx.sys.hostname()],
    ['kernel.ostype', u.sysname],
    ['kernel.osrelease', u.release],
    ['kernel.version', u.version],
    ['kernel.pid_max', '4194304'],
    ['kernel.threads-max', '63422'],
    ['kernel.randomize_va_space', '2'],
    ['kernel.dmesg_restrict', '1'],
    ['kernel.shmmax', '18446744073692774399'],
    ['net.core.somaxconn', '4096'],
    ['net.ipv4.ip_forward', '1'],
    ['net.ipv4.ip_local_port_range', '32768\t60999'],
    ['net.ipv4.tcp_syncookies', '1'],
    ['net.ipv6.conf.all.disable_ipv6', isContainer(ctx) ? '1' : '0'],
    ['vm.max_map_count', '65530'],
    ['vm.overcommit_memory', '0'],
    ['vm.swappiness', '60'],
  ]);
}

const USAGE = '\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -A                   alias of -a\n  -X                   alias of -a\n      --deprecated     include deprecated parameters to listing\n      --dry-run        Print the key and values but do not write\n  -b, --binary         print value without new line\n  -e, --ignore         ignore unknown variables errors\n  -N, --names          print variable names without values\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -f                   alias of -p\n      --system         read values from all system directories\n  -r, --pattern <expression>\n                       select setting that match expression\n  -q, --quiet          do not echo variable set\n  -w, --write          enable writing a value to variable\n  -o                   does nothing\n  -x                   does nothing\n  -d                   alias of -h\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see sysctl(8).\n';

export const sysctl: Program = async (ctx) => {
  const flags = new Set<string>();
  const items: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a === '--all') flags.add('a');
    else if (a === '--values') flags.add('n');
    else if (a === '--names') flags.add('N');
    else if (a === '--write') flags.add('w');
    else if (a === '--ignore') flags.add('e');
    else if (a === '--quiet') flags.add('q');
    else if (/^-[aAXnNweqbox]+$/.test(a)) for (const c of a.slice(1)) flags.add(c === 'A' || c === 'X' ? 'a' : c);
    else if (a === '-h' || a === '--help' || a === '-d') {
      await ctx.stdout.write(USAGE);
      return 0;
    } else items.push(a);
  }
  const keys = table(ctx);
  const show = (k: string, v: string) => (flags.has('n') ? `${v}\n` : flags.has('N') ? `${k}\n` : `${k} = ${v}\n`);
  if (flags.has('a')) {
    await ctx.stdout.write([...keys.keys()].sort().map((k) => show(k, keys.get(k)!)).join(''));
    return 0;
  }
  if (items.length === 0) {
    await ctx.stderr.write(USAGE);
    return 1;
  }
  let status = 0;
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = (eq >= 0 ? item.slice(0, eq) : item).replace(/\//g, '.');
    if (!keys.has(key)) {
      if (!flags.has('e')) await ctx.stderr.write(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
      status = flags.has('e') ? status : 1;
      continue;
    }
    if (eq >= 0 || flags.has('w')) {
      if (eq < 0) {
        await ctx.stderr.write(`sysctl: "${key}" must be of the form name=value\n`);
        status = 1;
      } else if (ctx.cred.uid !== 0) {
        await ctx.stderr.write(`sysctl: permission denied on key "${key}"\n`);
        status = 1;
      } else if (isContainer(ctx)) {
        await ctx.stderr.write(`sysctl: setting key "${key}": Read-only file system\n`);
        status = 1;
      } else {
        await ctx.stderr.write(`sysctl: setting key "${key}": Operation not permitted\n`);
        status = 1;
      }
      continue;
    }
    await ctx.stdout.write(show(key, keys.get(key)!));
  }
  return status;
};
