/**
 * redis (7.4, bookworm): debian:bookworm-slim's layer (shared), the redis user, tzdata (Debian's package), gosu,
 * the source build's binaries in /usr/local/bin (synthetic, approximate sizes), /data, the entrypoint.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { packageLayer } from '../packages';
import { seedOf } from '../rootfs';
import { slimRemoves, type RootContext } from './debian';
import { withSystemUser } from './nginx';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/redis');
const dir = (path: string, mtime: number, uid = 0): ListedEntry => ({ path, type: 'dir', mode: 0o755, uid, gid: uid, mtime });
const bin = (path: string, size: number, program: string, mtime: number): ListedEntry => ({ path, type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'program', size, seed: seedOf(path), program } });
const link = (path: string, target: string, mtime: number): ListedEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime, linkTarget: target });

export function redisLayers(ctx: RootContext, mtime: number): ListedEntry[][] {
  const user = withSystemUser(ctx.root, mtime, { name: 'redis', uid: 999, gid: 999, gecos: '', home: '/home/redis', shell: '/bin/sh' });
  const tz = packageLayer('redis-tzdata', join(ctx.root, 'var/lib/dpkg/status'), ['tzdata'], { clampMtime: mtime, exclude: slimRemoves });
  const local = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime)];
  const gosu = [...local, bin('usr/local/bin/gosu', 2_400_000, 'gosu', mtime)];
  const build = [
    ...local,
    bin('usr/local/bin/redis-server', 15_600_000, 'redis-server', mtime),
    bin('usr/local/bin/redis-cli', 8_000_000, 'redis-cli', mtime),
    bin('usr/local/bin/redis-benchmark', 7_600_000, 'redis-benchmark', mtime),
    link('usr/local/bin/redis-check-aof', 'redis-server', mtime),
    link('usr/local/bin/redis-check-rdb', 'redis-server', mtime),
    link('usr/local/bin/redis-sentinel', 'redis-server', mtime),
  ];
  const data = [dir('data', mtime, 999)];
  const entry = [...local, { path: 'usr/local/bin/docker-entrypoint.sh', type: 'file' as const, mode: 0o775, uid: 0, gid: 0, mtime, content: { kind: 'text' as const, text: readFileSync(join(FILES, 'docker-entrypoint.sh'), 'utf8') } }];
  return [user, tz.entries, gosu, build, data, entry];
}
