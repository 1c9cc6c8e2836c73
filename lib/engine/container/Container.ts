/**
 * A container: a writable layer over an image, and while running, a machine of its own (process table with PID 1,
 * hostname = short ID) whose root is that union. `docker diff` reads the upper layer; `docker commit` turns it into a
 * layer; the logs keep what PID 1 printed.
 */

import { EngineError, containerAlreadyPaused, containerNotPaused, containerNotRunning, containerPaused, containerStartPaused } from '../errors';
import { changesOf, type Change } from '../fs/diff';
import { initLayer } from '../fs/initLayer';
import { MemFs } from '../fs/MemFs';
import { MountFs, type Mount } from '../fs/MountFs';
import { OverlayFs } from '../fs/OverlayFs';
import { resolvePath } from '../fs/path';
import { ROOT, type FsClient } from '../fs/Types';
import type { Image } from '../image/Image';
import { cancellableSleep } from '../process/clock';
import { Machine, ttyReader, ttyWriter } from '../process/Machine';
import { emptyReader, Pipe } from '../process/streams';
import { encodeText, toBytes } from '../process/text';
import { SIGNAL_NUMBERS, type ChildProcess, type Clock, type ExecFailure, type ProgramRegistry, type Random, type ReadStream, type Signal, type WriteStream } from '../process/Types';
import { sha256 } from '../format/digest';
import { applyEnv, processEnv } from './config';
import { ContainerLogs } from './logs';
import { containerDevFs } from './devFs';
import type { ContainerConfig, ContainerState, HostConfig, PtyDevice, PtyFactory } from './Types';
import { resolveUser } from './user';
import { nextRestartDelay, shouldRestart } from './restart';

export interface ContainerServices {
  readonly clock: Clock;
  readonly random: Random;
  readonly programs: ProgramRegistry;
  readonly createPty?: PtyFactory;
  /** Called after every state change (events, `--rm`, restart policies). */
  readonly onStateChange: (c: Container) => void;
  /** Extra mounts (volumes, binds) resolved by the engine for this container. */
  readonly mounts?: (c: Container) => readonly Mount[];
  /** The container's IP on the default bridge (`172.17.0.x`). */
  readonly ipAddress?: string;
  /** Provides the engine's services to a new machine before PID 1 runs (see `Engine.addMachineSetup`). */
  readonly setUpMachine?: (machine: Machine, c: Container) => void;
  /** Host-side PIDs for the container's processes (`docker top`); the engine's counter. */
  readonly hostPid?: () => number;
  /** Logs a container event that is not a state change (kill, stop, exec_*), as moby's daemon does at that point. */
  readonly onEvent?: (c: Container, action: string, attributes?: Record<string, string>) => void;
}

export interface ContainerInit {
  readonly id: string;
  readonly name: string;
  readonly image: Image;
  readonly imageRef: string;
  readonly config: ContainerConfig;
  readonly hostConfig: HostConfig;
  readonly path: string;
  readonly args: readonly string[];
  readonly createdMs: number;
}

/** Docker's default `docker stop` grace period on Linux. */
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;

/** The runtime error `docker run` prints when PID 1 cannot be started, and the status it maps to. */
function startFailure(argv0: string, f: ExecFailure): EngineError {
  let detail: string;
  let code = 127;
  switch (f.kind) {
    case 'not-found':
      detail = `exec: "${argv0}": executable file not found in $PATH`;
      break;
    case 'no-such-file':
      detail = `exec: "${argv0}": stat ${f.path}: no such file or directory`;
      break;
    case 'permission-denied':
      detail = `exec: "${argv0}": permission denied`;
      code = 126;
      break;
    case 'is-a-directory':
      // The daemon appends "permission denied" so the CLI maps it to 126 (docker.md §9.4).
      detail = `exec: "${argv0}": is a directory: permission denied`;
      code = 126;
      break;
    case 'bad-interpreter':
      detail = `exec: "${argv0}": no such file or directory`;
      break;
    case 'unsupported':
      detail = `exec: "${argv0}": the program "${f.program}" is not simulated by layerlab`;
      break;
    case 'not-executable-format':
      detail = `exec: "${argv0}": exec format error`;
      code = 126;
      break;
  }
  const message = `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${detail}: unknown`;
  return new EngineError('StartFailed', 'system', message, { exitCode: code });
}

