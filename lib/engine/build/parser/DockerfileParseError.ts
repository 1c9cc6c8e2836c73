import { EngineError } from '../../errors/EngineError';

/**
 * Where in BuildKit's pipeline the error arises. It decides how Docker prints it:
 * - `file`: before parsing (`the Dockerfile cannot be empty`);
 * - `syntax`: the line parser (`parser.Parse`): directives, JSON arrays, ENV/LABEL word forms, heredocs,
 *   `file with no instructions`, the 65535-byte line limit; printed bare;
 * - `instruction`: the typed-instruction pass (`instructions.Parse`): unknown instructions, argument counts,
 *   flags; Docker prints these as `dockerfile parse error on line N: <reason>`;
 * - `stage`: `no build stage in current context` (same pass, but not wrapped with the prefix).
 */
export type ParsePhase = 'file' | 'syntax' | 'instruction' | 'stage';

/** A Dockerfile that Docker refuses to parse. `reason` is Docker's text; `line`/`endLine` are 1-based. */
export class DockerfileParseError extends EngineError {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly endLine: number = line,
    readonly phase: ParsePhase = 'syntax',
  ) {
    super('DockerfileParse', 'invalidParameter', reason, { line, endLine, phase }, true);
  }

  /** The text Docker prints: instruction-phase errors carry `dockerfile parse error on line N: `. */
  get dockerMessage(): string {
    return this.phase === 'instruction' ? `dockerfile parse error on line ${this.line}: ${this.reason}` : this.reason;
  }
}

export function isDockerfileParseError(e: unknown): e is DockerfileParseError {
  return e instanceof DockerfileParseError;
}
