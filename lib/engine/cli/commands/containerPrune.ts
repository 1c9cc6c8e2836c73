/**
 * `docker container prune` (docker/cli cli/command/container/prune.go; moby daemon/prune.go ContainersPrune):
 * removes every stopped container (created, exited, dead) and reports the bytes their writable layers held.
 */
import type { Engine } from '../../Engine';
import { layerFromMemNode } from '../../fs/diff';
import type { CommandSpec } from '../command';
import { humanSize } from '../format/units';
import { confirmOrCancel } from '../prompt';

export const CONTAINER_PRUNE_WARNING = 'WARNING! This will remove all stopped containers.';

/** The daemon's ContainersPrune: removed IDs (in list order) and reclaimed bytes. */
export async function pruneContainers(engine: Engine): Promise<{ removed: string[]; reclaimed: number }> {
  const removed: string[] = [];
  let reclaimed = 0;
  // The daemon walks its container list newest first.
  for (const c of [...engine.containers.list()].reverse()) {
    const s = c.state.status;
    if (s !== 'created' && s !== 'exited' && s !== 'dead') continue;
    reclaimed += layerFromMemNode(c.overlay.upper).size;
    await engine.removeContainer(c);
    removed.push(c.id);
  }
  return { removed, reclaimed };
}

export const containerPrune: CommandSpec = {
  name: 'prune',
  usage: '[OPTIONS]',
  short: 'Remove all stopped containers',
  group: 'container',
  flags: [
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: 'force', short: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    if (!ctx.flags.bool('force')) {
      await confirmOrCancel(ctx, `${CONTAINER_PRUNE_WARNING}\nAre you sure you want to continue? [y/N] `);
    }
    const { removed, reclaimed } = await pruneContainers(ctx.engine);
    if (removed.length > 0) await ctx.out(`Deleted Containers:\n${removed.map((id) => `${id}\n`).join('')}\n`);
    await ctx.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};
