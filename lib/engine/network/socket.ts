/**
 * A connected TCP socket as two pipes (one per direction). Each side reads what the other writes; closing a side
 * is a FIN to the peer (end of input) and makes the peer's later writes fail with EPIPE, never a SIGPIPE, because
 * servers ignore SIGPIPE and a daemon must not die of a client that went away.
 */

import { Pipe } from '../process/streams';
import { SignalExit, type ProcessSignals, type ReadStream, type WriteStream } from '../process/Types';
import { NetError } from './errors';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export interface Socket {
  /** Bytes from the peer; null at the peer's FIN. Rejects with NetError ECONNRESET on a reset connection. */
  readonly input: ReadStream;
  /** Bytes to the peer; rejects with NetError EPIPE once the peer has closed. */
  readonly output: WriteStream;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** Closes both directions. */
  close(): void;
}

/** Rejects when `signals` receives a terminating signal, so a wait on someone else's stream stays interruptible. */
export function interruptible<T>(p: Promise<T>, signals: ProcessSignals | undefined): Promise<T> {
  if (!signals) return p;
  signals.check();
  return new Promise<T>((resolve, reject) => {
    const off = signals.onSignal(() => {
      if (!signals.terminating) return;
      off();
      reject(new SignalExit(signals.terminating));
    });
    p.then(
      (v) => {
        off();
        resolve(v);
      },
      (e: unknown) => {
        off();
        reject(e);
      },
    );
  });
}

function epipeWriter(w: WriteStream, signals: ProcessSignals | undefined): WriteStream {
  return {
    isTTY: false,
    write: async (data) => {
      try {
        await interruptible(w.write(data), signals);
      } catch (e) {
        if (e instanceof SignalExit && e.signal === 'SIGPIPE') throw new NetError('EPIPE');
        throw e;
      }
    },
    close: () => w.close(),
  };
}

function readerWith(r: ReadStream, signals: ProcessSignals | undefined): ReadStream {
  return { isTTY: false, read: () => interruptible(r.read(), signals), unread: (b) => r.unread(b), close: () => r.close() };
}

/**
 * The accepting side's half of a connection, made when the client connects; `open` binds it to the accepting
 * process's signals.
 */
export interface PendingSocket {
  open(signals?: ProcessSignals): Socket;
}

/**
 * Makes a connected pair: the client's socket at once, the server's when it is accepted. `abort` closes the server's
 * side whatever the server does (its machine went away: the kernel closes a dead process's sockets).
 */
export function socketPair(client: Endpoint, server: Endpoint, clientSignals?: ProcessSignals, onServerClose?: () => void): { client: Socket; server: PendingSocket; abort: () => void } {
  const up = new Pipe(); // client → server
  const down = new Pipe(); // server → client
  // Writers are made now: a pipe with no writer reads as end of input, and the peer must not see that before the
  // server has even accepted.
  const upWriter = up.writer();
  const downWriter = down.writer();
  const clientInput = down.reader();
  const serverInput = up.reader();
  const make = (input: ReadStream, output: WriteStream, local: Endpoint, remote: Endpoint, signals?: ProcessSignals, onClose?: () => void): Socket => {
    const out = epipeWriter(output, signals);
    const inp = readerWith(input, signals);
    return {
      input: inp,
      output: out,
      local,
      remote,
      close: () => {
        output.close();
        input.close();
        onClose?.();
      },
    };
  };
  return {
    client: make(clientInput, upWriter, client, server, clientSignals),
    server: { open: (signals) => make(serverInput, downWriter, server, client, signals, onServerClose) },
    abort: () => {
      downWriter.close();
      serverInput.close();
    },
  };
}

/** A connection the peer resets at once (a published port with nothing listening behind it: docker-proxy's RST). */
export function resetSocket(local: Endpoint, remote: Endpoint): Socket {
  return {
    input: {
      isTTY: false,
      read: () => Promise.reject(new NetError('ECONNRESET')),
      unread: () => {},
      close: () => {},
    },
    output: { isTTY: false, write: () => Promise.reject(new NetError('ECONNRESET')), close: () => {} },
    local,
    remote,
    close: () => {},
  };
}
