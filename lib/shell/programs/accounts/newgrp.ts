/**
 * newgrp (shadow 4.13): start the user's login shell with GROUP (default: the primary group from /etc/passwd) as
 * the real and effective group, keeping the supplementary groups. Root and members of the group (primary or listed
 * in /etc/group) may; joining by the group password is not simulated. `-` is accepted, but the login-shell
 * environment reset it asks for is not simulated.
 */

import type { Program } from '../../../engine/process/Types';
import { startCommand, waitChild } from '../lib/spawn';
import { loadAccounts } from './db';

export const newgrp: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const operands = args[0] === '-' || args[0] === '-l' ? args.slice(1) : args;
  const fail = async (msg: string) => {
    await ctx.stderr.write(`newgrp: ${msg}\n`);
    return 1;
  };
  if (operands.length > 1 || operands.some((a) => a.startsWith('-'))) {
    await ctx.stderr.write('Usage: newgrp [-] [group]\n');
    return 1;
  }
  const db = loadAccounts(ctx.fs);
  const pw = db.passwd.byId(ctx.cred.uid);
  if (!pw) return fail(`Cannot determine your user name.`);
  const target = operands[0];
  const group = target === undefined ? db.group.byId(Number(pw[3])) : (db.group.find(target) ?? (/^\d+$/.test(target) ? db.group.byId(Number(target)) : undefined));
  if (!group) return fail(`group '${target ?? pw[3]}' does not exist`);
  const gid = Number(group[2]);
  const member = ctx.cred.uid === 0 || Number(pw[3]) === gid || (group[3] ?? '').split(',').includes(pw[0]!);
  if (!member) return fail(`joining '${group[0]}' with the group password is not simulated`);
  const groups = ctx.cred.groups.includes(gid) ? ctx.cred.groups : [...ctx.cred.groups, gid];
  const shell = pw[6] || '/bin/sh';
  const r = startCommand(ctx, [shell], { cred: { uid: ctx.cred.uid, gid, groups } });
  if (!r.ok) return fail(`failed to execute ${shell}: ${r.text}`);
  return waitChild(ctx, r.child);
};
