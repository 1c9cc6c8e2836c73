import { describe, expect, test } from 'vitest';
import { gunzip } from '../format/compression';
import { sha256 } from '../format/digest';
import { decodeManifest } from '../format/manifest';
import { parseDockerRef } from '../format/reference';
import { textContent } from '../fs/Content';
import { LayerBuilder } from '../fs/LayerTree';
import { append } from '../image/append';
import { Layer } from '../image/Layer';
import { dockerTest } from '../cli/testing/harness';

const HOME = '/home/learner';
const UNENCRYPTED = `\nWARNING! Your credentials are stored unencrypted in '${HOME}/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`;
const INSECURE = 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n';

function chunksBytes(chunks: Iterable<Uint8Array>): Uint8Array {
  const all = [...chunks];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of all) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

describe('docker login / logout', () => {
  test('-u/-p: the insecure warning, the unencrypted-storage warning, Login Succeeded, config.json', async () => {
    const t = dockerTest();
    const r = await t.run(['login', '-u', 'alice', '-p', 's3cret']);
    expect(r).toMatchObject({ status: 0, stdout: 'Login Succeeded\n', stderr: INSECURE + UNENCRYPTED });
    const cfg = t.tm.fs.readFile(`${HOME}/.docker/config.json`);
    expect(new TextDecoder().decode(cfg)).toBe('{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "YWxpY2U6czNjcmV0"\n\t\t}\n\t}\n}');
    expect(t.tm.fs.stat(`${HOME}/.docker/config.json`).mode).toBe(0o600);
    expect(await t.run(['logout'])).toMatchObject({ status: 0, stdout: 'Removing login credentials for https://index.docker.io/v1/\n' });
    expect(await t.run(['logout'])).toMatchObject({ status: 0, stdout: 'Not logged in to https://index.docker.io/v1/\n' });
  });

  test('--password-stdin; a wrong password later; no TTY and no credentials', async () => {
    const t = dockerTest();
    expect(await t.run(['login', '-u', 'alice', '--password-stdin'], { stdin: 's3cret\n' })).toMatchObject({ status: 0, stdout: 'Login Succeeded\n', stderr: UNENCRYPTED });
    expect(await t.run(['login', '-u', 'alice', '--password-stdin'], { stdin: 'wrong\n' })).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n',
    });
    expect(await t.run(['login', '--password-stdin'], { stdin: 'x' })).toMatchObject({ status: 1, stderr: 'Must provide --username with --password-stdin\n' });
    const fresh = dockerTest();
    expect(await fresh.run(['login'])).toMatchObject({ status: 1, stderr: 'error: cannot perform an interactive login from a non-TTY device\n' });
    // Stored credentials are tried first.
    expect(await t.run(['login'])).toMatchObject({ status: 0, stdout: 'Login Succeeded\n', stderr: 'Authenticating with existing credentials... [Username: alice]\n\n' });
  });
});

