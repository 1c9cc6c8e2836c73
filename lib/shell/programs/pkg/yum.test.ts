import { describe, expect, test } from 'vitest';
import { programOf } from '../../../engine/fs/executable';
import { pkgTest } from './testing/pkgHarness';
import { calcColumns, rpmLine, yumSize } from './yumFormat';

const HEAD = 'Loaded plugins: fastestmirror, ovl\n';
const MIRRORS = ' * base: vault.centos.org\n * extras: vault.centos.org\n * updates: vault.centos.org\n';
const RULE = '='.repeat(80);

describe('yum in centos:7', () => {
  test('yum install -y httpd on a fresh image: resolution, table, key import, transaction, Installed lists', async () => {
    const t = await pkgTest();
    const r = await t.run('centos:7', 'yum install -y httpd');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('warning: /var/cache/yum/x86_64/7/updates/packages/httpd-2.4.6-99.el7.centos.1.x86_64.rpm: Header V3 RSA/SHA256 Signature, key ID f4a80eb5: NOKEY\n');
    expect(r.stdout).toBe(
      HEAD +
        'Determining fastest mirrors\n' +
        MIRRORS +
        'Resolving Dependencies\n--> Running transaction check\n---> Package httpd.x86_64 0:2.4.6-99.el7.centos.1 will be installed\n' +
        ['apr', 'apr-util', 'httpd-tools', 'mailcap', 'centos-logos'].map((d) => `--> Processing Dependency: ${d} for package: httpd-2.4.6-99.el7.centos.1.x86_64\n`).join('') +
        '--> Running transaction check\n' +
        '---> Package apr.x86_64 0:1.4.8-7.el7 will be installed\n---> Package apr-util.x86_64 0:1.5.2-6.el7_9.1 will be installed\n---> Package httpd-tools.x86_64 0:2.4.6-99.el7.centos.1 will be installed\n---> Package mailcap.noarch 0:2.1.41-2.el7 will be installed\n---> Package centos-logos.noarch 0:70.0.6-3.el7.centos will be installed\n' +
        '--> Finished Dependency Resolution\n\nDependencies Resolved\n\n' +
        `${RULE}\n Package           Arch        Version                       Repository    Size\n${RULE}\n` +
        'Installing:\n httpd             x86_64      2.4.6-99.el7.centos.1         updates      2.6 M\n' +
        'Installing for dependencies:\n' +
        ' apr               x86_64      1.4.8-7.el7                   base         104 k\n' +
        ' apr-util          x86_64      1.5.2-6.el7_9.1               updates       92 k\n' +
        ' centos-logos      noarch      70.0.6-3.el7.centos           base          21 M\n' +
        ' httpd-tools       x86_64      2.4.6-99.el7.centos.1         updates       94 k\n' +
        ' mailcap           noarch      2.1.41-2.el7                  base          31 k\n' +
        `\nTransaction Summary\n${RULE}\nInstall  1 Package (+5 Dependent packages)\n\n` +
        'Total download size: 24 M\nInstalled size: 32 M\nDownloading packages:\nDelta RPMs disabled because /usr/bin/applydeltarpm not installed.\n' +
        'Public key for httpd-2.4.6-99.el7.centos.1.x86_64.rpm is not installed\n' +
        `${'-'.repeat(80)}\nTotal                                           9.3 MB/s |  24 MB  00:00:02     \n` +
        'Retrieving key from file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7\nImporting GPG key 0xF4A80EB5:\n Userid     : "CentOS-7 Key (CentOS 7 Official Signing Key) <security@centos.org>"\n Fingerprint: 6341 ab27 53d7 8a78 a7c2 7bb1 4b1f 2d0e f4a8 0eb5\n Package    : centos-release-7-9.2009.0.el7.centos.x86_64 (@CentOS)\n From       : /etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7\n' +
        'Running transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n' +
        '  Installing : apr-1.4.8-7.el7.x86_64                                       1/6 \n' +
        '  Installing : apr-util-1.5.2-6.el7_9.1.x86_64                              2/6 \n' +
        '  Installing : httpd-tools-2.4.6-99.el7.centos.1.x86_64                     3/6 \n' +
        '  Installing : mailcap-2.1.41-2.el7.noarch                                  4/6 \n' +
        '  Installing : centos-logos-70.0.6-3.el7.centos.noarch                      5/6 \n' +
        '  Installing : httpd-2.4.6-99.el7.centos.1.x86_64                           6/6 \n' +
        '  Verifying  : apr-1.4.8-7.el7.x86_64                                       1/6 \n' +
        '  Verifying  : apr-util-1.5.2-6.el7_9.1.x86_64                              2/6 \n' +
        '  Verifying  : httpd-tools-2.4.6-99.el7.centos.1.x86_64                     3/6 \n' +
        '  Verifying  : mailcap-2.1.41-2.el7.noarch                                  4/6 \n' +
        '  Verifying  : centos-logos-70.0.6-3.el7.centos.noarch                      5/6 \n' +
        '  Verifying  : httpd-2.4.6-99.el7.centos.1.x86_64                           6/6 \n' +
        `\nInstalled:\n  ${'httpd.x86_64 0:2.4.6-99.el7.centos.1'.padEnd(78)}\n` +
        '\nDependency Installed:\n' +
        ['apr.x86_64 0:1.4.8-7.el7', 'apr-util.x86_64 0:1.5.2-6.el7_9.1', 'centos-logos.noarch 0:70.0.6-3.el7.centos', 'httpd-tools.x86_64 0:2.4.6-99.el7.centos.1', 'mailcap.noarch 0:2.1.41-2.el7'].map((l) => `  ${l.padEnd(78)}\n`).join('') +
        '\nComplete!\n',
    );
    const fs = r.container.overlay;
    expect(programOf(fs.readFile('/usr/sbin/httpd'))).toBe('httpd');
    expect(new TextDecoder().decode(fs.readFile('/var/log/yum.log')).split('\n')[0]).toMatch(/^\w{3} \d\d \d\d:\d\d:\d\d Installed: apr-1\.4\.8-7\.el7\.x86_64$/);
    const paths = r.container.changes().map((c) => `${c.kind} ${c.path}`);
    expect(paths).toContain('A /var/cache/yum/x86_64/7/updates/gen/primary_db.sqlite');
    expect(paths.some((p) => /^A \/var\/lib\/yum\/yumdb\/h\/[0-9a-f]{40}-httpd-2\.4\.6-99\.el7\.centos\.1-x86_64$/.test(p))).toBe(true);
  }, 60_000);

  test('an unknown name: No package ngin available. and Error: Nothing to do (exit 1), nothing installed', async () => {
    const t = await pkgTest();
    const r = await t.run('centos:7', 'yum install -y ngin; echo "status $?"; rpm -q ngin httpd; echo "status $?"');
    expect(r.stdout).toBe(`${HEAD}Determining fastest mirrors\n${MIRRORS}No package ngin available.\nstatus 1\npackage ngin is not installed\npackage httpd is not installed\nstatus 1\n`);
    expect(r.stderr).toBe('Error: Nothing to do\n');
  }, 60_000);

  test('nginx comes from EPEL: unavailable until epel-release adds the repository, then installed with its key', async () => {
    const t = await pkgTest();
    const r = await t.run('centos:7', 'yum install -y nginx >/dev/null 2>&1; echo "first $?"; yum -y install epel-release >/dev/null && yum install -y nginx && rpm -q nginx curl && rpm -qa | grep gpg-pubkey');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('first 1');
    expect(r.stdout).toContain(`${HEAD}Loading mirror speeds from cached hostfile\n * base: vault.centos.org\n * epel: mirrors.kernel.org\n * extras: vault.centos.org\n * updates: vault.centos.org\nResolving Dependencies\n`);
    expect(r.stdout).toContain('--> Processing Dependency: nginx-filesystem for package: 1:nginx-1.20.1-10.el7.x86_64\n');
    expect(r.stdout).toContain('Installing:\n nginx                  x86_64       1:1.20.1-10.el7           epel       588 k\nInstalling for dependencies:\n centos-logos           noarch       70.0.6-3.el7.centos       base        21 M\n');
    expect(r.stdout).toContain('Importing GPG key 0x352C64E5:\n Userid     : "Fedora EPEL (7) <epel@fedoraproject.org>"\n');
    expect(r.stdout).toContain(`\nInstalled:\n  ${'nginx.x86_64 1:1.20.1-10.el7'.padEnd(78)}\n`);
    expect(r.stdout.endsWith('nginx-1.20.1-10.el7.x86_64\ncurl-7.29.0-59.el7.x86_64\ngpg-pubkey-f4a80eb5-53a7ff4b\ngpg-pubkey-352c64e5-52ae6884\n')).toBe(true);
    expect(r.stderr).toBe(
      'warning: /var/cache/yum/x86_64/7/extras/packages/epel-release-7-11.noarch.rpm: Header V3 RSA/SHA256 Signature, key ID f4a80eb5: NOKEY\n' +
        'warning: /var/cache/yum/x86_64/7/epel/packages/nginx-1.20.1-10.el7.x86_64.rpm: Header V3 RSA/SHA256 Signature, key ID 352c64e5: NOKEY\n',
    );
  }, 60_000);

  test('already installed, yum clean all, update', async () => {
    const t = await pkgTest();
    const r = await t.run('centos:7', 'yum install -y curl && yum clean all && ls /var/cache/yum/x86_64/7/base && yum update -y');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `${HEAD}Determining fastest mirrors\n${MIRRORS}Package curl-7.29.0-59.el7.x86_64 already installed and latest version\nNothing to do\n` +
        `${HEAD}Cleaning repos: base extras updates\nCleaning up list of fastest mirrors\ngen\npackages\n` +
        `${HEAD}Determining fastest mirrors\n${MIRRORS}No packages marked for update\n`,
    );
  }, 60_000);

  test('without -y and no answer: Exiting on user command, the transaction saved in /tmp (exit 1), nothing installed', async () => {
    const t = await pkgTest();
    const r = await t.run('centos:7', 'yum install wget </dev/null; echo "status $?"; ls /tmp; rpm -q wget');
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Is this ok [y/d/N]: Exiting on user command');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('Your transaction was saved, rerun it with:');
    const saved = /^ yum load-transaction (\/tmp\/yum_save_tx\.2026-11-23\.10-00\.[a-z0-9_]{6}\.yumtx)$/.exec(lines[at + 2]!);
    expect(saved).not.toBeNull();
    expect(lines.slice(at + 3)).toEqual(['status 1', saved![1]!.slice(5), 'package wget is not installed', '']);
  }, 60_000);

  test('as a user, yum refuses; centos:6 finds no mirrors', async () => {
    const t = await pkgTest();
    const u = await t.run('centos:7', 'yum install -y wget', { user: 'nobody' });
    expect(u).toMatchObject({ status: 1, stdout: HEAD, stderr: 'You need to be root to perform this command.\n' });
    const six = await t.run('centos:6', 'yum install -y httpd');
    expect(six.status).toBe(1);
    expect(six.stdout).toBe(`${HEAD}Setting up Install Process\nDetermining fastest mirrors\n`);
    expect(six.stderr).toBe('YumRepo Error: All mirror URLs are not using ftp, http[s] or file.\n Eg. Invalid release/repo/arch combination/\nremoving mirrorlist with no valid mirrors: /var/cache/yum/x86_64/6/base/mirrorlist.txt\nError: Cannot find a valid baseurl for repo: base\n');
  }, 60_000);

  test('without the package archives the mirrorlist cannot be resolved (exit 1)', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('centos:7', 'yum install -y httpd');
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Could not retrieve mirrorlist http://mirrorlist.centos.org/?release=7&arch=x86_64&repo=os&infra=container error was');
    expect(r.stderr.endsWith('Cannot find a valid baseurl for repo: base/7/x86_64\n')).toBe(true);
  }, 60_000);
});

