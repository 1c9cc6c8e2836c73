/**
 * mysql 8.0 and 5.7 (Oracle Linux 8-slim / 7-slim, the eleven layers of docker-library/mysql's Dockerfile.oracle)
 * and 5.5 (Debian, the generic-binary tarball in /usr/local/mysql). No MySQL packages are reachable here, so the
 * server and client files are Debian bookworm's MariaDB 10.11 packages (mariadb-server-core, mariadb-client-core,
 * and mariadb-client's dump and admin tools)
 * renamed to MySQL's names and layout; binary sizes are approximate and mysqlsh/mysqld sizes make the images total
 * the real sizes. See content/catalog/APPROXIMATIONS.md.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { candidates, packageLayer, unpackDebs } from '../packages';
import { walkRootfs } from '../rootfs';
import { relocate } from './buildpack';
import { slimRemoves, type RootContext } from './debian';
import { elAccounts, elLayout, elRoot, type ElFlavor } from './el';
import { bin, blob, dir, link, parents, text } from './layout';
import { withSystemUser } from './nginx';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/mysql');

/** MariaDB's server and client files under MySQL's names: `mariadbd` → mysqld, `mariadb-dump` → mysqldump. */
function mysqlFiles(mtime: number): ListedEntry[] {
  const tree = unpackDebs('mysql-files', candidates(['mariadb-server-core', 'mariadb-client-core']));
  // From mariadb-client only the dump and admin tools (the rest of that package has no counterpart in the images).
  const client = unpackDebs('mysql-client-tools', candidates(['mariadb-client']));
  const tools = walkRootfs(client, { clampMtime: mtime }).filter((e) => e.path === 'usr/bin/mariadb-dump' || e.path === 'usr/bin/mariadb-admin');
  const out: ListedEntry[] = [];
  for (const e of [...walkRootfs(tree, { clampMtime: mtime }), ...tools]) {
    if (/^usr\/share\/(doc|man|lintian)(\/|$)/.test(e.path)) continue;
    const base = e.path.slice(e.path.lastIndexOf('/') + 1);
    // Debian's mysql* compatibility links point at the mariadb* binaries, which take their names here.
    if (e.type === 'symlink' && /^usr\/s?bin\//.test(e.path) && /^mariadb/.test(e.linkTarget ?? '')) continue;
    const name = base === 'mariadbd' ? 'mysqld' : base.replace(/^mariadb-/, 'mysql').replace(/^mariadb$/, 'mysql');
    const path = e.path.slice(0, e.path.length - base.length) + name;
    out.push(e.content?.kind === 'program' ? { ...e, path, content: { ...e.content, program: name } } : { ...e, path });
  }
  return out;
}

const MY_CNF_80 =
  '# For advice on how to change settings please see\n# http://dev.mysql.com/doc/refman/8.0/en/server-configuration-defaults.html\n\n[mysqld]\n#\n# Remove leading # and set to the amount of RAM for the most important data\n# cache in MySQL. Start at 70% of total RAM for dedicated server, else 10%.\n# innodb_buffer_pool_size = 128M\n#\n# Remove leading # to turn on a very important data integrity option: logging\n# changes to the binary log between backups.\n# log_bin\n#\n# Remove leading # to set options mainly useful for reporting servers.\n# The server defaults are faster for transactions and fast SELECTs.\n# Adjust sizes as needed, experiment to find the optimal values.\n# join_buffer_size = 128M\n# sort_buffer_size = 2M\n# read_rnd_buffer_size = 2M\n\n# Remove leading # to revert to previous value for default_authentication_plugin,\n# this will increase compatibility with older clients. For background, see:\n# https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_default_authentication_plugin\n# default-authentication-plugin=mysql_native_password\nskip-host-cache\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\nsecure-file-priv=/var/lib/mysql-files\nuser=mysql\n\npid-file=/var/run/mysqld/mysqld.pid\n[client]\nsocket=/var/run/mysqld/mysqld.sock\n\n!includedir /etc/mysql/conf.d/\n';
const MY_CNF_57 =
  '# For advice on how to change settings please see\n# http://dev.mysql.com/doc/refman/5.7/en/server-configuration-defaults.html\n\n[mysqld]\n#\n# Remove leading # and set to the amount of RAM for the most important data\n# cache in MySQL. Start at 70% of total RAM for dedicated server, else 10%.\n# innodb_buffer_pool_size = 128M\n#\n# Remove leading # to turn on a very important data integrity option: logging\n# changes to the binary log between backups.\n# log_bin\n#\n# Remove leading # to set options mainly useful for reporting servers.\n# The server defaults are faster for transactions and fast SELECTs.\n# Adjust sizes as needed, experiment to find the optimal values.\n# join_buffer_size = 128M\n# sort_buffer_size = 2M\n# read_rnd_buffer_size = 2M\nskip-host-cache\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\nsecure-file-priv=/var/lib/mysql-files\nuser=mysql\n\n# Disabling symbolic-links is recommended to prevent assorted security risks\nsymbolic-links=0\n\npid-file=/var/run/mysqld/mysqld.pid\n[client]\nsocket=/var/run/mysqld/mysqld.sock\n\n!includedir /etc/mysql/conf.d/\n';

export interface MysqlOracle {
  readonly flavor: Extract<ElFlavor, 'ol7-slim' | 'ol8-slim'>;
  readonly major: '8.0' | '5.7';
  /** Creation time of the Oracle Linux base layer. */
  readonly baseMtime: number;
  readonly mysqldSize: number;
  readonly mysqlshSize: number;
}

export function mysqlOracleLayers(ctx: RootContext, slim: readonly ListedEntry[], rel: MysqlOracle, mtime: number): ListedEntry[][] {
  const root = elRoot(ctx, slim, rel.flavor, rel.baseMtime);
  const user = elAccounts(rel.flavor, mtime, { passwd: 'mysql:x:999:999::/var/lib/mysql:/bin/bash\n', group: 'mysql:x:999:\n' });
  const local = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime)];
  const gosu = [...local, bin('usr/local/bin/gosu', 2_300_000, 'gosu', mtime)];
  const tools = elLayout(packageLayer(`mysql-tools-${rel.major}`, join(ctx.root, 'var/lib/dpkg/status'), ['bzip2', 'openssl', 'xz-utils', 'zstd'], { clampMtime: mtime, exclude: slimRemoves }).entries);
  const key = [...parents('etc/pki/rpm-gpg/RPM-GPG-KEY-mysql', mtime), blob('etc/pki/rpm-gpg/RPM-GPG-KEY-mysql', 3_143, mtime, 'synthetic')];
  const el = rel.flavor === 'ol8-slim' ? '8' : '7';
  const repoLines = (id: string, name: string, url: string) => `[${id}]\nname=${name}\nenabled=1\nbaseurl=${url}\ngpgcheck=1\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-mysql\nmodule_hotfixes=true\n`;
  const repo = [dir('etc', mtime), dir('etc/yum.repos.d', mtime), text('etc/yum.repos.d/mysql-community-minimal.repo', repoLines(`mysql${rel.major}-server-minimal`, `MySQL ${rel.major} Server Minimal`, `https://repo.mysql.com/yum/mysql-${rel.major}-community/docker/el/${el}/$basearch/`), mtime)];
  const share = rel.major === '8.0' ? 'usr/share/mysql-8.0' : 'usr/share/mysql';
  const server: ListedEntry[] = [];
  for (const e of mysqlFiles(mtime)) {
    const moved = elLayout([e])[0];
    if (!moved) continue;
    let path = moved.path.replace(/^usr\/lib\/mysql(\/|$)/, 'usr/lib64/mysql$1').replace(/^usr\/share\/mysql(\/|$)/, `${share}$1`);
    if (path === 'usr/sbin/mysqld' && moved.content?.kind === 'program') {
      server.push({ ...moved, path, content: { ...moved.content, size: rel.mysqldSize } });
      continue;
    }
    if (path.startsWith('etc/mysql/')) path = path.replace(/^etc\/mysql\/(.*)$/, 'etc/mysql/$1');
    server.push({ ...moved, path });
  }
  server.push(
    text('etc/my.cnf', rel.major === '8.0' ? MY_CNF_80 : MY_CNF_57, mtime),
    dir('etc/mysql', mtime), dir('etc/mysql/conf.d', mtime),
    dir('var', mtime), dir('var/lib', mtime), dir('var/lib/mysql', mtime, 0o1777, 999, 999), dir('var/lib/mysql-files', mtime, 0o750, 999, 999),
    dir('run', mtime), dir('run/mysqld', mtime, 0o1777, 999, 999),
    dir('docker-entrypoint-initdb.d', mtime),
  );
  const toolsRepo = [dir('etc', mtime), dir('etc/yum.repos.d', mtime), text('etc/yum.repos.d/mysql-community-tools.repo', repoLines('mysql-tools-community', 'MySQL Tools Community', `https://repo.mysql.com/yum/mysql-tools-community/el/${el}/$basearch/`), mtime)];
  // mysql-shell bundles a Python runtime: Debian's Python 3.11 standard library stands in for it.
  const py = unpackDebs('mysqlsh-python', candidates(['python3.11-minimal', 'libpython3.11-minimal', 'libpython3.11-stdlib']));
  const shell = [
    dir('usr', mtime), dir('usr/bin', mtime),
    bin('usr/bin/mysqlsh', rel.mysqlshSize, 'mysqlsh', mtime),
    ...relocate(py, 'usr/lib/python3.11', 'usr/lib/mysqlsh/lib/python3.11', mtime).filter((e) => !/(^|\/)(test|tests|__pycache__)(\/|$)/.test(e.path)),
  ];
  const copy = [...local, text('usr/local/bin/docker-entrypoint.sh', readFileSync(join(FILES, 'docker-entrypoint.sh'), 'utf8'), mtime, 0o755)];
  const ln = [link('entrypoint.sh', 'usr/local/bin/docker-entrypoint.sh', mtime)];
  return [root, user, gosu, tools, key, repo, server, toolsRepo, shell, copy, ln];
}

