/**
 * The CLI's y/N confirmation (docker/cli internal/prompt): the question goes to stdout without a newline, one line
 * of input answers it, and only `y`/`Y` (trimmed) confirms. Anything else — `yes` included, or EOF — is the
 * cancelled error, which `main` does not print: nothing more is shown and the exit status is 0.
 */
import { cancelled } from '../errors';
import type { CommandContext } from './command';

/** One line of input (without its newline); EOF counts as an empty answer. */
export async function readAnswer(ctx: CommandContext): Promise<string> {
  const dec = new TextDecoder();
  let line = '';
  for (;;) {
    const chunk = await ctx.proc.stdin.read();
    if (chunk === null) return line;
    line += dec.decode(chunk, { stream: true });
    const nl = line.indexOf('\n');
    if (nl >= 0) return line.slice(0, nl);
  }
}

/** Asks `question` and returns when the learner confirms; throws the cancelled error otherwise. */
export async function confirmOrCancel(ctx: CommandContext, question: string): Promise<void> {
  await ctx.out(question);
  const answer = (await readAnswer(ctx)).trim();
  if (answer !== 'y' && answer !== 'Y') throw cancelled();
}
