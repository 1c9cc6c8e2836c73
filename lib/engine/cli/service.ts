/** How the `docker` program finds its daemon: the host machine provides the engine as a service. */
import type { Engine } from '../Engine';
import type { PtyDevice } from '../container/Types';
import { serviceKey, type Tty } from '../process/Types';

export const DOCKER_ENGINE = serviceKey<Engine>('docker.engine');

/**
 * How `docker run -it`, `attach` and `exec -it` connect the user's terminal to a container's console. The terminal
 * module implements it (its forwardPty); the host provides it so the engine does not depend on the terminal.
 */
export interface TerminalBridge {
  /**
   * Raw mode on `outer`, keys to `inner`, output back, until `until` settles or the detach keys are typed
   * (`detachKeys` as characters; empty disables detaching).
   */
  forward(outer: Tty, inner: PtyDevice, options: { readonly detachKeys?: string; readonly until?: Promise<unknown> }): Promise<'detached' | 'ended'>;
  /** A fresh console (`docker exec -t`) the size of `outer`, or 80×24 when no terminal is attached. */
  createPty(outer: Tty | null): PtyDevice;
}

export const DOCKER_TERMINAL = serviceKey<TerminalBridge>('docker.terminal');
