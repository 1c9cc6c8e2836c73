/**
 * git as learners use it in containers: installed with apt-get or apk (its version is the package's), shipped in
 * the buildpack-deps-based node and python images, cloning from the simulated web, and in a Dockerfile build.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { Catalog } from '../../../engine/registry/catalog/Catalog';
import { nodeCatalogSource } from '../../../engine/registry/catalog/testing/nodeCatalogSource';
import { nodePackageSource } from '../../../engine/packages/testing/nodePackageSource';
import { pkgTest, type PkgTest } from '../pkg/testing/pkgHarness';

let t: PkgTest;
beforeAll(async () => {
  t = await pkgTest();
});

describe('git in containers', () => {
  it('apt-get install git gives Debian bookworm git 2.39.5, which clones a tutorial repository', async () => {
    const r = await t.run('debian:12', 'apt-get update -qq >/dev/null && apt-get install -y -qq git >/dev/null 2>&1; git --version && cd /tmp && git clone https://github.com/docker/getting-started-app.git && cd getting-started-app && ls && git log --oneline && git status && git branch -a');
    expect(r.stderr).toBe("Cloning into 'getting-started-app'...\n");
    expect(r.stdout).toMatch(/^git version 2\.39\.5\nREADME\.md\npackage\.json\nsrc\n[0-9a-f]{7} Getting started app\nOn branch main\nYour branch is up to date with 'origin\/main'\.\n\nnothing to commit, working tree clean\n\* main\n {2}remotes\/origin\/HEAD -> origin\/main\n {2}remotes\/origin\/main\n$/);
    expect(r.status).toBe(0);
  }, 120_000);

  it('apk add git gives Alpine 3.21 git 2.47.2', async () => {
    const r = await t.run('alpine', 'apk add --no-cache -q git >/dev/null 2>&1; git --version');
    expect(r).toMatchObject({ status: 0, stdout: 'git version 2.47.2\n' });
  }, 120_000);

  it('unknown repositories and hosts fail as git does, leaving no directory', async () => {
    const r = await t.run('debian:12', 'apt-get update -qq >/dev/null && apt-get install -y -qq git >/dev/null 2>&1; cd /tmp; git clone https://github.com/a/b.git; echo "status $?"; git clone https://example.com/x/y.git; echo "status $?"; git clone https://nosuch.invalid/y.git; echo "status $?"; ls -A /tmp');
    expect(r.stdout).toBe('status 128\nstatus 128\nstatus 128\n');
    expect(r.stderr).toBe(
      "Cloning into 'b'...\nfatal: could not read Username for 'https://github.com': No such device or address\n" +
        "Cloning into 'y'...\nfatal: repository 'https://example.com/x/y.git/' not found\n" +
        "Cloning into 'y'...\nfatal: unable to access 'https://nosuch.invalid/y.git/': Could not resolve host: nosuch.invalid\n",
    );
  }, 120_000);

  it('the buildpack-deps-based node and python images ship git', async () => {
    for (const image of ['node:20', 'python:3.12']) expect(await t.run(image, 'git --version')).toMatchObject({ status: 0, stdout: 'git version 2.39.5\n', stderr: '' });
  }, 60_000);

  it('without git installed the command is not found', async () => {
    const r = await t.run('debian:12', 'git --version');
    expect(r).toMatchObject({ status: 127 });
    expect(r.stderr).toMatch(/git: not found/);
  }, 60_000);
});

describe('git in a Dockerfile build', () => {
  it('RUN apt-get install git && git clone works like in a container, and the clone is in the image', async () => {
    const catalog = await Catalog.open(nodeCatalogSource());
    const d = dockerTest({ catalog, packages: nodePackageSource() });
    d.tm.fs.mkdir('/home/learner/app');
    d.tm.fs.chown('/home/learner/app', 1000, 1000);
    d.tm.fs.writeFile(
      '/home/learner/app/Dockerfile',
      new TextEncoder().encode('FROM debian:12\nRUN apt-get update && apt-get install -y git && git clone https://github.com/docker/welcome-to-docker.git /src\nWORKDIR /src\nCMD ["git", "log", "--oneline"]\n'),
    );
    const b = await d.run(['build', '-q', '-t', 'cloned', '.'], { cwd: '/home/learner/app' });
    expect(b).toMatchObject({ status: 0, stderr: '' });
    const r = await d.run(['run', '--rm', 'cloned', 'sh', '-c', 'ls && git log --oneline && git remote -v && cat .git/HEAD']);
    expect(r.stdout).toMatch(/^Dockerfile\nREADME\.md\npackage\.json\npublic\nsrc\n[0-9a-f]{7} Welcome to Docker\n/);
    expect(r.stdout).toMatch(/\norigin\thttps:\/\/github\.com\/docker\/welcome-to-docker\.git \(fetch\)\norigin\thttps:\/\/github\.com\/docker\/welcome-to-docker\.git \(push\)\nref: refs\/heads\/main\n$/);
  }, 180_000);
});
