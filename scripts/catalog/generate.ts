/**
 * Regenerates public/catalog from content/catalog/images/*.yaml (metadata) and the recipes (file lists).
 * Usage: npm run catalog [-- --only ubuntu,alpine] [-- --check]   (see scripts/catalog/README.md)
 */

import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { digestHex } from '../../lib/engine/format/digest';
import type { ContainerConfig, HistoryEntry } from '../../lib/engine/format/imageConfig';
import { formatRfc3339Nano } from '../../lib/engine/format/time';
import type { CatalogLayerInfo, CatalogRepository, ListedEntry } from '../../lib/engine/registry/catalog/format';
import { debianBookworm, debianBullseye, debianSlim, ubuntuRoot, type RootContext } from './recipes/debian';
import { buildpackDeps, node94Layers, nodeLayers, pythonLayers, pythonSlimLayers, type Buildpack } from './recipes/buildpack';
import { python27Layers } from './recipes/python2';
import { httpdLayers } from './recipes/httpd';
import { nginxLayers } from './recipes/nginx';
import { nginxAlpineModulesLayer, nginxAlpineSlimLayers, type NginxAlpineRelease } from './recipes/nginxAlpine';
import { postgresLayers } from './recipes/postgres';
import { elRoot } from './recipes/el';
import { mysql55Layers, mysqlOracleLayers } from './recipes/mysql';
import { redisLayers } from './recipes/redis';
import { redisAlpineLayers } from './recipes/redisAlpine';
import { registryLayers } from './recipes/registry';
import { ubuntuBionic, ubuntuOldLayers, ubuntuPrecise, whalesayLayers } from './recipes/ubuntuLegacy';
import { nodeAlpineLayers } from './recipes/nodeAlpine';
import { alpineRoot, busyboxGlibc, helloWorld } from './recipes/small';
import { BULLSEYE_ROOTFS, ensureBookwormRootfs, ensureDebianRootfs, packageEpoch } from './rootfs';
import { CatalogWriter } from './writer';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const META_DIR = join(REPO, 'content/catalog/images');
const OUT_DIR = join(REPO, 'public/catalog');
const CACHE = join(REPO, 'node_modules/.cache/layerlab-catalog/diffids.json');

interface ImageMeta {
  tags: string[];
  recipe: string;
  /** Uncompressed size of the real image (bytes): the generator warns when ours is more than 10% off. */
  realSize: number;
  /** `repo:tag` of an image generated earlier in this run whose layers and history come first. */
  base?: string;
  /** RFC 3339; omitted: the snapshot epoch of `snapshot`'s root. */
  created?: string;
  /** Which Debian root's snapshot epoch dates the image when `created` is omitted (default bookworm). */
  snapshot?: 'bookworm' | 'bullseye';
  config: ContainerConfig;
  history: Array<HistoryEntry>;
}
interface RepoMeta {
  name: string;
  description: string;
  stars: number;
  official: boolean;
  images: ImageMeta[];
}

/** Lazily computed inputs shared by recipes. */
class Inputs {
  private _ctx: RootContext | undefined;
  private _debian: ListedEntry[] | undefined;
  private _slim: ListedEntry[] | undefined;
  /**
   * @param bookwormSnapshot debian:bookworm's `created` (epoch seconds) when the YAML pins it: the images built on
   *   bookworm are older than today's mirror, so their base is dated (and its mtimes clamped) before them.
   * @param buildpackTime when buildpack-deps' layers were built: before every node/python image that shares them.
   */
  constructor(
    private readonly bookwormSnapshot?: number,
    private readonly buildpackTime?: number,
  ) {}
  get bookworm(): RootContext {
    if (!this._ctx) {
      const root = ensureBookwormRootfs();
      this._ctx = { root, epoch: this.bookwormSnapshot ?? packageEpoch(root) };
    }
    return this._ctx;
  }
  private _bullseyeCtx: RootContext | undefined;
  private _bullseye: ListedEntry[] | undefined;
  /** The bullseye minbase root (debootstrapped on first use) and its snapshot epoch. */
  get bullseyeRoot(): RootContext {
    if (!this._bullseyeCtx) {
      const root = ensureDebianRootfs('bullseye', BULLSEYE_ROOTFS);
      this._bullseyeCtx = { root, epoch: packageEpoch(root) };
    }
    return this._bullseyeCtx;
  }
  get bullseye(): ListedEntry[] {
    return (this._bullseye ??= debianBullseye(this.bullseyeRoot));
  }
  get debian(): ListedEntry[] {
    return (this._debian ??= debianBookworm(this.bookworm));
  }
  private _buildpack: Buildpack | undefined;
  /** buildpack-deps:bookworm's layers; the first caller's time stamps them (node and python share them). */
  buildpack(mtime: number): Buildpack {
    return (this._buildpack ??= buildpackDeps(this.bookworm, this.buildpackTime ?? mtime));
  }
  get slim(): ListedEntry[] {
    return (this._slim ??= debianSlim(this.bookworm, this.debian));
  }
}

