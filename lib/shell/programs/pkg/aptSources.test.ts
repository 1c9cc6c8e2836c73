import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MemFs } from '../../../engine/fs/MemFs';
import { hasTool, runReal } from '../testing/real-tools';
import { readSources, uriToFileName } from './aptSources';
import { pkgTest } from './testing/pkgHarness';

const enc = new TextEncoder();

function fsWith(files: Readonly<Record<string, string>>): MemFs {
  const fs = new MemFs({ now: () => 0 });
  for (const p of ['/etc', '/etc/apt', '/etc/apt/sources.list.d']) fs.mkdir(p, 0o755);
  for (const [p, text] of Object.entries(files)) fs.writeFile(p, enc.encode(text), { mode: 0o644 });
  return fs;
}

/**
 * Settings fixed by the tests (Ubuntu's docker-gzip-indexes and docker-no-languages), so they do not depend on
 * what the catalog's images ship, and a sources.list of our own.
 */
function ubuntuApt(sourcesList: string): string {
  return (
    `printf 'Acquire::GzipIndexes "true";\\nAcquire::CompressionTypes::Order:: "gz";\\n' > /etc/apt/apt.conf.d/docker-gzip-indexes; ` +
    `echo 'Acquire::Languages "none";' > /etc/apt/apt.conf.d/docker-no-languages; ` +
    `rm -f /etc/apt/sources.list.d/*; printf '${sourcesList}' > /etc/apt/sources.list; `
  );
}

/** What the Docker image of jammy ships (one-line form, comments left out). */
const JAMMY_LIST =
  'deb http://archive.ubuntu.com/ubuntu/ jammy main restricted\\n' +
  'deb http://archive.ubuntu.com/ubuntu/ jammy-updates main restricted\\n' +
  'deb http://archive.ubuntu.com/ubuntu/ jammy universe\\n' +
  'deb http://archive.ubuntu.com/ubuntu/ jammy-updates universe\\n' +
  'deb http://archive.ubuntu.com/ubuntu/ jammy multiverse\\n' +
  'deb http://archive.ubuntu.com/ubuntu/ jammy-updates multiverse\\n' +
  'deb http://archive.ubuntu.com/ubuntu/ jammy-backports main restricted universe multiverse\\n' +
  'deb http://security.ubuntu.com/ubuntu/ jammy-security main restricted\\n' +
  'deb http://security.ubuntu.com/ubuntu/ jammy-security universe\\n' +
  'deb http://security.ubuntu.com/ubuntu/ jammy-security multiverse\\n';

