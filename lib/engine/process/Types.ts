/**
 * The process contract: what a program receives and how it talks to the machine it runs on.
 *
 * A program is an async function of a `ProcessContext` that resolves to an exit status. It streams output as it
 * runs (`await ctx.stdout.write(...)`), reads input with `await ctx.stdin.read()`, and calls
 * `await ctx.checkpoint()` inside any loop that may run long, so the page never freezes and Ctrl-C lands.
 * A signal that ends the process surfaces as a thrown `SignalExit` from `checkpoint()`, a write, a read or a sleep;
 * programs let it propagate (or clean up in `finally`) and the runtime turns it into status 128+n.
 */

import type { Cred, FsClient } from '../fs/Types';

// ---------------------------------------------------------------------------------------------------------------
// Signals

export type Signal =
  | 'SIGHUP'
  | 'SIGINT'
  | 'SIGQUIT'
  | 'SIGKILL'
  | 'SIGUSR1'
  | 'SIGSEGV'
  | 'SIGUSR2'
  | 'SIGPIPE'
  | 'SIGALRM'
  | 'SIGTERM'
  | 'SIGCHLD'
  | 'SIGCONT'
  | 'SIGSTOP'
  | 'SIGTSTP'
  | 'SIGWINCH';

/** Linux x86-64 numbers. */
export const SIGNAL_NUMBERS: Readonly<Record<Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGWINCH: 28,
};

/** Signals whose default action is to do nothing. The rest terminate (we do not model stopping). */
export const IGNORED_BY_DEFAULT: ReadonlySet<Signal> = new Set<Signal>(['SIGCHLD', 'SIGCONT', 'SIGWINCH', 'SIGTSTP', 'SIGSTOP']);

/** Thrown to unwind a process that a signal ends. The runtime maps it to exit status 128 + signal number. */
export class SignalExit extends Error {
  override readonly name = 'SignalExit';
  constructor(readonly signal: Signal) {
    super(`terminated by ${signal}`);
  }
  get status(): number {
    return 128 + SIGNAL_NUMBERS[this.signal];
  }
}

/** What a process does when a signal arrives. A function handler runs instead of the default action. */
export type SignalDisposition = 'default' | 'ignore' | ((sig: Signal) => void);

/** The signal side of a process, as the process itself sees it. */
export interface ProcessSignals {
  /** The signal that is ending this process, once one has been delivered with a terminating disposition. */
  readonly terminating: Signal | null;
  /** Throws `SignalExit` if a terminating signal is pending. Cheap: call it in tight loops. */
  check(): void;
  /** Sets how this process reacts to `sig` (the shell's `trap`, programs that clean up on SIGINT). SIGKILL cannot be caught. */
  setDisposition(sig: Signal, disposition: SignalDisposition): void;
  getDisposition(sig: Signal): SignalDisposition;
  /** Called for every signal delivered to the process, whatever its disposition (used to cancel waits). */
  onSignal(listener: (sig: Signal) => void): () => void;
}

// ---------------------------------------------------------------------------------------------------------------
// Streams

/** A readable byte stream: stdin, a pipe's read end, a file, a device, a TTY. */
export interface ReadStream {
  /** Next chunk, or null at end of input. Rejects with `SignalExit` if the reading process is signalled. */
  read(): Promise<Uint8Array | null>;
  /** The reader is done: a pipe's writers get SIGPIPE on their next write. */
  close(): void;
  /** Set when the stream is a terminal (programs such as `ls`, `docker run -t` and `read -p` look at it). */
  readonly isTTY: boolean;
  /**
   * Puts bytes back in front of the stream. The shell's `read` builtin reads a chunk, takes one line and returns
   * the rest, so `{ read a; cat; } < file` sees every byte once, as byte-wise reads do in a real shell.
   */
  unread(bytes: Uint8Array): void;
}

/** A writable byte stream: stdout, stderr, a pipe's write end, a file, a TTY. Strings are written as UTF-8. */
export interface WriteStream {
  /** Resolves when the data is accepted (a full pipe applies back-pressure). Rejects with `SignalExit('SIGPIPE')`
   *  when the reading side has gone away, or with `SignalExit` if the writer is signalled while blocked. */
  write(data: string | Uint8Array): Promise<void>;
  /** No more data from this writer (a pipe sees end of input when all its writers have closed). */
  close(): void;
  readonly isTTY: boolean;
}

