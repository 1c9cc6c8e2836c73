/**
 * The filesystem contract shared by the engine and the shell.
 *
 * Every program, builtin and engine step that touches files goes through `FsClient`. Implementations: `MemFs`
 * (a plain in-memory tree, the host), `OverlayFs` (a container's union view over image layers), `MountFs`
 * (bind mounts and volumes layered over another client) and, in Node only, a client over a real directory.
 *
 * The interface is synchronous on purpose: every backend is in memory (or Node's sync fs), and a sync API keeps
 * globbing, `test -f` and path walks free of promise overhead. Long work yields at the program level instead.
 *
 * Paths are absolute and normalised by the caller's helpers (`resolvePath`); `..` and symlinks are resolved by the
 * implementation as a kernel would. Failures throw `FsError` with a POSIX code; nothing else is thrown for
 * ordinary user mistakes.
 */

export type FileType = 'file' | 'dir' | 'symlink' | 'chardev' | 'blockdev' | 'fifo' | 'socket';

export interface Stat {
  readonly type: FileType;
  /** Permission bits including setuid/setgid/sticky (0o7777); the type is in `type`, not here. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Bytes for files, target length for symlinks, 4096 for directories (as ext4 shows them). */
  readonly size: number;
  /** Modification time, milliseconds since the Unix epoch. */
  readonly mtimeMs: number;
  /** Inode number: equal for hard links to the same file. */
  readonly ino: number;
  readonly nlink: number;
  /** Device numbers of character/block devices (`major << 8 | minor`), 0 otherwise. */
  readonly rdev: number;
}

/** Who is asking: permission checks use these, as the kernel does (root bypasses rwx but not x-on-files). */
export interface Cred {
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
}

export const ROOT: Cred = Object.freeze({ uid: 0, gid: 0, groups: Object.freeze([0]) });

export interface WriteOptions {
  /** Mode for a newly created file, as requested: the caller applies its umask first. Default 0o666. */
  readonly mode?: number;
  /** Append instead of truncating. */
  readonly append?: boolean;
  /** Fail with EEXIST when the file exists (O_EXCL). */
  readonly exclusive?: boolean;
}

export interface FsClient {
  /** The credentials this view checks permissions against. */
  readonly cred: Cred;
  /** A view of the same filesystem that checks permissions as `cred` (sudo, USER, docker exec -u). */
  withCred(cred: Cred): FsClient;

  /** Follows symlinks. */
  stat(path: string): Stat;
  /** Does not follow a final symlink. */
  lstat(path: string): Stat;
  /** Whole file contents (follows symlinks). */
  readFile(path: string): Uint8Array;
  /** A byte range of a file, without materialising the rest (large synthetic files, `head -c`, `tail -f`). */
  readRange(path: string, offset: number, length: number): Uint8Array;
  /** Creates or replaces (or appends to) a regular file. Parent must exist. */
  writeFile(path: string, data: Uint8Array, options?: WriteOptions): void;
  /** Sorted names, without `.` and `..`. */
  readdir(path: string): string[];
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  /** rename(2): replaces a file or an empty directory at `to`; EXDEV across mounts. */
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  readlink(path: string): string;
  /** Hard link. */
  link(existing: string, path: string): void;
  chmod(path: string, mode: number): void;
  /** -1 keeps the current value. `noFollow` acts on a symlink itself (lchown). */
  chown(path: string, uid: number, gid: number, noFollow?: boolean): void;
  utimes(path: string, mtimeMs: number): void;
  truncate(path: string, length: number): void;
  /** Creates a device node, fifo or socket (root only). */
  mknod(path: string, type: 'chardev' | 'blockdev' | 'fifo' | 'socket', mode: number, rdev: number): void;
  /** Canonical absolute path with every symlink resolved. */
  realpath(path: string): string;
  /** access(2): throws EACCES unless `cred` may do all of `mode` (4 read, 2 write, 1 exec; 0 = exists). */
  access(path: string, mode: number): void;
}

export type FsErrorCode =
  | 'ENOENT'
  | 'EEXIST'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ENOTEMPTY'
  | 'EACCES'
  | 'EPERM'
  | 'EINVAL'
  | 'ELOOP'
  | 'EXDEV'
  | 'EBUSY'
  | 'EROFS'
  | 'ENAMETOOLONG'
  | 'ENOSPC'
  | 'EFBIG';

/** The text `strerror` gives for each code; shells and coreutils print these. */
export const FS_ERROR_TEXT: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EXDEV: 'Invalid cross-device link',
  EBUSY: 'Device or resource busy',
  EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long',
  ENOSPC: 'No space left on device',
  EFBIG: 'File too large',
};

export class FsError extends Error {
  override readonly name = 'FsError';
  constructor(
    readonly code: FsErrorCode,
    readonly syscall: string,
    readonly path: string,
  ) {
    super(`${code}: ${FS_ERROR_TEXT[code]}, ${syscall} '${path}'`);
  }
  /** The strerror text, e.g. `No such file or directory`. */
  get text(): string {
    return FS_ERROR_TEXT[this.code];
  }
}

export function isFsError(e: unknown, code?: FsErrorCode): e is FsError {
  return e instanceof FsError && (code === undefined || e.code === code);
}
