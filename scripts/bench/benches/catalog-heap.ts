import { defineBench } from '../types';
import { measureCatalogHeap } from '../../catalog/heap';

/** Heap after pulling every catalog image and creating 100 containers (see scripts/catalog/heap.ts). */
export default defineBench({
  name: 'catalog: heap with every image pulled and 100 containers',
  budget: { metric: 'total_heap_mb', max: 150, unit: 'MB' },
  run: () => measureCatalogHeap(100),
});
