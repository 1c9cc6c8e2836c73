import { describe, expect, test } from 'vitest';
import { pkgTest } from './testing/pkgHarness';

// Expected texts follow apt 2.6.1 / dpkg 1.21 on a bookworm host (same layouts, this image's versions).
describe('apt-cache in debian:bookworm', () => {
  test('policy on a fresh image: the status file only; referenced names are known without versions', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-cache policy bash bash-completion nosuchpkg; apt-cache policy');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      'bash:\n  Installed: 5.2.15-2+b13\n  Candidate: 5.2.15-2+b13\n  Version table:\n *** 5.2.15-2+b13 100\n        100 /var/lib/dpkg/status\n' +
        'bash-completion:\n  Installed: (none)\n  Candidate: (none)\n  Version table:\n' +
        'Package files:\n 100 /var/lib/dpkg/status\n     release a=now\nPinned packages:\n',
    );
  });

  test('after update: candidates from the archive, multi-arch names, madison and the package files', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-cache policy nginx libc6 && apt-cache madison curl nosuchpkg && apt-cache policy | head -5');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      'nginx:\n  Installed: (none)\n  Candidate: 1.22.1-9+deb12u11\n  Version table:\n     1.22.1-9+deb12u11 500\n        500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages\n' +
        'libc6:amd64:\n  Installed: 2.36-9+deb12u14\n  Candidate: 2.36-9+deb12u14\n  Version table:\n *** 2.36-9+deb12u14 500\n        500 http://deb.debian.org/debian bookworm/main amd64 Packages\n        100 /var/lib/dpkg/status\n' +
        '      curl | 7.88.1-10+deb12u15 | http://deb.debian.org/debian bookworm/main amd64 Packages\n' +
        'Package files:\n 100 /var/lib/dpkg/status\n     release a=now\n 500 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages\n     release v=12,o=Debian,a=oldstable-security,n=bookworm-security,l=Debian-Security,c=main,b=amd64\n',
    );
  });

  test('show, depends, search; unknown names: E: No packages found (exit 100)', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-cache show curl | tail -3 && apt-cache depends curl && apt-cache search "^nginx" && apt-cache show nosuchpkg');
    expect(r.status).toBe(100);
    expect(r.stdout).toBe(
      'Filename: pool/main/c/curl/curl_7.88.1-10+deb12u15_amd64.deb\nSize: 315764\n\n' +
        'curl\n  Depends: libc6\n  Depends: libcurl4\n  Depends: zlib1g\n' +
        'nginx - small, powerful, scalable web/proxy server\nnginx-common - small, powerful, scalable web/proxy server - common files\n',
    );
    expect(r.stderr).toBe('E: No packages found\n');
    const s = await t.run('debian:bookworm', 'apt-cache search; echo $?; apt-cache depends bash | grep Suggests; apt-cache search "gnu bourne"');
    expect(s.stdout).toBe('100\n  Suggests: <bash-doc>\nbash - GNU Bourne Again SHell\n');
    expect(s.stderr).toBe('E: You must give at least one search pattern\n');
  });
});

