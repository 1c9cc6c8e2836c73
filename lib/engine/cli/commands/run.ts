/**
 * `docker run` (docker/cli cli/command/container/run.go): create, attach, start, and wait. Detached (`-d`) it
 * prints the ID; attached it relays the container's output (and stdin with `-i`, the whole terminal with `-it`)
 * and exits with the container's status. A container that cannot start keeps its `Created` state and the CLI
 * exits 125, 126 or 127 (docker.md §9.4); with `--rm` it is removed.
 */
import type { Container } from '../../container/Container';
import { CliError, type CommandContext, type CommandSpec } from '../command';
import { attachOutput, DEFAULT_DETACH_KEYS, forwardConsole, parseDetachKeys, proxySignals, pumpStdin, requireTerminal } from './attachIo';
import { CONTAINER_FLAGS } from './containerOptions';
import { createFromOptions } from './create';
import { clientError } from '../../errors';

/** Starts `c`; on failure a `--rm` container is removed before the error reaches the user. */
async function startOrClean(ctx: CommandContext, c: Container): Promise<void> {
  try {
    await c.start();
  } catch (e) {
    if (c.hostConfig.autoRemove && ctx.engine.containers.get(c.id)) await ctx.engine.removeContainer(c, true);
    throw e;
  }
}

export const run: CommandSpec = {
  name: 'run',
  usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  group: 'container',
  topLevel: 'run',
  commonRank: 1,
  flags: [
    ...CONTAINER_FLAGS,
    { name: 'detach', short: 'd', kind: 'bool', usage: 'Run container in background and print container ID' },
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'sig-proxy', kind: 'bool', usage: 'Proxy received signals to the process', default: true },
  ],
  args: { kind: 'min', n: 1 },
  interspersed: false,
  errorStyle: 'run',
  async run(ctx) {
    const f = ctx.flags;
    const detach = f.bool('detach');
    if (detach && f.list('attach').length > 0) throw clientError('conflicting options: cannot specify both --attach and --detach');
    const tty = f.bool('tty');
    const interactive = f.bool('interactive');
    const detachKeys = f.changed.has('detach-keys') ? parseDetachKeys(f.string('detach-keys')) : DEFAULT_DETACH_KEYS;
    if (!detach && tty && interactive) {
      // CheckTty: returned as is, not wrapped in the run error style (exit 1).
      try {
        requireTerminal(ctx.proc);
      } catch (e) {
        throw new CliError((e as Error).message, 1, true);
      }
    }
    const { container, opts } = await createFromOptions(ctx);

    if (detach) {
      // The CLI prints the ID while the daemon starts the container, so it shows even when the start fails.
      await ctx.out(`${container.id}\n`);
      await startOrClean(ctx, container);
      return 0;
    }

    const streams = opts.attach.length > 0 ? new Set(opts.attach) : new Set(['stdout', 'stderr', ...(interactive ? ['stdin'] : [])]);
    // The CLI attaches before it starts the container: the daemon logs `attach` between create and start.
    ctx.engine.events.logContainer(container, 'attach');
    let exited: () => void = () => {};
    const ended = new Promise<void>((resolve) => (exited = resolve));
    const cleanups: Array<() => void> = [];
    let forwarding: Promise<'detached' | 'ended'> | null = null;
    try {
      if (tty && streams.has('stdin')) {
        forwarding = forwardConsole(ctx.proc, container, detachKeys, ended);
      } else if (tty) {
        const offOut = container.console().onOutput((d) => void ctx.proc.stdout.write(d));
        cleanups.push(offOut);
      } else {
        const out = attachOutput(ctx.proc, container, { stdout: streams.has('stdout'), stderr: streams.has('stderr') });
        cleanups.push(out.stop);
        if (f.bool('sig-proxy')) cleanups.push(proxySignals(ctx.proc, container));
        try {
          await startOrClean(ctx, container);
        } catch (e) {
          exited();
          throw e;
        }
        void container.wait().then(exited);
        if (streams.has('stdin')) pumpStdin(ctx.proc, container, ended);
        const status = await container.wait();
        await out.drain();
        return status;
      }
      try {
        await startOrClean(ctx, container);
      } catch (e) {
        exited();
        if (forwarding) await forwarding;
        throw e;
      }
      void container.wait().then(exited);
      if (forwarding && (await forwarding) === 'detached') return 0;
      return await container.wait();
    } finally {
      for (const c of cleanups.reverse()) c();
    }
  },
};
