/**
 * Interop with the real tools (docker.md §8.5): skopeo reads our saves, umoci unpacks our OCI layout to the same
 * tree as our merged view (whiteouts and opaque directories applied), and archives skopeo and buildah write load
 * back with the same config bytes and trees. Skipped, with the reason printed, only where a tool is missing.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bytesContent, textContent } from '../fs/Content';
import { LayerBuilder } from '../fs/LayerTree';
import type { MergedNode, MergedTree } from '../fs/MergedTree';
import { sha256 } from '../format/digest';
import { parseDockerRef } from '../format/reference';
import { formatRfc3339Nano } from '../format/time';
import { append } from '../image/append';
import type { Image } from '../image/Image';
import { Layer } from '../image/Layer';
import { dockerTest } from '../cli/testing/harness';
import { planLoad, applyLoad } from './load';
import { saveImages } from './save';

function have(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const tools = { skopeo: have('skopeo'), umoci: have('umoci'), buildah: have('buildah') };
for (const [t, ok] of Object.entries(tools)) if (!ok) console.warn(`interop: ${t} is not installed; its tests are skipped (CI installs it)`);
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('interop: not root; umoci and buildah tests are skipped (they need to set owners)');

const work = mkdtempSync(join(tmpdir(), 'layerlab-interop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const tmp = (name: string) => join(work, `${n++}-${name}`);
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { maxBuffer: 1 << 28 });

/** An image whose upper layer deletes a file, deletes a directory and re-creates one opaquely. */
function layeredImage(): Image {
  const at = Date.UTC(2026, 0, 2);
  const d = { type: 'dir' as const, mode: 0o755, uid: 0, gid: 0, mtimeMs: at };
  const f = (s: string, mode = 0o644, uid = 0) => ({ type: 'file' as const, mode, uid, gid: uid, mtimeMs: at, content: textContent(s) });
  const l1 = new LayerBuilder();
  for (const p of ['/a', '/b', '/c', '/b/deep', '/usr', '/usr/bin']) l1.add(p, d);
  l1.add('/a/x', f('x\n'));
  l1.add('/a/y', f('y\n', 0o600, 1000));
  l1.add('/b/z', f('z\n'));
  l1.add('/b/deep/w', f('w\n'));
  l1.add('/c/gone', f('gone\n'));
  l1.add('/usr/bin/tool', { type: 'file', mode: 0o4755, uid: 0, gid: 0, mtimeMs: at, content: bytesContent(new Uint8Array(5000).map((_, i) => i * 7)) });
  l1.add('/usr/bin/link', { type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: at, target: 'tool' });
  l1.link('/a/hard', '/a/x');
  const l2 = new LayerBuilder();
  l2.add('/a', d);
  l2.whiteout('/a/x');
  l2.add('/b', { ...d, opaque: true });
  l2.add('/b/new', f('new\n'));
  l2.whiteout('/c');
  l2.add('/etc', d);
  l2.add('/etc/conf', f('conf\n'));
  const created = formatRfc3339Nano(at);
  return append({
    base: null,
    addenda: [
      { layer: new Layer(l1.freeze()), history: { created, created_by: 'layer one' } },
      { layer: new Layer(l2.freeze()), history: { created, created_by: 'layer two' } },
    ],
    config: { Cmd: ['/usr/bin/tool'], Env: ['PATH=/usr/bin'] },
    created,
  });
}

/** `path type mode uid:gid [content|target]` lines for a merged tree. */
function describeMerged(tree: MergedTree): string[] {
  const out: string[] = [];
  const walk = (dir: MergedNode, path: string) => {
    for (const name of [...dir.children!.keys()].sort()) {
      const nd = dir.children!.get(name)!;
      const p = `${path}/${name}`;
      const i = nd.inode;
      const extra = i.type === 'file' ? new TextDecoder('latin1').decode(i.content.bytes()) : i.type === 'symlink' ? i.target : '';
      out.push(`${p} ${nd.type} ${(nd.mode & 0o7777).toString(8)} ${nd.uid}:${nd.gid} ${JSON.stringify(extra)}`);
      if (nd.type === 'dir') walk(nd, p);
    }
  };
  walk(tree.root, '');
  return out;
}

function describeDisk(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, path: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const st = lstatSync(full);
      const type = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
      const extra = type === 'file' ? readFileSync(full).toString('latin1') : type === 'symlink' ? readlinkSync(full) : '';
      out.push(`${path}/${name} ${type} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${JSON.stringify(extra)}`);
      if (type === 'dir') walk(full, `${path}/${name}`);
    }
  };
  walk(root, '');
  return out;
}

function engineWith(img: Image, tag: string) {
  const t = dockerTest();
  t.engine.images.add(img);
  t.engine.images.tag(parseDockerRef(tag), img.id);
  return t;
}

