import { describe, expect, it } from 'vitest';
import { dockerTest } from '../cli/testing/harness';
import { nextRestartDelay, shouldRestart } from './restart';

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition not reached');
}

describe('restart policies', () => {
  it('which exits restart', () => {
    const p = (name: 'no' | 'always' | 'unless-stopped' | 'on-failure', max = 0) => ({ name, maximumRetryCount: max });
    expect(shouldRestart(p('no'), 1, false, 0)).toBe(false);
    expect(shouldRestart(p('always'), 0, false, 5)).toBe(true);
    expect(shouldRestart(p('always'), 0, true, 0)).toBe(false);
    expect(shouldRestart(p('unless-stopped'), 1, false, 0)).toBe(true);
    expect(shouldRestart(p('on-failure'), 0, false, 0)).toBe(false);
    expect(shouldRestart(p('on-failure', 2), 1, false, 1)).toBe(true);
    expect(shouldRestart(p('on-failure', 2), 1, false, 2)).toBe(false);
  });

  it('back-off doubles from 100 ms to a minute and resets after a 10 s run', () => {
    expect(nextRestartDelay(0, 0)).toBe(100);
    expect(nextRestartDelay(100, 5)).toBe(200);
    expect(nextRestartDelay(40_000, 5)).toBe(60_000);
    expect(nextRestartDelay(800, 10_000)).toBe(100);
  });

  it('on-failure:2 restarts a failing container twice, then it stays Exited with RestartCount 2', async () => {
    const t = dockerTest();
    expect((await t.run(['run', '-d', '--name', 'flaky', '--restart', 'on-failure:2', 'busybox', 'sh', '-c', 'echo try; exit 3'])).status).toBe(0);
    const c = t.engine.containers.resolve('flaky');
    await until(() => c.state.status === 'exited' && c.state.restartCount === 2);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(c.state.restartCount).toBe(2);
    expect((await t.run(['logs', 'flaky'])).stdout).toBe('try\ntry\ntry\n');
    expect((await t.run(['inspect', '-f', '{{.RestartCount}} {{.State.ExitCode}}', 'flaky'])).stdout).toBe('2 3\n');
  });

  it('always: comes back after exiting; docker stop ends it for good; rm needs -f while restarting', async () => {
    const t = dockerTest();
    await t.run(['run', '-d', '--name', 'loop', '--restart', 'always', 'busybox', 'sh', '-c', 'sleep 1; exit 0']);
    const c = t.engine.containers.resolve('loop');
    await until(() => c.state.restartCount >= 2);
    if (c.state.status === 'restarting') {
      expect((await t.run(['rm', 'loop'])).stderr).toBe(
        'Error response from daemon: cannot remove container "loop": container is restarting: stop the container before removing or force remove\n',
      );
    }
    expect((await t.run(['stop', 'loop'])).stdout).toBe('loop\n');
    const count = c.state.restartCount;
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    expect(c.state.status).toBe('exited');
    expect(c.state.restartCount).toBe(count);
  });
});
