/**
 * The small images: hello-world (one static binary), busybox (glibc variant: one multi-call binary hard-linked
 * under every applet name, plus the glibc libraries it needs, taken from the bookworm tree) and Alpine
 * (approximated: busybox applet symlinks from Debian's `busybox --list-full`, musl/OpenSSL/apk files with sizes
 * of Alpine's packages). See content/catalog/APPROXIMATIONS.md.
 */

import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentSpec, ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { HELLO_PROGRAM_NAME } from '../../../lib/engine/registry/catalog/helloProgram';
import { busyboxAppletPaths, seedOf } from '../rootfs';

const dir = (path: string, mtime: number, mode = 0o755, uid = 0, gid = 0): ListedEntry => ({ path, type: 'dir', mode, uid, gid, mtime });
const text = (path: string, t: string, mtime: number, mode = 0o644, gid = 0): ListedEntry => ({ path, type: 'file', mode, uid: 0, gid, mtime, content: { kind: 'text', text: t } });
const link = (path: string, target: string, mtime: number): ListedEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime, linkTarget: target });
const bin = (path: string, size: number, program: string, mtime: number, mode = 0o755): ListedEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtime, content: { kind: 'program', size, seed: seedOf(path), program } });
const blob = (path: string, size: number, mtime: number, kind: 'elf' | 'synthetic' = 'elf', mode = 0o755): ListedEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtime, content: { kind, size, seed: seedOf(path) } as ContentSpec });

/** hello-world: `/hello`, a 13,256-byte static binary (hello-world:latest of 2023, d2c94e258dcb, 13.3kB). */
export function helloWorld(mtime: number): ListedEntry[] {
  return [bin('hello', 13256, HELLO_PROGRAM_NAME, mtime, 0o775)];
}

/** The applets of the busybox image: every name of Debian's busybox --list, all in /bin as the official image has them. */
export function busyboxApplets(): string[] {
  return [...new Set(busyboxAppletPaths().map((p) => p.slice(p.lastIndexOf('/') + 1)))].filter((n) => n !== 'busybox').sort();
}

const BUSYBOX_PASSWD =
  'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const BUSYBOX_GROUP =
  'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\nwheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\nwww-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\nusers:x:100:\nnogroup:x:65534:\n';

/**
 * busybox:latest (1.37.0-glibc): /bin/busybox plus hard links for each applet, glibc from the bookworm tree.
 * The busybox binary's size makes the image total the real 4.26 MB.
 */
export function busyboxGlibc(root: string, mtime: number): ListedEntry[] {
  const libs = ['ld-linux-x86-64.so.2', 'libc.so.6', 'libm.so.6', 'libresolv.so.2'];
  const out: ListedEntry[] = [];
  for (const d of ['bin', 'dev', 'etc', 'etc/network', 'home', 'lib', 'lib64', 'root', 'usr', 'usr/sbin', 'var', 'var/spool', 'var/www']) out.push(dir(d, mtime, d === 'root' ? 0o700 : 0o755, d === 'home' ? 65534 : 0, d === 'home' ? 65534 : 0));
  out.push(dir('tmp', mtime, 0o1777), dir('var/spool/mail', mtime, 0o755, 8, 8));
  let libBytes = 0;
  for (const l of libs) {
    const size = lstatSync(join(root, 'usr/lib/x86_64-linux-gnu', l)).size;
    libBytes += size;
    out.push(blob(`lib/${l}`, size, mtime));
  }
  out.push(link('lib64/ld-linux-x86-64.so.2', '/lib/ld-linux-x86-64.so.2', mtime));
  out.push(text('etc/passwd', BUSYBOX_PASSWD, mtime), text('etc/group', BUSYBOX_GROUP, mtime));
  out.push(text('etc/shadow', 'root:*:10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nsys:*:10933:0:99999:7:::\nsync:*:10933:0:99999:7:::\nmail:*:10933:0:99999:7:::\nwww-data:*:10933:0:99999:7:::\noperator:*:10933:0:99999:7:::\nnobody:*:10933:0:99999:7:::\n', mtime, 0o600));
  out.push(text('etc/nsswitch.conf', 'hosts: files dns\nnetworks: files\n', mtime));
  const REAL_TOTAL = 4_260_000;
  const texts = out.reduce((n, e) => n + (e.content?.kind === 'text' ? new TextEncoder().encode(e.content.text).length : 0), 0);
  out.push(bin('bin/busybox', REAL_TOTAL - libBytes - texts, 'busybox', mtime));
  for (const a of busyboxApplets()) out.push({ path: `bin/${a}`, type: 'hardlink', mode: 0o755, uid: 0, gid: 0, mtime, linkTarget: 'bin/busybox' });
  return out;
}

