/**
 * Putting an archive (a lazy `Content`) where the learner asked: a host file (`docker save -o`, `docker export
 * -o`) or the process's stdout (redirected to a file or piped to `tar`).
 *
 * Files: the docker CLI writes to `os.CreateTemp(dir, ".docker_temp_")` (mode 0600) and renames it over the
 * target, so the result is `-rw-------` and owned by the caller. On an in-memory host filesystem the file's
 * content is the archive value itself: a 1 GB save costs the entries' headers, not a gigabyte (`ls -l` shows the
 * size, `tar -tf` reads ranges). Other filesystems get the bytes appended chunk by chunk.
 *
 * stdout: chunks of 1 MiB, with a checkpoint between them so Ctrl-C lands and a closed pipe ends the copy.
 */
import type { Content } from '../fs/Content';
import { MemFs } from '../fs/MemFs';
import { dirname, resolvePath } from '../fs/path';
import { FsError, isFsError, type FsClient } from '../fs/Types';
import type { ProcessContext } from '../process/Types';

const CHUNK = 1 << 20;

/** command.ValidateOutputPath: the directory must exist; an existing target must be a file or a directory. */
export function validateOutputPath(fs: FsClient, cwd: string, path: string): string | undefined {
  const abs = resolvePath(cwd, path);
  const dir = dirname(abs);
  try {
    fs.stat(dir);
  } catch (e) {
    if (isFsError(e, 'ENOENT')) return `invalid output path: directory ${JSON.stringify(dirname(cleanRelative(path)))} does not exist`;
    if (!isFsError(e)) throw e;
  }
  try {
    const st = fs.stat(abs);
    if (st.type !== 'file' && st.type !== 'dir') return `invalid output path: ${JSON.stringify(path)} must be a directory or a regular file`;
  } catch (e) {
    if (!isFsError(e)) throw e;
  }
  return undefined;
}

/** filepath.Clean of what the user typed (for messages that quote it). */
function cleanRelative(path: string): string {
  if (path.startsWith('/')) return resolvePath('/', path);
  const abs = resolvePath('/__rel__', path);
  return abs === '/__rel__' ? '.' : abs.startsWith('/__rel__/') ? abs.slice('/__rel__/'.length) : abs;
}

/** Writes `content` to `path` as docker's CopyToFile does (temp file in the same directory, then rename). */
export async function writeContentToFile(ctx: ProcessContext, path: string, content: Content): Promise<void> {
  const fs = ctx.fs;
  const abs = resolvePath(ctx.cwd, path);
  const tmp = `${dirname(abs)}/.docker_temp_${ctx.sys.random.int(1e9)}`;
  fs.writeFile(tmp, new Uint8Array(0), { mode: 0o600, exclusive: true });
  try {
    if (fs instanceof MemFs) {
      fs.putContent(tmp, content, { mode: 0o600, uid: fs.cred.uid, gid: fs.cred.gid });
    } else {
      for (let off = 0; off < content.size; off += CHUNK) {
        fs.writeFile(tmp, content.read(off, CHUNK), { append: true });
        await ctx.checkpoint();
      }
    }
    const st = statOrNull(fs, abs);
    if (st?.type === 'dir') throw new FsError('EEXIST', 'rename', abs);
    fs.rename(tmp, abs);
  } catch (e) {
    try {
      fs.unlink(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

function statOrNull(fs: FsClient, path: string) {
  try {
    return fs.stat(path);
  } catch (e) {
    if (isFsError(e)) return null;
    throw e;
  }
}

/** Copies `content` to stdout in chunks. */
export async function streamContent(ctx: ProcessContext, content: Content): Promise<void> {
  for (let off = 0; off < content.size; off += CHUNK) {
    await ctx.stdout.write(content.read(off, CHUNK));
    await ctx.checkpoint();
  }
}
