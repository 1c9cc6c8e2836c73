import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../format/reference';
import { SeededRandom } from '../process/random';
import { createRegistry } from '../../shell/programs';
import { DOCKER_ENGINE } from '../cli/service';
import { dockerTest, type DockerTest } from '../cli/testing/harness';
import { Engine } from '../Engine';
import { Catalog } from '../registry/catalog/Catalog';
import { nodeCatalogSource } from '../registry/catalog/testing/nodeCatalogSource';

type Op =
  | { readonly kind: 'run'; readonly image: number; readonly script: string }
  | { readonly kind: 'commit'; readonly container: number; readonly tag: string }
  | { readonly kind: 'tag'; readonly image: number; readonly tag: string }
  | { readonly kind: 'rmi'; readonly tag: string }
  | { readonly kind: 'rename'; readonly container: number; readonly name: string }
  | { readonly kind: 'rm'; readonly container: number }
  | { readonly kind: 'sleep'; readonly ms: number };

const names = ['aa', 'bb', 'cc', 'dd'];
const tags = ['app:v1', 'app:v2', 'tool:latest', 'busybox:old'];
const scripts = [
  'echo hello > /greeting',
  'mkdir -p /srv/data && echo x > /srv/data/f && chmod 600 /srv/data/f',
  'rm -rf /etc && mkdir /etc && echo new > /etc/only',
  'rm /bin/sh; echo gone',
  'ln -s /greeting /link; ln /bin/busybox /bb2; echo made',
  'echo out; echo err >&2; exit 3',
];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('run' as const), image: fc.nat(5), script: fc.constantFrom(...scripts) }),
  fc.record({ kind: fc.constant('commit' as const), container: fc.nat(5), tag: fc.constantFrom(...tags) }),
  fc.record({ kind: fc.constant('tag' as const), image: fc.nat(5), tag: fc.constantFrom(...tags) }),
  fc.record({ kind: fc.constant('rmi' as const), tag: fc.constantFrom(...tags) }),
  fc.record({ kind: fc.constant('rename' as const), container: fc.nat(5), name: fc.constantFrom(...names) }),
  fc.record({ kind: fc.constant('rm' as const), container: fc.nat(5) }),
  fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: 1, max: 90_000 }) }),
);

async function apply(t: DockerTest, o: Op): Promise<void> {
  const { engine } = t;
  const images = engine.images.list();
  const containers = engine.containers.list();
  const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);
  switch (o.kind) {
    case 'run': {
      const img = pick(images, o.image)!;
      const c = engine.createContainer(img, { imageRef: img.shortId, cmd: ['sh', '-c', o.script] });
      await c.start();
      await c.wait();
      return;
    }
    case 'commit': {
      const c = pick(containers, o.container);
      if (c) engine.images.tag(parseDockerRef(o.tag), engine.commit(c, { message: 'snap' }).id, engine.clock.now());
      return;
    }
    case 'tag': {
      const img = pick(images, o.image);
      if (img) await t.run(['tag', img.id, o.tag]);
      return;
    }
    case 'rmi':
      await t.run(['rmi', o.tag]);
      return;
    case 'rename': {
      const c = pick(containers, o.container);
      if (c) await t.run(['rename', c.name, o.name]);
      return;
    }
    case 'rm': {
      const c = pick(containers, o.container);
      if (c) await t.run(['rm', c.id]);
      return;
    }
    case 'sleep':
      t.tm.clock.advance(o.ms);
  }
}

/** Everything a learner can see of the engine's state through the CLI. */
async function observe(t: DockerTest): Promise<string> {
  const out: string[] = [];
  const run = async (args: string[]) => {
    const r = await t.run(args);
    out.push(`$ docker ${args.join(' ')}\n${r.status}\n${r.stdout}${r.stderr}`);
  };
  await run(['images', '-a', '--no-trunc']);
  await run(['images', '--digests']);
  await run(['ps', '-a', '--no-trunc', '-s']);
  for (const c of t.engine.containers.list()) {
    await run(['diff', c.id]);
    await run(['inspect', c.id]);
    await run(['logs', '-t', c.id]);
  }
  for (const img of t.engine.images.list()) {
    await run(['inspect', img.id]);
    await run(['history', '--no-trunc', img.id]);
  }
  await run(['system', 'df', '-v']);
  return out.join('\n');
}

