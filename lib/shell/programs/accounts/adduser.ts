/**
 * adduser, addgroup and deluser: Debian's adduser 3.134 wrapper (its chatty `Adding user \`bob' ...` lines, IDs
 * picked as it picks them, home mode 0700, the `users` supplemental group) on Debian/Ubuntu, and BusyBox's applets
 * (`adduser -D app`, `addgroup -S grp`, `adduser USER GROUP`) on Alpine. Both do the work through the same code as
 * useradd/groupadd, as the real wrappers call those tools.
 *
 * Debian's adduser without --disabled-password/--disabled-login would prompt for a password and the GECOS fields;
 * that dialogue is not simulated: the account is created as with --disabled-password.
 */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { parseArgs } from '../lib/args';
import { copySkeleton, loadAccounts, makeHome, readSettings, saveAccounts, type AccountDb } from './db';
import { addGroup, deleteGroup } from './groupadd';
import { addUser, groupId } from './useradd';
import { deleteUser } from './userdel';

function firstFree(min: number, max: number, taken: (id: number) => boolean): number | null {
  for (let id = min; id <= max; id++) if (!taken(id)) return id;
  return null;
}

function addMember(ctx: ProcessContext, user: string, group: string): void {
  const db = loadAccounts(ctx.fs);
  const add = (g: string, members: string[]) => (g === group && !members.includes(user) ? [...members, user] : members);
  db.group.editMembers(3, add);
  db.gshadow.editMembers(3, add);
  saveAccounts(ctx.fs, db);
}

function isMember(db: AccountDb, user: string, group: string): boolean {
  return (db.group.find(group)?.[3] ?? '').split(',').includes(user);
}

// ---------------------------------------------------------------------------------------------------------------
// Debian

const DEBIAN_LONG = {
  'disabled-password': { key: 'disabled-password' },
  'disabled-login': { key: 'disabled-login' },
  gecos: { key: 'gecos', arg: 'required' as const },
  comment: { key: 'gecos', arg: 'required' as const },
  home: { key: 'home', arg: 'required' as const },
  shell: { key: 'shell', arg: 'required' as const },
  uid: { key: 'uid', arg: 'required' as const },
  gid: { key: 'gid', arg: 'required' as const },
  ingroup: { key: 'ingroup', arg: 'required' as const },
  'no-create-home': { key: 'no-create-home' },
  system: { key: 'system' },
  group: { key: 'group' },
  quiet: { key: 'quiet' },
  verbose: { key: 'verbose' },
  debug: { key: 'debug' },
  force: { key: 'force-badname' },
  'force-badname': { key: 'force-badname' },
  'allow-badname': { key: 'force-badname' },
  'add-extra-groups': { key: 'add-extra-groups' },
  'firstuid': { key: 'firstuid', arg: 'required' as const },
  'lastuid': { key: 'lastuid', arg: 'required' as const },
  conf: { key: 'conf', arg: 'required' as const },
  remove: { key: 'remove-home' },
  'remove-home': { key: 'remove-home' },
  'remove-all-files': { key: 'remove-home' },
  'only-if-empty': { key: 'only-if-empty' },
};

