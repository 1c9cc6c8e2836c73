import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';
import { connectHost } from '../../host';

const HINT = "\n\nRun 'docker run --help' for more information\n";

function withHost() {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  return t;
}

describe('volumes', () => {
  it('a named volume outlives its container and is shared by the next one; diff and commit never see it', async () => {
    const t = withHost();
    expect((await t.run(['run', '--name', 'writer', '-v', 'data:/data', 'busybox', 'sh', '-c', 'echo kept > /data/f; echo lost > /tmp/g'])).status).toBe(0);
    expect((await t.run(['diff', 'writer'])).stdout).toBe('C /tmp\nA /tmp/g\n');
    await t.run(['rm', 'writer']);
    expect((await t.run(['run', '--rm', '-v', 'data:/data', 'busybox', 'cat', '/data/f'])).stdout).toBe('kept\n');
    expect((await t.run(['volume', 'ls'])).stdout).toBe('DRIVER    VOLUME NAME\nlocal     data\n');
  });

  it('-v with a host path binds it (created if missing); ./relative paths are made absolute; :ro refuses writes', async () => {
    const t = withHost();
    const home = '/home/learner';
    expect((await t.run(['run', '--rm', '-v', `${home}/site:/srv`, 'busybox', 'sh', '-c', 'echo hi > /srv/index.html'], { cwd: home })).status).toBe(0);
    expect(new TextDecoder().decode(t.tm.fs.readFile(`${home}/site/index.html`))).toBe('hi\n');
    expect((await t.run(['run', '--rm', '-v', './site:/srv:ro', 'busybox', 'cat', '/srv/index.html'], { cwd: home })).stdout).toBe('hi\n');
    const ro = await t.run(['run', '--rm', '-v', './site:/srv:ro', 'busybox', 'touch', '/srv/x'], { cwd: home });
    expect(ro.status).toBe(1);
    expect(ro.stderr).toContain('Read-only file system');
  });

  it('anonymous volumes: from -v /path and image VOLUMEs, seeded from the image, removed by --rm and rm -v', async () => {
    const t = withHost();
    expect((await t.run(['create', '--name', 'anon', '-v', '/etc', 'busybox'])).status).toBe(0);
    const vols = t.engine.volumes.list();
    expect(vols).toHaveLength(1);
    expect(vols[0]!.name).toMatch(/^[0-9a-f]{64}$/);
    expect(vols[0]!.labels).toEqual({ 'com.docker.volume.anonymous': '' });
    // Seeded with the container's /etc before its binds: the image's files and the init layer's placeholders.
    expect(vols[0]!.fs.readdir('/').sort()).toEqual(['group', 'hostname', 'hosts', 'motd', 'mtab', 'passwd', 'resolv.conf']);
    expect(await t.run(['volume', 'rm', vols[0]!.name])).toMatchObject({
      status: 1,
      stderr: `Error response from daemon: remove ${vols[0]!.name}: volume is in use - [${t.engine.containers.resolve('anon').id}]\n`,
    });
    await t.run(['rm', '-v', 'anon']);
    expect(t.engine.volumes.list()).toEqual([]);
    await t.run(['run', '--rm', '-v', '/cache', 'busybox', 'true']);
    expect(t.engine.volumes.list()).toEqual([]);
  });

  it('bad specs are the daemon’s errors and create nothing', async () => {
    const t = withHost();
    expect(await t.run(['run', '-v', 'data', 'busybox'])).toMatchObject({
      status: 125,
      stderr: `docker: Error response from daemon: invalid volume specification: 'data': invalid mount config for type "volume": invalid mount path: 'data' mount path must be absolute${HINT}`,
    });
    expect((await t.run(['run', '-v', 'a b:/x', 'busybox'])).stderr).toBe(
      `docker: Error response from daemon: create a b: "a b" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path${HINT}`,
    );
    expect((await t.run(['run', '-v', '/tmp:/x:bogus', 'busybox'])).stderr).toBe(`docker: Error response from daemon: invalid mode: bogus${HINT}`);
    expect((await t.run(['run', '--mount', 'type=bind,source=/nope,target=/x', 'busybox'])).stderr).toBe(
      `docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /nope${HINT}`,
    );
    expect(t.engine.volumes.list()).toEqual([]);
    expect(t.engine.containers.list()).toEqual([]);
  });

  it('docker volume create / inspect / ls -q / prune', async () => {
    const t = withHost();
    expect((await t.run(['volume', 'create', 'myvol'])).stdout).toBe('myvol\n');
    expect((await t.run(['volume', 'inspect', 'myvol'])).stdout).toBe(
      `[\n    {\n        "CreatedAt": "2026-11-23T10:00:00Z",\n        "Driver": "local",\n        "Labels": null,\n        "Mountpoint": "/var/lib/docker/volumes/myvol/_data",\n        "Name": "myvol",\n        "Options": null,\n        "Scope": "local"\n    }\n]\n`,
    );
    expect(await t.run(['volume', 'inspect', 'nope'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: get nope: no such volume\n' });
    const anon = (await t.run(['volume', 'create'])).stdout.trim();
    expect((await t.run(['volume', 'ls', '-q'])).stdout).toBe([anon, 'myvol'].sort().join('\n') + '\n');
    expect(await t.run(['volume', 'prune', '-f'])).toMatchObject({ stdout: `Deleted Volumes:\n${anon}\n\nTotal reclaimed space: 0B\n` });
    expect((await t.run(['volume', 'prune', '-a'], { stdin: 'y\n' })).stdout).toBe(
      'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Volumes:\nmyvol\n\nTotal reclaimed space: 0B\n',
    );
  });
});

describe('volumes in docker system df', () => {
  it('counts volumes, the used ones, their bytes and what pruning would reclaim', async () => {
    const t = withHost();
    await t.run(['run', '--name', 'keeper', '-v', 'used:/d', 'busybox', 'sh', '-c', 'echo 12345 > /d/f']);
    await t.run(['run', '--rm', '-v', 'idle:/d', 'busybox', 'sh', '-c', 'echo 123456789 > /d/f']);
    const df = await t.run(['system', 'df', '--format', '{{.Type}} {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}']);
    expect(df.stdout.split('\n')[2]).toBe('Local Volumes 2 1 16B 10B (62%)');
    const v = await t.run(['system', 'df', '-v']);
    expect(v.stdout).toContain('Local Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\nused          1         6B\nidle          0         10B\n');
  });
});

describe('volumes survive snapshot and restore', () => {
  it('files in a named volume and the container that mounts it come back', async () => {
    const t = withHost();
    await t.run(['run', '--name', 'keeper', '-v', 'data:/data', 'busybox', 'sh', '-c', 'mkdir /data/d; echo kept > /data/d/f']);
    const snap = JSON.parse(JSON.stringify(t.engine.snapshot()));
    const { Engine } = await import('../../Engine');
    const restored = await Engine.restore(snap, { clock: t.tm.clock, random: t.engine.random, programs: t.engine.programs });
    const { DOCKER_ENGINE } = await import('../service');
    t.tm.machine.provide(DOCKER_ENGINE, restored);
    connectHost(t.tm.machine, restored);
    expect((await t.run(['volume', 'ls', '-q'])).stdout).toBe('data\n');
    expect((await t.run(['run', '--rm', '-v', 'data:/data', 'busybox', 'cat', '/data/d/f'])).stdout).toBe('kept\n');
    expect((await t.run(['start', '-a', 'keeper'])).status).toBe(0);
    expect((await t.run(['run', '--rm', '-v', 'data:/data', 'busybox', 'ls', '/data/d'])).stdout).toBe('f\n');
  });
});

describe('mounts in docker inspect', () => {
  it('Binds names what -v named; Mounts lists volumes and binds as the API does', async () => {
    const t = withHost();
    await t.run(['create', '--name', 'm', '-v', 'data:/data', '-v', '/cache', '-v', '/home/learner/src:/src:ro', 'busybox'].map((a) => (a === 'm' ? 'mounty' : a)));
    expect((await t.run(['inspect', '-f', '{{json .HostConfig.Binds}}', 'mounty'])).stdout).toBe('["data:/data","/home/learner/src:/src:ro"]\n');
    const anon = t.engine.volumes.list().find((v) => v.anonymous)!.name;
    expect(JSON.parse((await t.run(['inspect', '-f', '{{json .Mounts}}', 'mounty'])).stdout)).toEqual([
      { Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
      { Type: 'volume', Name: anon, Source: `/var/lib/docker/volumes/${anon}/_data`, Destination: '/cache', Driver: 'local', Mode: '', RW: true, Propagation: '' },
      { Type: 'bind', Source: '/home/learner/src', Destination: '/src', Mode: 'ro', RW: false, Propagation: 'rprivate' },
    ]);
  });
});
