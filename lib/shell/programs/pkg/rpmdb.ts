/**
 * The rpm side that yum (el7), dnf and microdnf (el8) share: which packages are installed, the dependency closure
 * of a request, and the transaction itself (files into the container, the package manager's record out of it).
 *
 * The image's rpmdb (/var/lib/rpm/Packages) is synthetic bytes, so "installed" is the release table's rows marked as
 * the image's own plus one record directory per package the package managers installed: yum's yumdb
 * (/var/lib/yum/yumdb) on el7; on el8 the same layout under /var/lib/dnf/yumdb (dnf 2's place for it; dnf 4 and
 * libdnf keep it in history.sqlite, which is not simulated). See content/packages/APPROXIMATIONS.md.
 */

import type { ProcessContext } from '../../../engine/process/Types';
import type { RpmArchive } from '../../../engine/packages/PackageCatalog';
import type { RpmPackage } from '../../../engine/packages/format';
import { filesOf } from './apk';
import { exists, mkdirs, readText, removePaths, unpackFiles, writeText } from './common';

/** `1:1.20.1-10.el7` (yum's Version column) and `name-version-release.arch` (rpm's NVRA). */
export const evr = (p: RpmPackage): string => `${p.epoch ? `${p.epoch}:` : ''}${p.version}-${p.release}`;
export const nvra = (p: RpmPackage): string => `${p.name}-${p.version}-${p.release}.${p.arch}`;
/** `vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64` (libdnf's NEVRA, epoch only when set). */
export const nevra = (p: RpmPackage): string => `${p.name}-${evr(p)}.${p.arch}`;

/** The release's dist tag from /etc/redhat-release (`el7`, `el8`), or undefined outside an EL image. */
export function elDist(ctx: ProcessContext): string | undefined {
  const rel = readText(ctx.fs, '/etc/redhat-release') ?? readText(ctx.fs, '/etc/centos-release') ?? '';
  const m = /release (\d+)/.exec(rel);
  return m ? `el${m[1]}` : undefined;
}

/** Where the release's package manager keeps its per-package records. */
function recordRoot(archive: RpmArchive): string {
  return archive.index.dist === 'el7' ? '/var/lib/yum/yumdb' : '/var/lib/dnf/yumdb';
}

/** A stable pkgid for the record directory's name (yum uses the package's sha1 checksum). */
function pkgid(p: RpmPackage): string {
  let out = '';
  let h = 0x811c9dc5;
  const s = nvra(p);
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ round, 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

function recordDir(archive: RpmArchive, p: RpmPackage): string {
  return `${recordRoot(archive)}/${p.name[0]}/${pkgid(p)}-${p.name}-${p.version}-${p.release}-${p.arch}`;
}

export interface Installed {
  readonly pkg: RpmPackage;
  /** The repository it came from (yum's from_repo); the image's own packages have none. */
  readonly repo: string;
  /** Part of the image rather than installed by a package manager. */
  readonly base: boolean;
}

/** Installed packages by name: the image's own (table rows marked base) and what the package managers recorded. */
export function installedRpms(ctx: ProcessContext, archive: RpmArchive): Map<string, Installed> {
  const out = new Map<string, Installed>();
  for (const p of archive.index.packages) if (p.base) out.set(p.name, { pkg: p, repo: '', base: true });
  for (const p of archive.index.packages) {
    const dir = recordDir(archive, p);
    if (exists(ctx.fs, dir)) out.set(p.name, { pkg: p, repo: (readText(ctx.fs, `${dir}/from_repo`) ?? p.repo).trim(), base: false });
  }
  return out;
}

/** One round of the depsolver: the packages it adds and, for each new requirement, who required it. */
export interface DepRound {
  readonly pkgs: readonly RpmPackage[];
  readonly edges: ReadonlyArray<{ readonly dep: string; readonly of: RpmPackage }>;
}

/**
 * The closure of `requested` over the table's requirements, skipping what is installed: the rounds (yum prints one
 * "transaction check" per round) and the install order, requirements before what needs them (rpm's ordering).
 */
export function resolveInstall(archive: RpmArchive, installed: ReadonlyMap<string, Installed>, requested: readonly RpmPackage[]): { rounds: DepRound[]; order: RpmPackage[] } {
  const chosen = new Set(requested.map((p) => p.name));
  const rounds: DepRound[] = [];
  const order: RpmPackage[] = [];
  let level: readonly RpmPackage[] = requested;
  while (level.length > 0) {
    const next: RpmPackage[] = [];
    const edges: Array<{ dep: string; of: RpmPackage }> = [];
    for (const p of level)
      for (const r of p.requires) {
        if (installed.has(r) || chosen.has(r)) continue;
        const dep = archive.get(r);
        if (!dep) continue;
        edges.push({ dep: r, of: p });
        chosen.add(r);
        next.push(dep);
      }
    rounds.push({ pkgs: level, edges });
    order.unshift(...level);
    level = next;
  }
  return { rounds, order };
}

/**
 * Installed packages that need one of `targets` (what rpm -e would break), added to the removal as dnf does,
 * dependents first.
 */
export function resolveRemove(installed: ReadonlyMap<string, Installed>, targets: readonly RpmPackage[]): RpmPackage[] {
  const out = [...targets];
  for (let i = 0; i < out.length; i++) {
    for (const have of installed.values()) {
      if (have.base || out.includes(have.pkg)) continue;
      if (have.pkg.requires.includes(out[i]!.name)) out.push(have.pkg);
    }
  }
  return out;
}

/** What the package manager records beside the rpm: yum's yumdb fields. */
export interface RecordFields {
  readonly commandLine: string;
  readonly reason: 'user' | 'dep';
  /** The repository it came from when the release names it differently from the table (Oracle's ol7_latest). */
  readonly repo?: string;
}

/** Installs one package: its files into the container and the package manager's record. */
export function commitInstall(ctx: ProcessContext, archive: RpmArchive, p: RpmPackage, rec: RecordFields): void {
  unpackFiles(ctx.fs, filesOf(p));
  const dir = recordDir(archive, p);
  mkdirs(ctx.fs, dir);
  const fields: Record<string, string> = {
    checksum_type: 'sha256',
    command_line: rec.commandLine,
    from_repo: rec.repo ?? p.repo,
    installed_by: String(ctx.cred.uid),
    reason: rec.reason,
    releasever: archive.index.releasever,
  };
  for (const [k, v] of Object.entries(fields)) writeText(ctx.fs, `${dir}/${k}`, v);
}

/** Erases one package: its files and its record. */
export function commitRemove(ctx: ProcessContext, archive: RpmArchive, p: RpmPackage): void {
  removePaths(ctx.fs, filesOf(p).filter((f) => f.type === 'file').map((f) => f.path));
  const dir = recordDir(archive, p);
  if (exists(ctx.fs, dir)) removePaths(ctx.fs, [dir, ...ctx.fs.readdir(dir).map((f) => `${dir}/${f}`)]);
}
