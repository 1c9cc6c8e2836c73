/**
 * Ubuntu 14.04, 16.04 and 18.04, approximated from bookworm (see content/catalog/APPROXIMATIONS.md):
 * - 18.04 (bionic, one layer): the slim list with split /usr, no tzdata and a trimmed gconv set (the minimized
 *   Ubuntu image is ~63 MB);
 * - 16.04 (xenial) and 14.04 (trusty): the full (non-slim) list plus the packages those bases had on top of a
 *   minbase (systemd, procps, e2fsprogs, tzdata, gnupg...), split /usr, and the four (trusty: five) layers of the
 *   old `docker-brew-ubuntu-core` Dockerfiles: policy-rc.d and the docker-* apt settings, the apt-lists cleanup,
 *   (trusty) universe enabled in sources.list, and /run/systemd/container.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { packageLayer } from '../packages';
import { DEBUERREOTYPE_PATHS, ubuntuRoot, type RootContext } from './debian';
import { bin, dir, mergeEntries, parents, splitUsr, text, without } from './layout';
import { classicSourcesList } from './ubuntuSources';

export interface LegacyUbuntu {
  readonly version: '14.04' | '16.04' | '18.04';
  readonly point: string;
  readonly codename: string;
  readonly name: string;
}

const DEBIAN_VERSION: Record<string, string> = { trusty: 'jessie/sid', xenial: 'stretch/sid', bionic: 'buster/sid' };

/** Packages a trusty/xenial base image has beyond Debian's minbase (from the old ubuntu-core manifests). */
const XENIAL_EXTRA = ['systemd', 'systemd-sysv', 'procps', 'e2fsprogs', 'sensible-utils', 'init-system-helpers', 'lsb-base'];
/** Trusty's base was not minimised (upstart, udev, networking, rsyslog, python3...); bookworm's nearest packages. */
const TRUSTY_EXTRA = [...XENIAL_EXTRA, 'tzdata', 'kmod', 'iproute2', 'udev', 'initramfs-tools', 'ifupdown', 'isc-dhcp-client', 'less', 'vim-tiny', 'rsyslog', 'cron', 'netbase', 'net-tools', 'iputils-ping', 'python3-minimal', 'ca-certificates', 'openssl', 'apt-utils', 'whiptail'];

function osRelease(rel: LegacyUbuntu): string {
  const v = `${rel.point} LTS`;
  if (rel.codename === 'trusty') {
    return `NAME="Ubuntu"\nVERSION="${rel.point} LTS, Trusty Tahr"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu ${v}"\nVERSION_ID="${rel.version}"\nHOME_URL="http://www.ubuntu.com/"\nSUPPORT_URL="http://help.ubuntu.com/"\nBUG_REPORT_URL="http://bugs.launchpad.net/ubuntu/"\n`;
  }
  const https = rel.codename === 'bionic' ? 'https' : 'http';
  return (
    `NAME="Ubuntu"\nVERSION="${v} (${rel.name})"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu ${v}"\nVERSION_ID="${rel.version}"\n` +
    `HOME_URL="${https}://www.ubuntu.com/"\nSUPPORT_URL="${https}://help.ubuntu.com/"\nBUG_REPORT_URL="${https}://bugs.launchpad.net/ubuntu/"\n` +
    (rel.codename === 'bionic' ? 'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n' : '') +
    `VERSION_CODENAME=${rel.codename}\nUBUNTU_CODENAME=${rel.codename}\n`
  );
}

/** trusty's ubuntu-core sources.list: universe commented out in the base (a later layer enables it). */
function sourcesList(codename: string, universe: boolean): string {
  const u = universe ? '' : '# ';
  const lines = [
    '# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to',
    '# newer versions of the distribution.',
    `deb http://archive.ubuntu.com/ubuntu/ ${codename} main restricted`,
    `# deb-src http://archive.ubuntu.com/ubuntu/ ${codename} main restricted`,
    '',
    '## Major bug fix updates produced after the final release of the',
    '## distribution.',
    `deb http://archive.ubuntu.com/ubuntu/ ${codename}-updates main restricted`,
    `# deb-src http://archive.ubuntu.com/ubuntu/ ${codename}-updates main restricted`,
    '',
    '## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu',
    '## team. Also, please note that software in universe WILL NOT receive any',
    '## review or updates from the Ubuntu security team.',
    `${u}deb http://archive.ubuntu.com/ubuntu/ ${codename} universe`,
    `# deb-src http://archive.ubuntu.com/ubuntu/ ${codename} universe`,
    `${u}deb http://archive.ubuntu.com/ubuntu/ ${codename}-updates universe`,
    `# deb-src http://archive.ubuntu.com/ubuntu/ ${codename}-updates universe`,
    '',
    `deb http://archive.ubuntu.com/ubuntu/ ${codename}-backports main restricted universe multiverse`,
    `# deb-src http://archive.ubuntu.com/ubuntu/ ${codename}-backports main restricted universe multiverse`,
    '',
    `deb http://security.ubuntu.com/ubuntu/ ${codename}-security main restricted`,
    `# deb-src http://security.ubuntu.com/ubuntu/ ${codename}-security main restricted`,
    `${u}deb http://security.ubuntu.com/ubuntu/ ${codename}-security universe`,
    `# deb-src http://security.ubuntu.com/ubuntu/ ${codename}-security universe`,
  ];
  return lines.join('\n') + '\n';
}

