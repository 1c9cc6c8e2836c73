/**
 * Running another command from a program (env, xargs, timeout, nohup, sudo, su): PATH lookup through the machine,
 * the exec failure wording each tool uses, and waiting for the child while staying interruptible.
 */

import type { Cred, FsClient } from '../../../engine/fs/Types';
import type { ChildProcess, ExecFailure, ProcessContext, ReadStream, WriteStream } from '../../../engine/process/Types';

export interface RunOverrides {
  readonly env?: ReadonlyMap<string, string>;
  readonly cwd?: string;
  readonly cred?: Cred;
  readonly fs?: FsClient;
  readonly stdin?: ReadStream;
  readonly stdout?: WriteStream;
  readonly stderr?: WriteStream;
  /** Start in a new process group (timeout, so it can signal just its child). */
  readonly newGroup?: boolean;
}

export type StartResult = { ok: true; child: ChildProcess } | { ok: false; failure: ExecFailure; status: number; text: string };

/** strerror text and exit status (126 cannot execute, 127 not found) for a failure. */
export function describeFailure(f: ExecFailure): { status: number; text: string } {
  switch (f.kind) {
    case 'not-found':
    case 'no-such-file':
    case 'bad-interpreter':
      return { status: 127, text: 'No such file or directory' };
    case 'permission-denied':
    case 'is-a-directory':
      return { status: 126, text: 'Permission denied' };
    case 'unsupported':
      return { status: 126, text: `Exec format error (layerlab does not simulate '${f.program}')` };
    case 'not-executable-format':
      return { status: 126, text: 'Exec format error' };
  }
}

export function startCommand(ctx: ProcessContext, argv: readonly string[], o: RunOverrides = {}): StartResult {
  const cred = o.cred ?? ctx.cred;
  const base = {
    env: o.env ?? ctx.env,
    cwd: o.cwd ?? ctx.cwd,
    cred,
    umask: ctx.umask,
    stdin: o.stdin ?? ctx.stdin,
    stdout: o.stdout ?? ctx.stdout,
    stderr: o.stderr ?? ctx.stderr,
    tty: ctx.tty,
    ppid: ctx.pid,
    fs: o.fs ?? (cred === ctx.cred ? ctx.fs : ctx.fs.withCred(cred)),
    ...(o.newGroup ? {} : { pgid: ctx.pgid }),
  };
  let r = ctx.sys.spawn({ ...base, argv });
  // execvp runs a file without a #! line with /bin/sh.
  if (!r.ok && r.failure.kind === 'not-executable-format') r = ctx.sys.spawn({ ...base, argv: ['/bin/sh', r.failure.path, ...argv.slice(1)] });
  if (r.ok) return { ok: true, child: r.child };
  return { ok: false, failure: r.failure, ...describeFailure(r.failure) };
}

/**
 * Waits for a child. If this process is signalled meanwhile we stop waiting and let our own SignalExit propagate;
 * with `forward` (env, sudo, nohup, timeout: tools that exec or relay) the child gets the same signal, so
 * `kill PID` of the wrapper reaches the command as it would after a real exec.
 */
export async function waitChild(ctx: ProcessContext, child: ChildProcess, forward = true): Promise<number> {
  let off: (() => void) | undefined;
  const interrupted = new Promise<never>((_res, reject) => {
    off = ctx.signals.onSignal((sig) => {
      // Ctrl-C/Ctrl-\ already reach the child through the terminal's process group: relay only the others.
      if (forward && !['SIGCHLD', 'SIGWINCH', 'SIGINT', 'SIGQUIT', 'SIGTSTP'].includes(sig)) child.kill(sig);
      if (ctx.signals.terminating) {
        try {
          ctx.signals.check();
        } catch (e) {
          reject(e);
        }
      }
    });
  });
  try {
    return await Promise.race([child.exited, interrupted]);
  } finally {
    off?.();
  }
}
