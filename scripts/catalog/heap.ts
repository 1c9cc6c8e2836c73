/**
 * Memory cost of the catalog: pulls every catalog image into one Engine (ImageStore), builds each image's merged
 * tree, creates 100 containers spread over them, and reports the JS heap (after a forced GC). The budget:
 * ≤ 150 MB heap. Run: `node --expose-gc --import tsx scripts/catalog/heap.ts` (also a bench: npm run bench catalog).
 */

import { VirtualClock } from '../../lib/engine/process/clock';
import { SeededRandom } from '../../lib/engine/process/random';
import { createRegistry } from '../../lib/shell/programs';
import { Engine } from '../../lib/engine/Engine';
import { Catalog, loadCatalogImage } from '../../lib/engine/registry/catalog/Catalog';
import { nodeCatalogSource } from '../../lib/engine/registry/catalog/testing/nodeCatalogSource';
import type { Image } from '../../lib/engine/image/Image';

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

export async function measureCatalogHeap(containers = 100): Promise<Record<string, number>> {
  const before = heapMB();
  const engine = new Engine({ clock: new VirtualClock(Date.UTC(2026, 0, 1)), random: new SeededRandom(1), programs: createRegistry() });
  const catalog = await Catalog.open(nodeCatalogSource());
  const images: Image[] = [];
  let entries = 0;
  for (const repo of catalog.repositories()) {
    for (const tag of Object.keys(repo.tags)) {
      const image = engine.images.add(await loadCatalogImage(catalog, `${repo.name}:${tag}`));
      if (!images.includes(image)) {
        images.push(image);
        image.merged();
      }
    }
  }
  for (const info of Object.values(catalog.index.images)) for (const l of info.layers) entries += l.entries;
  const afterImages = heapMB();
  const keep = [];
  for (let i = 0; i < containers; i++) {
    const image = images[i % images.length]!;
    // Images with neither ENTRYPOINT nor CMD (e.g. built FROM scratch) need a command, as `docker create` would.
    const cfg = image.runConfig;
    const needsCmd = (cfg.Entrypoint ?? []).length === 0 && (cfg.Cmd ?? []).length === 0;
    keep.push(engine.createContainer(image, { imageRef: image.shortId, ...(needsCmd ? { cmd: ['true'] } : {}) }));
  }
  const afterContainers = heapMB();
  return { images: images.length, tar_members: entries, containers: keep.length, images_heap_mb: afterImages - before, total_heap_mb: afterContainers - before, heap_used_mb: afterContainers };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureCatalogHeap().then((r) => console.log(r));
}
