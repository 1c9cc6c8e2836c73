import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';
import { connectHost } from '../../host';

describe('docker container prune / system prune', () => {
  it('container prune removes stopped containers only, after the y/N prompt', async () => {
    const t = dockerTest();
    await t.run(['run', '-d', '--name', 'up', 'busybox', 'sleep', '100']);
    await t.run(['run', '--name', 'done', 'busybox', 'sh', '-c', 'echo 1234 > /f']);
    await t.run(['create', '--name', 'fresh', 'busybox']);
    const done = t.engine.containers.resolve('done').id;
    const fresh = t.engine.containers.resolve('fresh').id;
    expect(await t.run(['container', 'prune'], { stdin: 'n\n' })).toMatchObject({
      status: 0,
      stdout: 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ',
    });
    expect(t.engine.containers.list()).toHaveLength(3);
    expect((await t.run(['container', 'prune', '-f'])).stdout).toBe(`Deleted Containers:\n${fresh}\n${done}\n\nTotal reclaimed space: 5B\n`);
    expect(t.engine.containers.list().map((c) => c.name)).toEqual(['up']);
    expect((await t.run(['container', 'prune', '-f'])).stdout).toBe('Total reclaimed space: 0B\n');
  });

  it('system prune lists what it removes; --volumes adds anonymous volumes; -a unused images', async () => {
    const t = dockerTest();
    connectHost(t.tm.machine, t.engine);
    await t.run(['run', '--name', 'gone', '-v', '/cache', 'busybox', 'true']);
    const gone = t.engine.containers.resolve('gone').id;
    const vol = t.engine.volumes.list()[0]!.name;
    const r = await t.run(['system', 'prune', '--volumes'], { stdin: 'y\n' });
    expect(r.stdout).toBe(
      'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all anonymous volumes not used by at least one container\n  - all dangling images\n  - unused build cache\n\n' +
        `Are you sure you want to continue? [y/N] Deleted Containers:\n${gone}\n\nDeleted Volumes:\n${vol}\n\nTotal reclaimed space: 0B\n`,
    );
    const a = await t.run(['system', 'prune', '-a', '-f']);
    expect(a.stdout).toMatch(/^Deleted Images:\nuntagged: busybox:latest\ndeleted: sha256:[0-9a-f]{64}\n(deleted: sha256:[0-9a-f]{64}\n)*\nTotal reclaimed space: \d+B\n$/);
    expect(t.engine.images.list()).toEqual([]);
  });
});
