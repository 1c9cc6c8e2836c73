/**
 * User and group names from the machine's own /etc/passwd and /etc/group (so a container shows its image's
 * users, and `useradd` in a container is seen by `ls -l`). Read once per program run.
 */

import type { FsClient } from '../../../engine/fs/Types';
import { decodeText } from '../../../engine/process/text';

export interface Account {
  readonly name: string;
  readonly id: number;
}

export interface UserEntry extends Account {
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
}

export class Accounts {
  private readonly _users: UserEntry[];
  private readonly _groups: { name: string; id: number; members: string[] }[];

  private constructor(passwd: string, group: string) {
    this._users = [];
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f.length < 4 || f[0] === '' || line.startsWith('#')) continue;
      const id = Number(f[2]);
      if (!Number.isInteger(id)) continue;
      this._users.push({ name: f[0]!, id, gid: Number(f[3]), home: f[5] ?? '/', shell: f[6] ?? '' });
    }
    this._groups = [];
    for (const line of group.split('\n')) {
      const f = line.split(':');
      if (f.length < 3 || f[0] === '' || line.startsWith('#')) continue;
      const id = Number(f[2]);
      if (!Number.isInteger(id)) continue;
      this._groups.push({ name: f[0]!, id, members: (f[3] ?? '').split(',').filter((m) => m !== '') });
    }
  }

  /** Reads the files through `fs` (a missing or unreadable file means no names, as with a bare scratch image). */
  static load(fs: FsClient): Accounts {
    return new Accounts(readOrEmpty(fs, '/etc/passwd'), readOrEmpty(fs, '/etc/group'));
  }

  static fromText(passwd: string, group: string): Accounts {
    return new Accounts(passwd, group);
  }

  /** Name of `uid`, or the number as text when there is no entry (as ls does). */
  userName(uid: number): string {
    return this.user(uid)?.name ?? String(uid);
  }
  groupName(gid: number): string {
    return this._groups.find((g) => g.id === gid)?.name ?? String(gid);
  }
  user(uid: number): UserEntry | undefined {
    return this._users.find((u) => u.id === uid);
  }
  userByName(name: string): UserEntry | undefined {
    return this._users.find((u) => u.name === name);
  }
  gidByName(name: string): number | undefined {
    return this._groups.find((g) => g.name === name)?.id;
  }
  /** A user operand: a name, or a number (chown accepts both; a name wins when it is also numeric). */
  resolveUser(spec: string): number | undefined {
    const u = this.userByName(spec);
    if (u) return u.id;
    return /^\d+$/.test(spec) ? Number(spec) : undefined;
  }
  resolveGroup(spec: string): number | undefined {
    const g = this.gidByName(spec);
    if (g !== undefined) return g;
    return /^\d+$/.test(spec) ? Number(spec) : undefined;
  }
}

function readOrEmpty(fs: FsClient, path: string): string {
  try {
    return decodeText(fs.readFile(path));
  } catch {
    return '';
  }
}
