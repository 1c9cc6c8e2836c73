/**
 * `yum` 3.4.3 as CentOS 7 runs it in a container (plugins fastestmirror and ovl): install, remove/erase, clean,
 * update/upgrade, makecache, over the el7 table of the package catalog. Output is yum's non-terminal form (what
 * `docker build` shows): dependency resolution, the transaction table, the GPG key import of a fresh image, the rpm
 * callback lines and the Installed lists. Files land in the container; yum's own records (yumdb, yum.log, the
 * metadata cache in /var/cache/yum) are written as yum writes them, so `rpm -q`, `docker diff` and layer sizes
 * see them. CentOS 6's mirrors are gone, and its yum says so. See content/packages/APPROXIMATIONS.md.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG, type RpmArchive } from '../../../engine/packages/PackageCatalog';
import type { RpmPackage } from '../../../engine/packages/format';
import { DOWNLOAD_RATE, exists, mkdirs, readText, removePaths, unpackFiles, writeText } from './common';
import { commitInstall, commitRemove, elDist, evr, installedRpms, nvra, resolveInstall, type Installed } from './rpmdb';
import { readRepos } from './yumRepos';
import { packageTable, postList, rpmLine, WIDTH, yumSize, yumTime } from './yumFormat';

const LOG = '/var/log/yum.log';
const EPEL_REPO = '/etc/yum.repos.d/epel.repo';
const RULE = '='.repeat(WIDTH);

/** The mirror fastestmirror settles on for each repository (CentOS 7 lives on the vault now). */
const MIRRORS: Readonly<Record<string, string>> = { base: 'vault.centos.org', extras: 'vault.centos.org', updates: 'vault.centos.org', epel: 'mirrors.kernel.org' };

interface Key {
  readonly id: string;
  readonly file: string;
  readonly userid: string;
  readonly fingerprint: string;
  readonly owner: string;
}
/** The signing keys of the repositories (what yum imports on first use). */
const KEYS: Readonly<Record<string, Key>> = {
  centos: {
    id: 'F4A80EB5',
    file: '/etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7',
    userid: 'CentOS-7 Key (CentOS 7 Official Signing Key) <security@centos.org>',
    fingerprint: '6341 ab27 53d7 8a78 a7c2 7bb1 4b1f 2d0e f4a8 0eb5',
    owner: 'centos-release-7-9.2009.0.el7.centos.x86_64 (@CentOS)',
  },
  epel: {
    id: '352C64E5',
    file: '/etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7',
    userid: 'Fedora EPEL (7) <epel@fedoraproject.org>',
    fingerprint: '91e9 7d7c 4a5e 96f1 7f3e 888f 6a2f aea2 352c 64e5',
    owner: 'epel-release-7-11.noarch (@extras)',
  },
};
const keyOf = (repo: string): Key => KEYS[repo === 'epel' ? 'epel' : 'centos']!;

const EPEL_REPO_TEXT =
  '[epel]\nname=Extra Packages for Enterprise Linux 7 - $basearch\n#baseurl=http://download.fedoraproject.org/pub/epel/7/$basearch\nmetalink=https://mirrors.fedoraproject.org/metalink?repo=epel-7&arch=$basearch\nfailovermethod=priority\nenabled=1\ngpgcheck=1\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7\n\n' +
  '[epel-debuginfo]\nname=Extra Packages for Enterprise Linux 7 - $basearch - Debug\n#baseurl=http://download.fedoraproject.org/pub/epel/7/$basearch/debug\nmetalink=https://mirrors.fedoraproject.org/metalink?repo=epel-debug-7&arch=$basearch\nfailovermethod=priority\nenabled=0\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7\ngpgcheck=1\n\n' +
  '[epel-source]\nname=Extra Packages for Enterprise Linux 7 - $basearch - Source\n#baseurl=http://download.fedoraproject.org/pub/epel/7/SRPMS\nmetalink=https://mirrors.fedoraproject.org/metalink?repo=epel-source-7&arch=$basearch\nfailovermethod=priority\nenabled=0\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7\ngpgcheck=1\n';

/** yum's name for the image's own packages' origin (`@CentOS` in its tables). */
const IMAGE_REPO = 'CentOS';
const installedFrom = (i: Installed): string => (i.base ? IMAGE_REPO : i.repo);

interface Opts {
  yes: boolean;
  quiet: boolean;
}