describe('reading the sources', () => {
  test('one-line entries: comments, [options], trailing slashes; one repository per URI and suite, components in order', () => {
    const fs = fsWith({
      '/etc/apt/sources.list': '# the archive\n\ndeb [arch=amd64 signed-by=/k.gpg] http://archive.ubuntu.com/ubuntu/ jammy main # trailing\ndeb-src http://archive.ubuntu.com/ubuntu/ jammy main\ndeb http://archive.ubuntu.com/ubuntu jammy universe main\n',
      '/etc/apt/sources.list.d/b.list': 'deb http://security.ubuntu.com/ubuntu jammy-security main\n',
      '/etc/apt/sources.list.d/a.list': 'deb http://archive.ubuntu.com/ubuntu jammy-updates main\n',
      '/etc/apt/sources.list.d/c.list.save': 'deb http://example.com/x y z\n',
    });
    expect(readSources(fs)).toEqual({
      ok: true,
      sources: [
        { uri: 'http://archive.ubuntu.com/ubuntu', suite: 'jammy', components: ['main', 'universe'] },
        { uri: 'http://archive.ubuntu.com/ubuntu', suite: 'jammy-updates', components: ['main'] },
        { uri: 'http://security.ubuntu.com/ubuntu', suite: 'jammy-security', components: ['main'] },
      ],
    });
  });

  test('deb822 .sources: every URI with every suite (URIs first), Enabled: no skipped, deb-src only stanzas fetch nothing', () => {
    const fs = fsWith({
      '/etc/apt/sources.list.d/ubuntu.sources':
        '# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\nTypes: deb\nURIs: http://archive.ubuntu.com/ubuntu/ http://de.archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates\nComponents: main universe\n restricted\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\n' +
        'Types: deb\nURIs: http://security.ubuntu.com/ubuntu/\nSuites: noble-security\nComponents: main\nEnabled: no\n\nTypes: deb-src\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: noble\nComponents: main\n',
    });
    const comps = ['main', 'universe', 'restricted'];
    expect(readSources(fs)).toEqual({
      ok: true,
      sources: [
        { uri: 'http://archive.ubuntu.com/ubuntu', suite: 'noble', components: comps },
        { uri: 'http://archive.ubuntu.com/ubuntu', suite: 'noble-updates', components: comps },
        { uri: 'http://de.archive.ubuntu.com/ubuntu', suite: 'noble', components: comps },
        { uri: 'http://de.archive.ubuntu.com/ubuntu', suite: 'noble-updates', components: comps },
      ],
    });
  });

  // The texts apt 2.6.1 prints for these lines (checked with the host's apt and a private Dir::Etc, see the
  // differential test below).
  test.each([
    ['deb\n', 'E: Malformed line 1 in source list /etc/apt/sources.list (type)\n'],
    ['debx http://archive.ubuntu.com/ubuntu jammy main\n', "E: Type 'debx' is not known on line 1 in source list /etc/apt/sources.list\n"],
    ['deb http://archive.ubuntu.com/ubuntu\n', 'E: Malformed entry 1 in list file /etc/apt/sources.list (Suite)\n'],
    ['# c\n\ndeb http://archive.ubuntu.com/ubuntu jammy\n', 'E: Malformed entry 3 in list file /etc/apt/sources.list (Component)\n'],
    ['deb [trusted=yes http://archive.ubuntu.com/ubuntu jammy main\n', 'E: Malformed entry 1 in list file /etc/apt/sources.list ([option] not assignment)\n'],
  ])('one-line error: %j', (text, error) => {
    expect(readSources(fsWith({ '/etc/apt/sources.list': text }))).toEqual({ ok: false, error: `${error}E: The list of sources could not be read.\n` });
  });

  test.each([
    ['URIs: http://a.invalid/x\nSuites: y\nComponents: z\n', 'E: Malformed stanza 1 in source list /etc/apt/sources.list.d/x.sources (type)'],
    ['Types: debx\nURIs: http://a.invalid/x\nSuites: y\nComponents: z\n', "E: Type 'debx' is not known on stanza 1 in source list /etc/apt/sources.list.d/x.sources"],
    // A disabled stanza still counts.
    ['Types: deb\nURIs: http://a.invalid/x\nSuites: y\nComponents: z\nEnabled: no\n\nTypes: deb\n', 'E: Malformed entry 2 in sources file /etc/apt/sources.list.d/x.sources (URI)'],
  ])('deb822 error (apt 2.6.1): %j', (text, error) => {
    expect(readSources(fsWith({ '/etc/apt/sources.list.d/x.sources': text }))).toEqual({ ok: false, error: `${error}\nE: The list of sources could not be read.\n` });
  });

  test.each([
    ['Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\n', 'Suite'],
    ['Types: deb\nSuites: jammy\nComponents: main\n', 'URI'],
    ['Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: jammy\n', 'Component'],
  ])('deb822 error: %j', (text, what) => {
    expect(readSources(fsWith({ '/etc/apt/sources.list.d/x.sources': text }))).toEqual({
      ok: false,
      error: `E: Malformed entry 1 in sources file /etc/apt/sources.list.d/x.sources (${what})\nE: The list of sources could not be read.\n`,
    });
  });

  test('list file names: scheme and credentials dropped, / as _, unsafe characters %-quoted', () => {
    expect(uriToFileName('http://archive.ubuntu.com/ubuntu/dists/jammy/InRelease')).toBe('archive.ubuntu.com_ubuntu_dists_jammy_InRelease');
    expect(uriToFileName('https://user:pw@mirror.example:8080/my_repo/dists/x/InRelease')).toBe('mirror.example:8080_my%5frepo_dists_x_InRelease');
  });

  test('property: any set of one-line entries reads back as its repositories, merged by URI and suite', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
    const entry = fc.record({ host: fc.constantFrom('archive.ubuntu.com', 'security.ubuntu.com', 'deb.debian.org'), suite: word, comps: fc.array(word, { minLength: 1, maxLength: 4 }), slash: fc.boolean() });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const text = entries.map((e) => `deb http://${e.host}/x${e.slash ? '/' : ''} ${e.suite} ${e.comps.join(' ')}\n`).join('');
        const want = new Map<string, string[]>();
        for (const e of entries) {
          const k = `http://${e.host}/x ${e.suite}`;
          const c = want.get(k) ?? [];
          for (const x of e.comps) if (!c.includes(x)) c.push(x);
          want.set(k, c);
        }
        const got = readSources(fsWith({ '/etc/apt/sources.list': text }));
        expect(got.ok && got.sources.map((s) => [`${s.uri} ${s.suite}`, s.components])).toEqual([...want.entries()]);
      }),
    );
  });
});

