/**
 * Cooperative scheduling. All processes share one JavaScript thread; a program that computes without awaiting
 * real I/O would starve the page (no key press, no Ctrl-C). `maybeYield()` gives the event loop a turn once the
 * current slice has run for `SLICE_MS`, using a macrotask (MessageChannel: not clamped like nested setTimeout).
 */

const SLICE_MS = 8;
let sliceStart = performance.now();

let channel: MessageChannel | null = null;
const pending: Array<() => void> = [];

/** Node's setImmediate: MessagePort messages there are drained up to 1000 per loop turn, which starves timers. */
const immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate;

/** Processes that have given the event loop a turn and want to continue: they are runnable, not waiting. */
let runnable = 0;

function macrotask(): Promise<void> {
  runnable++;
  return uncountedMacrotask().then(() => {
    runnable--;
  });
}

function uncountedMacrotask(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (immediate) {
      immediate(resolve);
      return;
    }
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const run = pending.shift();
        run?.();
      };
      // In Node an open port keeps the process alive; unref it so a finished CLI exits.
      (channel.port1 as { unref?: () => void }).unref?.();
      (channel.port2 as { unref?: () => void }).unref?.();
    }
    pending.push(resolve);
    channel.port2.postMessage(0);
  });
}

/** Resolves at once (microtask) while the slice has time left, otherwise after a macrotask. */
export function maybeYield(): Promise<void> | undefined {
  const now = performance.now();
  if (now - sliceStart < SLICE_MS) return undefined;
  return macrotask().then(() => {
    sliceStart = performance.now();
  });
}

/** Always gives the event loop a turn (tests and observers waiting for something; not counted as runnable). */
export async function yieldNow(): Promise<void> {
  await uncountedMacrotask();
  sliceStart = performance.now();
}

/** How many processes are between slices (runnable); 0 means every process waits for input, a timer or a pipe. */
export function runnableCount(): number {
  return runnable;
}

/** A turn of the event loop taken by an observer (a clock, a scripted typist): it does not count as runnable work. */
export function observerTurn(): Promise<void> {
  return uncountedMacrotask();
}

/**
 * Waits until no process is runnable for two turns in a row (every process blocks on input, a timer or a pipe),
 * or `maxTurns` turns have passed (a busy loop in the background must not stop the caller forever).
 */
export async function settle(maxTurns = 500): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < maxTurns && quiet < 2; i++) {
    await uncountedMacrotask();
    quiet = runnable === 0 ? quiet + 1 : 0;
  }
}
