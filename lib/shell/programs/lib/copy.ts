/**
 * The copy engine behind cp, mv (across filesystems) and install: copies one source to one destination path,
 * recursively for directories, with cp's rules for existing destinations, symlinks, permissions and ownership,
 * and cp's messages in GNU or BusyBox wording. Reports errors itself and returns whether everything was copied.
 */

import { FsError, isFsError, type Stat } from '../../../engine/fs/Types';
import { childPath, lstatOrNull } from './fsutil';
import { confirm } from './prompt';
import { errorText, type Tool } from './tool';

export interface CopyOptions {
  readonly recursive: boolean;
  /** Copy symlinks as symlinks (cp -P / -d, the default with -R). */
  readonly noDereference: boolean;
  /** Follow symlinks named on the command line even with noDereference (cp -H). */
  readonly derefCommandLine?: boolean;
  readonly preserveMode: boolean;
  readonly preserveOwner: boolean;
  readonly preserveTime: boolean;
  /** Keep hard links between copied files (cp -a). */
  readonly preserveLinks: boolean;
  readonly force: boolean;
  readonly interactive: boolean;
  readonly noClobber: boolean;
  /** Skip when the destination is not older (cp -u). */
  readonly update: boolean;
  readonly verbose: boolean;
  /** Verb used in messages (`cp` reports "cannot create regular file"). */
  readonly verboseStyle?: 'cp' | 'install';
}

/** Largest amount read from an endless device (`cp /dev/zero f`) before we report a full disk. */
const DEVICE_READ_LIMIT = 64 * 1024 * 1024;

export class Copier {
  private readonly _links = new Map<number, string>();
  /** New copies that lie inside their own source, not to be copied again. */
  private readonly _skip = new Set<string>();
  constructor(
    private readonly _t: Tool,
    private readonly _o: CopyOptions,
  ) {}

  private get _ctx() {
    return this._t.ctx;
  }

  /** Copies `src` (as typed: `srcName`) to `dest` (`destName`). `top` marks command-line operands. */
  async copy(srcName: string, srcPath: string, destName: string, destPath: string, top = true): Promise<boolean> {
    const t = this._t;
    const fs = this._ctx.fs;
    await this._ctx.checkpoint();
    let st: Stat;
    try {
      st = fs.lstat(srcPath);
      if (st.type === 'symlink' && (!this._o.noDereference || (top && this._o.derefCommandLine))) st = fs.stat(srcPath);
    } catch (e) {
      if (t.gnu) await t.error(`cannot stat ${t.q(srcName)}: ${errorText(e)}`);
      else await t.error(`can't stat '${srcName}': ${errorText(e)}`);
      return false;
    }
    let dst: Stat | null;
    if (!t.gnu) {
      // BusyBox lstat()s the destination first and reports anything but ENOENT as "can't stat".
      try {
        fs.lstat(destPath);
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) {
          await t.error(`can't stat '${destName}': ${errorText(e)}`);
          return false;
        }
      }
    }
    try {
      dst = lstatOrNull(fs, destPath);
      if (dst?.type === 'symlink' && st.type !== 'symlink') {
        try {
          dst = fs.stat(destPath);
        } catch {
          // A dangling link at the destination is written through, as open(2) would.
        }
      }
    } catch (e) {
      await this._cannotCreate(st, destName, e);
      return false;
    }
    if (dst && dst.ino === st.ino && dst.type === st.type && !(st.type === 'symlink')) {
      if (t.gnu) await t.error(`${t.q(srcName)} and ${t.q(destName)} are the same file`);
      else await t.error(`'${srcName}' and '${destName}' are the same file`);
      return false;
    }

    if (st.type === 'dir') {
      if (!this._o.recursive) {
        if (t.gnu) await t.error(`-r not specified; omitting directory ${t.q(srcName)}`);
        else await t.error(`omitting directory '${srcName}'`);
        return false;
      }
      // Copying a directory into itself: like cp, copy it but never descend into the new copy inside it.
      let intoItself = false;
      if (destPath === srcPath || destPath.startsWith(srcPath === '/' ? '/' : srcPath + '/')) {
        if (destPath === srcPath || top) {
          if (t.gnu) await t.error(`cannot copy a directory, ${t.q(srcName)}, into itself, ${t.q(destName)}`);
          if (destPath === srcPath) return false;
        }
        intoItself = true;
        this._skip.add(destPath);
      }
      if (dst && dst.type !== 'dir') {
        if (t.gnu) await t.error(`cannot overwrite non-directory ${t.q(destName)} with directory ${t.q(srcName)}`);
        else await t.error(`'${destName}' is not a directory`);
        return false;
      }
      if (!dst) {
        try {
          fs.mkdir(destPath, (st.mode & 0o777) | 0o700);
        } catch (e) {
          if (t.gnu) await t.error(`cannot create directory ${t.q(destName)}: ${errorText(e)}`);
          else await t.error(`can't create directory '${destName}': ${errorText(e)}`);
          return false;
        }
        await this._verbose(srcName, destName);
      }
      let names: string[];
      try {
        names = fs.readdir(srcPath);
      } catch (e) {
        if (t.gnu) await t.error(`cannot access ${t.q(srcName)}: ${errorText(e)}`);
        else await t.error(`can't open '${srcName}': ${errorText(e)}`);
        return false;
      }
      let ok = !intoItself;
      for (const n of names) {
        if (this._skip.has(childPath(srcPath, n))) {
          if (!t.gnu) await t.error(`recursion detected, omitting directory '${childPath(srcName, n)}'`);
          continue;
        }
        if (!(await this.copy(childPath(srcName, n), childPath(srcPath, n), childPath(destName, n), childPath(destPath, n), false))) ok = false;
      }
      // Directory attributes are set last so a read-only source directory can still be filled.
      await this._attributes(st, destPath, destName, !dst, true);
      return ok;
    }

