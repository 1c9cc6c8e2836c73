import { describe, expect, it } from 'vitest';
import { chainIds } from '../../format/digest';
import { parseDockerRef } from '../../format/reference';
import type { Image } from '../../image/Image';
import { humanSize } from '../format/units';
import { dockerTest } from '../testing/harness';

/** The `Deleted:` lines for an image's layers, top first, down to (not including) the first still-held one. */
function layerLines(img: Image, keep = 0, prefix = 'Deleted: '): string[] {
  return chainIds(img.diffIds)
    .slice(keep)
    .reverse()
    .map((c) => `${prefix}${c}\n`);
}

/** busybox ← myapp:v1 (a commit of a stopped container, which is then removed). */
async function withChild() {
  const t = dockerTest();
  const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'box', cmd: ['sh', '-c', 'echo hello > /hello.txt'] });
  await c.start();
  await c.wait();
  const r = await t.run(['commit', 'box', 'myapp:v1']);
  const child = t.engine.images.resolve(r.stdout.trim());
  await t.engine.removeContainer(c);
  return { t, child };
}

describe('docker rmi', () => {
  it('by name: untags only while other tags remain, deletes the image with its last tag', async () => {
    const t = dockerTest();
    const bb = t.busybox;
    await t.run(['tag', 'busybox', 'bb:v1']);
    expect(await t.run(['rmi', 'bb:v1'])).toMatchObject({ status: 0, stdout: 'Untagged: bb:v1\n', stderr: '' });
    expect(t.engine.images.has(bb.id)).toBe(true);
    expect(await t.run(['image', 'rm', 'busybox'])).toMatchObject({
      status: 0,
      stdout: ['Untagged: busybox:latest\n', `Deleted: ${bb.id}\n`, ...layerLines(bb)].join(''),
      stderr: '',
    });
    expect(t.engine.images.list()).toEqual([]);
    expect(await t.run(['image', 'remove', 'busybox', 'nope:1'])).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'Error response from daemon: No such image: busybox:latest\nError response from daemon: No such image: nope:1\n',
    });
    // -f: not-found errors are printed but do not fail.
    expect(await t.run(['rmi', '-f', 'nope'])).toMatchObject({ status: 0, stdout: '', stderr: 'Error response from daemon: No such image: nope:latest\n' });
  });

  it('by ID with several tags: conflict, -f removes every tag', async () => {
    const t = dockerTest();
    const bb = t.busybox;
    await t.run(['tag', 'busybox', 'bb:v1']);
    expect(await t.run(['rmi', bb.shortId])).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `Error response from daemon: conflict: unable to delete ${bb.shortId} (must be forced) - image is referenced in multiple repositories\n`,
    });
    expect(await t.run(['rmi', '-f', bb.shortId])).toMatchObject({
      status: 0,
      stdout: ['Untagged: busybox:latest\n', 'Untagged: bb:v1\n', `Deleted: ${bb.id}\n`, ...layerLines(bb)].join(''),
    });
  });

  it('by ID with one tag: untags and deletes', async () => {
    const t = dockerTest();
    const bb = t.busybox;
    expect((await t.run(['rmi', bb.id])).stdout).toBe(['Untagged: busybox:latest\n', `Deleted: ${bb.id}\n`, ...layerLines(bb)].join(''));
  });

  it('image used by a stopped container: conflicts by name and by ID, -f deletes the image but not the layers the container still mounts', async () => {
    const t = dockerTest();
    const bb = t.busybox;
    const c = t.engine.createContainer(bb, { imageRef: 'busybox', name: 'idle', cmd: ['true'] });
    expect(await t.run(['rmi', 'busybox'])).toMatchObject({
      status: 1,
      stderr: `Error response from daemon: conflict: unable to remove repository reference "busybox" (must force) - container ${c.shortId} is using its referenced image ${bb.shortId}\n`,
    });
    expect(await t.run(['rmi', bb.shortId])).toMatchObject({
      status: 1,
      stderr: `Error response from daemon: conflict: unable to delete ${bb.shortId} (must be forced) - image is being used by stopped container ${c.shortId}\n`,
    });
    expect(await t.run(['rmi', '-f', 'busybox'])).toMatchObject({
      status: 0,
      stdout: ['Untagged: busybox:latest\n', `Deleted: ${bb.id}\n`].join(''),
      stderr: '',
    });
    // The container keeps working off the image ID.
    expect((await t.run(['ps', '-a', '--format', '{{.Image}}'])).stdout).toBe(`${bb.shortId}\n`);
  });

  it('image used by a running container cannot be forced (the tag is gone all the same)', async () => {
    const t = dockerTest();
    const bb = t.busybox;
    const c = t.engine.createContainer(bb, { imageRef: 'busybox', name: 'web', cmd: ['sleep', '1000'] });
    await c.start();
    const msg = `Error response from daemon: conflict: unable to delete ${bb.shortId} (cannot be forced) - image is being used by running container ${c.shortId}\n`;
    expect(await t.run(['rmi', '-f', bb.shortId])).toMatchObject({ status: 1, stdout: '', stderr: msg });
    expect(await t.run(['rmi', '-f', 'busybox'])).toMatchObject({ status: 1, stdout: '', stderr: msg });
    expect(t.engine.images.refsOf(bb.id)).toEqual([]);
    expect(t.engine.images.has(bb.id)).toBe(true);
    await t.engine.removeContainer(c, true);
  });

  it('dependent child images; deleting the child prunes the untagged parent unless --no-prune', async () => {
    const { t, child } = await withChild();
    const bb = t.busybox;
    expect(child.parent).toBe(bb.id);
    const hard = `Error response from daemon: conflict: unable to delete ${bb.shortId} (cannot be forced) - image has dependent child images\n`;
    expect(await t.run(['rmi', '-f', bb.shortId])).toMatchObject({ status: 1, stdout: '', stderr: hard });
    expect(await t.run(['rmi', 'busybox'])).toMatchObject({ status: 1, stdout: '', stderr: hard });
    expect(t.engine.images.refsOf(bb.id)).toEqual([]);
    const nb = bb.layers.length;
    expect(await t.run(['rmi', 'myapp:v1'])).toMatchObject({
      status: 0,
      stdout: ['Untagged: myapp:v1\n', `Deleted: ${child.id}\n`, ...layerLines(child, nb), `Deleted: ${bb.id}\n`, ...layerLines(bb)].join(''),
    });
    expect(t.engine.images.list()).toEqual([]);

    const again = await withChild();
    again.t.engine.images.untag(parseDockerRef('busybox'));
    expect((await again.t.run(['rmi', '--no-prune', 'myapp:v1'])).stdout).toBe(
      ['Untagged: myapp:v1\n', `Deleted: ${again.child.id}\n`, ...layerLines(again.child, nb)].join(''),
    );
    expect(again.t.engine.images.has(again.t.busybox.id)).toBe(true);
  });
});

