/**
 * Debian-family roots from the bookworm minbase tree: debian:bookworm (what debuerreotype keeps of a minbase
 * install), the slim variant (docs, man pages and locales removed, as debuerreotype's --slim does), and Ubuntu
 * approximations (slim bookworm plus Ubuntu's identity files). See content/catalog/APPROXIMATIONS.md.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { walkRootfs } from '../rootfs';
import { splitUsr } from './layout';
import { classicSourcesList, deb822UbuntuSources, MOVED_SOURCES_LIST, usesDeb822 } from './ubuntuSources';

export interface RootContext {
  readonly root: string;
  /** Snapshot time (epoch seconds): mtimes are clamped to it. */
  readonly epoch: number;
}

/** Paths of a debootstrap run that a published image does not carry (caches, logs, install-time state). */
function debianSkip(rel: string, isDir: boolean): 'skip' | 'keepDir' | 'keep' {
  if (['proc', 'sys', 'dev', 'tmp', 'run', 'var/log'].includes(rel)) return 'keepDir';
  // apt's caches and lists: the directories (with their `partial` dirs) stay, the downloaded files go.
  const parent = rel.slice(0, rel.lastIndexOf('/'));
  if (['var/cache/apt', 'var/cache/apt/archives', 'var/lib/apt/lists'].includes(parent)) return isDir && rel !== 'var/cache/apt/archives' ? 'keepDir' : isDir ? 'keep' : 'skip';
  if (['etc/hostname', 'etc/resolv.conf', 'etc/hosts', 'etc/machine-id', 'etc/apt/sources.list', 'etc/.pwd.lock'].includes(rel)) return 'skip';
  if (!isDir && /-old$/.test(rel) && (rel.startsWith('var/cache/debconf/') || rel.startsWith('var/lib/dpkg/'))) return 'skip';
  if (rel === 'etc/passwd-' || rel === 'etc/group-' || rel === 'etc/shadow-' || rel === 'etc/gshadow-') return 'skip';
  return 'keep';
}

function file(path: string, text: string, mtime: number, mode = 0o644): ListedEntry {
  return { path, type: 'file', mode, uid: 0, gid: 0, mtime, content: { kind: 'text', text } };
}