describe('differential: sources errors against the host apt', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['sources.list', 'deb\n'],
    ['sources.list', 'debx http://a.invalid/x y z\n'],
    ['sources.list', 'deb http://a.invalid/x\n'],
    ['sources.list', '\ndeb http://a.invalid/x y\n'],
    ['sources.list', 'deb [a=b c http://a.invalid/x y z\n'],
    ['sources.list', 'deb [trusted=yes http://a.invalid/x y z\n'],
    ['sources.list', 'deb [arch= ] http://a.invalid/x y z\n'],
    ['sources.list', 'deb [=amd64] http://a.invalid/x y z\n'],
    ['sources.list', 'deb [a=b\n'],
    ['sources.list.d/x.sources', 'URIs: http://a.invalid/x\nSuites: y\nComponents: z\n'],
    ['sources.list.d/x.sources', 'Types: debx\nURIs: http://a.invalid/x\nSuites: y\nComponents: z\n'],
    ['sources.list.d/x.sources', 'Types: deb\nURIs: http://a.invalid/x\nSuites: y\n'],
    ['sources.list.d/x.sources', 'Types: deb\nURIs: http://a.invalid/x\nSuites: y\nComponents: z\nEnabled: no\n\nTypes: deb\n'],
  ];
  test.skipIf(!hasTool('apt-get'))('apt-get update prints the same errors, exit 100', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aptsrc-'));
    try {
      for (const d of ['etc/sources.list.d', 'etc/apt.conf.d', 'etc/preferences.d', 'lists/partial', 'cache/archives/partial', 'state']) mkdirSync(path.join(dir, d), { recursive: true });
      writeFileSync(path.join(dir, 'status'), '');
      const t = await pkgTest();
      for (const [file, text] of cases) {
        rmSync(path.join(dir, 'etc/sources.list.d/x.sources'), { force: true });
        writeFileSync(path.join(dir, 'etc/sources.list'), '');
        writeFileSync(path.join(dir, 'etc', file), text);
        const opts = [`Dir::Etc=${dir}/etc`, `Dir::State=${dir}/state`, `Dir::State::Lists=${dir}/lists`, `Dir::Cache=${dir}/cache`, `Dir::State::status=${dir}/status`, 'Debug::NoLocking=1'];
        const real = runReal(['apt-get', ...opts.flatMap((o) => ['-o', o]), 'update']);
        const sim = await t.run('ubuntu:22.04', `rm -f /etc/apt/sources.list.d/*; : > /etc/apt/sources.list; printf '%s' '${text}' > /etc/apt/${file}; apt-get update`);
        expect({ status: sim.status, stdout: sim.stdout, stderr: sim.stderr }).toEqual({ status: real.status, stdout: real.stdout, stderr: real.stderr.replaceAll(`${dir}/etc/`, '/etc/apt/') });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('apt-get update on Ubuntu fetches what the sources name', () => {
  test('one source: InRelease then its Packages (.gz sizes, lz4 on disk); a second update hits', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu/ jammy main\\n')}apt-get update; apt-get update; cd /var/lib/apt/lists; ls; stat -c '%s %n' *_*`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        // jammy's InRelease is 270,087 bytes, main/binary-amd64/Packages.gz 1,792,213 (the [1792 kB] of Docker transcripts).
        'Get:1 http://archive.ubuntu.com/ubuntu jammy InRelease [270 kB]',
        'Get:2 http://archive.ubuntu.com/ubuntu jammy/main amd64 Packages [1792 kB]',
        'Fetched 2062 kB in 0s (9800 kB/s)',
        'Reading package lists...',
        'Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease',
        'Reading package lists...',
        'archive.ubuntu.com_ubuntu_dists_jammy_InRelease',
        'archive.ubuntu.com_ubuntu_dists_jammy_main_binary-amd64_Packages.lz4',
        'lock',
        'partial',
        '270087 archive.ubuntu.com_ubuntu_dists_jammy_InRelease',
        // 6,779,186 bytes uncompressed, at bookworm's lz4 ratio (APPROXIMATIONS.md).
        '2548974 archive.ubuntu.com_ubuntu_dists_jammy_main_binary-amd64_Packages.lz4',
        '',
      ].join('\n'),
    );
  });

  test("the image's jammy list: InReleases first, the two hosts in turn, empty backports indexes not fetched", async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt(JAMMY_LIST)}apt-get update`);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'Get:1 http://archive.ubuntu.com/ubuntu jammy InRelease [270 kB]',
        'Get:2 http://security.ubuntu.com/ubuntu jammy-security InRelease [129 kB]',
        'Get:3 http://archive.ubuntu.com/ubuntu jammy-updates InRelease [128 kB]',
        'Get:4 http://archive.ubuntu.com/ubuntu jammy-backports InRelease [127 kB]',
        'Get:5 http://archive.ubuntu.com/ubuntu jammy/main amd64 Packages [1792 kB]',
        'Get:6 http://security.ubuntu.com/ubuntu jammy-security/main amd64 Packages [4547 kB]',
        'Get:7 http://archive.ubuntu.com/ubuntu jammy/restricted amd64 Packages [164 kB]',
        'Get:8 http://security.ubuntu.com/ubuntu jammy-security/restricted amd64 Packages [8111 kB]',
        'Get:9 http://archive.ubuntu.com/ubuntu jammy/universe amd64 Packages [17.5 MB]',
        'Get:10 http://security.ubuntu.com/ubuntu jammy-security/universe amd64 Packages [1329 kB]',
        'Get:11 http://archive.ubuntu.com/ubuntu jammy/multiverse amd64 Packages [266 kB]',
        'Get:12 http://security.ubuntu.com/ubuntu jammy-security/multiverse amd64 Packages [96.7 kB]',
        'Get:13 http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 Packages [4884 kB]',
        'Get:14 http://archive.ubuntu.com/ubuntu jammy-updates/restricted amd64 Packages [8422 kB]',
        'Get:15 http://archive.ubuntu.com/ubuntu jammy-updates/universe amd64 Packages [1631 kB]',
        'Get:16 http://archive.ubuntu.com/ubuntu jammy-updates/multiverse amd64 Packages [104 kB]',
        'Get:17 http://archive.ubuntu.com/ubuntu jammy-backports/main amd64 Packages [82.9 kB]',
        'Get:18 http://archive.ubuntu.com/ubuntu jammy-backports/universe amd64 Packages [35.6 kB]',
        'Fetched 49.6 MB in 5s (9800 kB/s)',
        'Reading package lists...',
        '',
      ].join('\n'),
    );
  });

  test('editing the list: a new suite is fetched, the lists of a removed one are deleted; a mirror names its own files', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'ubuntu:22.04',
      `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammy main\\n')}apt-get update -qq; ` +
        `printf 'deb http://de.archive.ubuntu.com/ubuntu jammy main\\ndeb http://archive.ubuntu.com/ubuntu jammy-updates main\\n' > /etc/apt/sources.list; apt-get update; ls /var/lib/apt/lists`,
    );
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'Get:1 http://de.archive.ubuntu.com/ubuntu jammy InRelease [270 kB]',
        'Get:2 http://archive.ubuntu.com/ubuntu jammy-updates InRelease [128 kB]',
        'Get:3 http://de.archive.ubuntu.com/ubuntu jammy/main amd64 Packages [1792 kB]',
        'Get:4 http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 Packages [4884 kB]',
        'Fetched 7075 kB in 0s (9800 kB/s)',
        'Reading package lists...',
        'archive.ubuntu.com_ubuntu_dists_jammy-updates_InRelease',
        'archive.ubuntu.com_ubuntu_dists_jammy-updates_main_binary-amd64_Packages.lz4',
        'de.archive.ubuntu.com_ubuntu_dists_jammy_InRelease',
        'de.archive.ubuntu.com_ubuntu_dists_jammy_main_binary-amd64_Packages.lz4',
        'lock',
        'partial',
        '',
      ].join('\n'),
    );
  });

  test('no sources left: update only reads the lists, deletes the old ones, and install finds nothing', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammy main\\n')}apt-get update -qq; : > /etc/apt/sources.list; apt-get update; ls /var/lib/apt/lists; apt-get install -y wget`);
    expect(r).toMatchObject({
      status: 100,
      stdout: 'Reading package lists...\nlock\npartial\nReading package lists...\nBuilding dependency tree...\n',
      stderr: 'E: Unable to locate package wget\n',
    });
  });

  test('-o sets configuration after apt.conf.d: languages back on, .xz instead of .gz; a bad -o is refused (apt 2.6.1 wording)', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'ubuntu:22.04',
      `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammy-updates main\\n')}apt-get -o Acquire::Languages=en -o Acquire::CompressionTypes::Order::=xz -oAcquire::GzipIndexes=false update; ls /var/lib/apt/lists; ` +
        'apt-get -o foo update; echo $?; apt-get update -o; echo $?',
    );
    expect(r.stdout).toBe(
      'Get:1 http://archive.ubuntu.com/ubuntu jammy-updates InRelease [128 kB]\n' +
        // The image's Order:: "gz" stays first in the list: apt still fetches .gz.
        'Get:2 http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 Packages [4884 kB]\n' +
        'Get:3 http://archive.ubuntu.com/ubuntu jammy-updates/main Translation-en [587 kB]\n' +
        'Fetched 5600 kB in 0s (9800 kB/s)\nReading package lists...\n' +
        'archive.ubuntu.com_ubuntu_dists_jammy-updates_InRelease\narchive.ubuntu.com_ubuntu_dists_jammy-updates_main_binary-amd64_Packages\narchive.ubuntu.com_ubuntu_dists_jammy-updates_main_i18n_Translation-en\nlock\npartial\n' +
        '100\n100\n',
    );
    expect(r.stderr).toBe('E: Option foo: Configuration item specification must have an =<val>.\nE: Option -o requires an argument.\n');
  });

  test('a component added to a configured suite: Hit for its InRelease, Get for the new index only', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammy main\\n')}apt-get update -qq; echo 'deb http://archive.ubuntu.com/ubuntu jammy universe' >> /etc/apt/sources.list; apt-get update`);
    expect(r).toMatchObject({
      status: 0,
      stderr: '',
      stdout: 'Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease\nGet:2 http://archive.ubuntu.com/ubuntu jammy/universe amd64 Packages [17.5 MB]\nFetched 17.5 MB in 1s (9800 kB/s)\nReading package lists...\n',
    });
  });

  test('apt update (not apt-get) ends with what can be upgraded, counted against dpkg\'s status', async () => {
    const t = await pkgTest();
    const status = (pkgs: string) => `printf '${pkgs}' > /var/lib/dpkg/status; apt update 2>/dev/null | tail -n 2; `;
    const r = await t.run(
      'ubuntu:22.04',
      `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammy main\\n')}` +
        status('') +
        status('Package: curl\\nStatus: install ok installed\\nVersion: 7.0\\nArchitecture: amd64\\n\\n') +
        status('Package: curl\\nStatus: install ok installed\\nVersion: 7.0\\nArchitecture: amd64\\n\\nPackage: wget\\nStatus: install ok installed\\nVersion: 1.0\\nArchitecture: amd64\\n\\n'),
    );
    expect(r.stdout).toBe(
      'Building dependency tree...\nAll packages are up to date.\n' +
        "Building dependency tree...\n1 package can be upgraded. Run 'apt list --upgradable' to see it.\n" +
        "Building dependency tree...\n2 packages can be upgraded. Run 'apt list --upgradable' to see them.\n",
    );
  });

  test('trusty: no InRelease in the release pocket, so Release and Release.gpg; a second update hits the Release', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:14.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu/ trusty main\\ndeb http://archive.ubuntu.com/ubuntu/ trusty-backports main restricted\\n')}apt-get update; apt-get update; ls /var/lib/apt/lists | grep Release`);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'Ign:1 http://archive.ubuntu.com/ubuntu trusty InRelease',
        'Get:2 http://archive.ubuntu.com/ubuntu trusty Release [58.5 kB]',
        'Get:3 http://archive.ubuntu.com/ubuntu trusty Release.gpg [933 B]',
        'Get:4 http://archive.ubuntu.com/ubuntu trusty-backports InRelease [65.9 kB]',
        'Get:5 http://archive.ubuntu.com/ubuntu trusty/main amd64 Packages [1743 kB]',
        // backports/restricted is empty: not fetched.
        'Get:6 http://archive.ubuntu.com/ubuntu trusty-backports/main amd64 Packages [14.7 kB]',
        'Fetched 1883 kB in 0s (9800 kB/s)',
        'Reading package lists...',
        'Ign:1 http://archive.ubuntu.com/ubuntu trusty InRelease',
        'Hit:2 http://archive.ubuntu.com/ubuntu trusty Release',
        'Hit:3 http://archive.ubuntu.com/ubuntu trusty-backports InRelease',
        'Reading package lists...',
        'archive.ubuntu.com_ubuntu_dists_trusty-backports_InRelease',
        'archive.ubuntu.com_ubuntu_dists_trusty_Release',
        'archive.ubuntu.com_ubuntu_dists_trusty_Release.gpg',
        '',
      ].join('\n'),
    );
  });

  test('without docker-no-languages: Translation-en too; a component the suite lacks is skipped with a warning', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammy-updates main mian\\n')}rm /etc/apt/apt.conf.d/docker-no-languages; apt-get update`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      'Get:1 http://archive.ubuntu.com/ubuntu jammy-updates InRelease [128 kB]\n' +
        'Get:2 http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 Packages [4884 kB]\n' +
        'Get:3 http://archive.ubuntu.com/ubuntu jammy-updates/main Translation-en [587 kB]\n' +
        'Fetched 5600 kB in 0s (9800 kB/s)\nReading package lists...\n',
    );
    expect(r.stderr).toBe(
      "W: Skipping acquire of configured file 'mian/binary-amd64/Packages' as repository 'http://archive.ubuntu.com/ubuntu jammy-updates InRelease' doesn't have the component 'mian' (component misspelt in sources.list?)\n" +
        "W: Skipping acquire of configured file 'mian/i18n/Translation-en' as repository 'http://archive.ubuntu.com/ubuntu jammy-updates InRelease' doesn't have the component 'mian' (component misspelt in sources.list?)\n",
    );
  });

  test("a host that does not resolve: three rounds of Ign, Err with apt's words, the warnings; the other source still updates", async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://mirror.invalid/ubuntu jammy main\\ndeb http://archive.ubuntu.com/ubuntu jammy main\\n')}apt-get update; echo status=$?`);
    expect(r.stdout).toBe(
      'Ign:1 http://mirror.invalid/ubuntu jammy InRelease\n' +
        'Get:2 http://archive.ubuntu.com/ubuntu jammy InRelease [270 kB]\n' +
        'Get:3 http://archive.ubuntu.com/ubuntu jammy/main amd64 Packages [1792 kB]\n' +
        'Ign:1 http://mirror.invalid/ubuntu jammy InRelease\nIgn:1 http://mirror.invalid/ubuntu jammy InRelease\n' +
        "Err:1 http://mirror.invalid/ubuntu jammy InRelease\n  Could not resolve 'mirror.invalid'\n" +
        'Fetched 2062 kB in 0s (9800 kB/s)\nReading package lists...\nstatus=0\n',
    );
    expect(r.stderr).toBe("W: Failed to fetch http://mirror.invalid/ubuntu/dists/jammy/InRelease  Could not resolve 'mirror.invalid'\nW: Some index files failed to download. They have been ignored, or old ones used instead.\n");
  });

  test('a suite the archive does not have: Ign for InRelease, Err 404 for Release, E: no Release file, exit 100', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammmy main\\n')}apt-get update`);
    expect(r).toMatchObject({
      status: 100,
      stdout: 'Ign:1 http://archive.ubuntu.com/ubuntu jammmy InRelease\nErr:2 http://archive.ubuntu.com/ubuntu jammmy Release\n  404  Not Found [IP: 185.125.190.81 80]\nReading package lists...\n',
      stderr: "E: The repository 'http://archive.ubuntu.com/ubuntu jammmy Release' does not have a Release file.\n",
    });
  });

  test('offline (no package source): every host fails to resolve temporarily', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu jammy main\\ndeb http://security.ubuntu.com/ubuntu jammy-security main\\n')}apt-get update`);
    const rel = ['http://archive.ubuntu.com/ubuntu jammy InRelease', 'http://security.ubuntu.com/ubuntu jammy-security InRelease'];
    const ign = rel.map((l, i) => `Ign:${i + 1} ${l}\n`).join('');
    expect(r.stdout).toBe(`${ign}${ign}${ign}Err:1 ${rel[0]}\n  Temporary failure resolving 'archive.ubuntu.com'\nErr:2 ${rel[1]}\n  Temporary failure resolving 'security.ubuntu.com'\nReading package lists...\n`);
    expect(r.stderr).toBe(
      "W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/jammy/InRelease  Temporary failure resolving 'archive.ubuntu.com'\n" +
        "W: Failed to fetch http://security.ubuntu.com/ubuntu/dists/jammy-security/InRelease  Temporary failure resolving 'security.ubuntu.com'\n" +
        'W: Some index files failed to download. They have been ignored, or old ones used instead.\n',
    );
  });

  test('a broken sources.list stops update, install and apt-cache with exit 100, before any output', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu\\n')}apt-get update; echo $?; apt-get install -y curl; echo $?; apt-cache policy curl; echo $?`);
    expect(r.stdout).toBe('100\n100\n100\n');
    expect(r.stderr).toBe('E: Malformed entry 1 in list file /etc/apt/sources.list (Suite)\nE: The list of sources could not be read.\n'.repeat(3));
  });
});