/** What `docker exec` asks for. */
export interface ExecSpec {
  readonly cmd: readonly string[];
  /** `-e` entries applied over the container's Env. */
  readonly env?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly tty: boolean;
  /** The console of a `-t` exec (a fresh one per exec). */
  readonly pty?: PtyDevice;
  readonly stdin: ReadStream;
  readonly stdout: WriteStream;
  readonly stderr: WriteStream;
}

/** The runtime's text when `docker exec` cannot start its command; not prefixed by the daemon (moby daemon/exec.go). */
function execFailure(argv0: string, f: ExecFailure): EngineError {
  const start = startFailure(argv0, f);
  const detail = start.message.replace(/^.*error during container init: /, '').replace(/: unknown$/, '');
  return new EngineError('ExecFailed', 'system', `OCI runtime exec failed: exec failed: unable to start container process: ${detail}: unknown`, { exitCode: start.data.exitCode }, false);
}

export class Container {
  name: string;
  readonly id: string;
  readonly image: Image;
  readonly imageRef: string;
  readonly config: ContainerConfig;
  readonly hostConfig: HostConfig;
  readonly path: string;
  readonly args: readonly string[];
  readonly createdMs: number;
  /** The union of image, init layer and writable layer, as root. */
  readonly overlay: OverlayFs;
  readonly logs = new ContainerLogs();
  readonly state: ContainerState = {
    status: 'created',
    pid: 0,
    exitCode: 0,
    error: '',
    startedAt: null,
    finishedAt: null,
    oomKilled: false,
    restartCount: 0,
  };
  /** Set while running. */
  machine: Machine | null = null;
  /** The console of a `-t` container (kept across restarts, as Docker keeps the pty's settings). */
  pty: PtyDevice | null = null;
  private _stdin: Pipe | null = null;
  private _stdinWriter: WriteStream | null = null;
  private _pid1: ChildProcess | null = null;
  private readonly _exitWaiters: Array<(status: number) => void> = [];
  private readonly _hostFiles: MemFs;
  private _rootFs: MountFs | null = null;
  /** Set by `docker stop`/`kill` so restart policies know the user stopped it. */
  manuallyStopped = false;
  private _restartDelayMs = 0;
  private _cancelRestart: (() => void) | null = null;
  /** Host PID of the runtime shim that parents PID 1 (the PPID `docker top` shows for it); 0 before the first start. */
  shimPid = 0;

  constructor(
    init: ContainerInit,
    private readonly _services: ContainerServices,
  ) {
    this.id = init.id;
    this.name = init.name;
    this.image = init.image;
    this.imageRef = init.imageRef;
    this.config = init.config;
    this.hostConfig = init.hostConfig;
    this.path = init.path;
    this.args = init.args;
    this.createdMs = init.createdMs;
    const merged = init.image.merged();
    const now = () => _services.clock.now();
    this.overlay = new OverlayFs({ image: merged, init: initLayer(merged, init.createdMs), now });
    // /etc/hosts, /etc/hostname and /etc/resolv.conf are bind-mounted from the daemon's side, so writes to them
    // never reach the writable layer (and never show in `docker diff`).
    this._hostFiles = new MemFs({ now });
    const host = this.config.Hostname ?? this.shortId;
    const ip = _services.ipAddress ?? '172.17.0.2';
    this._hostFiles.writeFile('/hostname', encodeText(`${host}\n`));
    this._hostFiles.writeFile(
      '/hosts',
      encodeText(`127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${ip}\t${host}\n`),
    );
    this._hostFiles.writeFile('/resolv.conf', encodeText('# Generated by Docker Engine.\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n'));
  }

