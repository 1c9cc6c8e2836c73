/**
 * `rpm` on the Enterprise Linux images: `-q NAME...`, `-qa`, `-ql NAME` (files), `-qf PATH` (owner), `-e NAME...`
 * (erase through the package managers' shared transaction, rpmdb.ts) and `--version`. The rpmdb itself
 * (/var/lib/rpm/Packages) is synthetic bytes, so the installed set is the release table's image packages plus what
 * yum, dnf or microdnf recorded, file lists are the table's (main programs and libraries), and the signing keys yum
 * imported show as gpg-pubkey packages, as in a real rpmdb. See content/packages/APPROXIMATIONS.md.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG, type RpmArchive } from '../../../engine/packages/PackageCatalog';
import { filesOf } from './apk';
import { exists } from './common';
import { commitRemove, elDist, evr, installedRpms, nvra, type Installed } from './rpmdb';

/** gpg-pubkey-<keyid>-<creation time in hex> of the keys yum imports. */
const PUBKEYS: Readonly<Record<string, string>> = { centos: 'gpg-pubkey-f4a80eb5-53a7ff4b', epel: 'gpg-pubkey-352c64e5-52ae6884' };
/** The rpm each release ships (`rpm --version`). */
const RPM_VERSION: Readonly<Record<string, string>> = { el6: '4.8.0', el7: '4.11.3', el8: '4.14.3' };

/** The packages' own files (rpm -ql lists what a package owns; the parent directories belong to `filesystem`). */
const ownFiles = (i: Installed): string[] => filesOf(i.pkg).filter((f) => f.type !== 'dir').map((f) => f.path);

export const rpm: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => a.startsWith('-'));
  const names = args.filter((a) => !a.startsWith('-'));
  const dist = elDist(ctx);
  if (flags.includes('--version')) {
    await ctx.stdout.write(`RPM version ${RPM_VERSION[dist ?? 'el7'] ?? '4.11.3'}\n`);
    return 0;
  }
  const short = flags.filter((f) => /^-[a-zA-Z]+$/.test(f)).join('');
  const query = short.includes('q') || flags.includes('--query');
  const erase = short.includes('e') || flags.includes('--erase');
  if ((query && /[iR]/.test(short)) || (!query && /[iUFV]/.test(short)) || flags.includes('--verify')) {
    // Package information and installing .rpm files need header data the tables do not carry.
    await ctx.stderr.write(`rpm ${flags.join(' ')}: not simulated by layerlab\n`);
    return 1;
  }
  if (!query && !erase) {
    await ctx.stderr.write('rpm: no operation specified\n');
    return 1;
  }
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  const archive = catalog && (dist === 'el7' || dist === 'el8') ? await catalog.rpm(dist) : undefined;
  const installed = archive ? installedRpms(ctx, archive) : new Map<string, Installed>();
  if (erase) return eraseAll(ctx, archive, installed, names);
  if (short.includes('f') || flags.includes('--file')) return owners(ctx, installed, names);
  const list = short.includes('l') || flags.includes('--list');
  // yum (el7) imports a repository's key with its first package; libdnf's imports on el8 and Oracle's key are not simulated.
  const yumKeys = dist === 'el7' && !exists(ctx.fs, '/etc/oracle-release');
  const repos = new Set<string>(yumKeys ? [...installed.values()].filter((i) => !i.base).map((i) => (i.repo === 'epel' ? 'epel' : 'centos')) : []);
  if (short.includes('a') || flags.includes('--all')) {
    const lines = [...installed.values()].map((i) => (list ? ownFiles(i).join('\n') : nvra(i.pkg))).filter((l) => l !== '');
    if (!list) for (const k of ['centos', 'epel']) if (repos.has(k)) lines.push(PUBKEYS[k]!);
    if (names.length === 0) {
      await ctx.stdout.write(lines.map((l) => `${l}\n`).join(''));
      return 0;
    }
  }
  let status = 0;
  for (const n of names) {
    const hit = installed.get(n);
    if (!hit) {
      await ctx.stdout.write(`package ${n} is not installed\n`);
      status = 1;
    } else if (list) {
      const files = ownFiles(hit);
      await ctx.stdout.write(files.length > 0 ? files.map((f) => `${f}\n`).join('') : '(contains no files)\n');
    } else await ctx.stdout.write(`${nvra(hit.pkg)}\n`);
  }
  return status;
};

/** `rpm -qf PATH`: the package owning each path. */
async function owners(ctx: ProcessContext, installed: ReadonlyMap<string, Installed>, paths: readonly string[]): Promise<number> {
  let status = 0;
  for (const p of paths) {
    const abs = p.startsWith('/') ? p : `${ctx.cwd}/${p}`;
    const owner = [...installed.values()].find((i) => ownFiles(i).includes(abs));
    if (owner) await ctx.stdout.write(`${nvra(owner.pkg)}\n`);
    else {
      status = 1;
      if (exists(ctx.fs, abs)) await ctx.stdout.write(`file ${abs} is not owned by any package\n`);
      else await ctx.stderr.write(`error: file ${abs}: No such file or directory\n`);
    }
  }
  return status;
}

/**
 * `rpm -e NAME...`: nothing printed on success. Names that are not installed, or that installed packages outside
 * the erase set still require, stop the whole erase with rpm's errors (exit 1).
 */
async function eraseAll(ctx: ProcessContext, archive: RpmArchive | undefined, installed: ReadonlyMap<string, Installed>, names: readonly string[]): Promise<number> {
  if (names.length === 0) {
    await ctx.stderr.write('rpm: no packages given for erase\n');
    return 1;
  }
  const missing = names.filter((n) => !installed.has(n));
  if (missing.length > 0) {
    await ctx.stderr.write(missing.map((n) => `error: package ${n} is not installed\n`).join(''));
    return 1;
  }
  const targets = names.map((n) => installed.get(n)!);
  const base = targets.find((t) => t.base);
  if (base || !archive) {
    // The image's own packages have no complete file list or requirement data in the table.
    await ctx.stderr.write(`rpm: erasing ${base?.pkg.name ?? names[0]}, a package of the image itself, is not simulated by layerlab\n`);
    return 1;
  }
  const erasing = new Set(names);
  const needs: string[] = [];
  for (const t of targets)
    for (const i of installed.values())
      if (!erasing.has(i.pkg.name) && i.pkg.requires.includes(t.pkg.name)) needs.push(`\t${t.pkg.name} is needed by (installed) ${i.pkg.name}-${evr(i.pkg)}.${i.pkg.arch}\n`);
  if (needs.length > 0) {
    await ctx.stderr.write(`error: Failed dependencies:\n${needs.join('')}`);
    return 1;
  }
  for (const t of targets) commitRemove(ctx, archive, t.pkg);
  return 0;
}