describe('docker image prune', () => {
  const prompt = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ';

  it('declined (anything but y/Y): only the prompt, status 0', async () => {
    const { t, child } = await withChild();
    t.engine.images.untag(parseDockerRef('myapp:v1'));
    for (const answer of ['n\n', 'yes\n', '']) {
      expect(await t.run(['image', 'prune'], { stdin: answer })).toMatchObject({ status: 0, stdout: prompt, stderr: '' });
    }
    expect(t.engine.images.has(child.id)).toBe(true);
  });

  it('accepted: deletes dangling images, keeps tagged ones; -a -f removes unused tagged images without asking', async () => {
    const { t, child } = await withChild();
    const bb = t.busybox;
    const nb = bb.layers.length;
    t.engine.images.untag(parseDockerRef('myapp:v1'));
    const topSize = child.layers.slice(nb).reduce((n, l) => n + l.size, 0);
    expect(await t.run(['image', 'prune'], { stdin: ' Y \n' })).toMatchObject({
      status: 0,
      stdout: [prompt, 'Deleted Images:\n', `deleted: ${child.id}\n`, ...layerLines(child, nb, 'deleted: '), '\n', `Total reclaimed space: ${humanSize(topSize)}\n`].join(''),
    });
    expect(t.engine.images.has(bb.id)).toBe(true);
    expect(await t.run(['image', 'prune', '-f'])).toMatchObject({ status: 0, stdout: 'Total reclaimed space: 0B\n' });
    const idle = t.engine.createContainer(bb, { imageRef: 'busybox', name: 'idle', cmd: ['true'] });
    expect((await t.run(['image', 'prune', '-a', '-f'])).stdout).toBe('Total reclaimed space: 0B\n');
    await t.engine.removeContainer(idle);
    expect(await t.run(['image', 'prune', '-a'], { stdin: 'y\n' })).toMatchObject({
      status: 0,
      stdout: [
        'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ',
        'Deleted Images:\n',
        'untagged: busybox:latest\n',
        `deleted: ${bb.id}\n`,
        ...layerLines(bb, 0, 'deleted: '),
        '\n',
        `Total reclaimed space: ${humanSize(bb.size)}\n`,
      ].join(''),
    });
  });
});
