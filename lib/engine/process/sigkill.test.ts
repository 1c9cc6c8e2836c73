import { describe, expect, it } from 'vitest';
import { MemFs } from '../fs/MemFs';
import { VirtualClock } from './clock';
import { Machine, SimpleRegistry } from './Machine';
import { SeededRandom } from './random';
import { emptyReader, nullWriter } from './streams';
import { ROOT } from '../fs/Types';

describe('SIGKILL', () => {
  it('ends a process blocked in a wait nothing interrupts, with status 137', async () => {
    const clock = new VirtualClock(0);
    const machine = new Machine({ rootFs: new MemFs({ now: () => clock.now() }), programs: new SimpleRegistry(), clock, random: new SeededRandom(1), hostname: 'k' });
    let after = false;
    const child = machine.start(
      async () => {
        await new Promise<never>(() => {});
        after = true;
        return 0;
      },
      { argv: ['stuck'], env: new Map(), cwd: '/', cred: ROOT, umask: 0o022, stdin: emptyReader, stdout: nullWriter, stderr: nullWriter, tty: null, ppid: 1 },
    );
    await Promise.resolve();
    child.kill('SIGTERM');
    child.kill('SIGKILL');
    expect(await child.exited).toBe(137);
    expect(after).toBe(false);
    expect(machine.processes().some((p) => p.pid === child.pid)).toBe(false);
  });
});
