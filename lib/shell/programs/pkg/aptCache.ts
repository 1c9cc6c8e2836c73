/**
 * `apt-cache policy|show|search|madison|depends` (apt 2.6.1, bookworm) over dpkg's status and, once `apt-get update`
 * has fetched the lists, the package catalog. Formats checked against apt 2.6.1 on a bookworm host.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG } from '../../../engine/packages/PackageCatalog';
import type { DebPackage } from '../../../engine/packages/format';
import { aptListsPresent, aptMirror } from './apt';
import { policyPackageFiles } from './aptFetch';
import { readSources } from './aptSources';
import { exists } from './common';
import { compareDebVersions } from './debVersion';
import { DpkgDb, parseStanzas, type Stanza } from './dpkgStatus';

const USAGE = `apt 2.6.1 (amd64)
Usage: apt-cache [options] command
       apt-cache [options] show pkg1 [pkg2 ...]

apt-cache queries and displays available information about installed
and installable packages. It works exclusively on the data acquired
into the local cache via the 'update' command of e.g. apt-get. The
displayed information may therefore be outdated if the last update was
too long ago, but in exchange apt-cache works independently of the
availability of the configured sources (e.g. offline).

Most used commands:
  showsrc - Show source records
  search - Search the package list for a regex pattern
  depends - Show raw dependency information for a package
  rdepends - Show reverse dependency information for a package
  show - Show a readable record for the package
  pkgnames - List the names of all packages in the system
  policy - Show policy settings

See apt-cache(8) for more information about the available commands.
Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version choices can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
`;

/** The dependency fields in the order apt's list parser records them (what `depends` prints). */
const DEP_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['Pre-Depends', 'PreDepends'],
  ['Depends', 'Depends'],
  ['Conflicts', 'Conflicts'],
  ['Breaks', 'Breaks'],
  ['Recommends', 'Recommends'],
  ['Suggests', 'Suggests'],
  ['Replaces', 'Replaces'],
  ['Enhances', 'Enhances'],
];

/** One package as apt's cache sees it: its dpkg status record and/or its archive version. */
interface Known {
  readonly name: string;
  readonly installed?: Stanza;
  readonly archive?: DebPackage;
}

/** The archive record as a stanza (the catalog keeps each package's control file). */
function archiveStanza(p: DebPackage): Stanza {
  return parseStanzas(p.control ?? `Package: ${p.name}\nVersion: ${p.version}\nArchitecture: ${p.arch}\n`)[0]!;
}

/** The Packages record apt-cache show prints: the control file plus the pool path and size (see APPROXIMATIONS.md). */
function packagesRecord(p: DebPackage): string {
  const control = (p.control ?? `Package: ${p.name}\nVersion: ${p.version}\nArchitecture: ${p.arch}\n`).replace(/\n+$/, '');
  const source = (archiveStanza(p).fields.get('Source') ?? p.name).split(' ')[0]!;
  const dir = source.startsWith('lib') ? source.slice(0, 4) : source[0]!;
  // Image packages taken from dpkg's status (fromStatus) have no known archive size: no pool record for them.
  if (p.size === 0) return `${control}\n`;
  return `${control}\nFilename: pool/main/${dir}/${source}/${p.name}_${p.version.replace(/^\d+:/, '')}_${p.arch}.deb\nSize: ${p.size}\n`;
}

class AptCache {
  private readonly db: DpkgDb;
  private readonly known = new Map<string, Known>();
  /** Names other records mention (dependencies, provides): apt knows them as packages without versions. */
  private readonly referenced = new Set<string>();

  constructor(private readonly ctx: ProcessContext) {
    this.db = new DpkgDb(ctx.fs);
  }

