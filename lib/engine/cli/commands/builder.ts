/**
 * `docker builder` (docker/cli cli/command/builder): `build` (the same command as `docker build`) and `prune`, which
 * empties BuildKit's build cache (build/cache.ts): `Deleted build cache objects:` with the record IDs, then `Total
 * reclaimed space:` (the layers no stored image still uses). The classic builder's cache is the intermediate
 * images, which `docker image prune` removes, not this. Without `--all` the daemon keeps nothing back either: every
 * record here is unused once its build ended.
 */
import type { Layer } from '../../image/Layer';
import { buildCacheOf } from '../../build/cache';
import type { CommandSpec } from '../command';
import { humanSize } from '../format/units';
import { build } from './build';
import { confirmOrCancel } from '../prompt';

export const builderBuild: CommandSpec = { ...build, group: 'builder', topLevel: undefined, commonRank: undefined };

export const builderPrune: CommandSpec = {
  name: 'prune',
  usage: '',
  short: 'Remove build cache',
  group: 'builder',
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused build cache, not just dangling ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=24h")' },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'keep-storage', kind: 'string', usage: 'Amount of disk space to keep for cache' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const all = ctx.flags.bool('all');
    if (!ctx.flags.bool('force')) {
      await confirmOrCancel(ctx, `WARNING! This will remove all ${all ? '' : 'dangling '}build cache. Are you sure you want to continue? [y/N] `);
    }
    const inUse = new Set<Layer>();
    for (const img of ctx.engine.images.list()) for (const l of img.layers) inUse.add(l);
    const { ids, reclaimed } = buildCacheOf(ctx.engine).prune(inUse);
    if (ids.length > 0) await ctx.out(`Deleted build cache objects:\n${ids.map((id) => `${id}\n`).join('')}\n`);
    await ctx.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};
