/**
 * Layers made of Debian packages: `apt-get install --no-install-recommends` simulated against a root's dpkg
 * status (so only what that root lacks is installed), the .debs fetched with `apt-get download` into a cache, and
 * unpacked with `dpkg-deb -x` into a scratch directory that is then walked like a root. This is the file list an
 * `apt-get install` RUN step adds, minus dpkg's own bookkeeping (see content/catalog/APPROXIMATIONS.md).
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ListedEntry } from '../../lib/engine/registry/catalog/format';
import { walkRootfs } from './rootfs';

const DEB_CACHE = process.env.LAYERLAB_DEB_CACHE ?? '/tmp/layerlab-catalog/debs';
const SCRATCH = '/tmp/layerlab-catalog/unpack';

/** Packages (name=version) apt would add to the root whose dpkg status is `statusFile`. */
export function resolveInstall(statusFile: string, packages: readonly string[]): string[] {
  const out = execFileSync('apt-get', ['-s', '-o', `Dir::State::status=${statusFile}`, '-o', 'Debug::NoLocking=1', 'install', '--no-install-recommends', '--no-install-suggests', ...packages], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  const inst: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^Inst (\S+) (?:\[[^\]]*\] )?\((\S+)/.exec(line);
    if (m) inst.push(`${m[1]!.replace(/:amd64$/, '')}=${m[2]}`);
  }
  return inst.sort();
}

function debFile(pkgVersion: string): string {
  const [name, version] = pkgVersion.split('=') as [string, string];
  const prefix = `${name}_${version.replace(/:/g, '%3a')}_`;
  const hit = readdirSync(DEB_CACHE).find((f) => f.startsWith(prefix) && f.endsWith('.deb'));
  if (!hit) throw new Error(`${pkgVersion}: .deb not in ${DEB_CACHE}`);
  return join(DEB_CACHE, hit);
}

/** Downloads what is missing from the cache. */
export function fetchDebs(pkgs: readonly string[]): void {
  mkdirSync(DEB_CACHE, { recursive: true });
  const have = new Set(readdirSync(DEB_CACHE));
  const missing = pkgs.filter((p) => {
    const [name, version] = p.split('=') as [string, string];
    const prefix = `${name}_${version.replace(/:/g, '%3a')}_`;
    return ![...have].some((f) => f.startsWith(prefix));
  });
  if (missing.length > 0) execFileSync('apt-get', ['download', ...missing], { cwd: DEB_CACHE, stdio: 'inherit' });
}

export interface PackageLayer {
  readonly packages: string[];
  readonly entries: ListedEntry[];
}

/**
 * The entries `apt-get install pkgs` adds on top of the root with dpkg status `statusFile`. Directories that the
 * base already has are still listed (a layer tar carries each parent directory, as Docker's do). `exclude`
 * drops paths (dpkg path-exclude, as in slim images).
 */
export function packageLayer(name: string, statusFile: string, pkgs: readonly string[], options: { clampMtime: number; exclude?: (rel: string) => boolean }): PackageLayer {
  const packages = resolveInstall(statusFile, pkgs);
  fetchDebs(packages);
  const dir = join(SCRATCH, name);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const p of packages) execFileSync('dpkg-deb', ['-x', debFile(p), dir]);
  const entries = walkRootfs(dir, { clampMtime: options.clampMtime, skip: (rel) => (options.exclude?.(rel) ? 'skip' : 'keep') });
  return { packages, entries };
}
