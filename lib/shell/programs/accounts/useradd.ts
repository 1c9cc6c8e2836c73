/**
 * useradd (shadow 4.13, as in Debian/Ubuntu images): adds the passwd, shadow, group and gshadow lines shadow writes
 * (`app:x:1001:1001::/home/app:/bin/sh`, `app:!:DAYS:0:99999:7:::`, `app:x:1001:`, `app:!::`), creates the home
 * from /etc/skel with -m, and fails with shadow's messages and exit codes (9 name in use, 4 UID in use, 6 unknown
 * group, 3 bad value, 2 usage, 12 home not created). Settings come from /etc/login.defs and /etc/default/useradd.
 */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { parseArgs } from '../lib/args';
import { copySkeleton, daysSinceEpoch, loadAccounts, makeHome, readSettings, saveAccounts, type AccountDb } from './db';
import { isValidName, loginDefs, newId } from './ids';
import { SHADOW_USAGE } from './usage';

export interface NewUser {
  readonly name: string;
  readonly uid?: number;
  /** A group name or number for the primary group; default: a new group named after the user (USERGROUPS_ENAB). */
  readonly group?: string;
  readonly groups?: readonly string[];
  readonly home?: string;
  readonly baseDir?: string;
  readonly shell?: string;
  readonly comment?: string;
  readonly createHome?: boolean;
  readonly system?: boolean;
  /** -U / -N: make (or not) a group named after the user. */
  readonly userGroup?: boolean;
  readonly nonUnique?: boolean;
  readonly password?: string;
  readonly skel?: string;
  readonly keys?: ReadonlyMap<string, string>;
}

/** Resolves a group operand (name or number) to its GID, or null. */
export function groupId(db: AccountDb, spec: string): number | null {
  const byName = db.group.find(spec);
  if (byName) return Number(byName[2]);
  if (/^\d+$/.test(spec) && db.group.byId(Number(spec))) return Number(spec);
  return null;
}

/** Adds a user; returns 0 or shadow's exit status after printing its message. */
export async function addUser(ctx: ProcessContext, prog: string, u: NewUser): Promise<number> {
  const err = async (msg: string, status: number) => {
    await ctx.stderr.write(`${prog}: ${msg}\n`);
    return status;
  };
  if (ctx.cred.uid !== 0) {
    await ctx.stderr.write(`${prog}: Permission denied.\n`);
    return err('cannot lock /etc/passwd; try again later.', 1);
  }
  const fs = ctx.fs;
  const db = loadAccounts(fs);
  const defs = loginDefs(fs, u.keys);
  const defaults = readSettings(fs, '/etc/default/useradd');
  if (!isValidName(u.name)) return err(`invalid user name '${u.name}': use --badname to ignore`, 3);
  if (db.passwd.find(u.name)) return err(`user '${u.name}' already exists`, 9);
  const userGroup = u.userGroup ?? (u.group === undefined && defs.userGroups);
  if (userGroup && db.group.find(u.name)) return err(`group ${u.name} exists - if you want to add this user to that group, use -g.`, 9);
  let gid: number | null = null;
  if (u.group !== undefined) {
    gid = groupId(db, u.group);
    if (gid === null) return err(`group '${u.group}' does not exist`, 6);
  }
  const extra: string[] = [];
  for (const g of u.groups ?? []) {
    const id = groupId(db, g);
    if (id === null) return err(`group '${g}' does not exist`, 6);
    const name = db.group.find(g)?.[0] ?? db.group.byId(id)![0]!;
    if (!extra.includes(name)) extra.push(name);
  }
  const shell = u.shell ?? defaults.get('SHELL') ?? '/bin/sh';
  if (shell !== '' && !shell.startsWith('/')) return err(`invalid shell '${shell}'`, 3);
  let uid: number | null;
  if (u.uid !== undefined) {
    uid = u.uid;
    if (!u.nonUnique && db.passwd.byId(uid)) return err(`UID ${uid} is not unique`, 4);
  } else {
    uid = u.system ? newId(db.passwd, defs.sysUidMin, defs.sysUidMax, true) : newId(db.passwd, defs.uidMin, defs.uidMax, false);
    if (uid === null) return err("can't get unique UID (no more available UIDs)", 4);
  }
  if (gid === null) {
    if (userGroup) {
      gid = u.system ? newId(db.group, defs.sysGidMin, defs.sysGidMax, true, uid) : newId(db.group, defs.gidMin, defs.gidMax, false, uid);
      if (gid === null) return err("can't create group", 4);
    } else gid = Number(defaults.get('GROUP') ?? 100);
  }
  const home = u.home ?? `${u.baseDir ?? defaults.get('HOME') ?? '/home'}/${u.name}`;
  const days = String(daysSinceEpoch(ctx.sys.clock.now()));
  const password = u.password ?? '!';
  db.passwd.append([u.name, 'x', String(uid), String(gid), u.comment ?? '', home, shell]);
  db.shadow.append(u.system ? [u.name, password, days, '', '', '', '', '', ''] : [u.name, password, days, defs.passMin, defs.passMax, defs.passWarn, '', '', '']);
  if (userGroup) {
    db.group.append([u.name, 'x', String(gid), '']);
    db.gshadow.append([u.name, '!', '', '']);
  }
  if (extra.length > 0) {
    const add = (group: string, members: string[]) => (extra.includes(group) && !members.includes(u.name) ? [...members, u.name] : members);
    db.group.editMembers(3, add);
    db.gshadow.editMembers(3, add);
  }
  saveAccounts(fs, db);
  const createHome = u.createHome ?? (!u.system && (readSettings(fs, '/etc/login.defs').get('CREATE_HOME') ?? 'no').toLowerCase() === 'yes');
  if (createHome) {
    let exists = false;
    try {
      fs.stat(home);
      exists = true;
    } catch {
      // the usual case: the home is new
    }
    if (exists) await ctx.stderr.write(`${prog}: warning: the home directory ${home} already exists.\n${prog}: Not copying any file from skel directory into it.\n`);
    else {
      try {
        makeHome(fs, home, defs.homeMode ?? 0o777 & ~defs.umask, uid, gid);
        copySkeleton(fs, u.skel ?? defaults.get('SKEL') ?? '/etc/skel', home, uid, gid);
      } catch {
        return err(`cannot create directory ${home}`, 12);
      }
    }
  }
  return 0;
}