describe('yum text layout', () => {
  test('format_number', () => {
    expect(yumSize(104 * 1024)).toBe('104 k');
    expect(yumSize(2_700 * 1024)).toBe('2.6 M');
    expect(yumSize(615)).toBe('615.0  '.slice(0, 0) + '615  ');
    expect(yumSize(615, true)).toBe('615  ');
    expect(yumSize(24 * 1024 * 1024, true)).toBe('24 M');
  });
  test('calcColumns gives the spare width where it helps most rows, the rest evenly', () => {
    const m = (pairs: Array<[number, number]>) => new Map(pairs);
    const cols = calcColumns([m([[5, 1], [3, 1]]), new Map(), m([[11, 2]]), m([[4, 2]]), new Map()], [1, 6, 1, 1, 5], 2, '  ');
    expect(cols.reduce((a, b) => a + b, 0) + 4 + 2).toBe(80);
    expect(cols[4]).toBe(5);
  });
  test('rpm callback lines fill 79 columns plus the trailing space', () => {
    const line = rpmLine('Installing', 'apr-1.4.8-7.el7.x86_64', 1, 6);
    expect(line).toBe(`  Installing : ${'apr-1.4.8-7.el7.x86_64'.padEnd(58)}   1/6 \n`);
    expect(line.length).toBe(81);
  });
});

