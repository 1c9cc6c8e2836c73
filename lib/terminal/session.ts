/**
 * The learner's host session: a fresh simulated host (Debian-like rootfs in a MemFs, every registered program,
 * clock and random source) with the login shell `/bin/bash -l` running on a pty. The web page and the headless CLI
 * both start exactly this; they only differ in how they bind the pty's input and output.
 */

import { MemFs } from '../engine/fs/MemFs';
import type { FsClient } from '../engine/fs/Types';
import { populateHostRootfs } from '../shell/host/rootfs';
import { HOST_HOSTNAME, LEARNER, LEARNER_CRED } from '../shell/host/users';
import { RealClock, VirtualClock } from '../engine/process/clock';
import { Machine, ttyReader, ttyWriter } from '../engine/process/Machine';
import { freshSeed, SeededRandom } from '../engine/process/random';
import type { Clock, ExecFailure, Program } from '../engine/process/Types';
import { createRegistry } from '../shell/programs';
import { Pty } from './Pty';
import { Engine } from '../engine/Engine';
import { connectHost } from '../engine/host';
import { DOCKER_TERMINAL } from '../engine/cli/service';
import { docker } from '../engine/cli/docker';
import { COMMANDS } from '../engine/cli/commands';
import { completeDocker } from '../engine/cli/completion';
import { registerCompletion } from '../shell/interp';
import type { Catalog } from '../engine/registry/catalog';
import type { PackageSource } from '../engine/packages/PackageCatalog';
import { createConsolePty, terminalBridge } from './dockerBridge';
import { BROWSER_FILES, download, uploadFile, type BrowserFiles } from './browserFiles';

/** The PATH Debian's /etc/profile gives a normal user. */
export const LEARNER_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games';

export interface HostSessionOptions {
  /** Seed for the random source (IDs, names); a fresh one when omitted. */
  readonly seed?: number;
  /** Fixed start time (epoch ms or an ISO-8601 string): a virtual clock that advances only by sleeps. */
  readonly now?: number | string;
  readonly columns?: number;
  readonly rows?: number;
  /** False: a quiet terminal that shows only what programs write (see `PtyOptions.echo`). */
  readonly echo?: boolean;
  /** Directory the login shell starts in (created for the learner if missing). Default: the learner's home. */
  readonly workdir?: string;
  /**
   * Filesystems to mount over the host's (e.g. a real directory in the CLI's `--workdir`). Applied by `mountFs`,
   * which returns the root view the machine uses.
   */
  readonly mountFs?: (root: MemFs, clock: Clock) => FsClient;
  /** Programs to add to (or replace in) the registry, e.g. a stand-in shell in tests. */
  readonly extraPrograms?: Readonly<Record<string, Program>>;
  /** The login command. Default `bash -l` (found through PATH, so messages read `bash: …` as in a terminal). */
  readonly loginShell?: readonly string[];
  /** Where the learner's shell history lives between visits (the page uses localStorage). */
  readonly history?: HistoryStore;
  /** Opens the Docker Hub catalog `docker pull` reaches (on first use); absent: the registry is unreachable. */
  readonly catalog?: () => Promise<Catalog>;
  /** The package archives apt/apk/pip/npm in containers reach; absent: they print their network errors. */
  readonly packages?: PackageSource;
  /** The learner's browser (downloads); given, the host gets the `download` command. */
  readonly browserFiles?: BrowserFiles;
}

/** Shell history kept outside the simulated machine, so ↑ recalls commands from an earlier visit. */
export interface HistoryStore {
  load(): readonly string[];
  save(lines: readonly string[]): void;
}

/** How many history lines are kept (bash's default HISTSIZE). */
export const HISTORY_LIMIT = 500;

/** One login shell on a pty: what a terminal window (or tab) shows. */
export interface Shell {
  readonly pty: Pty;
  /** Keyboard input (xterm's onData, the CLI's stdin). */
  input(data: string): void;
  /** What to show; returns an unsubscribe function. */
  onOutput(listener: (data: string) => void): () => void;
  resize(columns: number, rows: number): void;
  /** The login shell's exit status. */
  readonly exited: Promise<number>;
  /** The shell's working directory now (it follows `cd`); the home directory once the shell has ended. */
  cwd(): string;
  /**
   * Puts a file from the learner's computer into the shell's working directory, byte for byte, as the learner
   * (mode 0644, replacing a file of that name). Returns its absolute path; throws an `UploadError` saying why not.
   */
  upload(name: string, bytes: Uint8Array): string;
}

export interface ShellOptions {
  readonly columns?: number;
  readonly rows?: number;
}

export interface HostSession extends Shell {
  readonly machine: Machine;
  /** The host's root filesystem (the MemFs, before any mounts). */
  readonly fs: MemFs;
  readonly clock: Clock;
  /** The Docker engine the host's `docker` talks to. */
  readonly engine: Engine;
  /**
   * Another login shell on the same host, on a pty of its own: a second terminal that shares the files, the
   * processes and the docker daemon (where to type `docker kill` while a foreground `docker run` holds the first).
   */
  openShell(options?: ShellOptions): Shell;
}

export function parseNow(now: number | string): number {
  if (typeof now === 'number') return now;
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) throw new RangeError(`invalid time: ${now}`);
  return ms;
}

