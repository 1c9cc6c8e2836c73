/**
 * Errors of a build. A `BuildStepError` carries the builder's own text (the classic builder prints it as is; BuildKit
 * wraps it as `ERROR: failed to build: failed to solve: <text>`), and the exit status the CLI ends with (a failed
 * RUN's code for the classic builder, 1 otherwise).
 */
export class BuildStepError extends Error {
  override readonly name = 'BuildStepError';
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}
