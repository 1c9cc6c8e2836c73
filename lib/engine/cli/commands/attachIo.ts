/**
 * Connecting the client to a container's streams (docker/cli cli/command/container/hijack.go, attach.go,
 * run.go): without a TTY the container's stdout and stderr come back separately and the client's stdin is copied
 * in; with a TTY the user's terminal is forwarded to the container's console until PID 1 ends or the detach keys
 * are typed. Signals the client receives are passed on to the container (`--sig-proxy`, on by default).
 */
import { clientError, EngineError } from '../../errors';
import type { Container } from '../../container/Container';
import type { LogChunk } from '../../container/logs';
import type { ProcessContext, Signal } from '../../process/Types';
import { DOCKER_TERMINAL } from '../service';

/** Signals `docker run`/`attach` forward (everything a terminal or `kill` sends; SIGCHLD/SIGPIPE never). */
const PROXIED: readonly Signal[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/**
 * While the returned function has not been called, signals to the client go to the container's PID 1 instead of
 * ending the client (ForwardAllSignals).
 */
export function proxySignals(proc: ProcessContext, container: Container): () => void {
  const saved = PROXIED.map((sig) => [sig, proc.signals.getDisposition(sig)] as const);
  for (const sig of PROXIED) {
    proc.signals.setDisposition(sig, (s) => {
      if (container.running) {
        try {
          container.signal(s);
        } catch {
          // gone meanwhile
        }
      }
    });
  }
  return () => {
    for (const [sig, d] of saved) proc.signals.setDisposition(sig, d);
  };
}

/**
 * Copies the container's output to the client from now on (subscribe before starting, so nothing is missed).
 * `drain()` resolves once everything received so far is written; `stop()` unsubscribes.
 */
export function attachOutput(proc: ProcessContext, container: Container, streams: { stdout: boolean; stderr: boolean }): { drain(): Promise<void>; stop(): void } {
  let chain: Promise<void> = Promise.resolve();
  const off = container.logs.subscribe((c: LogChunk) => {
    if (c.stream === 'stdout' && !streams.stdout) return;
    if (c.stream === 'stderr' && !streams.stderr) return;
    const target = c.stream === 'stdout' ? proc.stdout : proc.stderr;
    chain = chain.then(() => target.write(c.data)).catch(() => {});
  });
  return { drain: () => chain, stop: off };
}

/** Copies the client's stdin into the container's until either ends; closing it is the container's EOF. */
export function pumpStdin(proc: ProcessContext, container: Container, until: Promise<unknown>): void {
  const target = container.stdin;
  if (!target) return;
  let done = false;
  void until.then(() => {
    done = true;
    // A read still waiting on the user's terminal would take the next line typed at the prompt.
    if (proc.stdin.isTTY) proc.tty?.abortReads?.();
  });
  void (async () => {
    try {
      for (;;) {
        const chunk = await Promise.race([proc.stdin.read(), until.then(() => undefined)]);
        if (done || chunk === undefined) return;
        if (chunk === null) break;
        await target.write(chunk);
      }
    } catch {
      // the client was signalled or the container's stdin closed
    }
    if (!done) target.close();
  })();
}

/** Docker's default detach sequence: Ctrl-P Ctrl-Q. */
export const DEFAULT_DETACH_KEYS = '\x10\x11';

/** `--detach-keys` text → the characters (moby/term ToBytes): `ctrl-p,ctrl-q`, `a`, `ctrl-@`... */
export function parseDetachKeys(text: string): string {
  let out = '';
  for (const part of text.split(',')) {
    const key = part.trim();
    const ctrl = /^ctrl-(.)$/i.exec(key);
    if (ctrl) {
      const c = ctrl[1]!.toLowerCase();
      const code = c >= 'a' && c <= 'z' ? c.charCodeAt(0) - 96 : ({ '@': 0, '[': 27, '\\': 28, ']': 29, '^': 30, _: 31 } as Record<string, number>)[c];
      if (code === undefined) throw clientError(`Invalid detach keys (${text}) provided`);
      out += String.fromCharCode(code);
    } else if (key.length === 1) out += key;
    else throw clientError(`Invalid detach keys (${text}) provided`);
  }
  return out;
}

/** The client's stdin must be a terminal to attach it to a `-t` container. */
export function requireTerminal(proc: ProcessContext): NonNullable<ProcessContext['tty']> {
  if (!proc.stdin.isTTY || !proc.tty) throw clientError('the input device is not a TTY');
  return proc.tty;
}

/**
 * Forwards the user's terminal to the container's console (`-it`) until `until` settles or the user detaches.
 * Call it before starting the container: it subscribes to the console at once.
 */
export function forwardConsole(proc: ProcessContext, container: Container, detachKeys: string, until: Promise<unknown>): Promise<'detached' | 'ended'> {
  const bridge = proc.sys.service(DOCKER_TERMINAL);
  if (!bridge) throw new EngineError('NoTerminal', 'system', 'this host cannot attach a terminal', {}, false);
  const outer = requireTerminal(proc);
  return bridge.forward(outer, container.console(), { detachKeys, until });
}