/** nginx:1.27.4-alpine(-slim): the release the Debian tag (nginx.yaml) also has. */
const NGINX_ALPINE: NginxAlpineRelease = { nginx: '1.27.4', pkgRelease: '1', njs: '0.8.9', njsRelease: '1' };

type Recipe = (inputs: Inputs, createdSec: number) => ListedEntry[][];

const RECIPES: Record<string, Recipe> = {
  'hello-world': (_i, t) => [helloWorld(t)],
  'busybox-glibc': (i, t) => [busyboxGlibc(i.bookworm.root, t)],
  'alpine-3.20': (_i, t) => [alpineRoot({ version: '3.20', point: '3.20.3' }, t)],
  'alpine-3.21': (_i, t) => [alpineRoot({ version: '3.21', point: '3.21.2' }, t)],
  'debian-bookworm': (i) => [i.debian],
  'debian-bookworm-slim': (i) => [i.slim],
  'debian-bullseye': (i) => [i.bullseye],
  'debian-bullseye-slim': (i) => [debianSlim(i.bullseyeRoot, i.bullseye)],
  'node-20': (i, t) => [...i.buildpack(t).layers, ...nodeLayers(i.bookworm, { version: '20.18.3', binarySize: 98_000_000, yarn: '1.22.22' }, t)],
  'node-22': (i, t) => [...i.buildpack(t).layers, ...nodeLayers(i.bookworm, { version: '22.14.0', binarySize: 117_000_000, yarn: '1.22.22' }, t)],
  'node-18': (i, t) => [...i.buildpack(t).layers, ...nodeLayers(i.bookworm, { version: '18.20.6', binarySize: 92_000_000, yarn: '1.22.22' }, t)],
  'node-9.4': (i, t) => node94Layers(i.bookworm, i.debian, t),
  'node-22-alpine': (_i, t) => nodeAlpineLayers({ version: '22.14.0', binarySize: 138_000_000, yarn: '1.22.22' }, t),
  'node-20-alpine': (_i, t) => nodeAlpineLayers({ version: '20.18.3', binarySize: 116_000_000, yarn: '1.22.22' }, t),
  'node-18-alpine': (_i, t) => nodeAlpineLayers({ version: '18.20.6', binarySize: 108_000_000, yarn: '1.22.22' }, t),
  'python-3.12': (i, t) => {
    const bp = i.buildpack(t);
    return [...bp.layers, ...pythonLayers(i.bookworm, bp, { version: '3.12.9' }, t)];
  },
  'python-3.11': (i, t) => {
    const bp = i.buildpack(t);
    return [...bp.layers, ...pythonLayers(i.bookworm, bp, { version: '3.11.11' }, t)];
  },
  'python-3.12-slim': (i, t) => pythonSlimLayers(i.bookworm, { version: '3.12.9', libSize: 14_000_000 }, t),
  'python-3.11-slim': (i, t) => pythonSlimLayers(i.bookworm, { version: '3.11.11', libSize: 17_000_000 }, t),
  'python-2.7': (i, t) => {
    const bp = i.buildpack(t);
    return [...bp.layers, ...python27Layers(bp, t)];
  },
  'redis-7.4': (i, t) => redisLayers(i.bookworm, t),
  'redis-7.4-alpine': (i, t) => redisAlpineLayers(i.bookworm.root, t),
  'registry-2': (_i, t) => registryLayers(t, 17_000_000),
  'nginx-mainline': (i, t) => nginxLayers(i.bookworm, t),
  'nginx-alpine-slim': (i, t) => nginxAlpineSlimLayers(i.bookworm.root, NGINX_ALPINE, t),
  'nginx-alpine': (i, t) => [nginxAlpineModulesLayer(i.bookworm.root, NGINX_ALPINE, t)],
  'httpd-2.4': (i, t) => httpdLayers(i.bookworm, t),
  'centos-7': (i, t) => [elRoot(i.bookworm, i.debian, 'centos7', t)],
  'centos-6': (i, t) => [elRoot(i.bookworm, i.debian, 'centos6', t)],
  'mysql-8.0': (i, t) => mysqlOracleLayers(i.bookworm, i.slim, { flavor: 'ol8-slim', major: '8.0', baseMtime: t - 14 * 86400, mysqldSize: 130_000_000, mysqlshSize: 300_000_000 }, t),
  'mysql-5.7': (i, t) => mysqlOracleLayers(i.bookworm, i.slim, { flavor: 'ol7-slim', major: '5.7', baseMtime: t - 14 * 86400, mysqldSize: 90_000_000, mysqlshSize: 250_000_000 }, t),
  'mysql-5.5': (i, t) => mysql55Layers(i.bookworm, t, 11_000_000),
  'learn-tutorial': (i, t) => [ubuntuPrecise(i.bookworm, i.debian, t)],
  'docker-whalesay': (i, t) => whalesayLayers(i.bookworm, readFileSync(join(REPO, 'content/catalog/files/whalesay/docker.cow'), 'utf8'), t),
  'postgres-17': (i, t) => postgresLayers(i.bookworm, 17, t),
  'postgres-16': (i, t) => postgresLayers(i.bookworm, 16, t),
  'ubuntu-22.04': (i) => [ubuntuRoot(i.bookworm, i.slim, { version: '22.04', point: '22.04.5', codename: 'jammy', name: 'Jammy Jellyfish', ubuntuUser: false })],
  'ubuntu-20.04': (i) => [ubuntuRoot(i.bookworm, i.slim, { version: '20.04', point: '20.04.6', codename: 'focal', name: 'Focal Fossa', ubuntuUser: false })],
  'alpine-3.18': (_i, t) => [alpineRoot({ version: '3.18', point: '3.18.12' }, t)],
  'alpine-3.19': (_i, t) => [alpineRoot({ version: '3.19', point: '3.19.7' }, t)],
  'ubuntu-18.04': (i) => [ubuntuBionic(i.bookworm, i.slim, { version: '18.04', point: '18.04.6', codename: 'bionic', name: 'Bionic Beaver' })],
  'ubuntu-16.04': (i, t) => ubuntuOldLayers(i.bookworm, i.debian, { version: '16.04', point: '16.04.7', codename: 'xenial', name: 'Xenial Xerus' }, t),
  'ubuntu-14.04': (i, t) => ubuntuOldLayers(i.bookworm, i.debian, { version: '14.04', point: '14.04.6', codename: 'trusty', name: 'Trusty Tahr' }, t),
  'ubuntu-24.04': (i) => [ubuntuRoot(i.bookworm, i.slim, { version: '24.04', point: '24.04.3', codename: 'noble', name: 'Noble Numbat', ubuntuUser: true })],
};