class Yum {
  /** Oracle Linux 7 (mysql:5.7's 7-slim): yum with only the ovl plugin, baseurl repositories, releasever 7Server. */
  private readonly oracle: boolean;
  constructor(private readonly ctx: ProcessContext) {
    this.oracle = exists(ctx.fs, '/etc/oracle-release');
  }

  private get head(): string {
    return this.oracle ? 'Loaded plugins: ovl\n' : 'Loaded plugins: fastestmirror, ovl\n';
  }

  /** The repository a table row comes from here: Oracle Linux serves CentOS's base/updates/extras rows from ol7_latest. */
  private repoOf(p: RpmPackage): string {
    return this.oracle && p.repo !== 'epel' ? 'ol7_latest' : p.repo;
  }

  private get fs() {
    return this.ctx.fs;
  }
  private out(s: string): Promise<void> {
    return this.ctx.stdout.write(s);
  }
  private err(s: string): Promise<void> {
    return this.ctx.stderr.write(s);
  }

  private cacheDir(archive: RpmArchive): string {
    return `/var/cache/yum/x86_64/${this.oracle ? '7Server' : archive.index.releasever}`;
  }

  /** Repositories enabled in /etc/yum.repos.d (CentOS: the table's, epel once epel-release wrote its file). */
  private repos(archive: RpmArchive): Array<{ readonly id: string; readonly name: string; readonly baseurl: string; readonly cacheSize: number }> {
    if (this.oracle) {
      const cs = (id: string) => archive.index.repos.find((r) => r.id === id)?.cacheSize ?? 0;
      return readRepos(this.fs, '7Server')
        .filter((r) => r.enabled)
        .map((r) => ({ id: r.id, name: r.name, baseurl: r.baseurl, cacheSize: r.id === 'ol7_latest' ? cs('base') + cs('updates') + cs('extras') : 90_000 }));
    }
    return archive.index.repos.filter((r) => r.id !== 'epel' || exists(this.fs, EPEL_REPO)).map((r) => ({ id: r.id, name: r.name, baseurl: '', cacheSize: r.cacheSize }));
  }

  async run(args: readonly string[]): Promise<number> {
    const opts: Opts = { yes: false, quiet: false };
    const words: string[] = [];
    for (const a of args) {
      if (a === '-y' || a === '--assumeyes') opts.yes = true;
      else if (a === '-q' || a === '--quiet') opts.quiet = true;
      else if (a === '-yq' || a === '-qy') opts.yes = opts.quiet = true;
      else if (a.startsWith('--setopt=') || a.startsWith('--enablerepo=') || a.startsWith('--disablerepo=') || a === '--nogpgcheck' || a === '-e0' || a === '--skip-broken') continue;
      else if (a === '-h' || a === '--help') {
        await this.out(`${this.head}Usage: yum [options] COMMAND\n`);
        return 0;
      } else if (a.startsWith('-')) {
        await this.err(`Usage: yum [options] COMMAND\n\nyum: error: no such option: ${a}\n`);
        return 1;
      } else words.push(a);
    }
    const [cmd, ...names] = words;
    if (cmd === undefined) {
      await this.out(this.head);
      await this.err('You need to give some command\n');
      return 1;
    }
    const dist = elDist(this.ctx);
    const catalog = this.ctx.sys.service(PACKAGE_CATALOG);
    const known = ['install', 'remove', 'erase', 'clean', 'update', 'upgrade', 'makecache'];
    if (!known.includes(cmd)) {
      await this.out(this.head);
      await this.err(`No such command: ${cmd}. Please use /usr/bin/yum --help\n`);
      return 1;
    }
    if (this.ctx.cred.uid !== 0 && cmd !== 'clean') {
      await this.out(this.head);
      await this.err('You need to be root to perform this command.\n');
      return 1;
    }
    if (this.oracle && !catalog) return this.unreachableBaseurl();
    if (dist !== 'el7' || !catalog) return this.unreachable(dist ?? 'el7', !catalog);
    const archive = await catalog.rpm('el7');
    await this.out(this.head);
    switch (cmd) {
      case 'clean':
        return this.clean(archive, names);
      case 'remove':
      case 'erase':
        return this.remove(archive, names, opts);
      default:
        break;
    }
    await this.mirrors(archive);
    if (cmd === 'makecache') {
      await this.out('Metadata Cache Created\n');
      return 0;
    }
    if (cmd === 'update' || cmd === 'upgrade') {
      // The catalog holds one build per package and the image's are current: nothing to update.
      await this.out('No packages marked for update\n');
      return 0;
    }
    return this.install(archive, names, opts);
  }

