/**
 * The one place the web app touches lib/terminal: starts the learner's simulated host (engine, files, daemon) and
 * opens login shells on it, each on its own pty, for the terminals (tabs) of the page. The session module is
 * loaded on demand so the engine, shell and programs arrive in their own chunk after the page has painted.
 */
import { browserDownloads } from './browserDownloads';

export interface RunningSession {
  /** Bytes typed or pasted into the terminal (xterm's onData), passed to the pty unchanged. */
  input(data: string): void;
  resize(columns: number, rows: number): void;
  /** Resolves with the login shell's exit status. */
  readonly exited: Promise<number>;
  /** Writes a file from the learner's computer into this shell's working directory; resolves its path on the host. */
  upload(file: File): Promise<string>;
  /** Stops listening and hangs up the pty, so the shell and its jobs end (tab closed, component unmounted). */
  close(): void;
}

export interface StartOptions {
  readonly columns: number;
  readonly rows: number;
  readonly onOutput: (data: string) => void;
  readonly onFirstOutput: () => void;
}

/** One simulated host: every terminal opened on it shares its files, processes and docker daemon. */
export interface RunningHost {
  open(options: StartOptions): RunningSession;
  /** Hangs up every terminal still open on the host. */
  close(): void;
}

export async function startHost(first: { columns: number; rows: number }): Promise<RunningHost> {
  const { createHostSession } = await import('@/lib/terminal/session');
  const { Catalog, fetchCatalogSource } = await import('@/lib/engine/registry/catalog');
  const { fetchPackageSource } = await import('@/lib/engine/packages/PackageCatalog');
  const host = createHostSession({
    columns: first.columns,
    rows: first.rows,
    history: localHistory(),
    // The Docker Hub catalog is fetched from the site itself, the first time the learner pulls or searches.
    catalog: () => Catalog.open(fetchCatalogSource('/catalog/')),
    // apt/apk/pip/npm in containers read the package archives the site serves, file by file as needed.
    packages: fetchPackageSource('/packages/'),
    // `download FILE` on the host becomes a download in this browser.
    browserFiles: browserDownloads,
  });
  // The session starts with one login shell; the first terminal takes it, later ones get new shells. What that
  // shell prints before the terminal is attached (its first prompt) is kept for it.
  let spare: typeof host | null = host;
  const early: string[] = [];
  const stopEarly = host.onOutput((data) => early.push(data));
  const open = new Set<RunningSession>();
  return {
    open(options) {
      const shell = spare ?? host.openShell({ columns: options.columns, rows: options.rows });
      let seenOutput = false;
      const show = (data: string) => {
        options.onOutput(data);
        if (!seenOutput) {
          seenOutput = true;
          options.onFirstOutput();
        }
      };
      const unsubscribe = shell.onOutput(show);
      if (spare) {
        stopEarly();
        for (const data of early.splice(0)) show(data);
        shell.resize(options.columns, options.rows);
      }
      spare = null;
      let closed = false;
      const session: RunningSession = {
        input: (data) => shell.input(data),
        resize: (columns, rows) => shell.resize(columns, rows),
        exited: shell.exited,
        upload: async (file) => shell.upload(file.name, new Uint8Array(await file.arrayBuffer())),
        close: () => {
          if (closed) return;
          closed = true;
          open.delete(session);
          unsubscribe();
          shell.pty.hangup();
        },
      };
      open.add(session);
      return session;
    },
    close() {
      for (const s of [...open]) s.close();
      if (spare) {
        stopEarly();
        spare.pty.hangup();
      }
      spare = null;
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