/** Identity files of the release over an ubuntuRoot() list (which has the 20.04+ shape). */
function legacyIdentity(entries: readonly ListedEntry[], rel: LegacyUbuntu, mtime: number): ListedEntry[] {
  const dropped = without(entries, (p) => p === 'etc/apt/sources.list.d/ubuntu.sources' || (rel.codename === 'trusty' && (p === 'usr/lib/os-release' || p === 'etc/os-release')));
  return mergeEntries(dropped, [
    rel.codename === 'trusty' ? text('etc/os-release', osRelease(rel), mtime) : text('usr/lib/os-release', osRelease(rel), mtime),
    text('etc/debian_version', `${DEBIAN_VERSION[rel.codename]!}\n`, mtime),
    // xenial and bionic have ubuntu-base's classic list; trusty's older ubuntu-core list is sourcesList().
    text('etc/apt/sources.list', rel.codename === 'trusty' ? sourcesList(rel.codename, false) : classicSourcesList(rel.codename), mtime),
  ]);
}

/** 18.04: the slim list trimmed to the minimized image's size (no tzdata data, the common gconv modules only). */
export function ubuntuBionic(ctx: RootContext, slim: readonly ListedEntry[], rel: LegacyUbuntu): ListedEntry[] {
  const base = ubuntuRoot(ctx, slim, { ...rel, ubuntuUser: false });
  const keepGconv = new Set(['gconv-modules', 'gconv-modules.cache', 'UTF-16.so', 'UTF-32.so', 'UTF-7.so', 'UNICODE.so', 'ISO8859-1.so', 'ISO8859-15.so']);
  const trimmed = without(base, (p) => p.startsWith('usr/share/zoneinfo/') || (p.startsWith('usr/lib/x86_64-linux-gnu/gconv/') && !keepGconv.has(p.slice('usr/lib/x86_64-linux-gnu/gconv/'.length)) && !p.includes('gconv-modules.d')));
  return splitUsr(legacyIdentity(trimmed, rel, ctx.epoch), ctx.root, ctx.epoch);
}

/** 14.04 and 16.04: the ADD layer and the RUN layers of the old Dockerfile. */
export function ubuntuOldLayers(ctx: RootContext, full: readonly ListedEntry[], rel: LegacyUbuntu, mtime: number): ListedEntry[][] {
  const trusty = rel.codename === 'trusty';
  const extra = packageLayer(`ubuntu-${rel.codename}`, join(ctx.root, 'var/lib/dpkg/status'), trusty ? TRUSTY_EXTRA : XENIAL_EXTRA, { clampMtime: ctx.epoch, mergedUsr: false });
  // The old images' own RUN layer writes policy-rc.d and the apt settings (below), not their root.
  const withPkgs = mergeEntries(full, extra.entries).filter((e) => !DEBUERREOTYPE_PATHS.has(e.path));
  let root = legacyIdentity(ubuntuRoot(ctx, withPkgs, { ...rel, ubuntuUser: false }), rel, ctx.epoch);
  root = splitUsr(root, ctx.root, ctx.epoch);
  // Upstart's initctl: trusty boots with upstart, which the first RUN step diverts.
  if (trusty) root.push(bin('sbin/initctl', 195_400, 'initctl', ctx.epoch));

  const diversions = readFileSync(join(ctx.root, 'var/lib/dpkg/diversions'), 'utf8') + '/sbin/initctl\n/sbin/initctl.distrib\n:\n';
  const aptConf = 'etc/apt/apt.conf.d';
  const setup: ListedEntry[] = [
    dir('etc', mtime), dir('etc/apt', mtime), dir(aptConf, mtime), dir('etc/dpkg', mtime), dir('etc/dpkg/dpkg.cfg.d', mtime),
    dir('sbin', mtime), dir('usr', mtime), dir('usr/sbin', mtime), dir('var', mtime), dir('var/lib', mtime), dir('var/lib/dpkg', mtime),
    text('usr/sbin/policy-rc.d', '#!/bin/sh\nexit 101\n', mtime, 0o755),
    text('sbin/initctl', '#!/bin/sh\nexit 0\n', mtime, 0o755),
    text('var/lib/dpkg/diversions', diversions, mtime),
    text('etc/dpkg/dpkg.cfg.d/docker-apt-speedup', 'force-unsafe-io\n', mtime),
    text(`${aptConf}/docker-clean`, 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nAPT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };\nDir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";\n', mtime),
    text(`${aptConf}/docker-no-languages`, 'Acquire::Languages "none";\n', mtime),
    text(`${aptConf}/docker-gzip-indexes`, 'Acquire::GzipIndexes "true"; Acquire::CompressionTypes::Order:: "gz";\n', mtime),
    text(`${aptConf}/docker-autoremove-suggests`, 'Apt::AutoRemove::SuggestsImportant "false";\n', mtime),
  ];
  if (trusty) setup.push(bin('sbin/initctl.distrib', 195_400, 'initctl', ctx.epoch));
  // `rm -rf /var/lib/apt/lists/*` / `[ -z "$(apt-get indextargets)" ]`: nothing to remove, an empty layer.
  const lists: ListedEntry[] = [];
  const run = [dir('run', mtime), dir('run/systemd', mtime), text('run/systemd/container', 'docker\n', mtime)];
  if (!trusty) return [root, setup, lists, run];
  const universe = [...parents('etc/apt/sources.list', mtime), text('etc/apt/sources.list', sourcesList(rel.codename, true), mtime)];
  return [root, setup, lists, universe, run];
}

