/**
 * postgres (17 = latest, and 16; bookworm): the thirteen layers of docker-library/postgres's bookworm Dockerfile
 * over debian:bookworm-slim's layer (shared). The server is Debian bookworm's postgresql-15 (with its real
 * dependencies, LLVM included, as pgdg's packages have) moved to the major version's paths; see
 * content/catalog/APPROXIMATIONS.md. Layers 1–7 do not depend on the major version, so images created at the same
 * time share them.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { packageLayer } from '../packages';
import { slimRemoves, SLIM_DPKG_CONFIG, type RootContext } from './debian';
import { bin, blob, dir, link, mergeEntries, parents, text } from './layout';
import { withSystemUser } from './nginx';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/postgres');
const UNPACK = '/tmp/layerlab-catalog/unpack';

export function postgresLayers(ctx: RootContext, major: number, mtime: number): ListedEntry[][] {
  const f = (name: string) => readFileSync(join(FILES, name), 'utf8');
  const user = [
    ...withSystemUser(ctx.root, mtime, { name: 'postgres', uid: 999, gid: 999, gecos: '', home: '/var/lib/postgresql', shell: '/bin/bash' }),
    dir('var', mtime), dir('var/lib', mtime), dir('var/lib/postgresql', mtime, 0o1777, 999, 999),
  ];
  const status = join(ctx.root, 'var/lib/dpkg/status');
  const tools = packageLayer('pg-tools', status, ['gnupg', 'less'], { clampMtime: mtime, exclude: slimRemoves });
  const gosu = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime), bin('usr/local/bin/gosu', 2_400_000, 'gosu', mtime)];
  // The locales step lifts slim's /usr/share/locale exclusion, installs locales and generates en_US.UTF-8.
  const localeExclude = (p: string) => slimRemoves(p) && !p.startsWith('usr/share/locale/');
  const loc = packageLayer('pg-locales', tools.status, ['locales'], { clampMtime: mtime, exclude: localeExclude });
  const localeGen = readFileSync(join(UNPACK, 'pg-locales/usr/share/i18n/SUPPORTED'), 'utf8').split('\n').filter((l) => l !== '');
  const locales = mergeEntries(loc.entries, [
    dir('etc/dpkg', mtime), dir('etc/dpkg/dpkg.cfg.d', mtime),
    text('etc/dpkg/dpkg.cfg.d/docker', SLIM_DPKG_CONFIG.replace('path-exclude /usr/share/locale/*\n', ''), mtime),
    text('etc/locale.gen', '# This file lists locales that you wish to have built. You can find a list\n# of valid supported locales at /usr/share/i18n/SUPPORTED, and you can add\n# user defined locales to /usr/local/share/i18n/SUPPORTED. If you change\n# this file, you need to rerun locale-gen.\n\n\n' + localeGen.map((l) => `# ${l}`).join('\n') + '\nen_US.UTF-8 UTF-8\n', mtime),
    dir('usr/lib/locale', mtime),
    blob('usr/lib/locale/locale-archive', 3_049_296, mtime, 'synthetic'),
  ]);
  const wrap = packageLayer('pg-wrap', loc.status, ['libnss-wrapper', 'xz-utils', 'zstd'], { clampMtime: mtime, exclude: slimRemoves });
  const initdb = [dir('docker-entrypoint-initdb.d', mtime)];
  // An armored OpenPGP key: synthetic bytes of its size (we do not reproduce key material).
  const key = [...parents('usr/local/share/keyrings/postgres.gpg.asc', mtime), blob('usr/local/share/keyrings/postgres.gpg.asc', 4_812, mtime, 'synthetic')];

  // Debian's postgresql-15 stands in for PGDG's postgresql-<major>: its dpkg record would name the wrong release.
  const pg = packageLayer(`pg-server`, wrap.status, ['postgresql-common', 'postgresql-15'], { clampMtime: mtime, exclude: slimRemoves, dpkg: false });
  const v = String(major);
  const move = (p: string) => p.replace(/^usr\/(lib|share)\/postgresql\/15(\/|$)/, `usr/$1/postgresql/${v}$2`).replace(/^usr\/share\/doc\/postgresql-15/, `usr/share/doc/postgresql-${v}`);
  const server: ListedEntry[] = pg.entries.map((e) => ({ ...e, path: move(e.path), ...(e.linkTarget !== undefined && e.type === 'hardlink' ? { linkTarget: move(e.linkTarget) } : {}) }));
  const createcluster = readFileSync(join(UNPACK, 'pg-server/usr/share/postgresql-common/createcluster.conf'), 'utf8').replace(/^#(create_main_cluster) .*$/m, '$1 = false');
  server.push(
    dir('etc/postgresql-common', mtime),
    text('etc/postgresql-common/createcluster.conf', createcluster, mtime),
    dir('etc/apt/sources.list.d', mtime),
    text('etc/apt/sources.list.d/pgdg.list', `deb [ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] http://apt.postgresql.org/pub/repos/apt/ bookworm-pgdg main ${v}\n`, mtime),
    dir('etc/postgresql', mtime),
  );
  const sampleText = readFileSync(join(UNPACK, 'pg-server/usr/share/postgresql/15/postgresql.conf.sample'), 'utf8');
  const listening = sampleText.replace(/^#?(listen_addresses)\s*=\s*\S+.*$/m, "$1 = '*'");
  const diversions = readFileSync(join(ctx.root, 'var/lib/dpkg/diversions'), 'utf8') + `/usr/share/postgresql/${v}/postgresql.conf.sample\n/usr/share/postgresql/postgresql.conf.sample.dpkg\n:\n`;
  const sample = [
    dir('usr', mtime), dir('usr/share', mtime), dir('usr/share/postgresql', mtime), dir(`usr/share/postgresql/${v}`, mtime),
    text('usr/share/postgresql/postgresql.conf.sample.dpkg', sampleText, mtime),
    text('usr/share/postgresql/postgresql.conf.sample', listening, mtime),
    link(`usr/share/postgresql/${v}/postgresql.conf.sample`, '../postgresql.conf.sample', mtime),
    dir('var', mtime), dir('var/lib', mtime), dir('var/lib/dpkg', mtime),
    text('var/lib/dpkg/diversions', diversions, mtime),
  ];
  const run = [dir('run', mtime), dir('run/postgresql', mtime, 0o3777, 999, 999)];
  const data = [dir('var', mtime), dir('var/lib', mtime), dir('var/lib/postgresql', mtime, 0o1777, 999, 999), dir('var/lib/postgresql/data', mtime, 0o1777, 999, 999)];
  const local = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime)];
  const copy = [...local, text('usr/local/bin/docker-entrypoint.sh', f('docker-entrypoint.sh'), mtime, 0o755), text('usr/local/bin/docker-ensure-initdb.sh', f('docker-ensure-initdb.sh'), mtime, 0o755)];
  const ln = [...local, link('usr/local/bin/docker-enforce-initdb.sh', 'docker-ensure-initdb.sh', mtime)];
  return [user, tools.entries, gosu, locales, wrap.entries, initdb, key, server, sample, run, data, copy, ln];
}
