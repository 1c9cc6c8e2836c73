/**
 * Shared shape of the commands that act on several containers one by one (rm, start, stop, kill): each argument
 * as given is printed on success; failures are reported together at the end (docker/cli container/rm.go, stop.go,
 * kill.go: the errors joined with newlines, exit 1).
 */
import { EngineError, isEngineError } from '../../errors';
import { SignalExit } from '../../process/Types';
import { CliError, type CommandContext } from '../command';

/** How a client prints a daemon error. */
export function errorText(e: unknown): string {
  if (isEngineError(e)) return `${e.daemon ? 'Error response from daemon: ' : ''}${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

export async function forEachContainer(
  ctx: CommandContext,
  act: (nameOrId: string) => Promise<void>,
  options: { ignore?: (e: EngineError) => boolean } = {},
): Promise<void> {
  const errors: string[] = [];
  for (const arg of ctx.args) {
    try {
      await act(arg);
    } catch (e) {
      if (e instanceof SignalExit) throw e;
      if (!isEngineError(e) && !(e instanceof CliError)) throw e;
      if (isEngineError(e) && options.ignore?.(e)) {
        await ctx.err(`${errorText(e)}\n`);
        continue;
      }
      errors.push(errorText(e));
      continue;
    }
    await ctx.out(`${arg}\n`);
  }
  if (errors.length > 0) throw new CliError(errors.join('\n'));
}