/**
 * learn/tutorial (2013, Docker's first online tutorial): one layer of Ubuntu 12.04 (precise), approximated by the
 * full bookworm list with precise's identity and split /usr.
 */
export function ubuntuPrecise(ctx: RootContext, full: readonly ListedEntry[], mtime: number): ListedEntry[] {
  const rel = { version: '12.04', point: '12.04', codename: 'precise', name: 'Precise Pangolin' };
  // A few of the packages precise's base had beyond a minbase (procps, e2fsprogs, iproute, module tools).
  const extra = packageLayer('ubuntu-precise', join(ctx.root, 'var/lib/dpkg/status'), ['procps', 'e2fsprogs', 'sensible-utils', 'init-system-helpers', 'lsb-base', 'iproute2', 'kmod'], { clampMtime: ctx.epoch, mergedUsr: false });
  const base = ubuntuRoot(ctx, mergeEntries(full, extra.entries).filter((e) => !DEBUERREOTYPE_PATHS.has(e.path)), { ...rel, ubuntuUser: false });
  const osRel = 'NAME="Ubuntu"\nVERSION="12.04 LTS, Precise Pangolin"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu precise (12.04 LTS)"\nVERSION_ID="12.04"\n';
  const root = mergeEntries(without(base, (p) => p === 'usr/lib/os-release' || p === 'etc/os-release' || p === 'etc/apt/sources.list.d/ubuntu.sources'), [
    text('etc/os-release', osRel, mtime),
    text('etc/debian_version', 'wheezy/sid\n', mtime),
    text('etc/lsb-release', 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=12.04\nDISTRIB_CODENAME=precise\nDISTRIB_DESCRIPTION="Ubuntu 12.04 LTS"\n', mtime),
    text('etc/issue', 'Ubuntu 12.04 LTS \\n \\l\n\n', mtime),
    text('etc/issue.net', 'Ubuntu 12.04 LTS\n', mtime),
    text('etc/apt/sources.list', 'deb http://archive.ubuntu.com/ubuntu precise main universe\n', mtime),
  ]);
  return splitUsr(root, ctx.root, mtime);
}

/**
 * docker/whalesay over ubuntu:14.04's layers: cowsay (Debian's package and its perl dependencies), the whale
 * cow file, and the step that makes it the default cow.
 */
export function whalesayLayers(ctx: RootContext, cowFile: string, mtime: number): ListedEntry[][] {
  const pkgs = packageLayer('whalesay', join(ctx.root, 'var/lib/dpkg/status'), ['cowsay'], { clampMtime: mtime, mergedUsr: false });
  const cows = 'usr/share/cowsay/cows';
  const install: ListedEntry[] = [];
  for (const e of pkgs.entries) {
    if (e.path === `${cows}/default.cow`) install.push({ ...e, path: `${cows}/orig-default.cow` });
    // cowsay and cowthink are perl scripts in /usr/games: they carry the cowsay program's header.
    else if (e.path === 'usr/games/cowsay' && e.type === 'file') install.push(bin(e.path, 4_664, 'cowsay', mtime));
    else install.push(e);
  }
  const add = [...parents(`${cows}/docker.cow`, mtime), text(`${cows}/docker.cow`, cowFile, mtime)];
  // `mv docker.cow default.cow`: the new name, and a whiteout hiding the old one in the layer below.
  const mv = [...parents(`${cows}/default.cow`, mtime), text(`${cows}/default.cow`, cowFile, mtime), { path: `${cows}/.wh.docker.cow`, type: 'file' as const, mode: 0o644, uid: 0, gid: 0, mtime }];
  return [install, add, mv];
}
