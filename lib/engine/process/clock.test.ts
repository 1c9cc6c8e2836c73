import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import { SeededRandom } from './random';
import { SignalExit, type ProcessSignals, type Signal } from './Types';

describe('VirtualClock', () => {
  it('advances by sleeps without waiting in real time', async () => {
    const c = new VirtualClock(1000);
    const t0 = Date.now();
    await c.sleep(60_000);
    expect(c.now()).toBe(61_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('wakes concurrent sleepers in deadline order', async () => {
    const c = new VirtualClock(0);
    const order: string[] = [];
    await Promise.all([c.sleep(300).then(() => order.push(`b@${c.now()}`)), c.sleep(100).then(() => order.push(`a@${c.now()}`))]);
    expect(order).toEqual(['a@100', 'b@300']);
  });

  it('a terminating signal cancels a sleep', async () => {
    const c = new VirtualClock(0);
    const listeners = new Set<(s: Signal) => void>();
    const sig: ProcessSignals = {
      terminating: null,
      check() {},
      setDisposition() {},
      getDisposition: () => 'default',
      onSignal: (l) => (listeners.add(l), () => listeners.delete(l)),
    };
    const p = c.sleep(10_000, sig);
    (sig as { terminating: Signal | null }).terminating = 'SIGINT';
    for (const l of listeners) l('SIGINT');
    await expect(p).rejects.toBeInstanceOf(SignalExit);
  });
});

describe('SeededRandom', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const sa = a.hex(64);
    expect(sa).toBe(b.hex(64));
    expect(sa).not.toBe(c.hex(64));
    expect(sa).toMatch(/^[0-9a-f]{64}$/);
  });

  it('next() stays in [0,1) and int(n) in range', () => {
    const r = new SeededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = r.int(6);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(6);
    }
  });
});
