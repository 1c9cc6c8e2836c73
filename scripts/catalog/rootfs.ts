/**
 * Real file lists: a Debian bookworm minbase root (debootstrap), walked into catalog entries with the content
 * policy of the catalog (real text for small config files, synthetic bytes of the right size for everything else,
 * binaries carrying the header of the program that implements them).
 */

import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { ContentSpec, ListedEntry } from '../../lib/engine/registry/catalog/format';
import { createRegistry } from '../../lib/shell/programs/index';

export const BOOKWORM_ROOTFS = process.env.LAYERLAB_ROOTFS_BOOKWORM ?? '/tmp/rootfs-bookworm';
const MIRROR = 'http://deb.debian.org/debian';

export const BULLSEYE_ROOTFS = process.env.LAYERLAB_ROOTFS_BULLSEYE ?? '/tmp/rootfs-bullseye';

/** Creates a minbase root of `suite` if it is missing (needs root, debootstrap and the Debian mirror). */
export function ensureDebianRootfs(suite: string, dir: string): string {
  if (existsSync(join(dir, 'usr/lib/os-release'))) return dir;
  console.error(`catalog: creating ${dir} with debootstrap --variant=minbase ${suite} (a few minutes)`);
  execFileSync('debootstrap', ['--variant=minbase', suite, dir, MIRROR], { stdio: 'inherit' });
  return dir;
}

export function ensureBookwormRootfs(dir = BOOKWORM_ROOTFS): string {
  return ensureDebianRootfs('bookworm', dir);
}

/** Programs the shell simulates (binaries with these basenames carry their header). */
export const SIMULATED = new Set(createRegistry().names());

/** Daemons and interpreters the engine will provide: their binaries name themselves even before they exist. */
export const DAEMONS: Readonly<Record<string, string>> = {
  nginx: 'nginx',
  httpd: 'httpd',
  'redis-server': 'redis-server',
  'redis-cli': 'redis-cli',
  mysqld: 'mysqld',
  mysql: 'mysql',
  postgres: 'postgres',
  psql: 'psql',
  node: 'node',
  registry: 'registry',
  python3: 'python3',
};

/** The program a binary at `name` implements: `python3.11` → `python3`, anything else names itself. */
export function programFor(name: string): string {
  if (/^python3(\.\d+)?$/.test(name)) return 'python3';
  if (/^python2(\.\d+)?$/.test(name)) return 'python2';
  return DAEMONS[name] ?? name;
}

/** 32-bit FNV-1a: the seed of a file's synthetic bytes, from its path (stable across runs and machines). */
export function seedOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TEXT_LIMIT = 16 * 1024;
/** Places whose small text files are kept verbatim. */
const TEXT_PREFIXES = ['etc/', 'root/', 'usr/lib/os-release', 'usr/share/base-files/', 'usr/share/debianutils/', 'var/lib/dpkg/status', 'usr/share/common-licenses/'];
/** Larger files kept verbatim anyway (package databases: `dpkg -l` and apt simulations read them). */
const TEXT_ALWAYS = new Set(['var/lib/dpkg/status']);
/**
 * dpkg's database is text whatever its size: info/<pkg>.list (`dpkg -L`, `dpkg -S`), md5sums, conffiles, triggers,
 * shlibs, symbols, templates and maintainer scripts, plus available, diversions, statoverride and alternatives.
 * Synthetic bytes there made `dpkg -L bash` print garbage.
 */
const TEXT_TREES = ['var/lib/dpkg/'];
const BIN_DIR = /(^|\/)s?bin\//;

