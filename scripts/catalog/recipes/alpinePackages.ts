/**
 * apk packages in catalog layers: a package's files as layer entries and apk's installed database
 * (/lib/apk/db/installed, /etc/apk/world) as a RUN step leaves it, for images built on our alpine:3.21. Packages
 * public/packages/alpine indexes keep that index's files and sizes (so `apk add` there installs the same files);
 * others are described by the recipes (content/catalog/APPROXIMATIONS.md).
 */

import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ApkPackage } from '../../../lib/engine/packages/format';
import type { ContentSpec, ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { filesOf } from '../../../lib/shell/programs/pkg/apk';
import { seedOf } from '../rootfs';
import { dir, link, text } from './layout';

const APK_INDEX = join(dirname(fileURLToPath(import.meta.url)), '../../../public/packages/alpine/index.json.gz');

/** One apk package as the image holds it: its database fields and its files (path → size, kind, program). */
export interface Pkg {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly url: string;
  readonly license: string;
  readonly depends: readonly string[];
  readonly files: ReadonlyArray<{ readonly path: string; readonly size: number; readonly program?: string; readonly kind?: 'elf' | 'synthetic' }>;
  readonly links?: Readonly<Record<string, string>>;
  /** The index's installed and .apk sizes, where public/packages/alpine has the package. */
  readonly installedSize?: number;
  readonly apkSize?: number;
}

/** Shared libraries: `lib.so.X.Y.Z` with its soname link `lib.so.X`, as Alpine's -libs packages ship them. */
export function libs(...files: Array<[string, number]>): Pick<Pkg, 'files' | 'links'> {
  const links: Record<string, string> = {};
  for (const [path] of files) {
    const m = /^(.*\/)?([^/]+\.so\.\d+)\.[\d.]+$/.exec(path);
    if (m) links[`${m[1] ?? ''}${m[2]}`] = path.slice(path.lastIndexOf('/') + 1);
  }
  return { files: files.map(([path, size]) => ({ path, size })), links };
}

export const ALPINE_LIB = (name: string, version: string, description: string, license: string, depends: string[], ...files: Array<[string, number]>): Pkg => ({ name, version, description, url: 'https://alpinelinux.org', license, depends, ...libs(...files) });

/** Alpine 3.21's index (public/packages/alpine): the packages `apk add` there installs, with the same file sizes. */
export function indexPackages(): Map<string, ApkPackage> {
  const index = JSON.parse(gunzipSync(readFileSync(APK_INDEX)).toString('utf8')) as { packages: ApkPackage[] };
  return new Map(index.packages.map((p) => [p.name, p]));
}

export function fromIndex(index: ReadonlyMap<string, ApkPackage>, name: string): Pkg {
  const p = index.get(name);
  if (!p) throw new Error(`${name}: not in ${APK_INDEX}`);
  const files: Array<Pkg['files'][number]> = [];
  const links: Record<string, string> = {};
  for (const f of filesOf(p)) {
    const path = f.path.slice(1);
    if (f.type === 'symlink' && f.linkTarget !== undefined) links[path] = f.linkTarget;
    if (f.type !== 'file' || f.content === undefined) continue;
    const c = f.content;
    if (c.kind === 'program') files.push({ path, size: c.size, program: c.program });
    else if (c.kind === 'elf' || c.kind === 'synthetic') files.push({ path, size: c.size, kind: c.kind });
  }
  return { name: p.name, version: p.version, description: p.description, url: 'https://alpinelinux.org', license: '', depends: p.depends, installedSize: p.installedSize, apkSize: p.size, files, links: { ...libs(...files.filter((f) => /\.so\.\d/.test(f.path)).map((f): [string, number] => [f.path, f.size])).links, ...links } };
}

/** apk's installed-database stanza (fields apk-tools 2.14 writes; no per-file checksums) followed by its file list. */
export function dbStanza(p: Pkg): string {
  const installed = p.installedSize ?? pkgSize(p);
  let s = `C:Q1${'A'.repeat(27)}=\nP:${p.name}\nV:${p.version}\nA:x86_64\nS:${p.apkSize ?? Math.round(installed * 0.42)}\nI:${installed}\nT:${p.description}\nU:${p.url}\nL:${p.license}\no:${p.name}\nD:${p.depends.join(' ')}\n`;
  const paths = [...p.files.map((f) => f.path), ...Object.keys(p.links ?? {})].sort();
  let cur = '';
  for (const path of paths) {
    const d = path.slice(0, path.lastIndexOf('/'));
    if (d !== cur) {
      s += `F:${d}\n`;
      cur = d;
    }
    s += `R:${path.slice(path.lastIndexOf('/') + 1)}\n`;
  }
  return `${s}\n`;
}

/** apk's installed size: file bytes rounded up to 4 KiB blocks, as apk-tools counts them. */
function pkgSize(p: Pkg): number {
  return p.files.reduce((n, f) => n + Math.ceil(f.size / 4096) * 4096, 0);
}

export function pkgEntries(p: Pkg, mtime: number): ListedEntry[] {
  const out: ListedEntry[] = [];
  const parents = (path: string) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) out.push(dir(parts.slice(0, i).join('/'), mtime));
  };
  for (const f of p.files) {
    parents(f.path);
    const content: ContentSpec = f.program ? { kind: 'program', size: f.size, seed: seedOf(f.path), program: f.program } : { kind: f.kind ?? 'elf', size: f.size, seed: seedOf(f.path) };
    out.push({ path: f.path, type: 'file', mode: f.program || (f.kind ?? 'elf') === 'elf' ? 0o755 : 0o644, uid: 0, gid: 0, mtime, content });
  }
  for (const [path, target] of Object.entries(p.links ?? {})) {
    parents(path);
    out.push(link(path, target, mtime));
  }
  return out;
}

