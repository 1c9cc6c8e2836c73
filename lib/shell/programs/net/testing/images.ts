/**
 * Small daemon images for tests: the tiny BusyBox image plus a layer holding the daemon's binary and the real
 * configuration files the catalog ships (content/catalog/files), so the programs run on what the real images hold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textContent, bytesContent } from '../../../../engine/fs/Content';
import { executableHeader } from '../../../../engine/fs/executable';
import { LayerBuilder } from '../../../../engine/fs/LayerTree';
import type { ContainerConfig } from '../../../../engine/format/imageConfig';
import { formatRfc3339Nano } from '../../../../engine/format/time';
import { append } from '../../../../engine/image/append';
import type { Image } from '../../../../engine/image/Image';
import { Layer } from '../../../../engine/image/Layer';

export type Entry = string | { readonly program: string } | { readonly symlink: string } | { readonly script: string };

const CATALOG_FILES = join(import.meta.dirname, '../../../../../content/catalog/files');

export function catalogFile(rel: string): string {
  return readFileSync(join(CATALOG_FILES, rel), 'utf8');
}

export function imageWith(base: Image, entries: Readonly<Record<string, Entry>>, config: ContainerConfig, createdMs = Date.UTC(2026, 0, 2)): Image {
  const b = new LayerBuilder();
  const dirs = new Set<string>();
  for (const path of Object.keys(entries)) {
    const parts = path.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  for (const d of [...dirs].sort()) b.add(d, { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: createdMs });
  for (const [path, e] of Object.entries(entries)) {
    if (typeof e === 'string') b.add(path, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: createdMs, content: textContent(e) });
    else if ('program' in e) b.add(path, { type: 'file', mode: 0o755, uid: 0, gid: 0, mtimeMs: createdMs, content: bytesContent(executableHeader(e.program)) });
    else if ('script' in e) b.add(path, { type: 'file', mode: 0o755, uid: 0, gid: 0, mtimeMs: createdMs, content: textContent(e.script) });
    else b.add(path, { type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: createdMs, target: e.symlink });
  }
  const created = formatRfc3339Nano(createdMs);
  return append({ base, addenda: [{ layer: new Layer(b.freeze()), history: { created, created_by: 'COPY daemon / # test' } }], config, created });
}

/** nginx as the official image lays it out (without the entrypoint scripts): CMD nginx -g 'daemon off;'. */
export function nginxImage(base: Image): Image {
  return imageWith(
    base,
    {
      '/usr/sbin/nginx': { program: 'nginx' },
      '/etc/nginx/nginx.conf': catalogFile('nginx/nginx.conf'),
      '/etc/nginx/conf.d/default.conf': catalogFile('nginx/default.conf'),
      '/usr/share/nginx/html/index.html': catalogFile('nginx/index.html'),
      '/usr/share/nginx/html/50x.html': catalogFile('nginx/50x.html'),
      '/var/log/nginx/access.log': { symlink: '/dev/stdout' },
      '/var/log/nginx/error.log': { symlink: '/dev/stderr' },
      '/var/run': { symlink: '/run' },
      '/run/lock/.keep': '',
      '/usr/bin/curl': { program: 'curl' },
    },
    {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NGINX_VERSION=1.27.4'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      ExposedPorts: { '80/tcp': {} },
      StopSignal: 'SIGQUIT',
    },
  );
}

/** An image with just one daemon binary (and the CLI tools tests run inside containers). */
export function daemonImage(base: Image, program: string, path: string, cmd: string[], extra: Readonly<Record<string, Entry>> = {}, env: string[] = []): Image {
  return imageWith(
    base,
    { [path]: { program }, '/usr/bin/curl': { program: 'curl' }, '/usr/bin/redis-cli': { program: 'redis-cli' }, ...extra },
    { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...env], Cmd: cmd },
  );
}