async function restoredView(t: DockerTest): Promise<{ view: string; engine: Engine }> {
  const snap = JSON.parse(JSON.stringify(t.engine.snapshot())) as ReturnType<Engine['snapshot']>;
  const engine = await Engine.restore(snap, { clock: t.tm.clock, random: new SeededRandom(99), programs: createRegistry() });
  const r: DockerTest = { ...t, engine };
  t.tm.machine.provide(DOCKER_ENGINE, engine);
  const view = await observe(r);
  t.tm.machine.provide(DOCKER_ENGINE, t.engine);
  return { view, engine };
}

describe('engine snapshot / restore', () => {
  it('random operation sequences survive snapshot → JSON → restore (images, ps, diff, inspect, logs, history, df)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const t = dockerTest();
        for (const o of ops) await apply(t, o);
        const before = await observe(t);
        const { view, engine } = await restoredView(t);
        expect(view).toBe(before);
        // The daemon continues where it was: the next container gets the same ID and name on both.
        const a = t.engine.createContainer(t.busybox, { imageRef: 'busybox', cmd: ['true'] });
        const b = engine.createContainer(engine.images.resolve('busybox'), { imageRef: 'busybox', cmd: ['true'] });
        expect([b.id, b.name, b.ipAddress]).toEqual([a.id, a.name, a.ipAddress]);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('a running container comes back exited (255) as after a daemon restart; restart=always starts again', async () => {
    const t = dockerTest();
    const plain = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'plain', cmd: ['sleep', '1000'] });
    const always = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'always', cmd: ['sleep', '1000'], hostConfig: { restartPolicy: { name: 'always', maximumRetryCount: 0 } } });
    await plain.start();
    await always.start();
    t.tm.clock.advance(5000);
    const engine = await Engine.restore(t.engine.snapshot(), { clock: t.tm.clock, random: new SeededRandom(1), programs: createRegistry() });
    t.tm.machine.provide(DOCKER_ENGINE, engine);
    t.tm.clock.advance(2000);
    expect((await t.run(['ps', '-a', '--format', '{{.Names}} {{.Status}}'])).stdout).toBe('always Up 2 seconds\nplain Exited (255) 2 seconds ago\n');
  });

  it('is compact: synthetic file contents are kept as size and seed', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'big', cmd: ['true'] });
    const { syntheticContent } = await import('../fs/Content');
    c.overlay.writeFile('/placeholder', new Uint8Array(0));
    // A package manager's install: a 50 MB file of synthetic bytes in the writable layer.
    c.overlay.upper.children!.get('placeholder')!.content = syntheticContent(50_000_000, 42);
    const json = JSON.stringify(t.engine.snapshot());
    expect(json.length).toBeLessThan(20_000);
    const engine = await Engine.restore(JSON.parse(json), { clock: t.tm.clock, random: new SeededRandom(1), programs: createRegistry() });
    const back = engine.containers.resolve('big');
    expect(back.rootFs.stat('/placeholder').size).toBe(50_000_000);
    expect(back.rootFs.readRange('/placeholder', 1000, 16)).toEqual(c.rootFs.readRange('/placeholder', 1000, 16));
  });

  it('pulled images are kept by diff_id and read back from the catalog', async () => {
    const catalog = await Catalog.open(nodeCatalogSource());
    const t = dockerTest({ catalog });
    expect((await t.run(['pull', '-q', 'alpine'])).status).toBe(0);
    expect((await t.run(['pull', '-q', 'ubuntu'])).status).toBe(0);
    const c = t.engine.createContainer(t.engine.images.resolve('ubuntu'), { imageRef: 'ubuntu', name: 'work', cmd: ['sh', '-c', 'echo saved > /root/notes; rm -rf /var/log'] });
    await c.start();
    await c.wait();
    t.engine.images.tag(parseDockerRef('notes:1'), t.engine.commit(c).id, t.engine.clock.now());
    const before = await observe(t);
    const json = JSON.stringify(t.engine.snapshot(catalog));
    // ubuntu and alpine are referenced, not copied: only the commit's small layer is stored.
    expect(json.length).toBeLessThan(100_000);
    const engine = await Engine.restore(JSON.parse(json), { clock: t.tm.clock, random: new SeededRandom(3), programs: createRegistry() }, catalog);
    t.tm.machine.provide(DOCKER_ENGINE, engine);
    expect(await observe({ ...t, engine })).toBe(before);
  }, 60_000);
});
