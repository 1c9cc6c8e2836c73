/**
 * Typed engine errors. Each carries Docker's exact message and a kind that follows moby's errdefs categories, which
 * also decide the HTTP status the simulated registry/API answers with. The CLI adds `Error response from daemon: `
 * for daemon-side errors and picks the exit code; nothing else matches on message text.
 */

export type ErrorKind =
  | 'notFound' // 404
  | 'conflict' // 409
  | 'invalidParameter' // 400
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'unavailable' // 503
  | 'cancelled' // the user said no or pressed Ctrl-C: printed by nobody
  | 'system'; // 500

export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  notFound: 404,
  conflict: 409,
  invalidParameter: 400,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  cancelled: 499,
  system: 500,
};

export interface EngineErrorJSON {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** True when the error comes from the daemon side (the CLI prefixes `Error response from daemon: `). */
  readonly daemon: boolean;
}

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    /** A stable identifier (`NoSuchImage`, `NameConflict`, ...). */
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly data: Readonly<Record<string, unknown>> = {},
    /** Errors raised by the daemon are printed with Docker's `Error response from daemon: ` prefix. */
    readonly daemon = true,
  ) {
    super(message);
  }
  toJSON(): EngineErrorJSON {
    return { code: this.code, kind: this.kind, message: this.message, data: this.data, daemon: this.daemon };
  }
  static fromJSON(j: EngineErrorJSON): EngineError {
    return new EngineError(j.code, j.kind, j.message, j.data, j.daemon);
  }
}

export function isEngineError(e: unknown, code?: string): e is EngineError {
  return e instanceof EngineError && (code === undefined || e.code === code);
}
