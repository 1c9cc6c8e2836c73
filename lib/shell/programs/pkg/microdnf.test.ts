import { describe, expect, test } from 'vitest';
import { programOf } from '../../../engine/fs/executable';
import { pkgTest } from './testing/pkgHarness';

/** mysql:8 enables four repositories: its two MySQL ones and Oracle Linux 8's baseos and appstream. */
const META = 'Downloading metadata...\n'.repeat(4);
const SUMMARY = (install: number, remove: number) =>
  `Transaction Summary:\n Installing:      ${String(install).padStart(3)} packages\n Reinstalling:      0 packages\n Upgrading:         0 packages\n Obsoleting:        0 packages\n Removing:        ${String(remove).padStart(3)} packages\n Downgrading:       0 packages\n`;

describe('microdnf in mysql:8 (Oracle Linux 8-slim)', () => {
  test('microdnf install -y vim: vim-enhanced and its requirements, table, transaction, Complete.', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'microdnf install -y vim && rpm -q vim-enhanced vim-common');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      META +
        'Package                                          Repository       Size\n' +
        'Installing:                                                           \n' +
        ' gpm-libs-1.20.7-17.el8.x86_64                   ol8_appstream 39.9 kB\n' +
        ' vim-common-2:8.0.1763-19.0.1.el8_6.4.x86_64     ol8_appstream  6.5 MB\n' +
        ' vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64   ol8_appstream  1.4 MB\n' +
        ' vim-filesystem-2:8.0.1763-19.0.1.el8_6.4.noarch ol8_appstream 51.2 kB\n' +
        SUMMARY(4, 0) +
        'Downloading packages...\nRunning transaction test...\n' +
        'Installing: vim-filesystem;2:8.0.1763-19.0.1.el8_6.4;noarch;ol8_appstream\n' +
        'Installing: vim-common;2:8.0.1763-19.0.1.el8_6.4;x86_64;ol8_appstream\n' +
        'Installing: gpm-libs;1.20.7-17.el8;x86_64;ol8_appstream\n' +
        'Installing: vim-enhanced;2:8.0.1763-19.0.1.el8_6.4;x86_64;ol8_appstream\n' +
        'Complete.\n' +
        'vim-enhanced-8.0.1763-19.0.1.el8_6.4.x86_64\nvim-common-8.0.1763-19.0.1.el8_6.4.x86_64\n',
    );
    const fs = r.container.overlay;
    expect(programOf(fs.readFile('/usr/bin/vim'))).toBe('vim');
    const paths = r.container.changes().map((c) => `${c.kind} ${c.path}`);
    expect(paths).toContain('A /usr/lib64/libgpm.so.2.1.0');
    expect(paths.some((p) => /^A \/var\/cache\/yum\/metadata\/ol8_appstream-[0-9a-f]{16}\/repodata\/primary\.xml\.gz$/.test(p))).toBe(true);
    expect(paths.some((p) => /^A \/var\/lib\/dnf\/yumdb\/v\/[0-9a-f]{40}-vim-enhanced-8\.0\.1763-19\.0\.1\.el8_6\.4-x86_64$/.test(p))).toBe(true);
  }, 60_000);

  test('installed programs run: procps-ng brings ps', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'ps >/dev/null 2>&1; echo "before $?"; microdnf install -y procps-ng >/dev/null && ps -o comm');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('before 127\nCOMMAND\nsh\nps\n');
  }, 60_000);

  test('an unknown name: error: No package matches, exit 1, nothing installed', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'microdnf install -y ngin vim; echo "status $?"; rpm -q vim-enhanced');
    expect(r.stdout).toBe(`${META}status 1\npackage vim-enhanced is not installed\n`);
    expect(r.stderr).toBe("error: No package matches 'ngin'\n");
  }, 60_000);

  test('already installed: Nothing to do.; update finds nothing; clean all empties the cache', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'microdnf install -y bash which && microdnf update && microdnf clean all && ls -A /var/cache/yum');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${META}Nothing to do.\n${META}Nothing to do.\nComplete.\n`);
  }, 60_000);

  test('remove takes what needs the package along, without fetching metadata; the image packages are refused', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'microdnf install -y vim >/dev/null && microdnf remove vim-common && ls /usr/bin/vim; microdnf remove bash; echo "bash $?"; microdnf remove nano; echo "nano $?"');
    expect(r.stdout).toBe(
      'Package                                        Repository    Size\n' +
        'Removing:                                                        \n' +
        ' vim-common-2:8.0.1763-19.0.1.el8_6.4.x86_64   @System    28.3 MB\n' +
        ' vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64 @System     3.1 MB\n' +
        SUMMARY(0, 2) +
        'Running transaction test...\n' +
        'Removing: vim-enhanced;2:8.0.1763-19.0.1.el8_6.4;x86_64;installed\n' +
        'Removing: vim-common;2:8.0.1763-19.0.1.el8_6.4;x86_64;installed\n' +
        'Complete.\nbash 1\nnano 1\n',
    );
    expect(r.stderr).toBe(
      "ls: cannot access '/usr/bin/vim': No such file or directory\n" +
        'error: The operation would result in removing the following protected packages: bash\n' +
        'error: The transaction was empty\n',
    );
  }, 60_000);

  test('argument errors: no command, unknown command, clean without all, install without names', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'microdnf; microdnf frobnicate; microdnf clean; microdnf clean packages; microdnf clean all extra; microdnf install; echo "last $?"');
    expect(r.stdout).toBe('last 1\n');
    expect(r.stderr).toBe(
      "This is microdnf, which implements subset of `dnf'.\nerror: No command specified\n" +
        "This is microdnf, which implements subset of `dnf'.\nerror: Unknown command: 'frobnicate'\n" +
        'error: Clean requires argument: all\n' +
        "error: Invalid clean argument: 'packages'\n" +
        'error: Too many arguments. Clean accepts only one argument.\n' +
        'error: Packages are not specified\n',
    );
  }, 60_000);

  test('repolist (no metadata fetched) and repoquery (available by default, --installed reads the rpmdb)', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', "microdnf repolist; microdnf repolist --disabled; microdnf repoquery 'vim*'; microdnf install -y nano >/dev/null; microdnf repoquery --installed 'NANO' bash; microdnf repolist extra");
    expect(r.stdout).toBe(
      'repo id                 repo name                                 \n' +
        'mysql-tools-community   MySQL Tools Community                     \n' +
        'mysql8.0-server-minimal MySQL 8.0 Server Minimal                  \n' +
        'ol8_appstream           Oracle Linux 8 Application Stream (x86_64)\n' +
        'ol8_baseos_latest       Oracle Linux 8 BaseOS Latest (x86_64)     \n' +
        META +
        'vim-common-2:8.0.1763-19.0.1.el8_6.4.x86_64\nvim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64\nvim-filesystem-2:8.0.1763-19.0.1.el8_6.4.noarch\nvim-minimal-2:8.0.1763-19.0.1.el8_6.4.x86_64\n' +
        'bash-4.4.20-4.el8_6.x86_64\nnano-2.9.8-1.el8.x86_64\n',
    );
    expect(r.stderr).toBe('error: Unknown argument extra\n');
  }, 60_000);

  test('without the package archives the first repository cannot be fetched', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('mysql:8', 'microdnf install -y vim');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('Downloading metadata...\n');
    expect(r.stderr).toBe(
      "error: cannot update repo 'mysql-tools-community': Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried; Last error: Curl error (6): Couldn't resolve host name for https://repo.mysql.com/yum/mysql-tools-community/el/8/x86_64/repodata/repomd.xml [Could not resolve host: repo.mysql.com]\n",
    );
  }, 60_000);
});
