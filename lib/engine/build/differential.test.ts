/**
 * Differential suite: every Dockerfile under __fixtures__/differential is built by real buildah
 * (`buildah --storage-driver vfs bud --isolation chroot --layers`) and by our BuildKit builder, both FROM the same
 * BusyBox rootfs (Debian's busybox-static plus a few files), and the layers each step added are compared entry by
 * entry (path, type, mode, uid/gid, symlink and hard-link targets, file contents, whiteouts), then the config
 * (Env, Cmd, Entrypoint, WorkingDir, User, ExposedPorts, Volumes, Labels).
 *
 * Differences that are buildah-vs-Docker, not ours, are normalised away here (each with its reason):
 * - mtimes are never compared (build times differ run to run);
 * - buildah adds `io.buildah.version` to Labels;
 * - whiteout files' own mode/owner (a marker's metadata carries no meaning; Docker writes 0600 root, buildah 0000);
 * - WORKDIR: Docker (both builders) commits the created directory as a layer of its own; buildah creates it when
 *   the next RUN/COPY runs, inside that step's layer. Our WORKDIR layers are dropped and the WORKDIR directories'
 *   own entries are removed from both sides; everything inside them is still compared;
 * - a directory removed and re-made in one step: Docker's overlay2 diff marks it opaque (`.wh..wh..opq`), buildah's
 *   vfs diff writes one whiteout per removed child; our opaque markers are expanded into those whiteouts;
 * - EXPOSE ranges: Docker expands `8000-8001` into one key per port (moby nat.ParsePortSpecs); buildah keeps the
 *   range as one key. buildah's range keys are expanded before comparing;
 * - `/bin/busybox` content: our base image carries our simulated busybox, not Debian's binary (metadata compared).
 *
 * Skipped, with the reason printed, when buildah, busybox-static or root are missing (CI installs them).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync, copyFileSync, symlinkSync, lstatSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerTest, type DockerTest } from '../cli/testing/harness';
import { decompress } from '../format/compression';
import { readTar } from '../format/tar';
import { bytesContent } from '../fs/Content';
import { executableHeader } from '../fs/executable';
import { layerFromEntries, layerToEntries, type TarLikeEntry } from '../fs/LayerTree';
import { formatRfc3339Nano } from '../format/time';
import { parseDockerRef } from '../format/reference';
import { append } from '../image/append';
import { Layer } from '../image/Layer';
import { OverlayFs } from '../fs/OverlayFs';
import { mergeLayers } from '../fs/MergedTree';
import type { ContainerConfig } from '../format/imageConfig';

const FIXTURES = join(__dirname, '__fixtures__', 'differential');
const CASES = readdirSync(FIXTURES).filter((n) => statSync(join(FIXTURES, n)).isDirectory()).sort();
const MODES = JSON.parse(readFileSync(join(FIXTURES, 'modes.json'), 'utf8')) as Record<string, string>;
const APPLETS = ['sh', 'ls', 'cat', 'echo', 'mkdir', 'rm', 'touch', 'chmod', 'chown', 'ln', 'mv', 'cp', 'true', 'false', 'test', 'id', 'env', 'pwd'];

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function skipReason(): string | undefined {
  if (!which('buildah')) return 'buildah is not installed';
  if (process.getuid?.() !== 0) return 'buildah needs root (vfs storage, chroot isolation)';
  if (!existsSync('/bin/busybox')) return 'busybox-static is not installed';
  return undefined;
}
const SKIP = skipReason();
if (SKIP) console.log(`differential build suite skipped: ${SKIP}`);

let work = '';
const STORAGE = () => ['--root', join(work, 'storage'), '--runroot', join(work, 'run'), '--storage-driver', 'vfs'];
const buildah = (args: string[], cwd?: string) => execFileSync('buildah', [...STORAGE(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }).toString();

/** The base rootfs: busybox-static, its applet links, users, the mount points buildah would otherwise add. */
function makeRootfs(dir: string): string {
  const root = join(dir, 'rootfs');
  for (const d of ['bin', 'etc', 'tmp', 'root', 'home', 'dev', 'proc', 'sys', 'run', 'opt/data/sub']) mkdirSync(join(root, d), { recursive: true });
  chmodSync(join(root, 'tmp'), 0o1777);
  copyFileSync('/bin/busybox', join(root, 'bin/busybox'));
  chmodSync(join(root, 'bin/busybox'), 0o755);
  for (const a of APPLETS) symlinkSync('busybox', join(root, 'bin', a));
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
  writeFileSync(join(root, 'etc/motd'), 'Welcome\n');
  for (const f of ['hostname', 'hosts', 'resolv.conf']) writeFileSync(join(root, 'etc', f), '');
  writeFileSync(join(root, 'opt/data/a.txt'), 'a\n');
  writeFileSync(join(root, 'opt/data/sub/deep.txt'), 'deep\n');
  const tar = join(dir, 'rootfs.tar');
  execFileSync('tar', ['--owner=0', '--group=0', '--numeric-owner', '--mtime=2026-01-01', '-C', root, '-cf', tar, '.']);
  return tar;
}

