/**
 * What Debian maintainer scripts leave behind on a fresh `apt-get install` in a container, as data for apt
 * (lib/engine/packages/format.ts PostinstOp). Written from the packages' own postinst scripts (`dpkg-deb -e`);
 * what needs a running init (invoke-rc.d start) is left out, since policy-rc.d blocks it in Docker's images.
 * Only packages whose effects a learner meets are listed (content/packages/APPROXIMATIONS.md).
 */

import type { PostinstOp } from '../../lib/engine/packages/format';

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

/** nginx-common's postrm purge: `rm -rf` of its state, logs and configuration, update-rc.d remove, deb-systemd-helper purge. */
export const PURGE: Readonly<Record<string, readonly string[]>> = {
  'nginx-common': ['/var/lib/nginx', '/var/log/nginx', '/etc/nginx', ...rcDefaults('nginx').map((o) => o.path), ...systemdEnable('nginx.service').map((o) => o.path)],
};

/** Files a postinst copies must keep their real text in the catalog (the welcome page nginx serves). */
export const POSTINST_SOURCES: ReadonlySet<string> = new Set(
  Object.values(POSTINST).flatMap((ops) => ops.flatMap((o) => (o.op === 'copy' ? [o.from] : []))),
);