/** Repositories in index order: the issue's order (official images), then user images. */
const ORDER = ['hello-world', 'busybox', 'alpine', 'debian', 'ubuntu', 'centos', 'nginx', 'httpd', 'node', 'python', 'redis', 'mysql', 'postgres', 'registry'];

function loadMeta(): RepoMeta[] {
  const metas = readdirSync(META_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parseYaml(readFileSync(join(META_DIR, f), 'utf8')) as RepoMeta);
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return metas.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
}

const epochOf = (rfc3339: string): number => Math.floor(Date.parse(rfc3339) / 1000);

/** Recipes whose first layers are buildpack-deps:bookworm's (python 2.7's real base is older: buster). */
const BUILDPACK_RECIPES = new Set(['node-20', 'node-22', 'node-18', 'python-3.12', 'python-3.11']);

/** The pinned creation time of the image built by `recipe`, if the YAML gives one. */
function createdOf(metas: readonly RepoMeta[], recipe: string): number | undefined {
  const img = metas.flatMap((m) => m.images).find((i) => i.recipe === recipe);
  return img?.created === undefined ? undefined : epochOf(img.created);
}

/** buildpack-deps' build time: the earliest of the images that share its layers. */
function buildpackTime(metas: readonly RepoMeta[]): number | undefined {
  const times = metas.flatMap((m) => m.images).filter((i) => BUILDPACK_RECIPES.has(i.recipe) && i.created !== undefined).map((i) => epochOf(i.created!));
  return times.length === 0 ? undefined : Math.min(...times);
}