/** An open file a process holds beyond its standard streams: a read end, a write end, or both (`<>`). */
export interface OpenFile {
  readonly r?: ReadStream;
  readonly w?: WriteStream;
}

/**
 * What `/dev/fd/N` (`/proc/self/fd/N`), `/dev/stdin`, `/dev/stdout` and `/dev/stderr` name for one process:
 * its standard streams and the descriptors above 2 it inherited (a shell's process substitutions, `exec 3<file`).
 */
export interface Descriptors {
  readonly stdin: ReadStream;
  readonly stdout: WriteStream;
  readonly stderr: WriteStream;
  readonly files?: ReadonlyMap<number, OpenFile>;
}

// ---------------------------------------------------------------------------------------------------------------
// Terminal

export interface TtyMode {
  /** Canonical (cooked) input: `read()` returns whole lines after simple editing; otherwise raw key bytes. */
  readonly canonical: boolean;
  /** Echo typed characters. */
  readonly echo: boolean;
  /** Ctrl-C / Ctrl-\ send SIGINT / SIGQUIT to the foreground process group instead of being read. */
  readonly isig: boolean;
}

/** Tab completion: given the line and cursor, the replacement range and candidates. */
export interface Completion {
  /** Start of the word being completed (index into the line). */
  readonly start: number;
  /** Candidates for the word; a single candidate is inserted, several are listed (bash-style, on the second Tab). */
  readonly candidates: readonly string[];
  /** Append a space after a unique candidate (false for directories ending in `/`). */
  readonly appendSpace?: boolean;
}
export type Completer = (line: string, cursor: number) => Completion | Promise<Completion>;

export interface ReadLineOptions {
  readonly prompt: string;
  /** Shared history list, oldest first. The editor appends accepted non-empty lines. */
  readonly history?: string[];
  readonly complete?: Completer;
}

export type ReadLineResult =
  | { readonly kind: 'line'; readonly text: string }
  /** Ctrl-D on an empty line. */
  | { readonly kind: 'eof' }
  /** Ctrl-C while editing: the editor has printed `^C` and a newline already. */
  | { readonly kind: 'interrupt' };

/** Receives the signals a terminal generates for the process group in the foreground. */
export interface ForegroundGroup {
  deliver(sig: Signal): void;
}

/**
 * A terminal device (a pty): the learner's xterm, the headless CLI's stdin/stdout, or a container's `-t` console.
 * Output written here is shown as-is except that `\n` is shown as `\r\n` (ONLCR).
 */
export interface Tty {
  readonly columns: number;
  readonly rows: number;
  write(data: string | Uint8Array): Promise<void>;
  /** Input according to the current mode; null at end of input (Ctrl-D on an empty canonical line, or input closed). */
  read(): Promise<Uint8Array | null>;
  getMode(): TtyMode;
  setMode(mode: Partial<TtyMode>): void;
  /** A rich line editor (history, cursor keys, Ctrl-A/E/U/W/K/L, completion, bracketed paste) for shells' prompts. */
  readLine(options: ReadLineOptions): Promise<ReadLineResult>;
  /** Who gets Ctrl-C. The shell sets the job it runs in the foreground and restores itself afterwards. */
  setForeground(group: ForegroundGroup | null): void;
  onResize(listener: (columns: number, rows: number) => void): () => void;
  /**
   * Withdraws pending `read()`s (they reject with `ReadAborted`): a reader that gives up
   * (a `docker run -i` client whose container ended) must not swallow the next line typed at the prompt.
   */
  abortReads?(): void;
}

/** What an aborted terminal read rejects with. */
export class ReadAborted extends Error {
  override readonly name = 'ReadAborted';
}

// ---------------------------------------------------------------------------------------------------------------
// Machine services

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Waits `ms` (real or virtual time). Rejects with `SignalExit` if `signals` receives a terminating signal. */
  sleep(ms: number, signals?: ProcessSignals): Promise<void>;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  bytes(n: number): Uint8Array;
  /** n random lowercase hex digits (container IDs, temp names). */
  hex(n: number): string;
}