    if (dst) {
      if (dst.type === 'dir') {
        if (t.gnu) await t.error(`cannot overwrite directory ${t.q(destName)} with non-directory`);
        else await t.error(`'${destName}' is a directory`);
        return false;
      }
      if (this._o.noClobber) return true;
      if (this._o.update && dst.mtimeMs >= st.mtimeMs) return true;
      if (this._o.interactive && !(await confirm(this._ctx, `${t.name}: overwrite ${t.qq(destName)}? `))) return true;
    }

    try {
      if (st.type === 'symlink') {
        const target = fs.readlink(srcPath);
        if (dst) fs.unlink(destPath);
        fs.symlink(target, destPath);
        if (this._o.preserveOwner && this._ctx.cred.uid === 0) fs.chown(destPath, st.uid, st.gid, true);
        await this._verbose(srcName, destName);
        return true;
      }
      if (this._o.preserveLinks && st.nlink > 1) {
        const first = this._links.get(st.ino);
        if (first !== undefined) {
          if (dst) fs.unlink(destPath);
          fs.link(first, destPath);
          await this._verbose(srcName, destName);
          return true;
        }
        this._links.set(st.ino, destPath);
      }
      if ((st.type === 'chardev' || st.type === 'blockdev' || st.type === 'fifo' || st.type === 'socket') && this._o.recursive) {
        if (dst) fs.unlink(destPath);
        fs.mknod(destPath, st.type, st.mode & 0o7777, st.rdev);
        await this._attributes(st, destPath, destName, true, false);
        await this._verbose(srcName, destName);
        return true;
      }
      const data = st.type === 'file' ? fs.readFile(srcPath) : await this._readDevice(srcPath);
      const mode = this._o.preserveMode ? st.mode & 0o7777 : st.mode & 0o777 & ~this._ctx.umask;
      try {
        fs.writeFile(destPath, data, { mode });
      } catch (e) {
        if (!(this._o.force && dst && isFsError(e, 'EACCES'))) throw e;
        // cp -f: remove a destination that cannot be opened for writing and try again.
        fs.unlink(destPath);
        fs.writeFile(destPath, data, { mode });
      }
      await this._attributes(st, destPath, destName, !dst, false);
      await this._verbose(srcName, destName);
      return true;
    } catch (e) {
      if (isFsError(e) && e.path === srcPath) {
        if (t.gnu) await t.error(`cannot open ${t.q(srcName)} for reading: ${errorText(e)}`);
        else await t.error(`can't open '${srcName}': ${errorText(e)}`);
      } else await this._cannotCreate(st, destName, e);
      return false;
    }
  }

  private async _readDevice(path: string): Promise<Uint8Array> {
    const stream = this._ctx.sys.openRead(this._ctx.fs, path, this._ctx.tty, this._ctx);
    const chunks: Uint8Array[] = [];
    let n = 0;
    for (let c = await stream.read(); c !== null; c = await stream.read()) {
      chunks.push(c);
      n += c.length;
      if (n > DEVICE_READ_LIMIT) throw new FsError('ENOSPC', 'write', path);
      await this._ctx.checkpoint();
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  private async _attributes(st: Stat, destPath: string, destName: string, created: boolean, isDir: boolean): Promise<void> {
    const fs = this._ctx.fs;
    try {
      if (this._o.preserveOwner && this._ctx.cred.uid === 0) fs.chown(destPath, st.uid, st.gid);
      if (this._o.preserveMode) fs.chmod(destPath, st.mode & 0o7777);
      else if (created) fs.chmod(destPath, st.mode & (isDir ? 0o777 : 0o777) & ~this._ctx.umask);
      if (this._o.preserveTime) fs.utimes(destPath, st.mtimeMs);
    } catch (e) {
      const t = this._t;
      if (t.gnu) await t.error(`preserving permissions for ${t.q(destName)}: ${errorText(e)}`);
      else await t.error(`can't preserve permissions of '${destName}': ${errorText(e)}`);
    }
  }

  private async _verbose(srcName: string, destName: string): Promise<void> {
    if (!this._o.verbose) return;
    const t = this._t;
    await t.ctx.stdout.write(`${t.qq(srcName)} -> ${t.qq(destName)}\n`);
  }

  private async _cannotCreate(st: Stat, destName: string, e: unknown): Promise<void> {
    const t = this._t;
    if (t.gnu) {
      const kind = st.type === 'dir' ? 'directory' : st.type === 'symlink' ? 'symbolic link' : st.type === 'file' ? 'regular file' : 'special file';
      if (st.type === 'symlink') await t.error(`cannot create symbolic link ${t.q(destName)}: ${errorText(e)}`);
      else await t.error(`cannot create ${kind} ${t.q(destName)}: ${errorText(e)}`);
    } else await t.error(`can't create '${destName}': ${errorText(e)}`);
  }
}
