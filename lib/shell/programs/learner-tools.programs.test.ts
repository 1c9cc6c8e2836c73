/**
 * fmt/pr/csplit, zip/unzip, openssl, vim and chroot inside catalog containers: the images' binaries name these
 * programs, so they run where the image has them (and only there), with the versions the image's packages carry.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTest } from '../../engine/cli/testing/harness';
import { Catalog } from '../../engine/registry/catalog/Catalog';
import { nodeCatalogSource } from '../../engine/registry/catalog/testing/nodeCatalogSource';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

describe('learner tools in catalog containers', () => {
  it('debian: csplit, pr and fmt are coreutils; chroot runs a command in a root', async () => {
    const t = dockerTest({ catalog });
    await t.run(['pull', '-q', 'debian:12']);
    const r = await t.run(['run', '--rm', 'debian:12', 'sh', '-c', 'cd /tmp && seq 6 > n && csplit n 3 && cat xx01 && printf "a b\\nc\\n" | fmt && pr -t -n n | head -2 && chroot / /bin/echo inside; chroot /nowhere true; echo $?']);
    expect(r).toMatchObject({
      status: 0,
      stdout: '4\n8\n3\n4\n5\n6\na b c\n    1\t1\n    2\t2\ninside\n125\n',
      stderr: "chroot: cannot change root directory to '/nowhere': No such file or directory\n",
    });
  }, 60_000);

  it('node:20 has unzip and the openssl of its libssl3 package', async () => {
    const t = dockerTest({ catalog });
    await t.run(['pull', '-q', 'node:20']);
    const r = await t.run(['run', '--rm', 'node:20', 'sh', '-c', 'cd /tmp && printf hi > a && openssl dgst -sha256 a && openssl version && dpkg-query -W -f=\'${Version}\\n\' libssl3 && unzip nofile; echo $?']);
    expect(r.stderr).toBe('unzip:  cannot find or open nofile, nofile.zip or nofile.ZIP.\n');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('SHA2-256(a)= 8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4');
    // The version line belongs to the libssl3 the image records (3.0.22-1~deb12u2 prints its 25 Aug 2026 build).
    expect(lines[2]).toBe('3.0.22-1~deb12u2');
    expect(lines[1]).toBe('OpenSSL 3.0.22 25 Aug 2026 (Library: OpenSSL 3.0.22 25 Aug 2026)');
    expect(lines.at(-2)).toBe('9');
  }, 60_000);

  it('alpine: unzip and vi are BusyBox applets', async () => {
    const t = dockerTest({ catalog });
    await t.run(['pull', '-q', 'alpine']);
    const r = await t.run(['run', '--rm', 'alpine', 'sh', '-c', 'unzip nofile; echo $?; vi --version 2>&1 | head -1']);
    expect(r).toMatchObject({ stdout: "1\nvi: unrecognized option '--version'\n", stderr: "unzip: can't open nofile[.zip]\n" });
  }, 60_000);

  it('ubuntu:14.04: vim.tiny --version follows the vim-tiny package the image records', async () => {
    // The catalog's 14.04 is an approximation built from Debian packages: its dpkg status says vim-tiny 2:9.0.1378.
    const t = dockerTest({ catalog });
    await t.run(['pull', '-q', 'ubuntu:14.04']);
    const r = await t.run(['run', '--rm', 'ubuntu:14.04', 'sh', '-c', 'vim.tiny --version | sed -n "1p;5p"']);
    expect(r).toMatchObject({ status: 0, stdout: 'VIM - Vi IMproved 9.0 (2022 Jun 28, compiled Feb 16 2025 05:23:41)\nTiny version without GUI.  Features included (+) or not (-):\n', stderr: '' });
  }, 60_000);
});