async function debianAdduser(ctx: ProcessContext, prog: 'adduser' | 'addgroup'): Promise<number> {
  const out = (s: string) => ctx.stdout.write(s);
  const die = async (msg: string, status = 1) => {
    await ctx.stderr.write(`${prog}: ${msg}\n`);
    return status;
  };
  const r = parseArgs(ctx.argv.slice(1), { short: 'q', long: DEBIAN_LONG });
  if (!r.ok) return die(`Unknown option: ${r.error.option.replace(/^-+/, '')}`);
  const a = r.args;
  if (ctx.cred.uid !== 0) return die('Only root may add a user or group to the system.');
  const verbose = !a.has('quiet') && !a.has('q');
  const say = (s: string) => (verbose ? out(s) : Promise.resolve());
  const names = a.operands;
  if (names.length === 0 || names.length > 2) return die('Only one or two names allowed.');
  const db = loadAccounts(ctx.fs);
  const conf = readSettings(ctx.fs, '/etc/adduser.conf');
  const system = a.has('system');
  const groupMode = prog === 'addgroup' || (a.has('group') && !system);

  if (names.length === 2) {
    const [user, group] = names as [string, string];
    if (!db.passwd.find(user)) return die(`The user \`${user}' does not exist.`);
    if (!db.group.find(group)) return die(`The group \`${group}' does not exist.`);
    if (isMember(db, user, group)) {
      if (verbose) await ctx.stderr.write(`${prog}: The user \`${user}' is already a member of \`${group}'.\n`);
      return 0;
    }
    await say(`Adding user \`${user}' to group \`${group}' ...\n`);
    addMember(ctx, user, group);
    await say('Done.\n');
    return 0;
  }
  const name = names[0]!;
  const gidTaken = (id: number) => db.group.byId(id) !== undefined;
  const uidTaken = (id: number) => db.passwd.byId(id) !== undefined;

  if (groupMode) {
    const existing = db.group.find(name);
    if (existing) {
      if (system && Number(existing[2]) >= 100 && Number(existing[2]) <= 999) {
        if (verbose) await ctx.stderr.write(`${prog}: The group \`${name}' already exists as a system group. Exiting.\n`);
        return 0;
      }
      return die(system ? `The group \`${name}' already exists and is not a system group. Exiting.` : `The group \`${name}' already exists.`);
    }
    const gid = a.has('gid') ? Number(a.get('gid')) : firstFree(system ? 100 : 1000, system ? 999 : 59999, gidTaken);
    if (a.has('gid') && gidTaken(gid!)) return die(`The GID \`${gid}' is already in use.`);
    if (gid === null) return die(`The group \`${name}' was not created.`);
    await say(`Adding group \`${name}' (GID ${gid}) ...\n`);
    const status = await addGroup(ctx, 'groupadd', { name, gid });
    if (status !== 0) return status;
    if (!system) await say('Done.\n');
    return 0;
  }

  const existing = db.passwd.find(name);
  if (existing) {
    if (system && Number(existing[2]) >= 100 && Number(existing[2]) <= 999) {
      await say(`The system user \`${name}' already exists. Exiting.\n`);
      return 0;
    }
    return die(system ? `The user \`${name}' already exists, but is not a system user. Exiting.` : `The user \`${name}' already exists.`);
  }
  const ingroup = a.get('ingroup');
  if (ingroup !== undefined && !db.group.find(ingroup)) return die(`The group \`${ingroup}' does not exist.`);
  const gidOption = a.has('gid') ? Number(a.get('gid')) : undefined;
  const disabledLogin = a.has('disabled-login');
  const gecos = a.get('gecos') ?? '';

  if (system) {
    const makeGroup = a.has('group');
    const uid = a.has('uid') ? Number(a.get('uid')) : firstFree(100, 999, uidTaken);
    if (uid === null) return die(`The user \`${name}' was not created.`);
    let groupName = ingroup ?? (gidOption !== undefined ? db.group.byId(gidOption)?.[0] : undefined) ?? 'nogroup';
    let gid = groupId(db, groupName) ?? 65534;
    await say(`Adding system user \`${name}' (UID ${uid}) ...\n`);
    if (makeGroup) {
      groupName = name;
      const g = db.group.find(name);
      if (g) gid = Number(g[2]);
      else {
        gid = firstFree(100, 999, gidTaken) ?? 999;
        await say(`Adding new group \`${name}' (GID ${gid}) ...\n`);
        const s = await addGroup(ctx, 'groupadd', { name, gid });
        if (s !== 0) return s;
      }
    }
    await say(`Adding new user \`${name}' (UID ${uid}) with group \`${groupName}' ...\n`);
    const home = a.get('home') ?? '/nonexistent';
    const s = await addUser(ctx, 'useradd', { name, uid, group: String(gid), home, shell: a.get('shell') ?? '/usr/sbin/nologin', system: true, createHome: false, userGroup: false, comment: gecos });
    if (s !== 0) return s;
    if (/^\/+nonexistent(\/|$)/.test(home)) await say(`Not creating \`${home}'.\n`);
    else if (a.has('no-create-home')) await say(`Not creating home directory \`${home}'.\n`);
    else await createDebianHome(ctx, say, home, uid, gid, 0o755, false);
    return 0;
  }

  // A regular user: the first UID (from 1000) that is free as a UID and, for its own group, as a GID.
  const makeGroup = ingroup === undefined && gidOption === undefined && (conf.get('USERGROUPS') ?? 'yes').toLowerCase() === 'yes';
  const uid = a.has('uid') ? Number(a.get('uid')) : firstFree(1000, 59999, (id) => uidTaken(id) || (makeGroup && gidTaken(id)));
  if (uid === null) return die(`The user \`${name}' was not created.`);
  await say(`Adding user \`${name}' ...\n`);
  let gid: number;
  let groupName: string;
  if (makeGroup) {
    gid = uid;
    groupName = name;
    await say(`Adding new group \`${name}' (${gid}) ...\n`);
    const s = await addGroup(ctx, 'groupadd', { name, gid });
    if (s !== 0) return s;
  } else {
    gid = gidOption ?? groupId(db, ingroup!)!;
    groupName = db.group.byId(gid)?.[0] ?? String(gid);
  }
  await say(`Adding new user \`${name}' (${uid}) with group \`${groupName} (${gid})' ...\n`);
  const home = a.get('home') ?? `${conf.get('DHOME') ?? '/home'}/${name}`;
  const shell = a.get('shell') ?? (disabledLogin ? '/usr/sbin/nologin' : (conf.get('DSHELL') ?? '/bin/bash'));
  const s = await addUser(ctx, 'useradd', { name, uid, group: String(gid), home, shell, createHome: false, userGroup: false, comment: gecos });
  if (s !== 0) return s;
  if (a.has('no-create-home')) await say(`Not creating home directory \`${home}'.\n`);
  else await createDebianHome(ctx, say, home, uid, gid, 0o700, true);
  // Users made with their own group also join `users` (adduser 3.134's default supplemental group).
  if (makeGroup && loadAccounts(ctx.fs).group.find('users')) {
    await say(`Adding new user \`${name}' to supplemental / extra groups \`users' ...\n`);
    await say(`Adding user \`${name}' to group \`users' ...\n`);
    addMember(ctx, name, 'users');
  }
  return 0;
}

