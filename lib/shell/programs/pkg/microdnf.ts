/**
 * `microdnf` 3.8 as Oracle Linux 8-slim (mysql:8) runs it: install, remove, update/upgrade, clean all, repolist,
 * repoquery, over the el8 table of the package catalog and the repositories of /etc/yum.repos.d. Output follows
 * microdnf's sources: one
 * `Downloading metadata...` per enabled repository (microdnf sets cache_age 0, so every run refreshes), the
 * libsmartcols transaction table and `Transaction Summary:`, `Downloading packages...`, `Running transaction
 * test...`, one `Installing: name;evr;arch;repo` per package in rpm's order, `Complete.`; errors are
 * `error: MESSAGE` on stderr with exit 1. Assume-yes is the default on el8, so there is no prompt.
 * The rpm database and the transaction are yum's (rpmdb.ts). See content/packages/APPROXIMATIONS.md.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG, type RpmArchive } from '../../../engine/packages/PackageCatalog';
import type { RpmPackage } from '../../../engine/packages/format';
import { exists, removePaths, unpackFiles } from './common';
import { gFormatSize, repolistTable, transactionSummary, transactionTable } from './dnfFormat';
import { commitInstall, commitRemove, elDist, evr, installedRpms, nevra, resolveInstall, resolveRemove, type Installed } from './rpmdb';
import { applyRepoSwitches, readRepos, repoHash, type RepoConf } from './yumRepos';

const CACHE = '/var/cache/yum';
const METADATA = `${CACHE}/metadata`;
const SOLV = `${CACHE}/solv`;

/** libdnf's package id, the hint of its state callback (`vim-enhanced;2:8.0.1763-19.0.1.el8_6.4;x86_64;ol8_appstream`). */
const packageId = (p: RpmPackage, repo: string) => `${p.name};${evr(p)};${p.arch};${repo}`;

class Failure extends Error {}

const SUBCOMMAND_OPTIONS = ['--all', '--enabled', '--disabled', '--available', '--installed'];

interface Opts {
  readonly switches: string[];
  readonly words: string[];
}

function parse(args: readonly string[]): Opts {
  const switches: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string): string | undefined => {
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      if (a === name) {
        const v = args[i + 1];
        if (v === undefined) throw new Failure(`Missing argument for ${name}`);
        i++;
        return v;
      }
      return undefined;
    };
    if (a === '-y' || a === '--assumeyes' || a === '--nodocs' || a === '--best' || a === '--nobest') continue;
    const en = value('--enablerepo');
    if (en !== undefined) {
      switches.push(`e:${en}`);
      continue;
    }
    const dis = value('--disablerepo');
    if (dis !== undefined) {
      switches.push(`d:${dis}`);
      continue;
    }
    if (value('--releasever') !== undefined) continue;
    const set = value('--setopt');
    if (set !== undefined) {
      const [k, v] = [set.slice(0, set.indexOf('=')), set.slice(set.indexOf('=') + 1)];
      if (!set.includes('=') || v === '') throw new Failure(`(--setopt) Missing value in: ${set}`);
      if (k === 'tsflags' && v !== 'nodocs') throw new Failure(`(--setopt) Unknown tsflag: ${v}`);
      if (k === 'install_weak_deps' && v !== '0' && v !== '1') throw new Failure(`(--setopt) Invalid boolean value "${v}" in: ${set}`);
      if (k !== 'tsflags' && k !== 'install_weak_deps') throw new Failure(`(--setopt) Unable to handle: ${set}`);
      continue;
    }
    // Options of the repolist and repoquery commands reach the command, which rejects what it does not know.
    if (SUBCOMMAND_OPTIONS.includes(a)) words.push(a);
    else if (a.startsWith('-') && a !== '-') throw new Failure(`Unknown option ${a}`);
    else words.push(a);
  }
  return { switches, words };
}

class Microdnf {
  constructor(private readonly ctx: ProcessContext) {}

  private out(s: string): Promise<void> {
    return this.ctx.stdout.write(s);
  }