  /**
   * No catalog (the mirrors cannot be reached), or a release whose mirrors are gone (CentOS 6: mirrorlist.centos.org
   * answers that the release/repo combination is invalid).
   */
  private async unreachable(dist: string, offline: boolean): Promise<number> {
    await this.out(this.head);
    if (dist === 'el6' && !offline) {
      await this.out('Setting up Install Process\nDetermining fastest mirrors\n');
      await this.err('YumRepo Error: All mirror URLs are not using ftp, http[s] or file.\n Eg. Invalid release/repo/arch combination/\nremoving mirrorlist with no valid mirrors: /var/cache/yum/x86_64/6/base/mirrorlist.txt\nError: Cannot find a valid baseurl for repo: base\n');
      return 1;
    }
    const rel = dist.slice(2);
    await this.out('Determining fastest mirrors\n');
    await this.err(
      `Could not retrieve mirrorlist http://mirrorlist.centos.org/?release=${rel}&arch=x86_64&repo=os&infra=container error was\n14: curl#6 - "Could not resolve host: mirrorlist.centos.org; Unknown error"\n` +
        repoFailed('Unknown', '<repoid>') +
        `Cannot find a valid baseurl for repo: base/${rel}/x86_64\n`,
    );
    return 1;
  }

  /** Oracle Linux without the archives: the first repository's (by id) repomd.xml cannot be fetched from its baseurl. */
  private async unreachableBaseurl(): Promise<number> {
    await this.out(this.head);
    const first = readRepos(this.fs, '7Server').filter((r) => r.enabled)[0];
    if (!first) {
      await this.err('There are no enabled repos.\n');
      return 1;
    }
    const url = `${first.baseurl.replace(/\/?$/, '/')}repodata/repomd.xml`;
    const host = /^\w+:\/\/([^/:]+)/.exec(url)?.[1] ?? '';
    const curl = `${url}: [Errno 14] curl#6 - "Could not resolve host: ${host}; Unknown error"\n`;
    await this.err(`${curl}Trying other mirror.\n${repoFailed(first.name, first.id)}failure: repodata/repomd.xml from ${first.id}: [Errno 256] No more mirrors to try.\n${curl}`);
    return 1;
  }

  /**
   * fastestmirror's lines (CentOS; Oracle Linux has no mirrorlists and no fastestmirror plugin, and yum is silent
   * about metadata downloads without a terminal); the first run fetches each repository's metadata.
   */
  private async mirrors(archive: RpmArchive): Promise<void> {
    const dir = this.cacheDir(archive);
    const hosts = `${dir}/timedhosts.txt`;
    const repos = this.repos(archive);
    if (!this.oracle) {
      const fresh = !exists(this.fs, hosts);
      await this.out(fresh ? 'Determining fastest mirrors\n' : 'Loading mirror speeds from cached hostfile\n');
      for (const r of [...repos].sort((a, b) => (a.id < b.id ? -1 : 1))) await this.out(` * ${r.id}: ${MIRRORS[r.id] ?? 'vault.centos.org'}\n`);
      writeText(this.fs, hosts, [...new Set(repos.map((r) => MIRRORS[r.id] ?? 'vault.centos.org'))].map((h, i) => `${h} ${(0.05 + i * 0.01).toFixed(2)}\n`).join(''));
    }
    for (const r of repos) {
      const meta = `${dir}/${r.id}/gen/primary_db.sqlite`;
      if (exists(this.fs, meta)) continue;
      mkdirs(this.fs, `${dir}/${r.id}/packages`);
      unpackFiles(this.fs, [
        { path: `${dir}/${r.id}/repomd.xml`, type: 'file', mode: 0o644, content: { kind: 'synthetic', size: 3_736, seed: 7 } },
        { path: meta, type: 'file', mode: 0o644, content: { kind: 'synthetic', size: r.cacheSize, seed: r.cacheSize } },
      ]);
    }
  }

