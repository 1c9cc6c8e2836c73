/**
 * Stream implementations: pipes with back-pressure and SIGPIPE, in-memory sources and sinks, and readers that
 * programs use to consume input by line or whole.
 */

import { SignalExit, type ProcessSignals, type ReadStream, type WriteStream } from './Types';
import { concatBytes, decodeText, toBytes } from './text';

/** Bytes a pipe holds before writers wait (Linux: 64 KiB). */
export const PIPE_CAPACITY = 65536;

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
}

/**
 * A unidirectional pipe. `writer(signals)` hands out a write end bound to the writing process's signals (so a
 * blocked writer can be interrupted); `reader(signals)` likewise. End of input is seen when every write end has been
 * closed; a write after the read end closed rejects with SIGPIPE.
 */
export class Pipe {
  private readonly _chunks: Uint8Array[] = [];
  private _buffered = 0;
  private _writers = 0;
  private _readerClosed = false;
  private _readWaiter: Waiter | null = null;
  private readonly _writeWaiters: Waiter[] = [];

  writer(signals?: ProcessSignals): WriteStream {
    this._writers++;
    let closed = false;
    return {
      isTTY: false,
      write: async (data) => {
        if (closed) return;
        const bytes = toBytes(data);
        if (bytes.length === 0) return;
        while (true) {
          if (this._readerClosed) throw new SignalExit('SIGPIPE');
          signals?.check();
          if (this._buffered < PIPE_CAPACITY) break;
          await this._wait(this._writeWaiters, signals);
        }
        this._chunks.push(bytes);
        this._buffered += bytes.length;
        this._wakeReader();
      },
      close: () => {
        if (closed) return;
        closed = true;
        this._writers--;
        if (this._writers === 0) this._wakeReader();
      },
    };
  }

  reader(signals?: ProcessSignals): ReadStream {
    return {
      isTTY: false,
      read: async () => {
        while (this._chunks.length === 0) {
          if (this._writers === 0 || this._readerClosed) return null;
          signals?.check();
          await new Promise<void>((resolve, reject) => {
            this._readWaiter = { resolve, reject };
            this._armSignal(this._readWaiter, signals);
          });
        }
        const chunk = this._chunks.shift()!;
        this._buffered -= chunk.length;
        this._wakeWriters();
        return chunk;
      },
      unread: (bytes) => {
        if (bytes.length === 0) return;
        this._chunks.unshift(bytes);
        this._buffered += bytes.length;
      },
      close: () => {
        this._readerClosed = true;
        this._chunks.length = 0;
        this._buffered = 0;
        this._wakeWriters();
      },
    };
  }

  private _wait(queue: Waiter[], signals?: ProcessSignals): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { resolve, reject };
      queue.push(w);
      this._armSignal(w, signals);
    });
  }

  /** A signal that terminates the waiting process rejects its wait. */
  private _armSignal(w: Waiter, signals?: ProcessSignals): void {
    if (!signals) return;
    const off = signals.onSignal(() => {
      if (signals.terminating) {
        off();
        w.reject(new SignalExit(signals.terminating));
      }
    });
    const { resolve, reject } = w;
    w.resolve = () => {
      off();
      resolve();
    };
    w.reject = (e) => {
      off();
      reject(e);
    };
  }

  private _wakeReader(): void {
    const w = this._readWaiter;
    this._readWaiter = null;
    w?.resolve();
  }

  private _wakeWriters(): void {
    const ws = this._writeWaiters.splice(0);
    for (const w of ws) w.resolve();
  }
}

/** A reader over fixed bytes (here-docs, `<<<`, files read whole, test input). */
export function bytesReader(data: string | Uint8Array, chunkSize = 65536): ReadStream {
  const bytes = toBytes(data);
  let offset = 0;
  let closed = false;
  const pushedBack: Uint8Array[] = [];
  return {
    isTTY: false,
    read: async () => {
      if (pushedBack.length > 0) return pushedBack.shift()!;
      if (closed || offset >= bytes.length) return null;
      const chunk = bytes.subarray(offset, offset + chunkSize);
      offset += chunk.length;
      return chunk;
    },
    unread: (b) => {
      if (b.length > 0) pushedBack.unshift(b);
    },
    close: () => {
      closed = true;
    },
  };
}

/** Reads nothing: end of input at once (`/dev/null`, a background job's stdin). */
export const emptyReader: ReadStream = {
  isTTY: false,
  read: async () => null,
  unread: () => {},
  close: () => {},
};

/** Discards everything (`/dev/null`). */
export const nullWriter: WriteStream = {
  isTTY: false,
  write: async () => {},
  close: () => {},
};

/** Collects everything written (tests, `$( )`, engine logs). */
export class CollectingWriter implements WriteStream {
  readonly isTTY: boolean;
  private readonly _chunks: Uint8Array[] = [];
  private _closed = false;
  constructor(options: { isTTY?: boolean; onData?: (bytes: Uint8Array) => void } = {}) {
    this.isTTY = options.isTTY ?? false;
    this._onData = options.onData;
  }
  private readonly _onData: ((bytes: Uint8Array) => void) | undefined;
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = toBytes(data);
    this._chunks.push(bytes);
    this._onData?.(bytes);
  }
  close(): void {
    this._closed = true;
  }
  get closed(): boolean {
    return this._closed;
  }
  bytes(): Uint8Array {
    return concatBytes(this._chunks);
  }
  text(): string {
    return decodeText(this.bytes());
  }
}

/** Reads a stream to its end. */
export async function readAll(stream: ReadStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let c = await stream.read(); c !== null; c = await stream.read()) chunks.push(c);
  return concatBytes(chunks);
}

/**
 * Yields lines without their `\n` as they arrive (a final line without newline is yielded too; `hadNewline` tells
 * which). Decodes UTF-8 across chunk boundaries.
 */
export async function* readLines(stream: ReadStream): AsyncGenerator<{ line: string; hadNewline: boolean }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for (let c = await stream.read(); c !== null; c = await stream.read()) {
    pending += decoder.decode(c, { stream: true });
    let i: number;
    while ((i = pending.indexOf('\n')) >= 0) {
      yield { line: pending.slice(0, i), hadNewline: true };
      pending = pending.slice(i + 1);
    }
  }
  pending += decoder.decode();
  if (pending !== '') yield { line: pending, hadNewline: false };
}

/**
 * Reads one line (including its `\n`, absent at end of input) and leaves everything after it in the stream, so the
 * next reader sees it (the shell's `read`, `head -n` followed by another command on the same input).
 * Returns null when the stream is at its end.
 */
export async function readLineFrom(stream: ReadStream): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  while (true) {
    const c = await stream.read();
    if (c === null) return chunks.length === 0 ? null : concatBytes(chunks);
    const nl = c.indexOf(10);
    if (nl < 0) {
      chunks.push(c);
      continue;
    }
    if (nl + 1 < c.length) stream.unread(c.slice(nl + 1));
    chunks.push(c.subarray(0, nl + 1));
    return concatBytes(chunks);
  }
}