/** mysql:5.5 over debian:bookworm-slim (the real one is stretch-slim): the 2018 Dockerfile's ten layers. */
export function mysql55Layers(ctx: RootContext, mtime: number, mysqldSize: number): ListedEntry[][] {
  const status = join(ctx.root, 'var/lib/dpkg/status');
  const user = withSystemUser(ctx.root, mtime, { name: 'mysql', uid: 999, gid: 999, gecos: '', home: '/home/mysql', shell: '/bin/sh' });
  const gpg = packageLayer('mysql55-gnupg', status, ['gnupg', 'dirmngr'], { clampMtime: mtime, exclude: slimRemoves });
  const local = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime)];
  const gosu = [...local, bin('usr/local/bin/gosu', 1_700_000, 'gosu', mtime)];
  const initdb = [dir('docker-entrypoint-initdb.d', mtime)];
  const deps = packageLayer('mysql55-deps', gpg.status, ['libaio1', 'pwgen', 'perl'], { clampMtime: mtime, exclude: slimRemoves });
  const tarball: ListedEntry[] = [...local, dir('usr/local/mysql', mtime), dir('usr/local/mysql/bin', mtime), dir('usr/local/mysql/lib', mtime), dir('usr/local/mysql/share', mtime), dir('usr/local/mysql/scripts', mtime), dir('usr/local/mysql/support-files', mtime)];
  for (const e of mysqlFiles(mtime)) {
    let path: string | null = null;
    if (/^usr\/s?bin\/[^/]+$/.test(e.path)) path = `usr/local/mysql/bin/${e.path.slice(e.path.lastIndexOf('/') + 1)}`;
    else if (e.path.startsWith('usr/lib/mysql/')) path = `usr/local/mysql/lib/${e.path.slice('usr/lib/mysql/'.length)}`;
    else if (e.path.startsWith('usr/share/mysql/')) path = `usr/local/mysql/share/${e.path.slice('usr/share/mysql/'.length)}`;
    if (path === null) continue;
    if (path === 'usr/local/mysql/bin/mysqld' && e.content?.kind === 'program') tarball.push({ ...e, path, content: { ...e.content, size: mysqldSize } });
    else tarball.push({ ...e, path });
  }
  tarball.push(
    text('usr/local/mysql/scripts/mysql_install_db', '#!/usr/bin/perl\n# layerlab: MySQL 5.5\'s mysql_install_db (a Perl script in the tarball) is not reproduced; its role\n# is to create the system tables in the data directory.\nexec("/usr/local/mysql/bin/mysqld", "--bootstrap", @ARGV);\n', mtime, 0o755),
    blob('usr/local/mysql/lib/libmysqlclient.so.18.0.0', 3_900_000, mtime, 'elf', 0o755),
    link('usr/local/mysql/lib/libmysqlclient.so.18', 'libmysqlclient.so.18.0.0', mtime),
    link('usr/local/mysql/lib/libmysqlclient.so', 'libmysqlclient.so.18.0.0', mtime),
  );
  const cnf = [dir('etc', mtime), dir('etc/mysql', mtime), dir('etc/mysql/conf.d', mtime), text('etc/mysql/my.cnf', '[mysqld]\nskip-host-cache\nskip-name-resolve\ndatadir = /var/lib/mysql\n!includedir /etc/mysql/conf.d/\n', mtime)];
  const dirs = [dir('var', mtime), dir('var/lib', mtime), dir('var/lib/mysql', mtime, 0o755, 999, 999), dir('run', mtime), dir('run/mysqld', mtime, 0o777, 999, 999)];
  const copy = [...local, text('usr/local/bin/docker-entrypoint.sh', readFileSync(join(FILES, 'docker-entrypoint.sh'), 'utf8'), mtime, 0o755)];
  const ln = [link('entrypoint.sh', 'usr/local/bin/docker-entrypoint.sh', mtime)];
  return [user, gpg.entries, gosu, initdb, deps.entries, tarball, cnf, dirs, copy, ln];
}
