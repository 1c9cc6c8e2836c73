/**
 * `initdb` (PostgreSQL 17) as the postgres image's entrypoint runs it: `initdb --username=postgres
 * --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD")`. Creates the cluster's files in -D/$PGDATA (PG_VERSION, the
 * configuration files, the empty subdirectories), prints initdb's progress on stdout and the "trust" warning on
 * stderr (no -A given), with initdb's errors: run as root, no data directory, a non-empty one, an unreadable or
 * empty password file. The password file is read through the kernel's open, so a process substitution works.
 */
import { resolvePath } from '../../../engine/fs/path';
import { isFsError } from '../../../engine/fs/Types';
import { readAll } from '../../../engine/process/streams';
import { decodeText, encodeText } from '../../../engine/process/text';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { mkdirs } from './daemon';

const SUBDIRS = ['base', 'base/1', 'global', 'pg_commit_ts', 'pg_dynshmem', 'pg_logical', 'pg_logical/mappings', 'pg_logical/snapshots', 'pg_multixact', 'pg_notify', 'pg_replslot', 'pg_serial', 'pg_snapshots', 'pg_stat', 'pg_stat_tmp', 'pg_subtrans', 'pg_tblspc', 'pg_twophase', 'pg_wal', 'pg_wal/archive_status', 'pg_wal/summaries', 'pg_xact'];

const HBA = (local: string, host: string) => `# PostgreSQL Client Authentication Configuration File
# ===================================================
#
# Refer to the "Client Authentication" section in the PostgreSQL
# documentation for a complete description of this file.

# TYPE  DATABASE        USER            ADDRESS                 METHOD

# "local" is for Unix domain socket connections only
local   all             all                                     ${local}
# IPv4 local connections:
host    all             all             127.0.0.1/32            ${host}
# IPv6 local connections:
host    all             all             ::1/128                 ${host}
# Allow replication connections from localhost, by a user with the
# replication privilege.
local   replication     all                                     ${local}
host    replication     all             127.0.0.1/32            ${host}
host    replication     all             ::1/128                 ${host}
`;

interface Options {
  pgdata: string | null;
  user: string | null;
  pwfile: string | null;
  auth: string | null;
  authLocal: string | null;
  authHost: string | null;
}

function parse(argv: readonly string[], env: ReadonlyMap<string, string>): Options {
  const o: Options = { pgdata: env.get('PGDATA') ?? null, user: null, pwfile: null, auth: null, authLocal: null, authHost: null };
  const longs: Record<string, keyof Options> = { pgdata: 'pgdata', username: 'user', pwfile: 'pwfile', auth: 'auth', 'auth-local': 'authLocal', 'auth-host': 'authHost' };
  const shorts: Record<string, keyof Options> = { D: 'pgdata', U: 'user', A: 'auth' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const long = /^--([a-z-]+)(?:=(.*))?$/s.exec(a);
    if (long && longs[long[1]!]) {
      o[longs[long[1]!]!] = long[2] ?? argv[++i] ?? '';
      continue;
    }
    const short = /^-([DUA])(.*)$/s.exec(a);
    if (short) {
      o[shorts[short[1]!]!] = short[2] !== '' ? short[2]! : argv[++i] ?? '';
      continue;
    }
    // Other options (-E, --locale, --data-checksums...) change nothing we model; a bare operand is the directory.
    if (!a.startsWith('-')) o.pgdata = a;
  }
  return o;
}

