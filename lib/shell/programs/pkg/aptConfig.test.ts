import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { pkgTest } from './testing/pkgHarness';

// apt-config-dump.bookworm.txt: apt 2.6.1 on a bookworm host (`APT_CONFIG` pointing Dir::Etc::parts at a copy of
// debian:bookworm's /etc/apt/apt.conf.d), the oracle for the whole dump.
const DUMP = readFileSync(new URL('./testing/apt-config-dump.bookworm.txt', import.meta.url), 'utf8');

describe('apt-config in debian:bookworm', () => {
  test('dump: apt\'s defaults with the image\'s apt.conf.d files, exactly as apt 2.6.1 prints them', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('debian:bookworm', 'apt-config dump');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(DUMP);
  });

  test('a file added to apt.conf.d: values replaced in place, new keys under their parent, #clear', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run(
      'debian:bookworm',
      `printf 'APT::Install-Recommends "false";\\nAcquire::http { Proxy "http://proxy:3128"; };\\n#clear APT::Never-MarkAuto-Sections;\\n' > /etc/apt/apt.conf.d/99local && apt-config dump`,
    );
    const lines = DUMP.split('\n')
      .filter((l) => !l.startsWith('APT::Never-MarkAuto-Sections::'))
      .map((l) => (l === 'APT::Install-Recommends "1";' ? 'APT::Install-Recommends "false";' : l));
    // 99local sorts before docker-* (apt reads the parts in byte order), so Acquire::http precedes GzipIndexes.
    lines.splice(lines.indexOf('Acquire::GzipIndexes "true";'), 0, 'Acquire::http "";', 'Acquire::http::Proxy "http://proxy:3128";');
    expect(r.stdout).toBe(lines.join('\n'));
  });

  test('shell: VAR=\'value\' for set keys, /d and /f resolve under Dir; dump KEY prints the subtree', async () => {
    const t = await pkgTest({ packages: false });
    const r = await t.run('debian:bookworm', 'apt-config shell A Acquire::GzipIndexes B No::Such C Dir::Cache/d D Dir::Cache::pkgcache/f E Dir::State::status/f; apt-config dump Acquire::Languages; apt-config shell A; echo $?');
    expect(r.stdout).toBe("A='true'\nC='/var/cache/apt/'\nD=''\nE='/var/lib/dpkg/status'\nAcquire::Languages \"\";\nAcquire::Languages:: \"none\";\n100\n");
    expect(r.stderr).toBe('E: Arguments not in pairs\n');
  });
});
