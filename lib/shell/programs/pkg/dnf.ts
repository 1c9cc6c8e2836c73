/**
 * `dnf` 4 (Enterprise Linux 8) over the el8 table of the package catalog: install, remove/erase, upgrade/update,
 * clean all, makecache, in dnf's non-terminal form (what `docker build` shows): metadata download lines,
 * `Last metadata expiration check:`, `Dependencies resolved.`, the output.py table (yum's, which dnf inherited),
 * `Transaction Summary`, the download lines and `Total`, the rpm callback lines (`Preparing`, `Installing`,
 * `Verifying`), the Installed/Removed lists and `Complete!`. The rpm database and transaction are yum's and
 * microdnf's (rpmdb.ts). No catalog image ships dnf (mysql:8's Oracle Linux 8-slim has microdnf, centos:7 yum), so
 * only an image with a /usr/bin/dnf binary runs it. See content/packages/APPROXIMATIONS.md.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG, type RpmArchive } from '../../../engine/packages/PackageCatalog';
import type { RpmPackage } from '../../../engine/packages/format';
import { DOWNLOAD_RATE, removePaths, unpackFiles } from './common';
import { commitInstall, commitRemove, elDist, evr, installedRpms, nevra, nvra, resolveInstall, type Installed } from './rpmdb';
import { packageTable, postList, WIDTH, yumSize } from './yumFormat';
import { applyRepoSwitches, readRepos, repoHash, type RepoConf } from './yumRepos';

const CACHE = '/var/cache/dnf';
/** dnf.conf's metadata_expire default (48 hours). */
const EXPIRE_MS = 48 * 3600 * 1000;
/** The widest rpm callback action ("Running scriptlet"), which sets the action column. */
const ACTION_WIDTH = 17;

class DnfError extends Error {}

interface Opts {
  yes: boolean;
  readonly switches: string[];
  readonly words: string[];
}

