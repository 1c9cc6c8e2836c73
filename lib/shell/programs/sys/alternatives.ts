/**
 * update-alternatives (dpkg): --install LINK NAME PATH PRIORITY, --set, --auto, --remove, --display and --list,
 * keeping dpkg's administrative file (/var/lib/dpkg/alternatives/NAME), the /etc/alternatives/NAME symlink and the
 * LINK symlink to it. Slave links (--slave) are not handled.
 */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { decodeText, encodeText } from '../../../engine/process/text';

interface Group {
  mode: 'auto' | 'manual';
  link: string;
  choices: { path: string; priority: number }[];
}

export const updateAlternatives: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let altdir = '/etc/alternatives';
  let admindir = '/var/lib/dpkg/alternatives';
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--altdir') altdir = args[++i] ?? altdir;
    else if (args[i] === '--admindir') admindir = args[++i] ?? admindir;
    else if (args[i] === '--quiet' || args[i] === '--verbose' || args[i] === '--force') continue;
    else rest.push(args[i]!);
  }
  const out = (s: string) => ctx.stdout.write(s);
  const fail = async (msg: string) => {
    await ctx.stderr.write(`update-alternatives: error: ${msg}\n`);
    return 2;
  };
  const load = (name: string): Group | null => {
    try {
      const lines = decodeText(ctx.fs.readFile(`${admindir}/${name}`)).split('\n');
      const g: Group = { mode: lines[0] === 'manual' ? 'manual' : 'auto', link: lines[1]!, choices: [] };
      for (let i = 3; i + 1 < lines.length && lines[i] !== ''; i += 2) g.choices.push({ path: lines[i]!, priority: Number(lines[i + 1]) });
      return g;
    } catch {
      return null;
    }
  };
  const current = (name: string): string | null => {
    try {
      return ctx.fs.readlink(`${altdir}/${name}`);
    } catch {
      return null;
    }
  };
  const best = (g: Group) => [...g.choices].sort((a, b) => b.priority - a.priority)[0];
  const save = (name: string, g: Group, target: string | null) => {
    ensureDir(ctx, admindir);
    ensureDir(ctx, altdir);
    g.choices.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const text = `${g.mode}\n${g.link}\n\n${g.choices.map((c) => `${c.path}\n${c.priority}\n`).join('')}\n`;
    ctx.fs.writeFile(`${admindir}/${name}`, encodeText(text), { mode: 0o644 });
    const alt = `${altdir}/${name}`;
    try {
      ctx.fs.unlink(alt);
    } catch {
      // first time
    }
    if (target) ctx.fs.symlink(target, alt);
    try {
      if (ctx.fs.lstat(g.link).type === 'symlink') ctx.fs.unlink(g.link);
    } catch {
      // no link yet
    }
    try {
      ctx.fs.lstat(g.link);
    } catch {
      ctx.fs.symlink(alt, g.link);
    }
  };
  if (ctx.cred.uid !== 0 && ['--install', '--set', '--auto', '--remove'].includes(rest[0] ?? '')) return fail(`unable to create file '${admindir}/${rest[2] ?? rest[1]}.dpkg-tmp': Permission denied`);
  const [action, ...ops] = rest;
  if (action === '--install') {
    const [link, name, path, prio] = ops;
    if (!link || !name || !path || prio === undefined) return fail('--install needs <link> <name> <path> <priority>');
    if (!/^-?\d+$/.test(prio)) return fail(`priority must be an integer`);
    try {
      ctx.fs.stat(path);
    } catch {
      return fail(`alternative path ${path} doesn't exist`);
    }
    const g = load(name) ?? { mode: 'auto', link, choices: [] };
    g.link = link;
    g.choices = g.choices.filter((c) => c.path !== path).concat({ path, priority: Number(prio) });
    const target = g.mode === 'auto' ? best(g)!.path : (current(name) ?? best(g)!.path);
    const before = current(name);
    save(name, g, target);
    if (before !== target) await out(`update-alternatives: using ${target} to provide ${link} (${name}) in ${g.mode} mode\n`);
    return 0;
  }
  if (action === '--set') {
    const [name, path] = ops;
    const g = name ? load(name) : null;
    if (!g) return fail(`no alternatives for ${name}`);
    if (!g.choices.some((c) => c.path === path)) return fail(`alternative ${path} for ${name} not registered; not setting`);
    g.mode = 'manual';
    save(name!, g, path!);
    await out(`update-alternatives: using ${path} to provide ${g.link} (${name}) in manual mode\n`);
    return 0;
  }
  if (action === '--auto') {
    const name = ops[0];
    const g = name ? load(name) : null;
    if (!g) return fail(`no alternatives for ${name}`);
    g.mode = 'auto';
    const target = best(g)!.path;
    const changed = current(name!) !== target;
    save(name!, g, target);
    if (changed) await out(`update-alternatives: using ${target} to provide ${g.link} (${name}) in auto mode\n`);
    return 0;
  }
  if (action === '--remove') {
    const [name, path] = ops;
    const g = name ? load(name) : null;
    if (!g) return fail(`no alternatives for ${name}`);
    g.choices = g.choices.filter((c) => c.path !== path);
    if (g.choices.length === 0) {
      for (const p of [`${admindir}/${name}`, `${altdir}/${name}`, g.link])
        try {
          ctx.fs.unlink(p);
        } catch {
          // already gone
        }
      return 0;
    }
    const target = current(name!) === path || g.mode === 'auto' ? best(g)!.path : current(name!);
    if (current(name!) === path) g.mode = 'auto';
    save(name!, g, target);
    return 0;
  }
  if (action === '--display' || action === '--query' || action === '--list') {
    const name = ops[0];
    const g = name ? load(name) : null;
    if (!g) return fail(`no alternatives for ${name}`);
    if (action === '--list') {
      await out(g.choices.map((c) => `${c.path}\n`).join(''));
      return 0;
    }
    let text = `${name} - ${g.mode} mode\n  link best version is ${best(g)!.path}\n  link currently points to ${current(name!) ?? ''}\n  link ${name} is ${g.link}\n`;
    for (const c of g.choices) text += `${c.path} - priority ${c.priority}\n`;
    await out(text);
    return 0;
  }
  return fail('need --display, --query, --list, --get-selections, --config, --set, --set-selections, --install, --remove, --all, --remove-all or --auto');
};

function ensureDir(ctx: ProcessContext, dir: string): void {
  let path = '';
  for (const part of dir.split('/').filter((p) => p !== '')) {
    path += `/${part}`;
    try {
      ctx.fs.stat(path);
    } catch {
      ctx.fs.mkdir(path, 0o755);
    }
  }
}
