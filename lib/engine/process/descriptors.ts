/**
 * `/dev/fd/N`, `/proc/self/fd/N`, `/dev/stdin`, `/dev/stdout` and `/dev/stderr`: paths that name one of the opening
 * process's own descriptors. We have no /proc, so the kernel's open resolves these names itself. What it hands back
 * is a borrowed view of the descriptor's stream: closing it does not close the descriptor (on Linux the opener gets
 * a new descriptor for the same pipe, and the pipe's end-of-input still waits for the original writer to close).
 */

import { FsError } from '../fs/Types';
import type { Descriptors, ReadStream, WriteStream } from './Types';

const NAMED: Readonly<Record<string, number>> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };

/** The descriptor number an absolute, normalised path names, or null for any other path. */
export function descriptorOfPath(path: string): number | null {
  const named = NAMED[path];
  if (named !== undefined) return named;
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : null;
}

/** Opens descriptor `fd` of `proc` for reading. Throws ENOENT when it is not open (or not readable). */
export function openDescriptorRead(proc: Descriptors, fd: number, path: string): ReadStream {
  const r = fd === 0 ? proc.stdin : fd <= 2 ? undefined : proc.files?.get(fd)?.r;
  if (!r) throw new FsError('ENOENT', 'open', path);
  return {
    get isTTY() {
      return r.isTTY;
    },
    read: () => r.read(),
    unread: (bytes) => r.unread(bytes),
    close: () => {},
  };
}

/** Opens descriptor `fd` of `proc` for writing. Throws ENOENT when it is not open (or not writable). */
export function openDescriptorWrite(proc: Descriptors, fd: number, path: string): WriteStream {
  const w = fd === 1 ? proc.stdout : fd === 2 ? proc.stderr : fd === 0 ? undefined : proc.files?.get(fd)?.w;
  if (!w) throw new FsError('ENOENT', 'open', path);
  return {
    get isTTY() {
      return w.isTTY;
    },
    write: (data) => w.write(data),
    close: () => {},
  };
}