  get shortId(): string {
    return this.id.slice(0, 12);
  }

  /** The container's address on the default bridge. */
  get ipAddress(): string {
    return this._services.ipAddress ?? '172.17.0.2';
  }

  get running(): boolean {
    return this.state.status === 'running' || this.state.status === 'paused';
  }

  /** The container's whole filesystem as its processes see it (overlay + bind mounts + volumes), as root. */
  get rootFs(): FsClient {
    if (!this._rootFs) {
      const mounts: Mount[] = [
        { target: '/dev', fs: containerDevFs(() => this._services.clock.now()) },
        { target: '/etc/hostname', fs: this._hostFiles, source: '/hostname' },
        { target: '/etc/hosts', fs: this._hostFiles, source: '/hosts' },
        { target: '/etc/resolv.conf', fs: this._hostFiles, source: '/resolv.conf' },
        ...(this._services.mounts?.(this) ?? []),
      ];
      this._rootFs = new MountFs(this.overlay, mounts, { cred: ROOT, now: () => this._services.clock.now() });
    }
    return this._rootFs;
  }

  /** `docker diff`: what the writable layer changed. */
  changes(): Change[] {
    return changesOf(this.overlay.upper, this.overlay.lower);
  }

  /** The write end of PID 1's stdin (`-i` without `-t`); null when stdin is not open or the container is not running. */
  get stdin(): WriteStream | null {
    return this._stdinWriter;
  }

  /** Starts PID 1. Throws the runtime's error (with `data.exitCode` 126/127) when the command cannot start. */
  async start(): Promise<void> {
    // moby daemon/start.go: a paused container is a conflict, not a no-op like a running one.
    if (this.state.status === 'paused') throw containerStartPaused();
    if (this.running) return;
    const s = this._services;
    const rootFs = this.rootFs;
    const user = resolveUser(rootFs, this.config.User ?? '');
    const cwd = this.config.WorkingDir ? resolvePath('/', this.config.WorkingDir) : '/';
    if (cwd !== '/') mkdirAll(rootFs, cwd);
    if (s.hostPid) this.shimPid = s.hostPid();
    const machine = new Machine({
      rootFs,
      programs: s.programs,
      clock: s.clock,
      random: s.random,
      hostname: this.config.Hostname ?? this.shortId,
      firstPid: 1,
      protectInit: true,
      ttyName: 'pts/0',
      ...(s.hostPid ? { hostPid: s.hostPid } : {}),
    });
    s.setUpMachine?.(machine, this);
    const env = processEnv(this.config, user.home);
    const logStream = (stream: 'stdout' | 'stderr'): WriteStream => ({
      isTTY: false,
      write: async (data) => this.logs.append({ stream, data: toBytes(data), time: s.clock.now() }),
      close: () => {},
    });
    let stdio: { stdin: ReadStream; stdout: WriteStream; stderr: WriteStream };
    let offOutput: (() => void) | null = null;
    if (this.config.Tty) {
      const pty = this.console();
      offOutput = pty.onOutput((d) => this.logs.append({ stream: 'stdout', data: encodeText(d), time: s.clock.now() }));
      stdio = { stdin: ttyReader(pty), stdout: ttyWriter(pty), stderr: ttyWriter(pty) };
    } else {
      let stdin = emptyReader;
      if (this.config.OpenStdin) {
        this._stdin = new Pipe();
        this._stdinWriter = this._stdin.writer();
        stdin = this._stdin.reader();
      }
      stdio = { stdin, stdout: logStream('stdout'), stderr: logStream('stderr') };
    }
    const result = machine.spawn({
      argv: [this.path, ...this.args],
      env,
      cwd,
      cred: user.cred,
      umask: 0o022,
      ...stdio,
      tty: this.config.Tty ? this.pty : null,
      ppid: 0,
    });
    if (!result.ok) {
      offOutput?.();
      const err = startFailure(this.path, result.failure);
      this.state.exitCode = Number(err.data.exitCode);
      this.state.error = err.message;
      this._stdinWriter = null;
      s.onStateChange(this);
      throw err;
    }
    this.machine = machine;
    this._pid1 = result.child;
    this.manuallyStopped = false;
    Object.assign(this.state, { status: 'running', pid: result.child.pid, exitCode: 0, error: '', startedAt: s.clock.now(), finishedAt: null });
    s.onStateChange(this);
    void result.child.exited.then((status) => {
      offOutput?.();
      machine.killAll('SIGKILL');
      this._stdinWriter?.close();
      this._stdinWriter = null;
      this._stdin = null;
      this.machine = null;
      this._pid1 = null;
      const ranMs = s.clock.now() - (this.state.startedAt ?? s.clock.now());
      Object.assign(this.state, { status: 'exited', pid: 0, exitCode: status, finishedAt: s.clock.now() });
      if (shouldRestart(this.hostConfig.restartPolicy, status, this.manuallyStopped, this.state.restartCount)) this._scheduleRestart(ranMs);
      this.logs.close();
      for (const w of this._exitWaiters.splice(0)) w(status);
      s.onStateChange(this);
    });
  }

