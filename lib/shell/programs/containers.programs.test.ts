/**
 * The programs added for catalog images, used the way learners use them inside containers: `docker run ubuntu pwd`,
 * `-w /app`, and a Dockerfile that adds a user with useradd and switches to it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTest } from '../../engine/cli/testing/harness';
import { Catalog } from '../../engine/registry/catalog/Catalog';
import { nodeCatalogSource } from '../../engine/registry/catalog/testing/nodeCatalogSource';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

describe('programs in catalog containers', () => {
  it('docker run ubuntu pwd prints the working directory', async () => {
    const t = dockerTest({ catalog });
    await t.run(['pull', '-q', 'ubuntu']);
    expect(await t.run(['run', '--rm', 'ubuntu', 'pwd'])).toMatchObject({ status: 0, stdout: '/\n', stderr: '' });
    expect(await t.run(['run', '--rm', '-w', '/app', 'ubuntu', 'pwd'])).toMatchObject({ status: 0, stdout: '/app\n', stderr: '' });
  }, 60_000);

  it('a Dockerfile adds a user with useradd -m and runs as it', async () => {
    const t = dockerTest({ catalog });
    t.tm.fs.mkdir('/home/learner/app');
    t.tm.fs.chown('/home/learner/app', 1000, 1000);
    t.tm.fs.writeFile('/home/learner/app/Dockerfile', new TextEncoder().encode('FROM debian:12\nRUN useradd -m app && su app -c whoami\nUSER app\nRUN whoami && pwd && ls -a ~\n'));
    const b = await t.run(['build', '-q', '-t', 'withuser', '.'], { cwd: '/home/learner/app' });
    expect(b).toMatchObject({ status: 0, stderr: '' });
    const r = await t.run(['run', '--rm', 'withuser', 'sh', '-c', 'id; tail -n 1 /etc/passwd; tail -n 1 /etc/group; ls -ld /home/app']);
    expect(r.stdout).toMatch(/^uid=1000\(app\) gid=1000\(app\) groups=1000\(app\)\napp:x:1000:1000::\/home\/app:\/bin\/sh\napp:x:1000:\ndrwxr-xr-x 2 app app 4096 /);
  }, 60_000);

  it('Debian adduser and BusyBox adduser speak their own dialects', async () => {
    const t = dockerTest({ catalog });
    for (const ref of ['debian:12', 'alpine']) await t.run(['pull', '-q', ref]);
    const deb = await t.run(['run', '--rm', 'debian:12', 'adduser', '--disabled-password', '--gecos', '', 'bob']);
    expect(deb).toMatchObject({
      status: 0,
      stdout:
        "Adding user `bob' ...\nAdding new group `bob' (1000) ...\nAdding new user `bob' (1000) with group `bob (1000)' ...\nCreating home directory `/home/bob' ...\nCopying files from `/etc/skel' ...\nAdding new user `bob' to supplemental / extra groups `users' ...\nAdding user `bob' to group `users' ...\n",
    });
    const alpine = await t.run(['run', '--rm', 'alpine', 'sh', '-c', 'busybox addgroup -S grp && busybox adduser -D -G grp app && grep app /etc/passwd && id app']);
    expect(alpine).toMatchObject({ status: 0, stderr: '' });
    expect(alpine.stdout).toMatch(/^app:x:1000:\d+:Linux User,,,:\/home\/app:\/bin\/sh\nuid=1000\(app\) gid=\d+\(grp\) groups=\d+\(grp\)\n$/);
    // Alpine's image links the account applets as its BusyBox installs them, so the usual Dockerfile line works.
    const linked = await t.run(['run', '--rm', 'alpine', 'sh', '-c', 'addgroup -S app && adduser -S -G app app && readlink /usr/sbin/adduser && id app']);
    expect(linked).toMatchObject({ status: 0, stderr: '' });
    expect(linked.stdout).toMatch(/^\/bin\/busybox\nuid=\d+\(app\) gid=\d+\(app\) groups=\d+\(app\)\n$/);
  }, 60_000);
});
