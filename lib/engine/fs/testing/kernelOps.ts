/**
 * Test helper (Node only): random filesystem operations that can run both on a MemFs and on a real directory
 * through node:fs (the kernel's syscalls), with outcomes in one comparable form (`ok ...` or the errno).
 */

import fc from 'fast-check';
import * as nodeFs from 'node:fs';
import nodePath from 'node:path';
import type { FsClient } from '../Types';
import { isFsError } from '../Types';

export type KernelOp =
  | { k: 'mkdir'; p: string; mode: number }
  | { k: 'write'; p: string; data: number[]; flag: 'w' | 'a' | 'wx' }
  | { k: 'unlink'; p: string }
  | { k: 'rmdir'; p: string }
  | { k: 'rename'; from: string; to: string }
  | { k: 'symlink'; target: string; p: string }
  | { k: 'link'; from: string; to: string }
  | { k: 'chmod'; p: string; mode: number }
  | { k: 'truncate'; p: string; len: number }
  | { k: 'readdir'; p: string }
  | { k: 'read'; p: string }
  | { k: 'readlink'; p: string }
  | { k: 'stat'; p: string }
  | { k: 'lstat'; p: string }
  | { k: 'realpath'; p: string }
  | { k: 'access'; p: string; mode: number };

const name = fc.constantFrom('a', 'b');
const rel = fc
  .oneof(
    { weight: 3, arbitrary: fc.array(name, { minLength: 1, maxLength: 1 }) },
    { weight: 3, arbitrary: fc.array(name, { minLength: 2, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.array(name, { minLength: 3, maxLength: 3 }) },
  )
  .map((parts) => parts.join('/'));
// Occasionally a trailing slash, `.` or `..` inside the path.
const path = fc.tuple(rel, fc.constantFrom('', '', '', '/', '/.', '/..', '/./a')).map(([p, suffix]) => p + suffix);
// Relative targets that stay inside the test directory.
const target = fc.constantFrom('a', 'b', 'a/b', 'b/a', '.', 'missing', 'a/', 'b/../a');
const mode = fc.constantFrom(0o755, 0o700, 0o500, 0o300, 0o100, 0o644, 0o600, 0o000, 0o777, 0o1777);

export const kernelOp: fc.Arbitrary<KernelOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('mkdir' as const), p: path, mode }) },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('write' as const), p: path, data: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }), flag: fc.constantFrom('w' as const, 'a' as const, 'wx' as const) }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('unlink' as const), p: path }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('rmdir' as const), p: path }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('rename' as const), from: path, to: path }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('symlink' as const), target, p: path }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('link' as const), from: path, to: path }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('chmod' as const), p: path, mode }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), p: path, len: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('readdir' as const), p: path }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('read' as const), p: path }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('readlink' as const), p: path }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('stat' as const), p: path }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('lstat' as const), p: path }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('realpath' as const), p: path }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('access' as const), p: path, mode: fc.integer({ min: 0, max: 7 }) }) },
);

function describeStat(type: string, mode: number, size: number, nlink: number): string {
  return `${type} ${(mode & 0o7777).toString(8)} ${type === 'dir' ? '' : size} ${nlink}`;
}