describe('yum in mysql:5.7 (Oracle Linux 7-slim)', () => {
  test('only the ovl plugin, no mirror lines, the table rows come from ol7_latest; clean names the image repositories', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:5.7', 'yum install -y tree && rpm -q tree && yum clean all && ls /var/cache/yum/x86_64');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Loaded plugins: ovl\nResolving Dependencies\n--> Running transaction check\n---> Package tree.x86_64 0:1.6.0-10.el7 will be installed\n--> Finished Dependency Resolution\n\nDependencies Resolved\n\n' +
        `${RULE}\n Package       Arch            Version                Repository           Size\n${RULE}\n` +
        'Installing:\n tree          x86_64          1.6.0-10.el7           ol7_latest           46 k\n' +
        `\nTransaction Summary\n${RULE}\nInstall  1 Package\n\nTotal download size: 46 k\nInstalled size: 87 k\n` +
        'Downloading packages:\nDelta RPMs disabled because /usr/bin/applydeltarpm not installed.\n' +
        'Running transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n' +
        `  Installing : ${'tree-1.6.0-10.el7.x86_64'.padEnd(58)}   1/1 \n  Verifying  : ${'tree-1.6.0-10.el7.x86_64'.padEnd(58)}   1/1 \n` +
        `\nInstalled:\n  ${'tree.x86_64 0:1.6.0-10.el7'.padEnd(78)}\n\nComplete!\n` +
        'tree-1.6.0-10.el7.x86_64\n' +
        'Loaded plugins: ovl\nCleaning repos: mysql-tools-community mysql5.7-server-minimal ol7_latest\n7Server\n',
    );
  }, 60_000);

  test('without the package archives the first repository by id fails at its baseurl', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('mysql:5.7', 'yum install -y tree');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('Loaded plugins: ovl\n');
    const curl = 'https://repo.mysql.com/yum/mysql-tools-community/el/7/x86_64/repodata/repomd.xml: [Errno 14] curl#6 - "Could not resolve host: repo.mysql.com; Unknown error"\n';
    expect(r.stderr.startsWith(`${curl}Trying other mirror.\n\n\n One of the configured repositories failed (MySQL Tools Community),\n`)).toBe(true);
    expect(r.stderr).toContain('            yum --disablerepo=mysql-tools-community ...\n');
    expect(r.stderr.endsWith(`            yum-config-manager --save --setopt=mysql-tools-community.skip_if_unavailable=true\n\nfailure: repodata/repomd.xml from mysql-tools-community: [Errno 256] No more mirrors to try.\n${curl}`)).toBe(true);
  }, 60_000);
});

