/**
 * What every git command shares for one run: the process's streams and filesystem, the repository around the
 * working directory, path conversion between the work tree and the user's directory, blob I/O for work-tree
 * files, the identity commits are made with, and git's fatal/error wording.
 */
import type { FsClient, Stat } from '../../../engine/fs/Types';
import type { ProcessContext } from '../../../engine/process/Types';
import { Accounts } from '../lib/accounts';
import { hashObject, type Signature } from './objects';
import { ConfigFile, type ConfigEntry } from './config';
import { globalConfigPaths, Repo } from './repo';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A git command's failure: the message is printed as git prints it (`fatal: ...`) and the status returned. */
export class GitExit extends Error {
  constructor(
    readonly text: string,
    readonly status: number,
  ) {
    super(text);
  }
}

export function fatal(message: string): GitExit {
  return new GitExit(`fatal: ${message}\n`, 128);
}

export class Session {
  readonly fs: FsClient;
  readonly env: ReadonlyMap<string, string>;
  /** `git -c key=value` settings, which win over every file. */
  readonly overrides: ConfigEntry[] = [];
  private _repo: Repo | null | undefined;

  constructor(
    readonly ctx: ProcessContext,
    /** The directory git works in (`-C` changes it). */
    public cwd: string,
  ) {
    this.fs = ctx.fs;
    this.env = ctx.env;
  }

  async out(text: string): Promise<void> {
    if (text !== '') await this.ctx.stdout.write(text);
  }
  async err(text: string): Promise<void> {
    if (text !== '') await this.ctx.stderr.write(text);
  }

  /** The repository, or git's "not a git repository" failure. */
  repo(): Repo {
    const r = this.findRepo();
    if (!r) throw fatal('not a git repository (or any of the parent directories): .git');
    return r;
  }

  findRepo(): Repo | null {
    if (this._repo === undefined) {
      this._repo = Repo.discover(this.fs, this.cwd, this.env);
      this._repo?.overrides.push(...this.overrides);
    }
    return this._repo;
  }

  forgetRepo(): void {
    this._repo = undefined;
  }

