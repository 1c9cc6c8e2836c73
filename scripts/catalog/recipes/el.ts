/**
 * Enterprise Linux roots (CentOS 6 and 7, Oracle Linux 7-slim and 8-slim, the bases of the mysql images),
 * approximated from the bookworm file list: Debian's packaging (dpkg, apt, debconf) removed, libraries moved from
 * /usr/lib/x86_64-linux-gnu to /usr/lib64, docs dropped (the images install with tsflags=nodocs), and the
 * distribution's own identity, users, yum/microdnf configuration and rpm database added. CentOS 6 keeps a split
 * /usr. See content/catalog/APPROXIMATIONS.md.
 */

import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { relocate } from './buildpack';
import type { RootContext } from './debian';
import { bin, blob, dir, link, mergeEntries, splitUsr, text } from './layout';
import { bullseyeTree } from './python2';

export type ElFlavor = 'centos6' | 'centos7' | 'ol7-slim' | 'ol8-slim';

const DEBIAN_ONLY = [
  'etc/apt', 'var/lib/apt', 'var/cache/apt', 'var/lib/dpkg', 'etc/dpkg', 'usr/lib/apt', 'usr/share/debconf', 'var/cache/debconf', 'etc/debconf.conf',
  'usr/share/perl5/Debconf', 'usr/share/perl5/Debian', 'etc/debian_version', 'usr/lib/os-release', 'etc/os-release', 'etc/issue', 'etc/issue.net', 'etc/update-motd.d',
  'usr/share/doc', 'usr/share/man', 'usr/share/info', 'usr/share/lintian', 'usr/share/bug', 'etc/passwd', 'etc/group', 'etc/shadow', 'etc/gshadow',
  'usr/share/base-files', 'usr/share/debianutils',  'etc/cron.daily', 'var/cache/ldconfig', 'usr/sbin/policy-rc.d',
  // dash: EL's /bin/sh is bash (linked in elRoot); `sh -c nosuch` says bash's `command not found`.
  'usr/bin/dash', 'usr/share/menu',
  // Debian-only tools and their configuration: adduser's Perl scripts (EL's adduser is a link to useradd),
  // debianutils (tempfile, ischroot, savelog, run-parts, add-shell...), sensible-utils, init-system-helpers
  // (invoke-rc.d, update-rc.d, service, deb-systemd-*), start-stop-daemon, Debian's shadow/PAM helpers.
  'etc/adduser.conf', 'etc/deluser.conf', 'usr/sbin/adduser', 'usr/sbin/deluser', 'usr/sbin/addgroup', 'usr/sbin/delgroup', 'var/cache/adduser', 'usr/share/adduser',
  'usr/bin/tempfile', 'usr/bin/ischroot', 'usr/bin/savelog', 'usr/bin/run-parts', 'usr/bin/which.debianutils', 'usr/sbin/add-shell', 'usr/sbin/remove-shell', 'usr/sbin/update-shells', 'usr/sbin/installkernel',
  'usr/bin/sensible-browser', 'usr/bin/sensible-editor', 'usr/bin/sensible-pager', 'usr/bin/select-editor', 'usr/share/sensible-utils',
  'usr/bin/deb-systemd-helper', 'usr/bin/deb-systemd-invoke', 'usr/sbin/invoke-rc.d', 'usr/sbin/update-rc.d', 'usr/sbin/service', 'usr/sbin/start-stop-daemon',
  'usr/sbin/cpgr', 'usr/sbin/cppw', 'usr/sbin/shadowconfig', 'usr/sbin/update-passwd', 'usr/sbin/pam-auth-update', 'usr/sbin/pam_getenv', 'usr/share/pam-configs', 'etc/pam.conf',
  'usr/sbin/rmt', 'usr/sbin/rmt-tar', 'etc/rmt', 'usr/sbin/dpkg-fsys-usrunmess',
  // Debian's alternatives (awk -> mawk, which, pager, rmt): EL links awk to gawk and has a plain which.
  'etc/alternatives', 'usr/bin/mawk', 'usr/bin/nawk', 'usr/bin/awk', 'usr/bin/which', 'usr/bin/pager',
  // Debian's identity and layout bits: timezone name file, bash.bashrc (EL has /etc/bashrc), the multiarch
  // ld.so.conf.d entries, kernel hooks, terminfo README, Debian's keyrings. The base images have no Perl.
  'etc/timezone', 'etc/bash.bashrc', 'etc/ld.so.conf.d/x86_64-linux-gnu.conf', 'etc/ld.so.conf.d/libc.conf', 'etc/kernel', 'etc/terminfo', 'usr/share/keyrings',
  'usr/bin/perl', 'usr/bin/perl5.36.0', 'usr/lib/x86_64-linux-gnu/perl-base', 'usr/share/perl5',
  // Newer than EL's packages or Debian's alone: e2scrub (e2fsprogs 1.45+), gai.conf and xattr.conf in /etc,
  // Debian's rcS.d and its hwclock.sh init script (EL keeps init scripts in /etc/rc.d, see elRoot).
  'etc/e2scrub.conf', 'etc/gai.conf', 'etc/xattr.conf', 'etc/rcS.d', 'etc/init.d', ...[0, 1, 2, 3, 4, 5, 6].map((n) => `etc/rc${n}.d`),
];
const debianOnly = (p: string) => DEBIAN_ONLY.some((d) => p === d || p.startsWith(`${d}/`)) || /^usr\/(s?bin)\/(dpkg|apt|debconf|update-alternatives|dpkg-|apt-)/.test(p) || /^usr\/bin\/(dpkg|apt)[-\w]*$/.test(p);