export interface AlpineRelease {
  readonly version: string; // 3.20
  readonly point: string; // 3.20.3
}

/** Alpine's files with sizes of the x86_64 packages of 3.20 (alpine-baselayout, musl, busybox, apk-tools, OpenSSL, zlib, ...). */
const ALPINE_BINARIES: ReadonlyArray<readonly [string, number, string | null]> = [
  ['bin/busybox', 808_712, 'busybox'],
  ['lib/ld-musl-x86_64.so.1', 654_200, null],
  ['lib/libcrypto.so.3', 4_533_880, null],
  ['lib/libssl.so.3', 626_840, null],
  ['lib/libz.so.1.3.1', 100_680, null],
  ['lib/libapk.so.2.14.0', 213_272, null],
  ['sbin/apk', 69_392, 'apk'],
  ['usr/bin/getconf', 38_704, 'getconf'],
  ['usr/bin/getent', 51_728, 'getent'],
  ['usr/bin/iconv', 23_336, 'iconv'],
  ['usr/bin/scanelf', 79_096, 'scanelf'],
  ['usr/bin/ssl_client', 14_024, 'ssl_client'],
  ['usr/lib/engines-3/afalg.so', 22_280, null],
  ['usr/lib/engines-3/capi.so', 14_104, null],
  ['usr/lib/engines-3/loader_attic.so', 63_840, null],
  ['usr/lib/engines-3/padlock.so', 14_096, null],
  ['usr/lib/ossl-modules/legacy.so', 133_504, null],
];

export const ALPINE_PASSWD =
  'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\nuucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\nftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\ngames:x:35:35:games:/usr/games:/sbin/nologin\nntp:x:123:123:NTP:/var/empty:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n';
export const ALPINE_GROUP =
  'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n';

/**
 * Applets Alpine's BusyBox has and Debian's (whose --list-full gives the rest) is built without: the account tools
 * Alpine Dockerfiles use (`addgroup -S app && adduser -S -G app app`), installed where BusyBox puts them.
 */
const ALPINE_ONLY_APPLETS = ['usr/sbin/addgroup', 'usr/sbin/adduser', 'usr/sbin/delgroup', 'usr/sbin/deluser'];