  async load(): Promise<void> {
    for (const s of this.db.stanzas) if ((s.fields.get('Status') ?? '').endsWith(' installed')) this.known.set(s.name, { name: s.name, installed: s });
    const catalog = this.ctx.sys.service(PACKAGE_CATALOG);
    if (catalog && aptListsPresent(this.ctx.fs)) {
      const deb = await catalog.debian();
      for (const p of deb.index.packages) this.known.set(p.name, { ...this.known.get(p.name), name: p.name, archive: p });
      // The catalog holds what images lack; the image's own packages are taken to be in bookworm at the installed
      // version (Docker's images are built from the archive of their day; APPROXIMATIONS.md).
      for (const k of this.known.values()) if (k.installed && !k.archive) this.known.set(k.name, { ...k, archive: fromStatus(k.installed) });
    }
    for (const k of this.known.values()) for (const s of this.stanzas(k)) for (const [f] of [...DEP_FIELDS, ['Provides', '']] as const) for (const n of names(s.fields.get(f))) this.referenced.add(n);
  }

  private stanzas(k: Known): Stanza[] {
    return [...(k.archive ? [archiveStanza(k.archive)] : []), ...(k.installed ? [k.installed] : [])];
  }

  private candidate(k: Known): Stanza | undefined {
    const iv = k.installed?.fields.get('Version');
    if (k.archive && (iv === undefined || compareDebVersions(k.archive.version, iv) >= 0)) return archiveStanza(k.archive);
    return k.installed;
  }

  private out(s: string): Promise<void> {
    return this.ctx.stdout.write(s);
  }
  private err(s: string): Promise<void> {
    return this.ctx.stderr.write(s);
  }

  async policy(pkgs: readonly string[]): Promise<number> {
    if (pkgs.length === 0) {
      let s = 'Package files:\n 100 /var/lib/dpkg/status\n     release a=now\n';
      const read = readSources(this.ctx.fs);
      if (read.ok && this.ctx.sys.service(PACKAGE_CATALOG)) s += policyPackageFiles(read.sources, (n) => exists(this.ctx.fs, `/var/lib/apt/lists/${n}`));
      await this.out(`${s}Pinned packages:\n`);
      return 0;
    }
    let s = '';
    for (const name of pkgs) {
      const k = this.known.get(name);
      if (!k) {
        if (this.referenced.has(name)) s += `${name}:\n  Installed: (none)\n  Candidate: (none)\n  Version table:\n`;
        continue;
      }
      const iv = k.installed?.fields.get('Version');
      const cand = this.candidate(k)!.fields.get('Version');
      const arch = (k.installed?.fields.get('Multi-Arch') ?? k.archive?.multiArch) === 'same' ? ':amd64' : '';
      s += `${name}${arch}:\n  Installed: ${iv ?? '(none)'}\n  Candidate: ${cand}\n  Version table:\n`;
      const versions = [...new Set([k.archive?.version, iv].filter((v): v is string => v !== undefined))].sort((a, b) => compareDebVersions(b, a));
      for (const v of versions) {
        const inArchive = k.archive?.version === v;
        s += `${v === iv ? ' *** ' : '     '}${v} ${inArchive ? 500 : 100}\n`;
        if (inArchive) s += `        500 ${aptMirror(this.ctx.fs, k.archive!.suite)} amd64 Packages\n`;
        if (v === iv) s += '        100 /var/lib/dpkg/status\n';
      }
    }
    await this.out(s);
    return 0;
  }

  async show(pkgs: readonly string[]): Promise<number> {
    const found = await this.lookupQuiet(pkgs);
    if (!found) return 100;
    let s = '';
    for (const k of found) {
      if (k.archive) s += `${packagesRecord(k.archive)}\n`;
      if (k.installed && k.installed.fields.get('Version') !== k.archive?.version) s += `${k.installed.text}\n\n`;
    }
    await this.out(s);
    return 0;
  }

  /** show and depends name unknown packages only in the final error (apt 2.6.1 prints no N: line for them). */
  private async lookupQuiet(pkgs: readonly string[]): Promise<Known[] | undefined> {
    const found = pkgs.map((n) => this.known.get(n) ?? (this.referenced.has(n) ? { name: n } : undefined)).filter((k): k is Known => k !== undefined);
    if (found.length === 0) {
      await this.err('E: No packages found\n');
      return undefined;
    }
    return found;
  }