describe('rpm on the EL images', () => {
  test('-ql, -qf, -e (refused while needed, then erased), --version', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'centos:7',
      'yum install -y tree vim-enhanced >/dev/null 2>&1; rpm -ql tree vim-filesystem; rpm -qf /usr/bin/tree /etc/hostname /nope; echo "qf $?"; rpm -e vim-common; echo "e $?"; rpm -e ngin; rpm -e tree && rpm -q tree; ls /usr/bin/tree; rpm -e bash; rpm --version; rpm -qi bash',
    );
    expect(r.stdout).toBe(
      '/usr/bin/tree\n(contains no files)\ntree-1.6.0-10.el7.x86_64\nfile /etc/hostname is not owned by any package\nqf 1\ne 1\npackage tree is not installed\nRPM version 4.11.3\n',
    );
    expect(r.stderr).toBe(
      'error: file /nope: No such file or directory\n' +
        'error: Failed dependencies:\n\tvim-common is needed by (installed) vim-enhanced-2:7.4.629-8.el7_9.x86_64\n' +
        'error: package ngin is not installed\n' +
        "ls: cannot access '/usr/bin/tree': No such file or directory\n" +
        'rpm: erasing bash, a package of the image itself, is not simulated by layerlab\n' +
        'rpm -qi: not simulated by layerlab\n',
    );
  }, 60_000);
});
