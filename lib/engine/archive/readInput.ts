/**
 * Where `docker load -i` / `docker import FILE` read from: a host file (os.Open's error text on failure) or the
 * process's stdin, read to the end.
 */
import { resolvePath } from '../fs/path';
import { isFsError, type FsErrorCode } from '../fs/Types';
import type { ProcessContext } from '../process/Types';

/** Go's syscall error strings (lower case, as os.Open reports them). */
const GO_ERRNO: Partial<Record<FsErrorCode, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a directory',
};

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The file's bytes; throws InputError(`open NAME: no such file or directory`). */
export function readHostFile(ctx: ProcessContext, name: string): Uint8Array {
  const abs = resolvePath(ctx.cwd, name);
  try {
    if (ctx.fs.stat(abs).type === 'dir') throw new InputError(`read ${name}: is a directory`);
    return ctx.fs.readFile(abs);
  } catch (e) {
    if (isFsError(e)) throw new InputError(`open ${name}: ${GO_ERRNO[e.code] ?? e.text.toLowerCase()}`);
    throw e;
  }
}

export async function readAllStdin(ctx: ProcessContext): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const c = await ctx.stdin.read();
    if (c === null) break;
    chunks.push(c);
    n += c.length;
    await ctx.checkpoint();
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
