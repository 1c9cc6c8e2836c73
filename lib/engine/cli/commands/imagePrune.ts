/**
 * `docker image prune [-a] [-f]` (docker/cli cli/command/image/prune.go, internal/prompt; moby
 * daemon/images/image_prune.go in the graphdriver store).
 */
import { isEngineError } from '../../errors';
import { confirmOrCancel } from '../prompt';
import type { Digest } from '../../format/digest';
import { chainIds } from '../../format/digest';
import { referenceString } from '../../format/reference';
import type { Engine } from '../../Engine';
import type { ImageDeleteEvent } from '../../image/remove';
import type { CommandContext, CommandSpec } from '../command';
import { humanSize } from '../format/units';

const DANGLING_WARNING = 'WARNING! This will remove all dangling images.';
const ALL_WARNING = 'WARNING! This will remove all images without at least one container associated to them.';

/** The daemon's ImagesPrune: records in order and the bytes of the layers it deleted. */
export function pruneImages(engine: Engine, all: boolean): { records: ImageDeleteEvent[]; reclaimed: number } {
  const images = engine.images;
  const layerSize = new Map<Digest, number>();
  for (const img of images.list()) {
    const chains = chainIds(img.diffIds);
    img.layers.forEach((l, i) => layerSize.set(chains[i]!, l.size));
  }
  const candidates = images
    .list()
    .filter((img) => all || images.children(img.id).length === 0)
    // Untagged intermediates go with their child (parent pruning), not on their own.
    .filter((img) => images.refsOf(img.id).length > 0 || images.children(img.id).length === 0);
  const records: ImageDeleteEvent[] = [];
  const attempt = (refOrId: string) => {
    try {
      records.push(...engine.removeImage(refOrId));
    } catch (e) {
      // The daemon skips images it cannot delete (conflicts, already gone).
      if (!isEngineError(e)) throw e;
    }
  };
  for (const img of candidates) {
    if (!images.has(img.id)) continue;
    const refs = images.refsOf(img.id);
    if (refs.length > 0) {
      const hasTag = refs.some((r) => r.tag !== undefined && r.digest === undefined);
      if (all || !hasTag) for (const r of refs) attempt(referenceString(r));
    } else {
      attempt(img.id.slice(7));
    }
  }
  let reclaimed = 0;
  for (const r of records) if ('deleted' in r) reclaimed += layerSize.get(r.deleted) ?? 0;
  return { records, reclaimed };
}

export const imagePrune: CommandSpec = {
  name: 'prune',
  usage: '[OPTIONS]',
  short: 'Remove unused images',
  group: 'image',
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Remove all unused images, not just dangling ones' },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const all = ctx.flags.bool('all');
    if (!ctx.flags.bool('force')) {
      await confirmOrCancel(ctx, `${all ? ALL_WARNING : DANGLING_WARNING}\nAre you sure you want to continue? [y/N] `);
    }
    const { records, reclaimed } = pruneImages(ctx.engine, all);
    if (records.length > 0) {
      let out = 'Deleted Images:\n';
      for (const r of records) out += 'untagged' in r ? `untagged: ${r.untagged}\n` : `deleted: ${r.deleted}\n`;
      await ctx.out(`${out}\n`);
    }
    await ctx.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};
