/**
 * The one place the web app touches lib/terminal: starts a host session (the learner's login shell on a pty) and
 * hands the Terminal component a narrow handle. The session module is loaded on demand so the engine, shell and
 * programs arrive in their own chunk after the page has painted.
 */

export interface RunningSession {
  /** Bytes typed or pasted into the terminal (xterm's onData), passed to the pty unchanged. */
  input(data: string): void;
  resize(columns: number, rows: number): void;
  /** Resolves with the login shell's exit status. */
  readonly exited: Promise<number>;
  /** Stops listening and hangs up the pty, so the shell and its jobs end (page left, component unmounted). */
  close(): void;
}

export interface StartOptions {
  readonly columns: number;
  readonly rows: number;
  readonly onOutput: (data: string) => void;
  readonly onFirstOutput: () => void;
}

export async function startSession(options: StartOptions): Promise<RunningSession> {
  const { createHostSession } = await import('@/lib/terminal/session');
  const { Catalog, fetchCatalogSource } = await import('@/lib/engine/registry/catalog');
  const { fetchPackageSource } = await import('@/lib/engine/packages/PackageCatalog');
  const session = createHostSession({
    columns: options.columns,
    rows: options.rows,
    history: localHistory(),
    // The Docker Hub catalog is fetched from the site itself, the first time the learner pulls or searches.
    catalog: () => Catalog.open(fetchCatalogSource('/catalog/')),
    // apt/apk/pip/npm in containers read the package archives the site serves, file by file as needed.
    packages: fetchPackageSource('/packages/'),
  });
  let seenOutput = false;
  const unsubscribe = session.onOutput((data) => {
    options.onOutput(data);
    if (!seenOutput) {
      seenOutput = true;
      options.onFirstOutput();
    }
  });
  let closed = false;
  return {
    input: (data) => session.input(data),
    resize: (columns, rows) => session.resize(columns, rows),
    exited: session.exited,
    close: () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      session.pty.hangup();
    },
  };
}

const HISTORY_KEY = 'layerlab.history';

/** The learner's shell history in localStorage; a browser that refuses storage just starts without history. */
function localHistory(): { load(): readonly string[]; save(lines: readonly string[]): void } {
  return {
    load() {
      try {
        const raw = window.localStorage.getItem(HISTORY_KEY);
        const parsed: unknown = raw ? JSON.parse(raw) : [];
        return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === 'string') : [];
      } catch {
        return [];
      }
    },
    save(lines) {
      try {
        window.localStorage.setItem(HISTORY_KEY, JSON.stringify(lines));
      } catch {
        // storage full or disabled: history stays for this visit only
      }
    },
  };
}