describe.skipIf(!tools.skopeo)('skopeo reads our saves', () => {
  test('skopeo inspect docker-archive: reports our diff_ids and the config bytes we stored', () => {
    const img = layeredImage();
    const t = engineWith(img, 'layered:v1');
    const path = tmp('save.tar');
    writeFileSync(path, saveImages(t.engine.images, ['layered:v1']).bytes());
    const info = JSON.parse(run('skopeo', ['inspect', `docker-archive:${path}`]).toString()) as { Layers: string[]; Env: string[] };
    expect(info.Layers).toEqual(img.layers.map((l) => l.diffId));
    expect(info.Env).toEqual(['PATH=/usr/bin']);
    expect(new Uint8Array(run('skopeo', ['inspect', '--raw', '--config', `docker-archive:${path}`]))).toEqual(img.rawConfig);
    // The same tar is an OCI archive too (index.json).
    expect(new Uint8Array(run('skopeo', ['inspect', '--raw', '--config', `oci-archive:${path}`]))).toEqual(img.rawConfig);
  });
});

describe.skipIf(!tools.umoci || !isRoot)('umoci unpacks our OCI layout', () => {
  test('the unpacked rootfs equals our merged view (whiteouts, opaque dirs, modes, owners, links)', () => {
    const img = layeredImage();
    const t = engineWith(img, 'layered:v1');
    const path = tmp('save.tar');
    writeFileSync(path, saveImages(t.engine.images, ['layered:v1']).bytes());
    const layout = tmp('layout');
    run('mkdir', [layout]);
    run('tar', ['-xf', path, '-C', layout]);
    const bundle = tmp('bundle');
    run('umoci', ['unpack', '--image', `${layout}:v1`, bundle]);
    expect(describeDisk(join(bundle, 'rootfs'))).toEqual(describeMerged(img.merged()));
  });
});

describe.skipIf(!tools.skopeo)('archives written by skopeo load with the same config and tree', () => {
  test.each(['docker-archive', 'oci-archive'])('skopeo copy to %s', (transport) => {
    const img = layeredImage();
    const src = engineWith(img, 'layered:v1');
    const ours = tmp('ours.tar');
    writeFileSync(ours, saveImages(src.engine.images, ['layered:v1']).bytes());
    const theirs = tmp(`${transport}.tar`);
    run('skopeo', ['copy', '-q', `docker-archive:${ours}`, `${transport}:${theirs}:example/copied:v2`]);
    const t = dockerTest();
    const out = applyLoad(t.engine.images, planLoad(t.engine.images, readFileSync(theirs)));
    expect(out.filter((m) => m.kind !== 'layer').map((m) => ('text' in m ? m.text : ''))).toEqual(['Loaded image: example/copied:v2']);
    const loaded = t.engine.images.resolve('example/copied:v2');
    const theirConfig = new Uint8Array(run('skopeo', ['inspect', '--raw', '--config', `${transport}:${theirs}`]));
    expect(loaded.rawConfig).toEqual(theirConfig);
    expect(loaded.id).toBe(sha256(theirConfig));
    // A docker-archive copy keeps our config byte for byte; the OCI conversion rewrites it (skopeo's doing).
    if (transport === 'docker-archive') expect(loaded.id).toBe(img.id);
    expect(describeMerged(loaded.merged())).toEqual(describeMerged(img.merged()));
  });
});

describe.skipIf(!tools.buildah || !isRoot)('archives written by buildah load with the same config and tree', () => {
  test.each(['docker-archive', 'oci-archive'])('buildah commit + push to %s', (transport) => {
    const img = layeredImage();
    const src = engineWith(img, 'layered:v1');
    const ours = tmp('ours.tar');
    writeFileSync(ours, saveImages(src.engine.images, ['layered:v1']).bytes());
    const root = tmp('buildah-root');
    const b = (args: string[]) => run('buildah', ['--root', root, '--runroot', `${root}-run`, '--storage-driver', 'vfs', ...args]).toString().trim();
    const ctr = b(['from', '--pull-never', '-q', `docker-archive:${ours}`]);
    const mnt = b(['mount', ctr]);
    writeFileSync(join(mnt, 'etc', 'added-by-buildah'), 'hello from buildah\n');
    b(['commit', '-q', ctr, 'made-by-buildah']);
    const theirs = tmp(`${transport}.tar`);
    b(['push', '-q', 'made-by-buildah', `${transport}:${theirs}:example/built:v3`]);
    const t = dockerTest();
    applyLoad(t.engine.images, planLoad(t.engine.images, readFileSync(theirs)));
    const loaded = t.engine.images.resolve('example/built:v3');
    expect(loaded.rawConfig).toEqual(new Uint8Array(run('skopeo', ['inspect', '--raw', '--config', `${transport}:${theirs}`])));
    // buildah's tree: ours plus the one file it added.
    const expected = describeMerged(img.merged());
    const got = describeMerged(loaded.merged());
    expect(got.filter((l) => !l.startsWith('/etc/added-by-buildah '))).toEqual(expected);
    expect(got.find((l) => l.startsWith('/etc/added-by-buildah '))).toMatch(/^\/etc\/added-by-buildah file 644 0:0 "hello from buildah\\n"$/);
  });
});