describe('docker push to the simulated Hub', () => {
  test('without login, or to a namespace that is not yours: denied after Preparing', async () => {
    const t = dockerTest();
    const id = t.busybox.layers[0]!.diffId.slice(7, 19);
    t.engine.images.tag(parseDockerRef('alice/app'), t.busybox.id);
    expect(await t.run(['push', 'alice/app'])).toMatchObject({
      status: 1,
      stdout: `Using default tag: latest\nThe push refers to repository [docker.io/alice/app]\n${id}: Preparing\n`,
      stderr: 'denied: requested access to the resource is denied\n',
    });
    await t.run(['login', '-u', 'alice', '-p', 'pw']);
    expect((await t.run(['push', 'busybox'])).stderr).toBe('denied: requested access to the resource is denied\n');
    t.engine.images.tag(parseDockerRef('bob/app:1'), t.busybox.id);
    expect((await t.run(['push', 'bob/app:1'])).stderr).toBe('denied: requested access to the resource is denied\n');
    expect(await t.run(['push', 'alice/nothing:v9'])).toMatchObject({
      status: 1,
      stdout: 'The push refers to repository [docker.io/alice/nothing]\n',
      stderr: 'An image does not exist locally with the tag: alice/nothing\n',
    });
    expect(t.engine.hub.registry.repositories()).toEqual([]);
  });

  test('push: gzip blobs, a real schema2 manifest, digest line; again: Layer already exists; another repo: Mounted from; RepoDigests; pull back', async () => {
    const t = dockerTest();
    const layer = t.busybox.layers[0]!;
    const id = layer.diffId.slice(7, 19);
    t.engine.images.tag(parseDockerRef('alice/app:v1'), t.busybox.id);
    await t.run(['login', '-u', 'alice', '-p', 'pw']);
    const r = await t.run(['push', 'alice/app:v1']);
    const stored = t.engine.hub.registry.resolve('alice/app', 'v1')!;
    expect(r).toMatchObject({
      status: 0,
      stderr: '',
      stdout: `The push refers to repository [docker.io/alice/app]\n${id}: Preparing\n${id}: Pushed\nv1: digest: ${stored.digest} size: ${stored.bytes.length}\n`,
    });
    expect(sha256(stored.bytes)).toBe(stored.digest);
    const m = decodeManifest(stored.bytes);
    expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(m.config.digest).toBe(t.busybox.id);
    const blob = t.engine.hub.registry.blob(m.layers[0]!.digest)!;
    const wire = chunksBytes(blob.chunks());
    expect(m.layers[0]!.digest).not.toBe(layer.diffId);
    expect(sha256(wire)).toBe(m.layers[0]!.digest);
    expect(wire.length).toBe(m.layers[0]!.size);
    expect(sha256(gunzip(wire))).toBe(layer.diffId);
    expect(new TextDecoder().decode(stored.bytes)).toContain('\n   "schemaVersion": 2,');
    // RepoDigests
    expect(t.engine.images.digestsOf(t.busybox.id).map((d) => `${d.path}@${d.digest}`)).toEqual([`alice/app@${stored.digest}`]);

    const again = await t.run(['push', 'alice/app:v1']);
    expect(again.stdout).toBe(`The push refers to repository [docker.io/alice/app]\n${id}: Preparing\n${id}: Layer already exists\nv1: digest: ${stored.digest} size: ${stored.bytes.length}\n`);
    t.engine.images.tag(parseDockerRef('alice/other'), t.busybox.id);
    const mounted = await t.run(['push', 'alice/other']);
    expect(mounted.stdout).toContain(`${id}: Mounted from alice/app\n`);

    // A fresh engine state: remove the local image, pull it back from the Hub.
    await t.run(['rmi', '-f', t.busybox.id]);
    expect(t.engine.images.has(t.busybox.id)).toBe(false);
    const pulled = await t.run(['pull', 'alice/app:v1']);
    const blobId = m.layers[0]!.digest.slice(7, 19);
    expect(pulled).toMatchObject({
      status: 0,
      stdout: `v1: Pulling from alice/app\n${blobId}: Pulling fs layer\n${blobId}: Verifying Checksum\n${blobId}: Download complete\n${blobId}: Pull complete\nDigest: ${stored.digest}\nStatus: Downloaded newer image for alice/app:v1\ndocker.io/alice/app:v1\n`,
    });
    expect(t.engine.images.resolve('alice/app:v1').id).toBe(t.busybox.id);
    expect((await t.run(['pull', `alice/app@${stored.digest}`])).status).toBe(0);
    expect((await t.run(['pull', 'alice/app:nope'])).stderr).toBe('Error response from daemon: manifest for alice/app:nope not found: manifest unknown: manifest unknown\n');
  });

  test('more than five layers: the rest wait; docker images --digests and inspect show the pushed digest', async () => {
    const t = dockerTest();
    const created = '2026-01-01T00:00:00Z';
    const addenda = Array.from({ length: 7 }, (_, i) => {
      const b = new LayerBuilder();
      b.add(`/f${i}`, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, content: textContent(`${i}\n`) });
      return { layer: new Layer(b.freeze()), history: { created, created_by: `step ${i}` } };
    });
    const img = t.engine.images.add(append({ base: null, addenda, config: {}, created }));
    t.engine.images.tag(parseDockerRef('alice/seven'), img.id);
    await t.run(['login', '-u', 'alice', '-p', 'pw']);
    const r = await t.run(['image', 'push', 'alice/seven']);
    const ids = [...img.layers].reverse().map((l) => l.diffId.slice(7, 19));
    const stored = t.engine.hub.registry.resolve('alice/seven', 'latest')!;
    expect(r.stdout).toBe(
      [
        'Using default tag: latest',
        'The push refers to repository [docker.io/alice/seven]',
        ...ids.flatMap((id, i) => (i >= 5 ? [`${id}: Preparing`, `${id}: Waiting`] : [`${id}: Preparing`])),
        ...ids.map((id) => `${id}: Pushed`),
        `latest: digest: ${stored.digest} size: ${stored.bytes.length}`,
        '',
      ].join('\n'),
    );
    const digests = await t.run(['images', '--digests', 'alice/seven']);
    expect(digests.stdout).toContain(`alice/seven   latest    ${stored.digest}`);
    const inspect = await t.run(['inspect', '--format', '{{json .RepoDigests}}', 'alice/seven']);
    expect(inspect.stdout).toBe(`["alice/seven@${stored.digest}"]\n`);
  });
});