export function alpineRoot(rel: AlpineRelease, mtime: number): ListedEntry[] {
  const out: ListedEntry[] = [];
  for (const d of ['bin', 'dev', 'etc', 'etc/apk', 'etc/apk/keys', 'etc/apk/protected_paths.d', 'etc/conf.d', 'etc/crontabs', 'etc/init.d', 'etc/logrotate.d', 'etc/modprobe.d', 'etc/modules-load.d', 'etc/network', 'etc/network/if-down.d', 'etc/network/if-post-down.d', 'etc/network/if-pre-up.d', 'etc/network/if-up.d', 'etc/opt', 'etc/periodic', 'etc/periodic/15min', 'etc/periodic/daily', 'etc/periodic/hourly', 'etc/periodic/monthly', 'etc/periodic/weekly', 'etc/profile.d', 'etc/secfixes.d', 'etc/ssl', 'etc/ssl/certs', 'etc/ssl/misc', 'etc/ssl/private', 'etc/sysctl.d', 'home', 'lib', 'lib/apk', 'lib/apk/db', 'lib/apk/exec', 'lib/firmware', 'lib/modules-load.d', 'lib/sysctl.d', 'media', 'media/cdrom', 'media/floppy', 'media/usb', 'mnt', 'opt', 'proc', 'run', 'sbin', 'srv', 'sys', 'usr', 'usr/bin', 'usr/lib', 'usr/lib/engines-3', 'usr/lib/ossl-modules', 'usr/local', 'usr/local/bin', 'usr/local/lib', 'usr/local/share', 'usr/sbin', 'usr/share', 'usr/share/apk', 'usr/share/apk/keys', 'usr/share/man', 'usr/share/misc', 'usr/share/udhcpc', 'var', 'var/cache', 'var/cache/apk', 'var/cache/misc', 'var/empty', 'var/lib', 'var/lib/misc', 'var/local', 'var/lock', 'var/lock/subsys', 'var/log', 'var/mail', 'var/opt', 'var/spool', 'var/spool/cron', 'var/www']) {
    out.push(dir(d, mtime, d === 'root' ? 0o700 : 0o755));
  }
  out.push(dir('root', mtime, 0o700), dir('tmp', mtime, 0o1777), dir('var/tmp', mtime, 0o1777));
  out.push(link('var/run', '../run', mtime), link('var/spool/mail', '../mail', mtime), link('etc/mtab', '../proc/self/mounts', mtime));
  for (const [path, size, program] of ALPINE_BINARIES) out.push(program ? bin(path, size, program, mtime) : blob(path, size, mtime));
  out.push(link('lib/libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1', mtime), link('lib/libz.so.1', 'libz.so.1.3.1', mtime), link('usr/bin/ldd', '../../lib/ld-musl-x86_64.so.1', mtime));
  out.push(link('etc/ssl/cert.pem', 'certs/ca-certificates.crt', mtime));
  out.push(blob('etc/ssl/certs/ca-certificates.crt', 219_342, mtime, 'synthetic', 0o644));
  // apk's database (lib/apk/db/installed, scripts.tar, triggers) is left out until the package catalog can write it.
  out.push({ path: 'lib/apk/db/lock', type: 'file', mode: 0o600, uid: 0, gid: 0, mtime });
  // busybox applets: symlinks to /bin/busybox at the paths busybox installs them (Debian's --list-full).
  for (const p of [...busyboxAppletPaths(), ...ALPINE_ONLY_APPLETS].sort()) {
    if (p === 'bin/busybox') continue;
    out.push(link(p, '/bin/busybox', mtime));
  }
  const osRelease = `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${rel.point}\nPRETTY_NAME="Alpine Linux v${rel.version}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`;
  out.push(
    text('etc/os-release', osRelease, mtime),
    link('usr/lib/os-release', '../../etc/os-release', mtime),
    text('etc/alpine-release', `${rel.point}\n`, mtime),
    text('etc/issue', `Welcome to Alpine Linux ${rel.version}\nKernel \\r on an \\m (\\l)\n\n`, mtime),
    text('etc/motd', `Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n`, mtime),
    text('etc/passwd', ALPINE_PASSWD, mtime),
    text('etc/group', ALPINE_GROUP, mtime),
    text('etc/shadow', ALPINE_PASSWD.split('\n').filter((l) => l !== '').map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '!'}::0:::::`).join('\n') + '\n', mtime, 0o640, 42),
    text('etc/hostname', 'localhost\n', mtime),
    text('etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n', mtime),
    text('etc/fstab', '/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n', mtime),
    text('etc/profile', 'export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n\nexport PAGER=less\numask 022\n\n# use nicer PS1 for bash and busybox ash\nif [ -n "$BASH_VERSION" -o "$BB_ASH_VERSION" ]; then\n\tPS1=\'\\h:\\w\\$ \'\n# use nicer PS1 for zsh\nelif [ -n "$ZSH_VERSION" ]; then\n\tPS1=\'%m:%~%# \'\n# set up fallback default PS1\nelse\n\t: "${HOSTNAME:=$(hostname)}"\n\tPS1=\'${HOSTNAME%%.*}:$PWD\'\n\t[ "$(id -u)" -eq 0 ] && PS1="${PS1}# " || PS1="${PS1}\\$ "\nfi\n\nfor script in /etc/profile.d/*.sh ; do\n\tif [ -r "$script" ] ; then\n\t\t. "$script"\n\tfi\ndone\nunset script\n', mtime),
    text('etc/apk/world', 'alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\nlibcrypto3\nlibssl3\nmusl\nmusl-utils\nscanelf\nssl_client\nzlib\n', mtime),
    text('etc/apk/repositories', `https://dl-cdn.alpinelinux.org/alpine/v${rel.version}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v${rel.version}/community\n`, mtime),
    text('etc/apk/arch', 'x86_64\n', mtime),
    text('etc/crontabs/root', '# do daily/weekly/monthly maintenance\n# min\thour\tday\tmonth\tweekday\tcommand\n*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min\n0\t*\t*\t*\t*\trun-parts /etc/periodic/hourly\n0\t2\t*\t*\t*\trun-parts /etc/periodic/daily\n0\t3\t*\t*\t6\trun-parts /etc/periodic/weekly\n0\t5\t1\t*\t*\trun-parts /etc/periodic/monthly\n', mtime, 0o600),
  );
  return out;
}
