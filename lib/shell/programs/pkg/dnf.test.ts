import { describe, expect, test } from 'vitest';
import { executableHeader } from '../../../engine/fs/executable';
import { pkgTest } from './testing/pkgHarness';

/** No catalog image ships dnf: mysql:8's Oracle Linux 8 root (el8 repositories) with a dnf binary added. */
const DNF = { '/usr/bin/dnf': executableHeader('dnf') };
const RULE = '='.repeat(80);
const CHECK = 'Last metadata expiration check: 0:00:00 ago on Mon Nov 23 10:00:00 2026.\n';
const METADATA =
  'MySQL Tools Community                           9.3 MB/s |  88 kB     00:00    \n' +
  'MySQL 8.0 Server Minimal                        9.3 MB/s |  88 kB     00:00    \n' +
  'Oracle Linux 8 Application Stream (x86_64)      9.3 MB/s | 113 MB     00:12    \n' +
  'Oracle Linux 8 BaseOS Latest (x86_64)           9.3 MB/s |  74 MB     00:07    \n';
const TRANSACTION = 'Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n';
const line = (action: string, pkg: string, n: string) => `  ${action.padEnd(17)}: ${pkg.padEnd(52)}   ${n} \n`;
const VIM = ['vim-filesystem-2:8.0.1763-19.0.1.el8_6.4.noarch', 'vim-common-2:8.0.1763-19.0.1.el8_6.4.x86_64', 'gpm-libs-1.20.7-17.el8.x86_64', 'vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64'];
const SORTED = ['gpm-libs-1.20.7-17.el8.x86_64', 'vim-common-2:8.0.1763-19.0.1.el8_6.4.x86_64', 'vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64', 'vim-filesystem-2:8.0.1763-19.0.1.el8_6.4.noarch'];