/** Runs `o` on an FsClient, paths relative to `base`. */
export function onFsClient(fs: FsClient, base: string, o: KernelOp): string {
  const p = (x: string) => `${base}/${x}`;
  try {
    switch (o.k) {
      case 'mkdir':
        fs.mkdir(p(o.p), o.mode);
        return 'ok';
      case 'write':
        fs.writeFile(p(o.p), Uint8Array.from(o.data), { mode: 0o644, append: o.flag === 'a', exclusive: o.flag === 'wx' });
        return 'ok';
      case 'unlink':
        fs.unlink(p(o.p));
        return 'ok';
      case 'rmdir':
        fs.rmdir(p(o.p));
        return 'ok';
      case 'rename':
        fs.rename(p(o.from), p(o.to));
        return 'ok';
      case 'symlink':
        fs.symlink(o.target, p(o.p));
        return 'ok';
      case 'link':
        fs.link(p(o.from), p(o.to));
        return 'ok';
      case 'chmod':
        fs.chmod(p(o.p), o.mode);
        return 'ok';
      case 'truncate':
        fs.truncate(p(o.p), o.len);
        return 'ok';
      case 'readdir':
        return `ok ${fs.readdir(p(o.p)).join(',')}`;
      case 'read':
        return `ok ${[...fs.readFile(p(o.p))].join(',')}`;
      case 'readlink':
        return `ok ${fs.readlink(p(o.p))}`;
      case 'stat': {
        const st = fs.stat(p(o.p));
        return `ok ${describeStat(st.type, st.mode, st.size, st.nlink)}`;
      }
      case 'lstat': {
        const st = fs.lstat(p(o.p));
        return `ok ${describeStat(st.type, st.mode, st.size, st.nlink)}`;
      }
      case 'realpath':
        return `ok ${fs.realpath(p(o.p)).slice(base.length)}`;
      case 'access':
        fs.access(p(o.p), o.mode);
        return 'ok';
    }
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
}

function typeOf(st: nodeFs.Stats): string {
  return st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
}

/** Runs `o` with node:fs on a real directory `base` (an absolute host path). */
export function onKernel(base: string, o: KernelOp): string {
  const p = (x: string) => `${base}/${x}`;
  try {
    switch (o.k) {
      case 'mkdir':
        nodeFs.mkdirSync(p(o.p), o.mode);
        return 'ok';
      case 'write':
        nodeFs.writeFileSync(p(o.p), Uint8Array.from(o.data), { mode: 0o644, flag: o.flag });
        return 'ok';
      case 'unlink':
        nodeFs.unlinkSync(p(o.p));
        return 'ok';
      case 'rmdir':
        nodeFs.rmdirSync(p(o.p));
        return 'ok';
      case 'rename':
        nodeFs.renameSync(p(o.from), p(o.to));
        return 'ok';
      case 'symlink':
        nodeFs.symlinkSync(o.target, p(o.p));
        return 'ok';
      case 'link':
        nodeFs.linkSync(p(o.from), p(o.to));
        return 'ok';
      case 'chmod':
        nodeFs.chmodSync(p(o.p), o.mode);
        return 'ok';
      case 'truncate':
        nodeFs.truncateSync(p(o.p), o.len);
        return 'ok';
      case 'readdir':
        return `ok ${nodeFs.readdirSync(p(o.p)).sort().join(',')}`;
      case 'read':
        return `ok ${[...nodeFs.readFileSync(p(o.p))].join(',')}`;
      case 'readlink':
        return `ok ${nodeFs.readlinkSync(p(o.p))}`;
      case 'stat': {
        const st = nodeFs.statSync(p(o.p));
        return `ok ${describeStat(typeOf(st), st.mode, st.size, st.nlink)}`;
      }
      case 'lstat': {
        const st = nodeFs.lstatSync(p(o.p));
        return `ok ${describeStat(typeOf(st), st.mode, st.size, st.nlink)}`;
      }
      case 'realpath':
        return `ok ${nodeFs.realpathSync.native(p(o.p)).slice(base.length)}`;
      case 'access':
        nodeFs.accessSync(p(o.p), o.mode);
        return 'ok';
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) return code;
    throw e;
  }
}

/** Makes every directory under `dir` searchable and writable again, then removes it. */
export function removeTree(dir: string): void {
  const fix = (d: string) => {
    try {
      nodeFs.chmodSync(d, 0o700);
      for (const e of nodeFs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) fix(nodePath.join(d, e.name));
    } catch {
      // vanished or not ours: rmSync below reports nothing either
    }
  };
  fix(dir);
  nodeFs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs each sequence in a fresh `<root>/r<i>/t` (r<i> 0700, t 0755, umask 0) and returns the outcomes; this is
 * what the child process started as another user runs.
 */
export function runOnKernel(root: string, sequences: readonly (readonly KernelOp[])[]): string[][] {
  const old = process.umask(0);
  try {
    return sequences.map((ops, i) => {
      const outer = nodePath.join(root, `r${i}`);
      nodeFs.mkdirSync(outer, 0o700);
      const base = nodePath.join(outer, 't');
      nodeFs.mkdirSync(base, 0o755);
      try {
        return ops.map((o) => onKernel(base, o));
      } finally {
        removeTree(outer);
      }
    });
  } finally {
    process.umask(old);
  }
}
