/**
 * `docker exec [OPTIONS] CONTAINER COMMAND [ARG...]` (docker/cli cli/command/container/exec.go): one more process in
 * a running container. Its status is the command's; a command that cannot start prints the runtime's text and
 * exits 126 or 127. Signals are not proxied (as in Docker: Ctrl-C ends the client, not the process).
 */
import { emptyReader } from '../../process/streams';
import { clientError, isEngineError } from '../../errors';
import { CliError, type CommandSpec } from '../command';
import { DEFAULT_DETACH_KEYS, parseDetachKeys, requireTerminal } from './attachIo';
import { clientEnv } from './containerOptions';
import { DOCKER_TERMINAL } from '../service';
import type { ChildProcess, ProcessContext } from '../../process/Types';
import type { PtyDevice } from '../../container/Types';

export const exec: CommandSpec = {
  name: 'exec',
  usage: '[OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  group: 'container',
  topLevel: 'exec',
  commonRank: 2,
  flags: [
    { name: 'detach', short: 'd', kind: 'bool', usage: 'Detached mode: run command in the background' },
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'env', short: 'e', kind: 'list', usage: 'Set environment variables' },
    { name: 'env-file', kind: 'list', usage: 'Read in a file of environment variables' },
    { name: 'interactive', short: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
    { name: 'privileged', kind: 'bool', usage: 'Give extended privileges to the command' },
    { name: 'tty', short: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
    { name: 'user', short: 'u', kind: 'string', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { name: 'workdir', short: 'w', kind: 'string', usage: 'Working directory inside the container' },
  ],
  args: { kind: 'min', n: 2 },
  interspersed: false,
  async run(ctx) {
    const f = ctx.flags;
    const proc = ctx.proc;
    const detach = f.bool('detach');
    const tty = f.bool('tty');
    const interactive = f.bool('interactive');
    const keys = f.changed.has('detach-keys') ? parseDetachKeys(f.string('detach-keys')) : DEFAULT_DETACH_KEYS;
    const env = clientEnv(proc, f.list('env-file'), f.list('env'));
    const c = ctx.engine.containers.resolve(ctx.args[0]!);
    const outer = !detach && tty && interactive ? requireTerminal(proc) : null;
    const bridge = proc.sys.service(DOCKER_TERMINAL);
    let pty: PtyDevice | undefined;
    if (tty) {
      if (!bridge) throw clientError('this host cannot allocate a terminal');
      pty = bridge.createPty(outer);
    }
    const spec = {
      cmd: ctx.args.slice(1),
      env,
      ...(f.changed.has('user') ? { user: f.string('user') } : {}),
      ...(f.string('workdir') !== '' ? { workingDir: f.string('workdir') } : {}),
      tty,
      ...(pty ? { pty } : {}),
      stdin: interactive && !detach ? proc.stdin : emptyReader,
      stdout: detach ? discard : proc.stdout,
      stderr: detach ? discard : proc.stderr,
    };
    let child: ChildProcess;
    let forwarding: Promise<'detached' | 'ended'> | null = null;
    let offOutput = () => {};
    let finished: () => void = () => {};
    const ended = new Promise<void>((resolve) => (finished = resolve));
    if (outer && pty && bridge) forwarding = bridge.forward(outer, pty, { detachKeys: keys, until: ended });
    else if (pty && !detach) offOutput = pty.onOutput((d) => void proc.stdout.write(d));
    try {
      child = c.exec(spec);
    } catch (e) {
      finished();
      offOutput();
      if (forwarding) await forwarding;
      if (isEngineError(e) && typeof e.data.exitCode === 'number' && !e.daemon) throw new CliError(e.message, e.data.exitCode);
      throw e;
    }
    if (detach) return 0;
    void child.exited.then(finished);
    try {
      if (forwarding && (await forwarding) === 'detached') return 0;
      return await child.exited;
    } finally {
      offOutput();
    }
  },
};

/** Output of a detached exec goes nowhere (Docker does not log it). */
const discard = { isTTY: false, write: async () => {}, close: () => {} };
