/**
 * tree: list a directory tree with box-drawing branches, as tree 2.x prints it (`.` root, `├── `, `└── `,
 * `│` + two no-break spaces + a space (tree's UTF-8 line), a final `N directories, M files` that counts each root directory too, and symlinks to directories as
 * directories). Options: -a -d -L LEVEL -f -F -i --noreport --dirsfirst -r -t.
 */

import type { Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { joinDisplay } from './lib/fsutil';
import { Tool } from './lib/tool';

export const tree: Program = async (ctx) => {
  const t = new Tool(ctx);
  const args = ctx.argv.slice(1);
  const opts = { all: false, dirsOnly: false, level: Infinity, fullPath: false, classify: false, noIndent: false, report: true, dirsFirst: false, reverse: false, byTime: false };
  const roots: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      roots.push(...args.slice(i + 1));
      break;
    }
    if (a === '--help') {
      await ctx.stdout.write(t.usageText());
      return 0;
    }
    if (a === '--noreport') opts.report = false;
    else if (a === '--dirsfirst') opts.dirsFirst = true;
    else if (a.startsWith('--')) {
      await ctx.stderr.write(`tree: Invalid argument \`${a}'.\n${t.usageText().split('\n\nThis is')[0]}\n`);
      return 1;
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'a') opts.all = true;
        else if (c === 'd') opts.dirsOnly = true;
        else if (c === 'f') opts.fullPath = true;
        else if (c === 'F') opts.classify = true;
        else if (c === 'i') opts.noIndent = true;
        else if (c === 'r') opts.reverse = true;
        else if (c === 't') opts.byTime = true;
        else if (c === 'L') {
          const v = a.slice(j + 1) || args[++i];
          const n = Number(v);
          if (v === undefined || !Number.isInteger(n) || n < 1) {
            await ctx.stderr.write('tree: Invalid level, must be greater than 0.\n');
            return 1;
          }
          opts.level = n;
          break;
        } else {
          await ctx.stderr.write(`tree: Invalid argument -\`${c}'.\n${t.usageText().split('\n\nThis is')[0]}\n`);
          return 1;
        }
      }
    } else roots.push(a);
  }
  if (roots.length === 0) roots.push('.');

  let dirs = 0;
  let files = 0;
  let status = 0;

  const indicator = (st: Stat) =>
    !opts.classify ? '' : st.type === 'dir' ? '/' : st.type === 'symlink' ? '' : st.type === 'fifo' ? '|' : st.type === 'socket' ? '=' : st.type === 'file' && st.mode & 0o111 ? '*' : '';

  async function list(path: string, display: string, prefix: string, depth: number): Promise<void> {
    let names: string[];
    try {
      names = ctx.fs.readdir(path);
    } catch {
      return;
    }
    if (!opts.all) names = names.filter((n) => !n.startsWith('.'));
    const entries: { name: string; path: string; st: Stat; isDir: boolean }[] = [];
    for (const n of names) {
      const p = path === '/' ? `/${n}` : `${path}/${n}`;
      let st: Stat;
      try {
        st = ctx.fs.lstat(p);
      } catch {
        continue;
      }
      let isDir = st.type === 'dir';
      if (st.type === 'symlink') {
        try {
          isDir = ctx.fs.stat(p).type === 'dir';
        } catch {
          isDir = false;
        }
      }
      if (opts.dirsOnly && !isDir) continue;
      entries.push({ name: n, path: p, st, isDir });
    }
    if (opts.byTime) entries.sort((a, b) => a.st.mtimeMs - b.st.mtimeMs);
    if (opts.reverse) entries.reverse();
    if (opts.dirsFirst) entries.sort((a, b) => Number(b.isDir) - Number(a.isDir));
    for (let i = 0; i < entries.length; i++) {
      await ctx.checkpoint();
      const e = entries[i]!;
      const last = i === entries.length - 1;
      const shownName = opts.fullPath ? joinDisplay(display, e.name) : e.name;
      let line = opts.noIndent ? shownName : `${prefix}${last ? '└── ' : '├── '}${shownName}`;
      if (e.st.type === 'symlink') {
        let target = '';
        try {
          target = ctx.fs.readlink(e.path);
        } catch {
          target = '';
        }
        line += ` -> ${target}`;
        if (opts.classify && e.isDir) line += '/';
      } else line += indicator(e.st);
      let readable = true;
      if (e.st.type === 'dir' && depth + 1 < opts.level) {
        try {
          ctx.fs.readdir(e.path);
        } catch {
          readable = false;
          line += '  [error opening dir]';
        }
      }
      await ctx.stdout.write(line + '\n');
      if (e.isDir) dirs++;
      else files++;
      if (readable && e.st.type === 'dir' && depth + 1 < opts.level) {
        await list(e.path, joinDisplay(display, e.name), prefix + (last ? '    ' : '│\u00a0\u00a0 '), depth + 1);
      }
    }
  }

  for (const root of roots) {
    const path = t.abs(root);
    let st: Stat | null = null;
    try {
      st = ctx.fs.stat(path);
    } catch {
      st = null;
    }
    if (!st) {
      await ctx.stdout.write(`${root}  [error opening dir]\n`);
      status = 2;
      continue;
    }
    if (st.type !== 'dir') {
      await ctx.stdout.write(`${root}\n`);
      status = Math.max(status, 0);
      files++;
      continue;
    }
    await ctx.stdout.write(`${root}${opts.classify && !root.endsWith('/') ? '/' : ''}\n`);
    dirs++;
    try {
      ctx.fs.readdir(path);
    } catch {
      await ctx.stdout.write(`${root}  [error opening dir]\n`);
      continue;
    }
    await list(path, root, '', 0);
  }
  if (opts.report) {
    const d = `${dirs} director${dirs === 1 ? 'y' : 'ies'}`;
    await ctx.stdout.write(opts.dirsOnly ? `\n${d}\n` : `\n${d}, ${files} file${files === 1 ? '' : 's'}\n`);
  }
  return status;
};
