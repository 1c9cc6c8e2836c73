/**
 * node:<major>-alpine: alpine:3.21's layer (shared), one RUN layer (the node user via busybox addgroup/adduser,
 * libstdc++/libgcc from apk, the musl build of node in /usr/local), the yarn layer, the entrypoint. The npm tree,
 * headers and yarn are Debian's packages' trees, as in the bookworm variant (see content/catalog/APPROXIMATIONS.md).
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { candidates, unpackDebs } from '../packages';
import { seedOf } from '../rootfs';
import { relocate } from './buildpack';
import { blob, dir, link, mergeEntries, text } from './layout';
import { ALPINE_GROUP, ALPINE_PASSWD } from './small';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files');

export interface NodeAlpineRelease {
  readonly version: string; // 22.14.0
  /** Size of the musl build's `bin/node` (bytes, approximate). */
  readonly binarySize: number;
  readonly yarn: string;
}

export function nodeAlpineLayers(rel: NodeAlpineRelease, mtime: number): ListedEntry[][] {
  const days = Math.floor(mtime / 86400);
  const shadow = ALPINE_PASSWD.split('\n').filter((l) => l !== '').map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '!'}::0:::::`).join('\n') + '\n';
  const user: ListedEntry[] = [
    dir('etc', mtime),
    text('etc/passwd', ALPINE_PASSWD + 'node:x:1000:1000:Linux User,,,:/home/node:/bin/sh\n', mtime),
    text('etc/group', ALPINE_GROUP + 'node:x:1000:node\n', mtime),
    text('etc/shadow', shadow + `node:!:${days}:0:99999:7:::\n`, mtime, 0o640, 0, 42),
    dir('home', mtime),
    dir('home/node', mtime, 0o2755, 1000, 1000),
    // apk add --no-cache libstdc++ (and its libgcc): Alpine 3.21's gcc 14 runtime libraries.
    dir('usr', mtime), dir('usr/lib', mtime),
    blob('usr/lib/libstdc++.so.6.0.33', 2_637_992, mtime, 'elf', 0o755),
    link('usr/lib/libstdc++.so.6', 'libstdc++.so.6.0.33', mtime),
    blob('usr/lib/libgcc_s.so.1', 145_048, mtime, 'elf', 0o755),
  ];
  const tree = unpackDebs('node-parts', candidates(['libnode-dev', 'npm', 'yarnpkg']));
  const node: ListedEntry[] = mergeEntries(user, [
    dir('usr/local', mtime), dir('usr/local/bin', mtime),
    { path: 'usr/local/bin/node', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'program', size: rel.binarySize, seed: seedOf(`node-alpine-${rel.version}`), program: 'node' } },
    link('usr/local/bin/nodejs', '/usr/local/bin/node', mtime),
    link('usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js', mtime),
    link('usr/local/bin/npx', '../lib/node_modules/npm/bin/npx-cli.js', mtime),
    ...relocate(tree, 'usr/include/node', 'usr/local/include/node', mtime),
    ...relocate(tree, 'usr/share/nodejs/npm', 'usr/local/lib/node_modules/npm', mtime),
  ]);
  const yarnDir = `opt/yarn-v${rel.yarn}`;
  const yarn: ListedEntry[] = [
    ...relocate(tree, 'usr/share/nodejs/yarn', yarnDir, mtime),
    dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime),
    link('usr/local/bin/yarn', `/${yarnDir}/bin/yarn`, mtime),
    link('usr/local/bin/yarnpkg', `/${yarnDir}/bin/yarn`, mtime),
  ];
  const entry: ListedEntry[] = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime), text('usr/local/bin/docker-entrypoint.sh', readFileSync(join(FILES, 'node/docker-entrypoint.sh'), 'utf8'), mtime, 0o755)];
  return [node, yarn, entry];
}
