/**
 * A machine: the process table, signal delivery, command resolution and device files of one Linux system
 * (the learner's host, or one container). It implements `System`, which is all a program sees of it.
 */

import { executableHeader, EXECUTABLE_PROBE_BYTES, programOf } from '../fs/executable';
import { basename, resolvePath } from '../fs/path';
import { FsError, isFsError, type Cred, type FsClient } from '../fs/Types';
import { descriptorOfPath, openDescriptorRead, openDescriptorWrite } from './descriptors';
import { maybeYield } from './scheduler';
import { bytesReader, emptyReader, nullWriter } from './streams';
import { concatBytes, decodeText, encodeText } from './text';
import {
  IGNORED_BY_DEFAULT,
  SignalExit,
  type ChildProcess,
  type Clock,
  type Descriptors,
  type ExecFailure,
  type ExecOptions,
  type ExecResult,
  type Flavor,
  type ProcessContext,
  type ProcessInfo,
  type ProcessSignals,
  type Program,
  type ProgramRegistry,
  type Random,
  type ReadStream,
  type ResolvedCommand,
  type ServiceKey,
  type Signal,
  type SignalDisposition,
  type SpawnOptions,
  type SpawnResult,
  type System,
  type Tty,
  type WriteStream,
} from './Types';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Device numbers (`major << 8 | minor`) of the character devices programs use. */
export const DEVICES = {
  null: (1 << 8) | 3,
  zero: (1 << 8) | 5,
  full: (1 << 8) | 7,
  random: (1 << 8) | 8,
  urandom: (1 << 8) | 9,
  tty: (5 << 8) | 0,
  console: (5 << 8) | 1,
} as const;

/** The character devices every machine's /dev has (the host's rootfs, a container's /dev tmpfs): name, rdev, mode. */
export const DEVICE_NODES: ReadonlyArray<readonly [string, number, number]> = [
  ['null', DEVICES.null, 0o666],
  ['zero', DEVICES.zero, 0o666],
  ['full', DEVICES.full, 0o666],
  ['random', DEVICES.random, 0o666],
  ['urandom', DEVICES.urandom, 0o666],
  ['tty', DEVICES.tty, 0o666],
];

export class SimpleRegistry implements ProgramRegistry {
  private readonly _programs = new Map<string, Program>();
  get(name: string): Program | undefined {
    return this._programs.get(name);
  }
  register(name: string, program: Program): void {
    this._programs.set(name, program);
  }
  names(): string[] {
    return [...this._programs.keys()].sort();
  }
}

class Signals implements ProcessSignals {
  terminating: Signal | null = null;
  /**
   * A container's PID 1 (an init process in its own PID namespace): the kernel drops signals whose disposition is
   * the default, SIGKILL excepted. That is why `docker stop` waits 10 s for a shell and then kills it (137).
   */
  constructor(private readonly _isInit = false) {}
  /** Signals held back while the machine is frozen (the cgroup freezer): delivered on thaw. */
  private readonly _held: Signal[] = [];
  private readonly _dispositions = new Map<Signal, SignalDisposition>();
  private readonly _listeners = new Set<(sig: Signal) => void>();
  check(): void {
    if (this.terminating) throw new SignalExit(this.terminating);
  }
  setDisposition(sig: Signal, disposition: SignalDisposition): void {
    if (sig === 'SIGKILL' || sig === 'SIGSTOP') return;
    this._dispositions.set(sig, disposition);
  }
  getDisposition(sig: Signal): SignalDisposition {
    return this._dispositions.get(sig) ?? 'default';
  }
  /** execve(2): caught signals go back to their default action; ignored ones stay ignored. */
  resetHandlers(): void {
    for (const [sig, d] of this._dispositions) if (typeof d === 'function') this._dispositions.delete(sig);
  }
  onSignal(listener: (sig: Signal) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }
  /** Delivery from outside: while frozen, only SIGKILL gets through (cgroup v2 lets fatal signals kill frozen tasks). */
  send(sig: Signal, frozen: boolean): void {
    if (frozen && sig !== 'SIGKILL') this._held.push(sig);
    else this.deliver(sig);
  }
  releaseHeld(): void {
    for (const sig of this._held.splice(0)) this.deliver(sig);
  }
  deliver(sig: Signal): void {
    const d = sig === 'SIGKILL' ? 'default' : this.getDisposition(sig);
    if (d === 'default' && this._isInit && sig !== 'SIGKILL') return;
    if (d === 'default' && !IGNORED_BY_DEFAULT.has(sig) && this.terminating === null) this.terminating = sig;
    if (typeof d === 'function') d(sig);
    for (const l of [...this._listeners]) l(sig);
  }
}

