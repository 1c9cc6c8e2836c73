/**
 * The catalog's nginx images end to end, as a tutorial runs them: `docker run -d -p 8080:80 nginx:alpine`, curl from
 * the host, docker logs (the entrypoint's lines on stdout, nginx's notices on stderr), docker exec into the container.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { connectHost } from '../../../engine/host';
import { Catalog } from '../../../engine/registry/catalog';
import { nodeCatalogSource } from '../../../engine/registry/catalog/testing/nodeCatalogSource';
import { runCommand } from '../../testing/harness';
import { catalogFile } from './testing/images';
import { untilLogged } from './testing/wait';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

async function serve(ref: string) {
  const t = dockerTest({ catalog });
  connectHost(t.tm.machine, t.engine);
  expect((await t.run(['pull', '-q', ref])).status).toBe(0);
  const run = await t.run(['run', '-d', '-p', '8080:80', '--name', 'web', ref]);
  expect(run).toMatchObject({ status: 0, stderr: '' });
  const web = t.engine.containers.byName('web')!;
  await untilLogged(web, 'start worker process');
  const curl = (...args: string[]) => runCommand(t.tm, ['curl', ...args]);
  return { t, web, curl };
}

/** What the entrypoint prints before exec'ing nginx (no /proc/net/if_inet6 in the simulated containers). */
const ENTRYPOINT_LINES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: ipv6 not available',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

function notices(gcc: string, release: string, workers: readonly number[]): string[] {
  return [
    'using the "epoll" event method',
    'nginx/1.27.4',
    `built by ${gcc} `,
    `OS: Linux ${release}`,
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    'start worker processes',
    ...workers.map((w) => `start worker process ${w}`),
  ].map((m) => `2026/11/23 10:00:00 [notice] 1#1: ${m}`);
}

describe('nginx:alpine from the catalog', () => {
  it('run -d -p 8080:80: curl gets the welcome page; docker logs shows the entrypoint, the Alpine build and the access line', async () => {
    const { t, web, curl } = await serve('nginx:alpine');
    expect(await curl('-s', 'localhost:8080')).toMatchObject({ status: 0, stdout: catalogFile('nginx/index.html'), stderr: '' });
    const logs = await t.run(['logs', 'web']);
    expect(logs.stdout.split('\n')).toEqual([...ENTRYPOINT_LINES, '172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"', '']);
    // One worker per CPU; their pids come after the entrypoint's scripts took theirs.
    const workers = [...logs.stderr.matchAll(/start worker process (\d+)\n/g)].map((m) => Number(m[1]));
    expect(workers).toHaveLength(2);
    expect(workers[1]).toBe(workers[0]! + 1);
    expect(logs.stderr.split('\n')).toEqual([...notices('gcc 14.2.0 (Alpine 14.2.0)', web.machine!.uname.release, workers), '']);
    expect((await t.run(['ps', '--format', '{{.Image}} {{.Command}} {{.Status}} {{.Ports}}'])).stdout).toBe(
      'nginx:alpine "/docker-entrypoint.…" Up Less than a second 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n',
    );
    await web.stop();
    expect(web.state.exitCode).toBe(0);
    expect((await t.run(['logs', 'web'])).stderr).toContain('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n');
  });

  it('docker exec gets BusyBox ash; nginx -v prints the version; apk info lists nginx and its modules', async () => {
    const { t } = await serve('nginx:1.27-alpine');
    const sh = await t.run(['exec', '-i', 'web', 'sh'], { stdin: 'readlink /bin/sh\nnosuchcommand\nnginx -v\nid nginx\n' });
    expect(sh).toMatchObject({
      status: 0,
      stdout: '/bin/busybox\nuid=101(nginx) gid=101(nginx) groups=101(nginx)\n',
      stderr: 'sh: nosuchcommand: not found\nnginx version: nginx/1.27.4\n',
    });
    const apk = await t.run(['exec', 'web', 'apk', 'info']);
    expect(apk.status).toBe(0);
    const names = apk.stdout.split('\n');
    expect(names.slice(0, 3)).toEqual(['alpine-baselayout', 'alpine-baselayout-data', 'alpine-keys']);
    for (const n of ['nginx', 'pcre2', 'tzdata', 'nginx-module-xslt', 'nginx-module-geoip', 'nginx-module-image-filter', 'nginx-module-njs', 'curl', 'ca-certificates']) expect(names).toContain(n);
    // alpine-slim has the server without the modules.
    const slim = await t.run(['run', '--rm', 'nginx:alpine-slim', 'apk', 'info']);
    expect(slim.stdout.split('\n')).toContain('nginx');
    expect(slim.stdout.split('\n')).not.toContain('nginx-module-njs');
  });
});

describe('pulling nginx:alpine after nginx', () => {
  it('the five COPY layers are the bookworm variant\'s own (Already exists); the Alpine base and the RUN layers download', async () => {
    const t = dockerTest({ catalog });
    expect((await t.run(['pull', '-q', 'nginx'])).status).toBe(0);
    const r = await t.run(['pull', 'nginx:alpine']);
    expect(r.status).toBe(0);
    const ids = catalog.resolve('nginx:alpine')!.image.layers.map((l) => l.diffId.slice(7, 19));
    const debian = new Set(catalog.resolve('nginx')!.image.layers.map((l) => l.diffId.slice(7, 19)));
    expect(ids.filter((id) => debian.has(id))).toEqual(ids.slice(2, 7));
    expect(r.stdout.split('\n').filter((l) => l.endsWith(': Already exists'))).toEqual(ids.slice(2, 7).map((id) => `${id}: Already exists`));
    expect(r.stdout.split('\n').filter((l) => l.endsWith(': Pull complete'))).toEqual([ids[0], ids[1], ids[7]].map((id) => `${id}: Pull complete`));
  });
});

describe('templates', () => {
  it('the entrypoint renders /etc/nginx/templates/*.template with envsubst before nginx starts', async () => {
    const t = dockerTest({ catalog });
    await t.run(['pull', '-q', 'nginx:alpine']);
    const script = 'mkdir /etc/nginx/templates && printf \'%s\\n\' \'server { listen ${NGINX_PORT}; server_name ${NGINX_HOST}; set $x 1; }\' > /etc/nginx/templates/site.conf.template && NGINX_ENTRYPOINT_QUIET_LOGS= /docker-entrypoint.sh nginx -t && cat /etc/nginx/conf.d/site.conf';
    const r = await t.run(['run', '--rm', '-e', 'NGINX_PORT=8081', '-e', 'NGINX_HOST=example.com', 'nginx:alpine', 'sh', '-c', script]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('envsubst') || l.startsWith('server'))).toEqual([
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '20-envsubst-on-templates.sh: Running envsubst on /etc/nginx/templates/site.conf.template to /etc/nginx/conf.d/site.conf',
      'server { listen 8081; server_name example.com; set $x 1; }',
    ]);
  });
});

describe('nginx (bookworm) from the catalog', () => {
  it('prints the same entrypoint lines, then the Debian build notice', async () => {
    const { t, curl } = await serve('nginx');
    expect((await curl('-s', 'localhost:8080')).stdout).toBe(catalogFile('nginx/index.html'));
    const logs = await t.run(['logs', 'web']);
    expect(logs.stdout.split('\n').slice(0, ENTRYPOINT_LINES.length)).toEqual(ENTRYPOINT_LINES);
    expect(logs.stderr.split('\n')[2]).toBe('2026/11/23 10:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ');
    expect((await t.run(['inspect', '-f', '{{.State.Running}}', 'web'])).stdout).toBe('true\n');
  });
});