  /** Restart policy: `Restarting` until the back-off delay has passed, then started again (unless stopped meanwhile). */
  private _scheduleRestart(ranMs: number): void {
    const s = this._services;
    this._restartDelayMs = nextRestartDelay(this._restartDelayMs, ranMs);
    this.state.status = 'restarting';
    const timer = cancellableSleep(s.clock, this._restartDelayMs);
    this._cancelRestart = () => timer.cancel();
    void timer.done.then(async (fired) => {
      this._cancelRestart = null;
      if (!fired || this.state.status !== 'restarting') return;
      this.state.restartCount++;
      try {
        await this.start();
      } catch {
        this.state.status = 'exited';
        s.onStateChange(this);
      }
    });
  }

  /**
   * The `-t` console, made on first use so a client can attach before PID 1 prints anything (`docker run -it`
   * attaches first, then starts). Kept across restarts, as Docker keeps the pty's settings.
   */
  console(): PtyDevice {
    if (!this._services.createPty) throw new EngineError('NoPty', 'system', 'this engine cannot allocate a terminal');
    this.pty ??= this._services.createPty({ columns: 80, rows: 24 });
    return this.pty;
  }

  /**
   * `docker exec`: one more process in the running container, with the container's environment, user and working
   * directory unless the spec overrides them. Throws the runtime's exec error (`data.exitCode` 126/127) when the
   * command cannot start.
   */
  exec(spec: ExecSpec): ChildProcess {
    if (!this.running || !this.machine) throw containerNotRunning(this.id);
    if (this.state.status === 'paused') throw containerPaused(this.id);
    const rootFs = this.rootFs;
    const user = resolveUser(rootFs, spec.user ?? this.config.User ?? '');
    const cwd = spec.workingDir ? resolvePath('/', spec.workingDir) : this.config.WorkingDir ? resolvePath('/', this.config.WorkingDir) : '/';
    const env = processEnv({ ...this.config, Tty: spec.tty, Env: applyEnv(this.config.Env ?? [], spec.env ?? []) }, user.home);
    const tty = spec.tty && spec.pty ? spec.pty : null;
    const result = this.machine.spawn({
      argv: spec.cmd,
      env,
      cwd,
      cred: user.cred,
      umask: 0o022,
      stdin: tty ? ttyReader(tty) : spec.stdin,
      stdout: tty ? ttyWriter(tty) : spec.stdout,
      stderr: tty ? ttyWriter(tty) : spec.stderr,
      tty,
      ppid: 0,
    });
    // moby logs `exec_create: <entrypoint> <args>` and `exec_start: ...` (a trailing space when there are no
    // arguments), then exec_die with the exit code.
    // Derived, not drawn from the seeded random source, so an exec does not shift the IDs that follow it.
    const execId = sha256(encodeText(`layerlab-exec:${this.id}:${++this._execCount}`)).slice(7);
    const what = `${spec.cmd[0] ?? ''} ${spec.cmd.slice(1).join(' ')}`;
    this._services.onEvent?.(this, `exec_create: ${what}`, { execID: execId });
    this._services.onEvent?.(this, `exec_start: ${what}`, { execID: execId });
    if (!result.ok) throw execFailure(spec.cmd[0] ?? '', result.failure);
    void result.child.exited.then((code) => this._services.onEvent?.(this, 'exec_die', { execID: execId, exitCode: String(code) }));
    return result.child;
  }