interface ProcEntry {
  info: ProcessInfo;
  signals: Signals;
  exited: Promise<number>;
  /** The running program's context (its working directory changes with `cd`). */
  ctx: ProcessContext;
}

export interface MachineOptions {
  readonly rootFs: FsClient;
  readonly programs: ProgramRegistry;
  readonly clock: Clock;
  readonly random: Random;
  readonly hostname: string;
  readonly uname?: System['uname'];
  /** The first PID handed out (a container's entry process is PID 1). */
  readonly firstPid?: number;
  /** Name of the terminal shown by `ps` for processes attached to a tty. */
  readonly ttyName?: string;
  /** PID 1 ignores default-action signals other than SIGKILL (a container's own PID namespace). */
  readonly protectInit?: boolean;
  /** Hands out the host-side PID of each new process (a container's processes as the host's `ps` sees them). */
  readonly hostPid?: () => number;
}

export class Machine implements System {
  readonly clock: Clock;
  readonly random: Random;
  readonly rootFs: FsClient;
  readonly programs: ProgramRegistry;
  readonly uname: System['uname'];
  private _hostname: string;
  private _nextPid: number;
  private readonly _procs = new Map<number, ProcEntry>();
  private readonly _services = new Map<string, unknown>();
  private readonly _ttyName: string;
  private readonly _protectInit: boolean;
  private readonly _hostPid: (() => number) | undefined;
  private readonly _hostPids = new Map<number, number>();
  /** Set while frozen (`docker pause`): resolves on thaw. */
  private _frozen: { readonly thawed: Promise<void>; readonly thaw: () => void } | null = null;

  constructor(options: MachineOptions) {
    this._protectInit = options.protectInit ?? false;
    this._hostPid = options.hostPid;
    this.rootFs = options.rootFs;
    this.programs = options.programs;
    // Programs sleep on the machine's clock; a sleeper whose time is up while the machine is frozen wakes on thaw.
    const base = options.clock;
    this.clock = {
      now: () => base.now(),
      sleep: async (ms, signals) => {
        await base.sleep(ms, signals);
        const frozen = this._whileFrozen(signals);
        if (frozen) await frozen;
      },
    };
    this.random = options.random;
    this._hostname = options.hostname;
    this.uname = options.uname ?? {
      sysname: 'Linux',
      release: '6.8.0-layerlab',
      version: '#1 SMP PREEMPT_DYNAMIC layerlab',
      machine: 'x86_64',
    };
    this._nextPid = options.firstPid ?? 1;
    this._ttyName = options.ttyName ?? 'pts/0';
  }

  hostname(): string {
    return this._hostname;
  }
  setHostname(name: string): void {
    this._hostname = name;
  }

  service<T>(key: ServiceKey<T>): T | undefined {
    return this._services.get(key.id) as T | undefined;
  }
  provide<T>(key: ServiceKey<T>, value: T): void {
    this._services.set(key.id, value);
  }

  /**
   * Freezes every process (the cgroup freezer behind `docker pause`): none runs past its next checkpoint, sleep or
   * signal until `thaw()`. Signals other than SIGKILL are held and delivered on thaw.
   */
  freeze(): void {
    if (this._frozen) return;
    let thaw!: () => void;
    const thawed = new Promise<void>((r) => (thaw = r));
    this._frozen = { thawed, thaw };
  }

  thaw(): void {
    const f = this._frozen;
    if (!f) return;
    this._frozen = null;
    for (const p of [...this._procs.values()]) p.signals.releaseHeld();
    f.thaw();
  }

