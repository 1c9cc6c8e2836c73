/**
 * The account files (/etc/passwd, /etc/group, /etc/shadow, /etc/gshadow) as the shadow tools edit them: whole
 * lines kept in order (comments and odd lines untouched), fields split on `:`, new entries appended, and every file
 * written back only if it changed. Also the settings useradd reads from /etc/login.defs and /etc/default/useradd.
 */

import type { FsClient } from '../../../engine/fs/Types';
import { decodeText, encodeText } from '../../../engine/process/text';

export const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow'] as const;
export type AccountFile = (typeof ACCOUNT_FILES)[number];

export class AccountTable {
  private _dirty = false;
  private constructor(
    readonly path: AccountFile,
    readonly exists: boolean,
    private _lines: string[][],
  ) {}

  static load(fs: FsClient, path: AccountFile): AccountTable {
    try {
      const text = decodeText(fs.readFile(path));
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      return new AccountTable(path, true, lines.map((l) => l.split(':')));
    } catch {
      return new AccountTable(path, false, []);
    }
  }

  entries(): readonly (readonly string[])[] {
    return this._lines.filter((f) => f.length > 2 && f[0] !== '' && !f[0]!.startsWith('#'));
  }
  find(name: string): readonly string[] | undefined {
    return this.entries().find((f) => f[0] === name);
  }
  /** Entries by numeric id (field 2 of passwd and group). */
  byId(id: number): readonly string[] | undefined {
    return this.entries().find((f) => f[2] === String(id));
  }
  ids(): number[] {
    return this.entries()
      .map((f) => Number(f[2]))
      .filter((n) => Number.isInteger(n));
  }
  append(fields: readonly string[]): void {
    this._lines.push([...fields]);
    this._dirty = true;
  }
  /** Replaces field `index` of `name`'s entry; false when there is no such entry. */
  set(name: string, index: number, value: string): boolean {
    const line = this._lines.find((f) => f[0] === name && f.length > 2);
    if (!line) return false;
    while (line.length <= index) line.push('');
    if (line[index] !== value) {
      line[index] = value;
      this._dirty = true;
    }
    return true;
  }
  rename(name: string, to: string): void {
    if (this.set(name, 0, to)) this._dirty = true;
  }
  remove(name: string): boolean {
    const before = this._lines.length;
    this._lines = this._lines.filter((f) => !(f[0] === name && f.length > 2));
    if (this._lines.length !== before) this._dirty = true;
    return this._lines.length !== before;
  }
  /** Rewrites a member list (field 3 of group, 3 of gshadow) for every entry through `edit`. */
  editMembers(field: number, edit: (group: string, members: string[]) => string[]): void {
    for (const line of this._lines) {
      if (line.length <= field || line[0] === '' || line[0]!.startsWith('#')) continue;
      const members = line[field]!.split(',').filter((m) => m !== '');
      const next = edit(line[0]!, members);
      if (next.join(',') !== members.join(',')) {
        line[field] = next.join(',');
        this._dirty = true;
      }
    }
  }
  /** Writes the file back (keeping its mode) if anything changed. */
  save(fs: FsClient): void {
    if (!this._dirty) return;
    const text = this._lines.map((f) => f.join(':')).join('\n') + (this._lines.length > 0 ? '\n' : '');
    const mode = this.path === '/etc/shadow' || this.path === '/etc/gshadow' ? 0o640 : 0o644;
    fs.writeFile(this.path, encodeText(text), { mode });
    this._dirty = false;
  }
}

export interface AccountDb {
  readonly passwd: AccountTable;
  readonly group: AccountTable;
  readonly shadow: AccountTable;
  readonly gshadow: AccountTable;
}

export function loadAccounts(fs: FsClient): AccountDb {
  return {
    passwd: AccountTable.load(fs, '/etc/passwd'),
    group: AccountTable.load(fs, '/etc/group'),
    shadow: AccountTable.load(fs, '/etc/shadow'),
    gshadow: AccountTable.load(fs, '/etc/gshadow'),
  };
}

/** Saves the tables whose files exist (shadow tools never create a missing /etc/shadow or /etc/gshadow). */
export function saveAccounts(fs: FsClient, db: AccountDb): void {
  db.passwd.save(fs);
  db.group.save(fs);
  if (db.shadow.exists) db.shadow.save(fs);
  if (db.gshadow.exists) db.gshadow.save(fs);
}

/** `KEY VALUE` (login.defs) or `KEY=VALUE` (/etc/default/useradd) settings; missing files give no settings. */
export function readSettings(fs: FsClient, path: string): Map<string, string> {
  const out = new Map<string, string>();
  let text = '';
  try {
    text = decodeText(fs.readFile(path));
  } catch {
    return out;
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!.trim().replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

/** Days since the epoch: shadow's "last password change" field. */
export function daysSinceEpoch(nowMs: number): number {
  return Math.floor(nowMs / 86_400_000);
}

/** Copies /etc/skel (or another skeleton) into a new home, owned by the new user, as useradd -m and adduser do. */
export function copySkeleton(fs: FsClient, skel: string, home: string, uid: number, gid: number): void {
  let names: string[];
  try {
    if (fs.stat(skel).type !== 'dir') return;
    names = fs.readdir(skel);
  } catch {
    return;
  }
  for (const name of names) {
    const from = `${skel}/${name}`;
    const to = `${home}/${name}`;
    const st = fs.lstat(from);
    if (st.type === 'dir') {
      fs.mkdir(to, st.mode);
      fs.chown(to, uid, gid);
      copySkeleton(fs, from, to, uid, gid);
    } else if (st.type === 'symlink') {
      fs.symlink(fs.readlink(from), to);
      fs.chown(to, uid, gid, true);
    } else if (st.type === 'file') {
      fs.writeFile(to, fs.readFile(from), { mode: st.mode });
      fs.chmod(to, st.mode);
      fs.chown(to, uid, gid);
    }
  }
}

/** mkdir -p for a home directory's parents (root-owned, 0755), then the home itself. */
export function makeHome(fs: FsClient, home: string, mode: number, uid: number, gid: number): void {
  const parts = home.split('/').filter((p) => p !== '');
  let path = '';
  for (const p of parts.slice(0, -1)) {
    path += `/${p}`;
    try {
      fs.stat(path);
    } catch {
      fs.mkdir(path, 0o755);
    }
  }
  fs.mkdir(home, mode);
  fs.chmod(home, mode);
  fs.chown(home, uid, gid);
}
