/**
 * Opening the inputs of text filters: `-` (or no operand) is standard input, anything else a file through the
 * machine's device-aware open. Reading stays incremental so pipelines and `tail -f` stream.
 */

import { resolvePath } from '../../../engine/fs/path';
import type { ProcessContext, ReadStream } from '../../../engine/process/Types';
import { readLines } from '../../../engine/process/streams';
import { concatBytes } from '../../../engine/process/text';

/** Opens an operand for reading; throws FsError (ENOENT, EISDIR, EACCES...) for the caller to word. */
export function openInput(ctx: ProcessContext, name: string): ReadStream {
  if (name === '-') return ctx.stdin;
  return ctx.sys.openRead(ctx.fs, resolvePath(ctx.cwd, name), ctx.tty, ctx);
}

/** Closes what `openInput` opened (never the process's own stdin). */
export function closeInput(ctx: ProcessContext, stream: ReadStream): void {
  if (stream !== ctx.stdin) stream.close();
}

/** Lines of a stream with a checkpoint per line, so long inputs stay interruptible. */
export async function* linesOf(ctx: ProcessContext, stream: ReadStream): AsyncGenerator<{ line: string; hadNewline: boolean }> {
  for await (const l of readLines(stream)) {
    await ctx.checkpoint();
    yield l;
  }
}

/** A whole stream with a checkpoint per chunk: `fmt /dev/zero` stays interruptible (readAll never yields). */
export async function readAllInterruptible(ctx: ProcessContext, stream: ReadStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let c = await stream.read(); c !== null; c = await stream.read()) {
    chunks.push(c);
    await ctx.checkpoint();
  }
  return concatBytes(chunks);
}

/**
 * A whole operand (`-` is standard input) with a checkpoint per chunk, closed afterwards; throws FsError (ENOENT,
 * EISDIR, EACCES...) for the caller to word. For tools that need all their input before writing (sort-like).
 */
export async function readInput(ctx: ProcessContext, name: string): Promise<Uint8Array> {
  const stream = openInput(ctx, name);
  try {
    return await readAllInterruptible(ctx, stream);
  } finally {
    closeInput(ctx, stream);
  }
}