  get frozen(): boolean {
    return this._frozen !== null;
  }

  /** Waits out a freeze; a SIGKILL delivered meanwhile ends the wait (and the process) at once. */
  private _whileFrozen(signals: ProcessSignals | undefined): Promise<void> | undefined {
    const f = this._frozen;
    if (!f) return undefined;
    if (signals?.terminating) return Promise.reject(new SignalExit(signals.terminating));
    return new Promise<void>((resolve, reject) => {
      const off = signals?.onSignal(() => {
        if (!signals.terminating) return;
        off?.();
        reject(new SignalExit(signals.terminating));
      });
      void f.thawed.then(() => {
        off?.();
        resolve();
      });
    });
  }

  /** The host-side PID of a process (what `docker top` shows); the PID itself on a machine without a mapping. */
  hostPidOf(pid: number): number {
    return this._hostPids.get(pid) ?? pid;
  }

  /** A live process's working directory (the page puts a file the learner uploads where their shell is). */
  cwdOf(pid: number): string | undefined {
    return this._procs.get(pid)?.ctx.cwd;
  }

  processes(): readonly ProcessInfo[] {
    return [...this._procs.values()].map((p) => p.info).sort((a, b) => a.pid - b.pid);
  }

  setTitle(pid: number, title: string): void {
    const entry = this._procs.get(pid);
    if (entry) entry.info = { ...entry.info, argv: [title] };
  }

  /** Resolves when every process has exited (used when a container stops). */
  async waitAll(): Promise<void> {
    while (this._procs.size > 0) await Promise.all([...this._procs.values()].map((p) => p.exited));
  }

  kill(pid: number, sig: Signal, sender: Cred): 'ok' | 'no-such-process' | 'not-permitted' {
    const p = this._procs.get(pid);
    if (!p) return 'no-such-process';
    if (sender.uid !== 0 && sender.uid !== p.info.uid) return 'not-permitted';
    p.signals.send(sig, this.frozen);
    return 'ok';
  }

  killGroup(pgid: number, sig: Signal): void {
    for (const p of [...this._procs.values()]) if (p.info.pgid === pgid) p.signals.send(sig, this.frozen);
  }

  /** Sends `sig` to every process (a container's PID 1 exited: the kernel kills the rest of the namespace). */
  killAll(sig: Signal): void {
    for (const p of [...this._procs.values()]) p.signals.send(sig, this.frozen);
  }

  /** Exit status of a process still in the table (resolves when it exits), or undefined. */
  exitOf(pid: number): Promise<number> | undefined {
    return this._procs.get(pid)?.exited;
  }

  resolveCommand(name: string, env: ReadonlyMap<string, string>, cwd: string, fs: FsClient): ResolvedCommand | ExecFailure {
    if (name === '') return { kind: 'not-found' };
    if (name.includes('/')) return this._resolvePath(resolvePath(cwd, name), basename(name), fs, true);
    const dirs = (env.get('PATH') ?? DEFAULT_PATH).split(':');
    let denied: ExecFailure | null = null;
    for (const dir of dirs) {
      const full = resolvePath(cwd, `${dir === '' ? '.' : dir}/${name}`);
      const r = this._resolvePath(full, name, fs, false);
      if (r.kind === 'not-found' || r.kind === 'no-such-file' || r.kind === 'is-a-directory') continue;
      if (r.kind === 'permission-denied') {
        denied ??= r;
        continue;
      }
      return r;
    }
    return denied ?? { kind: 'not-found' };
  }