describe('dpkg-query in debian:bookworm', () => {
  test('-W: binary:Package and Version, sorted; -f with widths; unmatched patterns exit 1', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', `dpkg-query -W libc6 bash nosuchpkg; echo $?; dpkg-query -W -f='\${Package;-10}|\${Version;14}|\${db:Status-Abbrev}|\${binary:Summary}\\n' bash; dpkg-query -W | wc -l`);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4).join('\n')).toBe('bash\t5.2.15-2+b13\nlibc6:amd64\t2.36-9+deb12u14\n1\nbash      |  5.2.15-2+b13|ii |GNU Bourne Again SHell');
    // Every record of the image's status file, one line each.
    expect(Number(lines[4])).toBe(88);
    expect(r.stderr).toBe('dpkg-query: no packages found matching nosuchpkg\n');
  });

  test('-l, -s and -L are dpkg\'s; no action: exit 2', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'dpkg-query -l bash nosuchpkg | tail -1; dpkg-query -s bash | head -2; dpkg-query; echo $?');
    expect(r.stdout).toBe('ii  bash           5.2.15-2+b13 amd64        GNU Bourne Again SHell\nPackage: bash\nEssential: yes\n2\n');
    expect(r.stderr).toBe('dpkg-query: no packages found matching nosuchpkg\ndpkg-query: error: need an action option\n\nUse --help for help about querying packages.\n');
  });
  test('-S: an absolute path exactly, a bare name as a substring, globs over whole paths; misses exit 1, no pattern 2', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'dpkg -S /bin/ls; dpkg-query -S lsblk; dpkg -S "/usr/bin/ls*"; dpkg -S /nonexist; echo "rc=$?"; dpkg -S; echo "rc=$?"; dpkg -S /bin/ | head -c 30; echo');
    expect(r.stdout).toBe(
      'coreutils: /bin/ls\nutil-linux: /bin/lsblk\nutil-linux: /usr/share/bash-completion/completions/lsblk\nutil-linux: /usr/share/man/man8/lsblk.8.gz\n' +
        'e2fsprogs: /usr/bin/lsattr\nutil-linux: /usr/bin/lscpu\nutil-linux: /usr/bin/lsipc\nutil-linux: /usr/bin/lslocks\nutil-linux: /usr/bin/lslogins\nutil-linux: /usr/bin/lsmem\nutil-linux: /usr/bin/lsns\n' +
        'util-linux-extra: /usr/bin/lsfd\nutil-linux-extra: /usr/bin/lsirq\nrc=1\nrc=2\nutil-linux, tar, sysvinit-util\n',
    );
    expect(r.stderr).toBe('dpkg-query: no path found matching pattern /nonexist\ndpkg-query: error: --search needs at least one file name pattern argument\n\nUse --help for help about querying packages.\n');
  });
});

describe('apt-mark and apt-key in debian:bookworm', () => {
  test('auto/manual in extended_states, hold in dpkg selections (dpkg -l shows hi)', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'debian:bookworm',
      'apt-mark auto bash gzip; apt-mark auto bash; apt-mark manual gzip; cat /var/lib/apt/extended_states; apt-mark showauto; apt-mark hold bash; apt-mark hold bash; apt-mark showhold; dpkg -l bash | tail -1; apt-mark unhold bash; apt-mark unhold bash; apt-mark showhold; apt-mark hold nosuchpkg',
    );
    expect(r.stdout).toBe(
      'bash set to automatically installed.\ngzip set to automatically installed.\nbash was already set to automatically installed.\ngzip set to manually installed.\n' +
        'Package: bash\nArchitecture: amd64\nAuto-Installed: 1\n\nPackage: gzip\nArchitecture: amd64\nAuto-Installed: 0\n\n' +
        'bash\nbash set on hold.\nbash was already set on hold.\nbash\nhi  bash           5.2.15-2+b13 amd64        GNU Bourne Again SHell\nCanceled hold on bash.\nbash was already not on hold.\n',
    );
    expect(r.stderr).toBe('E: Unable to locate package nosuchpkg\nE: No packages found\n');
    expect(r.status).toBe(100);
  });

  test('showmanual: packages apt-get install pulled in are auto; a non-root user cannot mark', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install -y -qq curl >/dev/null 2>&1; apt-mark showmanual curl libcurl4; apt-mark showauto | grep -c .; apt-mark manual nginx; dpkg-query -L curl | grep -x /usr/bin/curl');
    expect(r.stdout).toBe('curl\n21\nnginx can not be marked as it is not installed.\n/usr/bin/curl\n');
    const u = await t.run('debian:bookworm', 'apt-mark auto bash', { user: 'nobody' });
    expect(u).toMatchObject({ status: 100, stdout: '', stderr: 'E: Could not create temporary file for /var/lib/apt/extended_states - mkstemp (13: Permission denied)\n' });
  });

  test('apt-key without gnupg fails as its script does (exit 255)', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-key list');
    expect(r).toMatchObject({ status: 255, stdout: '', stderr: 'E: gnupg, gnupg2 and gnupg1 do not seem to be installed, but one of them is required for this operation\n' });
    // With a gpg and no keyrings: the deprecation warning and an empty list.
    const g = await t.run('debian:bookworm', 'touch /usr/bin/gpg && rm /etc/apt/trusted.gpg.d/* && apt-key list');
    expect(g).toMatchObject({ status: 0, stdout: '', stderr: 'Warning: apt-key is deprecated. Manage keyring files in trusted.gpg.d instead (see apt-key(8)).\n' });
  });
});