describe('apt-get install and apt-cache on Ubuntu name Ubuntu\'s archive', () => {
  test('Get: lines of install, policy and madison: the release pocket and the security host', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'ubuntu:22.04',
      `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu/ jammy main universe\\ndeb http://security.ubuntu.com/ubuntu/ jammy-security main\\n')}apt-get update -qq; apt-get install -y wget 2>/dev/null | grep '^Get:'; apt-cache madison wget nginx`,
    );
    expect(r.status).toBe(0);
    const gets = r.stdout.split('\n').filter((l) => l.startsWith('Get:'));
    expect(gets.length).toBeGreaterThan(1);
    for (const l of gets) expect(l).toMatch(/^Get:\d+ (http:\/\/archive\.ubuntu\.com\/ubuntu jammy|http:\/\/security\.ubuntu\.com\/ubuntu jammy-security)\/main amd64 /);
    expect(r.stdout).toContain(' http://archive.ubuntu.com/ubuntu jammy/main amd64 wget amd64 1.21.3-1+deb12u1 [');
    expect(r.stdout).toContain('      wget | 1.21.3-1+deb12u1 | http://archive.ubuntu.com/ubuntu jammy/main amd64 Packages\n');
    expect(r.stdout).toContain('     nginx | 1.22.1-9+deb12u11 | http://security.ubuntu.com/ubuntu jammy-security/main amd64 Packages\n');
  });

  test('apt-cache policy: the package files of the configured Ubuntu suites with their Release fields, last source first', async () => {
    const t = await pkgTest();
    const r = await t.run('ubuntu:22.04', `${ubuntuApt('deb http://archive.ubuntu.com/ubuntu/ jammy main universe\\ndeb http://security.ubuntu.com/ubuntu/ jammy-security main\\n')}apt-get update -qq; apt-cache policy`);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      'Package files:\n 100 /var/lib/dpkg/status\n     release a=now\n' +
        ' 500 http://security.ubuntu.com/ubuntu jammy-security/main amd64 Packages\n     release v=22.04,o=Ubuntu,a=jammy-security,n=jammy,l=Ubuntu,c=main,b=amd64\n     origin security.ubuntu.com\n' +
        ' 500 http://archive.ubuntu.com/ubuntu jammy/universe amd64 Packages\n     release v=22.04,o=Ubuntu,a=jammy,n=jammy,l=Ubuntu,c=universe,b=amd64\n     origin archive.ubuntu.com\n' +
        ' 500 http://archive.ubuntu.com/ubuntu jammy/main amd64 Packages\n     release v=22.04,o=Ubuntu,a=jammy,n=jammy,l=Ubuntu,c=main,b=amd64\n     origin archive.ubuntu.com\n' +
        'Pinned packages:\n',
    );
  });

  test.each(['ubuntu:14.04', 'ubuntu:16.04', 'ubuntu:18.04', 'ubuntu:20.04', 'ubuntu:22.04', 'ubuntu:24.04'])('%s as pulled: apt-get update talks to archive.ubuntu.com, never deb.debian.org', async (image) => {
    const t = await pkgTest();
    const r = await t.run(image, 'apt-get update && apt-get install -y curl');
    expect(r.status).toBe(0);
    // trusty's release pocket has no InRelease: Ign, then Release.
    expect(r.stdout).toMatch(/^(Ign:1 http:\/\/archive\.ubuntu\.com\/ubuntu trusty InRelease\n)?Get:\d http:\/\/archive\.ubuntu\.com\/ubuntu [a-z]+ (InRelease|Release) \[/);
    expect(r.stdout).toMatch(/\nGet:1 http:\/\/(archive|security)\.ubuntu\.com\/ubuntu [a-z-]+\/main amd64 /);
    expect(`${r.stdout}${r.stderr}`).not.toContain('debian.org');
  });
});

