/**
 * buildpack-deps:bookworm's three RUN layers (curl, scm, full), the base of node and python (official images),
 * from Debian's packages; and the node layers on top. Package lists: docker-library/buildpack-deps
 * (debian/bookworm/{curl,scm,.}/Dockerfile) and docker-library/node (20/bookworm/Dockerfile).
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { candidates, packageLayer, unpackDebs } from '../packages';
import { seedOf, walkRootfs } from '../rootfs';
import { slimRemoves, type RootContext } from './debian';
import { withSystemUser } from './nginx';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files');

export const BUILDPACK_CURL = ['ca-certificates', 'curl', 'gnupg', 'netbase', 'sq', 'wget'];
export const BUILDPACK_SCM = ['git', 'mercurial', 'openssh-client', 'subversion', 'procps'];
export const BUILDPACK_FULL = ['autoconf', 'automake', 'bzip2', 'default-libmysqlclient-dev', 'dpkg-dev', 'file', 'g++', 'gcc', 'imagemagick', 'libbz2-dev', 'libc6-dev', 'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev', 'libglib2.0-dev', 'libgmp-dev', 'libjpeg-dev', 'libkrb5-dev', 'liblzma-dev', 'libmagickcore-dev', 'libmagickwand-dev', 'libmaxminddb-dev', 'libncurses5-dev', 'libncursesw5-dev', 'libpng-dev', 'libpq-dev', 'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev', 'libxslt-dev', 'libyaml-dev', 'make', 'patch', 'unzip', 'xz-utils', 'zlib1g-dev'];

export interface Buildpack {
  readonly layers: ListedEntry[][];
  /** dpkg status after the last layer. */
  readonly status: string;
}

/** The three buildpack-deps:bookworm layers over debian:bookworm (mtimes clamped to `mtime`). */
export function buildpackDeps(ctx: RootContext, mtime: number): Buildpack {
  const curl = packageLayer('bp-curl', join(ctx.root, 'var/lib/dpkg/status'), BUILDPACK_CURL, { clampMtime: mtime });
  const scm = packageLayer('bp-scm', curl.status, BUILDPACK_SCM, { clampMtime: mtime });
  const full = packageLayer('bp-full', scm.status, BUILDPACK_FULL, { clampMtime: mtime });
  return { layers: [curl.entries, scm.entries, full.entries], status: full.status };
}

const dir = (path: string, mtime: number, mode = 0o755, uid = 0, gid = 0): ListedEntry => ({ path, type: 'dir', mode, uid, gid, mtime });
const link = (path: string, target: string, mtime: number): ListedEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime, linkTarget: target });

/** Entries under `from` (relative, e.g. usr/share/nodejs/npm) of an unpacked tree, moved to `to`, with parents. */
export function relocate(tree: string, from: string, to: string, mtime: number): ListedEntry[] {
  const inner = walkRootfs(join(tree, from), { clampMtime: mtime });
  const out: ListedEntry[] = [];
  const parts = to.split('/');
  for (let i = 1; i <= parts.length; i++) out.push(dir(parts.slice(0, i).join('/'), mtime));
  for (const e of inner) out.push({ ...e, path: `${to}/${e.path}`, ...(e.type === 'hardlink' ? { linkTarget: `${to}/${e.linkTarget}` } : {}) });
  return out;
}

export interface NodeRelease {
  readonly version: string; // 20.18.3
  /** Size of the official linux-x64 `bin/node` (bytes). */
  readonly binarySize: number;
  readonly yarn: string; // 1.22.22
}

