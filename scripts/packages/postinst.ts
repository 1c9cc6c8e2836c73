/**
 * What Debian maintainer scripts leave behind on a fresh `apt-get install` in a container, as data for apt
 * (lib/engine/packages/format.ts PostinstOp). Written from the packages' own postinst scripts (`dpkg-deb -e`);
 * what needs a running init (invoke-rc.d start) is left out, since policy-rc.d blocks it in Docker's images.
 * Only packages whose effects a learner meets are listed (content/packages/APPROXIMATIONS.md).
 */

import type { ListedFile, PostinstOp } from '../../lib/engine/packages/format';

const ROOT = 0;
const ADM = 4;
const WWW_DATA = 33;

/** `update-rc.d NAME defaults` for an init script with Default-Start 2 3 4 5 and Default-Stop 0 1 6 (no insserv). */
function rcDefaults(name: string): PostinstOp[] {
  return [0, 1, 2, 3, 4, 5, 6].map((level) => ({ op: 'symlink', path: `/etc/rc${level}.d/${level >= 2 && level <= 5 ? 'S' : 'K'}01${name}`, target: `../init.d/${name}` }));
}

/** `deb-systemd-helper enable UNIT` for a unit WantedBy=multi-user.target. */
function systemdEnable(unit: string): PostinstOp[] {
  return [{ op: 'symlink', path: `/etc/systemd/system/multi-user.target.wants/${unit}`, target: `/lib/systemd/system/${unit}` }];
}

export const POSTINST: Readonly<Record<string, readonly PostinstOp[]>> = {
  // nginx-common 1.22.1 postinst configure (fresh install, $2 empty).
  'nginx-common': [
    { op: 'dir', path: '/var/log/nginx', mode: 0o755, uid: ROOT, gid: ADM },
    { op: 'file', path: '/var/log/nginx/access.log', mode: 0o640, uid: WWW_DATA, gid: ADM },
    { op: 'file', path: '/var/log/nginx/error.log', mode: 0o640, uid: WWW_DATA, gid: ADM },
    { op: 'symlink', path: '/etc/nginx/sites-enabled/default', target: '/etc/nginx/sites-available/default' },
    { op: 'dir', path: '/var/www/html' },
    { op: 'copy', from: '/usr/share/nginx/html/index.html', path: '/var/www/html/index.nginx-debian.html' },
    ...rcDefaults('nginx'),
    ...systemdEnable('nginx.service'),
  ],
};

/**
 * apache2 2.4 postinst configure on a fresh install: a2enmod of mpm_event and the default modules (with the modules
 * their .load files name in `# Depends:`), a2enconf of the default confs, a2ensite 000-default, the log files, and
 * the default index.html. Read from the package's own /etc/apache2 files.
 */
export function apache2Postinst(files: readonly ListedFile[]): PostinstOp[] {
  const text = (path: string) => {
    const f = files.find((x) => x.path === path);
    return f?.content?.kind === 'text' ? f.content.text : undefined;
  };
  const has = (path: string) => files.some((x) => x.path === path);
  const ops: PostinstOp[] = [];
  const enabled = new Set<string>();
  const enmod = (m: string) => {
    if (enabled.has(m)) return;
    enabled.add(m);
    const load = `/etc/apache2/mods-available/${m}.load`;
    for (const dep of (/^# Depends:(.*)$/m.exec(text(load) ?? '')?.[1] ?? '').trim().split(/\s+/).filter((d) => d !== '')) enmod(dep);
    for (const ext of ['load', 'conf']) if (has(`/etc/apache2/mods-available/${m}.${ext}`)) ops.push({ op: 'symlink', path: `/etc/apache2/mods-enabled/${m}.${ext}`, target: `../mods-available/${m}.${ext}` });
  };
  enmod('mpm_event');
  for (const m of ['authz_host', 'auth_basic', 'access_compat', 'authn_file', 'authz_user', 'alias', 'dir', 'autoindex', 'env', 'mime', 'negotiation', 'setenvif', 'filter', 'deflate', 'status', 'reqtimeout']) enmod(m);
  for (const c of ['charset', 'localized-error-pages', 'other-vhosts-access-log', 'security', 'serve-cgi-bin']) ops.push({ op: 'symlink', path: `/etc/apache2/conf-enabled/${c}.conf`, target: `../conf-available/${c}.conf` });
  ops.push({ op: 'symlink', path: '/etc/apache2/sites-enabled/000-default.conf', target: '../sites-available/000-default.conf' });
  for (const log of ['error.log', 'access.log', 'other_vhosts_access.log']) ops.push({ op: 'file', path: `/var/log/apache2/${log}`, mode: 0o640, uid: ROOT, gid: ADM });
  ops.push({ op: 'copy', from: APACHE_INDEX, path: '/var/www/html/index.html' }, ...rcDefaults('apache2'), ...systemdEnable('apache2.service'));
  return ops;
}
const APACHE_INDEX = '/usr/share/apache2/default-site/index.html';

/** nginx-common's postrm purge: `rm -rf` of its state, logs and configuration, update-rc.d remove, deb-systemd-helper purge. */
export const PURGE: Readonly<Record<string, readonly string[]>> = {
  'nginx-common': ['/var/lib/nginx', '/var/log/nginx', '/etc/nginx', ...rcDefaults('nginx').map((o) => o.path), ...systemdEnable('nginx.service').map((o) => o.path)],
};

/** Files a postinst copies must keep their real text in the catalog (the welcome page nginx serves). */
export const POSTINST_SOURCES: ReadonlySet<string> = new Set([APACHE_INDEX, ...Object.values(POSTINST).flatMap((ops) => ops.flatMap((o) => (o.op === 'copy' ? [o.from] : [])))]);

/** The postinst ops of package `name` whose files are `files`. */
export function postinstOf(name: string, files: readonly ListedFile[]): readonly PostinstOp[] | undefined {
  return name === 'apache2' ? apache2Postinst(files) : POSTINST[name];
}
