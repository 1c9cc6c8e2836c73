import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';

async function setup() {
  const t = dockerTest();
  const { engine, busybox, tm } = t;
  const web = engine.createContainer(busybox, { imageRef: 'busybox', name: 'web', cmd: ['sleep', '1000'] });
  tm.clock.advance(60_000);
  const job = engine.createContainer(busybox, { imageRef: 'busybox:latest', name: 'job', cmd: ['sh', '-c', 'echo hi; echo oops >&2; exit 3'] });
  tm.clock.advance(5_000);
  const fresh = engine.createContainer(busybox, { imageRef: busybox.id.slice(7, 19), name: 'fresh', cmd: ['echo', 'a b'] });
  await web.start();
  await job.start();
  await job.wait();
  tm.clock.advance(2_000);
  return { t, web, job, fresh };
}

describe('docker ps', () => {
  it('running only by default; -a shows all, newest first', async () => {
    const { t, web, job, fresh } = await setup();
    expect((await t.run(['ps'])).stdout).toBe(
      [
        'CONTAINER ID   IMAGE     COMMAND        CREATED              STATUS         PORTS     NAMES',
        `${web.shortId}   busybox   "sleep 1000"   About a minute ago   Up 2 seconds             web`,
        '',
      ].join('\n'),
    );
    expect((await t.run(['container', 'ls', '-a'])).stdout).toBe(
      [
        'CONTAINER ID   IMAGE            COMMAND                  CREATED              STATUS                     PORTS     NAMES',
        `${fresh.shortId}   ${t.busybox.shortId}     "echo 'a b'"             2 seconds ago        Created                              fresh`,
        `${job.shortId}   busybox:latest   "sh -c 'echo hi; ech…"   7 seconds ago        Exited (3) 2 seconds ago             job`,
        `${web.shortId}   busybox          "sleep 1000"             About a minute ago   Up 2 seconds                         web`,
        '',
      ].join('\n'),
    );
  });

  it('-q, -l, -n, --no-trunc, --format, filters', async () => {
    const { t, web, job, fresh } = await setup();
    expect((await t.run(['ps', '-aq'])).stdout).toBe(`${fresh.shortId}\n${job.shortId}\n${web.shortId}\n`);
    expect((await t.run(['ps', '-lq'])).stdout).toBe(`${fresh.shortId}\n`);
    expect((await t.run(['ps', '-n', '2', '--format', '{{.Names}} {{.State}}'])).stdout).toBe('fresh created\njob exited\n');
    expect((await t.run(['ps', '-q', '--no-trunc'])).stdout).toBe(`${web.id}\n`);
    expect((await t.run(['ps', '-a', '--no-trunc', '--format', '{{.Command}}|{{.Image}}', '-f', 'name=job'])).stdout).toBe(
      `"sh -c 'echo hi; echo oops >&2; exit 3'"|busybox:latest\n`,
    );
    expect((await t.run(['ps', '--format', 'table {{.Names}}\\t{{.Status}}', '--filter', 'status=exited'])).stdout).toBe(
      'NAMES     STATUS\njob       Exited (3) 2 seconds ago\n',
    );
    expect((await t.run(['ps', '-aq', '-f', `id=${fresh.id.slice(0, 5)}`])).stdout).toBe(`${fresh.shortId}\n`);
    expect((await t.run(['ps', '-aq', '-f', 'ancestor=busybox', '-f', 'exited=3'])).stdout).toBe(`${job.shortId}\n`);
    // --no-trunc shows the daemon's value: the reference exactly as typed.
    expect((await t.run(['ps', '-a', '--no-trunc', '--format', '{{.Image}}'])).stdout).toBe(`${t.busybox.shortId}\nbusybox:latest\nbusybox\n`);
    expect((await t.run(['ps', '-aq', '-f', 'before=fresh'])).stdout).toBe(`${job.shortId}\n${web.shortId}\n`);
    expect((await t.run(['ps', '-aq', '-f', 'since=web', '-f', 'network=bridge', '-f', 'is-task=false'])).stdout).toBe(`${fresh.shortId}\n${job.shortId}\n`);
    expect(await t.run(['ps', '-f', 'bogus=1'])).toMatchObject({ status: 1, stderr: "Error response from daemon: invalid filter 'bogus'\n" });
    expect((await t.run(['ps', '-f', 'status=nap'])).stderr).toBe("Error response from daemon: invalid filter 'status=nap'\n");
    expect((await t.run(['ps', '--format', 'json'])).stdout).toBe(
      `{"Command":"\\"sleep 1000\\"","CreatedAt":"2026-11-23 10:00:00 +0000 UTC","ID":"${web.shortId}","Image":"busybox","Labels":"","LocalVolumes":"0","Mounts":"","Names":"web","Networks":"bridge","Ports":"","RunningFor":"About a minute ago","Size":"0B","State":"running","Status":"Up 2 seconds"}\n`,
    );
    expect((await t.run(['ps', '--format', '{{.Nope}}'])).stderr).toBe(
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n',
    );
  });

  it('-s adds SIZE: the writable layer and the virtual total', async () => {
    const { t, web } = await setup();
    web.rootFs.writeFile('/x', new TextEncoder().encode('12345'));
    const out = (await t.run(['ps', '-s', '--format', 'table {{.Names}}\\t{{.Size}}'])).stdout;
    const virtual = 5 + t.busybox.size;
    expect(out).toBe(`NAMES     SIZE\nweb       5B (virtual ${virtual < 1000 ? `${virtual}B` : `${(virtual / 1000).toPrecision(3)}kB`})\n`);
  });

  it('PORTS: same-number publications grouped like exposed ports', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, {
      imageRef: 'busybox',
      name: 'web',
      cmd: ['sleep', '100'],
      hostConfig: { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '80' }], '81/tcp': [{ hostIp: '', hostPort: '81' }] } },
    });
    await c.start();
    expect((await t.run(['ps', '--format', '{{.Ports}}'])).stdout).toBe('0.0.0.0:80-81->80-81/tcp, [::]:80-81->80-81/tcp\n');
  });

  it('PORTS: exposed-only ranges merged, published IPv4 and IPv6, sorted; nothing when stopped', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, {
      imageRef: 'busybox',
      name: 'srv',
      cmd: ['sleep', '100'],
      exposedPorts: ['8001/tcp', '8000/tcp', '8002/tcp', '53/udp', '9000/tcp'],
      hostConfig: { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8080' }], '443/tcp': [{ hostIp: '127.0.0.1', hostPort: '8443' }] } },
    });
    await c.start();
    // DisplayablePorts: a range is flushed when its run breaks, the open groups follow in creation order, then the
    // mappings whose host port differs.
    expect((await t.run(['ps', '--format', '{{.Ports}}'])).stdout).toBe(
      '8000-8002/tcp, 53/udp, 9000/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 127.0.0.1:8443->443/tcp\n',
    );
    expect((await t.run(['ps', '-q', '-f', 'expose=8001-8100'])).stdout).toBe(`${c.shortId}\n`);
    expect((await t.run(['ps', '-q', '-f', 'expose=53'])).stdout).toBe('');
    expect((await t.run(['ps', '-q', '-f', 'publish=443/tcp', '-f', 'health=none'])).stdout).toBe(`${c.shortId}\n`);
    expect((await t.run(['ps', '-q', '-f', 'health=healthy'])).stdout).toBe('');
    expect((await t.run(['ps', '-q', '-f', 'health=ok'])).stderr).toBe("Error response from daemon: invalid filter 'health=ok'\n");
    await c.stop(0);
    expect((await t.run(['ps', '-a', '--format', '[{{.Ports}}]'])).stdout).toBe('[]\n');
  });

  it('an image reference that now names another image shows the short ID', async () => {
    const { t, web } = await setup();
    const other = t.engine.commit(web);
    await t.run(['tag', other.id, 'busybox']);
    expect((await t.run(['ps', '--format', '{{.Image}}'])).stdout).toBe(`${t.busybox.shortId}\n`);
  });
});