/** node's own layers: the node user, the node tarball (binary, headers, npm), yarn, the entrypoint. */
export function nodeLayers(ctx: RootContext, rel: NodeRelease, mtime: number): ListedEntry[][] {
  const home: ListedEntry[] = [dir('home', mtime), dir('home/node', mtime, 0o755, 1000, 1000)];
  for (const f of ['.bashrc', '.profile', '.bash_logout']) {
    const text = readFileSync(join(ctx.root, 'etc/skel', f), 'utf8');
    home.push({ path: `home/node/${f}`, type: 'file', mode: 0o644, uid: 1000, gid: 1000, mtime, content: { kind: 'text', text } });
  }
  const user = [...withSystemUser(ctx.root, mtime, { name: 'node', uid: 1000, gid: 1000, gecos: '', home: '/home/node', shell: '/bin/bash' }), ...home];

  const tree = unpackDebs('node-parts', candidates(['libnode-dev', 'npm', 'yarnpkg']));
  const nodeTar: ListedEntry[] = [
    dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime),
    { path: 'usr/local/bin/node', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'program', size: rel.binarySize, seed: seedOf(`node-${rel.version}`), program: 'node' } },
    link('usr/local/bin/nodejs', '/usr/local/bin/node', mtime),
    link('usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js', mtime),
    link('usr/local/bin/npx', '../lib/node_modules/npm/bin/npx-cli.js', mtime),
    ...relocate(tree, 'usr/include/node', 'usr/local/include/node', mtime),
    ...relocate(tree, 'usr/share/nodejs/npm', 'usr/local/lib/node_modules/npm', mtime),
  ];
  const yarnDir = `opt/yarn-v${rel.yarn}`;
  const yarn: ListedEntry[] = [
    ...relocate(tree, 'usr/share/nodejs/yarn', yarnDir, mtime),
    dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime),
    link('usr/local/bin/yarn', `/${yarnDir}/bin/yarn`, mtime),
    // Debian's yarn has no bin/yarnpkg (yarn's tarball does): the link goes to bin/yarn instead.
    link('usr/local/bin/yarnpkg', `/${yarnDir}/bin/yarn`, mtime),
  ];
  const entry: ListedEntry[] = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime), { path: 'usr/local/bin/docker-entrypoint.sh', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'text', text: readFileSync(join(FILES, 'node/docker-entrypoint.sh'), 'utf8') } }];
  return [user, nodeTar, yarn, entry];
}

/**
 * The stretch-era buildpack-deps lists node:9.4 (January 2018) was built on: curl without netbase/sq (gpg and
 * dirmngr come with it here: bookworm's root has no gpg, stretch's `if ! command -v gpg` step changed nothing),
 * scm with bzr, full with libgeoip-dev and without libgmp-dev/libmaxminddb-dev.
 */
/** Size of stretch's buildpack layers relative to bookworm's packages for the same lists (node:9.4 = 676 MB). */
const STRETCH_SCALE = 0.74;
export const STRETCH_CURL = ['ca-certificates', 'curl', 'wget', 'gnupg', 'dirmngr'];
export const STRETCH_SCM = ['bzr', 'git', 'mercurial', 'openssh-client', 'subversion', 'procps'];
export const STRETCH_FULL = [
  'autoconf', 'automake', 'bzip2', 'dpkg-dev', 'file', 'g++', 'gcc', 'imagemagick', 'libbz2-dev', 'libc6-dev', 'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev',
  'libgeoip-dev', 'libglib2.0-dev', 'libjpeg-dev', 'libkrb5-dev', 'liblzma-dev', 'libmagickcore-dev', 'libmagickwand-dev', 'libncurses5-dev', 'libncursesw5-dev', 'libpng-dev', 'libpq-dev',
  'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev', 'libxslt-dev', 'libyaml-dev', 'make', 'patch', 'xz-utils', 'zlib1g-dev', 'default-libmysqlclient-dev',
];

/**
 * node:9.4 (docker-node's 9/Dockerfile of January 2018 over buildpack-deps:stretch): the bookworm root standing in
 * for stretch's, the three buildpack layers from bookworm's packages for the stretch lists (without docs, man
 * pages and locales, contents scaled: bookworm's toolchain is a third bigger than stretch's; see
 * content/catalog/APPROXIMATIONS.md), the node user, the release keys gpg imported, node and yarn.
 */
export function node94Layers(ctx: RootContext, debian: readonly ListedEntry[], mtime: number): ListedEntry[][] {
  const opts = { clampMtime: mtime, exclude: slimRemoves };
  const curl = packageLayer('n9-curl', join(ctx.root, 'var/lib/dpkg/status'), STRETCH_CURL, opts);
  const scm = packageLayer('n9-scm', curl.status, STRETCH_SCM, opts);
  const full = packageLayer('n9-full', scm.status, STRETCH_FULL, opts);
  // Stretch's toolchain and libraries (gcc 6, ImageMagick 6.9.7, python 2 for bzr) were about a quarter smaller
  // than bookworm's: the synthetic contents of these three layers are scaled to land on the real image's size.
  const stretchSized = (entries: readonly ListedEntry[]) => entries.map((e) => (e.content && e.content.kind !== 'text' && e.content.kind !== 'empty' ? { ...e, content: { ...e.content, size: Math.round(e.content.size * STRETCH_SCALE) } } : e));
  const [user, nodeTar, yarn] = nodeLayers(ctx, { version: '9.4.0', binarySize: 35_500_000, yarn: '1.3.2' }, mtime) as [ListedEntry[], ListedEntry[], ListedEntry[]];
  // gpg --recv-keys of the nine release keys: root's keyring (synthetic bytes of a keybox of that many keys).
  const keys: ListedEntry[] = [
    dir('root', mtime, 0o700),
    dir('root/.gnupg', mtime, 0o700),
    { path: 'root/.gnupg/pubring.kbx', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime, content: { kind: 'synthetic', size: 181_402, seed: seedOf('node9-pubring') } },
    { path: 'root/.gnupg/trustdb.gpg', type: 'file', mode: 0o600, uid: 0, gid: 0, mtime, content: { kind: 'synthetic', size: 1_200, seed: seedOf('node9-trustdb') } },
  ];
  return [[...debian], stretchSized(curl.entries), stretchSized(scm.entries), stretchSized(full.entries), user, keys, nodeTar, yarn];
}

