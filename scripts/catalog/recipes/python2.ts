/**
 * python:2.7 (2.7.18, the last release): over our bookworm buildpack-deps layers (the real image is buster-based;
 * buster is no longer on the mirror), tk-dev, the /usr/local build from Debian bullseye's python2.7 packages
 * (fetched with a private apt configuration for bullseye), and get-pip's layer from the py2-compatible wheels of
 * bullseye's python-pip-whl (pip 20.3.4, setuptools 44.1.1, wheel 0.34.2). See content/catalog/APPROXIMATIONS.md.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { packageLayer } from '../packages';
import { seedOf } from '../rootfs';
import { relocate, type Buildpack } from './buildpack';
import { dir, link, text } from './layout';

const APT_DIR = '/tmp/layerlab-catalog/apt-bullseye';
const SCRATCH = '/tmp/layerlab-catalog/unpack';
const BULLSEYE_PACKAGES = ['python2.7-minimal', 'libpython2.7-minimal', 'libpython2.7-stdlib', 'libpython2.7-dev', 'python2.7', 'python-pip-whl'];

/** An apt configuration that sees only Debian bullseye (lists and cache under /tmp, the host's apt untouched). */
function bullseyeApt(): NodeJS.ProcessEnv {
  const conf = join(APT_DIR, 'apt.conf');
  if (!existsSync(join(APT_DIR, 'lists'))) {
    for (const d of ['lists/partial', 'cache/archives/partial', 'etc/apt.conf.d', 'etc/preferences.d', 'etc/sources.list.d', 'etc/trusted.gpg.d']) mkdirSync(join(APT_DIR, d), { recursive: true });
    writeFileSync(join(APT_DIR, 'etc/sources.list'), 'deb [signed-by=/usr/share/keyrings/debian-archive-bullseye-stable.gpg] http://deb.debian.org/debian bullseye main\n');
    writeFileSync(join(APT_DIR, 'status'), '');
    writeFileSync(conf, `Dir::Etc "${APT_DIR}/etc";\nDir::State::Lists "${APT_DIR}/lists";\nDir::Cache "${APT_DIR}/cache";\nDir::State::status "${APT_DIR}/status";\nDebug::NoLocking "1";\nAcquire::Languages "none";\n`);
    execFileSync('apt-get', ['update'], { env: { ...process.env, APT_CONFIG: conf }, stdio: 'inherit' });
  }
  return { ...process.env, APT_CONFIG: conf };
}

export function bullseyeTree(): string {
  const debs = join(APT_DIR, 'debs');
  mkdirSync(debs, { recursive: true });
  const have = readdirSync(debs);
  const missing = BULLSEYE_PACKAGES.filter((p) => !have.some((f) => f.startsWith(`${p}_`)));
  if (missing.length > 0) execFileSync('apt-get', ['download', ...missing], { cwd: debs, env: bullseyeApt(), stdio: 'inherit' });
  const out = join(SCRATCH, 'py27');
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(debs).filter((f) => f.endsWith('.deb')).sort()) execFileSync('dpkg-deb', ['-x', join(debs, f), out]);
  // get-pip installs pip, setuptools and wheel from wheels: unzip the same versions' wheels into site-packages.
  const site = join(out, 'site-packages');
  mkdirSync(site, { recursive: true });
  const wheels = join(out, 'usr/share/python-wheels');
  for (const w of readdirSync(wheels).filter((f) => /^(pip|setuptools|wheel)-/.test(f)).sort()) execFileSync('unzip', ['-q', '-o', join(wheels, w), '-d', site]);
  for (const d of readdirSync(site).filter((f) => f.endsWith('.dist-info'))) writeFileSync(join(site, d, 'INSTALLER'), 'pip\n');
  rebundlePip(site, wheels);
  return out;
}

/**
 * Debian's pip wheel is debundled (pip/_vendor holds only __init__.py with DEBUNDLED = True and loads its
 * dependencies from /usr/share/python-wheels); the pip that get-pip installs carries them in pip/_vendor. Unpack the
 * same wheels there, as pip's own vendoring does, and switch DEBUNDLED back off. (`ipaddr` is not the `ipaddress`
 * backport pip vendors, so pip/_vendor/ipaddress.py is missing.)
 */
