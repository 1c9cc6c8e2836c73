/**
 * userdel and usermod (shadow 4.13). userdel removes the user's lines, its own group when nobody else uses it, its
 * group memberships, and with -r its home (and reports the missing mail spool, as shadow does). usermod changes
 * the fields -c -d -g -G (-a) -l -s -u -L -U name.
 */

import type { FsClient } from '../../../engine/fs/Types';
import type { Program, ProcessContext } from '../../../engine/process/Types';
import { loadAccounts, saveAccounts } from './db';
import { parseShadow } from './groupadd';
import { groupId } from './useradd';

function removeTree(fs: FsClient, path: string): void {
  const st = fs.lstat(path);
  if (st.type === 'dir') {
    for (const n of fs.readdir(path)) removeTree(fs, `${path}/${n}`);
    fs.rmdir(path);
  } else fs.unlink(path);
}

export async function deleteUser(ctx: ProcessContext, prog: string, name: string, removeHome: boolean): Promise<number> {
  if (ctx.cred.uid !== 0) {
    await ctx.stderr.write(`${prog}: Permission denied.\n${prog}: cannot lock /etc/passwd; try again later.\n`);
    return 1;
  }
  const db = loadAccounts(ctx.fs);
  const u = db.passwd.find(name);
  if (!u) {
    await ctx.stderr.write(`${prog}: user '${name}' does not exist\n`);
    return 6;
  }
  db.passwd.remove(name);
  db.shadow.remove(name);
  const drop = (_g: string, members: string[]) => members.filter((m) => m !== name);
  db.group.editMembers(3, drop);
  db.gshadow.editMembers(3, drop);
  // The user's private group goes too, unless it is another user's primary group.
  const own = db.group.find(name);
  let note = '';
  if (own && own[2] === u[3]) {
    if (db.passwd.entries().some((p) => p[3] === own[2])) note = `${prog}: group ${name} is the primary group of another user and is not removed.\n`;
    else if ((own[3] ?? '') === '') {
      db.group.remove(name);
      db.gshadow.remove(name);
    }
  }
  saveAccounts(ctx.fs, db);
  if (note) await ctx.stderr.write(note);
  if (removeHome) {
    let mail = true;
    try {
      ctx.fs.lstat(`/var/mail/${name}`);
      ctx.fs.unlink(`/var/mail/${name}`);
    } catch {
      mail = false;
    }
    if (!mail) await ctx.stderr.write(`${prog}: ${name} mail spool (/var/mail/${name}) not found\n`);
    try {
      removeTree(ctx.fs, u[5]!);
    } catch {
      await ctx.stderr.write(`${prog}: ${name} home directory (${u[5]}) not found\n`);
    }
  }
  return 0;
}

export const userdel: Program = async (ctx) => {
  const p = await parseShadow(ctx, 'userdel', { short: 'fhrR:P:Z', long: { force: { key: 'f' }, help: { key: 'h' }, remove: { key: 'r' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, 'selinux-user': { key: 'Z' } } });
  if (!('args' in p)) return p.status;
  if (p.args.operands.length !== 1) return p.usage(2);
  return deleteUser(ctx, 'userdel', p.args.operands[0]!, p.args.has('r'));
};

export const usermod: Program = async (ctx) => {
  const p = await parseShadow(ctx, 'usermod', {
    short: 'abc:d:e:f:g:G:hl:Lmop:P:rR:s:u:Uv:V:w:W:Z:',
    long: { append: { key: 'a' }, badname: { key: 'b' }, comment: { key: 'c', arg: 'required' }, home: { key: 'd', arg: 'required' }, expiredate: { key: 'e', arg: 'required' }, inactive: { key: 'f', arg: 'required' }, gid: { key: 'g', arg: 'required' }, groups: { key: 'G', arg: 'required' }, help: { key: 'h' }, login: { key: 'l', arg: 'required' }, lock: { key: 'L' }, 'move-home': { key: 'm' }, 'non-unique': { key: 'o' }, password: { key: 'p', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, remove: { key: 'r' }, root: { key: 'R', arg: 'required' }, shell: { key: 's', arg: 'required' }, uid: { key: 'u', arg: 'required' }, unlock: { key: 'U' } },
  });
  if (!('args' in p)) return p.status;
  const a = p.args;
  const err = async (msg: string, status: number) => {
    await ctx.stderr.write(`usermod: ${msg}\n`);
    return status;
  };
  if (a.has('a') && !a.has('G')) {
    await ctx.stderr.write('usermod: -a flag is only allowed with the -G flag\n');
    return p.usage(2);
  }
  if (a.operands.length !== 1) return p.usage(2);
  if (ctx.cred.uid !== 0) return err('Permission denied.\nusermod: cannot lock /etc/passwd; try again later.', 1);
  const name = a.operands[0]!;
  const db = loadAccounts(ctx.fs);
  const u = db.passwd.find(name);
  if (!u) return err(`user '${name}' does not exist`, 6);
  const changes = ['c', 'd', 'g', 'G', 'l', 's', 'u', 'L', 'U', 'p'].filter((k) => a.has(k));
  if (changes.length === 0) {
    await ctx.stdout.write('usermod: no changes\n');
    return 0;
  }
  if (a.has('g')) {
    const gid = groupId(db, a.get('g')!);
    if (gid === null) return err(`group '${a.get('g')}' does not exist`, 6);
    db.passwd.set(name, 3, String(gid));
  }
  if (a.has('G')) {
    const wanted: string[] = [];
    for (const g of a.get('G')!.split(',').filter((x) => x !== '')) {
      const id = groupId(db, g);
      if (id === null) return err(`group '${g}' does not exist`, 6);
      wanted.push(db.group.find(g)?.[0] ?? db.group.byId(id)![0]!);
    }
    const edit = (group: string, members: string[]) => {
      const has = members.includes(name);
      if (wanted.includes(group)) return has ? members : [...members, name];
      return has && !a.has('a') ? members.filter((m) => m !== name) : members;
    };
    db.group.editMembers(3, edit);
    db.gshadow.editMembers(3, edit);
  }
  if (a.has('u')) {
    const uid = a.get('u')!;
    if (!/^\d+$/.test(uid)) return err(`invalid user ID '${uid}'`, 3);
    if (!a.has('o') && db.passwd.entries().some((e) => e[2] === uid && e[0] !== name)) return err(`UID '${uid}' already exists`, 4);
    db.passwd.set(name, 2, uid);
  }
  if (a.has('c')) db.passwd.set(name, 4, a.get('c')!);
  if (a.has('d')) db.passwd.set(name, 5, a.get('d')!);
  if (a.has('s')) db.passwd.set(name, 6, a.get('s')!);
  if (a.has('p')) db.shadow.set(name, 1, a.get('p')!);
  const pw = db.shadow.find(name)?.[1] ?? '';
  if (a.has('L') && !pw.startsWith('!')) db.shadow.set(name, 1, `!${pw}`);
  if (a.has('U') && pw.startsWith('!')) {
    if (pw === '!') return err("unlocking the user's password would result in a passwordless account.\nYou should set a password with usermod -p to unlock this user's password.", 0);
    db.shadow.set(name, 1, pw.slice(1));
  }
  if (a.has('l')) {
    const to = a.get('l')!;
    if (db.passwd.find(to)) return err(`user '${to}' already exists`, 9);
    db.passwd.rename(name, to);
    db.shadow.rename(name, to);
    const ren = (_g: string, members: string[]) => members.map((m) => (m === name ? to : m));
    db.group.editMembers(3, ren);
    db.gshadow.editMembers(3, ren);
  }
  saveAccounts(ctx.fs, db);
  return 0;
};