describe('dnf on an Enterprise Linux 8 root', () => {
  test('dnf install -y vim: metadata, table, summary, downloads, transaction, Installed, Complete!', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'dnf install -y vim', { files: DNF });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      METADATA +
        CHECK +
        'Dependencies resolved.\n' +
        `${RULE}\n Package          Arch     Version                        Repository       Size\n${RULE}\n` +
        'Installing:\n vim-enhanced     x86_64   2:8.0.1763-19.0.1.el8_6.4      ol8_appstream   1.4 M\n' +
        'Installing dependencies:\n' +
        ' gpm-libs         x86_64   1.20.7-17.el8                  ol8_appstream    39 k\n' +
        ' vim-common       x86_64   2:8.0.1763-19.0.1.el8_6.4      ol8_appstream   6.2 M\n' +
        ' vim-filesystem   noarch   2:8.0.1763-19.0.1.el8_6.4      ol8_appstream    50 k\n' +
        `\nTransaction Summary\n${RULE}\nInstall  4 Packages\n\nTotal download size: 7.6 M\nInstalled size: 30 M\n` +
        'Downloading Packages:\n' +
        '(1/4): gpm-libs-1.20.7-17.el8.x86_64.rpm        9.3 MB/s |  39 kB     00:00    \n' +
        '(2/4): vim-filesystem-8.0.1763-19.0.1.el8_6.4.n 9.3 MB/s |  50 kB     00:00    \n' +
        '(3/4): vim-enhanced-8.0.1763-19.0.1.el8_6.4.x86 9.3 MB/s | 1.4 MB     00:00    \n' +
        '(4/4): vim-common-8.0.1763-19.0.1.el8_6.4.x86_6 9.3 MB/s | 6.2 MB     00:00    \n' +
        `${'-'.repeat(80)}\nTotal                                           9.3 MB/s | 7.6 MB     00:00     \n` +
        TRANSACTION +
        line('Preparing', '', '1/1') +
        VIM.map((p, i) => line('Installing', p, `${i + 1}/4`)).join('') +
        VIM.map((p, i) => line('Verifying', p, `${i + 1}/4`)).join('') +
        `\nInstalled:\n${SORTED.map((p) => `  ${p.padEnd(78)}\n`).join('')}\nComplete!\n`,
    );
    expect(r.container.changes().map((c) => `${c.kind} ${c.path}`)).toContain('A /usr/bin/vim');
  }, 60_000);

  test('fresh metadata is reused; already installed and unknown names; dnf stays absent from centos:7', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'dnf install -y vim >/dev/null; dnf install -y vim ngin; echo "status $?"; dnf install -y which', { files: DNF });
    expect(r.stdout).toBe(
      `${CHECK}Package vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64 is already installed.\nNo match for argument: ngin\nstatus 1\n` +
        `${CHECK}Package which-2.21-18.el8.x86_64 is already installed.\nDependencies resolved.\nNothing to do.\nComplete!\n`,
    );
    expect(r.stderr).toBe('Error: Unable to find a match: ngin\n');
    const seven = await t.run('centos:7', 'dnf install -y httpd');
    expect(seven).toMatchObject({ status: 127, stdout: '' });
    expect(seven.stderr).toMatch(/dnf: (command )?not found\n$/);
  }, 60_000);

  test('remove takes the unused dependencies along (clean_requirements_on_remove); no prompt answer aborts', async () => {
    const t = await pkgTest();
    const r = await t.run('mysql:8', 'dnf install -y vim >/dev/null && dnf remove -y vim-enhanced && dnf clean all && dnf install nano </dev/null; echo "status $?"; ls /usr/bin/nano', { files: DNF });
    const row = (n: string, a: string, v: string, s: string) => ` ${n.padEnd(16)} ${a}   ${v.padEnd(29)} @ol8_appstream ${s.padStart(7)}\n`;
    expect(r.stdout).toBe(
      'Dependencies resolved.\n' +
        `${RULE}\n Package          Arch     Version                       Repository        Size\n${RULE}\n` +
        `Removing:\n${row('vim-enhanced', 'x86_64', '2:8.0.1763-19.0.1.el8_6.4', '2.9 M')}` +
        `Removing unused dependencies:\n${row('gpm-libs', 'x86_64', '1.20.7-17.el8', '68 k')}${row('vim-common', 'x86_64', '2:8.0.1763-19.0.1.el8_6.4', '27 M')}${row('vim-filesystem', 'noarch', '2:8.0.1763-19.0.1.el8_6.4', '40 k')}` +
        `\nTransaction Summary\n${RULE}\nRemove  4 Packages\n\nFreed space: 30 M\n` +
        TRANSACTION +
        line('Preparing', '', '1/1') +
        ['vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64', 'vim-common-2:8.0.1763-19.0.1.el8_6.4.x86_64', 'gpm-libs-1.20.7-17.el8.x86_64', 'vim-filesystem-2:8.0.1763-19.0.1.el8_6.4.noarch'].map((p, i) => line('Erasing', p, `${i + 1}/4`)).join('') +
        ['vim-enhanced-2:8.0.1763-19.0.1.el8_6.4.x86_64', 'vim-common-2:8.0.1763-19.0.1.el8_6.4.x86_64', 'gpm-libs-1.20.7-17.el8.x86_64', 'vim-filesystem-2:8.0.1763-19.0.1.el8_6.4.noarch'].map((p, i) => line('Verifying', p, `${i + 1}/4`)).join('') +
        `\nRemoved:\n${SORTED.map((p) => `  ${p.padEnd(78)}\n`).join('')}\nComplete!\n` +
        '12 files removed\n' +
        METADATA +
        CHECK +
        'Dependencies resolved.\n' +
        `${RULE}\n Package     Arch          Version               Repository                Size\n${RULE}\n` +
        'Installing:\n nano        x86_64        2.9.8-1.el8           ol8_baseos_latest        581 k\n' +
        `\nTransaction Summary\n${RULE}\nInstall  1 Package\n\nTotal download size: 581 k\nInstalled size: 2.3 M\nIs this ok [y/N]: status 1\n`,
    );
    expect(r.stderr).toBe("Operation aborted.\nls: cannot access '/usr/bin/nano': No such file or directory\n");
  }, 60_000);

  test('without the package archives the first repository cannot be fetched', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('mysql:8', 'dnf install -y vim', { files: DNF });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('MySQL Tools Community                           0.0  B/s |   0  B     00:00    \n');
    expect(r.stderr).toBe(
      "Errors during downloading metadata for repository 'mysql-tools-community':\n  - Curl error (6): Couldn't resolve host name for https://repo.mysql.com/yum/mysql-tools-community/el/8/x86_64/repodata/repomd.xml [Could not resolve host: repo.mysql.com]\n" +
        "Error: Failed to download metadata for repo 'mysql-tools-community': Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried\n",
    );
  }, 60_000);
});
