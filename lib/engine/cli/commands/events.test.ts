import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../../format/reference';
import { CollectingWriter, emptyReader } from '../../process/streams';
import { DEFAULT_PATH } from '../../process/Machine';
import { ROOT } from '../../fs/Types';
import { dockerTest, type DockerTest } from '../testing/harness';
import { BRIDGE_NETWORK_ID, type EngineEvent } from '../../events';
import { untilLogged } from '../../../shell/programs/net/testing/wait';

const settle = () => new Promise((r) => setTimeout(r, 20));

/** Starts `docker events ARGS` in the background; `stop()` sends Ctrl-C and returns what it printed. */
function follow(t: DockerTest, args: readonly string[]) {
  const out = new CollectingWriter();
  const err = new CollectingWriter();
  const r = t.tm.machine.spawn({ argv: ['docker', 'events', ...args], env: new Map([['PATH', DEFAULT_PATH]]), cwd: '/', cred: ROOT, umask: 0o022, stdin: emptyReader, stdout: out, stderr: err, tty: null, ppid: 1 });
  if (!r.ok) throw new Error('docker did not start');
  return {
    async stop() {
      await settle();
      r.child.kill('SIGINT');
      return { status: await r.child.exited, stdout: out.text(), stderr: err.text() };
    },
  };
}