export interface PythonRelease {
  readonly version: string; // 3.12.9
  /** Size of libpython<mm>.so.1.0 (the slim build links with --strip-all, so it is smaller there). */
  readonly libSize?: number;
}

/** python's own layers over buildpack-deps: the tk/bluetooth/uuid dev packages, the /usr/local build, the links. */
export function pythonLayers(ctx: RootContext, bp: Buildpack, rel: PythonRelease, mtime: number): ListedEntry[][] {
  const deps = packageLayer('py-deps', bp.status, ['libbluetooth-dev', 'tk-dev', 'uuid-dev'], { clampMtime: mtime });
  return [deps.entries, ...pythonBuild(rel, mtime)];
}

/** python:<v>-slim over debian:bookworm-slim: ca-certificates, netbase and tzdata, the build, the links. */
export function pythonSlimLayers(ctx: RootContext, rel: PythonRelease, mtime: number): ListedEntry[][] {
  const deps = packageLayer('py-slim-deps', join(ctx.root, 'var/lib/dpkg/status'), ['ca-certificates', 'netbase', 'tzdata'], { clampMtime: mtime, exclude: slimRemoves });
  return [deps.entries, ...pythonBuild(rel, mtime)];
}

/** The /usr/local install of the source build and the `python`/`idle`/`pydoc` links. */
function pythonBuild(rel: PythonRelease, mtime: number): ListedEntry[][] {
  const mm = rel.version.split('.').slice(0, 2).join('.');
  const tree = unpackDebs('py-parts', candidates(['python3.11-minimal', 'libpython3.11-minimal', 'libpython3.11-stdlib', 'libpython3.11-dev', 'python3-pip', 'python3-setuptools', 'python3-wheel']));
  // The official build deletes test suites, bytecode and static libraries from /usr/local.
  const dropped = (p: string) => /(^|\/)(test|tests|idle_test)(\/|$)/.test(p) || /\.py[co]$/.test(p) || /libpython.*\.a$/.test(p) || p.includes('__pycache__');
  const all: ListedEntry[] = [
    dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime), dir('usr/local/lib', mtime),
    { path: `usr/local/bin/python${mm}`, type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'program', size: 17_000, seed: seedOf(`python-${rel.version}`), program: 'python3' } },
    link('usr/local/bin/python3', `python${mm}`, mtime),
    { path: `usr/local/lib/libpython${mm}.so.1.0`, type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'elf', size: rel.libSize ?? 30_000_000, seed: seedOf(`libpython-${rel.version}`) } },
    link(`usr/local/lib/libpython${mm}.so`, `libpython${mm}.so.1.0`, mtime),
    link('usr/local/lib/libpython3.so', `libpython${mm}.so.1.0`, mtime),
    ...relocate(tree, 'usr/lib/python3.11', `usr/local/lib/python${mm}`, mtime),
    ...relocate(tree, 'usr/include/python3.11', `usr/local/include/python${mm}`, mtime),
    ...relocate(tree, 'usr/lib/python3/dist-packages', `usr/local/lib/python${mm}/site-packages`, mtime),
  ];
  const install = all.filter((e) => !dropped(e.path));
  for (const b of ['pip', 'pip3', `pip${mm}`, 'idle3', `idle${mm}`, 'pydoc3', `pydoc${mm}`]) {
    const text = b.startsWith('pip') ? `#!/usr/local/bin/python${mm}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n` : b.startsWith('idle') ? `#!/usr/local/bin/python${mm}\n\nfrom idlelib.pyshell import main\nif __name__ == '__main__':\n    main()\n` : b.startsWith('pydoc') ? `#!/usr/local/bin/python${mm}\n\nimport pydoc\nif __name__ == '__main__':\n    pydoc.cli()\n` : null;
    install.push({ path: `usr/local/bin/${b}`, type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'text', text: text! } });
  }
  // python3.12-config / python3-config (shell scripts of the build) are not generated yet (see APPROXIMATIONS).
  const links: ListedEntry[] = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime)];
  for (const src of ['idle3', 'pydoc3', 'python3']) links.push(link(`usr/local/bin/${src.replace('3', '')}`, src, mtime));
  return [install, links];
}
