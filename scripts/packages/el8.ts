/**
 * Oracle Linux 8 (el8) packages for microdnf and dnf, as the ol8_baseos_latest and ol8_appstream repositories held
 * them for the 8.9 update (November 2023, the base of mysql:8). yum.oracle.com is not reachable from the generating
 * machines, so this table is written the way el.ts is for CentOS 7: names, epoch:version-release, arch, repository
 * and requirements (as package names) from the repositories' package listings as remembered, sizes rounded; file
 * lists are the packages' main programs and libraries. The base rows are the mysql:8 image's own packages that the
 * table's packages need or learners query (`rpm -q bash`): Oracle Linux 8-slim plus what mysql's Dockerfile installs
 * with microdnf (bzip2 gzip openssl xz zstd findutils). Packages that only come as module streams in el8
 * (python3, nginx, httpd) are not in the table. See content/packages/APPROXIMATIONS.md.
 */

import { PACKAGES_FORMAT_VERSION, type RpmIndex, type RpmPackage } from '../../lib/engine/packages/format';

type Row = Omit<RpmPackage, 'arch' | 'bins' | 'requires'> & { arch?: string; bins?: RpmPackage['bins']; requires?: readonly string[] };

const K = 1024;
const M = 1024 * 1024;
const BASEOS = 'ol8_baseos_latest';
const APPSTREAM = 'ol8_appstream';