export const initdb: Program = async (ctx: ProcessContext) => {
  const err = async (lines: string[]) => {
    await ctx.stderr.write(lines.map((l) => `initdb: ${l}\n`).join(''));
    return 1;
  };
  if (ctx.cred.uid === 0) return err(['error: cannot be run as root', 'hint: Please log in (using, e.g., "su") as the (unprivileged) user that will own the server process.']);
  const o = parse(ctx.argv.slice(1), ctx.env);
  if (!o.pgdata) return err(['error: no data directory specified', 'hint: You must identify the directory where the data for this database system will reside.  Do this with either the invocation option -D or the environment variable PGDATA.']);
  const pgdata = resolvePath(ctx.cwd, o.pgdata);
  let existing: string[] = [];
  let existed = true;
  try {
    existing = ctx.fs.readdir(pgdata);
  } catch {
    existed = false;
  }
  if (existing.length > 0) {
    return err([`error: directory "${pgdata}" exists but is not empty`, `hint: If you want to create a new database system, either remove or empty the directory "${pgdata}" or run initdb with an argument other than "${pgdata}".`]);
  }
  if (o.pwfile !== null) {
    let text: string;
    try {
      text = decodeText(await readAll(ctx.sys.openRead(ctx.fs, resolvePath(ctx.cwd, o.pwfile), ctx.tty, ctx)));
    } catch (e) {
      if (!isFsError(e)) throw e;
      return err([`error: could not open file "${o.pwfile}" for reading: ${e.text}`]);
    }
    if (text.split('\n')[0] === '') return err([`error: password file "${o.pwfile}" is empty`]);
  }
  const user = o.user ?? ctx.env.get('USER') ?? 'postgres';
  const utf8 = /utf-?8/i.test(ctx.env.get('LC_ALL') ?? ctx.env.get('LANG') ?? '');
  const locale = utf8 ? (ctx.env.get('LC_ALL') ?? ctx.env.get('LANG'))! : 'C';
  const major = ctx.env.get('PG_MAJOR') ?? (ctx.env.get('PG_VERSION') ?? '17').split('.')[0]!;
  const out = (s: string) => ctx.stdout.write(s);
  await out(
    `The files belonging to this database system will be owned by user "${user}".\nThis user must also own the server process.\n\n` +
      `The database cluster will be initialized with locale "${locale}".\nThe default database encoding has accordingly been set to "${utf8 ? 'UTF8' : 'SQL_ASCII'}".\n` +
      'The default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n',
  );
  mkdirs(ctx, pgdata, 0o700);
  ctx.fs.chmod(pgdata, 0o700);
  await out(`${existed ? 'fixing permissions on existing directory' : 'creating directory'} ${pgdata} ... ok\ncreating subdirectories ... ok\n`);
  for (const d of SUBDIRS) ctx.fs.mkdir(`${pgdata}/${d}`, 0o700);
  await out('selecting dynamic shared memory implementation ... posix\nselecting default "max_connections" ... 100\nselecting default "shared_buffers" ... 128MB\nselecting default time zone ... Etc/UTC\n');
  const write = (name: string, text: string) => ctx.fs.writeFile(`${pgdata}/${name}`, encodeText(text), { mode: 0o600 });
  let sample = '';
  try {
    sample = decodeText(ctx.fs.readFile('/usr/share/postgresql/postgresql.conf.sample'));
  } catch {
    sample = "listen_addresses = '*'\n";
  }
  write('PG_VERSION', `${major}\n`);
  write('postgresql.conf', sample);
  write('postgresql.auto.conf', '# Do not edit this file manually!\n# It will be overwritten by the ALTER SYSTEM command.\n');
  write('pg_hba.conf', HBA(o.authLocal ?? o.auth ?? 'trust', o.authHost ?? o.auth ?? 'trust'));
  write('pg_ident.conf', '# PostgreSQL User Name Maps\n# =========================\n\n# MAPNAME       SYSTEM-USERNAME         PG-USERNAME\n');
  await out('creating configuration files ... ok\nrunning bootstrap script ... ok\nperforming post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n');
  // initdb warns (on stderr, before its closing instructions) when local connections are left to "trust".
  if (o.auth === null && (o.authLocal === null || o.authHost === null)) {
    await ctx.stderr.write('initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
  }
  await out(`\nSuccess. You can now start the database server using:\n\n    pg_ctl -D ${pgdata} -l logfile start\n\n`);
  return 0;
};
