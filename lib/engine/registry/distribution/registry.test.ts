import { describe, expect, it } from 'vitest';
import { gzip } from '../../format/compression';
import { sha256 } from '../../format/digest';
import { MemFs } from '../../fs/MemFs';
import { HttpHeaders, type HttpRequest } from '../../network/http';
import { dockerTest } from '../../cli/testing/harness';
import { parseDockerRef } from '../../format/reference';
import { connectHost } from '../../host';
import { runCommand } from '../../../shell/testing/harness';
import { daemonImage } from '../../../shell/programs/net/testing/images';
import { untilLogged } from '../../../shell/programs/net/testing/wait';
import { schema2Manifest } from '../push';
import { Pty } from '../../../terminal/Pty';
import { Screen } from '../../../terminal/testing/Screen';
import { onTerminal } from '../../cli/testing/terminal';
import { humanSize } from '../../cli/format/units';
import { registryApi } from './api';
import { RegistryStorage } from './storage';

const utf8 = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const req = (method: string, target: string, body: Uint8Array = new Uint8Array(0)): HttpRequest => ({ method, target, version: 'HTTP/1.1', headers: new HttpHeaders(), body });

function fixture() {
  const fs = new MemFs();
  let n = 0;
  const api = registryApi(new RegistryStorage(fs), { newUuid: () => `00000000-0000-4000-a000-${String(++n).padStart(12, '0')}` });
  const config = utf8.encode('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
  const layer = gzip(utf8.encode('not really a tar, the registry does not care'));
  return { fs, api, config, layer, cd: sha256(config), ld: sha256(layer) };
}

describe('Registry HTTP API v2 (registry:2)', () => {
  it('monolithic uploads, a manifest put, catalog, tags, manifest and blob reads with distribution headers', () => {
    const { fs, api, config, layer, cd, ld } = fixture();
    expect(text(api(req('GET', '/v2/')).body)).toBe('{}\n');
    expect(text(api(req('GET', '/v2/_catalog')).body)).toBe('{"repositories":[]}\n');
    expect(api(req('POST', `/v2/me/app/blobs/uploads/?digest=${cd}`, config)).status).toBe(201);
    const bad = api(req('POST', `/v2/me/app/blobs/uploads/?digest=${cd}`, layer));
    expect([bad.status, text(bad.body)]).toEqual([400, '{"errors":[{"code":"DIGEST_INVALID","message":"provided digest did not match uploaded content","detail":null}]}\n']);
    const manifest = schema2Manifest({ digest: cd, size: config.length }, [{ digest: ld, size: layer.length }]);
    const missing = api(req('PUT', '/v2/me/app/manifests/v1', manifest));
    expect([missing.status, JSON.parse(text(missing.body)).errors[0].code]).toEqual([400, 'MANIFEST_BLOB_UNKNOWN']);
    // A session upload: POST, PATCH, PUT ?digest=.
    const start = api(req('POST', '/v2/me/app/blobs/uploads/'));
    expect(start.status).toBe(202);
    const loc = start.headers.get('Location')!;
    expect(api(req('PATCH', loc, layer.subarray(0, 10))).headers.get('Range')).toBe('0-9');
    expect(api(req('PUT', `${loc}?digest=${encodeURIComponent(ld)}`, layer.subarray(10))).status).toBe(201);
    const put = api(req('PUT', '/v2/me/app/manifests/v1', manifest));
    expect(put.status).toBe(201);
    expect(put.headers.get('Docker-Content-Digest')).toBe(sha256(manifest));
    expect(text(api(req('GET', '/v2/_catalog')).body)).toBe('{"repositories":["me/app"]}\n');
    expect(text(api(req('GET', '/v2/me/app/tags/list')).body)).toBe('{"name":"me/app","tags":["v1"]}\n');
    const got = api(req('GET', '/v2/me/app/manifests/v1'));
    expect(got.body).toEqual(manifest);
    expect(got.headers.get('Content-Type')).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(api(req('GET', `/v2/me/app/manifests/${sha256(manifest)}`)).status).toBe(200);
    expect(api(req('GET', `/v2/me/app/blobs/${ld}`)).body).toEqual(layer);
    expect(api(req('GET', '/v2/nope/tags/list')).status).toBe(404);
    expect(text(api(req('GET', '/v2/me/app/manifests/nope')).body)).toBe('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nope"}}]}\n');
    // Cross-repository mount.
    expect(api(req('POST', `/v2/other/blobs/uploads/?mount=${ld}&from=me/app`)).status).toBe(201);
    expect(api(req('GET', `/v2/other/blobs/${ld}`)).status).toBe(200);
    // distribution's layout on disk, which is what survives in a volume.
    const v2 = '/var/lib/registry/docker/registry/v2';
    expect(text(fs.readFile(`${v2}/repositories/me/app/_manifests/tags/v1/current/link`))).toBe(sha256(manifest));
    expect(fs.readFile(`${v2}/blobs/sha256/${ld.slice(7, 9)}/${ld.slice(7)}/data`)).toEqual(layer);
    const reopened = registryApi(new RegistryStorage(fs), { newUuid: () => 'x' });
    expect(text(reopened(req('GET', '/v2/_catalog')).body)).toBe('{"repositories":["me/app"]}\n');
  });

  it('the registry program in a container: logs, published port, curl /v2/_catalog', async () => {
    const t = dockerTest();
    connectHost(t.tm.machine, t.engine);
    const image = daemonImage(t.busybox, 'registry', '/bin/registry', ['/bin/registry', 'serve', '/etc/docker/registry/config.yml'], {
      '/etc/docker/registry/config.yml': 'version: 0.1\nhttp:\n  addr: :5000\n',
    });
    const c = t.engine.createContainer(image, { imageRef: 'registry:2', name: 'registry', hostConfig: { portBindings: { '5000/tcp': [{ hostIp: '', hostPort: '5000' }] } } });
    await c.start();
    await untilLogged(c, 'listening on');
    const r = await runCommand(t.tm, ['bash', '-c', 'curl -s localhost:5000/v2/_catalog; curl -s localhost:5000/v2/x/tags/list']);
    expect(r.stdout).toBe('{"repositories":[]}\n{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"x"}}]}\n');
    c.kill('SIGTERM');
    expect(await c.wait()).toBe(0);
    const logs = await t.run(['logs', 'registry']);
    expect(logs.stderr).toContain('level=info msg="listening on [::]:5000" go.version=go1.20.8 instance.id=');
    expect(logs.stdout).toBe('172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET /v2/_catalog HTTP/1.1" 200 20 "" "curl/7.88.1"\n172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET /v2/x/tags/list HTTP/1.1" 404 109 "" "curl/7.88.1"\n');
  });

  it('docker push localhost:5000/…: uploads over HTTP, Layer already exists, Mounted from, the catalog shows it', async () => {
    const t = dockerTest();
    connectHost(t.tm.machine, t.engine);
    const image = daemonImage(t.busybox, 'registry', '/bin/registry', ['/bin/registry', 'serve', '/etc/docker/registry/config.yml'], {
      '/etc/docker/registry/config.yml': 'version: 0.1\nhttp:\n  addr: :5000\n',
    });
    const c = t.engine.createContainer(image, { imageRef: 'registry:2', name: 'registry', hostConfig: { portBindings: { '5000/tcp': [{ hostIp: '', hostPort: '5000' }] } } });
    await c.start();
    await untilLogged(c, 'listening on');
    const id = t.busybox.layers[0]!.diffId.slice(7, 19);
    expect((await t.run(['tag', 'busybox', 'localhost:5000/app:v1'])).status).toBe(0);
    const r = await t.run(['push', 'localhost:5000/app:v1']);
    const digest = t.engine.images.digestsOf(t.busybox.id)[0]!.digest!;
    const size = (await runCommand(t.tm, ['bash', '-c', `curl -s localhost:5000/v2/app/manifests/v1 | wc -c`])).stdout.trim();
    expect(r).toMatchObject({
      status: 0,
      stderr: '',
      stdout: `The push refers to repository [localhost:5000/app]\n${id}: Preparing\n${id}: Pushed\nv1: digest: ${digest} size: ${size}\n`,
    });
    const sh = (cmd: string) => runCommand(t.tm, ['bash', '-c', cmd]);
    expect((await sh('curl -s localhost:5000/v2/_catalog; curl -s localhost:5000/v2/app/tags/list')).stdout).toBe('{"repositories":["app"]}\n{"name":"app","tags":["v1"]}\n');
    expect((await t.run(['push', 'localhost:5000/app:v1'])).stdout).toContain(`${id}: Layer already exists\n`);
    await t.run(['tag', 'busybox', 'localhost:5000/other']);
    const other = await t.run(['push', 'localhost:5000/other']);
    expect(other.stdout).toContain(`Using default tag: latest\nThe push refers to repository [localhost:5000/other]\n${id}: Preparing\n${id}: Mounted from app\n`);
    // The data lives in the container's /var/lib/registry, in distribution's layout.
    expect((await t.run(['exec', 'registry', 'ls', '/var/lib/registry/docker/registry/v2/repositories'])).stdout).toBe('app\nother\n');
    // Pull back after removing the local image: by tag, then by digest; then run it.
    await t.run(['rmi', '-f', t.busybox.id]);
    expect(t.engine.images.has(t.busybox.id)).toBe(false);
    const blob = JSON.parse((await sh('curl -s localhost:5000/v2/app/manifests/v1')).stdout).layers[0].digest.slice(7, 19);
    const pulled = await t.run(['pull', 'localhost:5000/app:v1']);
    expect(pulled).toMatchObject({
      status: 0,
      stderr: '',
      stdout: `v1: Pulling from app\n${blob}: Pulling fs layer\n${blob}: Verifying Checksum\n${blob}: Download complete\n${blob}: Pull complete\nDigest: ${digest}\nStatus: Downloaded newer image for localhost:5000/app:v1\nlocalhost:5000/app:v1\n`,
    });
    expect(t.engine.images.resolve('localhost:5000/app:v1').id).toBe(t.busybox.id);
    expect((await t.run(['pull', `localhost:5000/app@${digest}`])).stdout).toContain(`Status: Image is up to date for localhost:5000/app@${digest}`);
    expect((await t.run(['run', '--rm', 'localhost:5000/app:v1', 'cat', '/etc/motd'])).stdout).toBe('Welcome\n');
    expect((await t.run(['pull', 'localhost:5000/app:nope'])).stderr).toBe('Error response from daemon: manifest for localhost:5000/app:nope not found: manifest unknown: manifest unknown\n');
    c.kill('SIGTERM');
    await c.wait();
    expect((await t.run(['push', 'localhost:5000/app:v1'])).stderr).toBe('Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\n');
  });

  it('docker login localhost:5000: registry:2 has no auth, so any credentials succeed and are stored under the host', async () => {
    const t = dockerTest();
    connectHost(t.tm.machine, t.engine);
    const refused = await t.run(['login', '-u', 'bob', '-p', 'pw', 'localhost:5000']);
    expect(refused).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError response from daemon: Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\n',
    });
    expect(await t.run(['login', '-u', 'bob', '--password-stdin', 'nowhere.example:5000'], { stdin: 'pw\n' })).toMatchObject({
      status: 1,
      stderr: 'Error response from daemon: Get "https://nowhere.example:5000/v2/": dial tcp: lookup nowhere.example: no such host\n',
    });
    const image = daemonImage(t.busybox, 'registry', '/bin/registry', ['/bin/registry', 'serve', '/etc/docker/registry/config.yml'], {
      '/etc/docker/registry/config.yml': 'version: 0.1\nhttp:\n  addr: :5000\n',
    });
    const c = t.engine.createContainer(image, { imageRef: 'registry:2', name: 'registry', hostConfig: { portBindings: { '5000/tcp': [{ hostIp: '', hostPort: '5000' }] } } });
    await c.start();
    await untilLogged(c, 'listening on');
    const ok = await t.run(['login', '-u', 'bob', '--password-stdin', 'localhost:5000'], { stdin: 'anything\n' });
    expect(ok).toMatchObject({ status: 0, stdout: 'Login Succeeded\n' });
    expect(ok.stderr).toContain("WARNING! Your credentials are stored unencrypted in '");
    const config = JSON.parse((await runCommand(t.tm, ['bash', '-c', 'cat ~/.docker/config.json'])).stdout) as { auths: Record<string, { auth: string }> };
    expect(Object.keys(config.auths)).toEqual(['localhost:5000']);
    expect(config.auths['localhost:5000']!.auth).toBe(btoa('bob:anything'));
    expect(await t.run(['login', 'localhost:5000'])).toMatchObject({ status: 0, stdout: 'Login Succeeded\n', stderr: 'Authenticating with existing credentials... [Username: bob]\n\n' });
    c.kill('SIGTERM');
    await c.wait();
    // Stored credentials, registry gone: the CLI says why, then cannot ask without a terminal.
    expect(await t.run(['login', 'localhost:5000'])).toMatchObject({
      status: 1,
      stdout: '',
      stderr:
        'Authenticating with existing credentials... [Username: bob]\n\nLogin did not succeed, error: Error response from daemon: Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\nerror: cannot perform an interactive login from a non-TTY device\n',
    });
    expect(await t.run(['logout', 'localhost:5000'])).toMatchObject({ status: 0, stdout: 'Removing login credentials for localhost:5000\n' });
  });

  it('docker push on a terminal: per-layer Pushing bars rewritten in place, the final screen shows Pushed', async () => {
    const t = dockerTest();
    connectHost(t.tm.machine, t.engine);
    const image = daemonImage(t.busybox, 'registry', '/bin/registry', ['/bin/registry', 'serve', '/etc/docker/registry/config.yml'], {
      '/etc/docker/registry/config.yml': 'version: 0.1\nhttp:\n  addr: :5000\n',
    });
    const c = t.engine.createContainer(image, { imageRef: 'registry:2', name: 'registry', hostConfig: { portBindings: { '5000/tcp': [{ hostIp: '', hostPort: '5000' }] } } });
    await c.start();
    await untilLogged(c, 'listening on');
    const two = t.engine.images.add(daemonImage(t.busybox, 'app', '/bin/app', ['/bin/app'], { '/data.txt': 'data\n'.repeat(100) }));
    t.engine.images.tag(parseDockerRef('localhost:5000/two:v1'), two.id);
    const [base, top] = two.layers.map((l) => l.diffId.slice(7, 19));
    const outer = new Pty({ columns: 120, rows: 24, echo: true });
    const screen = new Screen(120, 24);
    let raw = '';
    outer.onOutput((d) => {
      raw += d;
      screen.write(d);
    });
    expect(await onTerminal(t, outer, ['push', 'localhost:5000/two:v1'])).toBe(0);
    const digest = t.engine.images.digestsOf(two.id)[0]!.digest!;
    const manifest = (await runCommand(t.tm, ['bash', '-c', 'curl -s localhost:5000/v2/two/manifests/v1 | wc -c'])).stdout.trim();
    expect(screen.toString()).toBe(
      [`The push refers to repository [localhost:5000/two]`, `${top}: Pushed`, `${base}: Pushed`, `v1: digest: ${digest} size: ${manifest}`].join('\n'),
    );
    // While uploading, the layer's line showed the bar with the uncompressed tar's size.
    const topSize = two.layers[1]!.tarSize;
    const bar = `[${'='.repeat(17)}>${' '.repeat(33)}]`;
    expect(raw).toContain(`\x1b[2K\r${top}: Pushing ${bar} ${humanSize(Math.round(topSize * 0.35)).padStart(8)}/${humanSize(topSize)} 0s\r`);
    // A second push: every layer already exists; a pipe gets one line per message and no counts.
    const again = await t.run(['push', 'localhost:5000/two:v1']);
    expect(again.stdout).toBe(
      `The push refers to repository [localhost:5000/two]\n${top}: Preparing\n${base}: Preparing\n${top}: Layer already exists\n${base}: Layer already exists\nv1: digest: ${digest} size: ${manifest}\n`,
    );
    // Pulled back on a terminal: one line per layer (keyed by the compressed blob), rewritten up to Pull complete.
    await t.run(['rmi', '-f', two.id]);
    await t.run(['rmi', '-f', t.busybox.id]);
    const blobs = (JSON.parse((await runCommand(t.tm, ['bash', '-c', 'curl -s localhost:5000/v2/two/manifests/v1'])).stdout) as { layers: Array<{ digest: string; size: number }> }).layers;
    const pullScreen = new Screen(120, 24);
    let pullRaw = '';
    outer.onOutput((d) => {
      pullRaw += d;
      pullScreen.write(d);
    });
    expect(await onTerminal(t, outer, ['pull', 'localhost:5000/two:v1'])).toBe(0);
    expect(pullScreen.toString()).toBe(
      [
        'v1: Pulling from two',
        ...blobs.map((b) => `${b.digest.slice(7, 19)}: Pull complete`),
        `Digest: ${digest}`,
        'Status: Downloaded newer image for localhost:5000/two:v1',
        'localhost:5000/two:v1',
      ].join('\n'),
    );
    const first = blobs[0]!;
    expect(pullRaw).toContain(`${first.digest.slice(7, 19)}: Downloading ${bar} ${humanSize(Math.round(first.size * 0.35)).padStart(8)}/${humanSize(first.size)} 0s\r`);
    expect(pullRaw).toContain(`${first.digest.slice(7, 19)}: Extracting ${bar} `);
    c.kill('SIGTERM');
    await c.wait();
  });

  it('docker run -v regdata:/var/lib/registry: pushed data lands in the volume; docker rm -f stops the daemon cleanly', async () => {
    const t = dockerTest();
    connectHost(t.tm.machine, t.engine);
    const image = t.engine.images.add(
      daemonImage(t.busybox, 'registry', '/bin/registry', ['/bin/registry', 'serve', '/etc/docker/registry/config.yml'], {
        '/etc/docker/registry/config.yml': 'version: 0.1\nhttp:\n  addr: :5000\n',
      }),
    );
    t.engine.images.tag(parseDockerRef('registry:2'), image.id);
    expect((await t.run(['run', '-d', '-p', '5000:5000', '-v', 'regdata:/var/lib/registry', '--name', 'registry', 'registry:2'])).status).toBe(0);
    await untilLogged(t.engine.containers.resolve('registry'), 'listening on');
    await t.run(['tag', 'busybox', 'localhost:5000/kept:1']);
    expect((await t.run(['push', 'localhost:5000/kept:1'])).status).toBe(0);
    expect(t.engine.volumes.get('regdata')!.fs.readdir('/docker/registry/v2/repositories')).toEqual(['kept']);
    // SIGKILL ends the accept loop too; nothing is left rejected behind the program.
    expect(await t.run(['rm', '-f', 'registry'])).toMatchObject({ status: 0, stdout: 'registry\n' });
    expect(t.engine.volumes.get('regdata')!.fs.readdir('/docker/registry/v2/repositories/kept/_manifests/tags')).toEqual(['1']);
  });
});