/**
 * The base's history as the derived image carries it. An image we build on a newer base than the real one had
 * (python:2.7 and mysql:5.5 on bookworm, docker/whalesay on trusty-20191217) would otherwise list base steps
 * dated after its own: those are dated at the image's own creation instead, so history never runs backwards.
 */
function baseHistoryFor(base: readonly HistoryEntry[], created: string): HistoryEntry[] {
  const own = Date.parse(created);
  return base.map((h) => (h.created !== undefined && Date.parse(h.created) > own ? { ...h, created } : h));
}

function fill(s: string, vars: Record<string, string>): string {
  return s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
}

function main(): void {
  const onlyArg = process.argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
  mkdirSync(dirname(CACHE), { recursive: true });
  const writer = new CatalogWriter(CACHE);
  const metas = loadMeta();
  const inputs = new Inputs(createdOf(metas, 'debian-bookworm'), buildpackTime(metas));
  const report: string[] = [];
  const built = new Map<string, { layers: CatalogLayerInfo[]; history: HistoryEntry[] }>();
  for (const meta of metas) {
    if (only && !only.has(meta.name)) continue;
    const tags: Record<string, string> = {};
    for (const img of meta.images) {
      const recipe = RECIPES[img.recipe];
      if (!recipe) throw new Error(`${meta.name}: unknown recipe ${img.recipe}`);
      const epoch = img.created ? Math.floor(Date.parse(img.created) / 1000) : img.snapshot === 'bullseye' ? inputs.bullseyeRoot.epoch : inputs.bookworm.epoch;
      const created = img.created ?? formatRfc3339Nano(epoch * 1000);
      const base = img.base === undefined ? { layers: [], history: [] } : built.get(img.base);
      if (!base) throw new Error(`${meta.name}: base ${img.base} must be generated first (see ORDER; --only must include it)`);
      const own: CatalogLayerInfo[] = recipe(inputs, epoch).map((l) => writer.addLayer(l));
      const vars: Record<string, string> = { epoch: String(epoch) };
      own.forEach((l, i) => (vars[`layer${i}`] = digestHex(l.diffId)));
      const layers = [...base.layers, ...own];
      const history = [...baseHistoryFor(base.history, created), ...img.history.map((h) => ({ created, ...h, created_by: h.created_by === undefined ? undefined : fill(h.created_by, vars) }))];
      for (const t of img.tags) built.set(`${meta.name}:${t}`, { layers, history });
      const { manifest } = writer.addImage({ layers, history, config: img.config, created });
      for (const t of img.tags) tags[t] = manifest;
      const size = layers.reduce((n, l) => n + l.size, 0);
      const off = ((size - img.realSize) / img.realSize) * 100;
      report.push(`${meta.name}:${img.tags[0]}`.padEnd(28) + `${(size / 1e6).toFixed(2)}MB (real ${(img.realSize / 1e6).toFixed(2)}MB, ${off >= 0 ? '+' : ''}${off.toFixed(1)}%) ${layers.length} layer(s), ${layers.reduce((n, l) => n + l.entries, 0)} entries${Math.abs(off) > 10 ? '  <-- more than 10% off' : ''}`);
    }
    const repo: CatalogRepository = { name: meta.name, description: meta.description, stars: meta.stars, official: meta.official, tags: tags as CatalogRepository['tags'] };
    writer.addRepository(repo);
  }
  writer.write(OUT_DIR);
  console.log(report.join('\n'));
}

main();
