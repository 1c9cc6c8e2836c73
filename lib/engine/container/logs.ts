/**
 * A container's output as the json-file log driver keeps it: every chunk PID 1 writes, tagged with its stream and
 * time, for `docker logs` (with `--tail`, `--since`, `-f`) and for clients attached to a running container.
 *
 * Bounded: a container running `yes` must not eat the page's memory, so the oldest chunks are dropped past
 * `LOG_LIMIT_BYTES` (Docker's default has no limit; `--log-opt max-size` is the real-world equivalent).
 */

export const LOG_LIMIT_BYTES = 4 * 1024 * 1024;

export interface LogChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly data: Uint8Array;
  /** Epoch ms. */
  readonly time: number;
}

export class ContainerLogs {
  private readonly _chunks: LogChunk[] = [];
  private _bytes = 0;
  private readonly _listeners = new Set<(c: LogChunk) => void>();
  private readonly _closeListeners = new Set<() => void>();

  append(chunk: LogChunk): void {
    if (chunk.data.length === 0) return;
    this._chunks.push(chunk);
    this._bytes += chunk.data.length;
    while (this._bytes > LOG_LIMIT_BYTES && this._chunks.length > 1) this._bytes -= this._chunks.shift()!.data.length;
    for (const l of [...this._listeners]) l(chunk);
  }

  /** Everything kept so far, oldest first. */
  all(): readonly LogChunk[] {
    return this._chunks;
  }

  /** Live chunks from now on. */
  subscribe(listener: (c: LogChunk) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** The container stopped: followers (`docker logs -f`, attached clients) end. */
  onClose(listener: () => void): () => void {
    this._closeListeners.add(listener);
    return () => this._closeListeners.delete(listener);
  }

  close(): void {
    for (const l of [...this._closeListeners]) l();
  }
}
