import { describe, expect, it } from 'vitest';
import { chainIds } from '../../format/digest';
import { parseGoJson } from '../../format/json';
import { dockerTest } from '../testing/harness';

describe('docker inspect', () => {
  it('image: Engine 28 fields in order, 4-space JSON list', async () => {
    const t = dockerTest();
    const bb = t.busybox;
    const r = await t.run(['image', 'inspect', 'busybox']);
    expect(r.status).toBe(0);
    const [layer] = chainIds([...bb.diffIds]);
    void layer;
    const text = r.stdout;
    expect(text.startsWith(`[\n    {\n        "Id": "${bb.id}",\n        "RepoTags": [\n            "busybox:latest"\n        ],\n        "RepoDigests": [],\n        "Parent": "",\n        "Comment": "",\n        "Created": "2026-01-01T00:00:00Z",\n        "DockerVersion": "",\n        "Author": "",\n        "Config": {\n            "Env": [\n                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n            ],\n            "Cmd": [\n                "sh"\n            ]\n        },\n        "Architecture": "amd64",\n        "Os": "linux",\n        "Size": ${bb.size},\n        "GraphDriver": {\n            "Data": {\n                "MergedDir": "/var/lib/docker/overlay2/`)).toBe(true);
    expect(text.endsWith(`        "RootFS": {\n            "Type": "layers",\n            "Layers": [\n                "${bb.diffIds[0]}"\n            ]\n        },\n        "Metadata": {\n            "LastTagTime": "0001-01-01T00:00:00Z"\n        }\n    }\n]\n`)).toBe(true);
    expect(Object.keys((parseGoJson(text) as Array<Record<string, unknown>>)[0]!)).toEqual([
      'Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created', 'DockerVersion', 'Author', 'Config', 'Architecture', 'Os', 'Size', 'GraphDriver', 'RootFS', 'Metadata',
    ]);
  });

  it('-f templates: Go printing, json, fallback to maps, errors', async () => {
    const t = dockerTest();
    expect((await t.run(['inspect', '-f', '{{.Config.Cmd}} {{.Os}} {{json .Config.Env}}', 'busybox'])).stdout).toBe(
      '[sh] linux ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]\n',
    );
    expect((await t.run(['inspect', '-f', '{{json .Config}}', 'busybox'])).stdout).toBe(
      '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]}\n',
    );
    expect((await t.run(['inspect', '-f', '{{.Nope}}', 'busybox'])).stdout).toBe('<no value>\n');
    expect((await t.run(['inspect', '--format', '{{.Size}}', 'busybox'])).stdout).toBe(`${t.busybox.size}\n`);
    expect(await t.run(['inspect', '-f', '{{.Id', 'busybox'])).toMatchObject({ status: 64 });
    expect((await t.run(['inspect', '-f', '{{.Id', 'busybox'])).stderr).toMatch(/^template parsing error: template: :1: /);
  });

  it('missing objects: [] and the errors', async () => {
    const t = dockerTest();
    expect(await t.run(['inspect', 'nope'])).toMatchObject({ status: 1, stdout: '[]\n', stderr: 'Error: No such object: nope\n' });
    expect(await t.run(['image', 'inspect', 'nope'])).toMatchObject({ status: 1, stdout: '[]\n', stderr: 'Error response from daemon: No such image: nope:latest\n' });
    expect(await t.run(['container', 'inspect', 'nope'])).toMatchObject({ status: 1, stdout: '[]\n', stderr: 'Error response from daemon: No such container: nope\n' });
    const both = await t.run(['inspect', '-f', '{{.Id}}', 'nope', 'busybox']);
    expect(both).toMatchObject({ status: 1, stdout: `${t.busybox.id}\n`, stderr: 'Error: No such object: nope\n' });
  });

  it('container: state, config, paths; containers win over images of the same name', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'web', cmd: ['sleep', '100'] });
    await c.start();
    const fmt = '{{.Name}} {{.State.Status}} {{.State.Running}} {{.State.Pid}} {{.Path}} {{.Args}} {{.Config.Image}} {{.Config.Hostname}} {{.NetworkSettings.IPAddress}} {{.HostConfig.NetworkMode}}';
    expect((await t.run(['inspect', '-f', fmt, 'web'])).stdout).toBe(`/web running true 1 sleep [100] busybox ${c.shortId} 172.17.0.2 bridge\n`);
    const obj = (parseGoJson((await t.run(['container', 'inspect', 'web'])).stdout) as Array<Record<string, unknown>>)[0]!;
    expect(Object.keys(obj)).toEqual([
      'Id', 'Created', 'Path', 'Args', 'State', 'Image', 'ResolvConfPath', 'HostnamePath', 'HostsPath', 'LogPath', 'Name', 'RestartCount', 'Driver',
      'Platform', 'MountLabel', 'ProcessLabel', 'AppArmorProfile', 'ExecIDs', 'HostConfig', 'GraphDriver', 'Mounts', 'Config', 'NetworkSettings',
    ]);
    expect(obj.State).toEqual({
      Status: 'running', Running: true, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 1, ExitCode: 0, Error: '',
      StartedAt: '2026-11-23T10:00:00Z', FinishedAt: '0001-01-01T00:00:00Z',
    });
    expect(obj.LogPath).toBe(`/var/lib/docker/containers/${c.id}/${c.id}-json.log`);
    expect(Object.keys(obj.Config as object)).toEqual([
      'Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'OpenStdin', 'StdinOnce', 'Env', 'Cmd', 'Image', 'Volumes',
      'WorkingDir', 'Entrypoint', 'OnBuild', 'Labels',
    ]);
    await c.stop();
    expect((await t.run(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}} {{.NetworkSettings.IPAddress}}|', 'web'])).stdout).toBe('exited 137 |\n');
    expect((await t.run(['inspect', '--type', 'image', '-f', '{{.Id}}', 'busybox'])).stdout).toBe(`${t.busybox.id}\n`);
  });
});