const SPEC = {
  short: 'b:c:d:De:f:g:G:hk:K:lmMNop:rR:P:s:u:UZ:',
  long: {
    badname: { key: 'badname' },
    'base-dir': { key: 'b', arg: 'required' as const },
    comment: { key: 'c', arg: 'required' as const },
    'home-dir': { key: 'd', arg: 'required' as const },
    defaults: { key: 'D' },
    expiredate: { key: 'e', arg: 'required' as const },
    inactive: { key: 'f', arg: 'required' as const },
    gid: { key: 'g', arg: 'required' as const },
    groups: { key: 'G', arg: 'required' as const },
    help: { key: 'h' },
    skel: { key: 'k', arg: 'required' as const },
    key: { key: 'K', arg: 'required' as const },
    'no-log-init': { key: 'l' },
    'create-home': { key: 'm' },
    'no-create-home': { key: 'M' },
    'no-user-group': { key: 'N' },
    'non-unique': { key: 'o' },
    password: { key: 'p', arg: 'required' as const },
    system: { key: 'r' },
    root: { key: 'R', arg: 'required' as const },
    prefix: { key: 'P', arg: 'required' as const },
    shell: { key: 's', arg: 'required' as const },
    uid: { key: 'u', arg: 'required' as const },
    'user-group': { key: 'U' },
    'selinux-user': { key: 'Z', arg: 'required' as const },
  },
};

export const useradd: Program = async (ctx) => {
  const usage = async (status: number) => {
    await (status === 0 ? ctx.stdout : ctx.stderr).write(SHADOW_USAGE['useradd']!);
    return status;
  };
  const r = parseArgs(ctx.argv.slice(1), SPEC);
  if (!r.ok) {
    const e = r.error;
    await ctx.stderr.write(
      e.kind === 'invalid' ? `useradd: invalid option -- '${e.option}'\n` : e.kind === 'missing-arg' ? (e.long ? `useradd: option '${e.option}' requires an argument\n` : `useradd: option requires an argument -- '${e.option}'\n`) : `useradd: unrecognized option '${e.option}'\n`,
    );
    return usage(2);
  }
  const a = r.args;
  if (a.has('h')) return usage(0);
  if (a.has('U') && a.has('N')) {
    await ctx.stderr.write('useradd: options -U and -N conflict\n');
    return usage(2);
  }
  if (a.operands.length !== 1) return usage(2);
  const uidArg = a.get('u');
  if (uidArg !== undefined && !/^\d+$/.test(uidArg)) {
    await ctx.stderr.write(`useradd: invalid user ID '${uidArg}'\n`);
    return 3;
  }
  const keys = new Map<string, string>();
  for (const kv of a.all('K')) {
    const i = kv.indexOf('=');
    if (i > 0) keys.set(kv.slice(0, i), kv.slice(i + 1));
  }
  return addUser(ctx, 'useradd', {
    name: a.operands[0]!,
    ...(uidArg !== undefined ? { uid: Number(uidArg) } : {}),
    ...(a.has('g') ? { group: a.get('g')! } : {}),
    ...(a.has('G') ? { groups: a.get('G')!.split(',').filter((g) => g !== '') } : {}),
    ...(a.has('d') ? { home: a.get('d')! } : {}),
    ...(a.has('b') ? { baseDir: a.get('b')! } : {}),
    ...(a.has('s') ? { shell: a.get('s')! } : {}),
    ...(a.has('c') ? { comment: a.get('c')! } : {}),
    ...(a.has('p') ? { password: a.get('p')! } : {}),
    ...(a.has('k') ? { skel: a.get('k')! } : {}),
    ...(a.has('m') || a.has('M') ? { createHome: a.last('m', 'M') === 'm' } : {}),
    ...(a.has('U') ? { userGroup: true } : a.has('N') ? { userGroup: false } : {}),
    system: a.has('r'),
    nonUnique: a.has('o'),
    keys,
  });
};
