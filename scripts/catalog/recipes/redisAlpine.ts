/**
 * redis:7.4-alpine (docker-library's redis 7.4/alpine): alpine:3.21's layer (shared), the redis user and group as
 * BusyBox's addgroup/adduser make them (uid 999, gid 1000: Alpine already has a gid 999), tzdata from apk, gosu,
 * the source build's binaries in /usr/local/bin (synthetic, musl build, approximate sizes) with the
 * `.redis-rundeps` virtual package apk records for them, /data, WORKDIR's empty layer, the entrypoint (the
 * bookworm variant's text).
 * The apk steps leave apk's database in their layers, so `apk info` lists tzdata and .redis-rundeps.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { apkDb, BASE_WORLD, baseStanzas, dbStanza, indexPackages, pkgEntries, tzdata } from './alpinePackages';
import { bin, dir, link, mergeEntries, text } from './layout';
import { ALPINE_GROUP, ALPINE_PASSWD } from './small';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/redis');

export function redisAlpineLayers(root: string, time: number): ListedEntry[][] {
  const t = time;
  const days = Math.floor(t / 86400);
  const index = indexPackages();
  // addgroup -S -g 1000 redis; adduser -S -G redis -u 999 redis: a system user with BusyBox's defaults.
  const shadow = ALPINE_PASSWD.split('\n').filter((l) => l !== '').map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '!'}::0:::::`).join('\n') + '\n';
  const user: ListedEntry[] = [
    dir('etc', t),
    text('etc/passwd', ALPINE_PASSWD + 'redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin\n', t),
    text('etc/group', ALPINE_GROUP + 'redis:x:1000:redis\n', t),
    text('etc/shadow', shadow + `redis:!:${days}:0:99999:7:::\n`, t, 0o640, 0, 42),
    dir('home', t),
    dir('home/redis', t, 0o2755, 999, 1000),
  ];
  const tz = tzdata(root, index.get('tzdata')?.installedSize ?? 1_486_848);
  const db = baseStanzas(index) + dbStanza(tz);
  const world = [...BASE_WORLD, 'tzdata'];
  const tzLayer = mergeEntries(pkgEntries(tz, t), apkDb(db, world, t));
  // gosu: apk adds and deletes its .gosu-fetch deps (gnupg), rewriting the database with the same contents.
  const local = [dir('usr', t), dir('usr/local', t), dir('usr/local/bin', t)];
  const gosu = mergeEntries(local, [bin('usr/local/bin/gosu', 2_404_504, 'gosu', t)], apkDb(db, world, t));
  // The build: make install's binaries; scanelf finds libc, libcrypto and libssl, recorded as .redis-rundeps.
  const rundeps = `C:Q1${'A'.repeat(27)}=\nP:.redis-rundeps\nV:${new Date(t * 1000).toISOString().replace(/[-:]/g, '').replace('T', '.').slice(0, 15)}\nA:noarch\nS:0\nI:0\nT:virtual meta package\nU:\nL:\nD:so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3\n\n`;
  const build = mergeEntries(
    local,
    [
      bin('usr/local/bin/redis-server', 15_011_440, 'redis-server', t),
      bin('usr/local/bin/redis-cli', 7_842_616, 'redis-cli', t),
      bin('usr/local/bin/redis-benchmark', 7_447_904, 'redis-benchmark', t),
      link('usr/local/bin/redis-check-aof', 'redis-server', t),
      link('usr/local/bin/redis-check-rdb', 'redis-server', t),
      link('usr/local/bin/redis-sentinel', 'redis-server', t),
    ],
    apkDb(db + rundeps, [...world, '.redis-rundeps'], t),
  );
  const data = [dir('data', t, 0o755, 999, 1000)];
  // WORKDIR /data on an existing directory still commits a layer: an empty one.
  const workdir: ListedEntry[] = [];
  const entry = [...local, text('usr/local/bin/docker-entrypoint.sh', readFileSync(join(FILES, 'docker-entrypoint.sh'), 'utf8'), t, 0o775)];
  return [user, tzLayer, gosu, build, data, workdir, entry];
}
