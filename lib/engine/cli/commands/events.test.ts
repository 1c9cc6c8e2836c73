import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../../format/reference';
import { CollectingWriter, emptyReader } from '../../process/streams';
import { DEFAULT_PATH } from '../../process/Machine';
import { ROOT } from '../../fs/Types';
import { dockerTest, type DockerTest } from '../testing/harness';
import type { EngineEvent } from '../../events';

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
      'container start',
      'container pause',
      'container unpause',
      'container die',
      'container rename',
      'container destroy',
      'image tag',
      'image untag',
    ]);
    expect(seen[4]!.attributes).toEqual({ exitCode: '0', execDuration: '5', image: 'busybox', name: 'web', tier: 'front' });
    expect(seen[5]!.attributes).toMatchObject({ name: 'site', oldName: '/web' });
    expect(seen[7]).toMatchObject({ id: t.busybox.id, attributes: { name: 'mine:v1' } });
    expect(seen[8]).toMatchObject({ id: t.busybox.id, attributes: { name: t.busybox.id } });
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
    expect(r.stdout).toBe(
      [
        `2026-11-23T10:00:00.000000000Z container create ${c.id} (image=busybox, name=job)`,
        `2026-11-23T10:00:00.000000000Z container start ${c.id} (image=busybox, name=job)`,
        `2026-11-23T10:00:00.000000000Z container die ${c.id} (execDuration=0, exitCode=4, image=busybox, name=job)`,
        '',
      ].join('\n'),
    );
    expect((await dies.stop()).stdout).toBe('job die 4\n');
    expect((await t.run(['events', '--filter', 'type=bogus'])).stderr).toBe('Error response from daemon: Invalid event type "bogus"\n');
    expect((await t.run(['events', '--since', '1m'])).status).toBe(125);
  });
});
