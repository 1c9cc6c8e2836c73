/**
 * Group membership from /etc/group (the supplementary groups of a user), which `id USER`, `groups USER`, `sudo -u`
 * and `su` need on top of the name lookups in accounts.ts.
 */

import type { Cred, FsClient } from '../../../engine/fs/Types';
import { decodeText } from '../../../engine/process/text';
import { Accounts, type UserEntry } from './accounts';

interface GroupLine {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

function groupLines(fs: FsClient): GroupLine[] {
  let text = '';
  try {
    text = decodeText(fs.readFile('/etc/group'));
  } catch {
    return [];
  }
  const out: GroupLine[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || f[0] === '' || line.startsWith('#')) continue;
    const gid = Number(f[2]);
    if (!Number.isInteger(gid)) continue;
    out.push({ name: f[0]!, gid, members: (f[3] ?? '').split(',').filter((m) => m !== '') });
  }
  return out;
}

/** The user's primary group first, then the groups listing them as a member, in /etc/group order. */
export function groupsOf(fs: FsClient, user: UserEntry): number[] {
  const out = [user.gid];
  for (const g of groupLines(fs)) if (g.members.includes(user.name) && !out.includes(g.gid)) out.push(g.gid);
  return out;
}

/** Credentials for logging in as `user` (su, sudo -u). */
export function credOf(fs: FsClient, user: UserEntry): Cred {
  return { uid: user.id, gid: user.gid, groups: groupsOf(fs, user) };
}

export function lookupUser(fs: FsClient, spec: string): UserEntry | undefined {
  const acc = Accounts.load(fs);
  const byName = acc.userByName(spec);
  if (byName) return byName;
  if (/^#?[0-9]+$/.test(spec)) return acc.user(Number(spec.replace('#', '')));
  return undefined;
}
