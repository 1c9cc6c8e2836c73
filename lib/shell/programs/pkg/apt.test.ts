import { describe, expect, test } from 'vitest';
import { programOf } from '../../../engine/fs/executable';
import { pkgTest } from './testing/pkgHarness';

const dec = new TextDecoder();

describe('apt-get in debian:bookworm', () => {
  test('install on a fresh image: no lists yet, so apt cannot locate the package (exit 100)', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get install -y nginx');
    expect(r).toMatchObject({ status: 100, stdout: 'Reading package lists...\nBuilding dependency tree...\n', stderr: 'E: Unable to locate package nginx\n' });
    expect(r.container.changes()).toEqual([]);
  });

  test('apt-get update && apt-get install -y nginx: the transcript, files, dpkg status and docker diff', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update && apt-get install -y nginx');
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n');
    // The image's docker-no-languages: no Translation-en indexes.
    expect(out.slice(0, 10).join('\n')).toBe(
      [
        'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]',
        'Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]',
        'Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [34.8 kB]',
        'Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8790 kB]',
        'Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [6924 B]',
        'Get:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [378 kB]',
        'Fetched 9416 kB in 0s (9800 kB/s)',
        'Reading package lists...',
        'Reading package lists...',
        'Building dependency tree...',
      ].join('\n'),
    );
    // The plan block as apt 2.6.1 prints it for this image (checked in a bookworm chroot).
    expect(r.stdout).toContain(
      [
        'The following additional packages will be installed:',
        '  iproute2 krb5-locales libatm1 libbpf1 libbsd0 libcap2-bin libelf1',
        '  libgssapi-krb5-2 libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libmnl0',
        '  libpam-cap libssl3 libtirpc-common libtirpc3 libxtables12 nginx-common',
        'Suggested packages:',
        '  iproute2-doc python3:any krb5-doc krb5-user fcgiwrap nginx-doc ssl-cert',
        'The following NEW packages will be installed:',
        '  iproute2 krb5-locales libatm1 libbpf1 libbsd0 libcap2-bin libelf1',
        '  libgssapi-krb5-2 libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libmnl0',
        '  libpam-cap libssl3 libtirpc-common libtirpc3 libxtables12 nginx nginx-common',
        '0 upgraded, 20 newly installed, 0 to remove and 0 not upgraded.',
        'Need to get 5084 kB of archives.',
        'After this operation, 16.1 MB of additional disk space will be used.',
        'Get:1 ',
      ].join('\n'),
    );
    expect(out.filter((l) => l.startsWith('Get:')).length).toBe(6 + 20);
    expect(r.stdout).toContain('Get:20 http://deb.debian.org/debian-security bookworm-security/main amd64 nginx amd64 1.22.1-9+deb12u11 [532 kB]\nFetched 5084 kB');
    expect(r.stdout).toContain('Fetched 5084 kB in 0s (9800 kB/s)\nSelecting previously unselected package libssl3:amd64.\n(Reading database ... ');
    expect(r.stdout).toContain('Preparing to unpack .../19-nginx_1.22.1-9+deb12u11_amd64.deb ...\nUnpacking nginx (1.22.1-9+deb12u11) ...\nSetting up ');
    expect(r.stdout).toContain('Setting up nginx (1.22.1-9+deb12u11) ...\n');
    // The image's own libc-bin runs ldconfig for the new libraries.
    expect(r.stdout.endsWith('Setting up nginx (1.22.1-9+deb12u11) ...\nProcessing triggers for libc-bin (2.36-9+deb12u14) ...\n')).toBe(true);
    expect(out.filter((l) => l.startsWith('Setting up ')).length).toBe(20);
    expect(r.stderr).toBe(
      'debconf: delaying package configuration, since apt-utils is not installed\n' +
        // debuerreotype's /usr/sbin/policy-rc.d (exit 101) answers invoke-rc.d.
        'invoke-rc.d: could not determine current runlevel\ninvoke-rc.d: policy-rc.d denied execution of start.\n',
    );
    const fs = r.container.overlay;
    expect(programOf(fs.readFile('/usr/sbin/nginx').slice(0, 128))).toBe('nginx');
    expect(fs.stat('/usr/sbin/nginx').size).toBe(1264552);
    expect(dec.decode(fs.readFile('/etc/nginx/nginx.conf'))).toContain('worker_connections 768;');
    expect(dec.decode(fs.readFile('/var/lib/dpkg/status'))).toContain('Package: nginx\nStatus: install ok installed\n');
    expect(dec.decode(fs.readFile('/var/lib/apt/extended_states'))).toContain('Package: nginx-common\nArchitecture: amd64\nAuto-Installed: 1\n');
    const changes = r.container.changes().map((c) => `${c.kind} ${c.path}`);
    expect(changes).toContain('A /usr/sbin/nginx');
    expect(changes).toContain('C /var/lib/dpkg');
    // docker-gzip-indexes keeps the lists lz4-compressed (sizes of a real bookworm container); docker-clean: no pkgcache.bin.
    expect(changes).toContain('A /var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4');
    expect(fs.stat('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4').size).toBe(18840233);
    expect(changes.filter((c) => c.endsWith('.bin'))).toEqual([]);
    // nginx-common's postinst: the default site enabled, the welcome page copied, the log files created.
    expect(fs.readlink('/etc/nginx/sites-enabled/default')).toBe('/etc/nginx/sites-available/default');
    expect(dec.decode(fs.readFile('/var/www/html/index.nginx-debian.html'))).toContain('<title>Welcome to nginx!</title>');
    expect(fs.stat('/var/log/nginx/error.log')).toMatchObject({ mode: 0o640, uid: 33, gid: 4 });
    expect(fs.readlink('/etc/rc2.d/S01nginx')).toBe('../init.d/nginx');
  });

  test('the layer apt-get update leaves is ~20 MB, as on Docker\'s debian images', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && du -sk /var/lib/apt/lists /var/cache/apt');
    expect(r.stdout).toBe('19408\t/var/lib/apt/lists\n12\t/var/cache/apt\n');
  });

  test('apache2\'s postinst: a2enmod of the default modules (with their Depends), confs, 000-default, the default page', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install -y -qq apache2 >/dev/null 2>&1; ls /etc/apache2/mods-enabled | tr "\\n" " "; echo; readlink /etc/apache2/sites-enabled/000-default.conf; grep -c "It works" /var/www/html/index.html');
    expect(r.stdout).toBe(
      'access_compat.load alias.conf alias.load auth_basic.load authn_core.load authn_file.load authz_core.load authz_host.load authz_user.load autoindex.conf autoindex.load ' +
        'deflate.conf deflate.load dir.conf dir.load env.load filter.load mime.conf mime.load mpm_event.conf mpm_event.load negotiation.conf negotiation.load reqtimeout.conf reqtimeout.load ' +
        'setenvif.conf setenvif.load status.conf status.load \n../sites-available/000-default.conf\n2\n',
    );
  });

  test('nginx installed with apt serves the Debian welcome page', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install -y -qq nginx curl >/dev/null 2>&1; nginx && curl -s localhost | head -4');
    expect(r.stdout).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
  });

  test('with Acquire::Languages "none" (Docker\'s debian images) update fetches no Translation-en', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', `echo 'Acquire::Languages "none";' > /etc/apt/apt.conf.d/docker-no-languages && apt-get update && apt-get update && ls /var/lib/apt/lists | grep -c Translation`);
    expect(r.stdout).toBe(
      [
        'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]',
        'Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]',
        'Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [34.8 kB]',
        'Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8790 kB]',
        'Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [6924 B]',
        'Get:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [378 kB]',
        'Fetched 9416 kB in 0s (9800 kB/s)',
        'Reading package lists...',
        'Hit:1 http://deb.debian.org/debian bookworm InRelease',
        'Hit:2 http://deb.debian.org/debian bookworm-updates InRelease',
        'Hit:3 http://deb.debian.org/debian-security bookworm-security InRelease',
        'Reading package lists...',
        '0',
        '',
      ].join('\n'),
    );
  });

  test('apt-get -yqq update and -qq install (the form the seeds use): apt is silent, dpkg still reports', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get -yqq update && apt-get -qq install wget');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('Selecting previously unselected package libpsl5:amd64.\n(Reading database ... ')).toBe(true);
    expect(r.stdout).not.toContain('Get:');
    expect(r.stdout).not.toContain('Reading package lists');
    expect(r.stdout.endsWith('Setting up wget (1.21.3-1+deb12u1) ...\nProcessing triggers for libc-bin (2.36-9+deb12u14) ...\nProcessing triggers for ca-certificates (20250419~deb12u2) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n')).toBe(true);
  });

  test('a mistyped name after update: E: Unable to locate package ngin, exit 100, nothing installed', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install -y ngin');
    expect(r).toMatchObject({ status: 100, stdout: 'Reading package lists...\nBuilding dependency tree...\n', stderr: 'E: Unable to locate package ngin\n' });
  });

  test('without -y apt asks; end of input aborts with status 1 (wget brings its Recommends, as apt -s shows for this image)', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install wget');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      'Reading package lists...\nBuilding dependency tree...\nThe following additional packages will be installed:\n  ca-certificates libpsl5 libssl3 openssl publicsuffix\n' +
        'The following NEW packages will be installed:\n  ca-certificates libpsl5 libssl3 openssl publicsuffix wget\n0 upgraded, 6 newly installed, 0 to remove and 0 not upgraded.\n' +
        'Need to get 4765 kB of archives.\nAfter this operation, 13.0 MB of additional disk space will be used.\nDo you want to continue? [Y/n] Abort.\n',
    );
  });

  test('a second install sees extended_states and what is installed; apt warns scripts', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install -y -q wget >/dev/null 2>&1 && apt install -y wget');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\nwget is already the newest version (1.21.3-1+deb12u1).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(r.stderr).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  });

  test('remove keeps conffiles and notes the packages nothing needs any more, purge drops them; dpkg -L reads the database', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install -y nginx >/dev/null 2>&1; dpkg -L nginx-common | sed -n 2,3p; apt-get remove -y nginx 2>/dev/null; ls /usr/sbin/nginx; apt-get purge -y nginx-common; ls /etc/nginx');
    expect(r.stdout).toContain('/etc\n/etc/default\n');
    expect(r.stdout).toContain(
      'Reading state information...\nThe following packages were automatically installed and are no longer required:\n' +
        '  iproute2 krb5-locales libatm1 libbpf1 libbsd0 libcap2-bin libelf1\n  libgssapi-krb5-2 libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libmnl0\n' +
        "  libpam-cap libssl3 libtirpc-common libtirpc3 libxtables12 nginx-common\nUse 'apt autoremove' to remove them.\n" +
        'The following packages will be REMOVED:\n  nginx\n0 upgraded, 0 newly installed, 1 to remove and 0 not upgraded.\nAfter this operation, 1368 kB disk space will be freed.\n',
    );
    expect(r.stdout).toContain('Removing nginx (1.22.1-9+deb12u11) ...\n');
    expect(r.stdout).toContain('The following packages will be REMOVED:\n  nginx-common*\n');
    expect(r.stdout).toContain('Purging configuration files for nginx-common (1.22.1-9+deb12u11) ...\n');
    expect(r.stderr).toContain("ls: cannot access '/usr/sbin/nginx': No such file or directory\n");
    expect(r.stderr).toContain("ls: cannot access '/etc/nginx': No such file or directory\n");
  });

  test('without the package source: apt prints the resolver failure of an offline mirror', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('debian:bookworm', 'apt-get update; echo status=$?; apt-get install -y curl');
    const rel = ['http://deb.debian.org/debian bookworm InRelease', 'http://deb.debian.org/debian bookworm-updates InRelease', 'http://deb.debian.org/debian-security bookworm-security InRelease'];
    const ign = rel.map((l, i) => `Ign:${i + 1} ${l}\n`).join('');
    expect(r.stdout).toBe(
      ign + ign + ign + rel.map((l, i) => `Err:${i + 1} ${l}\n  Temporary failure resolving 'deb.debian.org'\n`).join('') + 'Reading package lists...\nstatus=0\nReading package lists...\nBuilding dependency tree...\n',
    );
    expect(r.stderr).toBe(
      "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'\n" +
        "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm-updates/InRelease  Temporary failure resolving 'deb.debian.org'\n" +
        "W: Failed to fetch http://deb.debian.org/debian-security/dists/bookworm-security/InRelease  Temporary failure resolving 'deb.debian.org'\n" +
        'W: Some index files failed to download. They have been ignored, or old ones used instead.\n' +
        'E: Unable to locate package curl\n',
    );
    expect(r.status).toBe(100);
  });

  test('a user who is not root cannot take the dpkg lock', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get install -y curl', { user: 'nobody' });
    expect(r).toMatchObject({
      status: 100,
      stdout: '',
      stderr: 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n',
    });
  });
});