  async install(archive: RpmArchive, names: readonly string[], opts: Opts): Promise<number> {
    const installed = installedRpms(this.ctx, archive);
    const enabled = new Set(this.repos(archive).map((r) => r.id));
    const requested: RpmPackage[] = [];
    let missing = false;
    for (const n of names) {
      const have = installed.get(n);
      if (have) {
        await this.out(`Package ${have.pkg.epoch ? `${have.pkg.epoch}:` : ''}${nvra(have.pkg)} already installed and latest version\n`);
        continue;
      }
      const p = archive.get(n);
      if (!p || !enabled.has(this.repoOf(p))) {
        await this.out(`No package ${n} available.\n`);
        missing = true;
        continue;
      }
      if (!requested.includes(p)) requested.push(p);
    }
    if (requested.length === 0) {
      if (missing) {
        await this.err('Error: Nothing to do\n');
        return 1;
      }
      await this.out('Nothing to do\n');
      return 0;
    }
    // Dependency resolution: one "transaction check" round per level of requirements, as yum's depsolver goes.
    await this.out('Resolving Dependencies\n');
    const { rounds, order } = resolveInstall(archive, installed, requested);
    for (const round of rounds) {
      await this.out('--> Running transaction check\n');
      for (const p of round.pkgs) await this.out(`---> Package ${p.name}.${p.arch} ${p.epoch ?? 0}:${p.version}-${p.release} will be installed\n`);
      for (const e of round.edges) await this.out(`--> Processing Dependency: ${e.dep} for package: ${e.of.epoch ? `${e.of.epoch}:` : ''}${nvra(e.of)}\n`);
    }
    await this.out('--> Finished Dependency Resolution\n\nDependencies Resolved\n');
    const byName = (a: RpmPackage, b: RpmPackage) => (a.name < b.name ? -1 : 1);
    const asked = [...requested].sort(byName);
    const deps = order.filter((p) => !requested.includes(p)).sort(byName);
    await this.out(this.table([['Installing', asked], ['Installing for dependencies', deps]]));
    const summary = deps.length > 0 ? `Install  ${asked.length} Package${asked.length === 1 ? '' : 's'} (+${deps.length} Dependent package${deps.length === 1 ? '' : 's'})` : `Install  ${asked.length} Package${asked.length === 1 ? '' : 's'}`;
    await this.out(`\nTransaction Summary\n${RULE}\n${summary}\n\n`);
    const all = [...asked, ...deps];
    const download = all.reduce((a, p) => a + p.size, 0);
    const disk = all.reduce((a, p) => a + p.installedSize, 0);
    await this.out(`Total download size: ${yumSize(download, true)}\nInstalled size: ${yumSize(disk, true)}\n`);
    if (!opts.yes) {
      await this.out('Is this ok [y/d/N]: ');
      const chunk = await this.ctx.stdin.read();
      const answer = chunk === null ? '' : new TextDecoder().decode(chunk).trim();
      if (!/^y(es)?$/i.test(answer)) {
        await this.out(`Exiting on user command\n${this.saveTransaction()}`);
        return 1;
      }
    }
    await this.out('Downloading packages:\n');
    await this.out('Delta RPMs disabled because /usr/bin/applydeltarpm not installed.\n');
    // rpm checks signatures as packages arrive: the first package of a repository whose key the rpmdb lacks.
    const keys: Key[] = [];
    // Oracle Linux's image already holds Oracle's key (assumed, see APPROXIMATIONS.md): no import.
    for (const p of this.oracle ? [] : all) {
      const k = keyOf(p.repo);
      if (keys.includes(k) || this.keyImported(installed, k)) continue;
      keys.push(k);
      await this.err(`warning: ${this.cacheDir(archive)}/${p.repo}/packages/${nvra(p)}.rpm: Header V3 RSA/SHA256 Signature, key ID ${k.id.toLowerCase()}: NOKEY\n`);
      await this.out(`Public key for ${nvra(p)}.rpm is not installed\n`);
    }
    if (all.length > 1) {
      const secs = download / DOWNLOAD_RATE;
      const tail = ` ${yumSize(download / Math.max(secs, 0.01)).padStart(5)}B/s | ${yumSize(download, true).padStart(5)}B ${yumTime(secs).padStart(9)}     `;
      await this.out(`${'-'.repeat(WIDTH)}\n${'Total'.padEnd(WIDTH - tail.length)}${tail}\n`);
    }
    for (const k of keys) {
      await this.out(`Retrieving key from file://${k.file}\n`);
      await this.out(`Importing GPG key 0x${k.id}:\n Userid     : "${k.userid}"\n Fingerprint: ${k.fingerprint}\n Package    : ${k.owner}\n From       : ${k.file}\n`);
    }
    await this.out('Running transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n');
    const stamp = syslogTime(this.ctx.sys.clock.now());
    let log = readText(this.fs, LOG) ?? '';
    for (const [i, p] of order.entries()) {
      await this.ctx.checkpoint();
      await this.out(rpmLine('Installing', `${p.epoch ? `${p.epoch}:` : ''}${nvra(p)}`, i + 1, order.length));
      commitInstall(this.ctx, archive, p, { commandLine: `install ${names.join(' ')}`.replace(/\s+$/, ''), reason: requested.includes(p) ? 'user' : 'dep', repo: this.repoOf(p) });
      if (p.name === 'epel-release') writeText(this.fs, EPEL_REPO, EPEL_REPO_TEXT);
      log += `${stamp} Installed: ${p.epoch ? `${p.epoch}:` : ''}${nvra(p)}\n`;
    }
    writeText(this.fs, LOG, log, 0o600);
    for (const [i, p] of order.entries()) await this.out(rpmLine('Verifying', `${p.epoch ? `${p.epoch}:` : ''}${nvra(p)}`, i + 1, order.length));
    const label = (p: RpmPackage) => `${p.name}.${p.arch} ${p.epoch ?? 0}:${p.version}-${p.release}`;
    await this.out(`${postList('Installed', asked.map(label))}${postList('Dependency Installed', deps.map(label))}\nComplete!\n`);
    return 0;
  }

