import { beforeAll, describe, expect, it } from 'vitest';
import { parseDockerRef } from '../../../engine/format/reference';
import { Catalog } from '../../../engine/registry/catalog';
import { nodeCatalogSource } from '../../../engine/registry/catalog/testing/nodeCatalogSource';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { connectHost } from '../../../engine/host';
import { NETWORK } from '../../../engine/network/Network';
import { yieldNow } from '../../../engine/process/scheduler';
import { runCommand } from '../../testing/harness';
import { catalogFile, daemonImage, imageWith } from './testing/images';
import { logText, untilLogged } from './testing/wait';

function setup() {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  const sh = (cmd: string, options: Parameters<typeof runCommand>[2] = {}) => runCommand(t.tm, ['bash', '-c', cmd], options);
  return { t, sh };
}

describe('httpd', () => {
  it('httpd -DFOREGROUND: startup lines, It works!, common log, SIGWINCH stops it gracefully', async () => {
    const { t, sh } = setup();
    const image = daemonImage(t.busybox, 'httpd', '/usr/local/apache2/bin/httpd', ['/usr/local/apache2/bin/httpd', '-DFOREGROUND'], {
      '/usr/local/apache2/conf/httpd.conf': 'ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n',
      '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n',
    });
    const c = t.engine.createContainer(image, { imageRef: 'httpd', name: 'apache', hostConfig: { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8081' }] } } });
    await c.start();
    await untilLogged(c, 'AH00094');
    expect((await sh('curl -s localhost:8081')).stdout).toBe('<html><body><h1>It works!</h1></body></html>\n');
    const missing = await sh('curl -si localhost:8081/x');
    expect(missing.stdout).toBe(
      'HTTP/1.1 404 Not Found\r\nDate: Mon, 23 Nov 2026 10:00:00 GMT\r\nServer: Apache/2.4.62 (Unix)\r\nContent-Length: 196\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n' +
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
    );
    c.kill('SIGWINCH');
    expect(await c.wait()).toBe(0);
    const logs = await t.run(['logs', 'apache']);
    expect(logs.stdout).toBe('172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 45\n172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET /x HTTP/1.1" 404 196\n');
    const fqdn = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message";
    expect(logs.stderr.split('\n')).toEqual([
      fqdn,
      fqdn,
      '[Mon Nov 23 10:00:00.000000 2026] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations',
      "[Mon Nov 23 10:00:00.000000 2026] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
      '[Mon Nov 23 10:00:00.000000 2026] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully',
      '',
    ]);
  });
});

describe('redis', () => {
  it('redis-server logs its banner; redis-cli from the host and from another container by IP; SIGTERM saves and exits 0', async () => {
    const { t, sh } = setup();
    const image = daemonImage(t.busybox, 'redis-server', '/usr/local/bin/redis-server', ['redis-server']);
    const r = t.engine.createContainer(image, { imageRef: 'redis', name: 'cache', hostConfig: { portBindings: { '6379/tcp': [{ hostIp: '127.0.0.1', hostPort: '6379' }] } } });
    await r.start();
    await untilLogged(r, 'Ready to accept connections tcp');
    expect(await sh('redis-cli ping')).toMatchObject({ status: 0, stdout: 'PONG\n' });
    expect((await sh('redis-cli set greeting hello && redis-cli get greeting && redis-cli incr n && redis-cli get nope | wc -c')).stdout).toBe('OK\nhello\n1\n1\n');
    expect(await sh('redis-cli frob a')).toMatchObject({ status: 1, stdout: "(error) ERR unknown command 'frob', with args beginning with: 'a' \n" });
    expect(await sh('redis-cli -p 6380 ping')).toMatchObject({ status: 1, stderr: 'Could not connect to Redis at 127.0.0.1:6380: Connection refused\n' });
    // Another container reaches it by IP (names do not resolve on the default bridge).
    const client = t.engine.createContainer(image, { imageRef: 'redis', name: 'client', cmd: ['redis-cli', '-h', r.ipAddress, 'get', 'greeting'] });
    await client.start();
    expect(await client.wait()).toBe(0);
    expect((await t.run(['logs', 'client'])).stdout).toBe('hello\n');
    const byName = t.engine.createContainer(image, { imageRef: 'redis', name: 'byname', cmd: ['redis-cli', '-h', 'cache', 'ping'] });
    await byName.start();
    expect(await byName.wait()).toBe(1);
    expect((await t.run(['logs', 'byname'])).stderr).toBe('Could not connect to Redis at cache:6379: Name or service not known\n');
    await r.stop();
    expect(r.state.exitCode).toBe(0);
    const lines = logText(r).split('\n');
    expect(lines[1]).toBe('1:C 23 Nov 2026 10:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    expect(lines.slice(-6)).toEqual([
      `1:signal-handler (${Date.UTC(2026, 10, 23, 10) / 1000}) Received SIGTERM scheduling shutdown...`,
      '1:M 23 Nov 2026 10:00:00.000 * User requested shutdown...',
      '1:M 23 Nov 2026 10:00:00.000 * Saving the final RDB snapshot before exiting.',
      '1:M 23 Nov 2026 10:00:00.000 * DB saved on disk',
      '1:M 23 Nov 2026 10:00:00.000 # Redis is now ready to exit, bye bye...',
      '',
    ]);
  });
});

describe('mysqld', () => {
  it('refuses to initialise without a password option; with MYSQL_ROOT_PASSWORD it serves 3306 until stopped', async () => {
    const { t, sh } = setup();
    const image = daemonImage(t.busybox, 'mysqld', '/usr/sbin/mysqld', ['mysqld'], {}, ['MYSQL_VERSION=8.0.35-1.el8']);
    const bare = t.engine.createContainer(image, { imageRef: 'mysql', name: 'nopw' });
    await bare.start();
    expect(await bare.wait()).toBe(1);
    expect((await t.run(['logs', 'nopw'])).stderr).toBe(
      '2026-11-23 10:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.35-1.el8 started.\n' +
        "2026-11-23 10:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n" +
        '2026-11-23 10:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.35-1.el8 started.\n' +
        '2026-11-23 10:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
        '    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n',
    );
    const db = t.engine.createContainer(image, { imageRef: 'mysql', name: 'db', env: ['MYSQL_ROOT_PASSWORD=secret', 'MYSQL_DATABASE=shop'], hostConfig: { portBindings: { '3306/tcp': [{ hostIp: '', hostPort: '3306' }] } } });
    await db.start();
    await untilLogged(db, 'ready for connections');
    expect(logText(db)).toContain("/usr/sbin/mysqld: ready for connections. Version: '8.0.35'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n");
    expect(db.rootFs.stat('/var/lib/mysql/shop').type).toBe('dir');
    // The port answers (the MySQL protocol itself is not simulated).
    const conn = t.tm.machine.service(NETWORK)!.connect('127.0.0.1', 3306);
    conn.close();
    expect((await sh('curl -sS localhost:3307')).stderr).toBe("curl: (7) Failed to connect to localhost port 3307 after 0 ms: Couldn't connect to server\n");
    await db.stop();
    expect(db.state.exitCode).toBe(0);
    expect(logText(db)).toContain('[Server] /usr/sbin/mysqld: Shutdown complete (mysqld 8.0.35)  MySQL Community Server - GPL.\n');
    // What the image's entrypoint runs on first start; the server then starts without the entrypoint lines.
    const init = t.engine.createContainer(image, { imageRef: 'mysql', name: 'init', cmd: ['sh', '-c', 'mysqld --initialize-insecure --datadir=/var/lib/mysql && exec mysqld'] });
    await init.start();
    await untilLogged(init, 'ready for connections');
    expect(logText(init)).toContain('[Warning] [MY-010453] [Server] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.\n');
    expect(logText(init)).not.toContain('[Entrypoint]');
  });
});

describe('mysqld password check by tag', () => {
  it("5.5 prints the 2018 entrypoint's two plain lines; 5.7 as another user skips the gosu restart notes", async () => {
    const { t } = setup();
    const old = daemonImage(t.busybox, 'mysqld', '/usr/sbin/mysqld', ['mysqld'], {}, ['MYSQL_MAJOR=5.5', 'MYSQL_VERSION=5.5.62']);
    const c55 = t.engine.createContainer(old, { imageRef: 'mysql:5.5', name: 'five5' });
    await c55.start();
    expect(await c55.wait()).toBe(1);
    expect((await t.run(['logs', 'five5'])).stderr).toBe('error: database is uninitialized and password option is not specified \n  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD\n');
    const img57 = daemonImage(t.busybox, 'mysqld', '/usr/sbin/mysqld', ['mysqld'], {}, ['MYSQL_MAJOR=5.7', 'MYSQL_VERSION=5.7.44-1.el7']);
    const c57 = t.engine.createContainer(img57, { imageRef: 'mysql:5.7', name: 'five7', user: 'nobody' });
    await c57.start();
    expect(await c57.wait()).toBe(1);
    expect((await t.run(['logs', 'five7'])).stderr).toBe(
      '2026-11-23 10:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 5.7.44-1.el7 started.\n' +
        '2026-11-23 10:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
        '    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n',
    );
  });
});

describe('postgres', () => {
  // The catalog's postgres:17 as pulled: the image's own entrypoint runs root → gosu postgres →
  // docker-ensure-initdb.sh → initdb --pwfile=<(printf ...) → exec postgres as PID 1.
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await Catalog.open(nodeCatalogSource());
  });
  async function withImage() {
    const t = dockerTest({ catalog });
    connectHost(t.tm.machine, t.engine);
    expect((await t.run(['pull', '-q', 'postgres:17'])).status).toBe(0);
    t.engine.images.tag(parseDockerRef('pg:test'), t.engine.images.resolve('postgres:17').id);
    return t;
  }

  it('the catalog image carries the entrypoint stand-ins of content/catalog/files (regenerate the catalog when they change)', async () => {
    const t = await withImage();
    for (const name of ['docker-entrypoint.sh', 'docker-ensure-initdb.sh']) {
      const r = await t.run(['run', '--rm', '--entrypoint', 'cat', 'pg:test', `/usr/local/bin/${name}`]);
      expect({ name, text: r.stdout }).toEqual({ name, text: catalogFile(`postgres/${name}`) });
    }
  });

  it('without POSTGRES_PASSWORD the entrypoint refuses with the image\'s text and exit 1', async () => {
    const t = await withImage();
    const r = await t.run(['run', '--name', 'nopw', 'pg:test']);
    expect(r).toMatchObject({ status: 1, stdout: '' });
    expect(r.stderr).toBe(
      'Error: Database is uninitialized and superuser password is not specified.\n' +
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n' +
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n' +
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n' +
        '       connections without a password. This is *not* recommended.\n\n' +
        '       See PostgreSQL documentation about "trust":\n' +
        '       https://www.postgresql.org/docs/current/auth-trust.html\n',
    );
  });

  it('docker run -d -e POSTGRES_PASSWORD: initdb through a process substitution, postgres PID 1 Up and ready; SIGINT stop; restart skips init', async () => {
    const t = await withImage();
    const run = await t.run(['run', '-d', '--name', 'db', '-e', 'POSTGRES_PASSWORD=secret', 'pg:test']);
    expect(run.status).toBe(0);
    const db = t.engine.containers.resolve('db');
    await untilLogged(db, '[1] LOG:  database system is ready to accept connections');
    expect((await t.run(['ps', '--format', '{{.Names}} {{.Status}}'])).stdout).toBe('db Up Less than a second\n');
    expect(db.state.pid).toBe(1);
    const logs = await t.run(['logs', 'db']);
    expect(logs.stdout).toMatch(/^The files belonging to this database system will be owned by user "postgres"\.\n[^]*fixing permissions on existing directory \/var\/lib\/postgresql\/data \.\.\. ok\n[^]*\nSuccess\. You can now start the database server using:\n\n    pg_ctl -D \/var\/lib\/postgresql\/data -l logfile start\n\nwaiting for server to start\.\.\.\. done\nserver started\n[^]*PostgreSQL init process complete; ready for start up\.\n\n$/);
    const err = logs.stderr.split('\n');
    expect(err.slice(0, 2)).toEqual(['initdb: warning: enabling "trust" authentication for local connections', 'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.']);
    expect(err).toContain('2026-11-23 10:00:00.000 UTC [1] LOG:  starting PostgreSQL 17.4 (Debian 17.4-1.pgdg120+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit');
    expect(err.at(-2)).toBe('2026-11-23 10:00:00.000 UTC [1] LOG:  database system is ready to accept connections');
    expect(await t.run(['exec', '-u', 'postgres', 'db', 'sh', '-c', 'cat "$PGDATA/PG_VERSION"; tail -n 1 "$PGDATA/pg_hba.conf"; stat -c "%a %U" "$PGDATA"'])).toMatchObject({ status: 0, stdout: '17\nhost all all all scram-sha-256\n700 postgres\n' });
    expect(await t.run(['stop', 'db'])).toMatchObject({ status: 0, stdout: 'db\n' });
    expect(await db.wait()).toBe(0);
    expect((await t.run(['logs', 'db'])).stderr).toContain('[1] LOG:  received fast shutdown request\n');
    expect((await t.run(['start', 'db'])).status).toBe(0);
    await untilLogged(db, 'Skipping initialization');
    await untilLogged(db, 'ready to accept connections');
  });

  it('initdb: the password file through /dev/fd, its errors (root, not empty, empty password file)', async () => {
    const { sh } = setup();
    const env = { PGDATA: '/tmp/pg', LANG: 'en_US.utf8', PG_MAJOR: '17' };
    const ok = await sh(`initdb --username=postgres --pwfile=<(printf '%s\\n' pw) >/dev/null && cat /tmp/pg/PG_VERSION`, { env });
    expect(ok).toMatchObject({ status: 0, stdout: '17\n' });
    expect(ok.stderr).toContain('initdb: warning: enabling "trust" authentication for local connections\n');
    expect(await sh('initdb', { env })).toMatchObject({ status: 1, stderr: 'initdb: error: directory "/tmp/pg" exists but is not empty\ninitdb: hint: If you want to create a new database system, either remove or empty the directory "/tmp/pg" or run initdb with an argument other than "/tmp/pg".\n' });
    expect(await sh('initdb -D /tmp/pg2 --pwfile=<(true)', { env })).toMatchObject({ status: 1, stdout: '', stderr: 'initdb: error: password file "/dev/fd/63" is empty\n' });
    expect(await sh('initdb -D /tmp/pg3 --pwfile=/nope', { env })).toMatchObject({ status: 1, stderr: 'initdb: error: could not open file "/nope" for reading: No such file or directory\n' });
    expect(await sh('initdb -D /tmp/pg4', { env, user: 'root' })).toMatchObject({ status: 1, stderr: 'initdb: error: cannot be run as root\ninitdb: hint: Please log in (using, e.g., "su") as the (unprivileged) user that will own the server process.\n' });
    expect(await sh('unset PGDATA; initdb', { env })).toMatchObject({ status: 1, stderr: expect.stringMatching(/^initdb: error: no data directory specified\n/) });
  });
});

