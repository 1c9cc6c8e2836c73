/**
 * The one place the web app touches lib/terminal: starts a host session (the learner's login shell on a pty) and
 * hands the Terminal component a narrow handle. The session module is loaded on demand so the engine, shell and
 * programs arrive in their own chunk after the page has painted.
 */

export interface RunningSession {
  /** Bytes typed or pasted into the terminal (xterm's onData), passed to the pty unchanged. */
  input(data: string): void;
  resize(columns: number, rows: number): void;
  /** Resolves with the shell's exit status. */
  readonly exited: Promise<number>;
  /** Stops listening to the session's output. */
  close(): void;
}

export interface StartOptions {
  readonly columns: number;
  readonly rows: number;
  readonly onOutput: (data: string | Uint8Array) => void;
  readonly onFirstOutput: () => void;
}

type Unsubscribe = (() => void) | { dispose(): void } | void;

function toCloser(sub: Unsubscribe): () => void {
  if (typeof sub === 'function') return sub;
  if (sub && typeof sub === 'object' && 'dispose' in sub) return () => sub.dispose();
  return () => {};
}

export async function startSession(options: StartOptions): Promise<RunningSession> {
  const { createHostSession } = await import('@/lib/terminal/session');
  const session = await createHostSession();
  let seenOutput = false;
  const unsubscribe = toCloser(
    session.onOutput((data: string | Uint8Array) => {
      options.onOutput(data);
      if (!seenOutput) {
        seenOutput = true;
        options.onFirstOutput();
      }
    }),
  );
  session.resize(options.columns, options.rows);
  return {
    input: (data) => session.input(data),
    resize: (columns, rows) => session.resize(columns, rows),
    exited: Promise.resolve(session.exited).then((code: unknown) => (typeof code === 'number' ? code : 0)),
    close: unsubscribe,
  };
}
