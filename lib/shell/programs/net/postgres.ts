/**
 * postgres as the official image starts it, on a data directory `initdb` created (the entrypoint runs it). Logs
 * PostgreSQL 17's startup lines on stderr, listens on 5432 until SIGINT (the image's STOPSIGNAL: fast shutdown),
 * SIGTERM (smart) or SIGQUIT (immediate). No SQL protocol.
 *
 * The catalog's entrypoint is a short stand-in for the image's script (content/catalog/files/postgres): what the
 * real one prints around the first start (its temporary server started with pg_ctl and stopped again, "PostgreSQL
 * init process complete") or on later starts ("Skipping initialization") is printed here, told apart by the
 * postmaster.opts file a server leaves in $PGDATA.
 */

import { NETWORK } from '../../../engine/network/Network';
import { encodeText } from '../../../engine/process/text';
import type { ProcessContext, Program, Signal } from '../../../engine/process/Types';
import { holdConnections, stopSignal } from './daemon';

function logTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')} UTC`;
}

function exists(ctx: ProcessContext, path: string): boolean {
  try {
    ctx.fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

const SHUTDOWN: Readonly<Partial<Record<Signal, string>>> = {
  SIGTERM: 'received smart shutdown request',
  SIGINT: 'received fast shutdown request',
  SIGQUIT: 'received immediate shutdown request',
};

export const postgres: Program = async (ctx) => {
  const pgdata = ctx.env.get('PGDATA') ?? '/var/lib/postgresql/data';
  const full = ctx.env.get('PG_VERSION') ?? '17.4-1.pgdg120+2';
  const version = full.replace(/-.*$/, '');
  if (!exists(ctx, `${pgdata}/postgresql.conf`)) {
    await ctx.stderr.write(`postgres: could not access the server configuration file "${pgdata}/postgresql.conf": No such file or directory\n`);
    return 2;
  }
  const firstStart = !exists(ctx, `${pgdata}/postmaster.opts`);
  const now = () => logTime(ctx.sys.clock.now());
  if (firstStart) {
    // The entrypoint's temporary server (pg_ctl -w start, then -m fast -w stop) around its setup steps.
    const tmp = ctx.pid + 40;
    const err = (pid: number, text: string) => ctx.stderr.write(`${now()} [${pid}] LOG:  ${text}\n`);
    await ctx.stdout.write('waiting for server to start....');
    await err(tmp, `starting PostgreSQL ${version} (Debian ${full}) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`);
    await err(tmp, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
    await err(tmp + 3, `database system was shut down at ${now().replace(/\.\d{3}/, '')}`);
    await err(tmp, 'database system is ready to accept connections');
    await ctx.stdout.write(' done\nserver started\n\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\nwaiting for server to shut down...');
    await err(tmp, 'received fast shutdown request');
    await ctx.stdout.write('.');
    await err(tmp, 'aborting any active transactions');
    await err(tmp, `background worker "logical replication launcher" (PID ${tmp + 6}) exited with exit code 1`);
    await err(tmp + 1, 'shutting down');
    await err(tmp + 1, 'checkpoint starting: shutdown immediate');
    await err(tmp + 1, 'checkpoint complete: wrote 921 buffers (5.6%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.015 s, sync=0.210 s, total=0.236 s; sync files=301, longest=0.004 s, average=0.001 s; distance=4238 kB, estimate=4238 kB; lsn=0/1908980, redo lsn=0/1908980');
    await err(tmp, 'database system is shut down');
    await ctx.stdout.write(' done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n');
  } else {
    await ctx.stdout.write('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
  }
  ctx.fs.writeFile(`${pgdata}/postmaster.opts`, encodeText(`/usr/lib/postgresql/${version.split('.')[0]}/bin/postgres\n`), { mode: 0o600 });
  const log = (pid: number, text: string) => ctx.stderr.write(`${logTime(ctx.sys.clock.now())} [${pid}] LOG:  ${text}\n`);
  const net = ctx.sys.service(NETWORK);
  let listener;
  try {
    if (!net) throw new Error('no network');
    listener = net.listen(5432, undefined, ctx.pid);
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
