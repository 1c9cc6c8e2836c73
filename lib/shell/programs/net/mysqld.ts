/**
 * mysqld as the official mysql image starts it. The image's entrypoint refuses an uninitialised data directory
 * without a password option; that check also lives here (with the entrypoint's lines, in the wording of the tag's
 * docker-library entrypoint: 5.5's one-line `error:` of 2018, 5.7's and 8.0's `[ERROR] [Entrypoint]` notes of 2023,
 * including the restart as user mysql when started as root) for images that run mysqld without that script. With MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD the
 * server initialises /var/lib/mysql, logs like MySQL 8.0 and listens on 3306 and 33060 until SIGTERM.
 * (No SQL: clients can connect but the protocol is not simulated.)
 */

import { NETWORK } from '../../../engine/network/Network';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { holdConnections, mkdirs, stopSignal } from './daemon';

const DATADIR = '/var/lib/mysql';

function entrypointTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

function serverTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

function initialised(ctx: ProcessContext): boolean {
  try {
    return ctx.fs.stat(`${DATADIR}/mysql`).type === 'dir';
  } catch {
    return false;
  }
}


export const mysqld: Program = async (ctx) => {
  const full = (ctx.env.get('MYSQL_VERSION') ?? '8.0.35-1.el8').replace(/-.*$/, '');
  const now = () => ctx.sys.clock.now();
  const note = (level: string, text: string) => ctx.stderr.write(`${entrypointTime(now())} [${level}] [Entrypoint]: ${text}\n`);
  const server = (thread: number, level: string, code: string, text: string) => ctx.stderr.write(`${serverTime(now())} ${thread} [${level}] [${code}] [Server] ${text}\n`);
  const set = (name: string) => (ctx.env.get(name) ?? '') !== '';
  const args = ctx.argv.slice(1);
  const datadir = args.find((a) => a.startsWith('--datadir='))?.slice('--datadir='.length) ?? DATADIR;
  // `mysqld --initialize[-insecure]` (what the image's entrypoint runs on first start): create the system schema.
  const init = args.find((a) => a === '--initialize' || a === '--initialize-insecure');
  if (init) {
    await server(0, 'System', 'MY-013169', `/usr/sbin/mysqld (mysqld ${full}) initializing of server in progress as process ${ctx.pid}`);
    await server(1, 'System', 'MY-013576', 'InnoDB initialization has started.');
    await server(1, 'System', 'MY-013577', 'InnoDB initialization has ended.');
    for (const d of [datadir, `${datadir}/mysql`, `${datadir}/performance_schema`, `${datadir}/sys`]) mkdirs(ctx, d, 0o750);
    if (init === '--initialize-insecure') await server(6, 'Warning', 'MY-010453', 'root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.');
    else await ctx.stderr.write(`${serverTime(now())} 6 [Note] [MY-010454] [Server] A temporary password is generated for root@localhost: ${ctx.sys.random.hex(12)}\n`);
    return 0;
  }
  if (!initialised(ctx)) {
    // Run without the image's entrypoint: its password check and first-start initialisation happen here.
    const noPassword = !set('MYSQL_ROOT_PASSWORD') && !set('MYSQL_ALLOW_EMPTY_PASSWORD') && !set('MYSQL_RANDOM_ROOT_PASSWORD');
    if (/^5\.[0-6]\./.test(full)) {
      // The pre-2019 entrypoint (mysql:5.5's last build): plain echo lines, no time stamps.
      if (noPassword) {
        await ctx.stderr.write('error: database is uninitialized and password option is not specified \n  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD\n');
        return 1;
      }
    } else {
      const started = `Entrypoint script for MySQL Server ${ctx.env.get('MYSQL_VERSION') ?? `${full}-1.el8`} started.`;
      await note('Note', started);
      if (ctx.cred.uid === 0) {
        // The entrypoint re-executes itself through gosu as mysql, which prints its first note again.
        await note('Note', "Switching to dedicated user 'mysql'");
        await note('Note', started);
      }
      if (noPassword) {
        await note('ERROR', 'Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD');
        return 1;
      }
    }
    await note('Note', 'Initializing database files');
    for (const d of [DATADIR, `${DATADIR}/mysql`, `${DATADIR}/performance_schema`, `${DATADIR}/sys`]) mkdirs(ctx, d, 0o750);
    const db = ctx.env.get('MYSQL_DATABASE');
    if (db) mkdirs(ctx, `${DATADIR}/${db}`, 0o750);
    await note('Note', 'Database files initialized');
    if (set('MYSQL_RANDOM_ROOT_PASSWORD')) {
      const pw = ctx.sys.random.hex(32);
      await note('Note', `GENERATED ROOT PASSWORD: ${pw}`);
    }
    if (db) await note('Note', `Creating database ${db}`);
    await note('Note', 'MySQL init process done. Ready for start up.');
  }
  const net = ctx.sys.service(NETWORK);
  let listeners;
  try {
    if (!net) throw new Error('no network');
    listeners = [net.listen(3306, undefined, ctx.pid), net.listen(33060, undefined, ctx.pid)];
  } catch {
    await server(0, 'ERROR', 'MY-010262', 'Can\'t start server: Bind on TCP/IP port: Address already in use');
    return 1;
  }
  const stop = stopSignal(ctx, ['SIGTERM', 'SIGINT', 'SIGQUIT']);
  await server(0, 'System', 'MY-010116', `/usr/sbin/mysqld (mysqld ${full}) starting as process ${ctx.pid}`);
  await server(1, 'System', 'MY-013576', 'InnoDB initialization has started.');
  await server(1, 'System', 'MY-013577', 'InnoDB initialization has ended.');
  await server(0, 'System', 'MY-011323', "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock");
  await server(0, 'System', 'MY-010931', `/usr/sbin/mysqld: ready for connections. Version: '${full}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
  // Connections are accepted and held open until the client leaves; the MySQL protocol itself is not simulated.
  const serving = listeners.map((l) => holdConnections(l, ctx.signals));
  await stop;
  for (const l of listeners) l.close();
  await Promise.all(serving);
  await server(0, 'System', 'MY-013172', `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${full}).`);
  await server(0, 'System', 'MY-010910', `/usr/sbin/mysqld: Shutdown complete (mysqld ${full})  MySQL Community Server - GPL.`);
  return 0;
};
