import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { connectHost } from '../../../engine/host';
import { createTestMachine, runCommand } from '../../testing/harness';
import { catalogFile, nginxImage } from './testing/images';
import { untilLogged } from './testing/wait';

const INDEX = catalogFile('nginx/index.html');

async function web() {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  const c = t.engine.createContainer(nginxImage(t.busybox), { imageRef: 'nginx', name: 'web', hostConfig: { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8080' }] } } });
  await c.start();
  await untilLogged(c, 'start worker process 3');
  const sh = (cmd: string, options: Parameters<typeof runCommand>[2] = {}) => runCommand(t.tm, ['bash', '-c', cmd], options);
  return { t, c, sh };
}

describe('curl', () => {
  it('--version / -V print the build (Debian bookworm\'s on the host, Alpine\'s where /etc/alpine-release exists) before any transfer', async () => {
    const tm = createTestMachine();
    const debian = await runCommand(tm, ['curl', '--version']);
    expect(debian).toMatchObject({ status: 0, stderr: '' });
    expect(debian.stdout.split('\n').slice(0, 2)).toEqual([
      'curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13',
      'Release-Date: 2023-02-20, security patched: 7.88.1-10+deb12u14',
    ]);
    expect(debian.stdout.split('\n')).toHaveLength(5);
    expect(await runCommand(tm, ['curl', '-sV', 'http://localhost:1/'])).toEqual(debian);
    tm.fs.writeFile('/etc/alpine-release', new TextEncoder().encode('3.21.3\n'));
    const alpine = await runCommand(tm, ['curl', '-V']);
    expect(alpine.stdout).toMatch(/^curl 8\.11\.1 \(x86_64-alpine-linux-musl\) libcurl\/8\.11\.1 .*\nRelease-Date: 2024-12-11\nProtocols: .* ws wss\nFeatures: .* UnixSockets zstd\n$/);
  });

  it('progress meter on a pipe, -o and -O, -w, -v', async () => {
    const { sh } = await web();
    const r = await sh('curl localhost:8080 | wc -c');
    expect(r.stdout).toBe('615\n');
    expect(r.stderr).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100   615  100   615    0     0  61500      0 --:--:-- --:--:-- --:--:-- 61500\n',
    );
    expect(await sh('cd /tmp && curl -s -o page.html localhost:8080 && curl -sO localhost:8080/index.html && cmp page.html index.html && echo same')).toMatchObject({ stdout: 'same\n', status: 0 });
    expect((await sh('curl -s -o /dev/null -w "%{http_code} %{size_download} %{content_type}\\n" localhost:8080/')).stdout).toBe('200 615 text/html\n');
    expect(await sh('curl -sO localhost:8080/')).toMatchObject({ status: 23, stderr: '' });
    const v = await sh('curl -sv localhost:8080/ -o /dev/null');
    expect(v.stderr).toBe(
      [
        '*   Trying 127.0.0.1:8080...',
        '* Connected to localhost (127.0.0.1) port 8080 (#0)',
        '> GET / HTTP/1.1\r',
        '> Host: localhost:8080\r',
        '> User-Agent: curl/7.88.1\r',
        '> Accept: */*\r',
        '> \r',
        '< HTTP/1.1 200 OK\r',
        '< Server: nginx/1.27.4\r',
        '< Date: Mon, 23 Nov 2026 10:00:00 GMT\r',
        '< Content-Type: text/html\r',
        '< Content-Length: 615\r',
        '< Last-Modified: Fri, 02 Jan 2026 00:00:00 GMT\r',
        '< Connection: keep-alive\r',
        `< ETag: "${(Date.UTC(2026, 0, 2) / 1000).toString(16)}-267"\r`,
        '< Accept-Ranges: bytes\r',
        '< \r',
        '* Connection #0 to host localhost left intact',
        '',
      ].join('\n'),
    );
  });

  it('-L follows nginx’s directory redirect; errors 6, 3, 1, 2', async () => {
    const { c, sh } = await web();
    c.rootFs.mkdir('/usr/share/nginx/html/docs', 0o755);
    c.rootFs.writeFile('/usr/share/nginx/html/docs/index.html', new TextEncoder().encode('docs\n'));
    expect((await sh('curl -s -o /dev/null -w "%{http_code}" localhost:8080/docs')).stdout).toBe('301');
    expect((await sh('curl -sL localhost:8080/docs')).stdout).toBe('docs\n');
    expect(await sh('curl -sS web')).toMatchObject({ status: 6, stderr: 'curl: (6) Could not resolve host: web\n' });
    expect(await sh('curl -s web')).toMatchObject({ status: 6, stderr: '' });
    expect(await sh('curl -sS http://')).toMatchObject({ status: 3, stderr: 'curl: (3) URL using bad/illegal format or missing URL\n' });
    expect(await sh('curl -sS ftp://x')).toMatchObject({ status: 1, stderr: 'curl: (1) Protocol "ftp" not supported or disabled in libcurl\n' });
    expect(await sh('curl')).toMatchObject({ status: 2, stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(await sh('curl --bogus x')).toMatchObject({ status: 2, stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect((await sh('curl -s -X POST -d a=b -o /dev/null -w "%{http_code}" localhost:8080/')).stdout).toBe('405');
    const host = await sh("curl -sv -H 'Host: example.com' -H 'Accept:' -A agent/1 localhost:8080 -o /dev/null");
    expect(host.stderr).toContain('> GET / HTTP/1.1\r\n> Host: example.com\r\n> User-Agent: agent/1\r\n> \r\n');
  });
});

describe('wget', () => {
  it('GNU: transcript, numbered names, -q -O -, errors with exit 4 and 8', async () => {
    const { sh } = await web();
    const r = await sh('cd /tmp && wget localhost:8080 && wget -q localhost:8080 && ls index.html*', { env: { LANG: 'C' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('index.html\nindex.html.1\n');
    expect(r.stderr).toBe(
      [
        '--2026-11-23 10:00:00--  http://localhost:8080/',
        'Resolving localhost (localhost)... 127.0.0.1',
        'Connecting to localhost (localhost)|127.0.0.1|:8080... connected.',
        'HTTP request sent, awaiting response... 200 OK',
        'Length: 615 [text/html]',
        "Saving to: 'index.html'",
        '',
        '     0K                                                       100% 60.1K=0s',
        '',
        "2026-11-23 10:00:00 (60.1 KB/s) - 'index.html' saved [615/615]",
        '',
        '',
      ].join('\n'),
    );
    expect((await sh('wget -qO- localhost:8080')).stdout).toBe(INDEX);
    expect(await sh('wget -q localhost:8080/nope')).toMatchObject({ status: 8, stderr: '' });
    expect((await sh('wget localhost:8080/nope', { env: { LANG: 'C' } })).stderr.split('\n').slice(-3)).toEqual(['2026-11-23 10:00:00 ERROR 404: Not Found.', '', '']);
    expect(await sh('wget localhost:9')).toMatchObject({
      status: 4,
      stderr: '--2026-11-23 10:00:00--  http://localhost:9/\nResolving localhost (localhost)... 127.0.0.1\nConnecting to localhost (localhost)|127.0.0.1|:9... failed: Connection refused.\n',
    });
    expect(await sh('wget nohost')).toMatchObject({ status: 4, stderr: "--2026-11-23 10:00:00--  http://nohost/\nResolving nohost (nohost)... failed: Name or service not known.\nwget: unable to resolve host address ‘nohost’\n" });
  });

  it('BusyBox: Connecting line, bar, File exists, server error', async () => {
    const { t } = await web();
    const bb = (...args: string[]) => runCommand(t.tm, ['wget', ...args], { flavor: 'busybox', cwd: '/tmp' });
    expect(await bb('localhost:8080')).toMatchObject({
      status: 0,
      stderr: "Connecting to localhost:8080 (127.0.0.1:8080)\nsaving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n",
    });
    expect(await bb('localhost:8080')).toMatchObject({ status: 1, stderr: "Connecting to localhost:8080 (127.0.0.1:8080)\nwget: can't open 'index.html': File exists\n" });
    expect(await bb('-q', '-O', '-', 'localhost:8080/nope')).toMatchObject({ status: 1, stdout: '', stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n' });
    expect(await bb('-q', 'localhost:1')).toMatchObject({ status: 1, stderr: "wget: can't connect to remote host (127.0.0.1): Connection refused\n" });
    expect(await bb('nohost')).toMatchObject({ status: 1, stderr: "wget: bad address 'nohost'\n" });
  });
});
