/**
 * `docker system prune [-a] [--volumes] [-f]` (docker/cli cli/command/system/prune.go): stopped containers, then
 * (unused networks: none are simulated beyond the defaults) dangling or, with -a, unused images, and with
 * --volumes the anonymous volumes nobody mounts; one confirmation listing what goes, one total at the end.
 */
import type { CommandSpec } from '../command';
import { humanSize } from '../format/units';
import { pruneContainers } from './containerPrune';
import { pruneImages } from './imagePrune';
import { confirmOrCancel } from '../prompt';
import { ANONYMOUS_LABEL } from '../../volume/VolumeStore';
import { volumeSize, volumeUsers } from '../../volume/usage';
import { buildCacheOf } from '../../build/cache';
import type { Layer } from '../../image/Layer';

function warning(all: boolean, volumes: boolean): string {
  const items = ['all stopped containers', 'all networks not used by at least one container'];
  if (volumes) items.push('all anonymous volumes not used by at least one container');
  items.push(all ? 'all images without at least one container associated to them' : 'all dangling images');
  items.push(all ? 'all build cache' : 'unused build cache');
  return `WARNING! This will remove:\n${items.map((i) => `  - ${i}\n`).join('')}`;
}

export const systemPrune: CommandSpec = {
  name: 'prune',
  usage: '[OPTIONS]',
  short: 'Remove unused data',
  group: 'system',
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused images not just dangling ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "label=<key>=<value>")' },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'volumes', kind: 'bool', usage: 'Prune anonymous volumes' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const all = ctx.flags.bool('all');
    const withVolumes = ctx.flags.bool('volumes');
    if (!ctx.flags.bool('force')) {
      await confirmOrCancel(ctx, `${warning(all, withVolumes)}\nAre you sure you want to continue? [y/N] `);
    }
    const engine = ctx.engine;
    let out = '';
    const containers = await pruneContainers(engine);
    let reclaimed = containers.reclaimed;
    if (containers.removed.length > 0) out += `Deleted Containers:\n${containers.removed.map((id) => `${id}\n`).join('')}\n`;
    if (withVolumes) {
      const gone: string[] = [];
      for (const v of engine.volumes.list()) {
        if (!(ANONYMOUS_LABEL in v.labels) || volumeUsers(engine.containers.list(), v.name).length > 0) continue;
        reclaimed += volumeSize(v);
        engine.volumes.remove(v.name);
        gone.push(v.name);
      }
      if (gone.length > 0) out += `Deleted Volumes:\n${gone.map((n) => `${n}\n`).join('')}\n`;
    }
    const images = pruneImages(engine, all);
    reclaimed += images.reclaimed;
    if (images.records.length > 0) {
      out += 'Deleted Images:\n';
      for (const r of images.records) out += 'untagged' in r ? `untagged: ${r.untagged}\n` : `deleted: ${r.deleted}\n`;
      out += '\n';
    }
    // Last, BuildKit's build cache (builder prune): the layers no image holds any more are freed.
    const held = new Set<Layer>();
    for (const img of engine.images.list()) for (const l of img.layers) held.add(l);
    const cache = buildCacheOf(engine).prune(held);
    reclaimed += cache.reclaimed;
    if (cache.ids.length > 0) out += `Deleted build cache objects:\n${cache.ids.map((id) => `${id}\n`).join('')}\n`;
    await ctx.out(`${out}Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};
