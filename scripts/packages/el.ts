/**
 * CentOS 7 (el7) packages for yum. No CentOS mirror is reachable from the generating machines (and CentOS 7 is
 * end-of-life: its packages live on vault.centos.org), so this table was written from the 7.9.2009 repositories'
 * package listings (base = the 7.9.2009 release, updates = the last el7_9 builds, extras, EPEL 7): names,
 * epoch:version-release, arch, repository, requirements as package names; sizes are rounded from the listings and
 * file lists are the packages' main programs and libraries. The base rows are the centos:7 image's own packages
 * that the table's packages need or learners query (`rpm -q curl`). See content/packages/APPROXIMATIONS.md.
 */

import { PACKAGES_FORMAT_VERSION, type RpmIndex, type RpmPackage } from '../../lib/engine/packages/format';

type Row = Omit<RpmPackage, 'arch' | 'bins' | 'requires'> & { arch?: string; bins?: RpmPackage['bins']; requires?: readonly string[] };

const K = 1024;
const M = 1024 * 1024;

const ROWS: readonly Row[] = [
  // The image's own packages (centos:7, 2020-11-13 build of 7.9.2009).
  { name: 'bash', version: '4.2.46', release: '34.el7', repo: 'base', size: 1_000 * K, installedSize: 3_600 * K, summary: 'The GNU Bourne Again shell', bins: { '/usr/bin/bash': 'bash' }, base: true },
  { name: 'centos-release', version: '7', release: '9.2009.0.el7.centos', repo: 'base', size: 27 * K, installedSize: 44 * K, summary: 'CentOS Linux release file', base: true },
  { name: 'coreutils', version: '8.22', release: '24.el7', repo: 'base', size: 3_300 * K, installedSize: 14 * M, summary: 'A set of basic GNU tools commonly used in shell scripts', base: true },
  { name: 'curl', version: '7.29.0', release: '59.el7', repo: 'base', size: 271 * K, installedSize: 527 * K, summary: 'A utility for getting files from remote servers (FTP, HTTP, and others)', bins: { '/usr/bin/curl': 'curl' }, base: true },
  { name: 'glibc', version: '2.17', release: '317.el7', repo: 'base', size: 3_700 * K, installedSize: 14 * M, summary: 'The GNU libc libraries', base: true },
  { name: 'iputils', version: '20160308', release: '10.el7', repo: 'base', size: 148 * K, installedSize: 343 * K, summary: 'Network monitoring tools including ping', bins: { '/usr/bin/ping': 'ping' }, base: true },
  { name: 'iproute', version: '4.11.0', release: '30.el7', repo: 'base', size: 803 * K, installedSize: 2_300 * K, summary: 'Advanced IP routing and network device configuration tools', base: true },
  { name: 'openssl-libs', epoch: 1, version: '1.0.2k', release: '19.el7', repo: 'base', size: 1_200 * K, installedSize: 3_100 * K, summary: 'A general purpose cryptography library with TLS implementation', base: true },
  { name: 'procps-ng', version: '3.3.10', release: '28.el7', repo: 'base', size: 291 * K, installedSize: 759 * K, summary: 'System and process monitoring utilities', base: true },
  { name: 'python', version: '2.7.5', release: '89.el7', repo: 'base', size: 96 * K, installedSize: 80 * K, summary: 'An interpreted, interactive, object-oriented programming language', base: true },
  { name: 'rpm', version: '4.11.3', release: '45.el7', repo: 'base', size: 1_200 * K, installedSize: 2_600 * K, summary: 'The RPM package management system', base: true },
  { name: 'systemd', version: '219', release: '78.el7', repo: 'base', size: 5_100 * K, installedSize: 24 * M, summary: 'A System and Service Manager', base: true },
  { name: 'tar', epoch: 2, version: '1.26', release: '35.el7', repo: 'base', size: 846 * K, installedSize: 2_800 * K, summary: 'A GNU file archiving program', base: true },
  { name: 'vim-minimal', epoch: 2, version: '7.4.629', release: '7.el7', repo: 'base', size: 443 * K, installedSize: 896 * K, summary: 'A minimal version of the VIM editor', base: true },
  { name: 'yum', version: '3.4.3', release: '168.el7.centos', repo: 'base', size: 1_200 * K, installedSize: 5_700 * K, summary: 'RPM package installer/updater/manager', base: true },
  { name: 'perl-macros', epoch: 4, version: '5.16.3', release: '299.el7_9', arch: 'x86_64', repo: 'updates', size: 44 * K, installedSize: 5 * K, summary: 'Macros for rpmbuild' },

  // The web servers.
  { name: 'apr', version: '1.4.8', release: '7.el7', repo: 'base', size: 104 * K, installedSize: 221 * K, summary: 'Apache Portable Runtime library', files: { '/usr/lib64/libapr-1.so.0.4.8': 221 * K } },
  { name: 'apr-util', version: '1.5.2', release: '6.el7_9.1', repo: 'updates', size: 92 * K, installedSize: 198 * K, requires: ['apr'], summary: 'Apache Portable Runtime Utility library', files: { '/usr/lib64/libaprutil-1.so.0.5.2': 198 * K } },
  { name: 'mailcap', version: '2.1.41', release: '2.el7', arch: 'noarch', repo: 'base', size: 31 * K, installedSize: 59 * K, summary: 'Helper application and MIME type associations for file types', files: { '/etc/mime.types': 59 * K } },
  { name: 'centos-logos', version: '70.0.6', release: '3.el7.centos', arch: 'noarch', repo: 'base', size: 21 * M, installedSize: 22 * M, summary: 'CentOS-related icons and pictures', files: { '/usr/share/pixmaps/system-logo-white.png': 22 * M } },
  { name: 'httpd-tools', version: '2.4.6', release: '99.el7.centos.1', repo: 'updates', size: 94 * K, installedSize: 169 * K, requires: ['apr', 'apr-util'], summary: 'Tools for use with the Apache HTTP Server', bins: { '/usr/bin/ab': '', '/usr/bin/htpasswd': '' } },
  { name: 'httpd', version: '2.4.6', release: '99.el7.centos.1', repo: 'updates', size: 2_700 * K, installedSize: 9_400 * K, requires: ['apr', 'apr-util', 'httpd-tools', 'mailcap', 'centos-logos'], summary: 'Apache HTTP Server', bins: { '/usr/sbin/httpd': 'httpd', '/usr/sbin/apachectl': '' } },
  { name: 'epel-release', version: '7', release: '11', arch: 'noarch', repo: 'extras', size: 15 * K, installedSize: 24 * K, summary: 'Extra Packages for Enterprise Linux repository configuration', files: { '/etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-7': 1_662 } },
  { name: 'gperftools-libs', version: '2.6.1', release: '1.el7', repo: 'base', size: 272 * K, installedSize: 1_100 * K, summary: 'Libraries provided by gperftools', files: { '/usr/lib64/libtcmalloc.so.4.4.5': 1_100 * K } },
  { name: 'openssl11-libs', epoch: 1, version: '1.1.1k', release: '7.el7', repo: 'epel', size: 1_500 * K, installedSize: 3_700 * K, summary: 'A general purpose cryptography library with TLS implementation', files: { '/usr/lib64/libssl.so.1.1': 600 * K, '/usr/lib64/libcrypto.so.1.1': 3_100 * K } },
  { name: 'nginx-filesystem', epoch: 1, version: '1.20.1', release: '10.el7', arch: 'noarch', repo: 'epel', size: 24 * K, installedSize: 0, summary: 'The basic directory layout for the Nginx server' },
  { name: 'nginx', epoch: 1, version: '1.20.1', release: '10.el7', repo: 'epel', size: 588 * K, installedSize: 1_600 * K, requires: ['nginx-filesystem', 'openssl11-libs', 'gperftools-libs', 'centos-logos'], summary: 'A high performance web server and reverse proxy server', bins: { '/usr/sbin/nginx': 'nginx' } },

  // Tools.
  { name: 'wget', version: '1.14', release: '18.el7_6.1', repo: 'base', size: 547 * K, installedSize: 2_000 * K, summary: 'A utility for retrieving files using the HTTP or FTP protocols', bins: { '/usr/bin/wget': 'wget' } },
  { name: 'which', version: '2.20', release: '7.el7', repo: 'base', size: 41 * K, installedSize: 75 * K, summary: 'Displays where a particular program in your path is located', bins: { '/usr/bin/which': 'which' } },
  { name: 'net-tools', version: '2.0', release: '0.25.20131004git.el7', repo: 'base', size: 306 * K, installedSize: 917 * K, summary: 'Basic networking tools', bins: { '/usr/sbin/ifconfig': 'ifconfig', '/usr/bin/netstat': 'netstat', '/usr/sbin/route': '' } },
  { name: 'tree', version: '1.6.0', release: '10.el7', repo: 'base', size: 46 * K, installedSize: 87 * K, summary: 'File system tree viewer', bins: { '/usr/bin/tree': 'tree' } },
  { name: 'nano', version: '2.3.1', release: '10.el7', repo: 'base', size: 440 * K, installedSize: 1_600 * K, summary: 'A small text editor', bins: { '/usr/bin/nano': 'nano' } },
  { name: 'lsof', version: '4.87', release: '6.el7', repo: 'base', size: 331 * K, installedSize: 927 * K, summary: 'A utility which lists open files on a Linux/UNIX system', bins: { '/usr/sbin/lsof': '' } },
  { name: 'make', epoch: 1, version: '3.82', release: '24.el7', repo: 'base', size: 421 * K, installedSize: 1_100 * K, summary: 'A GNU tool which simplifies the build process for users', bins: { '/usr/bin/make': 'make' } },
  { name: 'unzip', version: '6.0', release: '24.el7_9', repo: 'updates', size: 172 * K, installedSize: 365 * K, summary: 'A utility for unpacking zip files', bins: { '/usr/bin/unzip': 'unzip' } },
  { name: 'zip', version: '3.0', release: '11.el7', repo: 'base', size: 260 * K, installedSize: 796 * K, summary: 'A file compression and packaging utility compatible with PKZIP', bins: { '/usr/bin/zip': 'zip' } },
  { name: 'sudo', version: '1.8.23', release: '10.el7_9.3', repo: 'updates', size: 843 * K, installedSize: 3_000 * K, summary: 'Allows restricted root access for specified users', bins: { '/usr/bin/sudo': 'sudo' } },
  { name: 'telnet', epoch: 1, version: '0.17', release: '66.el7', repo: 'updates', size: 64 * K, installedSize: 113 * K, summary: 'The client program for the Telnet remote login protocol', bins: { '/usr/bin/telnet': '' } },
  { name: 'less', version: '458', release: '10.el7_9', repo: 'updates', size: 120 * K, installedSize: 215 * K, summary: 'A text file browser similar to more, but better', bins: { '/usr/bin/less': 'less' } },

  // vim and git pull in perl (its ~30 perl-* module packages are folded into perl and perl-libs here).
  { name: 'perl-libs', epoch: 4, version: '5.16.3', release: '299.el7_9', repo: 'updates', size: 690 * K, installedSize: 1_600 * K, summary: 'The libraries for the perl runtime', files: { '/usr/lib64/perl5/CORE/libperl.so': 1_600 * K } },
  { name: 'perl', epoch: 4, version: '5.16.3', release: '299.el7_9', repo: 'updates', size: 8_000 * K, installedSize: 23 * M, requires: ['perl-libs', 'perl-macros'], summary: 'Practical Extraction and Report Language', bins: { '/usr/bin/perl': 'perl' }, files: { '/usr/share/perl5/strict.pm': 23 * M } },
  { name: 'gpm-libs', version: '1.20.7', release: '6.el7', repo: 'base', size: 32 * K, installedSize: 64 * K, summary: 'Dynamic library for for the gpm', files: { '/usr/lib64/libgpm.so.2.1.0': 64 * K } },
  { name: 'vim-filesystem', epoch: 2, version: '7.4.629', release: '8.el7_9', repo: 'updates', size: 11 * K, installedSize: 0, summary: 'VIM filesystem layout' },
  { name: 'vim-common', epoch: 2, version: '7.4.629', release: '8.el7_9', repo: 'updates', size: 5_900 * K, installedSize: 21 * M, requires: ['vim-filesystem'], summary: 'The common files needed by any version of the VIM editor', files: { '/usr/share/vim/vim74/filetype.vim': 21 * M } },
  { name: 'vim-enhanced', epoch: 2, version: '7.4.629', release: '8.el7_9', repo: 'updates', size: 1_100 * K, installedSize: 2_200 * K, requires: ['vim-common', 'gpm-libs', 'perl', 'perl-libs'], summary: 'A version of the VIM editor which includes recent enhancements', bins: { '/usr/bin/vim': 'vi' } },
  { name: 'fipscheck-lib', version: '1.4.1', release: '6.el7', repo: 'base', size: 11 * K, installedSize: 31 * K, summary: 'Library files for fipscheck', files: { '/usr/lib64/libfipscheck.so.1.2.1': 31 * K } },
  { name: 'fipscheck', version: '1.4.1', release: '6.el7', repo: 'base', size: 21 * K, installedSize: 38 * K, requires: ['fipscheck-lib'], summary: 'A library for integrity verification of FIPS validated modules', bins: { '/usr/bin/fipscheck': '' } },
  { name: 'libedit', version: '3.0', release: '12.20121213cvs.el7', repo: 'base', size: 92 * K, installedSize: 244 * K, summary: 'The NetBSD Editline library', files: { '/usr/lib64/libedit.so.0.0.42': 244 * K } },
  { name: 'openssh', version: '7.4p1', release: '23.el7_9', repo: 'updates', size: 510 * K, installedSize: 1_600 * K, requires: ['fipscheck-lib'], summary: 'An open source implementation of SSH protocol versions 1 and 2', bins: { '/usr/bin/ssh-keygen': '' } },
  { name: 'openssh-clients', version: '7.4p1', release: '23.el7_9', repo: 'updates', size: 655 * K, installedSize: 2_600 * K, requires: ['openssh', 'fipscheck', 'libedit'], summary: 'An open source SSH client applications', bins: { '/usr/bin/ssh': 'ssh', '/usr/bin/scp': '' } },
  { name: 'rsync', version: '3.1.2', release: '12.el7_9', repo: 'updates', size: 408 * K, installedSize: 815 * K, summary: 'A program for synchronizing files over a network', bins: { '/usr/bin/rsync': '' } },
  { name: 'libgnome-keyring', version: '3.12.0', release: '1.el7', repo: 'base', size: 109 * K, installedSize: 558 * K, summary: 'Framework for managing passwords and other secrets', files: { '/usr/lib64/libgnome-keyring.so.0.2.0': 558 * K } },
  { name: 'perl-Error', epoch: 1, version: '0.17020', release: '2.el7', arch: 'noarch', repo: 'base', size: 32 * K, installedSize: 50 * K, requires: ['perl'], summary: 'Error/exception handling in an OO-ish way', files: { '/usr/share/perl5/vendor_perl/Error.pm': 50 * K } },
  { name: 'perl-TermReadKey', version: '2.30', release: '20.el7', repo: 'base', size: 31 * K, installedSize: 59 * K, requires: ['perl'], summary: 'A perl module for simple terminal control', files: { '/usr/lib64/perl5/vendor_perl/Term/ReadKey.pm': 59 * K } },
  { name: 'perl-Git', version: '1.8.3.1', release: '25.el7_9', arch: 'noarch', repo: 'updates', size: 56 * K, installedSize: 59 * K, requires: ['perl', 'perl-Error'], summary: 'Perl interface to Git', files: { '/usr/share/perl5/vendor_perl/Git.pm': 59 * K } },
  { name: 'git', version: '1.8.3.1', release: '25.el7_9', repo: 'updates', size: 4_400 * K, installedSize: 22 * M, requires: ['perl', 'perl-Git', 'perl-Error', 'perl-TermReadKey', 'libgnome-keyring', 'rsync', 'openssh-clients', 'less'], summary: 'Fast Version Control System', bins: { '/usr/bin/git': 'git' } },

  // Python 3.6 (the el7_9 python3 packages).
  { name: 'libtirpc', version: '0.2.4', release: '0.16.el7', repo: 'base', size: 89 * K, installedSize: 196 * K, summary: 'Transport Independent RPC Library', files: { '/usr/lib64/libtirpc.so.1.0.10': 196 * K } },
  { name: 'python3-setuptools', version: '39.2.0', release: '10.el7', arch: 'noarch', repo: 'base', size: 629 * K, installedSize: 3_000 * K, summary: 'Easily build and distribute Python 3 packages', files: { '/usr/lib/python3.6/site-packages/setuptools/__init__.py': 3_000 * K } },
  { name: 'python3-pip', version: '9.0.3', release: '8.el7', arch: 'noarch', repo: 'base', size: 1_600 * K, installedSize: 8_300 * K, requires: ['python3-setuptools'], summary: 'A tool for installing and managing Python3 packages', bins: { '/usr/bin/pip3': '' } },
  { name: 'python3-libs', version: '3.6.8', release: '21.el7_9', repo: 'updates', size: 7_000 * K, installedSize: 32 * M, requires: ['libtirpc'], summary: 'Python runtime libraries', files: { '/usr/lib64/libpython3.6m.so.1.0': 3_200 * K, '/usr/lib64/python3.6/os.py': 29 * M } },
  { name: 'python3', version: '3.6.8', release: '21.el7_9', repo: 'updates', size: 71 * K, installedSize: 39 * K, requires: ['python3-libs', 'python3-pip', 'python3-setuptools'], summary: 'Interpreter of the Python programming language', bins: { '/usr/bin/python3.6': 'python3' } },
];

export function rpmEl7Index(): RpmIndex {
  const packages: RpmPackage[] = ROWS.map((r) => ({ ...r, arch: r.arch ?? 'x86_64', bins: r.bins ?? {}, requires: r.requires ?? [] }));
  return {
    v: PACKAGES_FORMAT_VERSION,
    dist: 'el7',
    releasever: '7',
    // What `yum makecache`-style metadata occupies in /var/cache/yum/x86_64/7 (repomd, primary_db, comps).
    repos: [
      { id: 'base', name: 'CentOS-7 - Base', cacheSize: 36_500_000 },
      { id: 'extras', name: 'CentOS-7 - Extras', cacheSize: 1_400_000 },
      { id: 'updates', name: 'CentOS-7 - Updates', cacheSize: 98_000_000 },
      { id: 'epel', name: 'Extra Packages for Enterprise Linux 7 - x86_64', cacheSize: 39_000_000, from: 'epel-release' },
    ],
    packages,
  };
}
