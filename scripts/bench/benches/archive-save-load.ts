import { LayerBuilder } from '../../../lib/engine/fs/LayerTree';
import { syntheticContent } from '../../../lib/engine/fs/Content';
import { parseDockerRef } from '../../../lib/engine/format/reference';
import { append } from '../../../lib/engine/image/append';
import { Layer } from '../../../lib/engine/image/Layer';
import { Catalog, loadCatalogImage } from '../../../lib/engine/registry/catalog/Catalog';
import { nodeCatalogSource } from '../../../lib/engine/registry/catalog/testing/nodeCatalogSource';
import { ImageStore } from '../../../lib/engine/store/ImageStore';
import { measureArchive } from '../archive';
import { defineBench } from '../types';

/** docker save / load of the catalog's ubuntu beside GNU tar on the same tree (see scripts/bench/archive.ts). */
const ubuntu = defineBench({
  name: 'archive: save/load ubuntu vs GNU tar',
  async run() {
    const store = new ImageStore();
    const image = store.add(await loadCatalogImage(await Catalog.open(nodeCatalogSource()), 'ubuntu'));
    store.tag(parseDockerRef('ubuntu'), image.id);
    return measureArchive(store, image, 'ubuntu');
  },
});

/** A 1 GB image: four 256 MB synthetic files (bytes generated on the fly) in one layer. */
const synthetic = defineBench({
  name: 'archive: save/load 1 GB synthetic image vs GNU tar',
  budget: { metric: 'save_peak_rss_mb', max: 256, unit: 'MB' },
  async run() {
    const b = new LayerBuilder();
    b.add('/data', { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 });
    for (let i = 0; i < 4; i++) b.add(`/data/blob${i}`, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, content: syntheticContent(256 << 20, i + 1) });
    const created = '2026-01-01T00:00:00Z';
    const store = new ImageStore();
    const image = store.add(append({ base: null, addenda: [{ layer: new Layer(b.freeze()), history: { created } }], config: {}, created }));
    store.tag(parseDockerRef('big'), image.id);
    return measureArchive(store, image, 'big');
  },
});

export default [ubuntu, synthetic];