function rebundlePip(site: string, wheels: string): void {
  const vendor = join(site, 'pip/_vendor');
  const tmp = join(SCRATCH, 'py27-vendor');
  for (const w of readdirSync(wheels).filter((f) => !/^(pip|setuptools|wheel|ipaddr)-/.test(f)).sort()) {
    if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
    execFileSync('unzip', ['-q', '-o', join(wheels, w), '-d', tmp]);
    for (const top of readdirSync(tmp).filter((f) => !f.endsWith('.dist-info'))) renameSync(join(tmp, top), join(vendor, top));
  }
  if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  const init = join(vendor, '__init__.py');
  writeFileSync(init, readFileSync(init, 'utf8').replace(/^DEBUNDLED = True$/m, 'DEBUNDLED = False'));
}

const script = (path: string, body: string, mtime: number): ListedEntry => text(path, `#!/usr/local/bin/python\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n${body}\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n`, mtime, 0o755);

export function python27Layers(bp: Buildpack, mtime: number): ListedEntry[][] {
  const deps = packageLayer('py27-deps', bp.status, ['tk-dev'], { clampMtime: mtime });
  const tree = bullseyeTree();
  const dropped = (p: string) => /(^|\/)(test|tests|idle_test|lib-tk\/test)(\/|$)/.test(p) || /\.py[co]$/.test(p) || p.endsWith('.a');
  const local = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime), dir('usr/local/lib', mtime)];
  const build: ListedEntry[] = [
    ...local,
    { path: 'usr/local/bin/python2.7', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime, content: { kind: 'program', size: 17_776, seed: seedOf('python-2.7.18'), program: 'python2' } },
    link('usr/local/bin/python2', 'python2.7', mtime),
    link('usr/local/bin/python', 'python2', mtime),
    { path: 'usr/local/lib/libpython2.7.so.1.0', type: 'file', mode: 0o555, uid: 0, gid: 0, mtime, content: { kind: 'elf', size: 10_800_000, seed: seedOf('libpython-2.7.18') } },
    link('usr/local/lib/libpython2.7.so', 'libpython2.7.so.1.0', mtime),
    ...relocate(tree, 'usr/lib/python2.7', 'usr/local/lib/python2.7', mtime).filter((e) => !dropped(e.path) && !e.path.includes('/dist-packages')),
    ...relocate(tree, 'usr/include/python2.7', 'usr/local/include/python2.7', mtime),
    text('usr/local/bin/idle', '#!/usr/local/bin/python2.7\n\nfrom idlelib.PyShell import main\nif __name__ == \'__main__\':\n    main()\n', mtime, 0o755),
    text('usr/local/bin/pydoc', '#!/usr/local/bin/python2.7\n\nimport pydoc\nif __name__ == \'__main__\':\n    pydoc.cli()\n', mtime, 0o755),
    // setup.py installs Lib/smtpd.py as a script, its `#! /usr/bin/env python` line rewritten by build_scripts.
    text('usr/local/bin/smtpd.py', readFileSync(join(tree, 'usr/lib/python2.7/smtpd.py'), 'utf8').replace(/^#!.*\n/, '#!/usr/local/bin/python2.7\n'), mtime, 0o755),
    text('usr/local/bin/2to3', '#!/usr/local/bin/python2.7\nimport sys\nfrom lib2to3.main import main\n\nsys.exit(main("lib2to3.fixes"))\n', mtime, 0o755),
  ];
  const site = 'usr/local/lib/python2.7/site-packages';
  const pip: ListedEntry[] = [
    ...local,
    ...relocate(tree, 'site-packages', site, mtime).filter((e) => !/\.py[co]$/.test(e.path)),
    script('usr/local/bin/pip', 'from pip._internal.cli.main import main', mtime),
    script('usr/local/bin/pip2', 'from pip._internal.cli.main import main', mtime),
    script('usr/local/bin/pip2.7', 'from pip._internal.cli.main import main', mtime),
    script('usr/local/bin/easy_install', 'from setuptools.command.easy_install import main', mtime),
    script('usr/local/bin/easy_install-2.7', 'from setuptools.command.easy_install import main', mtime),
    script('usr/local/bin/wheel', 'from wheel.cli import main', mtime),
  ];
  return [deps.entries, build, pip];
}
