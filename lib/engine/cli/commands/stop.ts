/** `docker stop [-t SECONDS] [-s SIGNAL] CONTAINER...`: the stop signal, then SIGKILL after the grace period. */
import { invalidParameter } from '../../errors';
import { SIGNAL_NUMBERS, type Signal } from '../../process/Types';
import { DEFAULT_STOP_TIMEOUT_MS } from '../../container/Container';
import { cancellableSleep } from '../../process/clock';
import type { CommandSpec } from '../command';
import { forEachContainer } from './lifecycle';

/** `KILL`, `SIGKILL`, `9` → `SIGKILL` (moby signal.ParseSignal); undefined when unknown. */
export function parseSignal(s: string): Signal | undefined {
  const up = s.toUpperCase();
  if (/^[0-9]+$/.test(s)) return (Object.keys(SIGNAL_NUMBERS) as Signal[]).find((k) => SIGNAL_NUMBERS[k] === Number(s));
  const name = (up.startsWith('SIG') ? up : `SIG${up}`) as Signal;
  return name in SIGNAL_NUMBERS ? name : undefined;
}

export const stop: CommandSpec = {
  name: 'stop',
  usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  group: 'container',
  topLevel: 'stop',
  flags: [
    { name: 'signal', short: 's', kind: 'string', usage: 'Signal to send to the container' },
    { name: 'timeout', short: 't', kind: 'int', usage: 'Seconds to wait before killing the container' },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const sigName = ctx.flags.string('signal');
    const timeoutMs = ctx.flags.changed.has('timeout') ? ctx.flags.int('timeout') * 1000 : undefined;
    await forEachContainer(ctx, async (arg) => {
      const c = engine.containers.resolve(arg);
      if (sigName !== '') {
        const sig = parseSignal(sigName);
        if (!sig) throw invalidParameter(`Invalid signal: ${sigName}`);
        if (!c.running) return;
        // A custom stop signal: send it, then the usual grace period and SIGKILL.
        c.kill(sig);
        const grace = cancellableSleep(engine.clock, Math.max(0, timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS));
        const timedOut = await Promise.race([c.wait().then(() => false), grace.done]);
        grace.cancel();
        if (timedOut && c.running) {
          c.kill('SIGKILL');
          await c.wait();
        }
        return;
      }
      await c.stop(timeoutMs === undefined ? undefined : Math.max(0, timeoutMs));
    });
  },
};