  async search(patterns: readonly string[]): Promise<number> {
    if (patterns.length === 0) {
      await this.err('E: You must give at least one search pattern\n');
      return 100;
    }
    let res: RegExp[];
    try {
      res = patterns.map((p) => new RegExp(p, 'i'));
    } catch {
      await this.err(`E: Regex compilation error - Invalid regular expression\n`);
      return 100;
    }
    const rows: string[] = [];
    for (const k of [...this.known.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const desc = this.candidate(k)?.fields.get('Description') ?? '';
      const text = `${k.name}\n${desc}`;
      if (res.every((r) => r.test(text))) rows.push(`${k.name} - ${desc.split('\n')[0]}\n`);
    }
    await this.out(rows.join(''));
    return 0;
  }

  async madison(pkgs: readonly string[]): Promise<number> {
    let s = '';
    for (const n of pkgs) {
      const p = this.known.get(n)?.archive;
      if (p) s += `${n.padStart(10)} | ${p.version.padStart(10)} | ${aptMirror(this.ctx.fs, p.suite)} amd64 Packages\n`;
    }
    await this.out(s);
    return 0;
  }

  async depends(pkgs: readonly string[]): Promise<number> {
    const found = await this.lookupQuiet(pkgs);
    if (!found) return 100;
    let s = '';
    for (const k of found) {
      const st = this.candidate(k);
      if (!st) {
        s += `<${k.name}>\n`;
        continue;
      }
      s += `${k.name}\n`;
      for (const [field, label] of DEP_FIELDS) {
        for (const group of (st.fields.get(field) ?? '').split(',').filter((g) => g.trim() !== '')) {
          const alts = group.split('|').map((a) => a.trim().split(/[\s(]/)[0]!.replace(/:any$/, ''));
          alts.forEach((a, i) => {
            const real = this.known.has(a);
            s += `  ${i < alts.length - 1 ? '|' : ''}${label}: ${real ? a : `<${a}>`}\n`;
            if (!real) for (const p of this.providers(a)) s += `    ${p}\n`;
          });
        }
      }
    }
    await this.out(s);
    return 0;
  }

  private providers(virtual: string): string[] {
    return [...this.known.values()].filter((k) => this.stanzas(k).some((s) => names(s.fields.get('Provides')).includes(virtual))).map((k) => k.name);
  }
}

function fromStatus(s: Stanza): DebPackage {
  const f = (k: string) => s.fields.get(k);
  const control = s.text.replace(/^Status: .*\n/m, '').replace(/^Conffiles:\n(?: .*\n?)*/m, '');
  return {
    name: s.name,
    version: f('Version') ?? '',
    arch: f('Architecture') ?? 'amd64',
    size: 0,
    installedSize: Number(f('Installed-Size') ?? 0),
    suite: 'bookworm',
    section: f('Section') ?? '',
    priority: f('Priority') ?? '',
    ...(f('Multi-Arch') ? { multiArch: f('Multi-Arch') } : {}),
    control: `${control}\n`,
  };
}

function names(field: string | undefined): string[] {
  return (field ?? '')
    .split(/[,|]/)
    .map((a) => a.trim().split(/[\s(]/)[0]!.replace(/:any$/, ''))
    .filter((a) => a !== '');
}

export const aptCache: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !/^-(q+|-quiet)$/.test(a));
  const [cmd, ...rest] = args;
  if (cmd === undefined || cmd === '-h' || cmd === '--help') {
    await ctx.stdout.write(USAGE);
    return cmd === undefined ? 1 : 0;
  }
  // Every command opens apt's cache, which reads the sources first (and stops on a broken list).
  if (['policy', 'show', 'search', 'madison', 'depends'].includes(cmd)) {
    const read = readSources(ctx.fs);
    if (!read.ok) {
      await ctx.stderr.write(read.error);
      return 100;
    }
  }
  const c = new AptCache(ctx);
  await c.load();
  switch (cmd) {
    case 'policy':
      return c.policy(rest);
    case 'show':
      return c.show(rest);
    case 'search':
      return c.search(rest);
    case 'madison':
      return c.madison(rest);
    case 'depends':
      return c.depends(rest);
    default:
      await ctx.stderr.write(`E: Invalid operation ${cmd}\n`);
      return 100;
  }
};
