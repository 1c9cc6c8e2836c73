/** A listening socket: connections queue until the owner accepts them; accept blocks without spinning. */

import { SignalExit, type ProcessSignals } from '../process/Types';
import type { PendingSocket, Socket } from './socket';

export class Listener {
  private readonly _backlog: PendingSocket[] = [];
  /** Processes blocked in accept (several workers may share one listening socket, as nginx's do). */
  private readonly _waiters: Array<() => void> = [];
  private _closed = false;
  private readonly _onClose: () => void;

  constructor(
    /** The bound address (`0.0.0.0` for all of the node's addresses). */
    readonly address: string,
    readonly port: number,
    onClose: () => void,
    /** The PID holding it (netstat -p / ss -p show it): the binder, or the child it forked into the background. */
    public owner?: number,
  ) {
    this._onClose = onClose;
  }

  get closed(): boolean {
    return this._closed;
  }

  /** Called by the network when a client connects. */
  enqueue(pending: PendingSocket): void {
    this._backlog.push(pending);
    this._waiters.shift()?.();
  }

  /**
   * The next connection, bound to the accepting process's signals; null once the listener is closed (the machine
   * went away). Rejects with SignalExit when the process is signalled while waiting.
   */
  async accept(signals?: ProcessSignals): Promise<Socket | null> {
    for (;;) {
      signals?.check();
      const next = this._backlog.shift();
      if (next) return next.open(signals);
      if (this._closed) return null;
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          off?.();
          resolve();
        };
        const off = signals?.onSignal(() => {
          if (!signals.terminating) return;
          off?.();
          const i = this._waiters.indexOf(wake);
          if (i >= 0) this._waiters.splice(i, 1);
          reject(new SignalExit(signals.terminating));
        });
        this._waiters.push(wake);
      });
    }
  }

  close(): void {
    if (this._closed) return;
    this._closed = true;
    // Connections nobody will accept end at once (the client reads end of input) instead of hanging.
    for (const p of this._backlog.splice(0)) p.open().close();
    this._onClose();
    for (const w of this._waiters.splice(0)) w();
  }
}
