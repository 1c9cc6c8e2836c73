import { describe, expect, test } from 'vitest';
import { PackageCatalog } from '../../../engine/packages/PackageCatalog';
import { nodePackageSource } from '../../../engine/packages/testing/nodePackageSource';
import { aptListLines } from './aptList';
import { parseStanzas } from './dpkgStatus';
import { pkgTest } from './testing/pkgHarness';

// Line formats as apt 2.6.1 prints them to a pipe (checked on this machine's apt with a private Dir::State and a
// hand-made dpkg status): `name/archive[,now] version arch [state]`, sorted by name, globs on names.
describe('apt list', () => {
  test('before update only dpkg knows the packages: [installed,local]; after it, the archive names the pocket', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', "apt list --installed 'bas*'; apt-get update -qq; apt list bash 'nginx*' wget nosuch");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'Listing...\nbase-files/now 12.4+deb12u15 amd64 [installed,local]\nbase-passwd/now 3.6.1 amd64 [installed,local]\nbash/now 5.2.15-2+b13 amd64 [installed,local]\n' +
        'Listing...\nbash/oldstable,now 5.2.15-2+b13 amd64 [installed]\nnginx/oldstable-security 1.22.1-9+deb12u11 amd64\nnginx-common/oldstable-security 1.22.1-9+deb12u11 all\nwget/oldstable 1.21.3-1+deb12u1 amd64\n',
    );
    expect(r.stderr).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n'.repeat(2));
  });

  test('on Ubuntu the archive names are the configured pockets (the packages stay Debian\'s)', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'ubuntu:22.04',
      "rm -f /etc/apt/sources.list.d/*; printf 'deb http://archive.ubuntu.com/ubuntu jammy main\\ndeb http://security.ubuntu.com/ubuntu jammy-security main\\n' > /etc/apt/sources.list; apt-get update -qq; apt list 'nginx*' wget 2>/dev/null",
    );
    expect(r.stdout).toBe('Listing...\nnginx/jammy-security 1.22.1-9+deb12u11 amd64\nnginx-common/jammy-security 1.22.1-9+deb12u11 all\nwget/jammy 1.21.3-1+deb12u1 amd64\n');
  });

  test('--installed marks what apt pulled in as automatic; --upgradable and the default list show newer versions', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'debian:bookworm',
      "apt-get update -qq && apt-get install -qq -y wget >/dev/null 2>&1; apt list --installed wget 'libpsl*' ca-certificates 2>/dev/null; " +
        "sed -i 's/^Version: 1.21.3-1+deb12u1$/Version: 1.21.3-1/' /var/lib/dpkg/status; apt list --upgradable 'wg*' 2>/dev/null; apt list --installed wget 2>/dev/null; apt list wget 2>/dev/null",
    );
    expect(r.stdout).toBe(
      'Listing...\nca-certificates/oldstable-security,now 20250419~deb12u2 all [installed,automatic]\nlibpsl5/oldstable,now 0.21.2-1 amd64 [installed,automatic]\nwget/oldstable,now 1.21.3-1+deb12u1 amd64 [installed]\n' +
        'Listing...\nwget/oldstable 1.21.3-1+deb12u1 amd64 [upgradable from: 1.21.3-1]\n' +
        'Listing...\nwget/now 1.21.3-1 amd64 [installed,upgradable to: 1.21.3-1+deb12u1]\n' +
        'Listing...\nwget/oldstable 1.21.3-1+deb12u1 amd64 [upgradable from: 1.21.3-1]\n',
    );
  });

  test('apt-get has no list command', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get list');
    expect(r).toMatchObject({ status: 100, stdout: '', stderr: 'E: Invalid operation list\n' });
  });

  test('on a terminal the names are green, as apt 2.6.1 paints them under script(1)', async () => {
    const archive = await new PackageCatalog(nodePackageSource()).debian();
    const installed = parseStanzas('Package: wget\nStatus: install ok installed\nVersion: 1.21.3-1\nArchitecture: amd64\n\nPackage: curl\nStatus: install ok installed\nVersion: 7.88.1-10+deb12u15\nArchitecture: amd64\n');
    const input = { installed, archive, auto: new Set<string>(), archiveName: () => 'oldstable', tty: true };
    expect(aptListLines(input, { installed: false, upgradable: false, manual: false }, ['wget', 'curl', 'nginx'])).toBe(
      '\x1b[32mcurl\x1b[0m/oldstable,now 7.88.1-10+deb12u15 amd64 [installed]\n\x1b[32mnginx\x1b[0m/oldstable 1.22.1-9+deb12u11 amd64\n\x1b[32mwget\x1b[0m/oldstable 1.21.3-1+deb12u1 amd64 [upgradable from: 1.21.3-1]\n',
    );
  });
});
