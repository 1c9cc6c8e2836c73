/** Clocks: the real one for the browser, and a virtual one for `--now`/tests so transcripts are byte-identical. */

import { SignalExit, type Clock, type ProcessSignals, type Signal } from './Types';
import { observerTurn, settle } from './scheduler';

function sleepWith(ms: number, signals: ProcessSignals | undefined, onDone: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signals?.terminating) {
      reject(new SignalExit(signals.terminating));
      return;
    }
    let off: (() => void) | undefined;
    const handle = setTimeout(
      () => {
        off?.();
        onDone();
        resolve();
      },
      Math.max(0, ms),
    );
    off = signals?.onSignal(() => {
      if (signals.terminating) {
        clearTimeout(handle);
        off?.();
        reject(new SignalExit(signals.terminating));
      }
    });
  });
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
  sleep(ms: number, signals?: ProcessSignals): Promise<void> {
    return sleepWith(ms, signals, () => {});
  }
}

/**
 * Virtual time: starts at a fixed instant and advances only by sleeps (and by `advance`). A sleep takes no real
 * time beyond one event-loop turn, so `sleep 5` in a transcript is instant and `docker ps` then says `Up 5 seconds`.
 * Concurrent sleepers wake in deadline order.
 */
export class VirtualClock implements Clock {
  private _now: number;
  private readonly _timers: Array<{ at: number; seq: number; wake: () => void }> = [];
  private _seq = 0;
  private _running = false;
  constructor(start: number) {
    this._now = start;
  }
  now(): number {
    return this._now;
  }
  advance(ms: number): void {
    this._now += ms;
  }
  private _hold: (() => boolean) | null = null;
  /**
   * While `hold()` is true, timers do not fire: the headless CLI holds time while it is about to type the next
   * line, so no virtual time passes between commands (a container started with `sleep 100` is still up for the
   * next command, however slowly the host runs).
   */
  holdWhile(hold: (() => boolean) | null): void {
    this._hold = hold;
  }
  sleep(ms: number, signals?: ProcessSignals): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signals?.terminating) {
        reject(new SignalExit(signals.terminating));
        return;
      }
      const timer = { at: this._now + Math.max(0, ms), seq: this._seq++, wake: () => {} };
      const off = signals?.onSignal(() => {
        if (!signals.terminating) return;
        const i = this._timers.indexOf(timer);
        if (i >= 0) this._timers.splice(i, 1);
        off?.();
        reject(new SignalExit(signals.terminating));
      });
      timer.wake = () => {
        off?.();
        resolve();
      };
      this._timers.push(timer);
      this._timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      void this._pump();
    });
  }
  /** Fires timers one at a time, letting other work run between them, so the earliest sleeper always wakes first. */
  private async _pump(): Promise<void> {
    if (this._running) return;
    this._running = true;
    try {
      while (this._timers.length > 0) {
        // Let everything that is runnable run before time jumps: a process that is about to sleep for less
        // gets to register its timer first.
        await settle();
        // No time passes while someone (a scripted typist) is about to act at this instant.
        while (this._hold?.()) await observerTurn();
        const t = this._timers.shift();
        if (!t) break;
        if (t.at > this._now) this._now = t.at;
        t.wake();
      }
    } finally {
      this._running = false;
    }
  }
}

/**
 * A sleep that can be called off (a grace period that ends early when the process exits). Cancelling removes the
 * timer, so a virtual clock does not jump ahead for a wait that never completed. `done` resolves true when the time
 * ran out, false when cancelled.
 */
export function cancellableSleep(clock: Clock, ms: number): { readonly done: Promise<boolean>; cancel(): void } {
  const listeners = new Set<(sig: Signal) => void>();
  const token: ProcessSignals = {
    terminating: null,
    check() {},
    setDisposition() {},
    getDisposition: () => 'default',
    onSignal(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const done = clock.sleep(ms, token).then(
    () => true,
    () => false,
  );
  return {
    done,
    cancel() {
      (token as { terminating: Signal | null }).terminating = 'SIGTERM';
      for (const l of [...listeners]) l('SIGTERM');
    },
  };
}