  /** The rpmdb holds the key once a package signed with it was installed (yum imported it then). */
  private keyImported(installed: ReadonlyMap<string, Installed>, k: Key): boolean {
    return [...installed.values()].some((i) => !i.base && keyOf(i.repo) === k);
  }

  private table(sections: ReadonlyArray<readonly [string, readonly RpmPackage[]]>): string {
    return `\n${packageTable(sections.map(([title, list]) => [title, list.map((p) => ({ name: p.name, arch: p.arch, evr: evr(p), repo: p.repo.startsWith('@') ? p.repo : this.repoOf(p), size: yumSize(p.size) }))]))}`;
  }

  /**
   * yum 3.4.3 saves a declined transaction (mkstemp in /tmp) and says how to rerun it. The file's text (yum's
   * saved-transaction format) is not reproduced: it holds synthetic bytes of a typical size.
   */
  private saveTransaction(): string {
    const d = new Date(this.ctx.sys.clock.now());
    const p = (x: number) => String(x).padStart(2, '0');
    let rand = '';
    for (let i = 0; i < 6; i++) rand += TEMP_CHARS[this.ctx.sys.random.int(TEMP_CHARS.length)];
    const path = `/tmp/yum_save_tx.${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}.${p(d.getUTCHours())}-${p(d.getUTCMinutes())}.${rand}.yumtx`;
    unpackFiles(this.fs, [{ path, type: 'file', mode: 0o600, content: { kind: 'synthetic', size: 2_048, seed: rand.length } }]);
    return `Your transaction was saved, rerun it with:\n yum load-transaction ${path}\n`;
  }

