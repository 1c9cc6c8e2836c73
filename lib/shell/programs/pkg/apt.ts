/**
 * `apt-get` and `apt` (Debian bookworm, apt 2.6) over the package catalog: update, install, remove, purge,
 * clean, autoremove. Output follows apt's non-interactive form (what `docker build` and `docker logs` show), checked
 * against apt 2.6.1 in a bookworm chroot. Files really land in the container; dpkg's status, info/*.list and apt's
 * extended_states are kept, so a second install, `dpkg -l` and `docker diff` see them.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG, type DebArchive } from '../../../engine/packages/PackageCatalog';
import type { DebPackage, PostinstOp } from '../../../engine/packages/format';
import type { FsClient } from '../../../engine/fs/Types';
import { aptList, aptSize, aptSizeGrouped, aptTime, DOWNLOAD_RATE, exists, mkdirs, readText, removePaths, unpackFiles, writeText } from './common';
import { DpkgDb } from './dpkgStatus';
import { compareDebVersions } from './debVersion';
import { kept, originOf, planUpdate } from './aptFetch';
import { readSources } from './aptSources';
import { archiveName } from './aptArchive';
import { aptListLines, type ListFilter } from './aptList';
import { loadAptConfiguration } from './aptConfig';

const LISTS = '/var/lib/apt/lists';
const EXTENDED = '/var/lib/apt/extended_states';
const ARCHIVES = '/var/cache/apt/archives';
const PKGCACHE = ['/var/cache/apt/pkgcache.bin', '/var/cache/apt/srcpkgcache.bin'];

/** Where invoke-rc.d asks whether services may start (debuerreotype's says `exit 101`: no). */
const POLICY_RC = '/usr/sbin/policy-rc.d';

/**
 * What maintainer scripts print in a container (no init system, no policy-rc.d): the messages of the packages
 * the catalog holds whose postinst/prerm say something.
 */
const INVOKE_RC_NO_POLICY = 'invoke-rc.d: could not determine current runlevel\ninvoke-rc.d: WARNING: No init system and policy-rc.d missing! Defaulting to block.\n';
/** With Docker's policy-rc.d (exit 101) invoke-rc.d is told no; `action` is what the script asked for. */
const invokeRcDenied = (action: string) => `invoke-rc.d: could not determine current runlevel\ninvoke-rc.d: policy-rc.d denied execution of ${action}.\n`;
/** Packages whose maintainer scripts run `invoke-rc.d <service> <action>`: postinst starts, prerm stops. */
const SERVICES: ReadonlySet<string> = new Set(['nginx', 'apache2']);
const POSTINST: Readonly<Record<string, { readonly stdout?: string }>> = {
  // update-ca-certificates run by the postinst and again by the package's own trigger (148 certificates in 20250419).
  'ca-certificates': { stdout: 'Updating certificates in /etc/ssl/certs...\n148 added, 0 removed; done.\n' },
};

const HELP = `apt 2.6.1 (amd64)
Usage: apt-get [options] command
       apt-get [options] install|remove pkg1 [pkg2 ...]
       apt-get [options] source pkg1 [pkg2 ...]

apt-get is a command line interface for retrieval of packages
and information about them from authenticated sources and
for installation, upgrade and removal of packages together
with their dependencies.

Most used commands:
  update - Retrieve new lists of packages
  upgrade - Perform an upgrade
  install - Install new packages (pkg is libc6 not libc6.deb)
  reinstall - Reinstall packages (pkg is libc6 not libc6.deb)
  remove - Remove packages
  purge - Remove packages and config files
  autoremove - Remove automatically all unused packages
  dist-upgrade - Distribution upgrade, see apt-get(8)
  dselect-upgrade - Follow dselect selections
  build-dep - Configure build-dependencies for source packages
  satisfy - Satisfy dependency strings
  clean - Erase downloaded archive files
  autoclean - Erase old downloaded archive files
  check - Verify that there are no broken dependencies
  source - Download source archives
  download - Download the binary package into the current directory
  changelog - Download and display the changelog for the given package

See apt-get(8) for more information about the available commands.
Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version choices can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
                                        This APT has Super Cow Powers.
`;

interface Opts {
  yes: boolean;
  quiet: number;
  recommends: boolean;
  purge: boolean;
  /** `apt list` filters. */
  list: ListFilter;
}