async function createDebianHome(ctx: ProcessContext, say: (s: string) => Promise<void>, home: string, uid: number, gid: number, mode: number, skel: boolean): Promise<void> {
  try {
    ctx.fs.stat(home);
    await ctx.stderr.write(`adduser: The home directory \`${home}' already exists.  Not touching this directory.\n`);
    return;
  } catch {
    // new home
  }
  await say(`Creating home directory \`${home}' ...\n`);
  makeHome(ctx.fs, home, mode, uid, gid);
  if (skel) {
    await say("Copying files from `/etc/skel' ...\n");
    copySkeleton(ctx.fs, '/etc/skel', home, uid, gid);
  }
}

async function debianDeluser(ctx: ProcessContext, prog: 'deluser' | 'delgroup'): Promise<number> {
  const r = parseArgs(ctx.argv.slice(1), { short: 'q', long: DEBIAN_LONG });
  const fail = async (msg: string, status: number) => {
    await ctx.stderr.write(`${prog}: ${msg}\n`);
    return status;
  };
  if (!r.ok) return fail(`Unknown option: ${r.error.option.replace(/^-+/, '')}`, 1);
  if (ctx.cred.uid !== 0) return fail('Only root may remove a user or group from the system.', 1);
  const a = r.args;
  const names = a.operands;
  if (names.length === 0 || names.length > 2) return fail('Only one or two names allowed.', 1);
  const db = loadAccounts(ctx.fs);
  const out = (s: string) => (a.has('quiet') || a.has('q') ? Promise.resolve() : ctx.stdout.write(s));
  if (names.length === 2) {
    const [user, group] = names as [string, string];
    if (!db.passwd.find(user)) return fail(`The user \`${user}' does not exist.`, 2);
    if (!db.group.find(group)) return fail(`The group \`${group}' does not exist.`, 3);
    if (db.passwd.find(user)![3] === db.group.find(group)![2]) return fail('You may not remove the user from their primary group.', 7);
    if (!isMember(db, user, group)) return fail(`The user \`${user}' is not a member of group \`${group}'.`, 6);
    await out(`Removing user \`${user}' from group \`${group}' ...\n`);
    const drop = (g: string, members: string[]) => (g === group ? members.filter((m) => m !== user) : members);
    db.group.editMembers(3, drop);
    db.gshadow.editMembers(3, drop);
    saveAccounts(ctx.fs, db);
    await out('Done.\n');
    return 0;
  }
  const name = names[0]!;
  if (prog === 'delgroup' || a.has('group')) {
    const g = db.group.find(name);
    if (!g) return fail(`The group \`${name}' does not exist.`, 2);
    if (a.has('only-if-empty') && (g[3] ?? '') !== '') return fail(`The group \`${name}' is not empty!`, 5);
    await out(`Removing group \`${name}' ...\n`);
    const s = await deleteGroup(ctx, 'groupdel', name);
    if (s !== 0) return s;
    await out('Done.\n');
    return 0;
  }
  if (!db.passwd.find(name)) return fail(`The user \`${name}' does not exist.`, 2);
  if (a.has('remove-home')) await out('Looking for files to backup/remove ...\n');
  await ctx.stderr.write(`${prog}: \`/usr/bin/crontab' not executed. Skipping crontab removal. Package \`cron' required.\n`);
  await out(`Removing user \`${name}' ...\n`);
  const home = db.passwd.find(name)![5]!;
  const s = await deleteUser(ctx, 'userdel', name, false);
  if (s !== 0) return s;
  if (a.has('remove-home')) {
    try {
      ctx.fs.stat(home);
      await out('Removing files ...\n');
      removeTreeQuiet(ctx, home);
    } catch {
      // no home to remove
    }
  }
  await out('Done.\n');
  return 0;
}