  async remove(archive: RpmArchive, names: readonly string[], opts: Opts): Promise<number> {
    const installed = installedRpms(this.ctx, archive);
    const targets: RpmPackage[] = [];
    for (const n of names) {
      const have = installed.get(n);
      if (!have) await this.out(`No Match for argument: ${n}\n`);
      else if (have.base) {
        // The image's own packages hold the system together (yum, rpm, bash): protected here.
        await this.err(`Error: Trying to remove "${n}", which is protected\n`);
        return 1;
      } else targets.push(have.pkg);
    }
    if (targets.length === 0) {
      await this.out('No Packages marked for removal\n');
      return 0;
    }
    await this.out('Resolving Dependencies\n--> Running transaction check\n');
    for (const p of targets) await this.out(`---> Package ${p.name}.${p.arch} ${p.epoch ?? 0}:${p.version}-${p.release} will be erased\n`);
    await this.out('--> Finished Dependency Resolution\n\nDependencies Resolved\n');
    const sorted = [...targets].sort((a, b) => (a.name < b.name ? -1 : 1));
    const withRepo = sorted.map((p) => ({ ...p, repo: `@${installedFrom(installed.get(p.name)!)}`, size: p.installedSize }));
    await this.out(this.table([['Removing', withRepo]]));
    await this.out(`\nTransaction Summary\n${RULE}\nRemove  ${sorted.length} Package${sorted.length === 1 ? '' : 's'}\n\nInstalled size: ${yumSize(sorted.reduce((a, p) => a + p.installedSize, 0), true)}\n`);
    if (!opts.yes) {
      await this.out('Is this ok [y/N]: ');
      const chunk = await this.ctx.stdin.read();
      const answer = chunk === null ? '' : new TextDecoder().decode(chunk).trim();
      if (!/^y(es)?$/i.test(answer)) {
        await this.out(`Exiting on user command\n${this.saveTransaction()}`);
        return 1;
      }
    }
    await this.out('Downloading packages:\nRunning transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n');
    for (const [i, p] of sorted.entries()) {
      await this.out(rpmLine('Erasing', `${p.epoch ? `${p.epoch}:` : ''}${nvra(p)}`, i + 1, sorted.length));
      commitRemove(this.ctx, archive, p);
      if (p.name === 'epel-release') removePaths(this.fs, [EPEL_REPO]);
    }
    for (const [i, p] of sorted.entries()) await this.out(rpmLine('Verifying', `${p.epoch ? `${p.epoch}:` : ''}${nvra(p)}`, i + 1, sorted.length));
    await this.out(`${postList('Removed', sorted.map((p) => `${p.name}.${p.arch} ${p.epoch ?? 0}:${p.version}-${p.release}`))}\nComplete!\n`);
    return 0;
  }

  async clean(archive: RpmArchive, what: readonly string[]): Promise<number> {
    if (what.length === 0) {
      await this.err('Error: clean requires an option: headers, packages, metadata, dbcache, plugins, expire-cache, rpmdb, all\n');
      return 1;
    }
    const ids = this.repos(archive).map((r) => r.id);
    await this.out(`Cleaning repos: ${ids.join(' ')}\n`);
    const dir = this.cacheDir(archive);
    if (what.includes('all') || what.includes('metadata')) {
      for (const id of ids) {
        const files = [`${dir}/${id}/repomd.xml`, `${dir}/${id}/gen/primary_db.sqlite`].filter((f) => exists(this.fs, f));
        removePaths(this.fs, files);
      }
    }
    if (what.includes('all') && !this.oracle) {
      removePaths(this.fs, [`${dir}/timedhosts.txt`].filter((f) => exists(this.fs, f)));
      await this.out('Cleaning up list of fastest mirrors\n');
    }
    return 0;
  }
}

/** yum 3.4.3's advice when a repository fails; `repoid` is `<repoid>` when yum does not know which one. */
function repoFailed(name: string, repoid: string): string {
  return (
    `\n\n One of the configured repositories failed (${name}),\n and yum doesn't have enough cached data to continue. At this point the only\n safe thing yum can do is fail. There are a few ways to work "fix" this:\n\n` +
    `     1. Contact the upstream for the repository and get them to fix the problem.\n\n     2. Reconfigure the baseurl/etc. for the repository, to point to a working\n        upstream. This is most often useful if you are using a newer\n        distribution release than is supported by the repository (and the\n        packages for the previous distribution release still work).\n\n` +
    `     3. Run the command with the repository temporarily disabled\n            yum --disablerepo=${repoid} ...\n\n     4. Disable the repository permanently, so yum won't use it by default. Yum\n        will then just ignore the repository until you permanently enable it\n        again or use --enablerepo for temporary usage:\n\n            yum-config-manager --disable ${repoid}\n        or\n            subscription-manager repos --disable=${repoid}\n\n` +
    `     5. Configure the failing repository to be skipped, if it is unavailable.\n        Note that yum will try to contact the repo. when it runs most commands,\n        so will have to try and fail each time (and thus. yum will be be much\n        slower). If it is a very temporary problem though, this is often a nice\n        compromise:\n\n            yum-config-manager --save --setopt=${repoid}.skip_if_unavailable=true\n\n`
  );
}

/** Python 2 tempfile's name characters (mkstemp's six random ones). */
const TEMP_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/** yum.log's time stamp (`Nov 23 10:00:00`, the machine's local time = UTC in containers). */
function syslogTime(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${mon} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export const yum: Program = (ctx) => new Yum(ctx).run(ctx.argv.slice(1));
