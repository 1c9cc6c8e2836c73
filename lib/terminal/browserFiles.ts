/**
 * Files crossing between the simulated host and the learner's real computer, in the page. lib/ stays DOM-free: the
 * page (components/terminal) implements `BrowserFiles` with a Blob and an `<a download>`, and hands files the
 * learner picks to `Shell.upload` (session.ts), which calls `uploadFile` here.
 *
 * - `download FILE...` (a host command that exists only in the page): reads each file in 1 MiB ranges (a 1 GB
 *   `docker save` is never one array) and offers it as a browser download named after the file. Nothing is printed
 *   on success, as `cp` prints nothing; errors read like coreutils' (`download: x: No such file or directory`).
 * - uploads: written byte for byte into the shell's working directory, owned by the learner, mode 0644.
 */
import { basename, resolvePath } from '../engine/fs/path';
import { FsError, isFsError, type FsClient } from '../engine/fs/Types';
import { serviceKey, type Program } from '../engine/process/Types';

export interface BrowserFiles {
  /** Offers the bytes (in order, `size` in all) to the learner as a download called `name`. */
  download(name: string, parts: readonly Uint8Array[], size: number): void;
}

export const BROWSER_FILES = serviceKey<BrowserFiles>('layerlab.browser-files');

const CHUNK = 1 << 20;

const USAGE = `Usage: download FILE...
Save FILE(s) of this simulated host to your computer, as browser downloads.
`;

export const download: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('--help')) {
    await ctx.stdout.write(USAGE);
    return 0;
  }
  const files = args[0] === '--' ? args.slice(1) : args;
  if (files.length === 0) {
    await ctx.stderr.write("download: missing file operand\nTry 'download --help' for more information.\n");
    return 1;
  }
  const browser = ctx.sys.service(BROWSER_FILES);
  if (!browser) {
    await ctx.stderr.write('download: no browser to download to\n');
    return 1;
  }
  let status = 0;
  for (const file of files) {
    const path = resolvePath(ctx.cwd, file);
    try {
      const st = ctx.fs.stat(path);
      if (st.type === 'dir') throw new FsError('EISDIR', 'open', path);
      const parts: Uint8Array[] = [];
      for (let off = 0; off < st.size; off += CHUNK) {
        parts.push(ctx.fs.readRange(path, off, Math.min(CHUNK, st.size - off)));
        await ctx.checkpoint();
      }
      browser.download(basename(path), parts, st.size);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await ctx.stderr.write(`download: ${file}: ${e.text}\n`);
      status = 1;
    }
  }
  return status;
};

/** An upload the host refused; the message reads like a shell's (`/x.tar: Permission denied`). */
export class UploadError extends Error {
  override readonly name = 'UploadError';
}

/** Writes an uploaded file as `dir/<name>` (only the last path component of `name` counts). */
export function uploadFile(fs: FsClient, dir: string, name: string, bytes: Uint8Array): string {
  const base = basename(name.replace(/\\/g, '/'));
  if (base === '' || base === '.' || base === '..') throw new UploadError(`${name}: ${new FsError('EINVAL', 'open', name).text}`);
  const path = resolvePath(dir, base);
  try {
    fs.writeFile(path, bytes, { mode: 0o644 });
  } catch (e) {
    if (isFsError(e)) throw new UploadError(`${path}: ${e.text}`);
    throw e;
  }
  return path;
}
