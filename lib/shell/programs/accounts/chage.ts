/**
 * chage (shadow 4.13) -l/--list [-i]: a user's password ageing from /etc/shadow, in chage's layout and date format
 * (`May 20, 2025`, or ISO with -i). Root may list anyone, a user only themselves. Changing the ageing fields
 * (-d -E -I -m -M -W) is not simulated.
 */

import { ROOT } from '../../../engine/fs/Types';
import type { Program } from '../../../engine/process/Types';
import { parseArgs } from '../lib/args';
import { strftime } from '../lib/strftime';
import { zoneFromEnv } from '../lib/timezone';
import { loadAccounts } from './db';

const USAGE = 'Usage: chage [options] LOGIN\n\nOptions:\n  -d, --lastday LAST_DAY        set date of last password change to LAST_DAY\n  -E, --expiredate EXPIRE_DATE  set account expiration date to EXPIRE_DATE\n  -h, --help                    display this help message and exit\n  -i, --iso8601                 use YYYY-MM-DD when printing dates\n  -I, --inactive INACTIVE       set password inactive after expiration\n                                to INACTIVE\n  -l, --list                    show account aging information\n  -m, --mindays MIN_DAYS        set minimum number of days before password\n                                change to MIN_DAYS\n  -M, --maxdays MAX_DAYS        set maximum number of days before password\n                                change to MAX_DAYS\n  -R, --root CHROOT_DIR         directory to chroot into\n  -W, --warndays WARN_DAYS      set expiration warning days to WARN_DAYS\n\n';
const DAY = 86400000;

export const chage: Program = async (ctx) => {
  const r = parseArgs(ctx.argv.slice(1), {
    short: 'd:E:hiI:lm:M:R:P:W:',
    long: { lastday: { key: 'd', arg: 'required' }, expiredate: { key: 'E', arg: 'required' }, help: { key: 'h' }, iso8601: { key: 'i' }, inactive: { key: 'I', arg: 'required' }, list: { key: 'l' }, mindays: { key: 'm', arg: 'required' }, maxdays: { key: 'M', arg: 'required' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, warndays: { key: 'W', arg: 'required' } },
  });
  if (r.ok && r.args.has('h')) {
    await ctx.stdout.write(USAGE);
    return 0;
  }
  if (!r.ok || r.args.operands.length !== 1) {
    if (!r.ok) await ctx.stderr.write(`chage: invalid option -- '${r.error.option.replace(/^-+/, '')}'\n`);
    await ctx.stderr.write(USAGE);
    return 2;
  }
  const a = r.args;
  if (['d', 'E', 'I', 'm', 'M', 'W'].some((k) => a.has(k))) {
    await ctx.stderr.write('chage: changing password ageing is not simulated (chage -l lists it)\n');
    return 1;
  }
  if (!a.has('l')) {
    await ctx.stderr.write('chage: the interactive dialogue is not simulated (chage -l lists the ageing)\n');
    return 1;
  }
  const name = a.operands[0]!;
  // chage is setuid root: it reads /etc/shadow whoever runs it.
  const db = loadAccounts(ctx.fs.withCred(ROOT));
  const pw = db.passwd.find(name);
  if (!pw) {
    await ctx.stderr.write(`chage: user '${name}' does not exist in /etc/passwd\n`);
    return 1;
  }
  if (ctx.cred.uid !== 0 && db.passwd.byId(ctx.cred.uid)?.[0] !== name) {
    await ctx.stderr.write('chage: Permission denied.\n');
    return 1;
  }
  const sp = db.shadow.find(name);
  const num = (i: number) => {
    const v = sp?.[i];
    return v === undefined || v === '' ? -1 : Number(v);
  };
  const last = num(2);
  const min = num(3);
  const max = num(4);
  const warn = num(5);
  const inact = num(6);
  const expire = num(7);
  const zone = zoneFromEnv(ctx.env.get('TZ'), ctx.fs);
  const date = (days: number) => strftime(a.has('i') ? '%Y-%m-%d' : '%b %d, %Y', days * DAY, zone);
  const noExpiry = last < 0 || max >= 10000 || max < 0;
  const lines = [
    ['Last password change\t\t\t\t\t', last < 0 ? 'never' : last === 0 ? 'password must be changed' : date(last)],
    ['Password expires\t\t\t\t\t', last === 0 ? 'password must be changed' : noExpiry ? 'never' : date(last + max)],
    ['Password inactive\t\t\t\t\t', last === 0 ? 'password must be changed' : noExpiry || inact < 0 ? 'never' : date(last + max + inact)],
    ['Account expires\t\t\t\t\t\t', expire < 0 ? 'never' : date(expire)],
    ['Minimum number of days between password change\t\t', String(min)],
    ['Maximum number of days between password change\t\t', String(max)],
    ['Number of days of warning before password expires\t', String(warn)],
  ];
  await ctx.stdout.write(lines.map(([label, value]) => `${label}: ${value}\n`).join(''));
  return 0;
};