describe('engine events and docker events', () => {
  it('one subscription sees container and image events in order', async () => {
    const t = dockerTest();
    const seen: EngineEvent[] = [];
    const off = t.engine.events.subscribe((e) => seen.push(e));
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'web', cmd: ['sleep', '5'], labels: { tier: 'front' } });
    await c.start();
    c.pause();
    c.unpause();
    await c.wait();
    await t.run(['rename', 'web', 'site']);
    await t.run(['rm', 'site']);
    t.engine.images.tag(parseDockerRef('mine:v1'), t.busybox.id);
    await t.run(['rmi', 'mine:v1']);
    off();
    expect(seen.map((e) => `${e.type} ${e.action}`)).toEqual([
      'container create',
      'network connect',
      'container start',
      'container pause',
      'container unpause',
      'network disconnect',
      'container die',
      'container rename',
      'container destroy',
      'image tag',
      'image untag',
    ]);
    expect(seen[1]!.attributes).toEqual({ container: c.id, name: 'bridge', type: 'bridge' });
    expect(seen[6]!.attributes).toEqual({ exitCode: '0', execDuration: '5', image: 'busybox', name: 'web', tier: 'front' });
    expect(seen[7]!.attributes).toMatchObject({ name: 'site', oldName: '/web' });
    expect(seen[9]).toMatchObject({ id: t.busybox.id, attributes: { name: 'mine:v1' } });
    expect(seen[10]).toMatchObject({ id: t.busybox.id, attributes: { name: t.busybox.id } });
  });

  it('docker events prints CLI 28 lines until Ctrl-C; --filter and --format', async () => {
    const t = dockerTest();
    const all = follow(t, []);
    const dies = follow(t, ['--filter', 'event=die', '--format', '{{.Actor.Attributes.name}} {{.Action}} {{.Actor.Attributes.exitCode}}']);
    await settle();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'job', cmd: ['sh', '-c', 'exit 4'] });
    await c.start();
    await c.wait();
    const r = await all.stop();
    expect(r.status).toBe(130);
    const net = `network connect ${BRIDGE_NETWORK_ID} (container=${c.id}, name=bridge, type=bridge)`;
    expect(r.stdout).toBe(
      [
        `2026-11-23T10:00:00.000000000Z container create ${c.id} (image=busybox, name=job)`,
        `2026-11-23T10:00:00.000000000Z ${net}`,
        `2026-11-23T10:00:00.000000000Z container start ${c.id} (image=busybox, name=job)`,
        `2026-11-23T10:00:00.000000000Z ${net.replace('connect', 'disconnect')}`,
        `2026-11-23T10:00:00.000000000Z container die ${c.id} (execDuration=0, exitCode=4, image=busybox, name=job)`,
        '',
      ].join('\n'),
    );
    expect((await dies.stop()).stdout).toBe('job die 4\n');
    expect((await t.run(['events', '--filter', 'type=bogus'])).stderr).toBe('Error response from daemon: Invalid event type "bogus"\n');
  });

  const actions = (t: DockerTest, from = 0) => t.engine.events.past().slice(from).map((e) => (e.type === 'container' ? e.action : `${e.type} ${e.action}`));

  it('logs what moby logs for kill, stop, restart, attach, exec and commit, in moby\'s order and attribute names', async () => {
    const t = dockerTest();
    // A PID 1 that exits on SIGTERM (a plain `sleep` as PID 1 ignores it, as in Docker).
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'svc', cmd: ['sh', '-c', 'trap "exit 0" TERM; echo ready; while :; do sleep 1; done'] });
    await c.start();
    await untilLogged(c, 'ready');
    let mark = t.engine.events.past().length;
    expect(await t.run(['stop', 'svc'])).toMatchObject({ status: 0, stdout: 'svc\n' });
    expect(actions(t, mark)).toEqual(['kill', 'network disconnect', 'die', 'stop']);
    expect(t.engine.events.past()[mark]!.attributes).toEqual({ image: 'busybox', name: 'svc', signal: '15' });
    mark = t.engine.events.past().length;
    expect(await t.run(['restart', 'svc'])).toMatchObject({ status: 0 });
    expect(actions(t, mark)).toEqual(['network connect', 'start', 'restart']);
    mark = t.engine.events.past().length;
    expect(await t.run(['exec', 'svc', 'sh', '-c', 'exit 3'])).toMatchObject({ status: 3 });
    expect(await t.run(['exec', 'svc', 'true'])).toMatchObject({ status: 0 });
    const execs = t.engine.events.past().slice(mark);
    expect(execs.map((e) => e.action)).toEqual(['exec_create: sh -c exit 3', 'exec_start: sh -c exit 3', 'exec_die', 'exec_create: true ', 'exec_start: true ', 'exec_die']);
    const execId = execs[0]!.attributes.execID!;
    expect(execId).toMatch(/^[0-9a-f]{64}$/);
    expect(execs[2]!.attributes).toEqual({ execID: execId, exitCode: '3', image: 'busybox', name: 'svc' });
    expect(execs[3]!.attributes.execID).not.toBe(execId);
    mark = t.engine.events.past().length;
    const commit = await t.run(['commit', '-m', 'snap', 'svc', 'snap:v1']);
    const imageId = commit.stdout.trim();
    expect(actions(t, mark)).toEqual(['pause', 'image tag', 'commit', 'unpause']);
    expect(t.engine.events.past()[mark + 2]!.attributes).toEqual({ comment: 'snap', imageID: imageId, imageRef: 'snap:v1', image: 'busybox', name: 'svc' });
    mark = t.engine.events.past().length;
    await t.run(['commit', '--no-pause', 'svc']);
    expect(actions(t, mark)).toEqual(['commit']);
    expect(t.engine.events.past()[mark]!.attributes).toMatchObject({ comment: '', imageRef: '' });
    mark = t.engine.events.past().length;
    expect(await t.run(['kill', 'svc'])).toMatchObject({ status: 0 });
    await c.wait();
    expect(actions(t, mark)).toEqual(['kill', 'network disconnect', 'die']);
    expect(t.engine.events.past()[mark]!.attributes.signal).toBe('9');
    expect(t.engine.events.past().at(-1)!.attributes.exitCode).toBe('137');
    mark = t.engine.events.past().length;
    expect(await t.run(['run', '--rm', 'busybox', 'true'])).toMatchObject({ status: 0 });
    expect(actions(t, mark)).toEqual(['create', 'attach', 'network connect', 'start', 'network disconnect', 'die', 'destroy']);
  });

  it('docker events --since/--until replays the kept events (exact lines) and ends; --format {{json .}} is moby\'s Message', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'old', cmd: ['true'] });
    t.tm.clock.advance(60_000);
    await c.start();
    await c.wait();
    t.tm.clock.advance(60_000);
    // 10:00:00 create; 10:01:00 connect/start/disconnect/die; now 10:02:00.
    const r = await t.run(['events', '--since', '2026-11-23T10:00:30Z', '--until', '1m']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    const net = `${BRIDGE_NETWORK_ID} (container=${c.id}, name=bridge, type=bridge)`;
    expect(r.stdout).toBe(
      `2026-11-23T10:01:00.000000000Z network connect ${net}\n` +
        `2026-11-23T10:01:00.000000000Z container start ${c.id} (image=busybox, name=old)\n` +
        `2026-11-23T10:01:00.000000000Z network disconnect ${net}\n` +
        `2026-11-23T10:01:00.000000000Z container die ${c.id} (execDuration=0, exitCode=0, image=busybox, name=old)\n`,
    );
    expect((await t.run(['events', '--until', '2026-11-23T10:00:00Z', '--filter', 'type=container'])).stdout).toBe(`2026-11-23T10:00:00.000000000Z container create ${c.id} (image=busybox, name=old)\n`);
    const json = await t.run(['events', '--since', '0', '--until', '0s', '--filter', 'event=die', '--format', '{{json .}}']);
    expect(json.stdout).toBe(
      `{"status":"die","id":"${c.id}","from":"busybox","Type":"container","Action":"die","Actor":{"ID":"${c.id}","Attributes":{"execDuration":"0","exitCode":"0","image":"busybox","name":"old"}},"scope":"local","time":1795428060,"timeNano":1795428060000000000}\n`,
    );
    expect(await t.run(['events', '--since', '1m', '--until', '2m'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: `since` time (1795428060.000000000) cannot be after `until` time (1795428000.000000000)\n' });
    expect((await t.run(['events', '--since', '0', '--until', '0s', '--filter', 'event=exec_create'])).stdout).toBe('');
  });

  it('docker events --until in the future replays, streams until then and exits 0 (virtual time passes when idle)', async () => {
    const t = dockerTest();
    t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'early', cmd: ['true'] });
    const start = t.tm.clock.now();
    // A duration is relative to now, backwards (`--until 30s` = 30 s ago); a future bound is a timestamp.
    expect((await t.run(['events', '--since', '0', '--until', '30s'])).stdout).toBe('');
    const r = await t.run(['events', '--since', '0', '--until', '2026-11-23T10:00:30Z', '--filter', 'type=container', '--format', '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}']);
    expect(r).toMatchObject({ status: 0, stdout: 'container create early\n', stderr: '' });
    expect(t.tm.clock.now() - start).toBe(30_000);
  });

  it('docker pull logs image pull with the familiar reference and repository name', async () => {
    const { Catalog } = await import('../../registry/catalog');
    const { nodeCatalogSource } = await import('../../registry/catalog/testing/nodeCatalogSource');
    const t = dockerTest({ catalog: await Catalog.open(nodeCatalogSource()) });
    await t.run(['pull', 'alpine:3.19']);
    await t.run(['pull', 'alpine:3.19']);
    const pulls = t.engine.events.past().filter((e) => e.action === 'pull');
    expect(pulls.map((e) => [e.type, e.id, e.attributes.name])).toEqual([
      ['image', 'alpine:3.19', 'alpine'],
      ['image', 'alpine:3.19', 'alpine'],
    ]);
  });
});