describe('dpkg', () => {
  test('-s shows the status stanza, --print-architecture, and the not-installed error', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'dpkg --print-architecture; dpkg -s bash | sed -n 1,2p; dpkg -s nginx; echo status=$?');
    expect(r.stdout).toBe('amd64\nPackage: bash\nEssential: yes\nstatus=1\n');
    expect(r.stderr).toBe("dpkg-query: package 'nginx' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n");
  });
});

describe("Debian's pip", () => {
  test('apt-get install python3-pip, then pip3 install refuses: externally-managed-environment (PEP 668), exit 1', async () => {
    const t = await pkgTest();
    const r = await t.run('debian:bookworm', 'apt-get update -qq && apt-get install -y python3-pip >/dev/null 2>&1; pip3 install flask');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'error: externally-managed-environment',
        '',
        '× This environment is externally managed',
        '╰─> To install Python packages system-wide, try apt install',
        '    python3-xyz, where xyz is the package you are trying to',
        '    install.',
        '    ',
        '    If you wish to install a non-Debian-packaged Python package,',
        '    create a virtual environment using python3 -m venv path/to/venv.',
        '    Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make',
        '    sure you have python3-full installed.',
        '    ',
        '    If you wish to install a non-Debian packaged Python application,',
        '    it may be easiest to use pipx install xyz, which will manage a',
        '    virtual environment for you. Make sure you have pipx installed.',
        '    ',
        '    See /usr/share/doc/python3.11/README.venv for more information.',
        '',
        'note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.',
        'hint: See PEP 668 for the detailed specification.',
        '',
      ].join('\n'),
    );
  });
});

describe('dpkg records in the catalog images\' package layers', () => {
  test('nginx: dpkg -l lists nginx.org\'s nginx, apt-get install says it is already the newest version', async () => {
    const t = await pkgTest();
    const r = await t.run('nginx:latest', 'dpkg -l nginx | tail -1; dpkg -L curl | grep bin/curl; apt-get install -y nginx');
    expect(r.stdout).toBe(
      'ii  nginx          1.27.4-1~bookworm amd64        small, powerful, scalable web/proxy server\n' +
        '/usr/bin/curl\n' +
        'Reading package lists...\nBuilding dependency tree...\nnginx is already the newest version (1.27.4-1~bookworm).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n',
    );
  });

  test('node:20: buildpack-deps\' packages are installed (git), the base ones too', async () => {
    const t = await pkgTest();
    const r = await t.run('node:20', 'dpkg -s git | sed -n 2p; dpkg -l bash | tail -1 | cut -c1-20');
    expect(r.stdout).toBe('Status: install ok installed\nii  bash           5\n');
  });
});