  private _resolvePath(path: string, invokedAs: string, fs: FsClient, explicit: boolean): ResolvedCommand | ExecFailure {
    let st;
    try {
      st = fs.stat(path);
    } catch (e) {
      if (isFsError(e, 'EACCES')) return { kind: 'permission-denied', path };
      return explicit ? { kind: 'no-such-file', path } : { kind: 'not-found' };
    }
    if (st.type === 'dir') return { kind: 'is-a-directory', path };
    if (st.type !== 'file') return { kind: 'permission-denied', path };
    try {
      fs.access(path, 1);
    } catch {
      return { kind: 'permission-denied', path };
    }
    let head: Uint8Array;
    try {
      head = fs.readRange(path, 0, EXECUTABLE_PROBE_BYTES);
    } catch {
      // Execute-only files (mode 0711) can still be run; we just cannot peek as this user.
      head = this.rootFs.readRange(path, 0, EXECUTABLE_PROBE_BYTES);
    }
    const marker = programOf(head);
    if (marker !== null) {
      let program = marker;
      let flavor: Flavor = 'gnu';
      if (marker === 'busybox') {
        flavor = 'busybox';
        const applet = basename(invokedAs);
        if (applet !== 'busybox' && this.programs.get(applet)) program = applet;
      }
      if (!this.programs.get(program)) return { kind: 'unsupported', path, program };
      return { kind: 'program', path, program, flavor };
    }
    if (head[0] === 0x23 && head[1] === 0x21) {
      const firstLine = decodeText(head.slice(2)).split('\n')[0]!.trim();
      const words = firstLine.split(/[ \t]+/).filter((w) => w !== '');
      if (words.length === 0) return { kind: 'not-executable-format', path };
      // Linux passes everything after the interpreter as one argument.
      const interpreter = words.length > 1 ? [words[0]!, firstLine.slice(firstLine.indexOf(words[0]!) + words[0]!.length).trim()] : [words[0]!];
      try {
        const ist = this.rootFs.stat(interpreter[0]!);
        if (ist.type !== 'file') return { kind: 'bad-interpreter', path, interpreter: interpreter[0]! };
      } catch {
        return { kind: 'bad-interpreter', path, interpreter: interpreter[0]! };
      }
      return { kind: 'script', path, interpreter };
    }
    return { kind: 'not-executable-format', path };
  }

  spawn(options: SpawnOptions): SpawnResult {
    const fs = options.fs ?? this.rootFs.withCred(options.cred);
    const name = options.argv[0] ?? '';
    const r = this.resolveCommand(name, options.env, options.cwd, fs);
    if (r.kind === 'program') {
      const program = this.programs.get(r.program)!;
      return { ok: true, child: this.start(program, { ...options, fs, flavor: r.flavor }) };
    }
    if (r.kind === 'script') {
      // The kernel runs `interpreter [arg] script args...` with the script path as execve got it: as typed when it
      // had a slash (`./app.sh`, so the script's $0 is `./app.sh`), else the PATH match (`/usr/local/bin/app.sh`).
      const scriptPath = name.includes('/') ? name : r.path;
      const argv = [...r.interpreter, scriptPath, ...options.argv.slice(1)];
      const inner = this.resolveCommand(r.interpreter[0]!, options.env, options.cwd, fs);
      if (inner.kind !== 'program') return { ok: false, failure: { kind: 'bad-interpreter', path: r.path, interpreter: r.interpreter[0]! } };
      const program = this.programs.get(inner.program)!;
      return { ok: true, child: this.start(program, { ...options, argv, fs, flavor: inner.flavor }) };
    }
    return { ok: false, failure: r };
  }

  execve(ctx: ProcessContext, options: ExecOptions): ExecResult {
    const cred = options.cred ?? ctx.cred;
    const fs = options.fs ?? (options.cred ? this.rootFs.withCred(options.cred) : ctx.fs);
    const name = options.argv[0] ?? '';
    const r = this.resolveCommand(name, options.env, ctx.cwd, fs);
    let program: Program;
    let argv = options.argv;
    let flavor: Flavor;
    if (r.kind === 'program') {
      program = this.programs.get(r.program)!;
      flavor = r.flavor;
    } else if (r.kind === 'script') {
      const inner = this.resolveCommand(r.interpreter[0]!, options.env, ctx.cwd, fs);
      if (inner.kind !== 'program') return { ok: false, failure: { kind: 'bad-interpreter', path: r.path, interpreter: r.interpreter[0]! } };
      program = this.programs.get(inner.program)!;
      flavor = inner.flavor;
      argv = [...r.interpreter, name.includes('/') ? name : r.path, ...options.argv.slice(1)];
    } else return { ok: false, failure: r };
    const entry = this._procs.get(ctx.pid);
    if (entry) {
      entry.info = { ...entry.info, argv: [...argv], uid: cred.uid };
      entry.signals.resetHandlers();
    }
    // The same process (PID, signals, terminal, working directory) now runs the new program.
    const next: ProcessContext = {
      pid: ctx.pid,
      ppid: ctx.ppid,
      pgid: ctx.pgid,
      argv: [...argv],
      env: new Map(options.env),
      cwd: ctx.cwd,
      cred,
      umask: ctx.umask,
      fs,
      stdin: options.stdin,
      stdout: options.stdout,
      stderr: options.stderr,
      files: options.files ?? ctx.files,
      tty: ctx.tty,
      flavor,
      signals: ctx.signals,
      sys: this,
      checkpoint: () => ctx.checkpoint(),
    };
    if (entry) entry.ctx = next;
    return { ok: true, status: runProgram(program, next) };
  }

