import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';

async function ticking() {
  const t = dockerTest();
  // Prints 1..4, one a minute, from 10:00:00.
  const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'tick', cmd: ['sh', '-c', 'for i in 1 2 3 4; do echo $i; sleep 60; done'] });
  await c.start();
  await c.wait();
  return t;
}

describe('docker logs --since / --until / --details', () => {
  it('relative durations, RFC 3339 times, Unix seconds', async () => {
    const t = await ticking();
    // now = 10:04:00
    expect((await t.run(['logs', '--since', '150s', 'tick'])).stdout).toBe('3\n4\n');
    expect((await t.run(['logs', '--since', '2026-11-23T10:01:00Z', 'tick'])).stdout).toBe('2\n3\n4\n');
    expect((await t.run(['logs', '--until', '2026-11-23T10:01:00Z', 'tick'])).stdout).toBe('1\n2\n');
    expect((await t.run(['logs', '--since', '2026-11-23T11:01:00+01:00', '--until', '3m', 'tick'])).stdout).toBe('2\n');
    expect((await t.run(['logs', '--since', String(Date.UTC(2026, 10, 23, 10, 2) / 1000), 'tick'])).stdout).toBe('3\n4\n');
    expect((await t.run(['logs', '--since', '2026-11-23T10:01', 'tick'])).stdout).toBe('2\n3\n4\n');
    // The tail is taken first, then the time range.
    expect((await t.run(['logs', '--tail', '3', '--until', '2026-11-23T10:01:00Z', 'tick'])).stdout).toBe('2\n');
  });

  it('--details puts a space before each line (no log attributes); bad values are client errors', async () => {
    const t = await ticking();
    expect((await t.run(['logs', '--details', '-n', '1', 'tick'])).stdout).toBe(' 4\n');
    expect((await t.run(['logs', '--details', '-t', '-n', '1', 'tick'])).stdout).toBe('2026-11-23T10:03:00.000000000Z  4\n');
    expect(await t.run(['logs', '--since', 'yesterday', 'tick'])).toMatchObject({ status: 1, stdout: '', stderr: 'invalid value for "since": failed to parse value as time or duration: "yesterday"\n' });
  });
});
