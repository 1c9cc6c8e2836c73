/**
 * postgres as the official image starts it. Like mysqld, the entrypoint's refusal to initialise without
 * POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust) lives here because the catalog's images carry no entrypoint
 * script. Initialises $PGDATA, logs PostgreSQL 17's startup lines on stderr, listens on 5432 until SIGINT (the
 * image's STOPSIGNAL: fast shutdown), SIGTERM (smart) or SIGQUIT (immediate). No SQL protocol.
 */

import { NETWORK } from '../../../engine/network/Network';
import type { ProcessContext, Program, Signal } from '../../../engine/process/Types';
import { holdConnections, mkdirs, stopSignal } from './daemon';

function logTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')} UTC`;
}

const NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;


const SHUTDOWN: Readonly<Partial<Record<Signal, string>>> = {
  SIGTERM: 'received smart shutdown request',
  SIGINT: 'received fast shutdown request',
  SIGQUIT: 'received immediate shutdown request',
};

export const postgres: Program = async (ctx) => {
  const pgdata = ctx.env.get('PGDATA') ?? '/var/lib/postgresql/data';
  const version = (ctx.env.get('PG_VERSION') ?? '17.4-1.pgdg120+2').replace(/-.*$/, '');
  const full = ctx.env.get('PG_VERSION') ?? '17.4-1.pgdg120+2';
  let initialised = false;
  try {
    ctx.fs.stat(`${pgdata}/PG_VERSION`);
    initialised = true;
  } catch {
    initialised = false;
  }
  if (!initialised) {
    if ((ctx.env.get('POSTGRES_PASSWORD') ?? '') === '' && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      await ctx.stderr.write(NO_PASSWORD);
      return 1;
    }
    mkdirs(ctx, pgdata, 0o700);
    ctx.fs.writeFile(`${pgdata}/PG_VERSION`, new TextEncoder().encode(`${version.split('.')[0]}\n`), { mode: 0o600 });
    await ctx.stdout.write(
      'The files belonging to this database system will be owned by user "postgres".\nThis user must also own the server process.\n\n' +
        'The database cluster will be initialized with locale "en_US.utf8".\nThe default database encoding has accordingly been set to "UTF8".\n' +
        'The default text search configuration will be set to "english".\n\nData page checksums are disabled.\n\n' +
        `fixing permissions on existing directory ${pgdata} ... ok\ncreating subdirectories ... ok\nselecting dynamic shared memory implementation ... posix\n` +
        'selecting default "max_connections" ... 100\nselecting default "shared_buffers" ... 128MB\nselecting default time zone ... Etc/UTC\n' +
        'creating configuration files ... ok\nrunning bootstrap script ... ok\nperforming post-bootstrap initialization ... ok\nsyncing data to disk ... ok\n\n\n' +
        `Success. You can now start the database server using:\n\n    pg_ctl -D ${pgdata} -l logfile start\n\n` +
        'waiting for server to start.... done\nserver started\n\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\n' +
        'waiting for server to shut down.... done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n',
    );
  } else {
    await ctx.stdout.write('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
  }
  const log = (pid: number, text: string) => ctx.stderr.write(`${logTime(ctx.sys.clock.now())} [${pid}] LOG:  ${text}\n`);
  const net = ctx.sys.service(NETWORK);
  let listener;
  try {
    if (!net) throw new Error('no network');
    listener = net.listen(5432);
  } catch {
    await ctx.stderr.write(`${logTime(ctx.sys.clock.now())} [${ctx.pid}] LOG:  could not bind IPv4 address "0.0.0.0": Address already in use\n`);
    return 1;
  }
  const stop = stopSignal(ctx, ['SIGTERM', 'SIGINT', 'SIGQUIT']);
  const me = ctx.pid;
  await log(me, `starting PostgreSQL ${version} (Debian ${full}) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`);
  await log(me, 'listening on IPv4 address "0.0.0.0", port 5432');
  await log(me, 'listening on IPv6 address "::", port 5432');
  await log(me, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
  await log(me + 1, `database system was shut down at ${logTime(ctx.sys.clock.now()).replace(/\.\d{3}/, '')}`);
  await log(me, 'database system is ready to accept connections');
  const serving = holdConnections(listener, ctx.signals);
  const sig = await stop;
  await log(me, SHUTDOWN[sig] ?? 'received fast shutdown request');
  listener.close();
  await serving;
  if (sig !== 'SIGQUIT') {
    await log(me, 'aborting any active transactions');
    await log(me, `background worker "logical replication launcher" (PID ${me + 3}) exited with exit code 1`);
    await log(me + 2, 'shutting down');
    await log(me + 2, 'checkpoint starting: shutdown immediate');
    await log(me + 2, 'checkpoint complete: wrote 0 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.001 s, sync=0.001 s, total=0.002 s; sync files=0, longest=0.000 s, average=0.000 s; distance=0 kB, estimate=0 kB; lsn=0/1A00028, redo lsn=0/1A00028');
  }
  await log(me, 'database system is shut down');
  return 0;
};