function asText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isElf(bytes: Uint8Array): boolean {
  return bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/** The content spec of a real file at relative path `rel`. */
export function contentPolicy(rel: string, abs: string, st: Stats): ContentSpec {
  const size = st.size;
  if (size === 0) return { kind: 'empty' };
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const seed = seedOf(rel);
  const inBin = BIN_DIR.test(rel);
  const wantText = TEXT_ALWAYS.has(rel) || TEXT_TREES.some((p) => rel.startsWith(p)) || (size <= TEXT_LIMIT && (TEXT_PREFIXES.some((p) => rel.startsWith(p)) || inBin));
  const probe = readHead(abs, wantText ? size : 16);
  if (inBin && (SIMULATED.has(base) || isElf(probe) || (st.mode & 0o111) !== 0)) {
    // Scripts not simulated under their own name stay readable text (ldd, zcat...); anything else runs as a program.
    if (!SIMULATED.has(base) && !isElf(probe) && wantText) {
      const t = asText(probe);
      if (t !== null) return { kind: 'text', text: t };
    }
    return { kind: 'program', size, seed, program: programFor(base) };
  }
  if (wantText) {
    const t = asText(probe);
    if (t !== null) return { kind: 'text', text: t };
  }
  if (isElf(probe)) return { kind: 'elf', size, seed };
  return { kind: 'synthetic', size, seed };
}

function readHead(abs: string, n: number): Uint8Array {
  const buf = readFileSync(abs);
  return buf.subarray(0, Math.min(n, buf.length));
}

export interface WalkOptions {
  /** Relative paths (no leading /) to skip; for a directory, `keepDir` keeps the directory itself but not its contents. */
  readonly skip?: (rel: string, isDir: boolean) => 'skip' | 'keepDir' | 'keep';
  /** mtimes later than this (epoch seconds) are clamped to it, as debuerreotype clamps to its snapshot time. */
  readonly clampMtime: number;
}

/** Every entry under `root` as catalog entries (hard links inside the tree become `hardlink` members). */
export function walkRootfs(root: string, options: WalkOptions): ListedEntry[] {
  const out: ListedEntry[] = [];
  const inodes = new Map<string, string>();
  const visit = (rel: string) => {
    const abs = rel === '' ? root : join(root, rel);
    const names = readdirSync(abs).sort();
    for (const name of names) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const a = join(root, r);
      const st = lstatSync(a);
      const isDir = st.isDirectory();
      const verdict = options.skip?.(r, isDir) ?? 'keep';
      if (verdict === 'skip') continue;
      const mtime = Math.min(Math.floor(st.mtimeMs / 1000), options.clampMtime);
      const base = { path: r, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime };
      if (isDir) {
        out.push({ ...base, type: 'dir' });
        if (verdict === 'keep') visit(r);
        continue;
      }
      if (st.isSymbolicLink()) {
        out.push({ ...base, type: 'symlink', linkTarget: readlinkSync(a) });
        continue;
      }
      if (st.isFile()) {
        if (st.nlink > 1) {
          const key = `${st.dev}:${st.ino}`;
          const first = inodes.get(key);
          if (first !== undefined) {
            out.push({ ...base, type: 'hardlink', linkTarget: first });
            continue;
          }
          inodes.set(key, r);
        }
        out.push({ ...base, type: 'file', content: contentPolicy(r, a, st) });
        continue;
      }
      if (st.isCharacterDevice() || st.isBlockDevice()) {
        out.push({ ...base, type: st.isCharacterDevice() ? 'chardev' : 'blockdev', rdev: st.rdev });
        continue;
      }
      if (st.isFIFO()) out.push({ ...base, type: 'fifo' });
    }
  };
  visit('');
  return out;
}

/** The newest mtime of files shipped by packages (under usr/): the snapshot time of this root. */
export function packageEpoch(root: string): number {
  const out = execFileSync('find', [join(root, 'usr'), '-xdev', '-type', 'f', '-printf', '%T@\\n'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let max = 0;
  const debootstrapRun = Math.floor(lstatSync(join(root, 'etc/hostname')).mtimeMs / 1000) - 3600;
  for (const line of out.split('\n')) {
    const t = Math.floor(Number(line));
    // Files written while debootstrap ran (caches, alternatives) are not package contents.
    if (t > max && t < debootstrapRun) max = t;
  }
  return max;
}

/** `busybox --list-full` of Debian's busybox: applet paths relative to / (`bin/ls`, `usr/bin/awk`). */
export function busyboxAppletPaths(): string[] {
  return execFileSync('busybox', ['--list-full'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}
