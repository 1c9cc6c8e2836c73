/**
 * `npm run packages`: regenerates public/packages (format: lib/engine/packages/format.ts) from Debian's archive
 * (apt-cache, apt-get download, dpkg-deb), the npm registry (`npm view`) and the tables in alpine.ts. Output is
 * deterministic: sorted names, gzip without timestamps, stale files removed. See README.md beside this file.
 */

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFileListing, gzipJson, PACKAGE_PATHS, PACKAGES_FORMAT_VERSION, type DebIndex } from '../../lib/engine/packages/format';
import { debianData } from './debian';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/packages');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const want = (what: string) => !only || only.includes(what);

const written = new Set<string>();
function write(path: string, bytes: Uint8Array): void {
  const abs = join(ROOT, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, bytes);
  written.add(path);
}
function removeStale(dir: string): void {
  const abs = join(ROOT, dir);
  let names: string[] = [];
  try {
    names = readdirSync(abs);
  } catch {
    return;
  }
  for (const n of names) if (!written.has(`${dir}/${n}`)) rmSync(join(abs, n), { recursive: true });
}

async function main(): Promise<void> {
  if (want('debian')) {
    const deb = debianData();
    const index: DebIndex = { v: PACKAGES_FORMAT_VERSION, packages: deb.packages };
    write(PACKAGE_PATHS.debIndex, gzipJson(index));
    for (const [name, list] of [...deb.files].sort(([a], [b]) => a.localeCompare(b))) write(PACKAGE_PATHS.debFiles(name), gzipJson(encodeFileListing(list)));
    removeStale('debian/files');
    console.log(`debian: ${deb.packages.length} packages`);
  }
  if (want('alpine')) {
    const { apkIndex } = await import('./alpine');
    write(PACKAGE_PATHS.apkIndex, gzipJson(apkIndex()));
    console.log('alpine: written');
  }
  if (want('pypi')) {
    const { pypiData } = await import('./pypi');
    const py = pypiData();
    write(PACKAGE_PATHS.pypiIndex, gzipJson(py.index));
    for (const [key, list] of [...py.files].sort(([a], [b]) => a.localeCompare(b))) write(PACKAGE_PATHS.pypiFiles(key), gzipJson(encodeFileListing(list)));
    removeStale('pypi/files');
    console.log(`pypi: ${Object.keys(py.index.projects).length} projects`);
  }
  if (want('el')) {
    const { rpmEl7Index } = await import('./el');
    write(PACKAGE_PATHS.rpmIndex('el7'), gzipJson(rpmEl7Index()));
    const { rpmEl8Index } = await import('./el8');
    write(PACKAGE_PATHS.rpmIndex('el8'), gzipJson(rpmEl8Index()));
    console.log('el7, el8: written');
  }
  if (want('npm')) {
    const { npmIndex } = await import('./npmIndex');
    const idx = await npmIndex(readFileSync('/work/.library/env/packages/npm.tsv', 'utf8'));
    write(PACKAGE_PATHS.npmIndex, gzipJson(idx));
    console.log(`npm: ${Object.keys(idx.versions).length} versions`);
  }
}

void main();
