/**
 * `docker attach CONTAINER` (docker/cli cli/command/container/attach.go): the client joins a running container's
 * streams — its console if it has a TTY, otherwise its output (and stdin when it was started with `-i`). It ends with
 * the container's status; detaching (Ctrl-P Ctrl-Q) prints `read escape sequence` and exits 1, as Docker does.
 */
import { clientError } from '../../errors';
import { CliError, type CommandSpec } from '../command';
import { attachOutput, DEFAULT_DETACH_KEYS, forwardConsole, parseDetachKeys, proxySignals, pumpStdin } from './attachIo';

export const attach: CommandSpec = {
  name: 'attach',
  usage: '[OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  group: 'container',
  topLevel: 'attach',
  flags: [
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'no-stdin', kind: 'bool', usage: 'Do not attach STDIN' },
    { name: 'sig-proxy', kind: 'bool', usage: 'Proxy all received signals to the process', default: true },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const c = ctx.engine.containers.resolve(ctx.args[0]!);
    if (!c.running) throw clientError('cannot attach to a stopped container, start it first');
    if (c.state.status === 'paused') throw clientError('cannot attach to a paused container, unpause it first');
    const keys = ctx.flags.changed.has('detach-keys') ? parseDetachKeys(ctx.flags.string('detach-keys')) : DEFAULT_DETACH_KEYS;
    const withStdin = c.config.OpenStdin && !ctx.flags.bool('no-stdin');
    const exited = c.wait();
    ctx.engine.events.logContainer(c, 'attach');
    if (c.config.Tty && withStdin) {
      if ((await forwardConsole(ctx.proc, c, keys, exited)) === 'detached') throw new CliError('read escape sequence');
      return c.wait();
    }
    const cleanups: Array<() => void> = [];
    try {
      let drain = async () => {};
      if (c.config.Tty) cleanups.push(c.console().onOutput((d) => void ctx.proc.stdout.write(d)));
      else {
        const out = attachOutput(ctx.proc, c, { stdout: true, stderr: true });
        cleanups.push(out.stop);
        drain = out.drain;
        if (withStdin) pumpStdin(ctx.proc, c, exited);
      }
      if (ctx.flags.bool('sig-proxy') && !c.config.Tty) cleanups.push(proxySignals(ctx.proc, c));
      const status = await exited;
      await drain();
      return status;
    } finally {
      for (const f of cleanups.reverse()) f();
    }
  },
};