function removeTreeQuiet(ctx: ProcessContext, path: string): void {
  const st = ctx.fs.lstat(path);
  if (st.type === 'dir') {
    for (const n of ctx.fs.readdir(path)) removeTreeQuiet(ctx, `${path}/${n}`);
    ctx.fs.rmdir(path);
  } else ctx.fs.unlink(path);
}

// ---------------------------------------------------------------------------------------------------------------
// BusyBox

const BB_ADDUSER_USAGE =
  '\nUsage: adduser [OPTIONS] USER [GROUP]\n\nCreate new user, or add USER to GROUP\n\n\t-h DIR\t\tHome directory\n\t-g GECOS\tGECOS field\n\t-s SHELL\tLogin shell\n\t-G GRP\t\tGroup\n\t-S\t\tCreate a system user\n\t-D\t\tDon\'t assign a password\n\t-H\t\tDon\'t create home directory\n\t-u UID\t\tUser id\n\t-k SKEL\t\tSkeleton directory (/etc/skel)\n';
const BB_ADDGROUP_USAGE = '\nUsage: addgroup [-g GID] [-S] [USER] GROUP\n\nAdd a group or add a user to a group\n\n\t-g GID\tGroup id\n\t-S\tCreate a system group\n';

async function bbUsage(ctx: ProcessContext, text: string): Promise<number> {
  await ctx.stderr.write(`BusyBox v1.36.1 (layerlab) multi-call binary.\n${text}`);
  return 1;
}

