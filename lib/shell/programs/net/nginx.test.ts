import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { connectHost } from '../../../engine/host';
import { yieldNow } from '../../../engine/process/scheduler';
import { runCommand } from '../../testing/harness';
import { catalogFile, nginxImage } from './testing/images';

async function webServer(hostPort = '8080') {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  const image = nginxImage(t.busybox);
  const web = t.engine.createContainer(image, { imageRef: 'nginx', name: 'web', hostConfig: { portBindings: { '80/tcp': [{ hostIp: '', hostPort }] } } });
  await web.start();
  // The master logs, then forks its workers: wait until they are up.
  for (let i = 0; i < 50 && !web.logs.all().some((e) => new TextDecoder().decode(e.data).includes('start worker process')); i++) await yieldNow();
  await yieldNow();
  const curl = (...args: string[]) => runCommand(t.tm, ['curl', ...args]);
  return { t, web, curl };
}

const INDEX = catalogFile('nginx/index.html');

describe('nginx', () => {
  it('serves its html root on the published port; access lines and notices go to docker logs', async () => {
    const { t, web, curl } = await webServer();
    expect(await curl('-s', 'localhost:8080')).toMatchObject({ status: 0, stdout: INDEX, stderr: '' });
    const head = await curl('-sI', 'http://localhost:8080/');
    expect(head.stdout).toBe(
      [
        'HTTP/1.1 200 OK',
        'Server: nginx/1.27.4',
        'Date: Mon, 23 Nov 2026 10:00:00 GMT',
        'Content-Type: text/html',
        'Content-Length: 615',
        'Last-Modified: Fri, 02 Jan 2026 00:00:00 GMT',
        'Connection: keep-alive',
        `ETag: "${Math.floor(Date.UTC(2026, 0, 2) / 1000).toString(16)}-267"`,
        'Accept-Ranges: bytes',
        '',
        '',
      ].join('\r\n'),
    );
    const missing = await curl('-s', '-i', 'localhost:8080/nope');
    expect(missing.stdout).toContain('HTTP/1.1 404 Not Found\r\n');
    expect(missing.stdout.endsWith('<hr><center>nginx/1.27.4</center>\r\n</body>\r\n</html>\r\n')).toBe(true);
    expect(await curl('-sS', '-f', 'localhost:8080/nope')).toMatchObject({ status: 22, stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n' });
    // By IP from the host, no published port needed.
    expect((await curl('-s', `http://${web.ipAddress}/`)).stdout).toBe(INDEX);
    const logs = await t.run(['logs', 'web']);
    expect(logs.stderr).toBe(
      [
        '2026/11/23 10:00:00 [notice] 1#1: using the "epoll" event method',
        '2026/11/23 10:00:00 [notice] 1#1: nginx/1.27.4',
        '2026/11/23 10:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
        `2026/11/23 10:00:00 [notice] 1#1: OS: Linux ${web.machine!.uname.release}`,
        '2026/11/23 10:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
        '2026/11/23 10:00:00 [notice] 1#1: start worker processes',
        '2026/11/23 10:00:00 [notice] 1#1: start worker process 2',
        '2026/11/23 10:00:00 [notice] 1#1: start worker process 3',
        '',
      ].join('\n'),
    );
    expect(logs.stdout.split('\n')).toEqual([
      '172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"',
      '172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/7.88.1" "-"',
      '172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/7.88.1" "-"',
      '172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/7.88.1" "-"',
      '172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"',
      '',
    ]);
  });

  it('docker stop sends SIGQUIT: graceful shutdown notices, exit 0, the port refuses afterwards', async () => {
    const { t, web, curl } = await webServer();
    await web.stop();
    expect(web.state.exitCode).toBe(0);
    const logs = (await t.run(['logs', 'web'])).stderr.split('\n').slice(8);
    expect(logs).toEqual([
      '2026/11/23 10:00:00 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
      '2026/11/23 10:00:00 [notice] 2#2: gracefully shutting down',
      '2026/11/23 10:00:00 [notice] 3#3: gracefully shutting down',
      '2026/11/23 10:00:00 [notice] 2#2: exiting',
      '2026/11/23 10:00:00 [notice] 3#3: exiting',
      '2026/11/23 10:00:00 [notice] 2#2: exit',
      '2026/11/23 10:00:00 [notice] 3#3: exit',
      '2026/11/23 10:00:00 [notice] 1#1: signal 17 (SIGCHLD) received from 2',
      '2026/11/23 10:00:00 [notice] 1#1: worker process 2 exited with code 0',
      '2026/11/23 10:00:00 [notice] 1#1: signal 17 (SIGCHLD) received from 3',
      '2026/11/23 10:00:00 [notice] 1#1: worker process 3 exited with code 0',
      '2026/11/23 10:00:00 [notice] 1#1: exit',
      '',
    ]);
    expect(await curl('localhost:8080')).toMatchObject({
      status: 7,
      stdout: '',
      stderr: `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n`,
    });
  });

  it('docker exec web nginx -s reload serves the new root; -s quit stops it; -s without a master fails', async () => {
    const { t, web, curl } = await webServer();
    web.rootFs.mkdir('/srv', 0o755);
    web.rootFs.writeFile('/srv/index.html', new TextEncoder().encode('new site\n'));
    const conf = new TextDecoder().decode(web.rootFs.readFile('/etc/nginx/conf.d/default.conf')).replace(/root\s+\/usr\/share\/nginx\/html;/, 'root /srv;');
    web.rootFs.writeFile('/etc/nginx/conf.d/default.conf', new TextEncoder().encode(conf));
    expect((await curl('-s', 'localhost:8080')).stdout).toBe(INDEX);
    expect(await t.run(['exec', 'web', 'nginx', '-s', 'reload'])).toMatchObject({ status: 0, stdout: '', stderr: '2026/11/23 10:00:00 [notice] 4#4: signal process started\n' });
    await yieldNow();
    expect((await curl('-s', 'localhost:8080')).stdout).toBe('new site\n');
    expect((await t.run(['logs', 'web'])).stderr).toContain('[notice] 1#1: signal 1 (SIGHUP) received from 4, reconfiguring\n2026/11/23 10:00:00 [notice] 1#1: reconfiguring\n');
    expect(await t.run(['exec', 'web', 'nginx', '-s', 'quit'])).toMatchObject({ status: 0 });
    expect(await web.wait()).toBe(0);
    expect((await t.run(['logs', 'web'])).stderr).toContain('[notice] 1#1: signal 3 (SIGQUIT) received from 5, shutting down\n');
    const idle = t.engine.createContainer(nginxImage(t.busybox), { imageRef: 'nginx', name: 'idle', cmd: ['nginx', '-s', 'stop'] });
    await idle.start();
    expect(await idle.wait()).toBe(1);
    expect((await t.run(['logs', 'idle'])).stderr).toBe('2026/11/23 10:00:00 [notice] 1#1: signal process started\n2026/11/23 10:00:00 [error] 1#1: open() "/var/run/nginx.pid" failed (2: No such file or directory)\nnginx: [error] open() "/var/run/nginx.pid" failed (2: No such file or directory)\n');
  });

  it("on Alpine (nginx:alpine's nginx.org apk) the build notice names Alpine's gcc 14", async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(nginxImage(t.busybox), { imageRef: 'nginx:alpine', name: 'alp' });
    c.rootFs.writeFile('/etc/alpine-release', new TextEncoder().encode('3.21.2\n'));
    await c.start();
    for (let i = 0; i < 50 && !c.logs.all().some((e) => new TextDecoder().decode(e.data).includes('start worker process')); i++) await yieldNow();
    expect((await t.run(['logs', 'alp'])).stderr.split('\n').slice(0, 4)).toEqual([
      '2026/11/23 10:00:00 [notice] 1#1: using the "epoll" event method',
      '2026/11/23 10:00:00 [notice] 1#1: nginx/1.27.4',
      '2026/11/23 10:00:00 [notice] 1#1: built by gcc 14.2.0 (Alpine 14.2.0) ',
      `2026/11/23 10:00:00 [notice] 1#1: OS: Linux ${c.machine!.uname.release}`,
    ]);
  });

  it('without daemon off the command returns at once, so the container exits', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(nginxImage(t.busybox), { imageRef: 'nginx', name: 'quick', cmd: ['nginx'] });
    await c.start();
    expect(await c.wait()).toBe(0);
  });
});
