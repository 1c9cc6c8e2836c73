/**
 * The work tree as git sees it: its files (not `.git`), minus what `.gitignore` files and `.git/info/exclude`
 * exclude, with gitignore(5)'s pattern rules (anchoring, `dir/`, `!negation`, `*`, `?`, `[...]`, `**`).
 */
import type { FsClient, Stat } from '../../../engine/fs/Types';
import { readTextOrNull } from './repo';

interface Rule {
  /** Directory (relative to the work tree, `` or `src/`) whose .gitignore holds the rule. */
  readonly base: string;
  readonly re: RegExp;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  /** Patterns without a slash match a name at any depth; others the path below `base`. */
  readonly anchored: boolean;
}

function globSource(glob: string): string {
  let s = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === glob.length) s += '.*';
          else {
            s += '(?:.*/)?';
            i++;
          }
          i++;
          continue;
        }
      }
      s += '[^/]*';
    } else if (c === '?') s += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) s += '\\[';
      else {
        let cls = glob.slice(i + 1, end);
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        s += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) s += `\\${glob[++i]!}`;
    else s += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return s;
}

export function parseIgnore(text: string, base: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of text.split('\n')) {
    line = line.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      line = line.slice(0, -1);
    }
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    rules.push({ base, re: new RegExp(`^${globSource(line)}$`), negate, dirOnly, anchored });
  }
  return rules;
}

/** The ignore rules in force, grown as the walk enters directories. */
export class Ignores {
  private readonly _rules: Rule[] = [];
  private readonly _loaded = new Set<string>();

  constructor(
    private readonly _fs: FsClient,
    private readonly _root: string,
    gitDir: string,
  ) {
    this._rules.push(...parseIgnore(readTextOrNull(_fs, `${gitDir}/info/exclude`) ?? '', ''));
  }

  /** Loads `dir/.gitignore` (dir relative, `` or `src/`) once. */
  load(dir: string): void {
    if (this._loaded.has(dir)) return;
    this._loaded.add(dir);
    const text = readTextOrNull(this._fs, `${this._root === '/' ? '' : this._root}/${dir}.gitignore`);
    if (text !== null) this._rules.push(...parseIgnore(text, dir));
  }

  /** Whether `path` (relative, no trailing slash) is ignored, its parent directories included. */
  ignored(path: string, isDir: boolean): boolean {
    const parts = path.split('/');
    let prefix = '';
    for (let i = 0; i < parts.length; i++) {
      this.load(prefix);
      const p = parts.slice(0, i + 1).join('/');
      const last = i === parts.length - 1;
      if (this.matches(p, last ? isDir : true)) return true;
      prefix = `${p}/`;
    }
    return false;
  }

  private matches(path: string, isDir: boolean): boolean {
    let result = false;
    for (const r of this._rules) {
      if (r.base !== '' && !path.startsWith(r.base)) continue;
      if (r.dirOnly && !isDir) continue;
      const rel = path.slice(r.base.length);
      const subject = r.anchored ? rel : rel.slice(rel.lastIndexOf('/') + 1);
      if (r.re.test(subject)) result = !r.negate;
    }
    return result;
  }
}

export interface WorkFile {
  readonly path: string;
  readonly stat: Stat;
}

/**
 * The work tree's files that are not ignored (the candidates for "untracked"), sorted by path. `under` limits the
 * walk to one directory (relative, `` for all).
 */
export function walkWorkTree(fs: FsClient, root: string, ignores: Ignores, under = ''): WorkFile[] {
  const out: WorkFile[] = [];
  const abs = (rel: string) => `${root === '/' ? '' : root}/${rel}`;
  const walk = (dir: string): void => {
    ignores.load(dir);
    let names: string[];
    try {
      names = fs.readdir(abs(dir).replace(/\/$/, '') || '/');
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.git') continue;
      const rel = `${dir}${name}`;
      let st: Stat;
      try {
        st = fs.lstat(abs(rel));
      } catch {
        continue;
      }
      if (st.type === 'dir') {
        if (!ignores.ignored(rel, true)) walk(`${rel}/`);
      } else if ((st.type === 'file' || st.type === 'symlink') && !ignores.ignored(rel, false)) out.push({ path: rel, stat: st });
    }
  };
  if (under === '') walk('');
  else {
    try {
      const st = fs.lstat(abs(under));
      if (st.type === 'dir') {
        if (!ignores.ignored(under, true)) walk(`${under}/`);
      } else if (!ignores.ignored(under, false)) out.push({ path: under, stat: st });
    } catch {
      // nothing there
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