async function busyboxAddgroup(ctx: ProcessContext): Promise<number> {
  const r = parseArgs(ctx.argv.slice(1), { short: 'g:S', long: { gid: { key: 'g', arg: 'required' }, system: { key: 'S' } } });
  if (!r.ok || r.args.operands.length < 1 || r.args.operands.length > 2) return bbUsage(ctx, BB_ADDGROUP_USAGE);
  const die = async (msg: string) => {
    await ctx.stderr.write(`addgroup: ${msg}\n`);
    return 1;
  };
  if (ctx.cred.uid !== 0) return die('need to be root');
  const db = loadAccounts(ctx.fs);
  const ops = r.args.operands;
  if (ops.length === 2) {
    const [user, group] = ops as [string, string];
    if (!db.passwd.find(user)) return die(`unknown user ${user}`);
    if (!db.group.find(group)) return die(`unknown group ${group}`);
    if (isMember(db, user, group)) return 0;
    addMember(ctx, user, group);
    return 0;
  }
  const name = ops[0]!;
  if (db.group.find(name)) return die(`group '${name}' in use`);
  const system = r.args.has('S');
  let gid: number | null;
  if (r.args.has('g')) {
    gid = Number(r.args.get('g'));
    if (db.group.byId(gid)) return die(`gid '${gid}' in use`);
  } else gid = firstFree(system ? 100 : 1000, system ? 999 : 64999, (id) => db.group.byId(id) !== undefined);
  if (gid === null) return die('no gids left');
  db.group.append([name, 'x', String(gid), '']);
  if (db.gshadow.exists) db.gshadow.append([name, '!', '', '']);
  saveAccounts(ctx.fs, db);
  return 0;
}

async function busyboxAdduser(ctx: ProcessContext): Promise<number> {
  const r = parseArgs(ctx.argv.slice(1), { short: 'h:g:s:G:DSHu:k:' });
  if (!r.ok || r.args.operands.length < 1 || r.args.operands.length > 2) return bbUsage(ctx, BB_ADDUSER_USAGE);
  const a = r.args;
  const die = async (msg: string) => {
    await ctx.stderr.write(`adduser: ${msg}\n`);
    return 1;
  };
  if (ctx.cred.uid !== 0) return die('need to be root');
  const db = loadAccounts(ctx.fs);
  const [name, group2] = a.operands as [string, string | undefined];
  if (group2 !== undefined && !a.has('S') && db.passwd.find(name)) {
    if (!db.group.find(group2)) return die(`unknown group ${group2}`);
    addMember(ctx, name, group2);
    return 0;
  }
  if (db.passwd.find(name)) return die(`user '${name}' in use`);
  const system = a.has('S');
  let usegroup = a.get('G') ?? group2;
  if (system && usegroup === undefined) usegroup = 'nogroup';
  let gid: number | null = null;
  if (usegroup !== undefined) {
    gid = groupId(db, usegroup);
    if (gid === null) return die(`unknown group ${usegroup}`);
  }
  let uid: number;
  if (a.has('u')) {
    uid = Number(a.get('u'));
    if (db.passwd.byId(uid) || (gid === null && db.group.byId(uid))) return die(`uid '${uid}' in use`);
  } else {
    const found = firstFree(system ? 100 : 1000, system ? 999 : 64999, (id) => db.passwd.byId(id) !== undefined || (gid === null && db.group.byId(id) !== undefined));
    if (found === null) return die('no uids left');
    uid = found;
  }
  if (gid === null) {
    if (db.group.find(name)) return die(`group '${name}' in use`);
    gid = uid;
    db.group.append([name, 'x', String(gid), '']);
    if (db.gshadow.exists) db.gshadow.append([name, '!', '', '']);
  }
  // The new user inherits the shell of whoever runs adduser ($SHELL, else root's passwd entry); system users get /bin/false.
  const rootShell = db.passwd.byId(ctx.cred.uid)?.[6] ?? '/bin/sh';
  const shell = a.get('s') ?? (system ? '/bin/false' : (ctx.env.get('SHELL') ?? rootShell));
  const home = a.get('h') ?? `/home/${name}`;
  db.passwd.append([name, 'x', String(uid), String(gid), a.get('g') ?? 'Linux User,,,', home, shell]);
  if (db.shadow.exists) db.shadow.append([name, '!', String(Math.floor(ctx.sys.clock.now() / 86_400_000)), '0', '99999', '7', '', '', '']);
  if (usegroup !== undefined && !system) {
    const add = (g: string, members: string[]) => (g === usegroup && !members.includes(name) ? [...members, name] : members);
    db.group.editMembers(3, add);
  }
  saveAccounts(ctx.fs, db);
  if (!a.has('H')) {
    try {
      makeHome(ctx.fs, home, 0o755, uid, gid);
      copySkeleton(ctx.fs, a.get('k') ?? '/etc/skel', home, uid, gid);
    } catch {
      await ctx.stderr.write(`adduser: mkdir: ${home}: File exists\n`);
    }
  }
  if (!a.has('D') && !system) {
    // Without -D BusyBox runs passwd, which needs a terminal to read the new password from.
    await ctx.stdout.write('Changing password for ' + name + '\nNew password: ');
    await ctx.stderr.write('\npasswd: password for ' + name + ' is unchanged\n');
    return 1;
  }
  return 0;
}

