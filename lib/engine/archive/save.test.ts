import { describe, expect, test } from 'vitest';
import { syntheticContent } from '../fs/Content';
import { LayerBuilder } from '../fs/LayerTree';
import { parseDockerRef } from '../format/reference';
import { listTar, writeTar } from '../format/tar';
import { sha256 } from '../format/digest';
import { append } from '../image/append';
import { Layer } from '../image/Layer';
import { layerTarEntries } from '../image/layerTar';
import { runCommand } from '../../shell/testing/harness';
import { dockerTest } from '../cli/testing/harness';
import { layerTarContent } from './contentTar';
import { saveImages } from './save';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
/** moby's container.Config with nothing set, as Go marshals the struct value V1Image.ContainerConfig. */
const EMPTY_CONTAINER_CONFIG =
  '{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null}';

function entriesOf(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(listTar(bytes).map((e) => [e.name, e.data]));
}

describe('docker save', () => {
  test('-o writes the Engine 25 layout: blobs, index.json with both annotations, manifest.json, oci-layout, repositories', async () => {
    const t = dockerTest();
    const r = await t.run(['save', '-o', 'bb.tar', 'busybox']);
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const st = t.tm.fs.stat('/home/learner/bb.tar');
    // CopyToFile goes through os.CreateTemp: the archive is -rw------- and belongs to the caller.
    expect(st.mode).toBe(0o600);
    expect(st.uid).toBe(1000);
    const bytes = t.tm.fs.readFile('/home/learner/bb.tar');
    const img = t.busybox;
    const layer = img.layers[0]!;
    const diffHex = layer.diffId.slice(7);
    const cfgHex = img.id.slice(7);
    const files = entriesOf(bytes);
    const manifestBytes = new TextEncoder().encode(
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"${img.id}","size":${img.rawConfig.length}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"${layer.diffId}","size":${layer.tarSize}}]}`,
    );
    const mHex = sha256(manifestBytes).slice(7);
    // moby still writes the layer's legacy v1 JSON (CreateID: the JSON without "id", keys sorted, plus layer_id).
    const cc = EMPTY_CONTAINER_CONFIG;
    const conf = cc.replace('"Env":null,"Cmd":null', '"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]');
    const v1Id = sha256(utf8(`{"architecture":"amd64","config":${conf},"container_config":${cc},"created":"2026-01-01T00:00:00Z","layer_id":"${layer.diffId}","os":"linux"}`)).slice(7);
    const v1Json = utf8(`{"id":"${v1Id}","created":"2026-01-01T00:00:00Z","container_config":${cc},"config":${conf},"architecture":"amd64","os":"linux"}`);
    const v1Hex = sha256(v1Json).slice(7);
    expect([...files.keys()]).toEqual(
      ['blobs/', 'blobs/sha256/', ...[cfgHex, diffHex, mHex, v1Hex].sort().map((h) => `blobs/sha256/${h}`), 'index.json', 'manifest.json', 'oci-layout', 'repositories'],
    );
    expect(files.get(`blobs/sha256/${v1Hex}`)).toEqual(v1Json);
    expect(files.get(`blobs/sha256/${cfgHex}`)).toEqual(img.rawConfig);
    expect(sha256(files.get(`blobs/sha256/${diffHex}`)!)).toBe(layer.diffId);
    expect(files.get(`blobs/sha256/${mHex}`)).toEqual(manifestBytes);
    expect(text(files.get('oci-layout')!)).toBe('{"imageLayoutVersion": "1.0.0"}');
    expect(text(files.get('index.json')!)).toBe(
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:${mHex}","size":${manifestBytes.length},"annotations":{"io.containerd.image.name":"docker.io/library/busybox:latest","org.opencontainers.image.ref.name":"latest"}}]}`,
    );
    expect(text(files.get('manifest.json')!)).toBe(
      `[{"Config":"blobs/sha256/${cfgHex}","RepoTags":["busybox:latest"],"Layers":["blobs/sha256/${diffHex}"],"LayerSources":{"${layer.diffId}":{"mediaType":"application/vnd.oci.image.layer.v1.tar","size":${layer.tarSize},"digest":"${layer.diffId}"}}}]\n`,
    );
    expect(text(files.get('repositories')!)).toBe(`{"busybox":{"latest":"${diffHex}"}}\n`);
    // The host's own tools see an ordinary file.
    const ls = await runCommand(t.tm, ['tar', '-tf', 'bb.tar']);
    expect(ls.stdout.split('\n')).toContain('manifest.json');
  });

  test('stdout redirected: the same bytes; a terminal is refused with the CLI message', async () => {
    const t = dockerTest();
    const piped = await t.run(['image', 'save', 'busybox']);
    expect(piped.status).toBe(0);
    expect(piped.stdoutBytes).toEqual(saveImages(t.engine.images, ['busybox']).bytes());
    const tty = await t.run(['save', 'busybox'], { stdoutIsTTY: true });
    expect(tty).toMatchObject({ status: 1, stdout: '', stderr: 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n' });
  });

  test('several images and tags: a bare name saves every tag of the repository; an ID saves untagged', async () => {
    const t = dockerTest();
    t.engine.images.tag(parseDockerRef('busybox:1.36'), t.busybox.id);
    t.engine.images.tag(parseDockerRef('me/app:v1'), t.busybox.id);
    const files = entriesOf(saveImages(t.engine.images, ['busybox', 'me/app:v1']).bytes());
    const manifest = JSON.parse(text(files.get('manifest.json')!)) as Array<{ RepoTags: string[] }>;
    expect(manifest.map((m) => m.RepoTags)).toEqual([['busybox:1.36', 'busybox:latest', 'me/app:v1']]);
    const index = JSON.parse(text(files.get('index.json')!)) as { manifests: Array<{ annotations: Record<string, string> }> };
    expect(index.manifests.map((m) => m.annotations['io.containerd.image.name'])).toEqual([
      'docker.io/library/busybox:1.36',
      'docker.io/library/busybox:latest',
      'docker.io/me/app:v1',
    ]);
    expect(JSON.parse(text(files.get('repositories')!))).toEqual({ busybox: { '1.36': expect.any(String), latest: expect.any(String) }, 'me/app': { v1: expect.any(String) } });
    const byId = entriesOf(saveImages(t.engine.images, [t.busybox.id.slice(7, 19)]).bytes());
    expect(text(byId.get('manifest.json')!)).toContain('"RepoTags":null');
    expect(byId.has('repositories')).toBe(false);
    expect(text(byId.get('index.json')!)).not.toContain('annotations');
  });

  test('legacy v1 JSON blobs: a stub for each lower layer, chained by parent; the top carries the image fields', () => {
    const t = dockerTest();
    const b = new LayerBuilder();
    b.add('/added', { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, content: syntheticContent(10, 1) });
    const created = '2026-02-03T04:05:06.700Z';
    const img = t.engine.images.add(
      append({ base: t.busybox, addenda: [{ layer: new Layer(b.freeze()), history: { created, created_by: 'two' } }], config: { Cmd: ['a<b'] }, created }),
    );
    t.engine.images.tag(parseDockerRef('two:v1'), img.id);
    const files = entriesOf(saveImages(t.engine.images, ['two:v1']).bytes());
    const [d0, d1] = img.diffIds;
    const chain1 = sha256(utf8(`${d0} ${d1}`));
    const cc = EMPTY_CONTAINER_CONFIG;
    const stubId = sha256(utf8(`{"container_config":${cc},"created":"1970-01-01T00:00:00Z","layer_id":"${d0}"}`));
    const stub = utf8(`{"id":"${stubId.slice(7)}","created":"1970-01-01T00:00:00Z","container_config":${cc},"os":"linux"}`);
    expect(files.get(`blobs/sha256/${sha256(stub).slice(7)}`)).toEqual(stub);
    // Go escapes < in strings (HTML-safe JSON) and writes created as RFC 3339 without trailing zeros.
    const conf = JSON.stringify(JSON.parse(text(img.rawConfig)).config);
    const goConf = cc.replace('"Env":null,"Cmd":null', `"Env":${JSON.stringify(JSON.parse(conf).Env ?? null)},"Cmd":["a\\u003cb"]`);
    const topId = sha256(utf8(`{"architecture":"amd64","config":${goConf},"container_config":${cc},"created":"2026-02-03T04:05:06.7Z","layer_id":"${chain1}","os":"linux","parent":"${stubId}"}`));
    const top = utf8(`{"id":"${topId.slice(7)}","parent":"${stubId.slice(7)}","created":"2026-02-03T04:05:06.7Z","container_config":${cc},"config":${goConf},"architecture":"amd64","os":"linux"}`);
    const blobNames = [...files.keys()].filter((n) => n.startsWith('blobs/sha256/'));
    expect(blobNames.map((n) => text(files.get(n)!)).filter((j) => j.startsWith(`{"id":"${topId.slice(7)}"`))).toEqual([text(top)]);
    // Nothing of the Engine ≤ 24 layout: no <id>/json, VERSION or layer.tar entries.
    expect([...files.keys()].filter((n) => !n.startsWith('blobs/'))).toEqual(['index.json', 'manifest.json', 'oci-layout', 'repositories']);
    // Directories, two layers, the config, the OCI manifest, two v1 JSON blobs; the four index files.
    expect(files.size).toBe(2 + 2 + 1 + 1 + 2 + 4);
  });

  test("errors: the daemon's texts, and no file is left behind", async () => {
    const t = dockerTest();
    expect(await t.run(['save', '-o', 'x.tar', 'nosuch'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: No such image: nosuch\n' });
    expect(await t.run(['save', '-o', 'x.tar', 'busybox:nope'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: reference does not exist\n' });
    expect(await t.run(['save', '-o', 'nodir/x.tar', 'busybox'])).toMatchObject({
      status: 1,
      stderr: 'failed to save image: invalid output path: directory "nodir" does not exist\n',
    });
    expect(t.tm.fs.readdir('/home/learner').filter((n) => n.includes('x.tar') || n.startsWith('.docker_temp'))).toEqual([]);
    expect(await t.run(['save'])).toMatchObject({ status: 1, stderr: expect.stringContaining("docker: 'docker save' requires at least 1 argument") });
  });

  test('layer tars as lazy content are byte-identical to the streaming writer', () => {
    const b = new LayerBuilder();
    b.add('/a', { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 1e12 });
    b.add('/a/big', { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 1e12, content: syntheticContent(300_001, 5) });
    b.add('/a/small', { type: 'file', mode: 0o600, uid: 1, gid: 2, mtimeMs: 1e12, content: syntheticContent(17, 9) });
    b.whiteout('/gone');
    const tree = b.freeze();
    expect(layerTarContent(tree).bytes()).toEqual(writeTar(layerTarEntries(tree)));
  });

  test('a 1 GB synthetic image saves to a host file without being materialised', async () => {
    const t = dockerTest();
    const b = new LayerBuilder();
    b.add('/blob', { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, content: syntheticContent(1 << 30, 1) });
    const created = '2026-01-01T00:00:00Z';
    // A known diff_id (as catalog layers have) keeps this test from hashing a gigabyte.
    const layer = new Layer(b.freeze(), sha256(new Uint8Array([1])));
    const img = t.engine.images.add(append({ base: null, addenda: [{ layer, history: { created } }], config: {}, created }));
    t.engine.images.tag(parseDockerRef('big'), img.id);
    const before = process.memoryUsage().arrayBuffers;
    expect((await t.run(['save', '-o', '/tmp/big.tar', 'big'])).status).toBe(0);
    expect(t.tm.fs.stat('/tmp/big.tar').size).toBeGreaterThan(1 << 30);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
  });
});