interface Entry {
  path: string;
  type: string;
  mode: string;
  owner: string;
  link: string;
  sha: string;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16);

function describeEntry(path: string, type: string, mode: number, uid: number, gid: number, link: string, data: Uint8Array): Entry {
  const clean = path.replace(/^\.\//, '').replace(/\/$/, '');
  const whiteout = clean.split('/').pop()!.startsWith('.wh.');
  return {
    path: clean,
    type: whiteout ? 'whiteout' : type,
    mode: whiteout ? '-' : (mode & 0o7777).toString(8),
    owner: whiteout ? '-' : `${uid}:${gid}`,
    link,
    sha: type === 'file' && !whiteout ? sha(data) : '',
  };
}

function listTarLayer(bytes: Uint8Array): Entry[] {
  const plain = decompress(bytes).data;
  const out: Entry[] = [];
  for (const e of readTar(plain)) out.push(describeEntry(e.name, e.type, e.mode, e.uid, e.gid, e.linkname, e.data));
  return out.filter((e) => e.path !== '' && e.path !== '.').sort((a, b) => (a.path < b.path ? -1 : 1));
}

function listOurLayer(entries: TarLikeEntry[]): Entry[] {
  return entries
    .map((e) => describeEntry(e.path, e.type, e.mode, e.uid, e.gid, e.linkTarget ?? '', e.content ? e.content.bytes() : new Uint8Array(0)))
    .filter((e) => e.path !== '' && e.path !== '.')
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

const CONFIG_KEYS = ['Env', 'Cmd', 'Entrypoint', 'WorkingDir', 'User', 'ExposedPorts', 'Volumes', 'Labels', 'StopSignal'] as const;
function configView(c: ContainerConfig | Record<string, unknown> | null | undefined): Record<string, unknown> {
  const cfg = (c ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS) {
    let v = cfg[k];
    if (k === 'Labels' && v && typeof v === 'object') {
      const l = { ...(v as Record<string, string>) };
      delete l['io.buildah.version'];
      v = l;
    }
    if (k === 'ExposedPorts' && v && typeof v === 'object') {
      const ports: Record<string, object> = {};
      for (const key of Object.keys(v)) {
        const m = /^(\d+)-(\d+)\/(\w+)$/.exec(key);
        if (!m) ports[key] = {};
        else for (let p = Number(m[1]); p <= Number(m[2]); p++) ports[`${p}/${m[3]}`] = {};
      }
      v = Object.fromEntries(Object.keys(ports).sort().map((key) => [key, {}]));
    }
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
    if (!empty) out[k] = v;
  }
  return out;
}

interface Built {
  layers: Entry[][];
  config: Record<string, unknown>;
  workdirs?: Set<string>;
}

function normalize(layers: Entry[][], workdirs: ReadonlySet<string>): Entry[][] {
  return layers
    .map((l) => l.filter((e) => !(e.type === 'dir' && workdirs.has(e.path))).map((e) => (e.path === 'bin/busybox' ? { ...e, sha: '' } : e)))
    .filter((l) => l.length > 0);
}

function copyContext(from: string, to: string, name: string): void {
  cpSync(from, to, { recursive: true });
  for (const [rel, mode] of Object.entries(MODES)) {
    if (rel.startsWith(`${name}/`)) chmodSync(join(to, rel.slice(name.length + 1)), parseInt(mode, 8));
  }
}

function buildWithBuildah(name: string): Built {
  const ctx = join(work, 'ctx', name);
  copyContext(join(FIXTURES, name), ctx, name);
  buildah(['bud', '--isolation', 'chroot', '--layers', '-t', `df-${name}`, ctx], ctx);
  const oci = join(work, 'oci', name);
  mkdirSync(join(work, 'oci'), { recursive: true });
  buildah(['push', '--disable-compression', `df-${name}`, `oci:${oci}:latest`]);
  const blob = (d: string) => readFileSync(join(oci, 'blobs', 'sha256', d.slice(7)));
  const index = JSON.parse(readFileSync(join(oci, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifest = JSON.parse(blob(index.manifests[0]!.digest).toString()) as { config: { digest: string }; layers: { digest: string }[] };
  const config = JSON.parse(blob(manifest.config.digest).toString()) as { config?: Record<string, unknown> };
  const layers = manifest.layers.slice(1).map((l) => listTarLayer(new Uint8Array(blob(l.digest)))).filter((l) => l.length > 0);
  return { layers, config: configView(config.config) };
}

/** Puts a host directory into the simulated host's filesystem. */
function importDir(t: DockerTest, from: string, to: string): void {
  const fs = t.tm.fs;
  fs.mkdir(to, 0o755);
  for (const n of readdirSync(from)) {
    const src = join(from, n);
    const dst = `${to}/${n}`;
    const st = lstatSync(src);
    if (st.isDirectory()) importDir(t, src, dst);
    else if (st.isSymbolicLink()) fs.symlink(readlinkSync(src), dst);
    else {
      fs.writeFile(dst, new Uint8Array(readFileSync(src)));
      fs.chmod(dst, st.mode & 0o7777);
    }
  }
}

let baseLayer: Layer;
function baseImage(rootfsTar: string) {
  const entries: TarLikeEntry[] = [];
  for (const e of readTar(new Uint8Array(readFileSync(rootfsTar)))) {
    if (e.type === 'other') continue;
    const isBusybox = e.name.replace(/^\.\//, '') === 'bin/busybox';
    const data = isBusybox ? executableHeader('busybox') : e.data;
    entries.push({ path: e.name, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtime * 1000, ...(e.type === 'file' ? { content: bytesContent(data) } : {}), ...(e.linkname ? { linkTarget: e.linkname } : {}) });
  }
  baseLayer = new Layer(layerFromEntries(entries));
  const created = formatRfc3339Nano(Date.UTC(2026, 0, 1));
  return append({
    base: null,
    addenda: [{ layer: baseLayer, history: { created, created_by: 'ADD rootfs.tar /' } }],
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] },
    created,
  });
}

async function buildWithUs(name: string, rootfsTar: string): Promise<Built> {
  const t = dockerTest();
  const img = t.engine.images.add(baseImage(rootfsTar));
  t.engine.images.tag(parseDockerRef('bbase'), img.id);
  const ctx = join(work, 'ours', name);
  copyContext(join(FIXTURES, name), ctx, name);
  importDir(t, ctx, '/home/learner/ctx');
  const r = await t.run(['build', '-q', '-t', 'df', '.'], { cwd: '/home/learner/ctx', user: 'root' });
  if (r.status !== 0) throw new Error(`our build of ${name} failed (${r.status}): ${r.stderr}`);
  const built = t.engine.images.resolve('df');
  const nonEmpty = (built.config.history ?? []).filter((h) => !h.empty_layer);
  const workdirs = new Set<string>();
  for (const h of built.config.history ?? []) {
    const m = /^WORKDIR (\/.*)$/.exec(h.created_by ?? '');
    if (m) {
      let p = '';
      for (const part of m[1]!.split('/').filter((x) => x !== '')) workdirs.add((p = p === '' ? part : `${p}/${part}`));
    }
  }
  const layers: Entry[][] = [];
  built.layers.forEach((l, i) => {
    if (i === 0 || /^WORKDIR /.test(nonEmpty[i]?.created_by ?? '')) return;
    let entries = listOurLayer(layerToEntries(l.tree));
    for (const marker of entries.filter((e) => e.path.endsWith('.wh..wh..opq'))) {
      const dir = marker.path.slice(0, -'/.wh..wh..opq'.length);
      const lower = new OverlayFs({ image: mergeLayers(built.layers.slice(0, i).map((x) => x.tree)), now: () => 0 });
      const present = new Set(entries.filter((e) => e.path.startsWith(`${dir}/`) && !e.path.slice(dir.length + 1).includes('/')).map((e) => e.path.slice(dir.length + 1)));
      const added = lower.readdir(`/${dir}`).filter((n) => !present.has(n)).map((n) => describeEntry(`${dir}/.wh.${n}`, 'file', 0, 0, 0, '', new Uint8Array(0)));
      entries = [...entries.filter((e) => e !== marker), ...added].sort((a, b) => (a.path < b.path ? -1 : 1));
    }
    layers.push(entries);
  });
  return { layers: normalize(layers, workdirs), config: configView(built.runConfig), workdirs };
}

describe.skipIf(SKIP !== undefined)('builds match buildah', () => {
  let rootfs = '';
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'layerlab-buildah-'));
    rootfs = makeRootfs(work);
    const baseCtx = join(work, 'base');
    mkdirSync(baseCtx);
    copyFileSync(rootfs, join(baseCtx, 'rootfs.tar'));
    writeFileSync(join(baseCtx, 'Dockerfile'), 'FROM scratch\nADD rootfs.tar /\nCMD ["sh"]\n');
    buildah(['bud', '--isolation', 'chroot', '--layers', '-t', 'bbase', baseCtx], baseCtx);
  }, 120_000);
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s', async (name) => {
    let want: Built;
    try {
      want = buildWithBuildah(name);
    } catch (e) {
      throw new Error(`buildah failed on ${name}: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
    }
    const got = await buildWithUs(name, rootfs);
    want.layers = normalize(want.layers, got.workdirs!);
    expect(got.layers).toEqual(want.layers);
    expect(got.config).toEqual(want.config);
  }, 60_000);
});
