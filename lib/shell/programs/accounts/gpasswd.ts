/**
 * gpasswd (shadow 4.13): -a USER / -d USER / -M USER,... on a group's members in /etc/group and /etc/gshadow.
 * Setting a group password (no option) needs a terminal dialogue that is not simulated.
 */

import type { Program } from '../../../engine/process/Types';
import { loadAccounts, saveAccounts } from './db';

const USAGE =
  "Usage: gpasswd [option] GROUP\n\nOptions:\n  -a, --add USER                add USER to GROUP\n  -d, --delete USER             remove USER from GROUP\n  -h, --help                    display this help message and exit\n  -Q, --root CHROOT_DIR         directory to chroot into\n  -r, --remove-password         remove the GROUP's password\n  -R, --restrict                restrict access to GROUP to its members\n  -M, --members USER,...        set the list of members of GROUP\n  -A, --administrators ADMIN,...\n                                set the list of administrators for GROUP\nExcept for the -A and -M options, the options cannot be combined.\n";

export const gpasswd: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let add: string | undefined;
  let del: string | undefined;
  let members: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-a' || a === '--add') add = args[++i];
    else if (a === '-d' || a === '--delete') del = args[++i];
    else if (a === '-M' || a === '--members') members = args[++i];
    else if (a === '-Q' || a === '--root') i++;
    else rest.push(a);
  }
  const fail = async (msg: string, status = 3) => {
    await ctx.stderr.write(`gpasswd: ${msg}\n`);
    return status;
  };
  // Setting the group password reads it from a terminal (that dialogue is not simulated: it always says this).
  if (rest.length === 1 && add === undefined && del === undefined && members === undefined) {
    await ctx.stderr.write('gpasswd: Not a tty\n');
    return 1;
  }
  if (rest.length !== 1 || [add, del, members].filter((x) => x !== undefined).length !== 1) {
    await ctx.stderr.write(USAGE);
    return 2;
  }
  if (ctx.cred.uid !== 0) return fail('Permission denied.', 1);
  const group = rest[0]!;
  const db = loadAccounts(ctx.fs);
  if (!db.group.find(group)) return fail(`group '${group}' does not exist in /etc/group`);
  const user = add ?? del;
  if (user !== undefined && !db.passwd.find(user)) return fail(`user '${user}' does not exist`);
  if (members !== undefined) {
    for (const m of members.split(',').filter((x) => x !== '')) if (!db.passwd.find(m)) return fail(`user '${m}' does not exist`);
  }
  // shadow announces the removal before finding out the user is not a member.
  if (del !== undefined) await ctx.stdout.write(`Removing user ${del} from group ${group}\n`);
  if (del !== undefined && !(db.group.find(group)![3] ?? '').split(',').includes(del)) return fail(`user '${del}' is not a member of '${group}'`);
  const edit = (g: string, list: string[]) => {
    if (g !== group) return list;
    if (members !== undefined) return members.split(',').filter((x) => x !== '');
    if (add !== undefined) return list.includes(add) ? list : [...list, add];
    return list.filter((m) => m !== del);
  };
  db.group.editMembers(3, edit);
  db.gshadow.editMembers(3, edit);
  saveAccounts(ctx.fs, db);
  if (add !== undefined) await ctx.stdout.write(`Adding user ${add} to group ${group}\n`);
  return 0;
};