  start(program: Program, options: SpawnOptions & { readonly flavor?: Flavor }): ChildProcess {
    const pid = this._nextPid++;
    const pgid = options.pgid ?? pid;
    const signals = new Signals(this._protectInit && pid === 1);
    const fs = options.fs ?? this.rootFs.withCred(options.cred);
    const info: ProcessInfo = {
      pid,
      ppid: options.ppid,
      pgid,
      uid: options.cred.uid,
      argv: [...options.argv],
      startTime: this.clock.now(),
      tty: options.tty ? this._ttyName : null,
    };
    const ctx: ProcessContext = {
      pid,
      ppid: options.ppid,
      pgid,
      argv: [...options.argv],
      env: new Map(options.env),
      cwd: options.cwd,
      cred: options.cred,
      umask: options.umask,
      fs,
      stdin: options.stdin,
      stdout: options.stdout,
      stderr: options.stderr,
      files: options.files,
      tty: options.tty,
      flavor: options.flavor ?? 'gnu',
      signals,
      sys: this,
      checkpoint: async () => {
        const y = maybeYield();
        if (y) await y;
        signals.check();
        const frozen = this._whileFrozen(signals);
        if (frozen) await frozen;
      },
    };
    let resolveExit!: (status: number) => void;
    const exited = new Promise<number>((r) => (resolveExit = r));
    this._procs.set(pid, { info, signals, exited, ctx });
    if (this._hostPid) this._hostPids.set(pid, this._hostPid());
    // Start on a later turn so the caller can register the child (job tables, `$!`) before it runs.
    // SIGKILL ends the process even when its program is blocked in a wait nothing interrupts (a shell waiting for a
    // child that never exits): the kernel does not ask the process. Whatever the program was awaiting is abandoned.
    const killed = new Promise<number>((resolve) => {
      const off = signals.onSignal((sig) => {
        if (sig !== 'SIGKILL') return;
        off();
        resolve(128 + 9);
      });
    });
    queueMicrotask(() => {
      void Promise.race([runProgram(program, ctx), killed]).then((status) => {
        this._procs.delete(pid);
        this._hostPids.delete(pid);
        resolveExit(status);
      });
    });
    return {
      pid,
      pgid,
      exited,
      kill: (sig) => signals.send(sig, this.frozen),
    };
  }

  openRead(fs: FsClient, path: string, tty: Tty | null, proc?: Descriptors & { checkpoint?(): Promise<void> }): ReadStream {
    const fd = proc ? descriptorOfPath(path) : null;
    if (proc && fd !== null) return openDescriptorRead(proc, fd, path);
    const st = fs.stat(path);
    if (st.type === 'dir') throw new FsError('EISDIR', 'open', path);
    if (st.type === 'chardev') {
      fs.access(path, 4);
      switch (st.rdev) {
        case DEVICES.null:
          return emptyReader;
        case DEVICES.zero:
        case DEVICES.full:
          return endlessReader(() => new Uint8Array(65536), proc);
        case DEVICES.random:
        case DEVICES.urandom:
          return endlessReader(() => this.random.bytes(4096), proc);
        case DEVICES.tty:
        case DEVICES.console:
          if (!tty) throw new FsError('ENOENT', 'open', path);
          return ttyReader(tty);
        default:
          throw new FsError('ENOENT', 'open', path);
      }
    }
    return bytesReader(fs.readFile(path));
  }