  /** libsmartcols draws for a terminal when stdout is one: its width (TIOCGWINSZ), else $COLUMNS, else 80. */
  private termWidth(): number | undefined {
    if (!this.ctx.stdout.isTTY) return undefined;
    const env = Number(this.ctx.env.get('COLUMNS') ?? '');
    return this.ctx.tty?.columns ?? (env > 0 ? env : 80);
  }

  async run(): Promise<number> {
    try {
      return await this.dispatch();
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      await this.ctx.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
  }

  private async dispatch(): Promise<number> {
    const args = this.ctx.argv.slice(1);
    if (args.some((a) => a === '-h' || a === '--help' || a === '--help-all' || a === '--help-global')) {
      // GLib's generated help lists the plugins' one-line descriptions, which we do not have verbatim.
      await this.ctx.stderr.write('microdnf: --help is not simulated by layerlab\n');
      return 1;
    }
    const opts = parse(args);
    // The first word that is not an option is the command (microdnf's main), the rest goes to it.
    const at = opts.words.findIndex((w) => !w.startsWith('-'));
    const cmd = at < 0 ? undefined : opts.words[at];
    const names = opts.words.filter((_, i) => i !== at);
    const known = ['install', 'remove', 'update', 'upgrade', 'clean', 'repolist', 'repoquery'];
    const notSimulated = ['download', 'module', 'reinstall', 'distro-sync', 'makecache', 'leaves', 'swap'];
    if (cmd === undefined || (!known.includes(cmd) && !notSimulated.includes(cmd))) {
      // Real microdnf prints GLib's option help between these two lines.
      await this.ctx.stderr.write("This is microdnf, which implements subset of `dnf'.\n");
      throw new Failure(cmd === undefined ? 'No command specified' : `Unknown command: '${cmd}'`);
    }
    if (notSimulated.includes(cmd)) {
      await this.ctx.stderr.write(`microdnf ${cmd}: not simulated by layerlab\n`);
      return 1;
    }
    if (this.ctx.cred.uid !== 0) {
      await this.ctx.stderr.write('microdnf: running as a user other than root is not simulated by layerlab\n');
      return 1;
    }
    if (cmd === 'clean') return this.clean(names);
    if (cmd === 'repolist') return this.repolist(names, opts.switches);
    const stray = cmd === 'repoquery' ? undefined : names.find((n) => n.startsWith('-'));
    if (stray !== undefined) throw new Failure(`Unknown option ${stray}`);
    if ((cmd === 'install' || cmd === 'remove') && names.length === 0) throw new Failure('Packages are not specified');
    const catalog = this.ctx.sys.service(PACKAGE_CATALOG);
    const dist = elDist(this.ctx) ?? 'el8';
    const repos = applyRepoSwitches(readRepos(this.ctx.fs, dist.slice(2)), opts.switches).filter((r) => r.enabled);
    if (cmd === 'remove') {
      // microdnf disables every repository for remove: no metadata is fetched.
      // Without the archives nothing beyond the image was installed, and the image's packages are not removable here.
      if (!catalog || dist !== 'el8') throw new Failure('The transaction was empty');
      return this.remove(await catalog.rpm(dist), names);
    }
    const installedOnly = cmd === 'repoquery' && names.includes('--installed') && !names.includes('--available');
    if (installedOnly) {
      // repoquery --installed disables the repositories: only the rpmdb is read.
      if (!catalog || dist !== 'el8') return 0;
      return this.repoquery(await catalog.rpm(dist), [], names);
    }
    if (!catalog || dist !== 'el8') return this.offline(repos);
    const archive = await catalog.rpm(dist);
    await this.refresh(archive, repos);
    if (cmd === 'repoquery') return this.repoquery(archive, repos, names);
    if (cmd === 'install') return this.install(archive, repos, names);
    return this.update(archive, repos, names);
  }

  /** The first repository's metadata cannot be fetched (no network), as libdnf reports it. */
  private async offline(repos: readonly RepoConf[]): Promise<number> {
    const first = repos[0];
    if (!first) {
      await this.out('Nothing to do.\n');
      return 0;
    }
    await this.out('Downloading metadata...\n');
    const url = `${first.baseurl.replace(/\/?$/, '/')}repodata/repomd.xml`;
    const host = /^\w+:\/\/([^/:]+)/.exec(url)?.[1] ?? '';
    throw new Failure(`cannot update repo '${first.id}': Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried; Last error: Curl error (6): Couldn't resolve host name for ${url} [Could not resolve host: ${host}]`);
  }

  /** One `Downloading metadata...` per enabled repository; the metadata lands in /var/cache/yum/metadata. */
  private async refresh(archive: RpmArchive, repos: readonly RepoConf[]): Promise<void> {
    for (const r of repos) {
      await this.out('Downloading metadata...\n');
      const known = archive.index.repos.find((x) => x.id === r.id);
      const dir = `${METADATA}/${r.id}-${repoHash(r.baseurl)}/repodata`;
      if (exists(this.ctx.fs, `${dir}/repomd.xml`)) continue;
      unpackFiles(this.ctx.fs, [
        { path: `${dir}/repomd.xml`, type: 'file', mode: 0o644, content: { kind: 'synthetic', size: 4_200, seed: r.id.length } },
        { path: `${dir}/primary.xml.gz`, type: 'file', mode: 0o644, content: { kind: 'synthetic', size: known?.cacheSize ?? 90_000, seed: r.id.length + 1 } },
        { path: `${SOLV}/${r.id}.solv`, type: 'file', mode: 0o644, content: { kind: 'synthetic', size: Math.round((known?.cacheSize ?? 90_000) / 6), seed: r.id.length + 2 } },
      ]);
    }
  }

  private available(archive: RpmArchive, repos: readonly RepoConf[], spec: string): RpmPackage | undefined {
    const p = archive.resolve(spec);
    return p && repos.some((r) => r.id === p.repo) ? p : undefined;
  }

  private async install(archive: RpmArchive, repos: readonly RepoConf[], names: readonly string[]): Promise<number> {
    const installed = installedRpms(this.ctx, archive);
    const requested: RpmPackage[] = [];
    for (const n of names) {
      const have = installed.get(n) ?? [...installed.values()].find((i) => i.pkg.provides?.includes(n));
      if (have) continue;
      const p = this.available(archive, repos, n);
      if (!p) throw new Failure(`No package matches '${n}'`);
      if (!requested.includes(p)) requested.push(p);
    }
    const { order } = resolveInstall(archive, installed, requested);
    if (order.length === 0) {
      await this.out('Nothing to do.\n');
      return 0;
    }
    const rows = [...order].sort(byNevra).map((p) => ({ nevra: nevra(p), repo: p.repo, size: gFormatSize(p.size) }));
    await this.out(transactionTable([['Installing:', rows]], this.termWidth()) + transactionSummary({ install: order.length }));
    await this.out('Downloading packages...\nRunning transaction test...\n');
    const commandLine = `install ${names.join(' ')}`;
    for (const p of order) {
      await this.ctx.checkpoint();
      await this.out(`Installing: ${packageId(p, p.repo)}\n`);
      commitInstall(this.ctx, archive, p, { commandLine, reason: requested.includes(p) ? 'user' : 'dep' });
    }
    await this.out('Complete.\n');
    return 0;
  }

  private async remove(archive: RpmArchive, names: readonly string[]): Promise<number> {
    const installed = installedRpms(this.ctx, archive);
    const targets: RpmPackage[] = [];
    for (const n of names) {
      const have: Installed | undefined = installed.get(n);
      if (!have) continue;
      if (have.base) {
        // The image's own packages have no file list in the table; removing them is refused (approximation).
        throw new Failure(`The operation would result in removing the following protected packages: ${n}`);
      }
      if (!targets.includes(have.pkg)) targets.push(have.pkg);
    }
    // libdnf's goal stays empty when nothing installed matched.
    if (targets.length === 0) throw new Failure('The transaction was empty');
    const all = resolveRemove(installed, targets);
    const rows = [...all].sort(byNevra).map((p) => ({ nevra: nevra(p), repo: '@System', size: gFormatSize(p.installedSize) }));
    await this.out(transactionTable([['Removing:', rows]], this.termWidth()) + transactionSummary({ remove: all.length }));
    await this.out('Running transaction test...\n');
    // rpm erases what needs a package before the package itself.
    for (const p of [...all].reverse()) {
      await this.ctx.checkpoint();
      await this.out(`Removing: ${packageId(p, 'installed')}\n`);
      commitRemove(this.ctx, archive, p);
    }
    await this.out('Complete.\n');
    return 0;
  }

  /** The table holds one build per package and the image's are current: nothing to upgrade. */
  private async update(archive: RpmArchive, repos: readonly RepoConf[], names: readonly string[]): Promise<number> {
    const installed = installedRpms(this.ctx, archive);
    for (const n of names) if (!installed.has(n) && !this.available(archive, repos, n)) throw new Failure(`No package matches '${n}'`);
    await this.out('Nothing to do.\n');
    return 0;
  }

  /** repolist [--all|--enabled|--disabled]: the repositories of /etc/yum.repos.d (no metadata is fetched). */
  private async repolist(args: readonly string[], switches: readonly string[]): Promise<number> {
    let all = args.includes('--all');
    const disabled = args.includes('--disabled');
    const enabled = args.includes('--enabled') || !disabled;
    const stray = args.find((a) => !['--all', '--enabled', '--disabled'].includes(a));
    if (stray !== undefined) throw new Failure(`Unknown argument ${stray}`);
    if (enabled && disabled) all = true;
    const repos = applyRepoSwitches(readRepos(this.ctx.fs, (elDist(this.ctx) ?? 'el8').slice(2)), switches);
    const shown = repos.filter((r) => all || (enabled && r.enabled) || (disabled && !r.enabled));
    await this.out(repolistTable(shown, this.termWidth(), all));
    return 0;
  }

  /**
   * repoquery [--available|--installed] [KEY...]: NEVRAs of matching packages, sorted, once each. A key is a name
   * glob or a full NEVRA, case-insensitive; provides do not match (hy_subject_get_best_solution without provides).
   */
  private async repoquery(archive: RpmArchive, repos: readonly RepoConf[], args: readonly string[]): Promise<number> {
    const keys = args.filter((a) => a !== '--available' && a !== '--installed');
    const stray = keys.find((k) => k.startsWith('-'));
    if (stray !== undefined) throw new Failure(`Unknown option ${stray}`);
    const wantInstalled = args.includes('--installed');
    const wantAvailable = args.includes('--available') || !wantInstalled;
    const pool = new Set<RpmPackage>();
    if (wantAvailable) for (const p of archive.index.packages) if (repos.some((r) => r.id === p.repo)) pool.add(p);
    if (wantInstalled) for (const i of installedRpms(this.ctx, archive).values()) pool.add(i.pkg);
    const globs = keys.map((k) => new RegExp(`^${k.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'));
    const hits = [...pool].filter((p) => keys.length === 0 || globs.some((g) => g.test(p.name) || g.test(nevra(p)) || g.test(`${p.name}-${p.version}-${p.release}.${p.arch}`)));
    const lines = [...new Set(hits.sort(byNevra).map(nevra))];
    await this.out(lines.map((l) => `${l}\n`).join(''));
    return 0;
  }

  private async clean(types: readonly string[]): Promise<number> {
    if (types.length === 0) throw new Failure('Clean requires argument: all');
    if (types[0] !== 'all') throw new Failure(`Invalid clean argument: '${types[0]}'`);
    if (types.length > 1) throw new Failure('Too many arguments. Clean accepts only one argument.');
    removeTree(this.ctx, METADATA);
    removeTree(this.ctx, SOLV);
    await this.out('Complete.\n');
    return 0;
  }
}

const byNevra = (a: RpmPackage, b: RpmPackage) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** `rm -r` of a directory in the container (what dnf_remove_recursive does). */
function removeTree(ctx: ProcessContext, dir: string): void {
  const all: string[] = [];
  const walk = (p: string) => {
    all.push(p);
    let st;
    try {
      st = ctx.fs.lstat(p);
    } catch {
      return;
    }
    if (st.type === 'dir') for (const n of ctx.fs.readdir(p)) walk(`${p}/${n}`);
  };
  if (!exists(ctx.fs, dir)) return;
  walk(dir);
  removePaths(ctx.fs, all);
}

export const microdnf: Program = (ctx) => new Microdnf(ctx).run();
