/**
 * Engine benches (issue 3 §5): `docker run --rm alpine true` end to end through the docker program, `docker images`
 * with 200 images, and stat through a 100-layer image against a 1-layer one (the merged index should make depth
 * free). Heap with every catalog image is catalog-heap.ts.
 */
import { dockerTest } from '../../../lib/engine/cli/testing/harness';
import { Catalog } from '../../../lib/engine/registry/catalog/Catalog';
import { nodeCatalogSource } from '../../../lib/engine/registry/catalog/testing/nodeCatalogSource';
import { parseDockerRef } from '../../../lib/engine/format/reference';
import { append } from '../../../lib/engine/image/append';
import { Layer } from '../../../lib/engine/image/Layer';
import { LayerBuilder } from '../../../lib/engine/fs/LayerTree';
import { textContent } from '../../../lib/engine/fs/Content';
import type { Image } from '../../../lib/engine/image/Image';
import { median } from '../shell-driver';
import { defineBench } from '../types';

async function timeMs(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

const runRm = defineBench({
  name: 'engine: docker run --rm alpine true',
  budget: { metric: 'median_ms', max: 5, unit: 'ms' },
  async run() {
    const t = dockerTest({ catalog: await Catalog.open(nodeCatalogSource()) });
    // The catalog's alpine; when the catalog in the tree cannot give it, the harness's built-in BusyBox image (the
    // same engine path, a smaller tree) and the result says so (catalog_alpine 0).
    const pulled = await t.run(['pull', '-q', 'alpine']);
    const image = pulled.status === 0 ? 'alpine' : 'busybox';
    const once = async () => {
      const r = await t.run(['run', '--rm', image, 'true']);
      if (r.status !== 0) throw new Error(`docker run failed (${r.status}): ${r.stderr}`);
    };
    // The first runs are dominated by the JIT compiling the shell, docker and engine paths (~6 ms each for the
    // first 50); the budget is about the steady state a learner sees after a few commands.
    const cold: number[] = [];
    for (let i = 0; i < 20; i++) cold.push(await timeMs(once));
    for (let i = 0; i < 200; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < 100; i++) times.push(await timeMs(once));
    return { catalog_alpine: image === 'alpine' ? 1 : 0, runs: times.length, cold_median_ms: median(cold), median_ms: median(times), max_ms: Math.max(...times), containers_left: t.engine.containers.list().length };
  },
});

/** `n` images on busybox, each with one small layer of its own, tagged `app<i>:v1`. */
function manyImages(base: Image, n: number, now: number): Image[] {
  const out: Image[] = [];
  for (let i = 0; i < n; i++) {
    const b = new LayerBuilder();
    b.add(`/app/${i}.txt`, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: now, content: textContent(`image ${i}\n`) });
    const created = new Date(now + i * 1000).toISOString();
    out.push(append({ base, addenda: [{ layer: new Layer(b.freeze()), history: { created, created_by: `/bin/sh -c echo ${i}` } }], config: base.runConfig, created }));
  }
  return out;
}

const images200 = defineBench({
  name: 'engine: docker images with 200 images',
  async run() {
    const t = dockerTest();
    for (const [i, img] of manyImages(t.busybox, 200, t.tm.clock.now()).entries()) {
      t.engine.images.add(img);
      t.engine.images.tag(parseDockerRef(`app${i}:v1`), img.id);
    }
    const once = async () => {
      const r = await t.run(['images']);
      if (r.status !== 0 || r.stdout.split('\n').length !== 203) throw new Error(`docker images: ${r.stderr}`);
    };
    for (let i = 0; i < 3; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < 20; i++) times.push(await timeMs(once));
    return { images: t.engine.images.list().length, median_ms: median(times), max_ms: Math.max(...times) };
  },
});

/** An image of `depth` layers over busybox, each changing one file of its own and one shared file. */
function deepImage(base: Image, depth: number, now: number): Image {
  let img = base;
  for (let i = 0; i < depth; i++) {
    const b = new LayerBuilder();
    b.add(`/layers/l${i}`, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: now, content: textContent(`${i}\n`) });
    b.add('/etc/motd', { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: now, content: textContent(`layer ${i}\n`) });
    const created = new Date(now + i).toISOString();
    img = append({ base: img, addenda: [{ layer: new Layer(b.freeze()), history: { created, created_by: `step ${i}` } }], config: img.runConfig, created });
  }
  return img;
}

const statDepth = defineBench({
  name: 'engine: stat in a 100-layer vs a 2-layer image',
  budget: { metric: 'ratio', max: 2, unit: 'x' },
  async run() {
    const t = dockerTest();
    const now = t.tm.clock.now();
    const measure = (img: Image) => {
      const c = t.engine.createContainer(img, { imageRef: img.shortId, cmd: ['true'] });
      const fs = c.rootFs;
      const paths = ['/bin/busybox', '/etc/motd', '/layers/l0', '/etc/passwd', '/bin/sh'].filter((p) => {
        try {
          fs.stat(p);
          return true;
        } catch {
          return false;
        }
      });
      const rounds = 20_000;
      for (let i = 0; i < 2000; i++) for (const p of paths) fs.stat(p); // warm-up
      const samples: number[] = [];
      for (let s = 0; s < 7; s++) {
        const t0 = performance.now();
        for (let i = 0; i < rounds; i++) for (const p of paths) fs.stat(p);
        samples.push(((performance.now() - t0) * 1e6) / (rounds * paths.length));
      }
      return median(samples);
    };
    // busybox (1 layer) + 1 = 2 layers against busybox + 99 = 100 layers: the same paths exist in both.
    const shallowNs = measure(deepImage(t.busybox, 1, now));
    const deepNs = measure(deepImage(t.busybox, 99, now));
    return { stat_2_layers_ns: shallowNs, stat_100_layers_ns: deepNs, ratio: deepNs / shallowNs };
  },
});

export default [runRm, images200, statDepth];