describe("apt's sizes follow the locale", () => {
  test('an en_US locale the image has generated groups four digits (8,790 kB); C.UTF-8 or a missing locale does not', async () => {
    const t = await pkgTest();
    const r = await t.run(
      'debian:bookworm',
      'LANG=en_US.UTF-8 apt-get update | grep bookworm/main; rm -r /var/lib/apt/lists/*; touch /usr/lib/locale/locale-archive; ' +
        'LANG=en_US.UTF-8 apt-get update | sed -n "4p;7p"; LC_ALL=C.UTF-8 LANG=en_US.UTF-8 apt-get install -y wget | grep "^Need"',
    );
    expect(r.stdout).toBe(
      'Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8790 kB]\n' +
        'Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8,790 kB]\nFetched 9,416 kB in 0s (9,800 kB/s)\n' +
        'Need to get 4765 kB of archives.\n',
    );
  });
});

describe('third-party archives', () => {
  test("PostgreSQL's PGDG (the postgres image's pgdg.list): its InRelease and indexes interleave with Debian's", async () => {
    const t = await pkgTest();
    const r = await t.run(
      'debian:bookworm',
      "echo 'deb [ signed-by=/usr/local/share/keyrings/postgres.gpg.asc ] http://apt.postgresql.org/pub/repos/apt/ bookworm-pgdg main 17' > /etc/apt/sources.list.d/pgdg.list; apt-get update",
    );
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]',
        'Get:2 http://apt.postgresql.org/pub/repos/apt bookworm-pgdg InRelease [123 kB]',
        'Get:3 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]',
        'Get:4 http://deb.debian.org/debian-security bookworm-security InRelease [34.8 kB]',
        'Get:5 http://deb.debian.org/debian bookworm/main amd64 Packages [8790 kB]',
        'Get:6 http://apt.postgresql.org/pub/repos/apt bookworm-pgdg/main amd64 Packages [337 kB]',
        'Get:7 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [6924 B]',
        'Get:8 http://apt.postgresql.org/pub/repos/apt bookworm-pgdg/17 amd64 Packages [2592 B]',
        'Get:9 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [378 kB]',
        'Fetched 9879 kB in 1s (9800 kB/s)',
        'Reading package lists...',
        '',
      ].join('\n'),
    );
  });

  test('postgres as pulled: PGDG answers, and its en_US locale groups the sizes', async () => {
    const t = await pkgTest();
    const r = await t.run('postgres:latest', 'apt-get update');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toContain('\nGet:2 http://apt.postgresql.org/pub/repos/apt bookworm-pgdg InRelease [123 kB]\n');
    expect(r.stdout).toContain('\nGet:5 http://deb.debian.org/debian bookworm/main amd64 Packages [8,790 kB]\n');
  });
});
