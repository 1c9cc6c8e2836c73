/**
 * `rpm -q NAME...` and `rpm -qa` on the Enterprise Linux images. The rpmdb itself (/var/lib/rpm/Packages) is
 * synthetic bytes, so the installed set is the release table's image packages plus what yum, dnf or microdnf
 * recorded (rpmdb.ts), and the signing keys yum imported show as gpg-pubkey packages, as in a real rpmdb.
 */

import type { Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG } from '../../../engine/packages/PackageCatalog';
import { elDist, installedRpms, nvra, type Installed } from './rpmdb';

/** gpg-pubkey-<keyid>-<creation time in hex> of the keys yum imports. */
const PUBKEYS: Readonly<Record<string, string>> = { centos: 'gpg-pubkey-f4a80eb5-53a7ff4b', epel: 'gpg-pubkey-352c64e5-52ae6884' };

export const rpm: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => a.startsWith('-'));
  const names = args.filter((a) => !a.startsWith('-'));
  const query = flags.some((f) => /^-[a-z]*q/.test(f) || f === '--query');
  const all = flags.some((f) => /^-[a-z]*a/.test(f) || f === '--all');
  if (!query) {
    await ctx.stderr.write('rpm: no operation specified\n');
    return 1;
  }
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  const dist = elDist(ctx);
  const archive = catalog && (dist === 'el7' || dist === 'el8') ? await catalog.rpm(dist) : undefined;
  const installed = archive ? installedRpms(ctx, archive) : new Map<string, Installed>();
  // yum (el7) imports a repository's key with its first package; libdnf's imports on el8 are not simulated.
  const repos = new Set<string>(dist !== 'el7' ? [] : [...installed.values()].filter((i) => !i.base).map((i) => (i.repo === 'epel' ? 'epel' : 'centos')));
  if (all) {
    const lines = [...installed.values()].map((i) => nvra(i.pkg));
    for (const k of ['centos', 'epel']) if (repos.has(k)) lines.push(PUBKEYS[k]!);
    if (names.length === 0) {
      await ctx.stdout.write(lines.map((l) => `${l}\n`).join(''));
      return 0;
    }
  }
  let status = 0;
  for (const n of names) {
    const hit = installed.get(n);
    if (hit) await ctx.stdout.write(`${nvra(hit.pkg)}\n`);
    else {
      await ctx.stdout.write(`package ${n} is not installed\n`);
      status = 1;
    }
  }
  return status;
};