async function busyboxDeluser(ctx: ProcessContext, prog: 'deluser' | 'delgroup'): Promise<number> {
  const ops = ctx.argv.slice(1).filter((x) => x !== '--remove-home');
  if (ops.length < 1 || ops.length > 2) return bbUsage(ctx, `\nUsage: ${prog} ${prog === 'deluser' ? 'USER' : '[USER] GROUP'}\n\nDelete ${prog === 'deluser' ? 'user USER from the system' : 'group GROUP from the system or user USER from group GROUP'}\n`);
  const die = async (msg: string) => {
    await ctx.stderr.write(`${prog}: ${msg}\n`);
    return 1;
  };
  if (ctx.cred.uid !== 0) return die('need to be root');
  const db = loadAccounts(ctx.fs);
  if (ops.length === 2) {
    const [user, group] = ops as [string, string];
    if (!isMember(db, user, group)) return die(`can't find ${user} in /etc/group`);
    const drop = (g: string, members: string[]) => (g === group ? members.filter((m) => m !== user) : members);
    db.group.editMembers(3, drop);
    db.gshadow.editMembers(3, drop);
    saveAccounts(ctx.fs, db);
    return 0;
  }
  const name = ops[0]!;
  if (prog === 'delgroup') {
    if (!db.group.find(name)) return die(`unknown group ${name}`);
    db.group.remove(name);
    db.gshadow.remove(name);
  } else {
    if (!db.passwd.find(name)) return die(`unknown user ${name}`);
    db.passwd.remove(name);
    db.shadow.remove(name);
    const drop = (_g: string, members: string[]) => members.filter((m) => m !== name);
    db.group.editMembers(3, drop);
    db.gshadow.editMembers(3, drop);
    // BusyBox also removes the group named after the user when it is now unused.
    const own = db.group.find(name);
    if (own && !db.passwd.entries().some((u) => u[3] === own[2])) {
      db.group.remove(name);
      db.gshadow.remove(name);
    }
  }
  saveAccounts(ctx.fs, db);
  return 0;
}

export const adduser: Program = (ctx) => (ctx.flavor === 'busybox' ? busyboxAdduser(ctx) : debianAdduser(ctx, 'adduser'));
export const addgroup: Program = (ctx) => (ctx.flavor === 'busybox' ? busyboxAddgroup(ctx) : debianAdduser(ctx, 'addgroup'));
export const deluser: Program = (ctx) => (ctx.flavor === 'busybox' ? busyboxDeluser(ctx, 'deluser') : debianDeluser(ctx, 'deluser'));
export const delgroup: Program = (ctx) => (ctx.flavor === 'busybox' ? busyboxDeluser(ctx, 'delgroup') : debianDeluser(ctx, 'delgroup'));

/** nologin (util-linux): refuses a login politely. */
export const nologin: Program = async (ctx) => {
  await ctx.stdout.write('This account is currently not available.\n');
  return 1;
};
