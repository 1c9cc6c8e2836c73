import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../process/clock';
import { SeededRandom } from '../process/random';
import { decodeText } from '../process/text';
import { createRegistry } from '../../shell/programs';
import { Engine } from '../Engine';
import { isEngineError } from '../errors';
import { tinyBusyboxImage } from '../testing/tinyImages';
import type { Container } from './Container';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);

function setup() {
  const clock = new VirtualClock(NOW);
  const engine = new Engine({ clock, random: new SeededRandom(3), programs: createRegistry() });
  const image = engine.images.add(tinyBusyboxImage());
  return { engine, image, clock };
}

function output(c: Container, stream: 'stdout' | 'stderr'): string {
  return c.logs
    .all()
    .filter((x) => x.stream === stream)
    .map((x) => decodeText(x.data))
    .join('');
}

describe('containers', () => {
  it('runs PID 1 on the union, keeps its output, and diffs the writable layer like docker diff', async () => {
    const { engine, image } = setup();
    const c = engine.createContainer(image, {
      imageRef: 'tiny',
      cmd: ['sh', '-c', 'echo hi; echo err >&2; echo data > /x; rm /etc/motd; mkdir -p /app/src; echo 1.2.3.4 x >> /etc/hosts; hostname'],
    });
    expect(c.state.status).toBe('created');
    await c.start();
    expect(await c.wait()).toBe(0);
    expect(c.state.status).toBe('exited');
    expect(output(c, 'stdout')).toBe(`hi\n${c.shortId}\n`);
    expect(output(c, 'stderr')).toBe('err\n');
    expect(c.changes().map((x) => `${x.kind} ${x.path}`)).toEqual(['A /app', 'A /app/src', 'C /etc', 'D /etc/motd', 'A /x']);
  });

  it('commit makes a new image whose containers see the change; an unchanged container commits an empty layer', async () => {
    const { engine, image } = setup();
    const c = engine.createContainer(image, { imageRef: 'tiny', cmd: ['sh', '-c', 'echo data > /x'] });
    await c.start();
    await c.wait();
    const committed = engine.commit(c, { message: 'add x', author: 'me' });
    expect(committed.layers).toHaveLength(image.layers.length + 1);
    expect(committed.parent).toBe(image.id);
    const h = committed.config.history!.at(-1)!;
    expect(h.created_by).toBe('sh -c echo data > /x');
    expect(h.comment).toBe('add x');
    expect(committed.config.container).toBe(c.id);

    const c2 = engine.createContainer(committed, { imageRef: committed.shortId, cmd: ['cat', '/x'] });
    await c2.start();
    await c2.wait();
    expect(output(c2, 'stdout')).toBe('data\n');
    expect(c2.changes()).toEqual([]);
    const again = engine.commit(c2);
    expect(again.layers).toHaveLength(committed.layers.length);
    expect(again.config.history!.at(-1)!.empty_layer).toBe(true);
  });

  it('exit status, working dir creation and user from the image passwd', async () => {
    const { engine, image } = setup();
    const a = engine.createContainer(image, { imageRef: 'tiny', cmd: ['sh', '-c', 'exit 3'] });
    await a.start();
    expect(await a.wait()).toBe(3);
    const b = engine.createContainer(image, { imageRef: 'tiny', cmd: ['sh', '-c', 'pwd; id -u'], workingDir: '/srv/app', user: 'nobody' });
    await b.start();
    await b.wait();
    expect(output(b, 'stdout')).toBe('/srv/app\n65534\n');
    expect(b.changes().map((x) => `${x.kind} ${x.path}`)).toEqual(['A /srv', 'A /srv/app']);
  });

  it('a command that cannot start leaves the container Created with 127/126 and the runtime message', async () => {
    const { engine, image } = setup();
    const c = engine.createContainer(image, { imageRef: 'tiny', cmd: ['nope'] });
    await expect(c.start()).rejects.toSatisfy((e: unknown) => isEngineError(e, 'StartFailed'));
    expect(c.state.status).toBe('created');
    expect(c.state.exitCode).toBe(127);
    expect(c.state.error).toContain('exec: "nope": executable file not found in $PATH');
    const d = engine.createContainer(image, { imageRef: 'tiny', cmd: ['/etc/motd'] });
    await expect(d.start()).rejects.toThrow('permission denied');
    expect(d.state.exitCode).toBe(126);
  });

  it('no command at all is refused at create', () => {
    const { engine, image } = setup();
    expect(() => engine.createContainer(image, { imageRef: 'tiny', entrypoint: '' })).toThrow('no command specified');
  });

  it('docker stop: PID 1 ignores SIGTERM by default, so it is killed after the grace period (137)', async () => {
    const { engine, image, clock } = setup();
    const c = engine.createContainer(image, { imageRef: 'tiny', cmd: ['sleep', '1000'] });
    await c.start();
    const t0 = clock.now();
    await c.stop();
    expect(c.state.exitCode).toBe(137);
    expect(clock.now() - t0).toBe(10_000);
  });

  it('docker stop of a process that handles SIGTERM ends without waiting the grace period', async () => {
    const { engine, image, clock } = setup();
    const c = engine.createContainer(image, { imageRef: 'tiny', cmd: ['sh', '-c', "trap 'exit 0' TERM; while :; do sleep 1; done"] });
    await c.start();
    await clock.sleep(50);
    const t0 = clock.now();
    await c.stop();
    expect(c.state.exitCode).toBe(0);
    expect(clock.now() - t0).toBeLessThan(10_000);
  });

  it('names: generated, user-given, validated, unique', () => {
    const { engine, image } = setup();
    const a = engine.createContainer(image, { imageRef: 'tiny', name: 'web' });
    expect(a.name).toBe('web');
    expect(() => engine.createContainer(image, { imageRef: 'tiny', name: 'web' })).toThrow(`Conflict. The container name "/web" is already in use by container "${a.id}"`);
    expect(() => engine.createContainer(image, { imageRef: 'tiny', name: 'x!' })).toThrow('Invalid container name (x!)');
    const b = engine.createContainer(image, { imageRef: 'tiny' });
    expect(b.name).toMatch(/^[a-z]+_[a-z]+$/);
    expect(engine.containers.resolve(b.id.slice(0, 5)).id).toBe(b.id);
  });
});

describe('a container’s /dev', () => {
  it('has the device nodes; writes to /dev/null vanish and never reach the writable layer', async () => {
    const { dockerTest } = await import('../cli/testing/harness');
    const t = dockerTest();
    const r = await t.run(['run', '--name', 'devs', 'busybox', 'sh', '-c', 'echo gone > /dev/null; ls /dev; cat /dev/null; echo end; touch /dev/shm/x']);
    expect(r.stdout).toBe('console\ncore\nfd\nfull\nmqueue\nnull\nptmx\npts\nrandom\nshm\nstderr\nstdin\nstdout\ntty\nurandom\nzero\nend\n');
    expect((await t.run(['diff', 'devs'])).stdout).toBe('');
  });
});
