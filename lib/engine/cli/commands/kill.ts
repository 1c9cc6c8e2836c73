/** `docker kill [-s SIGNAL] CONTAINER...` (moby router wraps daemon errors as `cannot kill container: <arg>: …`). */
import { EngineError, invalidParameter, isEngineError } from '../../errors';
import type { CommandSpec } from '../command';
import { forEachContainer } from './lifecycle';
import { parseSignal } from './stop';

export const kill: CommandSpec = {
  name: 'kill',
  usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Kill one or more running containers',
  group: 'container',
  topLevel: 'kill',
  flags: [{ name: 'signal', short: 's', kind: 'string', usage: 'Signal to send to the container' }],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const sigName = ctx.flags.string('signal') || 'KILL';
    await forEachContainer(ctx, async (arg) => {
      try {
        const sig = parseSignal(sigName);
        if (!sig) throw invalidParameter(`Invalid signal: ${sigName}`);
        const c = engine.containers.resolve(arg);
        c.kill(sig);
        if (sig === 'SIGKILL') await c.wait();
      } catch (e) {
        if (isEngineError(e)) throw new EngineError(e.code, e.kind, `cannot kill container: ${arg}: ${e.message}`, e.data, e.daemon);
        throw e;
      }
    });
  },
};
