import { describe, expect, test } from 'vitest';
import { sha256 } from '../format/digest';
import { gzip } from '../format/compression';
import { parseDockerRef } from '../format/reference';
import { listTar } from '../format/tar';
import { formatRfc3339Nano } from '../format/time';
import { append } from '../image/append';
import { dockerTest, type DockerTest } from '../cli/testing/harness';
import { ArchiveError } from './ArchiveError';
import { planLoad } from './load';
import { saveImages } from './save';
import { compressWith, dir, file, hardlink, storeSnapshot, symlink, tar } from './testing/archives';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function savedMembers(t: DockerTest, names: string[]): Map<string, Uint8Array> {
  return new Map(listTar(saveImages(t.engine.images, names).bytes()).map((e) => [e.name, e.data]));
}

/** busybox's pieces, to assemble other layouts by hand. */
function parts(t: DockerTest) {
  const img = t.busybox;
  const layerTar = savedMembers(t, ['busybox']).get(`blobs/sha256/${img.layers[0]!.diffId.slice(7)}`)!;
  return { img, layerTar, cfgHex: img.id.slice(7), diffHex: img.layers[0]!.diffId.slice(7) };
}

async function loadBytes(t: DockerTest, bytes: Uint8Array, args: string[] = []) {
  return t.run(['load', ...args], { stdin: bytes });
}

describe('docker load', () => {
  test('save, rmi, load -i: the same image ID, tag and file contents; saving again gives the same bytes', async () => {
    const t = dockerTest();
    expect((await t.run(['save', '-o', 'bb.tar', 'busybox'])).status).toBe(0);
    const first = t.tm.fs.readFile('/home/learner/bb.tar');
    const id = t.busybox.id;
    expect((await t.run(['rmi', 'busybox'])).status).toBe(0);
    expect(t.engine.images.has(id)).toBe(false);
    const r = await t.run(['load', '-i', 'bb.tar']);
    expect(r).toMatchObject({ status: 0, stdout: 'Loaded image: busybox:latest\n', stderr: '' });
    const img = t.engine.images.resolve('busybox');
    expect(img.id).toBe(id);
    const passwd = img.layers[0]!.tree.get('/etc/passwd');
    expect(passwd?.type === 'file' ? text(passwd.content.bytes()) : '').toContain('root:x:0:0');
    expect(saveImages(t.engine.images, ['busybox']).bytes()).toEqual(first);
  });

  test('stdin; progress lines only on a terminal and without -q; an untagged archive reports the ID', async () => {
    const t = dockerTest();
    const archive = saveImages(t.engine.images, ['busybox']).bytes();
    await t.run(['rmi', 'busybox']);
    const tty = await t.run(['image', 'load'], { stdin: archive, stdoutIsTTY: true });
    const l = t.busybox.layers[0]!;
    const size = (l.tarSize / 1000).toPrecision(4).replace(/\.?0+$/, '');
    expect(tty.stdout).toBe(`${l.diffId.slice(7, 19)}: Loading layer ${`${size}kB`.padStart(8)}/${size}kB\nLoaded image: busybox:latest\n`);
    await t.run(['rmi', 'busybox']);
    expect((await t.run(['load', '-q'], { stdin: archive, stdoutIsTTY: true })).stdout).toBe('Loaded image: busybox:latest\n');
    const byId = saveImages(t.engine.images, [t.busybox.id]).bytes();
    await t.run(['rmi', 'busybox']);
    expect((await loadBytes(t, byId)).stdout).toBe(`Loaded image ID: ${t.busybox.id}\n`);
    expect(t.engine.images.tagsOf(t.busybox.id)).toEqual([]);
  });

  test('a tag that named another image moves, with the message Docker prints', async () => {
    const t = dockerTest();
    const archive = saveImages(t.engine.images, ['busybox']).bytes();
    const created = formatRfc3339Nano(Date.UTC(2026, 1, 1));
    const other = t.engine.images.add(append({ base: t.busybox, addenda: [{ history: { created, created_by: 'x' } }], config: { Cmd: ['x'] }, created }));
    t.engine.images.tag(parseDockerRef('busybox'), other.id);
    const r = await loadBytes(t, archive);
    expect(r.stdout).toBe(`The image busybox:latest already exists, renaming the old one with ID ${other.id} to empty string\nLoaded image: busybox:latest\n`);
    expect(t.engine.images.resolve('busybox').id).toBe(t.busybox.id);
  });

  test("Docker's older layout: <v1id>/layer.tar, <hex>.json, a symlinked duplicate layer", async () => {
    const t = dockerTest();
    const { layerTar, cfgHex, img } = parts(t);
    const v1a = 'a'.repeat(64);
    const v1b = 'b'.repeat(64);
    const archive = tar([
      dir(`${v1a}/`),
      file(`${v1a}/VERSION`, '1.0'),
      file(`${v1a}/json`, '{}'),
      file(`${v1a}/layer.tar`, layerTar),
      dir(`${v1b}/`),
      symlink(`${v1b}/layer.tar`, `../${v1a}/layer.tar`),
      file(`${cfgHex}.json`, img.rawConfig),
      file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['old:one'], Layers: [`${v1b}/layer.tar`] }])),
      file('repositories', JSON.stringify({ old: { one: v1a } })),
    ]);
    const r = await loadBytes(t, archive);
    expect(r).toMatchObject({ status: 0, stdout: 'Loaded image: old:one\n' });
    expect(t.engine.images.resolve('old:one').id).toBe(img.id);
  });

  test('a pure OCI layout (no manifest.json): named from io.containerd.image.name', async () => {
    const t = dockerTest();
    const m = savedMembers(t, ['busybox']);
    m.delete('manifest.json');
    m.delete('repositories');
    await t.run(['rmi', 'busybox']);
    const archive = tar([...m].map(([name, data]) => (name.endsWith('/') ? dir(name) : file(name, data))));
    expect(await loadBytes(t, archive)).toMatchObject({ status: 0, stdout: 'Loaded image: busybox:latest\n', stderr: '' });
  });

  test.each(['gzip', 'bzip2', 'xz', 'zstd'] as const)('layers and the whole archive compressed with %s', async (tool) => {
    const t = dockerTest();
    const { layerTar, cfgHex, img } = parts(t);
    const archive = tar([
      file(`${cfgHex}.json`, img.rawConfig),
      file('layer.bin', compressWith(tool, layerTar)),
      file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: [`z:${tool}`], Layers: ['layer.bin'] }])),
    ]);
    expect(await loadBytes(t, archive)).toMatchObject({ status: 0, stdout: `Loaded image: z:${tool}\n` });
    expect(await loadBytes(t, compressWith(tool, saveImages(t.engine.images, ['busybox']).bytes()))).toMatchObject({
      status: 0,
      stdout: 'Loaded image: busybox:latest\n',
    });
    // The layer keeps the uncompressed tar it was verified against.
    expect(sha256(saveImages(t.engine.images, [`z:${tool}`]).bytes()).length).toBe(71);
  });
});

