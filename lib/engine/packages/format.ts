/**
 * The package catalog's on-disk format (public/packages, written by scripts/packages, read by `PackageCatalog`).
 *
 * Layout (paths relative to the package root):
 *   debian/index.json.gz        DebIndex: every package apt can install (bookworm + updates + security, amd64)
 *   debian/files/<name>.json.gz FileListing of the package's data.tar (`dpkg-deb -x`), for packages a base image
 *                               does not already hold
 *   alpine/index.json.gz        ApkIndex (Alpine 3.21 main/community; file lists are derived, see APPROXIMATIONS.md)
 *   pypi/index.json.gz          PypiIndex: projects, versions, requirements and wheel sizes
 *   pypi/files/<name>.json.gz   FileListing of the installed wheel (relative to site-packages)
 *   npm/index.json.gz           NpmIndex: a resolved graph of exact versions (file trees are derived at install)
 *   rpm/<dist>.json.gz          RpmIndex of an Enterprise Linux release (el7, el8; hand-written, see APPROXIMATIONS.md)
 *
 * A FileListing line is the catalog's layer-entry syntax (registry/catalog/format.ts) without uid/gid/mtime
 * columns, which every package file shares (root, the archive's date):
 *   d <path> <mode>        f <path> <mode> <size> <content>        l <path> <mode> <target>        h <path> <mode> <target>
 * <content>: `-` empty, `s<seed>` synthetic, `e<seed>` ELF-headed synthetic, `x<seed>:<program>` a program binary,
 * `t<n>` the n-th text of the listing.
 */

import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import type { ContentSpec } from '../registry/catalog/format';

export const PACKAGES_FORMAT_VERSION = 1;

export interface ListedFile {
  /** Absolute path inside the target filesystem (for pip: relative to site-packages, without leading slash). */
  readonly path: string;
  readonly type: 'dir' | 'file' | 'symlink' | 'hardlink';
  readonly mode: number;
  readonly content?: ContentSpec;
  readonly linkTarget?: string;
}

export interface FileListing {
  readonly v: number;
  readonly texts: readonly string[];
  readonly entries: readonly string[];
}

function esc(s: string): string {
  return s.replace(/[\\\t\n]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : '\\n'));
}
function unesc(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
}

/** gzip with no timestamp, so equal input gives equal bytes. */
export function gzipJson(value: unknown): Uint8Array {
  return gzipSync(strToU8(JSON.stringify(value)), { level: 9, mtime: 0 });
}
export function gunzipJson<T>(bytes: Uint8Array): T {
  return JSON.parse(strFromU8(gunzipSync(bytes))) as T;
}

const CODES: Record<ListedFile['type'], string> = { dir: 'd', file: 'f', symlink: 'l', hardlink: 'h' };

export function encodeFileListing(files: readonly ListedFile[]): FileListing {
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const entries = files.map((f) => {
    const head = `${CODES[f.type]}\t${esc(f.path)}\t${f.mode.toString(8)}`;
    if (f.type === 'dir') return head;
    if (f.type !== 'file') return `${head}\t${esc(f.linkTarget ?? '')}`;
    const c = f.content ?? { kind: 'empty' };
    switch (c.kind) {
      case 'empty':
        return `${head}\t0\t-`;
      case 'synthetic':
        return `${head}\t${c.size}\ts${c.seed.toString(16)}`;
      case 'elf':
        return `${head}\t${c.size}\te${c.seed.toString(16)}`;
      case 'program':
        return `${head}\t${c.size}\tx${c.seed.toString(16)}:${esc(c.program)}`;
      case 'text': {
        let i = textIndex.get(c.text);
        if (i === undefined) {
          i = texts.length;
          texts.push(c.text);
          textIndex.set(c.text, i);
        }
        return `${head}\t${strToU8(c.text).length}\tt${i}`;
      }
    }
  });
  return { v: PACKAGES_FORMAT_VERSION, texts, entries };
}

export class PackageFormatError extends Error {
  override readonly name = 'PackageFormatError';
}

const TYPES: Record<string, ListedFile['type']> = { d: 'dir', f: 'file', l: 'symlink', h: 'hardlink' };