describe('container lifecycle commands', () => {
  it('stop, start, kill print the argument as given; errors are joined at the end', async () => {
    const { t, web, fresh } = await setup();
    const stop = t.run(['stop', '-t', '1', 'web', 'nope']);
    await t.tm.clock.sleep(1_000);
    expect(await stop).toMatchObject({ status: 1, stdout: 'web\n', stderr: 'Error response from daemon: No such container: nope\n' });
    expect(web.state).toMatchObject({ status: 'exited', exitCode: 137 });
    expect(await t.run(['start', web.shortId, 'nope'])).toMatchObject({
      status: 1,
      stdout: `${web.shortId}\n`,
      stderr: 'Error response from daemon: No such container: nope\nError: failed to start containers: nope\n',
    });
    expect(await t.run(['kill', 'web'])).toMatchObject({ status: 0, stdout: 'web\n' });
    expect(web.state.exitCode).toBe(137);
    expect(await t.run(['kill', 'fresh'])).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `Error response from daemon: cannot kill container: fresh: container ${fresh.id} is not running\n`,
    });
    expect((await t.run(['kill', '-s', 'NOPE', 'web'])).stderr).toBe('Error response from daemon: cannot kill container: web: Invalid signal: NOPE\n');
  });

  it('start of a command that cannot run reports the runtime error', async () => {
    const t = dockerTest();
    t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'bad', cmd: ['nope'] });
    const r = await t.run(['start', 'bad']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nope": executable file not found in $PATH: unknown\nError: failed to start containers: bad\n',
    );
  });

  it('rm: running needs -f; -f ignores missing ones', async () => {
    const { t } = await setup();
    expect(await t.run(['rm', 'job', 'web'])).toMatchObject({
      status: 1,
      stdout: 'job\n',
      stderr: 'Error response from daemon: cannot remove container "web": container is running: stop the container before removing or force remove\n',
    });
    expect(await t.run(['rm', '-f', 'web', 'ghost'])).toMatchObject({ status: 0, stdout: 'web\n', stderr: 'Error response from daemon: No such container: ghost\n' });
    expect(await t.run(['container', 'remove', 'ghost'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: No such container: ghost\n' });
    expect(t.engine.containers.list().map((c) => c.name)).toEqual(['fresh']);
  });

  it('logs: streams split, --tail, -t, -f until the container stops', async () => {
    const { t, job, web } = await setup();
    expect(await t.run(['logs', 'job'])).toMatchObject({ status: 0, stdout: 'hi\n', stderr: 'oops\n' });
    expect((await t.run(['logs', '-n', '0', 'job'])).stdout).toBe('');
    expect((await t.run(['logs', '--tail', 'x', '-t', 'job'])).stdout).toBe('2026-11-23T10:01:05.000000000Z hi\n');
    void job;
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'ticker', cmd: ['sh', '-c', 'echo 1; sleep 1; echo 2; sleep 1; echo 3'] });
    await c.start();
    const follow = t.run(['logs', '-f', 'ticker']);
    await t.tm.clock.sleep(5_000);
    expect(await follow).toMatchObject({ status: 0, stdout: '1\n2\n3\n' });
    void web;
  });

  it('diff and commit', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'box', cmd: ['sh', '-c', 'mkdir /app; echo x > /app/f; rm /etc/motd'] });
    await c.start();
    await c.wait();
    expect((await t.run(['diff', 'box'])).stdout).toBe('A /app\nA /app/f\nC /etc\nD /etc/motd\n');
    const r = await t.run(['commit', '-m', 'add app', '-a', 'me', '-c', 'CMD ["cat","/app/f"]', '-c', 'ENV A=1', 'box', 'myapp:v1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const img = t.engine.images.resolve('myapp:v1');
    expect(img.id).toBe(r.stdout.trim());
    expect(img.runConfig.Cmd).toEqual(['cat', '/app/f']);
    expect(img.runConfig.Env).toContain('A=1');
    expect(img.config.author).toBe('me');
    expect((await t.run(['commit', '-c', 'RUN x', 'box'])).stderr).toBe('Error response from daemon: RUN is not a valid change command\n');
    expect((await t.run(['commit', 'box', 'Bad'])).stderr).toBe(
      'Error parsing reference: "Bad" is not a valid repository/tag: invalid reference format: repository name (library/Bad) must be lowercase\n',
    );
    expect((await t.run(['diff', 'zzz'])).stderr).toBe('Error response from daemon: No such container: zzz\n');
  });
});

describe('docker wait and restart', () => {
  it('wait prints exit codes once containers stop; restart stops and starts', async () => {
    const t = dockerTest();
    const a = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'aa', cmd: ['sh', '-c', 'sleep 2; exit 4'] });
    const b = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'bb', cmd: ['sleep', '100'] });
    await a.start();
    await b.start();
    const w = t.run(['wait', 'aa', 'nope']);
    await t.tm.clock.sleep(3_000);
    expect(await w).toMatchObject({ status: 1, stdout: '4\n', stderr: 'Error response from daemon: No such container: nope\n' });
    const startedBefore = b.state.startedAt;
    const r = t.run(['restart', '-t', '1', 'bb', 'aa']);
    await t.tm.clock.sleep(2_000);
    expect(await r).toMatchObject({ status: 0, stdout: 'bb\naa\n' });
    expect(b.running).toBe(true);
    expect(b.state.startedAt).toBeGreaterThan(startedBefore!);
    expect(a.running).toBe(true);
  });
});