/** A typed key for a machine service (network, docker daemon, package catalog...). */
export interface ServiceKey<T> {
  readonly id: string;
  /** Phantom field that carries the type; never set. */
  readonly _type?: T;
}
export function serviceKey<T>(id: string): ServiceKey<T> {
  return { id };
}

export type Flavor = 'gnu' | 'busybox';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly uid: number;
  readonly argv: readonly string[];
  /** Epoch ms. */
  readonly startTime: number;
  readonly tty: string | null;
}

/**
 * How to start a process. The streams stay owned by the caller: the kernel never closes them (a file or pipe end
 * may be shared by several processes, e.g. `{ a; b; } > f`); whoever created a stream closes it.
 */
export interface SpawnOptions {
  /** argv[0] is looked up in PATH unless it contains a `/`. */
  readonly argv: readonly string[];
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly cred: Cred;
  readonly umask: number;
  readonly stdin: ReadStream;
  readonly stdout: WriteStream;
  readonly stderr: WriteStream;
  /** Descriptors 3 and up the child inherits (`/dev/fd/63` of a process substitution). */
  readonly files?: ReadonlyMap<number, OpenFile>;
  readonly tty: Tty | null;
  /** Process group to join; a new group led by the child when omitted. */
  readonly pgid?: number;
  readonly ppid: number;
  /** The fs view to use (defaults to the machine's root fs with `cred`): lets a chroot or mount namespace differ. */
  readonly fs?: FsClient;
}

/** Why a command could not be started; callers print their own wording (`bash: x: command not found`...). */
export type ExecFailure =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'permission-denied'; readonly path: string }
  | { readonly kind: 'is-a-directory'; readonly path: string }
  | { readonly kind: 'no-such-file'; readonly path: string }
  /** A layerlab binary whose program is not simulated (a real tool we have no implementation of). */
  | { readonly kind: 'unsupported'; readonly path: string; readonly program: string }
  /** A shebang naming a missing interpreter (`bad interpreter: No such file or directory`). */
  | { readonly kind: 'bad-interpreter'; readonly path: string; readonly interpreter: string }
  /** Not a binary and no shebang: shells run such files as scripts themselves. */
  | { readonly kind: 'not-executable-format'; readonly path: string };

export interface ChildProcess {
  readonly pid: number;
  readonly pgid: number;
  /** Exit status (128+n when killed by signal n). */
  readonly exited: Promise<number>;
  kill(sig: Signal): void;
}

export interface ExecOptions {
  readonly argv: readonly string[];
  /** New credentials (setuid before exec, as `gosu` and `su-exec` do); default: unchanged. */
  readonly cred?: Cred;
  readonly env: ReadonlyMap<string, string>;
  readonly stdin: ReadStream;
  readonly stdout: WriteStream;
  readonly stderr: WriteStream;
  /** Descriptors 3 and up; default: those the process already holds (exec keeps open files). */
  readonly files?: ReadonlyMap<number, OpenFile>;
  readonly fs?: FsClient;
}

export type ExecResult = { readonly ok: true; readonly status: Promise<number> } | { readonly ok: false; readonly failure: ExecFailure };

export type SpawnResult = { readonly ok: true; readonly child: ChildProcess } | { readonly ok: false; readonly failure: ExecFailure };

/** Where a command name leads. */
export type ResolvedCommand =
  | { readonly kind: 'program'; readonly path: string; readonly program: string; readonly flavor: Flavor }
  | { readonly kind: 'script'; readonly path: string; readonly interpreter: readonly string[] };

