import { MemFs } from './MemFs';
import { layerFromMemNode } from './diff';
import { mergeLayers } from './MergedTree';
import { OverlayFs } from './OverlayFs';
import { syntheticContent } from './Content';
const base = new MemFs({ now: () => 0 });
let n = 0;
for (let a = 0; a < 20; a++) for (let b = 0; b < 20; b++) for (let c = 0; c < 25; c++) base.addEntry({ path: `/usr/d${a}/e${b}/f${c}`, type: 'file', content: syntheticContent(10000, n++) });
const one = new OverlayFs({ image: mergeLayers([layerFromMemNode(base.rootNode)]) });
for (const fs of [base, one, base, one]) {
  const t0 = performance.now(); for (let i = 0; i < 200000; i++) fs.stat(`/usr/d${i % 20}/e${i % 19}/f${i % 25}`);
  console.log(fs.constructor.name, ((performance.now() - t0) / 200).toFixed(2), 'us/stat');
}