function snapshotStamp(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

const APT_CLEAN = '"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";';

/**
 * What debuerreotype-minimizing-config writes into every debian image (texts verbatim from debuerreotype 0.15,
 * apt >= 1.0.9.2 so no CompressionTypes line). apt and invoke-rc.d inside containers read them: no Translation-en
 * indexes, lists kept compressed (.lz4), no pkgcache.bin, services not started.
 */
export function debuerreotypeConfig(epoch: number): ListedEntry[] {
  return [
    file('usr/sbin/policy-rc.d', '#!/bin/sh\n\n# For most Docker users, "apt-get install" only happens during "docker build",\n# where starting services doesn\'t work and often fails in humorous ways. This\n# prevents those failures by stopping the services from attempting to start.\n\nexit 101\n', epoch, 0o755),
    file('etc/dpkg/dpkg.cfg.d/docker-apt-speedup', '# For most Docker users, package installs happen during "docker build", which\n# doesn\'t survive power loss and gets restarted clean afterwards anyhow, so\n# this minor tweak gives us a nice speedup (much nicer on spinning disks,\n# obviously).\n\nforce-unsafe-io\n', epoch),
    file(
      'etc/apt/apt.conf.d/docker-autoremove-suggests',
      '# Since Docker users are looking for the smallest possible final images, the\n# following emerges as a very common pattern:\n\n#   RUN apt-get update \\\n#       && apt-get install -y <packages> \\\n#       && <do some compilation work> \\\n#       && apt-get purge -y --auto-remove <packages>\n\n' +
        '# By default, APT will actually _keep_ packages installed via Recommends or\n# Depends if another package Suggests them, even and including if the package\n# that originally caused them to be installed is removed.  Setting this to\n# "false" ensures that APT is appropriately aggressive about removing the\n# packages it added.\n\n' +
        '# https://aptitude.alioth.debian.org/doc/en/ch02s05s05.html#configApt-AutoRemove-SuggestsImportant\nApt::AutoRemove::SuggestsImportant "false";\n',
      epoch,
    ),
    file(
      'etc/apt/apt.conf.d/docker-clean',
      '# Since for most Docker users, package installs happen in "docker build" steps,\n# they essentially become individual layers due to the way Docker handles\n# layering, especially using CoW filesystems.  What this means for us is that\n# the caches that APT keeps end up just wasting space in those layers, making\n# our layers unnecessarily large (especially since we\'ll normally never use\n# these caches again and will instead just "docker build" again and make a brand\n# new image).\n\n' +
        '# Ideally, these would just be invoking "apt-get clean", but in our testing,\n# that ended up being cyclic and we got stuck on APT\'s lock, so we get this fun\n# creation that\'s essentially just "apt-get clean".\n' +
        `DPkg::Post-Invoke { ${APT_CLEAN} };\nAPT::Update::Post-Invoke { ${APT_CLEAN} };\n\nDir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n\n` +
        '# Note that we do realize this isn\'t the ideal way to do this, and are always\n# open to better suggestions (https://github.com/debuerreotype/debuerreotype/issues).\n',
      epoch,
    ),
    file(
      'etc/apt/apt.conf.d/docker-gzip-indexes',
      '# Since Docker users using "RUN apt-get update && apt-get install -y ..." in\n# their Dockerfiles don\'t go delete the lists files afterwards, we want them to\n# be as small as possible on-disk, so we explicitly request that Apt keep them\n# compressed on-disk too instead of decompressing them.\n\n' +
        '# For comparison, an "apt-get update" layer without this on a pristine\n# "debian:wheezy" base image was "29.88 MB", where with this it was only\n# "8.273 MB".\n\nAcquire::GzipIndexes "true";\n',
      epoch,
    ),
    file(
      'etc/apt/apt.conf.d/docker-no-languages',
      '# In Docker, we don\'t often need the "Translations" files, so we\'re just wasting\n# time and space by downloading them, and this inhibits that.  For users that do\n# need them, it\'s a simple matter to delete this file and "apt-get update". :)\n\nAcquire::Languages "none";\n',
      epoch,
    ),
  ];
}

/** Paths debuerreotypeConfig() adds (images that do not come from debuerreotype drop them). */
export const DEBUERREOTYPE_PATHS: ReadonlySet<string> = new Set(debuerreotypeConfig(0).map((e) => e.path));

/** debian:bookworm: the minbase tree minus install-time state, with deb822 sources as the official image has. */
export function debianBookworm(ctx: RootContext): ListedEntry[] {
  const entries = walkRootfs(ctx.root, { skip: debianSkip, clampMtime: ctx.epoch });
  const stamp = snapshotStamp(ctx.epoch);
  entries.push(
    file(
      'etc/apt/sources.list.d/debian.sources',
      `Types: deb\n# http://snapshot.debian.org/archive/debian/${stamp}\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n` +
        `Types: deb\n# http://snapshot.debian.org/archive/debian-security/${stamp}\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`,
      ctx.epoch,
    ),
    ...debuerreotypeConfig(ctx.epoch),
  );
  return entries;
}

/**
 * debian:bullseye from a bullseye minbase root: split /usr as debuerreotype builds bullseye (debootstrap now merges
 * it), and the classic one-line sources.list of the bullseye images.
 */
export function debianBullseye(ctx: RootContext): ListedEntry[] {
  const entries = walkRootfs(ctx.root, { skip: debianSkip, clampMtime: ctx.epoch });
  const stamp = snapshotStamp(ctx.epoch);
  entries.push(
    file(
      'etc/apt/sources.list',
      `# deb http://snapshot.debian.org/archive/debian/${stamp} bullseye main\ndeb http://deb.debian.org/debian bullseye main\n` +
        `# deb http://snapshot.debian.org/archive/debian-security/${stamp} bullseye-security main\ndeb http://deb.debian.org/debian-security bullseye-security main\n` +
        `# deb http://snapshot.debian.org/archive/debian/${stamp} bullseye-updates main\ndeb http://deb.debian.org/debian bullseye-updates main\n`,
      ctx.epoch,
    ),
    ...debuerreotypeConfig(ctx.epoch),
  );
  return splitUsr(entries, ctx.root, ctx.epoch);
}

/** What debuerreotype's slim variant removes (dirs stay, their contents go; copyright files stay). */
export function slimRemoves(path: string): boolean {
  if (path.startsWith('usr/share/doc/')) return !/^usr\/share\/doc\/[^/]+$/.test(path) && !path.endsWith('/copyright');
  for (const d of ['usr/share/man/', 'usr/share/info/', 'usr/share/groff/', 'usr/share/lintian/', 'usr/share/linda/', 'var/cache/man/']) {
    if (path.startsWith(d)) return true;
  }
  if (path.startsWith('usr/share/locale/')) return path !== 'usr/share/locale/locale.alias';
  return false;
}

export const SLIM_DPKG_CONFIG =
  '# This is the "slim" variant of the Debian base image.\n' +
  '# Many files which are normally unnecessary in containers are excluded,\n' +
  '# and this configuration file keeps them that way.\n' +
  'path-exclude /usr/share/doc/*\n' +
  'path-include /usr/share/doc/*/copyright\n' +
  'path-exclude /usr/share/groff/*\n' +
  'path-exclude /usr/share/info/*\n' +
  'path-exclude /usr/share/linda/*\n' +
  'path-exclude /usr/share/lintian/overrides/*\n' +
  'path-exclude /usr/share/locale/*\n' +
  'path-exclude /usr/share/man/*\n';

export function debianSlim(ctx: RootContext, full: readonly ListedEntry[]): ListedEntry[] {
  const out = full.filter((e) => !slimRemoves(e.path));
  out.push(file('etc/dpkg/dpkg.cfg.d/docker', SLIM_DPKG_CONFIG, ctx.epoch));
  return out;
}

export interface UbuntuRelease {
  readonly version: string; // 24.04
  readonly point: string; // 24.04.3
  readonly codename: string; // noble
  readonly name: string; // Noble Numbat
  /** Whether the release ships the `ubuntu` user (uid 1000): 23.04 and later. */
  readonly ubuntuUser: boolean;
}

/** /etc/debian_version of each Ubuntu release: the Debian testing it branched from. */
const UBUNTU_DEBIAN_VERSION: Readonly<Record<string, string>> = { focal: 'bullseye/sid', jammy: 'bookworm/sid', noble: 'trixie/sid' };

/**
 * An Ubuntu root approximated from slim bookworm: Ubuntu's identity, sources and users over Debian's files. Up to
 * 22.04 apt's sources are the classic sources.list; 24.04 has deb822 ubuntu.sources (see ubuntuSources.ts).
 */
export function ubuntuRoot(ctx: RootContext, slim: readonly ListedEntry[], rel: UbuntuRelease): ListedEntry[] {
  const drop = new Set(['etc/apt/sources.list.d/debian.sources', 'etc/dpkg/dpkg.cfg.d/docker', 'usr/lib/os-release', 'etc/debian_version', 'etc/issue', 'etc/issue.net', 'etc/passwd', 'etc/group', 'etc/shadow', 'etc/gshadow']);
  const out = slim.filter((e) => !drop.has(e.path));
  const t = ctx.epoch;
  const lts = rel.version.endsWith('.04') && Number(rel.version.slice(0, 2)) % 2 === 0 ? ' LTS' : '';
  const osRelease =
    `PRETTY_NAME="Ubuntu ${rel.point}${lts}"\nNAME="Ubuntu"\nVERSION_ID="${rel.version}"\nVERSION="${rel.point}${lts} (${rel.name})"\nVERSION_CODENAME=${rel.codename}\nID=ubuntu\nID_LIKE=debian\n` +
    `HOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n` +
    `UBUNTU_CODENAME=${rel.codename}\nLOGO=ubuntu-logo\n`;
  const read = (p: string) => readFileSync(join(ctx.root, p), 'utf8');
  let passwd = read('etc/passwd');
  let group = read('etc/group');
  let shadow = read('etc/shadow');
  let gshadow = read('etc/gshadow');
  if (rel.ubuntuUser) {
    passwd += 'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n';
    group += 'ubuntu:x:1000:\n';
    shadow += `ubuntu:!:${Math.floor(t / 86400)}:0:99999:7:::\n`;
    gshadow += 'ubuntu:!::\n';
  }
  out.push(
    file('usr/lib/os-release', osRelease, t),
    file('etc/lsb-release', `DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=${rel.version}\nDISTRIB_CODENAME=${rel.codename}\nDISTRIB_DESCRIPTION="Ubuntu ${rel.point}${lts}"\n`, t),
    file('etc/debian_version', `${UBUNTU_DEBIAN_VERSION[rel.codename] ?? 'trixie/sid'}\n`, t),
    file('etc/issue', `Ubuntu ${rel.point}${lts} \\n \\l\n\n`, t),
    file('etc/issue.net', `Ubuntu ${rel.point}${lts}\n`, t),
    file('etc/passwd', passwd, t),
    file('etc/group', group, t),
    { ...file('etc/shadow', shadow, t, 0o640), gid: 42 },
    { ...file('etc/gshadow', gshadow, t, 0o640), gid: 42 },
    ...(usesDeb822(rel.codename)
      ? [file('etc/apt/sources.list', MOVED_SOURCES_LIST, t), file('etc/apt/sources.list.d/ubuntu.sources', deb822UbuntuSources(rel.codename), t)]
      : [file('etc/apt/sources.list', classicSourcesList(rel.codename), t)]),
  );
  if (rel.ubuntuUser) out.push({ path: 'home/ubuntu', type: 'dir', mode: 0o750, uid: 1000, gid: 1000, mtime: t });
  return out;
}
