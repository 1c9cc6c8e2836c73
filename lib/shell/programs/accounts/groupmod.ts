/** groupmod (shadow 4.13): -n NEW_NAME and -g GID (-o to allow a used GID); primary GIDs in /etc/passwd follow -g. */

import type { Program } from '../../../engine/process/Types';
import { loadAccounts, saveAccounts } from './db';
import { parseShadow } from './groupadd';
import { isValidName } from './ids';

export const groupmod: Program = async (ctx) => {
  const p = await parseShadow(ctx, 'groupmod', {
    short: 'ag:hn:op:R:P:U:',
    long: { append: { key: 'a' }, gid: { key: 'g', arg: 'required' }, help: { key: 'h' }, 'new-name': { key: 'n', arg: 'required' }, 'non-unique': { key: 'o' }, password: { key: 'p', arg: 'required' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, users: { key: 'U', arg: 'required' } },
  });
  if (!('args' in p)) return p.status;
  const a = p.args;
  if (a.operands.length !== 1) return p.usage(2);
  const fail = async (msg: string, status: number) => {
    await ctx.stderr.write(`groupmod: ${msg}\n`);
    return status;
  };
  if (ctx.cred.uid !== 0) return fail('Permission denied.\ngroupmod: cannot lock /etc/group; try again later.', 10);
  const name = a.operands[0]!;
  const db = loadAccounts(ctx.fs);
  const g = db.group.find(name);
  if (!g) return fail(`group '${name}' does not exist`, 6);
  const gid = a.get('g');
  if (gid !== undefined) {
    if (!/^\d+$/.test(gid)) return fail(`invalid group ID '${gid}'`, 3);
    if (!a.has('o') && db.group.entries().some((e) => e[2] === gid && e[0] !== name)) return fail(`GID '${gid}' already exists`, 4);
  }
  const to = a.get('n');
  if (to !== undefined && to !== name) {
    if (!isValidName(to)) return fail(`invalid group name '${to}'`, 3);
    if (db.group.find(to)) return fail(`group '${to}' already exists`, 9);
  }
  if (gid !== undefined) {
    const old = g[2]!;
    db.group.set(name, 2, gid);
    for (const u of db.passwd.entries()) if (u[3] === old) db.passwd.set(u[0]!, 3, gid);
  }
  if (to !== undefined && to !== name) {
    db.group.rename(name, to);
    db.gshadow.rename(name, to);
  }
  saveAccounts(ctx.fs, db);
  return 0;
};
