import { beforeAll, describe, expect, test } from 'vitest';
import { Catalog } from '../../registry/catalog';
import { nodeCatalogSource } from '../../registry/catalog/testing/nodeCatalogSource';
import { dockerTest } from '../testing/harness';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

const short = (d: string) => d.slice(7, 19);

describe('docker pull', () => {
  test('a fresh pull of alpine, then again: up to date', async () => {
    const t = dockerTest({ catalog });
    const hit = catalog.resolve('alpine')!;
    const layer = short(hit.image.layers[0]!.diffId);
    expect(layer).toBe('cb49fd33d0fa');
    const r = await t.run(['pull', 'alpine']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'Using default tag: latest',
        'latest: Pulling from library/alpine',
        'cb49fd33d0fa: Pulling fs layer',
        'cb49fd33d0fa: Verifying Checksum',
        'cb49fd33d0fa: Download complete',
        'cb49fd33d0fa: Pull complete',
        'Digest: sha256:24fc327cf1e44a93f7e7b7f441d97b986d9012063f4bc8f6db5dd64f6e3a2e78',
        'Status: Downloaded newer image for alpine:latest',
        'docker.io/library/alpine:latest',
        '',
      ].join('\n'),
    );
    const img = t.engine.images.resolve('alpine');
    expect(img.id).toBe(hit.image.config);
    expect(t.engine.images.refsOf(img.id).map((x) => `${x.path}${x.tag ? `:${x.tag}` : ''}${x.digest ? `@${x.digest}` : ''}`)).toEqual([
      'library/alpine:latest',
      `library/alpine@${hit.manifestDigest}`,
    ]);
    const again = await t.run(['pull', 'alpine:latest']);
    expect(again.stdout).toBe(
      [
        'latest: Pulling from library/alpine',
        `Digest: ${hit.manifestDigest}`,
        'Status: Image is up to date for alpine:latest',
        'docker.io/library/alpine:latest',
        '',
      ].join('\n'),
    );
  });

  test('-q prints only the reference', async () => {
    const t = dockerTest({ catalog });
    const r = await t.run(['image', 'pull', '-q', 'alpine']);
    expect(r).toMatchObject({ status: 0, stdout: 'docker.io/library/alpine:latest\n', stderr: '' });
  });

  test('nginx after debian:bookworm-slim reuses the shared base layer; layers beyond three wait', async () => {
    const t = dockerTest({ catalog });
    await t.run(['pull', 'debian:bookworm-slim']);
    const r = await t.run(['pull', 'nginx']);
    const ids = catalog.resolve('nginx')!.image.layers.map((l) => short(l.diffId));
    expect(ids[0]).toBe(short(catalog.resolve('debian:bookworm-slim')!.image.layers[0]!.diffId));
    const fresh = ids.slice(1);
    expect(r.stdout).toBe(
      [
        'Using default tag: latest',
        'latest: Pulling from library/nginx',
        `${ids[0]}: Already exists`,
        ...fresh.flatMap((id, i) => (i >= 3 ? [`${id}: Pulling fs layer`, `${id}: Waiting`] : [`${id}: Pulling fs layer`])),
        ...fresh.flatMap((id) => [`${id}: Verifying Checksum`, `${id}: Download complete`]),
        ...fresh.map((id) => `${id}: Pull complete`),
        `Digest: ${catalog.resolve('nginx')!.manifestDigest}`,
        'Status: Downloaded newer image for nginx:latest',
        'docker.io/library/nginx:latest',
        '',
      ].join('\n'),
    );
    expect(ids[1]).toBe('bbae7e626682');
  });

  test('unknown repository and unknown tag', async () => {
    const t = dockerTest({ catalog });
    const a = await t.run(['pull', 'nosuchthing']);
    expect(a.status).toBe(1);
    expect(a.stdout).toBe('Using default tag: latest\n');
    expect(a.stderr).toBe(
      "Error response from daemon: pull access denied for nosuchthing, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
    );
    const b = await t.run(['pull', 'alpine:nope']);
    expect(b).toMatchObject({ status: 1, stdout: '', stderr: 'Error response from daemon: manifest for alpine:nope not found: manifest unknown: manifest unknown\n' });
    expect(t.engine.images.find('alpine:nope')).toBeUndefined();
  });

  test('without a registry the daemon cannot reach Docker Hub', async () => {
    const t = dockerTest();
    const r = await t.run(['pull', 'alpine:3']);
    expect(r).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host\n',
    });
  });
});

describe('docker search', () => {
  test('table, truncation, filters, limit', async () => {
    const t = dockerTest({ catalog });
    const r = await t.run(['search', 'nginx']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe('NAME      DESCRIPTION                STARS     OFFICIAL\nnginx     Official build of Nginx.   20500     [OK]\n');
    // Descriptions are cut to 45 cells, the last one being the ellipsis.
    const alpine = await t.run(['search', 'alpine']);
    const desc = 'A minimal Docker image based on Alpine Linux…';
    expect(alpine.stdout).toBe(`${'NAME'.padEnd(10)}${'DESCRIPTION'.padEnd(48)}STARS     OFFICIAL\n${'alpine'.padEnd(10)}${desc.padEnd(48)}11000     [OK]\n`);
    const full = await t.run(['search', '--no-trunc', '--format', '{{.Description}}', 'alpine']);
    expect(full.stdout).toBe('A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!\n');
    // --limit cuts the registry's answer (most stars first); filters apply to what is left.
    const top = await t.run(['search', '--limit', '3', '--format', '{{.Name}} {{.StarCount}} {{.IsOfficial}}', 'e']);
    expect(top.stdout).toBe('ubuntu 17000 [OK]\nmysql 15900 [OK]\npostgres 14000 [OK]\n');
    const user = await t.run(['search', '--filter', 'is-official=false', '--format', '{{.Name}}|{{.IsOfficial}}|', 'e']);
    expect(user.stdout).toBe('docker/whalesay||\nlearn/tutorial||\ntraining/webapp||\ndockersamples/static-site||\n');
    const stars = await t.run(['search', '-f', 'stars=13000', '--format', '{{.Name}}', 'e']);
    expect(stars.stdout).toBe('ubuntu\nmysql\npostgres\nnode\nredis\n');
    const badFilter = await t.run(['search', '--filter', 'stars=many', 'nginx']);
    expect(badFilter).toMatchObject({ status: 1, stderr: "Error response from daemon: invalid filter 'stars=many'\n" });
    const none = await t.run(['search', '--filter', 'stars=100000', 'nginx']);
    expect(none.stdout).toBe('NAME      DESCRIPTION   STARS     OFFICIAL\n');
    const bad = await t.run(['search', '--limit', '0', 'nginx']);
    expect(bad).toMatchObject({ status: 1, stderr: 'Error response from daemon: limit 0 is outside the range of [1, 100]\n' });
  });
});
