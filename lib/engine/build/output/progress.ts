/**
 * What the BuildKit builder reports as it runs, whatever shows it: vertices (numbered steps) that start, carry
 * sub-statuses, warnings and process output, and end done, cached, failed or canceled. Two displays implement it,
 * as buildkit's progressui does: the plain printer (`--progress=plain`, any non-terminal) and the TTY view
 * (`--progress=tty`, the default on a terminal).
 */

/** A sub-status of a vertex (`transferring context: 92B`, `sha256:… 3.62MB / 3.62MB`, `naming to …`). */
export interface StatusOptions {
  /** Bytes so far / in all (printed as `%.2f` of decimal units; total 0 = unknown). */
  readonly current?: number;
  readonly total?: number;
  /** Print the elapsed time (` 0.0s`) before `done`, as statuses that measured something do. */
  readonly timed?: boolean;
  /** The status is complete (`done`). Statuses here are reported complete unless false. */
  readonly done?: boolean;
}

export interface ProgressVertex {
  readonly name: string;
  /** Process output lines with their times (`0.212 hi`), for the error summary: the plain display keeps the last 10. */
  readonly logs: readonly string[];
  start(): Promise<void>;
  status(id: string, options?: StatusOptions): Promise<void>;
  /** A lint warning attached to this vertex (`JSONArgsRecommended: … (line 5)`). */
  warn(text: string): Promise<void>;
  log(data: string): Promise<void>;
  done(): Promise<void>;
  cached(): Promise<void>;
  error(message: string): Promise<void>;
  canceled(): Promise<void>;
}

export interface BuildProgress {
  /** buildx's `#0 building with … driver` line (plain only; the TTY view shows `docker:default` in its header). */
  preamble(text: string): Promise<void>;
  /** A vertex; `planned` ones were announced with `expect` (the TTY header counts them before they start). */
  vertex(name: string, planned?: boolean): Promise<ProgressVertex>;
  /** How many planned vertices the solve will show (the TTY header's total counts them from the start). */
  expect(count: number): void;
  /** The build ended: the TTY view draws its final screen; whatever the builder prints next goes below it. */
  close(): Promise<void>;
}

/** `134B`, `1.23kB`: go-units decimal sizes as BuildKit's progress prints them (`%.2f` of units.Bytes). */
export function progressBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${n}B` : `${v.toFixed(2)}${units[i]}`;
}

/** The bytes part of a status (` 1.23kB / 4.56kB`, ` 134B`, or nothing). */
export function statusBytes(o: StatusOptions): string {
  if (o.total) return `${progressBytes(o.current ?? 0)} / ${progressBytes(o.total)}`;
  if (o.current) return progressBytes(o.current);
  return '';
}
