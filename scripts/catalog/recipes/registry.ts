/**
 * registry:2 (distribution 2.8): alpine's layer (shared), `apk add ca-certificates` (Debian's ca-certificates
 * file list standing in for Alpine's), the registry binary, its config, the entrypoint.
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { candidates, unpackDebs } from '../packages';
import { seedOf, walkRootfs } from '../rootfs';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/registry');
const dir = (path: string, mtime: number): ListedEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime });
const text = (path: string, name: string, mtime: number, mode: number): ListedEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtime, content: { kind: 'text', text: readFileSync(join(FILES, name), 'utf8') } });

export function registryLayers(mtime: number, binarySize: number): ListedEntry[][] {
  const tree = unpackDebs('registry-ca', candidates(['ca-certificates']));
  const ca = walkRootfs(tree, { clampMtime: mtime, skip: (rel) => (rel.startsWith('usr/share/doc') || rel.startsWith('usr/share/man') ? 'skip' : 'keep') });
  return [
    ca,
    [dir('bin', mtime), { path: 'bin/registry', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'program', size: binarySize, seed: seedOf('registry-2.8.3'), program: 'registry' } }],
    [dir('etc', mtime), dir('etc/docker', mtime), dir('etc/docker/registry', mtime), text('etc/docker/registry/config.yml', 'config.yml', mtime, 0o644)],
    [text('entrypoint.sh', 'entrypoint.sh', mtime, 0o755)],
  ];
}