  /** Absolute path of a user's argument. */
  absolute(arg: string): string {
    const joined = arg.startsWith('/') ? arg : `${this.cwd === '/' ? '' : this.cwd}/${arg}`;
    const parts: string[] = [];
    for (const p of joined.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return `/${parts.join('/')}`;
  }

  /** A user's path as a work-tree path (`src/a.js`, `` for the top), or null when it is outside the work tree. */
  toRepoPath(arg: string): string | null {
    const repo = this.repo();
    const abs = this.absolute(arg);
    const top = repo.workTree;
    if (abs === top) return '';
    const prefix = top === '/' ? '/' : `${top}/`;
    return abs.startsWith(prefix) ? abs.slice(prefix.length) : null;
  }

  /** A work-tree path as git shows it to the user: relative to the working directory (`../a.txt`). */
  display(path: string): string {
    const repo = this.repo();
    const here = this.cwd === repo.workTree ? '' : this.cwd.slice(repo.workTree === '/' ? 1 : repo.workTree.length + 1);
    if (here === '') return path;
    const from = here.split('/');
    const to = path.split('/');
    let i = 0;
    while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
    return `${'../'.repeat(from.length - i)}${to.slice(i).join('/')}`;
  }

  workPath(path: string): string {
    const top = this.repo().workTree;
    return `${top === '/' ? '' : top}/${path}`;
  }

  /** A work-tree file's content as git stores it (a symlink's target for symlinks). */
  readWorkBlob(path: string, st?: Stat): Uint8Array {
    const abs = this.workPath(path);
    const s = st ?? this.fs.lstat(abs);
    return s.type === 'symlink' ? enc.encode(this.fs.readlink(abs)) : this.fs.readFile(abs);
  }

  hashWorkFile(path: string, st?: Stat): string {
    return hashObject('blob', this.readWorkBlob(path, st));
  }

  /** Writes a blob into the work tree as a file of the given index mode (what checkout does). */
  writeWorkFile(path: string, body: Uint8Array, mode: number): void {
    const abs = this.workPath(path);
    const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
    let p = '';
    for (const part of dir.split('/').filter((x) => x !== '')) {
      p += `/${part}`;
      try {
        if (this.fs.lstat(p).type !== 'dir') this.fs.unlink(p);
        else continue;
      } catch {
        // missing
      }
      this.fs.mkdir(p, 0o777 & ~this.ctx.umask);
    }
    try {
      const st = this.fs.lstat(abs);
      if (st.type === 'symlink' || mode === 0o120000) this.fs.unlink(abs);
    } catch {
      // new file
    }
    if (mode === 0o120000) {
      this.fs.symlink(dec.decode(body), abs);
      return;
    }
    const perm = (mode === 0o100755 ? 0o777 : 0o666) & ~this.ctx.umask;
    this.fs.writeFile(abs, body, { mode: perm });
    this.fs.chmod(abs, perm);
  }

  /** Removes a work-tree file and the directories it leaves empty (as git does when a checkout drops a file). */
  removeWorkFile(path: string): void {
    try {
      this.fs.unlink(this.workPath(path));
    } catch {
      return;
    }
    const parts = path.split('/');
    for (let i = parts.length - 1; i > 0; i--) {
      try {
        this.fs.rmdir(this.workPath(parts.slice(0, i).join('/')));
      } catch {
        break;
      }
    }
  }

  /**
   * Whether output is colored: `color.<kind>` or `color.ui` (`always`, `never`/`false`, `auto`/`true`, default
   * auto), where auto means standard output is a terminal that is not `TERM=dumb`.
   */
  color(kind: 'status' | 'diff' | 'branch' | 'log'): boolean {
    const repo = this.findRepo();
    const get = (k: string) => (repo ? repo.config(k) : this.globalConfig(k));
    const v = get(`color.${kind === 'log' ? 'diff' : kind}`) ?? get('color.ui');
    const word = v === null ? 'true' : (v ?? 'auto').toLowerCase();
    if (word === 'always') return true;
    if (word === 'never' || word === 'false' || word === 'no' || word === 'off' || word === '0') return false;
    const term = this.env.get('TERM');
    return this.ctx.stdout.isTTY && term !== undefined && term !== 'dumb';
  }

  /** A key's value outside any repository: the global files, then `-c`. */
  globalConfig(key: string): string | null | undefined {
    let v = globalConfig(this.fs, this.env, key);
    for (const e of this.overrides) if (e.key === key) v = e.value;
    return v;
  }

  /** Seconds since the epoch, now. */
  now(): number {
    return Math.floor(this.ctx.sys.clock.now() / 1000);
  }

  /**
   * Who commits: GIT_<ROLE>_NAME/EMAIL, then user.name/user.email, then EMAIL, then what git guesses (the
   * account's GECOS name; `user@host.(none)`, which git refuses to use as an email).
   */
  identity(role: 'AUTHOR' | 'COMMITTER'): Signature {
    const repo = this.findRepo();
    const cfg = (k: string) => (repo ? repo.config(k) : this.globalConfig(k)) ?? undefined;
    const name = this.env.get(`GIT_${role}_NAME`) ?? cfg('user.name') ?? undefined;
    const email = this.env.get(`GIT_${role}_EMAIL`) ?? cfg('user.email') ?? this.env.get('EMAIL') ?? undefined;
    const date = this.env.get(`GIT_${role}_DATE`);
    const parsed = date !== undefined ? parseGitDate(date) : null;
    if (email === undefined || email === null) throw identityUnknown(this.guessedEmail());
    const finalName = name ?? this.gecosName();
    if (finalName === '') throw new GitExit(`${IDENTITY_HELP}fatal: empty ident name (for <${email}>) not allowed\n`, 128);
    return { name: finalName, email, time: parsed?.time ?? this.now(), tz: parsed?.tz ?? '+0000' };
  }

  /** The identity reflogs record: like `identity`, but never refusing (git falls back to its guesses there). */
  reflogIdentity(): string {
    try {
      const c = this.identity('COMMITTER');
      return `${c.name} <${c.email}> ${c.time} ${c.tz}`;
    } catch {
      return `${this.gecosName()} <${this.guessedEmail()}> ${this.now()} +0000`;
    }
  }

  private userName(): string {
    const uid = this.ctx.cred.uid;
    return Accounts.load(this.fs).userName(uid);
  }

  private gecosName(): string {
    const user = this.userName();
    const passwd = (() => {
      try {
        return dec.decode(this.fs.readFile('/etc/passwd'));
      } catch {
        return '';
      }
    })();
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f[0] === user) return (f[4] ?? '').split(',')[0] || user;
    }
    return user;
  }

  /** The address git makes up: the login name at the host name, `.(none)` added when it has no domain. */
  private guessedEmail(): string {
    const host = this.ctx.sys.hostname();
    return `${this.userName()}@${host.includes('.') ? host : `${host}.(none)`}`;
  }
}

const IDENTITY_HELP = `
*** Please tell me who you are.

Run

  git config --global user.email "you@example.com"
  git config --global user.name "Your Name"

to set your account's default identity.
Omit --global to set the identity only in this repository.

`;

function identityUnknown(guess: string): GitExit {
  return new GitExit(`Author identity unknown\n${IDENTITY_HELP}fatal: unable to auto-detect email address (got '${guess}')\n`, 128);
}

/** GIT_AUTHOR_DATE forms: `@<epoch> <tz>`, `<epoch> <tz>`, ISO 8601 (`2024-01-01T00:00:00Z`, `... +0200`). */
export function parseGitDate(text: string): { time: number; tz: string } | null {
  const t = text.trim();
  let m = /^@?(\d+)(?:\s+([+-]\d{4}))?$/.exec(t);
  if (m) return { time: Number(m[1]), tz: m[2] ?? '+0000' };
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (m) {
    const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) / 1000;
    const zone = m[7] === undefined || m[7] === 'Z' ? '+0000' : m[7].replace(':', '');
    const off = (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(3, 5)) * 60);
    return { time: utc - off, tz: zone };
  }
  const parsed = Date.parse(t);
  if (!Number.isNaN(parsed)) {
    const z = /([+-]\d{4})$/.exec(t);
    return { time: Math.floor(parsed / 1000), tz: z ? z[1]! : '+0000' };
  }
  return null;
}

/** A key's value in the global files alone (outside any repository). */
function globalConfig(fs: FsClient, env: ReadonlyMap<string, string>, key: string): string | null | undefined {
  let v: string | null | undefined;
  for (const p of globalConfigPaths(env)) for (const e of ConfigFile.read(fs, p)?.entries() ?? []) if (e.key === key) v = e.value;
  return v;
}
