/**
 * Resolving `USER` / `-u` against the container's own /etc/passwd and /etc/group, as runc does
 * (moby/sys/user): names must exist, numbers need not; `user` alone takes the user's primary group; supplementary
 * groups come from /etc/group membership.
 */

import { clientError } from '../errors';
import type { Cred, FsClient } from '../fs/Types';

export interface ResolvedUser {
  readonly cred: Cred;
  /** HOME from passwd (`/` for unknown numeric users, as runc does). */
  readonly home: string;
  readonly name: string | null;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}
interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function readText(fs: FsClient, path: string): string {
  try {
    return new TextDecoder().decode(fs.readFile(path));
  } catch {
    return '';
  }
}

function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || line.startsWith('#') || f[0] === '') continue;
    const uid = Number(f[2]);
    const gid = Number(f[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) continue;
    out.push({ name: f[0]!, uid, gid, home: f[5] ?? '/' });
  }
  return out;
}

function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || line.startsWith('#') || f[0] === '') continue;
    const gid = Number(f[2]);
    if (!Number.isInteger(gid)) continue;
    out.push({ name: f[0]!, gid, members: (f[3] ?? '').split(',').filter((m) => m !== '') });
  }
  return out;
}

const isNumeric = (s: string) => /^[0-9]+$/.test(s);

/** `spec` is `''` (root), `name`, `uid`, `name:group`, `uid:gid`... Throws runc's error for unknown names. */
export function resolveUser(fs: FsClient, spec: string): ResolvedUser {
  const [userPart = '', groupPart] = spec.split(':', 2) as [string, string | undefined];
  const users = parsePasswd(readText(fs, '/etc/passwd'));
  const groups = parseGroup(readText(fs, '/etc/group'));
  let uid = 0;
  let gid = 0;
  let home = '/';
  let name: string | null = 'root';
  if (userPart !== '') {
    const byName = users.find((u) => u.name === userPart);
    const entry = byName ?? (isNumeric(userPart) ? users.find((u) => u.uid === Number(userPart)) : undefined);
    if (entry) {
      uid = entry.uid;
      gid = entry.gid;
      home = entry.home;
      name = entry.name;
    } else if (isNumeric(userPart)) {
      uid = Number(userPart);
      gid = 0;
      name = null;
    } else {
      throw clientError(`unable to find user ${userPart}: no matching entries in passwd file`);
    }
  } else {
    const root = users.find((u) => u.uid === 0);
    if (root) home = root.home;
  }
  if (groupPart !== undefined && groupPart !== '') {
    const g = groups.find((x) => x.name === groupPart) ?? (isNumeric(groupPart) ? { gid: Number(groupPart) } : undefined);
    if (!g) throw clientError(`unable to find group ${groupPart}: no matching entries in group file`);
    gid = g.gid;
  }
  const supplementary = name === null ? [] : groups.filter((g) => g.members.includes(name!)).map((g) => g.gid);
  return { cred: { uid, gid, groups: [...new Set([gid, ...supplementary])] }, home, name };
}
