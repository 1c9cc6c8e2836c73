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

function macrotask(): Promise<void> {
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

/** Always gives the event loop a turn. */
export async function yieldNow(): Promise<void> {
  await macrotask();
  sliceStart = performance.now();
}