  openWrite(fs: FsClient, path: string, options: { append: boolean; umask: number; tty: Tty | null; noClobber?: boolean; proc?: Descriptors }): WriteStream {
    const fd = options.proc ? descriptorOfPath(path) : null;
    if (options.proc && fd !== null) return openDescriptorWrite(options.proc, fd, path);
    let exists = true;
    let st;
    try {
      st = fs.stat(path);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
      exists = false;
    }
    if (st?.type === 'dir') throw new FsError('EISDIR', 'open', path);
    if (st?.type === 'chardev') {
      fs.access(path, 2);
      switch (st.rdev) {
        case DEVICES.null:
        case DEVICES.zero:
          return nullWriter;
        case DEVICES.full:
          throw new FsError('ENOSPC', 'write', path);
        case DEVICES.tty:
        case DEVICES.console:
          if (!options.tty) throw new FsError('ENOENT', 'open', path);
          return ttyWriter(options.tty);
        default:
          return nullWriter;
      }
    }
    if (exists && options.noClobber && st?.type === 'file') throw new FsError('EEXIST', 'open', path);
    if (!exists || !options.append) fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~options.umask });
    return new FileWriter(fs, path);
  }
}

/** Runs a program to its exit status; nothing a program throws reaches the learner as a stack trace. */
async function runProgram(program: Program, ctx: ProcessContext): Promise<number> {
  try {
    return await program(ctx);
  } catch (e) {
    if (e instanceof SignalExit) return e.status;
    const name = basename(ctx.argv[0] ?? 'program');
    const text = isFsError(e) ? `${name}: ${e.path}: ${e.text}\n` : `${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`;
    try {
      await ctx.stderr.write(text);
    } catch {
      // stderr itself is gone; nothing left to tell.
    }
    return isFsError(e) ? 1 : 70;
  }
}

/** /dev/zero and friends: a chunk per read, never the end; reads go through the reader's checkpoint when known. */
function endlessReader(chunk: () => Uint8Array, proc?: { checkpoint?(): Promise<void> }): ReadStream {
  const back: Uint8Array[] = [];
  return {
    isTTY: false,
    read: async () => {
      if (proc?.checkpoint) await proc.checkpoint();
      return back.shift() ?? chunk();
    },
    unread: (b) => {
      if (b.length) back.unshift(b);
    },
    close: () => {},
  };
}

/** Stdin from a terminal: reads follow the terminal's mode. */
export function ttyReader(tty: Tty): ReadStream {
  const back: Uint8Array[] = [];
  return {
    isTTY: true,
    read: async () => back.shift() ?? tty.read(),
    unread: (b) => {
      if (b.length) back.unshift(b);
    },
    close: () => {},
  };
}

export function ttyWriter(tty: Tty): WriteStream {
  return {
    isTTY: true,
    write: (data) => tty.write(data),
    close: () => {},
  };
}

/**
 * Writes to a regular file. Chunks written in the same turn are coalesced into one append so a program printing
 * line by line does not copy the file once per line.
 */
class FileWriter implements WriteStream {
  readonly isTTY = false;
  private _pending: Uint8Array[] = [];
  private _scheduled = false;
  constructor(
    private readonly _fs: FsClient,
    private readonly _path: string,
  ) {}
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? encodeText(data) : data;
    if (bytes.length === 0) return;
    this._pending.push(bytes);
    if (!this._scheduled) {
      this._scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }
  flush(): void {
    this._scheduled = false;
    if (this._pending.length === 0) return;
    const data = concatBytes(this._pending);
    this._pending = [];
    try {
      this._fs.writeFile(this._path, data, { append: true });
    } catch {
      // The file went away or became unwritable after it was opened; like writing to an unlinked file, data is lost.
    }
  }
  close(): void {
    this.flush();
  }
}

/** Header bytes of a simulated binary, re-exported for rootfs builders. */
export { executableHeader };