const ARCH_DIR = 'usr/lib/x86_64-linux-gnu';
function lib64(e: ListedEntry): ListedEntry {
  const move = (p: string) => (p === ARCH_DIR ? 'usr/lib64' : p.startsWith(`${ARCH_DIR}/`) ? `usr/lib64/${p.slice(ARCH_DIR.length + 1)}` : p);
  const target = e.linkTarget === undefined ? undefined : e.type === 'hardlink' ? move(e.linkTarget) : e.linkTarget.replace('/lib/x86_64-linux-gnu/', '/lib64/').replace(/^(\.\.\/)*x86_64-linux-gnu\//, '');
  return { ...e, path: move(e.path), ...(target !== undefined ? { linkTarget: target } : {}) };
}

/** Debian entries in EL's layout (lib64 for libraries); a symlink never shadows a real file at the same path. */
export function elLayout(entries: readonly ListedEntry[]): ListedEntry[] {
  const byPath = new Map<string, ListedEntry>();
  for (const e of entries.filter((x) => !debianOnly(x.path)).map(lib64)) {
    const had = byPath.get(e.path);
    if (had && had.type !== 'symlink' && e.type === 'symlink') continue;
    byPath.set(e.path, e);
  }
  return [...byPath.values()];
}

const CENTOS_PASSWD =
  'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nadm:x:3:4:adm:/var/adm:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/spool/mail:/sbin/nologin\noperator:x:11:0:operator:/root:/sbin/nologin\ngames:x:12:100:games:/usr/games:/sbin/nologin\nftp:x:14:50:FTP User:/var/ftp:/sbin/nologin\nnobody:x:99:99:Nobody:/:/sbin/nologin\n';
const CENTOS7_EXTRA_USERS = 'systemd-network:x:192:192:systemd Network Management:/:/sbin/nologin\ndbus:x:81:81:System message bus:/:/sbin/nologin\n';
const CENTOS_GROUP =
  'root:x:0:\nbin:x:1:\ndaemon:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmem:x:8:\nkmem:x:9:\nwheel:x:10:\ncdrom:x:11:\nmail:x:12:\nman:x:15:\ndialout:x:18:\nfloppy:x:19:\ngames:x:20:\ntape:x:33:\nvideo:x:39:\nftp:x:50:\nlock:x:54:\naudio:x:63:\nnobody:x:99:\nusers:x:100:\nutmp:x:22:\nutempter:x:35:\n';
const CENTOS7_EXTRA_GROUPS = 'input:x:999:\nsystemd-journal:x:190:\nsystemd-network:x:192:\ndbus:x:81:\n';

/** The users and groups of the release, with `extra` users appended (as groupadd/useradd would). */
export function elAccounts(flavor: ElFlavor, mtime: number, extra: { passwd?: string; group?: string } = {}): ListedEntry[] {
  const seven = flavor !== 'centos6';
  const passwd = CENTOS_PASSWD + (seven ? CENTOS7_EXTRA_USERS : '') + (extra.passwd ?? '');
  const group = CENTOS_GROUP + (seven ? CENTOS7_EXTRA_GROUPS : '') + (extra.group ?? '');
  const names = (t: string) => t.split('\n').filter((l) => l !== '').map((l) => l.split(':')[0]!);
  const days = seven ? 18_579 : 17_746;
  return [
    text('etc/passwd', passwd, mtime),
    text('etc/group', group, mtime),
    text('etc/shadow', names(passwd).map((n) => `${n}:${n === 'root' ? '!!' : '*'}:${days}:0:99999:7:::`).join('\n') + '\n', mtime, 0o000),
    text('etc/gshadow', names(group).map((n) => `${n}:::`).join('\n') + '\n', mtime, 0o000),
  ];
}

interface Identity {
  readonly release: string; // "CentOS Linux release 7.9.2009 (Core)"
  readonly releaseFile: string; // centos-release / oracle-release
  readonly osRelease?: string;
  readonly pkgManager: 'yum' | 'microdnf';
  readonly python?: string; // python2.7 / python2.6 (yum's interpreter)
  /** Bytes of /usr/lib/locale/locale-archive (chosen so the image totals the real size). */
  readonly localeArchive: number;
  readonly rpmdb: number;
}

const IDENTITY: Record<ElFlavor, Identity> = {
  centos7: {
    release: 'CentOS Linux release 7.9.2009 (Core)', releaseFile: 'centos-release', pkgManager: 'yum', python: 'python2.7', localeArchive: 80_000_000, rpmdb: 9_300_000,
    osRelease: 'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:7"\nHOME_URL="https://www.centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\n\nCENTOS_MANTISBT_PROJECT="CentOS-7"\nCENTOS_MANTISBT_PROJECT_VERSION="7"\nREDHAT_SUPPORT_PRODUCT="centos"\nREDHAT_SUPPORT_PRODUCT_VERSION="7"\n\n',
  },
  centos6: { release: 'CentOS release 6.10 (Final)', releaseFile: 'centos-release', pkgManager: 'yum', python: 'python2.6', localeArchive: 71_500_000, rpmdb: 7_800_000 },
  'ol7-slim': {
    release: 'Oracle Linux Server release 7.9', releaseFile: 'oracle-release', pkgManager: 'yum', python: 'python2.7', localeArchive: 3_000_000, rpmdb: 6_200_000,
    osRelease: 'NAME="Oracle Linux Server"\nVERSION="7.9"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="7.9"\nPRETTY_NAME="Oracle Linux Server 7.9"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:oracle:linux:7:9:server"\nHOME_URL="https://linux.oracle.com/"\nBUG_REPORT_URL="https://github.com/oracle/oracle-linux"\n\nORACLE_BUGZILLA_PRODUCT="Oracle Linux 7"\nORACLE_BUGZILLA_PRODUCT_VERSION=7.9\nORACLE_SUPPORT_PRODUCT="Oracle Linux"\nORACLE_SUPPORT_PRODUCT_VERSION=7.9\n',
  },
  'ol8-slim': {
    release: 'Oracle Linux Server release 8.9', releaseFile: 'oracle-release', pkgManager: 'microdnf', localeArchive: 3_000_000, rpmdb: 5_400_000,
    osRelease: 'NAME="Oracle Linux Server"\nVERSION="8.9"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\nVERSION_ID="8.9"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="Oracle Linux Server 8.9"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:oracle:linux:8:9:server"\nHOME_URL="https://linux.oracle.com/"\nBUG_REPORT_URL="https://github.com/oracle/oracle-linux"\n\nORACLE_BUGZILLA_PRODUCT="Oracle Linux 8"\nORACLE_BUGZILLA_PRODUCT_VERSION=8.9\nORACLE_SUPPORT_PRODUCT="Oracle Linux"\nORACLE_SUPPORT_PRODUCT_VERSION=8.9\n',
  },
};

function yumConf(flavor: ElFlavor): string {
  const distro = flavor.startsWith('centos') ? 'centos-release' : 'oraclelinux-release';
  return `[main]\ncachedir=/var/cache/yum/$basearch/$releasever\nkeepcache=0\ndebuglevel=2\nlogfile=/var/log/yum.log\nexactarch=1\nobsoletes=1\ngpgcheck=1\nplugins=1\ninstallonly_limit=5\n${flavor.startsWith('centos') ? 'bugtracker_url=http://bugs.centos.org/set_project.php?project_id=23&ref=http://bugs.centos.org/bug_report_page.php?category=yum\n' : ''}distroverpkg=${distro}\noverride_install_langs=en_US.utf8\ntsflags=nodocs\n`;
}

function repoFile(flavor: ElFlavor): [string, string] {
  if (flavor === 'ol8-slim' || flavor === 'ol7-slim') {
    const name = flavor === 'ol8-slim' ? 'oracle-linux-ol8.repo' : 'oracle-linux-ol7.repo';
    const body = flavor === 'ol8-slim'
      ? `[ol8_baseos_latest]\nname=Oracle Linux 8 BaseOS Latest ($basearch)\nbaseurl=https://yum$ociregion.$ocidomain/repo/OracleLinux/OL8/baseos/latest/$basearch/\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-oracle\ngpgcheck=1\nenabled=1\n\n[ol8_appstream]\nname=Oracle Linux 8 Application Stream ($basearch)\nbaseurl=https://yum$ociregion.$ocidomain/repo/OracleLinux/OL8/appstream/$basearch/\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-oracle\ngpgcheck=1\nenabled=1\n`
      : `[ol7_latest]\nname=Oracle Linux $releasever Latest ($basearch)\nbaseurl=https://yum$ociregion.$ocidomain/repo/OracleLinux/OL7/latest/$basearch/\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-oracle\ngpgcheck=1\nenabled=1\n`;
    return [name, body];
  }
  const v = flavor === 'centos7' ? '7' : '6';
  const repo = (id: string, name: string, repoName: string, enabled: boolean) =>
    `[${id}]\nname=CentOS-$releasever - ${name}\nmirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=${repoName}${v === '7' ? '&infra=$infra' : ''}\n#baseurl=http://mirror.centos.org/centos/$releasever/${repoName}/$basearch/\ngpgcheck=1\n${enabled ? '' : 'enabled=0\n'}gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-${v}\n`;
  return ['CentOS-Base.repo', `# CentOS-Base.repo\n#\n# The mirror system uses the connecting IP address of the client and the\n# update status of each mirror to pick mirrors that are updated to and\n# geographically close to the client.  You should use this for CentOS updates\n# unless you are manually picking other mirrors.\n#\n\n${repo('base', 'Base', 'os', true)}\n#released updates \n${repo('updates', 'Updates', 'updates', true)}\n#additional packages that may be useful\n${repo('extras', 'Extras', 'extras', true)}\n#additional packages that extend functionality of existing packages\n${repo('centosplus', 'Plus', 'centosplus', false)}`];
}

/** The root layer of an EL image from a bookworm list (`full` for CentOS, `slim` for the -slim bases). */
export function elRoot(ctx: RootContext, debianList: readonly ListedEntry[], flavor: ElFlavor, mtime: number): ListedEntry[] {
  const id = IDENTITY[flavor];
  let out = elLayout(debianList);
  const pm = id.pkgManager;
  const [repoName, repoText] = repoFile(flavor);
  const add: ListedEntry[] = [
    dir('usr/lib64', mtime), dir('etc/pki', mtime), dir('etc/pki/rpm-gpg', mtime), dir('var/lib/rpm', mtime), dir('usr/lib/locale', mtime),
    text(`etc/${id.releaseFile}`, `${id.release}\n`, mtime),
    link('etc/redhat-release', id.releaseFile, mtime),
    link('etc/system-release', id.releaseFile, mtime),
    ...elAccounts(flavor, mtime),
    text('etc/shells', '/bin/sh\n/bin/bash\n/sbin/nologin\n/usr/bin/sh\n/usr/bin/bash\n/usr/sbin/nologin\n', mtime),
    // EL's awk is gawk (running the simulated awk) and which is GNU which, both plain files in /usr/bin.
    bin('usr/bin/gawk', 428_576, 'awk', mtime),
    link('usr/bin/awk', 'gawk', mtime),
    bin('usr/bin/which', 24_640, 'which', mtime),
    link('usr/sbin/adduser', 'useradd', mtime),
    // SysV init directories live in /etc/rc.d; /etc/init.d and /etc/rcN.d are links into it (chkconfig/initscripts).
    dir('etc/rc.d', mtime), dir('etc/rc.d/init.d', mtime), link('etc/init.d', 'rc.d/init.d', mtime),
    ...[0, 1, 2, 3, 4, 5, 6].flatMap((n) => [dir(`etc/rc.d/rc${n}.d`, mtime), link(`etc/rc${n}.d`, `rc.d/rc${n}.d`, mtime)]),
    bin('usr/bin/rpm', 12_000, 'rpm', mtime),
    blob('var/lib/rpm/Packages', id.rpmdb, mtime, 'synthetic'),
    blob('usr/lib/locale/locale-archive', id.localeArchive, mtime, 'synthetic'),
    // Signing keys: synthetic bytes of an armored key's size (we do not reproduce key material).
    blob(`etc/pki/rpm-gpg/RPM-GPG-KEY-${flavor.startsWith('centos') ? `CentOS-${flavor === 'centos7' ? '7' : '6'}` : 'oracle'}`, 1_690, mtime, 'synthetic'),
  ];
  if (id.osRelease !== undefined) add.push(text('usr/lib/os-release', id.osRelease, mtime), link('etc/os-release', '../usr/lib/os-release', mtime));
  if (pm === 'yum') {
    add.push(text('etc/yum.conf', yumConf(flavor), mtime), dir('etc/yum.repos.d', mtime), text(`etc/yum.repos.d/${repoName}`, repoText, mtime), bin('usr/bin/yum', 801, 'yum', mtime), dir('var/lib/yum', mtime), dir('var/cache/yum', mtime));
  } else {
    add.push(dir('etc/dnf', mtime), text('etc/dnf/dnf.conf', '[main]\ngpgcheck=1\ninstallonly_limit=3\nclean_requirements_on_remove=True\nbest=True\nskip_if_unavailable=False\n', mtime), dir('etc/yum.repos.d', mtime), text(`etc/yum.repos.d/${repoName}`, repoText, mtime), bin('usr/bin/microdnf', 95_000, 'microdnf', mtime), dir('var/lib/dnf', mtime), dir('var/cache/dnf', mtime));
  }
  if (id.python !== undefined) {
    // yum's interpreter: Debian bullseye's Python 2.7 tree standing in for the release's python (2.7 or 2.6).
    const tree = bullseyeTree();
    add.push(
      bin(`usr/bin/${id.python}`, 7_216, 'python2', mtime),
      link('usr/bin/python2', id.python, mtime),
      link('usr/bin/python', 'python2', mtime),
      ...relocate(tree, 'usr/lib/python2.7', `usr/lib64/${id.python}`, mtime).filter((e) => !/\.py[co]$/.test(e.path) && !/(^|\/)(test|tests)(\/|$)/.test(e.path) && !e.path.includes('dist-packages')),
    );
  }
  out = mergeEntries(out, add);
  if (flavor === 'centos6') out = splitUsr(out, ctx.root, mtime);
  // /bin/sh is bash on EL (bash's own link); CentOS 6 has a real /bin, the others /bin -> usr/bin.
  const sh = flavor === 'centos6' ? 'bin/sh' : 'usr/bin/sh';
  return mergeEntries(out.filter((e) => e.path !== 'usr/bin/sh' && e.path !== 'bin/sh'), [link(sh, 'bash', mtime)]);
}

