/** Interactive confirmation (`rm -i`, `cp -i`): the question goes to stderr, one line of stdin answers it. */

import type { ProcessContext } from '../../../engine/process/Types';
import { readLineFrom } from '../../../engine/process/streams';
import { decodeText } from '../../../engine/process/text';

/** Asks `question` (printed as is, without newline) and returns true for an answer starting with y or Y. End of
 *  input counts as no, as it does for the real tools run with stdin from /dev/null. */
export async function confirm(ctx: ProcessContext, question: string): Promise<boolean> {
  await ctx.stderr.write(question);
  const line = await readLineFrom(ctx.stdin);
  if (line === null) return false;
  const text = decodeText(line).trim();
  return text.startsWith('y') || text.startsWith('Y');
}
