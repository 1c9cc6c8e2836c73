/**
 * A nested interactive session (`docker run -it`, `docker attach`, `docker exec -it`): the outer terminal's keys go
 * to an inner pty and its output comes back, until the inner session ends or the learner types the detach keys
 * (Ctrl-P Ctrl-Q by default, Docker's escape proxy).
 */

import { decodeText } from '../engine/process/text';
import type { PtyDevice } from '../engine/container/Types';
import type { Tty } from '../engine/process/Types';
import { Pty } from './Pty';

export interface ForwardOptions {
  /** The detach sequence; empty disables detaching. Docker's default is Ctrl-P Ctrl-Q. */
  readonly detachKeys?: string;
  /** Ends the forwarding too (besides `inner.hangup()`), e.g. the container's main process exiting. */
  readonly until?: Promise<unknown>;
}

export const DEFAULT_DETACH_KEYS = '\x10\x11';

/**
 * Puts `outer` in raw mode, pipes its keys to `inner` and inner output to `outer`, and restores `outer`'s mode
 * afterwards. Resolves 'detached' when the detach keys were typed, 'ended' when the inner session hung up (or
 * `until` settled). End of input on the outer terminal is passed on to the inner one, which normally ends it.
 *
 * Like Docker's escape proxy, the first key of the detach sequence is held back until the next key shows whether
 * the sequence is complete; if not, the held keys are sent on.
 */
export async function forwardPty(outer: Tty, inner: PtyDevice, options: ForwardOptions = {}): Promise<'detached' | 'ended'> {
  const detach = options.detachKeys ?? DEFAULT_DETACH_KEYS;
  const saved = outer.getMode();
  outer.setMode({ canonical: false, echo: false, isig: false });
  const outerPty = outer instanceof Pty ? outer : null;
  // A scripted session types its next line when the innermost terminal asks for input.
  if (inner instanceof Pty) outerPty?.delegateDemand(inner);
  const offOutput = inner.onOutput((data) => void outer.write(data));
  inner.resize(outer.columns, outer.rows);
  const offResize = outer.onResize((c, r) => inner.resize(c, r));

  let ended = inner.hungUp;
  let wakeEnded: () => void = () => {};
  const endedSignal = new Promise<'ended'>((resolve) => {
    wakeEnded = () => {
      ended = true;
      resolve('ended');
    };
  });
  const offHangup = inner.onHangup(wakeEnded);
  if (inner.hungUp) wakeEnded();
  void options.until?.then(wakeEnded, wakeEnded);

  let held = '';
  try {
    while (!ended) {
      let cancel = () => {};
      let chunk: Promise<Uint8Array | null>;
      if (outerPty) {
        const r = outerPty.readRawCancellable();
        cancel = r.cancel;
        chunk = r.result;
      } else chunk = outer.read();
      const got = await Promise.race([chunk, endedSignal]);
      if (got === 'ended') {
        cancel();
        break;
      }
      if (got === null) {
        if (held) inner.input(held);
        held = '';
        inner.endInput();
        // Wait for the inner session to finish on its own.
        await endedSignal;
        break;
      }
      if (got.length === 0) continue;
      const text = decodeText(got);
      if (detach === '') {
        inner.input(text);
        continue;
      }
      let pass = '';
      const chars = Array.from(text);
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i]!;
        if (detach.startsWith(held + ch)) {
          held += ch;
          if (held === detach) {
            if (pass) inner.input(pass);
            // Keys typed after the detach sequence belong to the outer session again.
            const rest = chars.slice(i + 1).join('');
            if (rest && outerPty) outerPty.unshiftInput(rest);
            return 'detached';
          }
          continue;
        }
        pass += held + ch;
        held = '';
      }
      if (pass) inner.input(pass);
    }
    return 'ended';
  } finally {
    offOutput();
    offResize();
    offHangup();
    outerPty?.delegateDemand(null);
    outer.setMode(saved);
  }
}

/** A terminal for a nested session: the outer one's size, and quiet when the outer one is quiet. */
export function createInnerPty(outer: Tty): Pty {
  return new Pty({ columns: outer.columns, rows: outer.rows, echo: outer instanceof Pty ? outer.echoes : true });
}
