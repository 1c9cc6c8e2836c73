/** What the package managers share: writing a package's files into the container, reading small state files. */

import type { Content } from '../../../engine/fs/Content';
import type { FsClient } from '../../../engine/fs/Types';
import { contentOf } from '../../../engine/registry/catalog/format';
import type { ListedFile } from '../../../engine/packages/format';

const enc = new TextEncoder();
const dec = new TextDecoder();

export function exists(fs: FsClient, path: string): boolean {
  try {
    fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

export function readText(fs: FsClient, path: string): string | undefined {
  try {
    return dec.decode(fs.readFile(path));
  } catch {
    return undefined;
  }
}

export function writeText(fs: FsClient, path: string, text: string, mode = 0o644): void {
  mkdirs(fs, path.slice(0, path.lastIndexOf('/')) || '/');
  fs.writeFile(path, enc.encode(text), { mode });
}

/** `mkdir -p`. */
export function mkdirs(fs: FsClient, path: string, mode = 0o755): void {
  let p = '';
  for (const part of path.split('/').filter((x) => x !== '')) {
    p += `/${part}`;
    try {
      const st = fs.stat(p);
      if (st.type === 'dir') continue;
    } catch {
      /* missing: create it */
    }
    fs.mkdir(p, mode);
  }
}

/** The union filesystems take a Content value as is (a synthetic 4 MB library stays O(1) in memory). */
interface ContentWriter {
  writeContent(path: string, content: Content, options?: { mode?: number }): void;
}

export function writeContentTo(fs: FsClient, path: string, content: Content, mode: number): void {
  const w = fs as Partial<ContentWriter>;
  if (typeof w.writeContent === 'function') w.writeContent.call(fs, path, content, { mode });
  else fs.writeFile(path, content.read(0, content.size), { mode });
  fs.chmod(path, mode);
}

/**
 * Unpacks `files` under `prefix` (dpkg/apk/pip/npm all replace existing files and keep existing directories).
 * Returns the paths written (dpkg's .list: directories too).
 */
export function unpackFiles(fs: FsClient, files: readonly ListedFile[], prefix = ''): string[] {
  const written: string[] = [];
  for (const f of files) {
    const path = `${prefix}${f.path.startsWith('/') ? '' : '/'}${f.path}`.replace(/\/+$/, '') || '/';
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    mkdirs(fs, parent);
    switch (f.type) {
      case 'dir':
        if (!exists(fs, path)) fs.mkdir(path, f.mode);
        break;
      case 'file':
        removeIfNotDir(fs, path);
        writeContentTo(fs, path, contentOf(f.content ?? { kind: 'empty' }), f.mode);
        break;
      case 'symlink':
        removeIfNotDir(fs, path);
        fs.symlink(f.linkTarget ?? '', path);
        break;
      case 'hardlink': {
        removeIfNotDir(fs, path);
        const target = `${prefix}${f.linkTarget ?? ''}`;
        try {
          fs.link(target, path);
        } catch {
          /* the link target is not in this package's listing: skip, as tar would warn and go on */
        }
        break;
      }
    }
    written.push(path);
  }
  return written;
}

function removeIfNotDir(fs: FsClient, path: string): void {
  try {
    const st = fs.lstat(path);
    if (st.type !== 'dir') fs.unlink(path);
  } catch {
    /* absent */
  }
}

/** Removes the files (deepest first) and then the directories that became empty. */
export function removePaths(fs: FsClient, paths: readonly string[]): void {
  const sorted = [...paths].sort((a, b) => b.length - a.length || (a < b ? 1 : -1));
  for (const p of sorted) {
    try {
      const st = fs.lstat(p);
      if (st.type === 'dir') {
        if (fs.readdir(p).length === 0) fs.rmdir(p);
      } else fs.unlink(p);
    } catch {
      /* already gone */
    }
  }
}

/** Words wrapped the way apt lists packages: two-space indent, lines of at most 79 columns. */
export function aptList(words: readonly string[]): string {
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur === '') cur = `  ${w}`;
    else if (cur.length + 1 + w.length > 79) {
      lines.push(cur);
      cur = `  ${w}`;
    } else cur += ` ${w}`;
  }
  if (cur !== '') lines.push(cur);
  return lines.map((l) => `${l}\n`).join('');
}

/** apt's SizeToStr (1000-based, one decimal below 100): `8808 `, `12.5 k`, `5076 k`, `16.1 M` (callers add `B`). */
export function aptSize(bytes: number): string {
  const ext = ['', 'k', 'M', 'G', 'T', 'P'];
  let a = Math.abs(bytes);
  for (let i = 0; i < ext.length; i++) {
    if (a < 100 && i !== 0) return `${a.toFixed(1)} ${ext[i]}`;
    if (a < 10000) return `${a.toFixed(0)} ${ext[i]}`;
    a /= 1000;
  }
  return `${a.toFixed(0)} E`;
}

/**
 * SizeToStr under a locale that groups digits: apt formats with printf's `'` flag, so en_US (the postgres image's
 * LANG) prints four digits as `8,808`.
 */
export function aptSizeGrouped(bytes: number): string {
  return aptSize(bytes).replace(/^(\d)(\d{3}) /, '$1,$2 ');
}

/** apt's TimeToStr. */
export function aptTime(sec: number): string {
  const s = Math.floor(sec);
  if (s >= 86400) return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h ${Math.floor((s % 3600) / 60)}min ${s % 60}s`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}min ${s % 60}s`;
  if (s >= 60) return `${Math.floor(s / 60)}min ${s % 60}s`;
  return `${s}s`;
}

/**
 * The simulated download rate of every archive (bytes/s). Real rates vary; a fixed one keeps transcripts
 * reproducible (content/packages/APPROXIMATIONS.md).
 */
export const DOWNLOAD_RATE = 9_800_000;

/**
 * The upstream version of an installed distribution package (`3.12.8` for Alpine's `python3` 3.12.8-r1, `3.11.2`
 * for Debian's `python3.11` 3.11.2-6+deb12u5): what the interpreters of distro images report about themselves.
 */
export function distroPackageVersion(fs: FsClient, apkName: string, debName: RegExp): string | undefined {
  const apk = readText(fs, '/lib/apk/db/installed');
  const a = apk === undefined ? null : new RegExp(`^P:${apkName.replace(/[.+]/g, '\\$&')}\\nV:([^\\n]+)`, 'm').exec(apk);
  if (a) return a[1]!.replace(/-r\d+$/, '');
  const status = readText(fs, '/var/lib/dpkg/status');
  if (status === undefined) return undefined;
  for (const stanza of status.split('\n\n')) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1];
    if (!name || !debName.test(name) || !/^Status: install ok installed$/m.test(stanza)) continue;
    const v = /^Version: (?:\d+:)?([^\n]+)$/m.exec(stanza)?.[1];
    if (v) return v.replace(/-[^-]*$/, '').replace(/[+~].*$/, '');
  }
  return undefined;
}