const ROWS: readonly Row[] = [
  // The image's own packages (oraclelinux:8-slim 8.9 plus mysql:8's microdnf install).
  { name: 'bash', version: '4.4.20', release: '4.el8_6', repo: BASEOS, size: 1_600 * K, installedSize: 6_900 * K, summary: 'The GNU Bourne Again shell', base: true },
  { name: 'bzip2', version: '1.0.6', release: '26.el8', repo: BASEOS, size: 60 * K, installedSize: 92 * K, summary: 'A file compression utility', base: true },
  { name: 'coreutils-single', version: '8.30', release: '15.0.1.el8', repo: BASEOS, size: 630 * K, installedSize: 1_400 * K, summary: 'coreutils multicall binary', base: true },
  { name: 'curl', version: '7.61.1', release: '33.el8', repo: BASEOS, size: 352 * K, installedSize: 706 * K, summary: 'A utility for getting files from remote servers (FTP, HTTP, and others)', base: true },
  { name: 'findutils', epoch: 1, version: '4.6.0', release: '21.el8', repo: BASEOS, size: 528 * K, installedSize: 1_800 * K, summary: 'The GNU versions of find utilities (find and xargs)', base: true },
  { name: 'glibc', version: '2.28', release: '236.0.1.el8', repo: BASEOS, size: 2_200 * K, installedSize: 15 * M, summary: 'The GNU libc libraries', base: true },
  { name: 'gzip', version: '1.9', release: '13.el8_5', repo: BASEOS, size: 170 * K, installedSize: 357 * K, summary: 'The GNU data compression program', base: true },
  { name: 'libdnf', version: '0.63.0', release: '17.0.1.el8_9', repo: BASEOS, size: 700 * K, installedSize: 2_200 * K, summary: 'Library providing simplified C and Python API to libsolv', base: true },
  { name: 'microdnf', version: '3.8.0', release: '2.el8', repo: BASEOS, size: 80 * K, installedSize: 100 * K, summary: 'Lightweight implementation of DNF in C', base: true },
  { name: 'openssl', epoch: 1, version: '1.1.1k', release: '9.el8_7', repo: BASEOS, size: 708 * K, installedSize: 1_200 * K, summary: 'Utilities from the general purpose cryptography library with TLS implementation', base: true },
  { name: 'oraclelinux-release', epoch: 8, version: '8.9', release: '1.0.6.el8', repo: BASEOS, size: 90 * K, installedSize: 130 * K, summary: 'Oracle Linux 8 release file', base: true },
  { name: 'rpm', version: '4.14.3', release: '26.el8', repo: BASEOS, size: 556 * K, installedSize: 2_100 * K, summary: 'The RPM package management system', base: true },
  { name: 'tar', epoch: 2, version: '1.30', release: '9.el8', repo: BASEOS, size: 856 * K, installedSize: 2_900 * K, summary: 'A GNU file archiving program', base: true },
  { name: 'which', version: '2.21', release: '18.el8', repo: BASEOS, size: 49 * K, installedSize: 80 * K, summary: 'Displays where a particular program in your path is located', base: true },
  { name: 'xz', version: '5.2.4', release: '4.el8_6', repo: BASEOS, size: 153 * K, installedSize: 432 * K, summary: 'LZMA compression utilities', base: true },
  { name: 'zstd', version: '1.4.4', release: '1.0.1.el8', repo: APPSTREAM, size: 393 * K, installedSize: 1_300 * K, summary: 'Zstd compression library', base: true },

  // Editors.
  { name: 'vim-minimal', epoch: 2, version: '8.0.1763', release: '19.0.1.el8_6.4', repo: BASEOS, size: 575 * K, installedSize: 1_200 * K, summary: 'A minimal version of the VIM editor', bins: { '/usr/bin/vi': 'vi' } },
  { name: 'vim-filesystem', epoch: 2, version: '8.0.1763', release: '19.0.1.el8_6.4', arch: 'noarch', repo: APPSTREAM, size: 50 * K, installedSize: 40 * K, summary: 'VIM filesystem layout', files: { '/usr/share/vim/vimfiles/template.spec': 40 * K } },
  { name: 'vim-common', epoch: 2, version: '8.0.1763', release: '19.0.1.el8_6.4', repo: APPSTREAM, size: 6_300 * K, installedSize: 27 * M, requires: ['vim-filesystem'], summary: 'The common files needed by any version of the VIM editor', files: { '/usr/share/vim/vim80/syntax/syntax.vim': 27 * M - 64 * K, '/usr/bin/xxd': 64 * K } },
  { name: 'gpm-libs', version: '1.20.7', release: '17.el8', repo: APPSTREAM, size: 39 * K, installedSize: 68 * K, summary: 'Dynamic library for for the gpm', files: { '/usr/lib64/libgpm.so.2.1.0': 68 * K } },
  { name: 'vim-enhanced', epoch: 2, version: '8.0.1763', release: '19.0.1.el8_6.4', repo: APPSTREAM, size: 1_400 * K, installedSize: 3_000 * K, requires: ['vim-common', 'gpm-libs', 'which'], provides: ['vim'], summary: 'A version of the VIM editor which includes recent enhancements', bins: { '/usr/bin/vim': 'vim' } },
  { name: 'nano', version: '2.9.8', release: '1.el8', repo: BASEOS, size: 581 * K, installedSize: 2_400 * K, summary: 'A small text editor', bins: { '/usr/bin/nano': 'nano' } },
  { name: 'less', version: '530', release: '1.el8', repo: BASEOS, size: 164 * K, installedSize: 344 * K, summary: 'A text file browser similar to more, but better', bins: { '/usr/bin/less': 'less' } },

  // System and network tools.
  { name: 'procps-ng', version: '3.3.15', release: '14.0.1.el8', repo: BASEOS, size: 329 * K, installedSize: 960 * K, summary: 'System and process monitoring utilities', bins: { '/usr/bin/ps': 'ps', '/usr/bin/top': 'top', '/usr/bin/free': 'free', '/usr/bin/pgrep': 'pgrep', '/usr/bin/pkill': 'pkill', '/usr/bin/pidof': 'pidof', '/usr/bin/uptime': 'uptime', '/usr/bin/vmstat': 'vmstat', '/usr/bin/watch': 'watch', '/usr/bin/w': 'w', '/usr/sbin/sysctl': 'sysctl' }, files: { '/usr/lib64/libprocps.so.7.1.0': 80 * K } },
  { name: 'iputils', version: '20180629', release: '11.0.1.el8', repo: BASEOS, size: 152 * K, installedSize: 380 * K, summary: 'Network monitoring tools including ping', bins: { '/usr/sbin/ping': 'ping', '/usr/sbin/tracepath': '', '/usr/sbin/arping': '' } },
  { name: 'libmnl', version: '1.0.4', release: '6.el8', repo: BASEOS, size: 30 * K, installedSize: 52 * K, summary: 'A minimalistic user-space library oriented to Netlink developers', files: { '/usr/lib64/libmnl.so.0.2.0': 52 * K } },
  { name: 'iproute', version: '6.2.0', release: '5.el8_9', repo: BASEOS, size: 880 * K, installedSize: 2_600 * K, requires: ['libmnl'], summary: 'Advanced IP routing and network device configuration tools', bins: { '/usr/sbin/ip': 'ip', '/usr/sbin/ss': 'ss', '/usr/sbin/bridge': '', '/usr/sbin/tc': '' } },
  { name: 'net-tools', version: '2.0', release: '0.52.20160912git.el8', repo: BASEOS, size: 322 * K, installedSize: 942 * K, summary: 'Basic networking tools', bins: { '/usr/sbin/ifconfig': 'ifconfig', '/usr/bin/netstat': 'netstat', '/usr/sbin/route': 'route', '/usr/sbin/arp': '' } },
  { name: 'libmetalink', version: '0.1.3', release: '7.el8', repo: BASEOS, size: 32 * K, installedSize: 52 * K, summary: 'Metalink library written in C', files: { '/usr/lib64/libmetalink.so.3.0.0': 52 * K } },
  { name: 'wget', version: '1.19.5', release: '11.0.1.el8', repo: APPSTREAM, size: 734 * K, installedSize: 2_900 * K, requires: ['libmetalink'], summary: 'A utility for retrieving files using the HTTP or FTP protocols', bins: { '/usr/bin/wget': 'wget' } },
  { name: 'tree', version: '1.7.0', release: '15.el8', repo: BASEOS, size: 59 * K, installedSize: 108 * K, summary: 'File system tree viewer', bins: { '/usr/bin/tree': 'tree' } },
  { name: 'lsof', version: '4.93.2', release: '1.el8', repo: BASEOS, size: 253 * K, installedSize: 612 * K, summary: 'A utility which lists open files on a Linux/UNIX system', bins: { '/usr/bin/lsof': '' } },
  { name: 'telnet', epoch: 1, version: '0.17', release: '76.el8', repo: APPSTREAM, size: 72 * K, installedSize: 119 * K, summary: 'The client program for the Telnet remote login protocol', bins: { '/usr/bin/telnet': '' } },
  { name: 'sudo', version: '1.9.5p2', release: '1.el8_9', repo: BASEOS, size: 1_000 * K, installedSize: 4_900 * K, summary: 'Allows restricted root access for specified users', bins: { '/usr/bin/sudo': 'sudo' } },
  { name: 'unzip', version: '6.0', release: '46.0.1.el8', repo: BASEOS, size: 196 * K, installedSize: 410 * K, summary: 'A utility for unpacking zip files', bins: { '/usr/bin/unzip': '' } },
  { name: 'zip', version: '3.0', release: '23.el8', repo: BASEOS, size: 270 * K, installedSize: 815 * K, summary: 'A file compression and packaging utility compatible with PKZIP', bins: { '/usr/bin/zip': '' } },
  { name: 'make', epoch: 1, version: '4.2.1', release: '11.el8', repo: BASEOS, size: 498 * K, installedSize: 1_400 * K, summary: 'A GNU tool which simplifies the build process for users', bins: { '/usr/bin/make': '' } },
];

export function rpmEl8Index(): RpmIndex {
  const packages: RpmPackage[] = ROWS.map((r) => ({ ...r, arch: r.arch ?? 'x86_64', bins: r.bins ?? {}, requires: r.requires ?? [] }));
  return {
    v: PACKAGES_FORMAT_VERSION,
    dist: 'el8',
    releasever: '8',
    // What libdnf keeps per repository in /var/cache/yum/metadata (repomd, primary, filelists, modules, updateinfo).
    repos: [
      { id: BASEOS, name: 'Oracle Linux 8 BaseOS Latest (x86_64)', cacheSize: 78_000_000 },
      { id: APPSTREAM, name: 'Oracle Linux 8 Application Stream (x86_64)', cacheSize: 118_000_000 },
    ],
    packages,
  };
}