describe('ping', () => {
  it('iputils: -c 2 a running container by IP, statistics; an address with nobody there; an unknown name', async () => {
    const { t, sh } = setup();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'box', cmd: ['sleep', 'infinity'] });
    await c.start();
    const r = await sh(`ping -c 2 ${c.ipAddress}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^PING 172\.17\.0\.2 \(172\.17\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 172\.17\.0\.2: icmp_seq=1 ttl=64 time=0\.\d{3} ms\n64 bytes from 172\.17\.0\.2: icmp_seq=2 ttl=64 time=0\.\d{3} ms\n\n--- 172\.17\.0\.2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1001ms\nrtt min\/avg\/max\/mdev = 0\.\d{3}\/0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms\n$/,
    );
    expect(await sh('ping -c 3 172.17.0.99')).toMatchObject({ status: 1, stdout: 'PING 172.17.0.99 (172.17.0.99) 56(84) bytes of data.\n\n--- 172.17.0.99 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2001ms\n' });
    expect(await sh('ping nohost')).toMatchObject({ status: 2, stderr: 'ping: nohost: Name or service not known\n' });
    const out = await sh('ping -c 2 8.8.8.8');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^PING 8\.8\.8\.8 \(8\.8\.8\.8\) 56\(84\) bytes of data\.\n64 bytes from 8\.8\.8\.8: icmp_seq=1 ttl=116 time=1\d\.\d ms\n64 bytes from 8\.8\.8\.8: icmp_seq=2 ttl=116 time=1\d\.\d ms\n\n/);
    expect((await sh('ping -c 1 10.1.2.3')).status).toBe(1);
    expect(await sh('ping')).toMatchObject({ status: 2, stderr: 'ping: usage error: Destination address required\n' });
  });

  it('BusyBox ping keeps a container Up until Ctrl-C, which prints the statistics', async () => {
    const { t } = setup();
    // The tiny image has no ping link: BusyBox runs its applet by name.
    const pinger = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'pinger2', cmd: ['busybox', 'ping', '-c', '100000', 'localhost'] });
    await pinger.start();
    await untilLogged(pinger, 'seq=2 ');
    expect(pinger.running).toBe(true);
    pinger.kill('SIGINT');
    expect(await pinger.wait()).toBe(0);
    const out = logText(pinger);
    expect(out.startsWith('PING localhost (127.0.0.1): 56 data bytes\n64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.0')).toBe(true);
    expect(out).toMatch(/\n--- localhost ping statistics ---\n(\d+) packets transmitted, \1 packets received, 0% packet loss\nround-trip min\/avg\/max = 0\.\d{3}\/0\.\d{3}\/0\.\d{3} ms\n$/);
  });
});

describe('top', () => {
  it('procps top needs a terminal unless -b; -b -n 1 shows the machine’s processes', async () => {
    const { sh } = setup();
    expect(await sh('top')).toMatchObject({ status: 1, stderr: 'top: failed tty get\n' });
    const r = await sh('sleep 100 & top -b -n 1; kill %1');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('top - 10:00:00 up 0 min,  0 user,  load average: 0.00, 0.00, 0.00');
    expect(lines[6]).toBe('    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND');
    expect(lines.slice(7).map((l) => l.split(/\s+/).at(-1))).toEqual(['bash', 'sleep', 'top', '', '']);
  });

  it('BusyBox top runs without a terminal (a container stays Up) until signalled', async () => {
    const { t } = setup();
    const image = imageWith(t.busybox, { '/bin/top': { symlink: 'busybox' } }, { Env: ['PATH=/bin'], Cmd: ['top'] });
    const c = t.engine.createContainer(image, { imageRef: 'busybox', name: 'topper' });
    await c.start();
    await untilLogged(c, 'COMMAND');
    for (let i = 0; i < 5; i++) await yieldNow();
    expect(c.running).toBe(true);
    expect(logText(c).split('\n').slice(3, 5)).toEqual(['  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND', expect.stringMatching(/^ {4}1 {5}0 root {5}R {4}\s*\d+ +\d+% {3}0 {3}0% top$/)]);
    c.kill('SIGKILL');
    expect(await c.wait()).toBe(137);
  });
});
