/**
 * Layers made of Debian packages: `apt-get install --no-install-recommends` simulated against a root's dpkg
 * status (so only what that root lacks is installed), the .debs fetched with `apt-get download` into a cache, and
 * unpacked with `dpkg-deb -x` into a scratch directory that is then walked like a root. This is the file list an
 * `apt-get install` RUN step adds, minus dpkg's own bookkeeping (see content/catalog/APPROXIMATIONS.md).
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** A dpkg status file describing the base plus this layer's packages (for the next layer's resolution). */
  readonly status: string;
}

/** `statusFile` plus `installed` packages' control stanzas marked installed, written to a scratch file. */
export function stackStatus(name: string, statusFile: string, installed: readonly string[]): string {
  let text = readFileSync(statusFile, 'utf8').replace(/\n*$/, '\n');
  for (const p of installed) {
    const control = execFileSync('dpkg-deb', ['-f', debFile(p)], { encoding: 'utf8' }).replace(/\n*$/, '\n');
    text += '\n' + control.replace(/^(Package: .*\n)/, '$1Status: install ok installed\n');
  }
  const out = join(SCRATCH, `${name}.status`);
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(out, text);
  return out;
}

/** Unpacks `pkgs` (exact name=version list, fetched if needed) into a fresh scratch directory and returns it. */
export function unpackDebs(name: string, pkgs: readonly string[]): string {
  fetchDebs(pkgs);
  const dir = join(SCRATCH, name);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const p of pkgs) execFileSync('dpkg-deb', ['-x', debFile(p), dir]);
  return dir;
}

/** The exact version apt would pick for each package (name=version). */
export function candidates(pkgs: readonly string[]): string[] {
  return pkgs.map((p) => {
    const out = execFileSync('apt-cache', ['policy', p], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    const m = /Candidate: (\S+)/.exec(out);
    if (!m || m[1] === '(none)') throw new Error(`${p}: no candidate`);
    return `${p}=${m[1]}`;
  });
}

/**
 * The entries `apt-get install pkgs` adds on top of the root with dpkg status `statusFile`. Directories that the
 * base already has are still listed (a layer tar carries each parent directory, as Docker's do). `exclude`
 * drops paths (dpkg path-exclude, as in slim images).
 */
export function packageLayer(
  name: string,
  statusFile: string,
  pkgs: readonly string[],
  options: { clampMtime: number; exclude?: (rel: string) => boolean; mergedUsr?: boolean; dpkg?: boolean },
): PackageLayer {
  const packages = resolveInstall(statusFile, pkgs);
  const dir = unpackDebs(name, packages);
  const walked = walkRootfs(dir, { clampMtime: options.clampMtime, skip: (rel) => (options.exclude?.(rel) ? 'skip' : 'keep') });
  const entries = options.mergedUsr === false ? walked : intoMergedUsr(walked);
  const status = stackStatus(name, statusFile, packages);
  if (options.dpkg !== false) {
    const have = new Set(entries.map((e) => e.path));
    entries.push(...dpkgBookkeeping(status, packages, options.clampMtime, options.exclude).filter((e) => !(e.type === 'dir' && have.has(e.path))));
  }
  return { packages, entries, status };
}

/**
 * What dpkg itself writes when it installs `packages`: the whole new /var/lib/dpkg/status (a layer carries the
 * file as it is after the step) and each package's info/<name>.list (paths as the package ships them, dpkg's `/.`
 * first; path-excluded files are not listed). Maintainer scripts and md5sums are left out.
 */
export function dpkgBookkeeping(statusFile: string, packages: readonly string[], mtime: number, exclude?: (rel: string) => boolean): ListedEntry[] {
  const d = (path: string): ListedEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime });
  const f = (path: string, text: string): ListedEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime, content: { kind: 'text', text } });
  const out: ListedEntry[] = [d('var'), d('var/lib'), d('var/lib/dpkg'), d('var/lib/dpkg/info'), f('var/lib/dpkg/status', readFileSync(statusFile, 'utf8'))];
  for (const p of packages) {
    const deb = debFile(p);
    const members = execFileSync('dpkg-deb', ['--fsys-tarfile', deb], { maxBuffer: 1 << 30 });
    const paths = execFileSync('tar', ['-t'], { input: members, encoding: 'utf8', maxBuffer: 1 << 28 })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.replace(/^\.\/?/, '').replace(/\/$/, ''))
      .filter((rel) => rel === '' || !exclude?.(rel))
      .map((rel) => (rel === '' ? '/.' : `/${rel}`));
    const multiSame = execFileSync('dpkg-deb', ['-f', deb, 'Multi-Arch'], { encoding: 'utf8' }).trim() === 'same';
    const pkgName = p.split('=')[0]!;
    out.push(f(`var/lib/dpkg/info/${pkgName}${multiSame ? ':amd64' : ''}.list`, paths.join('\n') + '\n'));
  }
  return out;
}

const MERGED_TOP = /^(bin|sbin|lib|lib64)(\/|$)/;

/**
 * Package paths as dpkg writes them on a merged-/usr root: /bin, /sbin, /lib and /lib64 are symlinks into /usr
 * there, so `/bin/ip` lands in /usr/bin. (A layer holding a real `bin` directory would hide the base's symlink
 * and everything behind it.)
 */
export function intoMergedUsr(entries: readonly ListedEntry[]): ListedEntry[] {
  const move = (p: string) => (MERGED_TOP.test(p) ? `usr/${p}` : p);
  const byPath = new Map<string, ListedEntry>();
  for (const e of entries) {
    if (e.type === 'dir' && /^(bin|sbin|lib|lib64)$/.test(e.path)) continue;
    const moved: ListedEntry = { ...e, path: move(e.path), ...(e.type === 'hardlink' && e.linkTarget !== undefined ? { linkTarget: move(e.linkTarget) } : {}) };
    if (!byPath.has(moved.path) || moved.type !== 'dir') byPath.set(moved.path, moved);
  }
  return [...byPath.values()];
}