/** dnf.cli.format.format_time: `MM:SS`. */
const dnfTime = (sec: number) => {
  const s = Math.max(0, Math.floor(sec));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** MultiFileProgressMeter.end's line for a finished download of `size` bytes. */
function downloadLine(text: string, size: number): string {
  const tm = Math.max(size / DOWNLOAD_RATE, 0.001);
  const tail = ` ${yumSize(size / tm).padStart(5)}B/s | ${yumSize(size, true).padStart(5)}B ${dnfTime(tm).padStart(9)}    `;
  const left = WIDTH - tail.length - 1;
  return `${text.slice(0, left).padEnd(left)}${tail}\n`;
}

/** The rpm callback line (output.py _makefmt without a progress bar): `  Installing       : NEVRA   1/4 `. */
export function dnfRpmLine(action: string, pkg: string, done: number, total: number): string {
  const l = String(total).length;
  const overhead = 2 * l + 2 + (2 + ACTION_WIDTH + 2) + 1 + 2 + 1;
  const width = Math.max(WIDTH, overhead) - overhead;
  const pnl = Math.min(22, Math.floor(width / 2));
  const full = pnl + (WIDTH - (overhead + pnl)) + 1;
  const name = pkg.length > full ? pkg.slice(0, full) : pkg.padEnd(full);
  return `  ${action.padEnd(ACTION_WIDTH)}: ${name}   ${String(done).padStart(l)}/${String(total).padStart(l)} \n`;
}

/** time.strftime('%c') in the C locale (`Mon Nov 23 10:00:00 2026`), local time = UTC in containers. */
function cTime(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** Python's str(timedelta(seconds=n)): `0:00:04`, `2 days, 1:00:00`. */
function timedelta(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const days = Math.floor(s / 86400);
  const r = s % 86400;
  const hms = `${Math.floor(r / 3600)}:${String(Math.floor((r % 3600) / 60)).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}`;
  return days > 0 ? `${days} day${days === 1 ? '' : 's'}, ${hms}` : hms;
}

function parse(args: readonly string[]): Opts {
  const opts: Opts = { yes: false, switches: [], words: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-y' || a === '--assumeyes') opts.yes = true;
    else if (a.startsWith('--enablerepo=')) opts.switches.push(`e:${a.slice(13)}`);
    else if (a.startsWith('--disablerepo=')) opts.switches.push(`d:${a.slice(14)}`);
    else if (a === '--enablerepo' || a === '--disablerepo') opts.switches.push(`${a[2]}:${args[++i] ?? ''}`);
    else if (a === '-q' || a === '--quiet' || a === '--nodocs' || a === '--nogpgcheck' || a === '--best' || a === '--nobest' || a === '--refresh' || a.startsWith('--setopt=')) continue;
    else if (a.startsWith('-') && a !== '-') throw new DnfError(`unrecognized arguments: ${a}`);
    else opts.words.push(a);
  }
  return opts;
}

class Dnf {
  constructor(private readonly ctx: ProcessContext) {}

  private out(s: string): Promise<void> {
    return this.ctx.stdout.write(s);
  }

  async run(): Promise<number> {
    let opts: Opts;
    try {
      opts = parse(this.ctx.argv.slice(1));
    } catch (e) {
      if (!(e instanceof DnfError)) throw e;
      // argparse's usage block is long and version-specific; the error line is what scripts see.
      await this.ctx.stderr.write(`dnf: error: ${e.message}\n`);
      return 2;
    }
    const [cmd, ...names] = opts.words;
    const known = ['install', 'remove', 'erase', 'upgrade', 'update', 'clean', 'makecache'];
    if (cmd === undefined || !known.includes(cmd)) {
      await this.ctx.stderr.write(cmd === undefined ? 'dnf: usage is not simulated by layerlab\n' : `No such command: ${cmd}. Please use /usr/bin/dnf --help\nIt could be a DNF plugin command, try: "dnf install 'dnf-command(${cmd})'"\n`);
      return 1;
    }
    if (this.ctx.cred.uid !== 0 && cmd !== 'clean' && cmd !== 'makecache') {
      await this.ctx.stderr.write('Error: This command has to be run with superuser privileges (under the root user on most systems).\n');
      return 1;
    }
    const dist = elDist(this.ctx) ?? 'el8';
    const catalog = this.ctx.sys.service(PACKAGE_CATALOG);
    const repos = applyRepoSwitches(readRepos(this.ctx.fs, dist.slice(2)), opts.switches).filter((r) => r.enabled);
    try {
      if (cmd === 'clean') return await this.clean(names);
      if ((cmd === 'install' || cmd === 'remove' || cmd === 'erase') && names.length === 0) throw new DnfError('Error: Need to pass a list of pkgs to ' + (cmd === 'install' ? 'install' : 'remove'));
      if (!catalog || dist !== 'el8') return await this.offline(repos);
      const archive = await catalog.rpm(dist);
      if (cmd === 'remove' || cmd === 'erase') return await this.remove(archive, names, opts);
      await this.metadata(archive, repos);
      if (cmd === 'makecache') {
        await this.out('Metadata cache created.\n');
        return 0;
      }
      if (cmd === 'install') return await this.install(archive, repos, names, opts);
      await this.out('Dependencies resolved.\nNothing to do.\nComplete!\n');
      return 0;
    } catch (e) {
      if (!(e instanceof DnfError)) throw e;
      await this.ctx.stderr.write(`${e.message}\n`);
      return 1;
    }
  }

  /** No network: the first repository's metadata cannot be downloaded (librepo through dnf's wording). */
  private async offline(repos: readonly RepoConf[]): Promise<number> {
    const first = repos[0];
    if (!first) throw new DnfError('Error: There are no enabled repositories in "/etc/yum.repos.d", "/etc/yum/repos.d", "/etc/distro.repos.d".');
    await this.out(downloadLine(first.name, 0));
    const url = `${first.baseurl.replace(/\/?$/, '/')}repodata/repomd.xml`;
    const host = /^\w+:\/\/([^/:]+)/.exec(url)?.[1] ?? '';
    throw new DnfError(
      `Errors during downloading metadata for repository '${first.id}':\n  - Curl error (6): Couldn't resolve host name for ${url} [Could not resolve host: ${host}]\n` +
        `Error: Failed to download metadata for repo '${first.id}': Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried`,
    );
  }

  /** Repositories whose cache is missing or older than metadata_expire are downloaded again (one line each). */
  private async metadata(archive: RpmArchive, repos: readonly RepoConf[]): Promise<void> {
    const now = this.ctx.sys.clock.now();
    let newest = 0;
    for (const r of repos) {
      const repomd = `${CACHE}/${r.id}-${repoHash(r.baseurl)}/repodata/repomd.xml`;
      let stamp = -1;
      try {
        stamp = this.ctx.fs.stat(repomd).mtimeMs;
      } catch {
        /* not cached yet */
      }
      if (stamp < 0 || now - stamp > EXPIRE_MS) {
        const size = archive.index.repos.find((x) => x.id === r.id)?.cacheSize ?? 90_000;
        await this.out(downloadLine(r.name, size));
        const dir = repomd.slice(0, repomd.lastIndexOf('/'));
        unpackFiles(this.ctx.fs, [
          { path: repomd, type: 'file', mode: 0o644, content: { kind: 'synthetic', size: 4_200, seed: r.id.length } },
          { path: `${dir}/primary.xml.gz`, type: 'file', mode: 0o644, content: { kind: 'synthetic', size, seed: r.id.length + 1 } },
          { path: `${CACHE}/${r.id}.solv`, type: 'file', mode: 0o644, content: { kind: 'synthetic', size: Math.round(size / 6), seed: r.id.length + 2 } },
        ]);
        this.ctx.fs.utimes(repomd, now);
        stamp = now;
      }
      newest = Math.max(newest, stamp);
    }
    if (repos.length > 0) await this.out(`Last metadata expiration check: ${timedelta((now - newest) / 1000)} ago on ${cTime(newest)}.\n`);
  }

  private async confirm(opts: Opts): Promise<void> {
    if (opts.yes) return;
    await this.out('Is this ok [y/N]: ');
    const chunk = await this.ctx.stdin.read();
    const answer = chunk === null ? '' : new TextDecoder().decode(chunk).trim();
    if (!/^y(es)?$/i.test(answer)) throw new DnfError('Operation aborted.');
  }

  private async install(archive: RpmArchive, repos: readonly RepoConf[], names: readonly string[], opts: Opts): Promise<number> {
    const installed = installedRpms(this.ctx, archive);
    const enabled = new Set(repos.map((r) => r.id));
    const requested: RpmPackage[] = [];
    const missing: string[] = [];
    for (const n of names) {
      const have = installed.get(n) ?? [...installed.values()].find((i) => i.pkg.provides?.includes(n));
      if (have) {
        await this.out(`Package ${nevra(have.pkg)} is already installed.\n`);
        continue;
      }
      const p = archive.resolve(n);
      if (!p || !enabled.has(p.repo)) {
        await this.out(`No match for argument: ${n}\n`);
        missing.push(n);
        continue;
      }
      if (!requested.includes(p)) requested.push(p);
    }
    if (missing.length > 0) throw new DnfError(`Error: Unable to find a match: ${missing.join(' ')}`);
    await this.out('Dependencies resolved.\n');
    const { order } = resolveInstall(archive, installed, requested);
    if (order.length === 0) {
      await this.out('Nothing to do.\nComplete!\n');
      return 0;
    }
    const byName = (a: RpmPackage, b: RpmPackage) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const asked = [...requested].sort(byName);
    const deps = order.filter((p) => !requested.includes(p)).sort(byName);
    const row = (p: RpmPackage) => ({ name: p.name, arch: p.arch, evr: evr(p), repo: p.repo, size: yumSize(p.size) });
    await this.out(packageTable([['Installing', asked.map(row)], ['Installing dependencies', deps.map(row)]]));
    const download = order.reduce((a, p) => a + p.size, 0);
    const disk = order.reduce((a, p) => a + p.installedSize, 0);
    await this.out(`\nTransaction Summary\n${'='.repeat(WIDTH)}\nInstall  ${order.length} Package${order.length === 1 ? '' : 's'}\n\nTotal download size: ${yumSize(download, true)}\nInstalled size: ${yumSize(disk, true)}\n`);
    await this.confirm(opts);
    await this.out('Downloading Packages:\n');
    // Parallel downloads finish smallest first.
    const bySize = [...order].sort((a, b) => a.size - b.size || byName(a, b));
    for (const [i, p] of bySize.entries()) await this.out(downloadLine(`${order.length > 1 ? `(${i + 1}/${order.length}): ` : ''}${nvra(p)}.rpm`, p.size));
    const secs = Math.max(0.01, download / DOWNLOAD_RATE);
    const tail = ` ${yumSize(Math.floor(download / secs)).padStart(5)}B/s | ${yumSize(download, true).padStart(5)}B ${dnfTime(secs).padStart(9)}     `;
    await this.out(`${'-'.repeat(WIDTH)}\n${'Total'.padEnd(WIDTH - tail.length)}${tail}\n`);
    await this.out('Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n');
    await this.out(dnfRpmLine('Preparing', '', 1, 1));
    const commandLine = `install ${names.join(' ')}`;
    for (const [i, p] of order.entries()) {
      await this.ctx.checkpoint();
      await this.out(dnfRpmLine('Installing', nevra(p), i + 1, order.length));
      commitInstall(this.ctx, archive, p, { commandLine, reason: requested.includes(p) ? 'user' : 'dep' });
    }
    for (const [i, p] of order.entries()) await this.out(dnfRpmLine('Verifying', nevra(p), i + 1, order.length));
    await this.out(`${postList('Installed', [...order].sort(byName).map(nevra))}\nComplete!\n`);
    return 0;
  }

  /** Erases the named packages and, as clean_requirements_on_remove=True asks, the dependencies nothing else needs. */
  private async remove(archive: RpmArchive, names: readonly string[], opts: Opts): Promise<number> {
    const installed = installedRpms(this.ctx, archive);
    const targets: RpmPackage[] = [];
    for (const n of names) {
      const have = installed.get(n);
      if (!have) {
        await this.out(`No match for argument: ${n}\n`);
        continue;
      }
      if (have.base) throw new DnfError(`Error: \n Problem: The operation would result in removing the following protected packages: ${n}`);
      if (!targets.includes(have.pkg)) targets.push(have.pkg);
    }
    if (targets.length === 0) throw new DnfError('Error: No packages marked for removal.');
    const unused = unusedDeps(installed, targets);
    const all = [...targets, ...unused];
    const byName = (a: RpmPackage, b: RpmPackage) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const row = (p: RpmPackage) => ({ name: p.name, arch: p.arch, evr: evr(p), repo: `@${installed.get(p.name)!.repo}`, size: yumSize(p.installedSize) });
    await this.out('Dependencies resolved.\n');
    await this.out(packageTable([['Removing', [...targets].sort(byName).map(row)], ['Removing unused dependencies', [...unused].sort(byName).map(row)]]));
    const freed = all.reduce((a, p) => a + p.installedSize, 0);
    await this.out(`\nTransaction Summary\n${'='.repeat(WIDTH)}\nRemove  ${all.length} Package${all.length === 1 ? '' : 's'}\n\nFreed space: ${yumSize(freed, true)}\n`);
    await this.confirm(opts);
    await this.out('Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n');
    await this.out(dnfRpmLine('Preparing', '', 1, 1));
    for (const [i, p] of all.entries()) {
      await this.ctx.checkpoint();
      await this.out(dnfRpmLine('Erasing', nevra(p), i + 1, all.length));
      commitRemove(this.ctx, archive, p);
    }
    for (const [i, p] of all.entries()) await this.out(dnfRpmLine('Verifying', nevra(p), i + 1, all.length));
    await this.out(`${postList('Removed', [...all].sort(byName).map(nevra))}\nComplete!\n`);
    return 0;
  }

  private async clean(what: readonly string[]): Promise<number> {
    if (what.length === 0) throw new DnfError('Error: clean requires an argument');
    const files: string[] = [];
    const dirs: string[] = [];
    const walk = (p: string) => {
      let st;
      try {
        st = this.ctx.fs.lstat(p);
      } catch {
        return;
      }
      if (st.type === 'dir') {
        for (const n of this.ctx.fs.readdir(p)) walk(`${p}/${n}`);
        if (p !== CACHE) dirs.push(p);
      } else files.push(p);
    };
    if (what.includes('all') || what.includes('metadata')) walk(CACHE);
    removePaths(this.ctx.fs, [...files, ...dirs]);
    await this.out(`${files.length} file${files.length === 1 ? '' : 's'} removed\n`);
    return 0;
  }
}

/** Installed dependencies of `targets` (recorded as dependencies) that nothing left installed requires. */
function unusedDeps(installed: ReadonlyMap<string, Installed>, targets: readonly RpmPackage[]): RpmPackage[] {
  const gone = new Set(targets.map((p) => p.name));
  const out: RpmPackage[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const have of installed.values()) {
      if (have.base || gone.has(have.pkg.name)) continue;
      const neededBy = [...installed.values()].filter((o) => !gone.has(o.pkg.name) && o.pkg.requires.includes(have.pkg.name));
      const wasDep = [...gone].some((g) => installed.get(g)?.pkg.requires.includes(have.pkg.name));
      if (wasDep && neededBy.length === 0) {
        gone.add(have.pkg.name);
        out.push(have.pkg);
        changed = true;
      }
    }
  }
  return out;
}

export const dnf: Program = (ctx) => new Dnf(ctx).run();