describe('docker load: hostile and broken archives change nothing', () => {
  function evilLayer(entries: Parameters<typeof tar>[0]) {
    return (t: DockerTest) => {
      const layer = tar(entries);
      const diffId = sha256(layer);
      const cfg = new TextEncoder().encode(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] }, config: {} }));
      const cfgHex = sha256(cfg).slice(7);
      void t;
      return tar([
        file(`${cfgHex}.json`, cfg),
        file('l.tar', layer),
        file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['evil:latest'], Layers: ['l.tar'] }])),
      ]);
    };
  }
  const cases: Array<[string, (t: DockerTest) => Uint8Array, string]> = [
    ['no manifest.json', () => tar([file('x', 'y')]), 'invalid archive: does not contain a manifest.json'],
    ['empty input', () => new Uint8Array(0), 'unexpected EOF'],
    ['outer ../ path', () => tar([file('../escape', 'x'), file('manifest.json', '[]')]), 'invalid archive: member "../escape" points outside the root'],
    ['outer absolute path', () => tar([file('/etc/passwd', 'x'), file('manifest.json', '[]')]), 'invalid archive: member "/etc/passwd" has an absolute path'],
    ['outer symlink out of the archive', (t) => {
      const { cfgHex, img } = parts(t);
      return tar([symlink('l.tar', '../../etc/shadow'), file(`${cfgHex}.json`, img.rawConfig), file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: null, Layers: ['l.tar'] }]))]);
    }, 'invalid archive: link "l.tar" points outside the archive ("../../etc/shadow")'],
    ['duplicate member', () => tar([file('manifest.json', '[]'), file('manifest.json', '[]')]), 'invalid archive: duplicate member "manifest.json"'],
    ['null manifest', () => tar([file('manifest.json', 'null')]), 'invalid manifest, manifest cannot be null (but can be [])'],
    ['manifest naming a missing blob', () => tar([file('manifest.json', JSON.stringify([{ Config: 'blobs/sha256/nope', RepoTags: null, Layers: [] }]))]), 'invalid archive: "blobs/sha256/nope" is not in the archive'],
    ['layer count mismatch', (t) => {
      const { layerTar, cfgHex, img } = parts(t);
      return tar([file(`${cfgHex}.json`, img.rawConfig), file('l', layerTar), file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: null, Layers: ['l', 'l'] }]))]);
    }, 'invalid manifest, layers length mismatch: expected 1, got 2'],
    ['digest that does not match', (t) => {
      const { layerTar, cfgHex, img } = parts(t);
      const bad = layerTar.slice();
      bad[600] = bad[600]! ^ 1;
      return tar([file(`${cfgHex}.json`, img.rawConfig), file('l', bad), file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['x:y'], Layers: ['l'] }]))]);
    }, 'invalid diffID for layer 0: expected "'],
    ['truncated archive', (t) => saveImages(t.engine.images, ['busybox']).bytes().slice(0, 1500), 'invalid archive: unexpected EOF (archive ends inside a header block'],
    ['truncated layer', (t) => {
      const { layerTar, cfgHex, img } = parts(t);
      return tar([file(`${cfgHex}.json`, img.rawConfig), file('l', layerTar.slice(0, 700)), file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: null, Layers: ['l'] }]))]);
    }, 'invalid diffID for layer 0'],
    ['absurd header size', () => {
      const t = tar([file('manifest.json', '[]')]);
      // size field = 77777777777 octal (8 GiB) on a 2-block archive
      t.set(new TextEncoder().encode('77777777777\0'), 124);
      let sum = 0;
      t.fill(0x20, 148, 156);
      for (let i = 0; i < 512; i++) sum += t[i]!;
      t.set(new TextEncoder().encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
      return t;
    }, 'invalid archive: unexpected EOF'],
    ['layer with ../', evilLayer([file('../../etc/cron.d/x', 'boom')]), 'layer 0: member "../../etc/cron.d/x" points outside the root'],
    ['layer with an absolute path', evilLayer([file('/etc/passwd', 'boom')]), 'layer 0: member "/etc/passwd" has an absolute path'],
    ['layer writing through its own symlink', evilLayer([symlink('etc', '/host/etc'), file('etc/passwd', 'boom')]), 'layer 0: member "etc/passwd" goes through the symlink "etc"'],
    ['layer hard link out of the root', evilLayer([hardlink('x', '../../etc/shadow')]), 'layer 0: hard link "x" points outside the root ("../../etc/shadow")'],
    ['invalid whiteout', evilLayer([file('a/.wh...', '')]), 'layer 0: invalid whiteout "a/.wh..."'],
    ['duplicate layer member', evilLayer([file('a', '1'), file('a', '2')]), 'layer 0: duplicate member "a"'],
    ['invalid tag', (t) => {
      const { layerTar, cfgHex, img } = parts(t);
      return tar([file(`${cfgHex}.json`, img.rawConfig), file('l', layerTar), file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['UPPER:x'], Layers: ['l'] }]))]);
    }, 'invalid tag "UPPER:x"'],
  ];
  test.each(cases)('%s', async (_name, make, message) => {
    const t = dockerTest();
    const good = saveImages(t.engine.images, ['busybox']).bytes();
    void good;
    const before = storeSnapshot(t.engine.images);
    const archive = make(t);
    const r = await t.run(['load'], { stdin: archive, env: {} });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Error response from daemon: ${message}`);
    expect(storeSnapshot(t.engine.images)).toBe(before);
  });

  test('a tar bomb stops at the size limit', () => {
    const t = dockerTest();
    const before = storeSnapshot(t.engine.images);
    expect(() => planLoad(t.engine.images, gzip(new Uint8Array(3 << 20)), { maxBytes: 1 << 20 })).toThrow(
      new ArchiveError('invalid archive: gzip: decompressed data exceeds 1048576 bytes'),
    );
    const { layerTar, cfgHex, img } = parts(t);
    const archive = tar([file(`${cfgHex}.json`, img.rawConfig), file('l', gzip(layerTar)), file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: null, Layers: ['l'] }]))]);
    expect(() => planLoad(t.engine.images, archive, { maxBytes: layerTar.length - 1 })).toThrow(/^layer 0: gzip: decompressed data exceeds/);
    expect(storeSnapshot(t.engine.images)).toBe(before);
  });

  test('a valid first image does not land when the second one is broken', async () => {
    const t = dockerTest();
    const { layerTar, cfgHex, img } = parts(t);
    await t.run(['rmi', 'busybox']);
    const before = storeSnapshot(t.engine.images);
    const archive = tar([
      file(`${cfgHex}.json`, img.rawConfig),
      file('l', layerTar),
      file('manifest.json', JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['ok:1'], Layers: ['l'] }, { Config: 'missing.json', RepoTags: ['bad:1'], Layers: [] }])),
    ]);
    const r = await loadBytes(t, archive);
    expect(r).toMatchObject({ status: 1, stdout: '', stderr: 'Error response from daemon: invalid archive: "missing.json" is not in the archive\n' });
    expect(storeSnapshot(t.engine.images)).toBe(before);
  });

  test('-i errors are the client\'s', async () => {
    const t = dockerTest();
    expect(await t.run(['load', '-i', 'nosuch.tar'])).toMatchObject({ status: 1, stderr: 'open nosuch.tar: no such file or directory\n' });
  });
});
