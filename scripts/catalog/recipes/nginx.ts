/**
 * nginx (mainline, bookworm): debian:bookworm-slim's layer (shared), the big RUN layer (nginx and its modules,
 * gettext-base, curl, from Debian's packages standing in for nginx.org's, rearranged into nginx.org's layout),
 * then one COPY layer per entrypoint script, as the official Dockerfile has.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { packageLayer } from '../packages';
import { slimRemoves, type RootContext } from './debian';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/nginx');
const NGINX_ORG_VERSION = '1.27.4-1~bookworm';
const NGINX_PACKAGES = ['nginx', 'libnginx-mod-http-xslt-filter', 'libnginx-mod-http-geoip', 'libnginx-mod-http-image-filter', 'libnginx-mod-stream', 'gettext-base', 'curl', 'ca-certificates'];

const text = (path: string, t: string, mtime: number, mode = 0o644, gid = 0): ListedEntry => ({ path, type: 'file', mode, uid: 0, gid, mtime, content: { kind: 'text', text: t } });
const dir = (path: string, mtime: number, mode = 0o755): ListedEntry => ({ path, type: 'dir', mode, uid: 0, gid: 0, mtime });

/** A system user and group added the way `groupadd --system` / `useradd --system` append them. */
export function withSystemUser(root: string, mtime: number, user: { name: string; uid: number; gid: number; gecos: string; home: string; shell: string }): ListedEntry[] {
  const read = (p: string) => readFileSync(join(root, p), 'utf8');
  return [
    text('etc/passwd', read('etc/passwd') + `${user.name}:x:${user.uid}:${user.gid}:${user.gecos}:${user.home}:${user.shell}\n`, mtime),
    text('etc/group', read('etc/group') + `${user.name}:x:${user.gid}:\n`, mtime),
    text('etc/shadow', read('etc/shadow') + `${user.name}:!:${Math.floor(mtime / 86400)}::::::\n`, mtime, 0o640, 42),
    text('etc/gshadow', read('etc/gshadow') + `${user.name}:!::\n`, mtime, 0o640, 42),
  ];
}

export function nginxLayers(ctx: RootContext, mtime: number): ListedEntry[][] {
  const { entries } = packageLayer('nginx', join(ctx.root, 'var/lib/dpkg/status'), NGINX_PACKAGES, { clampMtime: mtime, exclude: slimRemoves });
  const f = (name: string) => readFileSync(join(FILES, name), 'utf8');
  const debianOnly = (p: string) => p.startsWith('etc/nginx/sites-') || p.startsWith('var/www') || p === 'etc/nginx/nginx.conf' || p.startsWith('var/log/nginx/');
  // dpkg's record says nginx.org's version (the package the official image installs), not Debian's 1.22.
  const run = entries
    .filter((e) => !debianOnly(e.path))
    .map((e) => (e.path === 'var/lib/dpkg/status' && e.content?.kind === 'text' ? { ...e, content: { kind: 'text' as const, text: e.content.text.replace(/^(Package: nginx\n(?:[^\n]+\n)*?Version: )\S+/m, `$1${NGINX_ORG_VERSION}`) } } : e));
  run.push(
    ...withSystemUser(ctx.root, mtime, { name: 'nginx', uid: 101, gid: 101, gecos: 'nginx user', home: '/nonexistent', shell: '/bin/false' }),
    text('etc/nginx/nginx.conf', f('nginx.conf'), mtime),
    dir('etc/nginx/conf.d', mtime),
    text('etc/nginx/conf.d/default.conf', f('default.conf'), mtime),
    dir('usr/share/nginx', mtime),
    dir('usr/share/nginx/html', mtime),
    text('usr/share/nginx/html/index.html', f('index.html'), mtime),
    text('usr/share/nginx/html/50x.html', f('50x.html'), mtime),
    dir('var/cache/nginx', mtime),
    dir('var/log/nginx', mtime),
    { path: 'var/log/nginx/access.log', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime, linkTarget: '/dev/stdout' },
    { path: 'var/log/nginx/error.log', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime, linkTarget: '/dev/stderr' },
    dir('docker-entrypoint.d', mtime),
  );
  const copy = (dest: string, name: string): ListedEntry[] => {
    const parts = dest.split('/');
    const dirs = parts.slice(0, -1).map((_p, i) => dir(parts.slice(0, i + 1).join('/'), mtime));
    return [...dirs, text(dest, f(name), mtime, 0o775)];
  };
  return [
    run,
    copy('docker-entrypoint.sh', 'docker-entrypoint.sh'),
    copy('docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', '10-listen-on-ipv6-by-default.sh'),
    copy('docker-entrypoint.d/15-local-resolvers.envsh', '15-local-resolvers.envsh'),
    copy('docker-entrypoint.d/20-envsubst-on-templates.sh', '20-envsubst-on-templates.sh'),
    copy('docker-entrypoint.d/30-tune-worker-processes.sh', '30-tune-worker-processes.sh'),
  ];
}
