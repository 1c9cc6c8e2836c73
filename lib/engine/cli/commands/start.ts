/**
 * `docker start [-a] [-i] CONTAINER...` (docker/cli cli/command/container/start.go). Without `-a`/`-i`: starts each,
 * prints it as given; failures are printed as they happen and summarised at the end. With them (one container
 * only): attaches first — the terminal for a `-t` container, its output and (with `-i`) stdin otherwise — starts it
 * and exits with its status; detaching leaves it running and exits 0.
 */
import { SignalExit } from '../../process/Types';
import { clientError, isEngineError } from '../../errors';
import { CliError, type CommandContext, type CommandSpec } from '../command';
import { attachOutput, DEFAULT_DETACH_KEYS, forwardConsole, parseDetachKeys, proxySignals, pumpStdin } from './attachIo';
import { errorText } from './lifecycle';

async function startAttached(ctx: CommandContext, ref: string, interactive: boolean, detachKeys: string): Promise<number> {
  const c = ctx.engine.containers.resolve(ref);
  const cleanups: Array<() => void> = [];
  let exited: () => void = () => {};
  const ended = new Promise<void>((resolve) => (exited = resolve));
  try {
    let forwarding: Promise<'detached' | 'ended'> | null = null;
    let drain: () => Promise<void> = async () => {};
    ctx.engine.events.logContainer(c, 'attach');
    if (c.config.Tty && interactive) forwarding = forwardConsole(ctx.proc, c, detachKeys, ended);
    else if (c.config.Tty) cleanups.push(c.console().onOutput((d) => void ctx.proc.stdout.write(d)));
    else {
      const out = attachOutput(ctx.proc, c, { stdout: true, stderr: true });
      cleanups.push(out.stop);
      drain = out.drain;
      cleanups.push(proxySignals(ctx.proc, c));
    }
    if (!c.running) {
      try {
        await c.start();
      } catch (e) {
        exited();
        if (forwarding) await forwarding;
        throw e;
      }
    }
    void c.wait().then(exited);
    if (!c.config.Tty && interactive && c.config.OpenStdin) pumpStdin(ctx.proc, c, ended);
    if (forwarding && (await forwarding) === 'detached') return 0;
    const status = await c.wait();
    await drain();
    return status;
  } finally {
    for (const f of cleanups.reverse()) f();
  }
}

export const start: CommandSpec = {
  name: 'start',
  usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  group: 'container',
  topLevel: 'start',
  flags: [
    { name: 'attach', short: 'a', kind: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'interactive', short: 'i', kind: 'bool', usage: "Attach container's STDIN" },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx) {
    const attach = ctx.flags.bool('attach');
    const interactive = ctx.flags.bool('interactive');
    if (attach || interactive) {
      if (ctx.args.length > 1) throw clientError('you cannot start and attach multiple containers at once');
      const keys = ctx.flags.changed.has('detach-keys') ? parseDetachKeys(ctx.flags.string('detach-keys')) : DEFAULT_DETACH_KEYS;
      return startAttached(ctx, ctx.args[0]!, interactive, keys);
    }
    const engine = ctx.engine;
    const failed: string[] = [];
    for (const arg of ctx.args) {
      try {
        await engine.containers.resolve(arg).start();
      } catch (e) {
        if (e instanceof SignalExit || !isEngineError(e)) throw e;
        await ctx.err(`${errorText(e)}\n`);
        failed.push(arg);
        continue;
      }
      await ctx.out(`${arg}\n`);
    }
    if (failed.length > 0) throw new CliError(`Error: failed to start containers: ${failed.join(', ')}`);
  },
};

