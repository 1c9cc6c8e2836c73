/**
 * Lays out the learner's host filesystem: a small Debian-like tree (merged /usr), users and groups, device nodes,
 * and one binary per simulated program in /usr/bin. Only FsClient calls, so any backend can hold it.
 */

import { executableHeader } from '../../engine/fs/executable';
import type { FsClient } from '../../engine/fs/Types';
import { DEVICE_NODES, DEVICES } from '../../engine/process/Machine';
import { encodeText } from '../../engine/process/text';
import { GROUPS, HOST_GROUP, HOST_HOSTNAME, HOST_PASSWD, HOST_SHADOW, LEARNER } from './users';

export interface HostRootfsOptions {
  /** Program names to install as /usr/bin binaries (the registry's names). */
  readonly programs: readonly string[];
  readonly hostname?: string;
}

const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

/** `fs` must be a root view. */
export function populateHostRootfs(fs: FsClient, options: HostRootfsOptions): void {
  const dir = (path: string, mode = 0o755, uid = 0, gid = 0) => {
    fs.mkdir(path, mode);
    fs.chmod(path, mode);
    if (uid !== 0 || gid !== 0) fs.chown(path, uid, gid);
  };
  const file = (path: string, text: string, mode = 0o644) => {
    fs.writeFile(path, encodeText(text), { mode });
    fs.chmod(path, mode);
  };

  for (const d of ['/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/local/sbin', '/usr/share', '/etc', '/var', '/var/lib', '/var/log', '/var/cache', '/opt', '/srv', '/mnt', '/media', '/run', '/proc', '/sys', '/home', '/dev']) {
    dir(d);
  }
  dir('/root', 0o700);
  dir('/tmp', 0o1777);
  dir('/var/tmp', 0o1777);
  fs.symlink('usr/bin', '/bin');
  fs.symlink('usr/sbin', '/sbin');
  fs.symlink('usr/lib', '/lib');

  file('/etc/passwd', HOST_PASSWD);
  file('/etc/group', HOST_GROUP);
  // Readable by root and group shadow only, as on Debian: `cat /etc/shadow` needs sudo.
  file('/etc/shadow', HOST_SHADOW, 0o640);
  fs.chown('/etc/shadow', 0, GROUPS.shadow);
  file('/etc/hostname', `${options.hostname ?? HOST_HOSTNAME}\n`);
  file('/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${options.hostname ?? HOST_HOSTNAME}\n::1\tlocalhost ip6-localhost ip6-loopback\n`);
  file('/etc/os-release', OS_RELEASE);
  file('/etc/shells', '/bin/sh\n/bin/bash\n/usr/bin/sh\n/usr/bin/bash\n');

  for (const [name, rdev, mode] of [...DEVICE_NODES, ['console', DEVICES.console, 0o600] as const]) {
    fs.mknod(`/dev/${name}`, 'chardev', mode, rdev);
    fs.chmod(`/dev/${name}`, mode);
  }
  fs.symlink('/proc/self/fd', '/dev/fd');

  for (const name of options.programs) {
    if (name === 'busybox') continue;
    const path = `/usr/bin/${name}`;
    fs.writeFile(path, executableHeader(name), { mode: 0o755 });
    fs.chmod(path, 0o755);
  }
  // Debian's /bin/sh is dash when we have it.
  if (!options.programs.includes('sh')) fs.symlink(options.programs.includes('dash') ? 'dash' : 'bash', '/usr/bin/sh');

  dir(LEARNER.home, 0o755, LEARNER.uid, LEARNER.gid);
  const home = (rel: string, text: string) => {
    const p = `${LEARNER.home}/${rel}`;
    file(p, text);
    fs.chown(p, LEARNER.uid, LEARNER.gid);
  };
  home('.bashrc', '# ~/.bashrc: executed by bash for interactive shells.\nalias ll=\'ls -l\'\n');
  home('.profile', '# ~/.profile: executed by the login shell.\n');
}
