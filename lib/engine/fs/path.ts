/** POSIX path arithmetic on strings (no filesystem access). All results use `/` and no trailing slash except `/`. */

/** Collapses `//`, `.` and `..` lexically; keeps a relative path relative. `normalize('')` is `.`. */
export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (absolute) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Absolute form of `path` seen from directory `cwd` (lexical, like the shell's `cd -L`). */
export function resolvePath(cwd: string, path: string): string {
  if (path.startsWith('/')) return normalize(path);
  return normalize(`${cwd}/${path}`);
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

/** `dirname(1)`: `/a/b` → `/a`, `a` → `.`, `/` → `/`. */
export function dirname(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '.';
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  const d = p.slice(0, i).replace(/\/+$/, '');
  return d === '' ? '/' : d;
}

/** `basename(1)` without suffix handling: `/a/b/` → `b`, `/` → `/`. */
export function basename(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '';
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Path components of an absolute or relative path, without empty parts. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}