/** `a (>= 1), b | c:any` → [['a'], ['b', 'c']]. */
export function parseDepends(field: string | undefined): string[][] {
  if (!field) return [];
  return field.split(',').map((g) =>
    g
      .split('|')
      .map((a) => a.trim().split(/[\s(]/)[0]!.replace(/:(any|amd64|native)$/, ''))
      .filter((a) => a !== ''),
  );
}

/** A Packages index is on disk (plain or lz4-compressed): apt knows the archive only after `apt-get update`. */
export function aptListsPresent(fs: FsClient): boolean {
  let names: string[] = [];
  try {
    names = fs.readdir(LISTS);
  } catch {
    return false;
  }
  return names.some((n) => /_binary-amd64_Packages(\.lz4)?$/.test(n));
}

/**
 * Where apt says a catalog package comes from (`http://archive.ubuntu.com/ubuntu jammy/main`): the configured
 * source of its pocket (aptFetch.ts originOf); Debian's mirror when the sources cannot be read.
 */
export function aptMirror(fs: FsClient, suite: DebPackage['suite']): string {
  const read = readSources(fs);
  const o = read.ok ? originOf(read.sources, suite) : undefined;
  if (o) return `${o.uri} ${o.suite}/${o.component}`;
  return suite === 'bookworm-security' ? 'http://deb.debian.org/debian-security bookworm-security/main' : `http://deb.debian.org/debian ${suite}/main`;
}

export { EXTENDED as APT_EXTENDED_STATES };

function displayName(p: DebPackage): string {
  return p.multiArch === 'same' ? `${p.name}:amd64` : p.name;
}

/** The file name apt gives a downloaded archive (`1:2.66` → `1%3a2.66`). */
function debFileName(p: DebPackage): string {
  return `${p.name}_${p.version.replace(/:/g, '%3a')}_${p.arch}.deb`;
}

type AptConfigurationTree = ReturnType<typeof loadAptConfiguration>;

class Apt {
  /** `-o Key=Value` settings, in command-line order. */
  private readonly overrides: Array<[string, string]> = [];
  private _config: AptConfigurationTree | undefined;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly name: 'apt-get' | 'apt',
  ) {}

  async print(s: string): Promise<void> {
    await this.ctx.stdout.write(s);
  }
  async err(s: string): Promise<void> {
    await this.ctx.stderr.write(s);
  }

  private get fs() {
    return this.ctx.fs;
  }

  /**
   * Whether apt's sizes group digits: its locale (LC_ALL, LC_NUMERIC, LANG) is an English one the image has
   * generated into /usr/lib/locale/locale-archive (the postgres image: LANG=en_US.utf8); C, C.UTF-8 and POSIX
   * do not group.
   */
  /** apt's SizeToStr in this process's locale. */
  private size(bytes: number): string {
    return this.group ? aptSizeGrouped(bytes) : aptSize(bytes);
  }

  private get group(): boolean {
    const env = this.ctx.env;
    const name = env.get('LC_ALL') || env.get('LC_NUMERIC') || env.get('LANG') || '';
    return /^en_[A-Z]{2}(\.|$)/.test(name) && exists(this.fs, '/usr/lib/locale/locale-archive');
  }

  private async readingLists(): Promise<void> {
    const tty = this.ctx.stdout.isTTY;
    await this.print(tty ? 'Reading package lists... Done\n' : 'Reading package lists...\n');
  }

  private async header(state: boolean): Promise<void> {
    const tty = this.ctx.stdout.isTTY;
    await this.readingLists();
    await this.print(tty ? 'Building dependency tree... Done\n' : 'Building dependency tree...\n');
    // apt reads extended_states only when it exists (a fresh image has none).
    if (state && exists(this.fs, EXTENDED)) await this.print(tty ? 'Reading state information... Done\n' : 'Reading state information...\n');
  }

  async run(args: readonly string[]): Promise<number> {
    const opts: Opts = { yes: false, quiet: 0, recommends: true, purge: false, list: { installed: false, upgradable: false, manual: false } };
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      // -o Key=Value (also -oKey=Value, -o=Key=Value, --option Key=Value): set after the configuration files.
      if (a === '-o' || a === '--option' || (a.startsWith('-o') && !a.startsWith('--'))) {
        const spec = a === '-o' || a === '--option' ? args[++i] : a.slice(2).replace(/^=/, '');
        if (spec === undefined) {
          await this.err(`E: Option ${a} requires an argument.\n`);
          return 100;
        }
        const eq = spec.indexOf('=');
        if (eq < 0) {
          await this.err(`E: Option ${spec}: Configuration item specification must have an =<val>.\n`);
          return 100;
        }
        this.overrides.push([spec.slice(0, eq), spec.slice(eq + 1)]);
        continue;
      }
      if (a === '-y' || a === '--yes' || a === '--assume-yes') opts.yes = true;
      else if (a === '-q' || a === '--quiet') opts.quiet++;
      else if (a === '-qq') opts.quiet += 2;
      else if (/^-[yq]+$/.test(a)) {
        for (const c of a.slice(1)) if (c === 'y') opts.yes = true;
        else opts.quiet++;
      } else if (a === '--no-install-recommends') opts.recommends = false;
      else if (a === '--install-recommends') opts.recommends = true;
      else if (a === '--purge') opts.purge = true;
      else if (this.name === 'apt' && (a === '--installed' || a === '--upgradable' || a === '--manual-installed')) opts.list = { ...opts.list, [a === '--manual-installed' ? 'manual' : a.slice(2)]: true };
      else if (a === '--no-install-suggests' || a === '--fix-missing' || a === '-f' || a === '--no-cache') continue;
      else if (a === '-h' || a === '--help') {
        await this.print(this.name === 'apt' ? HELP.replace('apt-get [options]', 'apt [options]') : HELP);
        return 0;
      } else if (a.startsWith('-')) {
        await this.err(`E: Command line option '${a.replace(/^-+/, '')}' [from ${a}] is not understood in combination with the other options.\n`);
        return 100;
      } else words.push(a);
    }
    const [cmd, ...names] = words;
    if (cmd === undefined) {
      await this.print(HELP);
      return 1;
    }
    if (this.name === 'apt' && !this.ctx.stdout.isTTY) await this.err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    switch (cmd) {
      case 'update':
        return this.update(opts);
      case 'install':
        return this.install(names, opts);
      case 'remove':
      case 'purge':
        return this.remove(names, { ...opts, purge: cmd === 'purge' || opts.purge });
      case 'clean':
      case 'autoclean':
        return this.clean();
      case 'list':
        // apt-get has no list command.
        if (this.name === 'apt') return this.list(names, opts);
        await this.err(`E: Invalid operation ${cmd}\n`);
        return 100;
      default:
        await this.err(`E: Invalid operation ${cmd}\n`);
        return 100;
    }
  }

  private root(): boolean {
    return this.ctx.cred.uid === 0;
  }

  async update(opts: Opts): Promise<number> {
    if (!this.root()) {
      await this.readingLists();
      await this.err('E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
      return 100;
    }
    const read = readSources(this.fs);
    if (!read.ok) {
      await this.err(read.error);
      return 100;
    }
    const catalog = this.ctx.sys.service(PACKAGE_CATALOG);
    // The package data is Debian's whatever the sources say (APPROXIMATIONS.md); without it nothing resolves.
    if (catalog) await catalog.debian();
    const listed = new Set(this.listNames());
    const plan = planUpdate(read.sources, {
      // Docker's images set Acquire::Languages "none" (docker-no-languages): no Translation-en.
      languages: !this.languagesOff(),
      gz: this.first('Acquire::CompressionTypes::Order') === 'gz',
      // Acquire::GzipIndexes (Docker's images): apt 2.x keeps the indexes lz4-compressed on disk.
      gzipIndexes: /^(true|yes|1|on|enable)$/i.test(this.setting('Acquire::GzipIndexes') ?? ''),
      online: catalog !== undefined,
      listed: (n) => listed.has(n),
      group: this.group,
    });
    if (opts.quiet < 2) for (const l of plan.lines) await this.print(l);
    mkdirs(this.fs, `${LISTS}/partial`);
    for (const f of plan.write) writeSynthetic(this.ctx, `${LISTS}/${f.name}`, f.size);
    // apt removes the lists of sources that are no longer configured.
    for (const n of listed) if (!kept(n, plan.keep)) removePaths(this.fs, [`${LISTS}/${n}`]);
    if (!exists(this.fs, `${LISTS}/lock`)) writeText(this.fs, `${LISTS}/lock`, '', 0o640);
    // apt's binary caches of the lists (sizes as apt 2.6 writes them for bookworm's indexes), unless configured
    // away (Dir::Cache::pkgcache "" in docker-clean).
    if (plan.write.length > 0 && this.setting('Dir::Cache::pkgcache') !== '') {
      writeSynthetic(this.ctx, PKGCACHE[0]!, 31_262_873);
      writeSynthetic(this.ctx, PKGCACHE[1]!, 31_214_381);
    }
    if (opts.quiet < 2) {
      if (plan.fetched > 0) await this.print(`Fetched ${this.size(plan.fetched)}B in ${aptTime(plan.fetched / DOWNLOAD_RATE)} (${this.size(DOWNLOAD_RATE)}B/s)\n`);
      await this.readingLists();
      // `apt update` (not apt-get) goes on to tell what could be upgraded (apt 2.6.1 on this machine).
      if (this.name === 'apt' && plan.status === 0) {
        await this.print(this.ctx.stdout.isTTY ? 'Building dependency tree... Done\n' : 'Building dependency tree...\n');
        if (exists(this.fs, EXTENDED)) await this.print(this.ctx.stdout.isTTY ? 'Reading state information... Done\n' : 'Reading state information...\n');
        const n = await this.upgradable();
        await this.print(n === 0 ? 'All packages are up to date.\n' : n === 1 ? "1 package can be upgraded. Run 'apt list --upgradable' to see it.\n" : `${n} packages can be upgraded. Run 'apt list --upgradable' to see them.\n`);
      }
    }
    await this.err(plan.stderr);
    return plan.status;
  }

  async list(patterns: readonly string[], opts: Opts): Promise<number> {
    if (!(await this.sourcesReadable())) return 100;
    const archive = await this.archive();
    const read = readSources(this.fs);
    const db = new DpkgDb(this.fs);
    const auto = new Set([...(readText(this.fs, EXTENDED) ?? '').matchAll(/^Package: (\S+)\nArchitecture: \S+\nAuto-Installed: 1$/gm)].map((m) => m[1]!));
    const archiveNameOf = (suite: string): string => {
      const o = read.ok ? originOf(read.sources, suite) : undefined;
      return o ? archiveName(o.distro, o.suite) : archiveName('debian', suite);
    };
    const text = aptListLines({ installed: db.stanzas.filter((s) => (s.fields.get('Status') ?? '').endsWith(' installed')), archive, auto, archiveName: archiveNameOf, tty: this.ctx.stdout.isTTY }, opts.list, patterns);
    await this.print(`${this.ctx.stdout.isTTY ? 'Listing... Done' : 'Listing...'}\n${text}`);
    return 0;
  }

  /** Installed packages the archive has a newer version of. */
  private async upgradable(): Promise<number> {
    const archive = await this.archive();
    if (!archive) return 0;
    const db = new DpkgDb(this.fs);
    return db.stanzas.filter((st) => {
      const v = st.fields.get('Version');
      const a = archive.get(st.name);
      return (st.fields.get('Status') ?? '').endsWith(' installed') && v !== undefined && a !== undefined && compareDebVersions(a.version, v) > 0;
    }).length;
  }

  /** apt reads the sources before anything else when it opens its cache; a broken list stops it (exit 100). */
  private async sourcesReadable(): Promise<boolean> {
    const read = readSources(this.fs);
    if (!read.ok) await this.err(read.error);
    return read.ok;
  }

  /** The files in /var/lib/apt/lists apt owns as indexes (not lock, partial/ or auxfiles/). */
  private listNames(): string[] {
    try {
      return this.fs.readdir(LISTS).filter((n) => n !== 'lock' && n !== 'partial' && n !== 'auxfiles');
    } catch {
      return [];
    }
  }

  /** apt's configuration: defaults, /etc/apt/apt.conf.d, /etc/apt/apt.conf, then `-o` (aptConfig.ts). */
  private config(): AptConfigurationTree {
    if (!this._config) {
      this._config = loadAptConfiguration(this.fs, this.ctx.argv.join(' '));
      for (const [k, v] of this.overrides) {
        // A scalar replaces the list apt would otherwise compute (the defaults are already in the tree here).
        if (!k.endsWith('::')) this._config.clear(k);
        this._config.set(k, v);
      }
    }
    return this._config;
  }

  private setting(key: string): string | undefined {
    return this.config().find(key)?.value;
  }

  /** The first entry of a list setting (`Acquire::Languages:: "none";` → none), or its scalar value. */
  private first(key: string): string | undefined {
    const n = this.config().find(key);
    return n ? (n.children[0]?.value ?? n.value) : undefined;
  }

  /** Acquire::Languages starting with "none" (Docker's docker-no-languages): no Translation-en. */
  private languagesOff(): boolean {
    return this.first('Acquire::Languages') === 'none';
  }

  private listsPresent(): boolean {
    return aptListsPresent(this.fs);
  }

  /** invoke-rc.d's words for `action` on a service in a container (no init system). */
  private invokeRc(action: string): string {
    return exists(this.fs, POLICY_RC) ? invokeRcDenied(action) : INVOKE_RC_NO_POLICY;
  }

  /** The archive when the lists are there (after `apt-get update`) and the mirror is reachable. */
  private async archive(): Promise<DebArchive | undefined> {
    const catalog = this.ctx.sys.service(PACKAGE_CATALOG);
    if (!catalog || !this.listsPresent()) return undefined;
    return catalog.debian();
  }

  async install(names: readonly string[], opts: Opts): Promise<number> {
    if (!this.root()) {
      await this.err('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
      return 100;
    }
    if (!(await this.sourcesReadable())) return 100;
    const archive = await this.archive();
    const db = new DpkgDb(this.fs);
    // -qq silences apt itself (and implies -y); dpkg's lines still show, as in `apt-get -qq install` logs.
    const say = (text: string) => (opts.quiet >= 2 ? Promise.resolve() : this.print(text));
    if (opts.quiet < 2) await this.header(true);
    const have = db.provided();
    const missing: string[] = [];
    const requested: DebPackage[] = [];
    const already: string[] = [];
    for (const raw of names) {
      const name = raw.replace(/=.*$/, '').replace(/:amd64$/, '');
      const inst = db.installed(name);
      if (inst) {
        already.push(`${name} is already the newest version (${inst.fields.get('Version')}).\n`);
        continue;
      }
      const p = archive?.get(name) ?? archive?.providers(name)[0];
      if (!p) missing.push(raw);
      else requested.push(p);
    }
    if (missing.length > 0) {
      for (const m of missing) await this.err(`E: Unable to locate package ${m}\n`);
      return 100;
    }
    for (const l of already) await say(l);
    const plan = resolve(archive, requested, have, opts.recommends);
    const requestedNames = new Set(requested.map((p) => p.name));
    const sorted = [...plan.order].sort((a, b) => (a.name < b.name ? -1 : 1));
    const extra = sorted.filter((p) => !requestedNames.has(p.name));
    if (extra.length > 0) await say(`The following additional packages will be installed:\n${aptList(extra.map((p) => p.name))}`);
    if (plan.suggested.length > 0) await say(`Suggested packages:\n${aptList(plan.suggested)}`);
    if (sorted.length > 0) await say(`The following NEW packages will be installed:\n${aptList(sorted.map((p) => p.name))}`);
    await say(`0 upgraded, ${sorted.length} newly installed, 0 to remove and 0 not upgraded.\n`);
    if (sorted.length === 0) return 0;
    const download = sorted.reduce((a, p) => a + p.size, 0);
    const disk = sorted.reduce((a, p) => a + p.installedSize, 0) * 1024;
    await say(`Need to get ${this.size(download)}B of archives.\n`);
    await say(`After this operation, ${this.size(disk)}B of additional disk space will be used.\n`);
    if (!opts.yes && opts.quiet < 2 && !(await this.confirm())) return 1;
    // apt unpacks and configures what was asked for after everything it pulled in.
    const order = [...plan.order.filter((p) => !requestedNames.has(p.name)), ...plan.order.filter((p) => requestedNames.has(p.name))];
    const mirror = (suite: DebPackage['suite']) => aptMirror(this.fs, suite);
    for (const [i, p] of order.entries()) await say(`Get:${i + 1} ${mirror(p.suite)} amd64 ${p.name} ${p.arch} ${p.version} [${this.size(p.size)}B]\n`);
    if (!exists(this.fs, '/usr/bin/apt-extracttemplates') || !exists(this.fs, '/usr/lib/apt/apt-utils')) await this.err('debconf: delaying package configuration, since apt-utils is not installed\n');
    await say(`Fetched ${this.size(download)}B in ${aptTime(download / DOWNLOAD_RATE)} (${this.size(DOWNLOAD_RATE)}B/s)\n`);
    const catalog = this.ctx.sys.service(PACKAGE_CATALOG)!;
    const width = String(order.length - 1).length;
    let first = true;
    for (const [i, p] of order.entries()) {
      await this.ctx.checkpoint();
      await this.print(`Selecting previously unselected package ${displayName(p)}.\n`);
      if (first) {
        await this.print(`(Reading database ... ${db.databaseCount()} files and directories currently installed.)\n`);
        first = false;
      }
      const file = order.length > 1 ? `${String(i).padStart(width, '0')}-${debFileName(p)}` : debFileName(p);
      await this.print(`Preparing to unpack .../${file} ...\n`);
      await this.print(`Unpacking ${displayName(p)} (${p.version}) ...\n`);
      const files = p.files ? await catalog.debFiles(p.name) : [];
      const written = unpackFiles(this.fs, files);
      writeText(this.fs, DpkgDb.listPath(p.name, p.multiArch === 'same'), ['/.', ...written].join('\n') + '\n');
    }
    const auto = new Set(order.filter((p) => !requestedNames.has(p.name)).map((p) => p.name));
    for (const p of order) {
      await this.print(`Setting up ${displayName(p)} (${p.version}) ...\n`);
      if (p.control) db.add(p.control);
      runPostinst(this.fs, p.postinst ?? []);
      const msg = POSTINST[p.name];
      if (msg?.stdout) await this.print(msg.stdout);
      if (SERVICES.has(p.name)) await this.err(this.invokeRc('start'));
    }
    db.save();
    this.markAuto(auto, order);
    if (order.some((p) => p.ldconfig)) {
      const libc = db.installed('libc-bin');
      if (libc) await this.print(`Processing triggers for libc-bin (${libc.fields.get('Version')}) ...\n`);
    }
    const ca = order.find((p) => p.name === 'ca-certificates');
    if (ca) await this.print(`Processing triggers for ca-certificates (${ca.version}) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n`);
    return 0;
  }

  private markAuto(auto: ReadonlySet<string>, order: readonly DebPackage[]): void {
    if (auto.size === 0 && !exists(this.fs, EXTENDED)) return;
    const old = readText(this.fs, EXTENDED) ?? '';
    let text = old;
    for (const p of order) if (auto.has(p.name)) text += `Package: ${p.name}\nArchitecture: ${p.arch === 'all' ? 'amd64' : p.arch}\nAuto-Installed: 1\n\n`;
    writeText(this.fs, EXTENDED, text);
  }

  private async confirm(): Promise<boolean> {
    await this.print('Do you want to continue? [Y/n] ');
    const chunk = await this.ctx.stdin.read();
    const answer = chunk === null ? null : new TextDecoder().decode(chunk).trim();
    if (answer === null) {
      await this.print('Abort.\n');
      return false;
    }
    if (answer === '' || /^y/i.test(answer)) return true;
    await this.print('Abort.\n');
    return false;
  }

  async remove(names: readonly string[], opts: Opts): Promise<number> {
    if (!this.root()) {
      await this.err('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
      return 100;
    }
    if (!(await this.sourcesReadable())) return 100;
    const db = new DpkgDb(this.fs);
    const archive = await this.archive();
    await this.header(true);
    const targets: string[] = [];
    for (const n of names) {
      if (db.installed(n)) targets.push(n);
      else if (archive?.get(n)) await this.print(`Package '${n}' is not installed, so not removed\n`);
      else {
        await this.err(`E: Unable to locate package ${n}\n`);
        return 100;
      }
    }
    const unneeded = this.autoremovable(db, new Set(targets));
    if (unneeded.length > 0) await this.print(`The following packages were automatically installed and are no longer required:\n${aptList(unneeded)}Use 'apt autoremove' to remove them.\n`);
    const star = opts.purge ? '*' : '';
    if (targets.length > 0) await this.print(`The following packages will be REMOVED:\n${aptList([...targets].sort().map((t) => `${t}${star}`))}`);
    await this.print(`0 upgraded, 0 newly installed, ${targets.length} to remove and 0 not upgraded.\n`);
    if (targets.length === 0) return 0;
    const freed = targets.reduce((a, t) => a + Number(db.installed(t)!.fields.get('Installed-Size') ?? 0), 0) * 1024;
    await this.print(`After this operation, ${this.size(freed)}B disk space will be freed.\n`);
    if (!opts.yes && !(await this.confirm())) return 1;
    await this.print(`(Reading database ... ${db.databaseCount()} files and directories currently installed.)\n`);
    for (const t of targets) {
      const st = db.installed(t)!;
      await this.print(`Removing ${t} (${st.fields.get('Version')}) ...\n`);
      if (SERVICES.has(t)) await this.err(this.invokeRc('stop'));
      const multi = st.fields.get('Multi-Arch') === 'same';
      const listFile = DpkgDb.listPath(t, multi);
      const paths = (readText(this.fs, listFile) ?? '').split('\n').filter((l) => l !== '' && l !== '/.');
      // remove keeps conffiles (under /etc); purge removes them too.
      removePaths(this.fs, opts.purge ? paths : paths.filter((p) => !p.startsWith('/etc/')));
      removePaths(this.fs, [listFile]);
      db.remove(t);
    }
    if (opts.purge) {
      await this.print(`(Reading database ... ${db.databaseCount()} files and directories currently installed.)\n`);
      for (const t of targets) {
        await this.print(`Purging configuration files for ${t} (${versionOf(archive, t)}) ...\n`);
        for (const path of archive?.get(t)?.purge ?? []) removeTree(this.fs, path);
      }
    }
    db.save();
    return 0;
  }

  /**
   * Packages apt marked Auto-Installed that no manually installed package (other than `removing`) needs any more
   * through Pre-Depends, Depends or Recommends.
   */
  private autoremovable(db: DpkgDb, removing: ReadonlySet<string>): string[] {
    const auto = new Set([...(readText(this.fs, EXTENDED) ?? '').matchAll(/^Package: (\S+)\nArchitecture: \S+\nAuto-Installed: 1$/gm)].map((m) => m[1]!));
    const installed = db.stanzas.filter((s) => (s.fields.get('Status') ?? '').endsWith(' installed') && !removing.has(s.name));
    const byName = new Map(installed.map((s) => [s.name, s]));
    const providers = new Map<string, string[]>();
    for (const s of installed)
      for (const v of parseDepends(s.fields.get('Provides'))) for (const n of v) providers.set(n, [...(providers.get(n) ?? []), s.name]);
    const needed = new Set<string>();
    const visit = (name: string) => {
      if (needed.has(name) || !byName.has(name)) return;
      needed.add(name);
      const s = byName.get(name)!;
      for (const g of [...parseDepends(s.fields.get('Pre-Depends')), ...parseDepends(s.fields.get('Depends')), ...parseDepends(s.fields.get('Recommends'))]) {
        const hit = g.flatMap((a) => (byName.has(a) ? [a] : (providers.get(a) ?? [])))[0];
        if (hit) visit(hit);
      }
    };
    for (const s of installed) if (!auto.has(s.name)) visit(s.name);
    return installed.filter((s) => auto.has(s.name) && !needed.has(s.name)).map((s) => s.name).sort();
  }

  async clean(): Promise<number> {
    if (!this.root()) {
      await this.err('E: Could not open lock file /var/cache/apt/archives/lock - open (13: Permission denied)\nE: Unable to lock directory /var/cache/apt/archives/\n');
      return 100;
    }
    // Downloaded .debs and apt's binary caches go; the lists stay (that is `rm -rf /var/lib/apt/lists/*`'s job).
    try {
      for (const n of this.fs.readdir(ARCHIVES)) if (n.endsWith('.deb')) this.fs.unlink(`${ARCHIVES}/${n}`);
    } catch {
      /* no archive directory */
    }
    removePaths(this.fs, PKGCACHE.filter((p) => exists(this.fs, p)));
    return 0;
  }
}

function versionOf(archive: DebArchive | undefined, name: string): string {
  return archive?.get(name)?.version ?? '';
}

/** `rm -rf path` (a symlink is removed, not followed). */
function removeTree(fs: FsClient, path: string): void {
  let st;
  try {
    st = fs.lstat(path);
  } catch {
    return;
  }
  if (st.type === 'dir') {
    for (const n of fs.readdir(path)) removeTree(fs, `${path}/${n}`);
    fs.rmdir(path);
  } else fs.unlink(path);
}

/** A package's postinst effects (format.ts PostinstOp), applied as its script would on a fresh install. */
export function runPostinst(fs: FsClient, ops: readonly PostinstOp[]): void {
  for (const o of ops) {
    switch (o.op) {
      case 'dir':
        mkdirs(fs, o.path);
        if (o.mode !== undefined) fs.chmod(o.path, o.mode);
        if (o.uid !== undefined) fs.chown(o.path, o.uid, o.gid ?? 0);
        break;
      case 'file':
        if (!exists(fs, o.path)) {
          mkdirs(fs, o.path.slice(0, o.path.lastIndexOf('/')) || '/');
          fs.writeFile(o.path, new Uint8Array(0), { mode: o.mode });
        }
        fs.chmod(o.path, o.mode);
        fs.chown(o.path, o.uid, o.gid);
        break;
      case 'symlink':
        // The scripts test `-e` (which follows links) and the directory the link goes in.
        if (!exists(fs, o.path) && exists(fs, o.path.slice(0, o.path.lastIndexOf('/')) || '/')) fs.symlink(o.target, o.path);
        break;
      case 'copy':
        if (!exists(fs, o.path) && exists(fs, o.from)) {
          mkdirs(fs, o.path.slice(0, o.path.lastIndexOf('/')) || '/');
          fs.writeFile(o.path, fs.readFile(o.from), { mode: 0o644 });
        }
        break;
    }
  }
}

/** Synthetic bytes of `size` (the list files are big and nobody reads them). */
function writeSynthetic(ctx: ProcessContext, path: string, size: number): void {
  unpackFiles(ctx.fs, [{ path, type: 'file', mode: 0o644, content: { kind: 'synthetic', size, seed: size } }]);
}

export interface Plan {
  /** Unpack (and download) order: dependencies before their dependents, Recommends after the requested packages. */
  readonly order: DebPackage[];
  readonly suggested: string[];
}

/**
 * apt's choices for the cases the catalog holds: every unsatisfied Pre-Depends/Depends group takes its first
 * alternative the archive has (a real package or a provider), then the Recommends of everything chosen. apt's
 * own ordering (pkgOrderList) is not reproduced: packages come depth-first, dependencies first.
 */
export function resolve(archive: DebArchive | undefined, requested: readonly DebPackage[], have: ReadonlySet<string>, recommends: boolean): Plan {
  const order: DebPackage[] = [];
  const chosen = new Set<string>();
  const satisfied = (alts: readonly string[]) => alts.some((a) => have.has(a) || chosen.has(a) || order.some((p) => (p.provides ?? '').split(',').some((v) => v.trim().split(/[\s(]/)[0] === a)));
  const pick = (alts: readonly string[]): DebPackage | undefined => {
    for (const a of alts) {
      const p = archive?.get(a) ?? archive?.providers(a)[0];
      if (p) return p;
    }
    return undefined;
  };
  const later: DebPackage[] = [];
  const visit = (p: DebPackage) => {
    if (chosen.has(p.name) || have.has(p.name)) return;
    chosen.add(p.name);
    for (const g of [...parseDepends(p.preDepends), ...parseDepends(p.depends)]) {
      if (satisfied(g)) continue;
      const dep = pick(g);
      if (dep) visit(dep);
    }
    order.push(p);
    later.push(p);
  };
  for (const p of requested) visit(p);
  if (recommends) {
    for (let i = 0; i < later.length; i++) {
      for (const g of parseDepends(later[i]!.recommends)) {
        if (satisfied(g)) continue;
        const dep = pick(g);
        if (dep) visit(dep);
      }
    }
  }
  const suggested: string[] = [];
  // apt lists them walking the new packages by name.
  for (const p of [...order].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const field of [...(recommends ? [] : [p.recommends]), p.suggests]) {
      if (!field) continue;
      for (const g of field.split(',')) {
        const alts = g.split('|').map((a) => a.trim().split(/[\s(]/)[0]!);
        if (alts.some((a) => have.has(a.replace(/:any$/, '')) || chosen.has(a.replace(/:any$/, '')))) continue;
        const text = alts.join(' | ');
        if (!suggested.includes(text)) suggested.push(text);
      }
    }
  }
  return { order, suggested };
}

export const aptGet: Program = (ctx) => new Apt(ctx, 'apt-get').run(ctx.argv.slice(1));
export const apt: Program = (ctx) => new Apt(ctx, 'apt').run(ctx.argv.slice(1));

