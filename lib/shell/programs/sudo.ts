/**
 * sudo: runs a command as root (or -u USER) with root's credentials and an fs view checking as that user. The
 * learner is in group `sudo`, and layerlab's sudoers asks for no password; users in neither `sudo`, `wheel` nor
 * `admin` are refused. -i/-s start a (login) shell; -E keeps the environment; -l lists the privileges.
 */

import { ROOT, type Cred } from '../../engine/fs/Types';
import { DEFAULT_PATH } from '../../engine/process/Machine';
import type { Program, ProcessContext } from '../../engine/process/Types';
import { Accounts, type UserEntry } from './lib/accounts';
import { startCommand, waitChild } from './lib/spawn';
import { credOf, lookupUser } from './lib/user-groups';

const SECURE_PATH = DEFAULT_PATH;
const KEPT = ['TERM', 'DISPLAY', 'COLORS', 'COLORTERM', 'LANG', 'LANGUAGE', 'LC_ALL', 'LS_COLORS', 'TZ'];

function isSudoer(ctx: ProcessContext, acc: Accounts): boolean {
  if (ctx.cred.uid === 0) return true;
  return ['sudo', 'wheel', 'admin'].some((g) => {
    const gid = acc.gidByName(g);
    return gid !== undefined && (ctx.cred.gid === gid || ctx.cred.groups.includes(gid));
  });
}

const USAGE = 'usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\nusage: sudo [-ABbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\nusage: sudo -e [-ABknS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n';

export const sudo: Program = async (ctx) => {
  const acc = Accounts.load(ctx.fs);
  const me = acc.user(ctx.cred.uid);
  const myName = me?.name ?? String(ctx.cred.uid);
  const args = ctx.argv.slice(1);
  let targetSpec = 'root';
  let login = false;
  let shell = false;
  let keepEnv = false;
  let list = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--user' || a === '-u') {
      targetSpec = args[++i] ?? '';
      continue;
    }
    if (a.startsWith('--user=')) {
      targetSpec = a.slice(7);
      continue;
    }
    if (a === '--login') login = true;
    else if (a === '--shell') shell = true;
    else if (a === '--preserve-env' || a.startsWith('--preserve-env=')) keepEnv = true;
    else if (a === '--list') list = true;
    else if (a === '--help') {
      await ctx.stdout.write(USAGE);
      return 0;
    } else if (a === '--version') {
      await ctx.stdout.write('Sudo version 1.9.13p3\n');
      return 0;
    } else if (a.startsWith('--')) {
      await ctx.stderr.write(`sudo: unrecognized option '${a}'\n${USAGE}`);
      return 1;
    } else {
      for (let k = 1; k < a.length; k++) {
        const c = a[k]!;
        if (c === 'u') {
          targetSpec = a.slice(k + 1) || args[++i] || '';
          break;
        }
        if (c === 'i') login = true;
        else if (c === 's') shell = true;
        else if (c === 'E') keepEnv = true;
        else if (c === 'l') list = true;
        else if (c === 'h') {
          await ctx.stdout.write(USAGE);
          return 0;
        } else if (c === 'V') {
          await ctx.stdout.write('Sudo version 1.9.13p3\n');
          return 0;
        } else if ('kKvHnSAbP'.includes(c)) {
          if ((c === 'k' || c === 'K' || c === 'v') && args.length === 1) return 0;
        } else {
          await ctx.stderr.write(`sudo: invalid option -- '${c}'\n${USAGE}`);
          return 1;
        }
      }
    }
  }
  if (!isSudoer(ctx, acc)) {
    await ctx.stderr.write(`${myName} is not in the sudoers file.\n`);
    return 1;
  }
  if (list) {
    await ctx.stdout.write(`Matching Defaults entries for ${myName} on ${ctx.sys.hostname()}:\n    env_reset, mail_badpass, secure_path=${SECURE_PATH}, use_pty\n\nUser ${myName} may run the following commands on ${ctx.sys.hostname()}:\n    (ALL : ALL) NOPASSWD: ALL\n`);
    return 0;
  }
  // VAR=value words before the command set variables in the new environment.
  const assigns: [string, string][] = [];
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]!)) {
    const eq = args[i]!.indexOf('=');
    assigns.push([args[i]!.slice(0, eq), args[i]!.slice(eq + 1)]);
    i++;
  }
  const command = args.slice(i);
  if (command.length === 0 && !login && !shell) {
    await ctx.stderr.write(USAGE);
    return 1;
  }
  let target: UserEntry | undefined = targetSpec === 'root' ? acc.user(0) : lookupUser(ctx.fs, targetSpec);
  if (!target && targetSpec === 'root') target = { name: 'root', id: 0, gid: 0, home: '/root', shell: '/bin/sh' };
  if (!target) {
    await ctx.stderr.write(`sudo: unknown user ${targetSpec}\nsudo: error initializing audit plugin sudoers_audit\n`);
    return 1;
  }
  const cred: Cred = target.id === 0 ? ROOT : credOf(ctx.fs, target);
  const env = new Map<string, string>();
  if (keepEnv) for (const [k, v] of ctx.env) env.set(k, v);
  else for (const k of KEPT) if (ctx.env.has(k)) env.set(k, ctx.env.get(k)!);
  env.set('PATH', keepEnv && ctx.env.has('PATH') ? ctx.env.get('PATH')! : SECURE_PATH);
  env.set('HOME', target.home);
  env.set('SHELL', target.shell || '/bin/sh');
  env.set('USER', target.name);
  env.set('LOGNAME', target.name);
  env.set('MAIL', `/var/mail/${target.name}`);
  env.set('SUDO_USER', myName);
  env.set('SUDO_UID', String(ctx.cred.uid));
  env.set('SUDO_GID', String(ctx.cred.gid));
  for (const [k, v] of assigns) env.set(k, v);
  let argv: string[];
  let cwd = ctx.cwd;
  if (login || shell) {
    const sh = login ? target.shell || '/bin/sh' : ctx.env.get('SHELL') || target.shell || '/bin/sh';
    argv = [sh, ...(login ? ['-l'] : [])];
    if (command.length > 0) argv.push('-c', command.map((w) => w.replace(/([^A-Za-z0-9_\-.,:/@\n])/g, '\\$1')).join(' '));
    if (login) cwd = target.home;
  } else argv = command;
  const resolved = ctx.sys.resolveCommand(argv[0]!, env, cwd, ctx.fs.withCred(cred));
  env.set('SUDO_COMMAND', [resolved.kind === 'program' || resolved.kind === 'script' ? resolved.path : argv[0]!, ...argv.slice(1)].join(' '));
  const r = startCommand(ctx, argv, { env, cred, cwd, fs: ctx.fs.withCred(cred) });
  if (!r.ok) {
    if (r.failure.kind === 'not-found') await ctx.stderr.write(`sudo: ${argv[0]}: command not found\n`);
    else await ctx.stderr.write(`sudo: unable to execute ${argv[0]}: ${r.text}\n`);
    return r.failure.kind === 'not-found' ? 1 : r.status;
  }
  return waitChild(ctx, r.child);
};