/** The machine a process runs on: the learner's host, or one container. */
export interface System {
  readonly clock: Clock;
  readonly random: Random;
  hostname(): string;
  setHostname(name: string): void;
  readonly uname: { readonly sysname: string; readonly release: string; readonly version: string; readonly machine: string };
  /** The machine's root filesystem as root; use `.withCred()` for a user's view. */
  readonly rootFs: FsClient;
  processes(): readonly ProcessInfo[];
  /** setproctitle: what ps, top and netstat -p show as PID's command line from now on (nginx and postgres rename themselves). */
  setTitle?(pid: number, title: string): void;
  /** kill(2): ESRCH → 'no-such-process', EPERM → 'not-permitted'. */
  kill(pid: number, sig: Signal, sender: Cred): 'ok' | 'no-such-process' | 'not-permitted';
  /** Resolves a command name (PATH search, shebang, binary header) without running it. */
  resolveCommand(name: string, env: ReadonlyMap<string, string>, cwd: string, fs: FsClient): ResolvedCommand | ExecFailure;
  /** Starts a program found through PATH (or a path) as a new process. */
  spawn(options: SpawnOptions): SpawnResult;
  /**
   * execve(2): process `ctx` runs the program `argv` names instead (same PID, signals reset, terminal and working
   * directory kept); `status` is the new program's exit status, which the caller exits with.
   */
  execve(ctx: ProcessContext, options: ExecOptions): ExecResult;
  /** Starts a process running `program` directly (a shell's subshell or pipeline member, an engine daemon). */
  start(program: Program, options: SpawnOptions & { readonly flavor?: Flavor }): ChildProcess;
  /** Sends `sig` to every process in group `pgid`. */
  killGroup(pgid: number, sig: Signal): void;
  /**
   * Device-aware open for reading (`/dev/null`, `/dev/zero`, `/dev/urandom`, `/dev/tty`, files). With `proc` (pass
   * the ProcessContext), `/dev/fd/N`, `/proc/self/fd/N` and `/dev/stdin` open that process's descriptor. Throws FsError.
   */
  /**
   * Opens a path for reading as the kernel would (devices, /dev/fd/N through `proc`'s descriptors). Given the reading
   * process's `checkpoint`, endless devices (/dev/zero, /dev/urandom) pass through it on every read, so a program
   * that reads one to the end stays interruptible as ReadStream promises.
   */
  openRead(fs: FsClient, path: string, tty: Tty | null, proc?: Descriptors & { checkpoint?(): Promise<void> }): ReadStream;
  /** Device-aware open for writing; creates the file (mode 0o666 & ~umask) or truncates/appends. Throws FsError. */
  openWrite(fs: FsClient, path: string, options: { append: boolean; umask: number; tty: Tty | null; noClobber?: boolean; proc?: Descriptors }): WriteStream;
  /** Optional services this machine offers (its network, the docker daemon on the host...). */
  service<T>(key: ServiceKey<T>): T | undefined;
  provide<T>(key: ServiceKey<T>, value: T): void;
}

// ---------------------------------------------------------------------------------------------------------------
// The process

export interface ProcessContext {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** argv[0] is the name as invoked (`ls`, `/bin/ls`, `busybox`). */
  readonly argv: readonly string[];
  /** The process's own environment (exported variables), mutable by the process only. */
  readonly env: Map<string, string>;
  /** Absolute working directory. Programs that change it (the shell's `cd`) assign it. */
  cwd: string;
  readonly cred: Cred;
  umask: number;
  /** The filesystem as seen by this process, checking permissions as `cred`. */
  readonly fs: FsClient;
  readonly stdin: ReadStream;
  readonly stdout: WriteStream;
  readonly stderr: WriteStream;
  /** Descriptors 3 and up the process inherited (a process substitution's pipe): what `/dev/fd/N` opens. */
  readonly files?: ReadonlyMap<number, OpenFile>;
  /** The controlling terminal, if the process has one (needed by editors, pagers, readline, `docker run -it`). */
  readonly tty: Tty | null;
  /** Message style: GNU coreutils (host, Debian, Ubuntu) or BusyBox applets (busybox, Alpine). */
  readonly flavor: Flavor;
  readonly signals: ProcessSignals;
  readonly sys: System;
  /** Yields to the event loop when this process has run for a while, then throws if a terminating signal is pending. */
  checkpoint(): Promise<void>;
}

export type Program = (ctx: ProcessContext) => Promise<number>;

export interface ProgramRegistry {
  get(name: string): Program | undefined;
  register(name: string, program: Program): void;
  names(): string[];
}