export function createHostSession(options: HostSessionOptions = {}): HostSession {
  const clock: Clock = options.now === undefined ? new RealClock() : new VirtualClock(parseNow(options.now));
  const fs = new MemFs({ now: () => clock.now() });
  const registry = createRegistry();
  registry.register('docker', docker);
  if (options.browserFiles) registry.register('download', download);
  for (const [name, p] of Object.entries(options.extraPrograms ?? {})) registry.register(name, p);
  populateHostRootfs(fs, { programs: registry.names(), hostname: HOST_HOSTNAME });
  const rootFs = options.mountFs ? options.mountFs(fs, clock) : fs;
  const seed = options.seed ?? freshSeed();
  const machine = new Machine({
    rootFs,
    programs: registry,
    clock,
    random: new SeededRandom(seed),
    hostname: HOST_HOSTNAME,
    firstPid: 1000,
  });
  // The daemon has its own random source (IDs, names), derived from the same seed so a `--seed` run is reproducible.
  const engine = new Engine({
    clock,
    random: new SeededRandom((seed ^ 0x5eed5eed) >>> 0),
    programs: createRegistry(),
    createPty: createConsolePty,
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.packages ? { packages: options.packages } : {}),
  });
  connectHost(machine, engine);
  // Tab completion of docker subcommands, flags, containers and images against this session's daemon.
  registerCompletion('docker', (words, index) => completeDocker(words, index, { commands: COMMANDS, engine }));
  machine.provide(DOCKER_TERMINAL, terminalBridge);
  if (options.browserFiles) {
    // The page's bridge to the learner's browser: `download FILE` hands a host file over as a browser download.
    machine.provide(BROWSER_FILES, options.browserFiles);
  }

  const cwd = options.workdir ?? LEARNER.home;
  ensureDir(rootFs, cwd);
  const env = new Map<string, string>([
    ['HOME', LEARNER.home],
    ['USER', LEARNER.name],
    ['LOGNAME', LEARNER.name],
    ['PATH', LEARNER_PATH],
    ['SHELL', LEARNER.shell],
    ['TERM', 'xterm-256color'],
    ['LANG', 'C.UTF-8'],
  ]);
  const argv = options.loginShell ?? ['bash', '-l'];
  const learnerFs = rootFs.withCred(LEARNER_CRED);

  const openShell = (shellOptions: ShellOptions & { readonly echo?: boolean }): Shell => {
    const pty = new Pty({ columns: shellOptions.columns ?? 80, rows: shellOptions.rows ?? 24, echo: shellOptions.echo ?? true });
    if (options.history) {
      // bash reads ~/.bash_history when it starts; seed it from the store, and save again after every accepted line.
      const lines = options.history.load().slice(-HISTORY_LIMIT);
      if (lines.length > 0) {
        const path = `${LEARNER.home}/.bash_history`;
        rootFs.writeFile(path, new TextEncoder().encode(lines.join('\n') + '\n'), { mode: 0o600 });
        rootFs.chmod(path, 0o600);
        rootFs.chown(path, LEARNER.uid, LEARNER.gid);
      }
      const store = options.history;
      pty.onHistoryChange((h) => store.save(h.slice(-HISTORY_LIMIT)));
    }
    const spawned = machine.spawn({
      argv,
      env,
      cwd,
      cred: LEARNER_CRED,
      umask: 0o022,
      stdin: ttyReader(pty),
      stdout: ttyWriter(pty),
      stderr: ttyWriter(pty),
      tty: pty,
      ppid: 1,
    });
    let exited: Promise<number>;
    if (spawned.ok) exited = spawned.child.exited;
    else {
      void pty.write(`layerlab: cannot start ${argv[0]}: ${failureText(spawned.failure)}\n`);
      exited = Promise.resolve(127);
    }
    exited = exited.then((status) => {
      pty.hangup();
      return status;
    });
    const shellCwd = () => (spawned.ok ? machine.cwdOf(spawned.child.pid) : undefined) ?? LEARNER.home;
    return {
      pty,
      input: (data) => pty.input(data),
      onOutput: (listener) => pty.onOutput(listener),
      resize: (columns, rows) => pty.resize(columns, rows),
      exited,
      cwd: shellCwd,
      upload: (name, bytes) => uploadFile(learnerFs, shellCwd(), name, bytes),
    };
  };

  const first = openShell({ columns: options.columns, rows: options.rows, echo: options.echo });
  return { ...first, machine, fs, clock, engine, openShell: (o = {}) => openShell(o) };
}

/** Creates `path` and missing parents, owned by the learner when under their home. */
function ensureDir(fs: FsClient, path: string): void {
  const parts = path.split('/').filter((p) => p !== '');
  let cur = '';
  for (const part of parts) {
    cur += '/' + part;
    try {
      fs.stat(cur);
      continue;
    } catch {
      // missing: create it below
    }
    fs.mkdir(cur, 0o755);
    if (cur.startsWith(LEARNER.home + '/')) fs.chown(cur, LEARNER.uid, LEARNER.gid);
  }
}

function failureText(f: ExecFailure): string {
  switch (f.kind) {
    case 'not-found':
    case 'no-such-file':
    case 'bad-interpreter':
      return 'No such file or directory';
    case 'permission-denied':
      return 'Permission denied';
    case 'is-a-directory':
      return 'Is a directory';
    case 'unsupported':
      return `program ${f.program} is not simulated`;
    case 'not-executable-format':
      return 'Exec format error';
  }
}