  private _execCount = 0;

  /** Resolves with the exit status once the container is not running (at once if it isn't). */
  wait(): Promise<number> {
    if (!this.running) return Promise.resolve(this.state.exitCode);
    return new Promise((resolve) => this._exitWaiters.push(resolve));
  }

  /** Sends a signal to PID 1 (`docker kill`). */
  kill(sig: Signal = 'SIGKILL'): void {
    if (!this.running || !this._pid1) throw containerNotRunning(this.id);
    this.manuallyStopped = true;
    this._signal(sig);
  }

  /** Delivers a signal to PID 1 without counting as a stop by the user (a client's proxied Ctrl-C). */
  signal(sig: Signal): void {
    if (!this.running || !this._pid1) throw containerNotRunning(this.id);
    this._signal(sig);
  }

  /**
   * moby killWithSignal: SIGKILL, or the stop signal (any signal when the image sets none), resumes a paused
   * container after sending it, so the signal lands; other signals wait in the frozen container.
   */
  private _signal(sig: Signal): void {
    this._pid1?.kill(sig);
    this._services.onEvent?.(this, 'kill', { signal: String(SIGNAL_NUMBERS[sig]) });
    const stopSignal = this.config.StopSignal as Signal | undefined;
    if (this.state.status === 'paused' && (sig === 'SIGKILL' || stopSignal === undefined || stopSignal === sig)) this.unpause();
  }

  /** `docker pause`: freezes every process of the container. */
  pause(): void {
    if (!this.running || !this.machine) throw containerNotRunning(this.id);
    if (this.state.status === 'paused') throw containerAlreadyPaused(this.id);
    this.machine.freeze();
    this.state.status = 'paused';
    this._services.onStateChange(this);
  }

  /** `docker unpause`. */
  unpause(): void {
    if (this.state.status !== 'paused') throw containerNotPaused(this.id);
    this.machine?.thaw();
    this.state.status = 'running';
    this._services.onStateChange(this);
  }

  /** `docker stop`: the stop signal, then SIGKILL after the grace period. */
  async stop(timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    if (this.state.status === 'restarting') {
      // Waiting to be restarted: stopping just cancels that.
      this._cancelRestart?.();
      this.manuallyStopped = true;
      this.state.status = 'exited';
      this._services.onStateChange(this);
      return;
    }
    if (!this.running || !this._pid1) return;
    this.manuallyStopped = true;
    const sig = (this.config.StopSignal as Signal | undefined) ?? 'SIGTERM';
    this._signal(sig);
    const grace = cancellableSleep(this._services.clock, timeoutMs);
    const timedOut = await Promise.race([this.wait().then(() => false), grace.done]);
    grace.cancel();
    if (timedOut && this.running) {
      this._signal('SIGKILL');
      await this.wait();
    }
    this._services.onEvent?.(this, 'stop');
  }
}

function mkdirAll(fs: FsClient, path: string): void {
  let p = '';
  for (const part of path.split('/').filter((x) => x !== '')) {
    p += `/${part}`;
    try {
      fs.mkdir(p, 0o755);
    } catch {
      // exists (or is a file: the start then fails on chdir, as runc does)
    }
  }
}