/** The base packages alpine:3.21 has installed (its image has no database yet; apk's program assumes these). */
export function baseStanzas(index: ReadonlyMap<string, ApkPackage>): string {
  return [...index.values()].filter((p) => p.base).map((p) => dbStanza({ ...fromIndex(index, p.name), files: [], links: {} })).join('');
}

export const BASE_WORLD = ['alpine-baselayout', 'alpine-keys', 'apk-tools', 'busybox', 'ca-certificates-bundle', 'libc-utils', 'libcrypto3', 'libssl3', 'musl', 'musl-utils', 'scanelf', 'ssl_client', 'zlib'];

/** tzdata: every zone of the Debian root's zoneinfo (Alpine ships the same IANA tree), scaled to the package's size. */
export function tzdata(root: string, installedSize: number): Pkg {
  const base = join(root, 'usr/share/zoneinfo');
  const found: Array<[string, number]> = [];
  const links: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(base, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      if (r === 'posix' || r === 'right' || r === 'localtime' || r.endsWith('.list')) continue;
      const st = lstatSync(join(base, r));
      if (st.isDirectory()) walk(r);
      else if (st.isSymbolicLink()) links[`usr/share/zoneinfo/${r}`] = readlinkSync(join(base, r));
      else found.push([r, st.size]);
    }
  };
  walk('');
  const total = found.reduce((n, [, s]) => n + s, 0);
  // Alpine builds zic's "fat" files: each zone is larger than Debian's slim one by about the same factor.
  const scale = installedSize / total;
  return {
    name: 'tzdata',
    version: '2025a-r0',
    description: 'Timezone data',
    url: 'https://www.iana.org/time-zones',
    license: 'Public-Domain',
    depends: [],
    installedSize,
    files: found.map(([r, s]) => ({ path: `usr/share/zoneinfo/${r}`, size: Math.max(1, Math.round(s * scale)), kind: 'synthetic' as const })),
    links,
  };
}

/** apk's database files as a RUN step leaves them: `world` (sorted, unique) and the installed stanzas `db`. */
export function apkDb(db: string, world: readonly string[], mtime: number): ListedEntry[] {
  return [
    dir('etc', mtime),
    dir('etc/apk', mtime),
    text('etc/apk/world', `${[...new Set(world)].sort().join('\n')}\n`, mtime),
    dir('lib', mtime),
    dir('lib/apk', mtime),
    dir('lib/apk/db', mtime),
    text('lib/apk/db/installed', db, mtime),
  ];
}