export function decodeFileListing(listing: FileListing): ListedFile[] {
  if (listing.v !== PACKAGES_FORMAT_VERSION) throw new PackageFormatError(`file listing version ${String(listing.v)}`);
  return listing.entries.map((line) => {
    const cols = line.split('\t');
    const type = TYPES[cols[0]!];
    if (!type) throw new PackageFormatError(`bad listing line: ${line}`);
    const path = unesc(cols[1]!);
    const mode = parseInt(cols[2]!, 8);
    if (type === 'dir') return { path, type, mode };
    if (type !== 'file') return { path, type, mode, linkTarget: unesc(cols[3] ?? '') };
    const size = Number(cols[3]);
    const spec = cols[4] ?? '-';
    let content: ContentSpec;
    if (spec === '-') content = { kind: 'empty' };
    else if (spec[0] === 's') content = { kind: 'synthetic', size, seed: parseInt(spec.slice(1), 16) };
    else if (spec[0] === 'e') content = { kind: 'elf', size, seed: parseInt(spec.slice(1), 16) };
    else if (spec[0] === 'x') {
      const colon = spec.indexOf(':');
      content = { kind: 'program', size, seed: parseInt(spec.slice(1, colon), 16), program: unesc(spec.slice(colon + 1)) };
    } else if (spec[0] === 't') content = { kind: 'text', text: listing.texts[Number(spec.slice(1))] ?? '' };
    else throw new PackageFormatError(`bad content spec: ${spec}`);
    return { path, type, mode, content };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Debian

export type DebSuite = 'bookworm' | 'bookworm-updates' | 'bookworm-security';

/**
 * One thing a maintainer script (postinst `configure` on a fresh install) leaves in the filesystem, as data so apt
 * needs no code per package. Paths are absolute; ops run in order after the package is unpacked.
 *   dir      `mkdir -p`, then chmod/chown when given
 *   file     an empty file unless it exists (`touch`, then chmod/chown)
 *   symlink  `ln -s target path` unless path exists
 *   copy     `cp from path` unless path exists
 */
export type PostinstOp =
  | { readonly op: 'dir'; readonly path: string; readonly mode?: number; readonly uid?: number; readonly gid?: number }
  | { readonly op: 'file'; readonly path: string; readonly mode: number; readonly uid: number; readonly gid: number }
  | { readonly op: 'symlink'; readonly path: string; readonly target: string }
  | { readonly op: 'copy'; readonly from: string; readonly path: string };

export interface DebPackage {
  readonly name: string;
  readonly version: string;
  /** `amd64` or `all`. */
  readonly arch: string;
  /** .deb size in bytes (apt's "Need to get"). */
  readonly size: number;
  /** Installed-Size in KiB (apt's "After this operation"). */
  readonly installedSize: number;
  readonly suite: DebSuite;
  readonly section: string;
  readonly priority: string;
  /** Multi-Arch: same packages are printed `name:amd64` by dpkg. */
  readonly multiArch?: string;
  readonly depends?: string;
  readonly preDepends?: string;
  readonly recommends?: string;
  readonly suggests?: string;
  readonly provides?: string;
  /** The control file (`dpkg-deb -f`), the stanza dpkg adds to /var/lib/dpkg/status. */
  readonly control?: string;
  /** True when debian/files/<name>.json.gz exists. */
  readonly files?: boolean;
  /** Ships shared libraries in the linker's path: installing it runs libc-bin's ldconfig trigger. */
  readonly ldconfig?: boolean;
  /** What its postinst leaves behind on a fresh install (scripts/packages/postinst.ts). */
  readonly postinst?: readonly PostinstOp[];
  /** Paths its postrm removes (`rm -rf`, links included) on purge. */
  readonly purge?: readonly string[];
}

export interface DebIndex {
  readonly v: number;
  readonly packages: readonly DebPackage[];
}

// ---------------------------------------------------------------------------------------------------------------
// Alpine

export interface ApkPackage {
  readonly name: string;
  readonly version: string;
  /** `main` or `community`. */
  readonly repo: string;
  /** .apk size in bytes. */
  readonly size: number;
  /** Installed size in bytes. */
  readonly installedSize: number;
  readonly depends: readonly string[];
  readonly provides?: readonly string[];
  readonly description: string;
  /** Programs the package installs: absolute path → simulated program name (empty string: not simulated). */
  readonly bins: Readonly<Record<string, string>>;
  /** Libraries and data (absolute path → size); what is left of installedSize is spread over them and the bins. */
  readonly files?: Readonly<Record<string, number>>;
  /** Small text files kept verbatim (absolute path → content), e.g. pip's entry-point scripts, npm-cli.js. */
  readonly texts?: Readonly<Record<string, string>>;
  /** Symbolic links the package ships (absolute path → target as stored): /usr/bin/python3 → python3.12. */
  readonly links?: Readonly<Record<string, string>>;
  /** Part of the alpine image (installed there even though the image has no /lib/apk/db/installed). */
  readonly base?: boolean;
  /** Runs install scripts that apk announces (`Executing nginx-1.26.2-r4.pre-install`). */
  readonly scripts?: readonly string[];
  /** Installs files under a busybox trigger path (/bin, /usr/bin...): apk runs busybox's trigger afterwards. */
  readonly trigger?: string;
}

export interface ApkIndex {
  readonly v: number;
  /** Alpine branch the versions come from (`v3.21`). */
  readonly branch: string;
  readonly packages: readonly ApkPackage[];
}

// ---------------------------------------------------------------------------------------------------------------
// PyPI

export interface PypiRelease {
  /** Canonical project name as pip prints it in "Successfully installed" (e.g. `Flask`, `requests`). */
  readonly name: string;
  readonly version: string;
  /** Wheel file name pip prints in "Downloading". */
  readonly wheel: string;
  readonly wheelSize: number;
  /** Requirement names (lowercase, normalised) with their specifier, environment markers already evaluated. */
  readonly requires: readonly string[];
  /** True when pypi/files/<key>.json.gz exists. */
  readonly files?: boolean;
  /** console_scripts the wheel installs into bin/. */
  readonly scripts?: readonly string[];
  /** The release's Requires-Python (PEP 345 specifier, e.g. `>=3.9` or `>=2.7, !=3.0.*`); absent = any Python. */
  readonly requiresPython?: string;
}

export interface PypiIndex {
  readonly v: number;
  /** normalised name (lowercase, `_`/`.` → `-`) → release. */
  readonly projects: Readonly<Record<string, PypiRelease>>;
  /**
   * Older releases still chosen by some interpreter (the last ones supporting Python 2.7), newest first, keyed like
   * `projects`. pip takes the newest release of `projects` + `older` whose requiresPython admits the running Python.
   * In these, `requires` keeps the environment marker text (`idna<3,>=2.5; python_version < "3"`): pip 20 prints it.
   */
  readonly older?: Readonly<Record<string, readonly PypiRelease[]>>;
}

// ---------------------------------------------------------------------------------------------------------------
// npm

export interface NpmVersion {
  /** dependency name → exact version in this index. */
  readonly deps: Readonly<Record<string, string>>;
  readonly unpackedSize: number;
  readonly fileCount: number;
  readonly license?: string;
  readonly description?: string;
  readonly funding?: boolean;
  readonly bin?: Readonly<Record<string, string>>;
  readonly integrity?: string;
  /** The declared ranges (for package.json and package-lock.json "dependencies"). */
  readonly ranges?: Readonly<Record<string, string>>;
}

export interface NpmIndex {
  readonly v: number;
  /** name → dist-tag latest. */
  readonly latest: Readonly<Record<string, string>>;
  /** "name@version" → details. */
  readonly versions: Readonly<Record<string, NpmVersion>>;
}

// ---------------------------------------------------------------------------------------------------------------
// RPM (yum on the Enterprise Linux images)

export interface RpmPackage {
  readonly name: string;
  /** Absent means 0 (yum prints `0:` in its Installed lists). */
  readonly epoch?: number;
  readonly version: string;
  readonly release: string;
  /** `x86_64` or `noarch`. */
  readonly arch: string;
  /** Repository id: base, updates, extras, epel. */
  readonly repo: string;
  /** .rpm size in bytes. */
  readonly size: number;
  /** Installed size in bytes. */
  readonly installedSize: number;
  /** Names of the packages it requires (already resolved to package names). */
  readonly requires: readonly string[];
  /** Other names it answers to (el8's vim-enhanced provides `vim`), as dnf matches an install argument. */
  readonly provides?: readonly string[];
  readonly summary: string;
  /** Programs it installs: absolute path → simulated program name (empty string: not simulated). */
  readonly bins: Readonly<Record<string, string>>;
  /** Libraries and data: absolute path → size; the rest of installedSize is spread over the bins. */
  readonly files?: Readonly<Record<string, number>>;
  /** Part of the image (installed although no yumdb entry says so). */
  readonly base?: boolean;
}

export interface RpmRepo {
  readonly id: string;
  /** yum's repository name (`CentOS-7 - Base`). */
  readonly name: string;
  /** Bytes of metadata `yum` keeps in /var/cache/yum for it (repomd, primary_db, group data). */
  readonly cacheSize: number;
  /** Installed by this package (epel-release adds the epel repository). */
  readonly from?: string;
}

export interface RpmIndex {
  readonly v: number;
  /** `el7`. */
  readonly dist: string;
  /** The releasever yum substitutes (`7`). */
  readonly releasever: string;
  readonly repos: readonly RpmRepo[];
  readonly packages: readonly RpmPackage[];
}

export const PACKAGE_PATHS = {
  debIndex: 'debian/index.json.gz',
  debFiles: (name: string) => `debian/files/${name}.json.gz`,
  apkIndex: 'alpine/index.json.gz',
  pypiIndex: 'pypi/index.json.gz',
  pypiFiles: (key: string) => `pypi/files/${key}.json.gz`,
  npmIndex: 'npm/index.json.gz',
  rpmIndex: (dist: string) => `rpm/${dist}.json.gz`,
} as const;
