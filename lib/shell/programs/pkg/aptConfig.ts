/**
 * `apt-config dump [key]` and `apt-config shell VAR key[/f|/d]...` (apt 2.6.1): apt's built-in defaults
 * (aptConfigDefaults.ts) plus the container's /etc/apt/apt.conf and /etc/apt/apt.conf.d/* read with apt's syntax.
 */

import type { Program } from '../../../engine/process/Types';
import type { FsClient } from '../../../engine/fs/Types';
import { readText } from './common';
import { APT_CONFIG_POST, APT_CONFIG_PRE } from './aptConfigDefaults';

interface Node {
  readonly name: string;
  value: string;
  readonly children: Node[];
}

/** apt's configuration tree: names match case-insensitively, `::` at the end of a key appends a list item. */
class AptConfiguration {
  readonly root: Node = { name: '', value: '', children: [] };

  find(key: string): Node | undefined {
    let n: Node | undefined = this.root;
    for (const part of key.split('::')) n = n?.children.find((c) => c.name.toLowerCase() === part.toLowerCase());
    return n;
  }

  set(key: string, value: string): void {
    let n = this.root;
    for (const part of key.split('::')) {
      let c = part === '' ? undefined : n.children.find((x) => x.name.toLowerCase() === part.toLowerCase());
      if (!c) {
        c = { name: part, value: '', children: [] };
        n.children.push(c);
      }
      n = c;
    }
    n.value = value;
  }

  /** `#clear Key`: apt empties the node (its items and subkeys) but keeps it. */
  clear(key: string): void {
    const n = this.find(key);
    if (n) n.children.splice(0);
  }

  /** Lines in `dump` form (`Key "value";`), depth first in insertion order. */
  dump(from: readonly Node[] = this.root.children, prefix = ''): string[] {
    const out: string[] = [];
    for (const n of from) {
      const key = prefix === '' ? n.name : `${prefix}::${n.name}`;
      out.push(`${key} "${n.value}";`);
      out.push(...this.dump(n.children, key));
    }
    return out;
  }

  /** FindDir/FindFile: a relative value is taken under its parent's (`Dir::Cache` → `/var/cache/apt/`). */
  resolve(key: string, dir: boolean): string {
    const v = this.find(key)?.value ?? '';
    if (v === '' && !dir) return '';
    const i = key.lastIndexOf('::');
    let full = v;
    if (!v.startsWith('/') && i > 0) {
      const parent = this.resolve(key.slice(0, i), true);
      full = parent === '' ? v : `${parent.replace(/\/?$/, '/')}${v}`;
    }
    return dir && full !== '' && !full.endsWith('/') ? `${full}/` : full;
  }
}

/** Adds one `Key "value";` dump line to the tree. */
function setDumpLine(c: AptConfiguration, line: string): void {
  const m = /^(\S+) "(.*)";$/.exec(line);
  if (m) c.set(m[1]!, m[2]!);
}

/** apt.conf syntax: `Key "value";`, `Key { ... };`, list items `"value";`, `#clear Key;`, comments. */
export function readAptConf(c: AptConfiguration, text: string): void {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1').replace(/^\s*#(?!clear|include).*$/gm, '');
  const tokens = src.match(/"[^"]*"|[{};]|#clear|#include|[^\s{};"]+/g) ?? [];
  const stack: string[] = [];
  const prefix = () => stack.join('::');
  const join = (k: string) => (prefix() === '' ? k : `${prefix()}::${k}`);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '}') stack.pop();
    else if (t === ';' || t === '{') continue;
    else if (t === '#clear') {
      c.clear(join(tokens[++i] ?? ''));
    } else if (t === '#include') i++;
    else if (t.startsWith('"')) c.set(`${prefix()}::`, t.slice(1, -1));
    else if (tokens[i + 1] === '{') {
      stack.push(t.replace(/::$/, ''));
      i++;
    } else if (tokens[i + 1]?.startsWith('"')) {
      c.set(join(t), tokens[i + 1]!.slice(1, -1));
      i++;
    } else c.set(join(t), '');
  }
}

export function loadAptConfiguration(fs: FsClient, commandLine: string): AptConfiguration {
  const c = new AptConfiguration();
  for (const l of APT_CONFIG_PRE) setDumpLine(c, l);
  let parts: string[] = [];
  try {
    parts = fs.readdir('/etc/apt/apt.conf.d').filter((n) => /^[A-Za-z0-9_.-]+$/.test(n) && !/\.(disabled|bak|save|orig|distUpgrade)$|~$|\.dpkg-[a-z]+$|\.ucf-[a-z]+$/.test(n)).sort();
  } catch {
    /* no parts directory */
  }
  for (const n of parts) readAptConf(c, readText(fs, `/etc/apt/apt.conf.d/${n}`) ?? '');
  readAptConf(c, readText(fs, '/etc/apt/apt.conf') ?? '');
  // A scalar Acquire::Languages becomes a one-item list; the other POST groups apply only where still unset.
  const langs = c.find('Acquire::Languages');
  if (langs && langs.children.length === 0 && langs.value !== '') {
    const v = langs.value;
    langs.value = '';
    c.set('Acquire::Languages::', v);
  }
  const groups = new Map<string, string[]>();
  for (const l of APT_CONFIG_POST) {
    const key = l.split(' ')[0]!;
    const group = key.split('::').slice(0, key.startsWith('Binary') ? 1 : 2).join('::');
    groups.set(group, [...(groups.get(group) ?? []), l]);
  }
  for (const [group, lines] of groups) if (!c.find(group)) for (const l of lines) setDumpLine(c, l);
  c.set('CommandLine::AsString', commandLine);
  return c;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

export const aptConfig: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const [cmd, ...rest] = args;
  const c = loadAptConfiguration(ctx.fs, ctx.argv.join(' '));
  if (cmd === 'dump') {
    const sub = rest[0];
    const node = sub ? c.find(sub) : undefined;
    const lines = sub ? (node ? [`${sub} "${node.value}";`, ...c.dump(node.children, sub)] : []) : c.dump();
    await ctx.stdout.write(lines.map((l) => `${l}\n`).join(''));
    return 0;
  }
  if (cmd === 'shell') {
    if (rest.length % 2 !== 0) {
      await ctx.stderr.write('E: Arguments not in pairs\n');
      return 100;
    }
    let out = '';
    for (let i = 0; i < rest.length; i += 2) {
      const [key, kind] = rest[i + 1]!.split('/') as [string, string | undefined];
      if (!c.find(key)) continue;
      const v = kind === 'd' ? c.resolve(key, true) : kind === 'f' ? c.resolve(key, false) : c.find(key)!.value;
      out += `${rest[i]}=${shellQuote(v)}\n`;
    }
    await ctx.stdout.write(out);
    return 0;
  }
  if (cmd === undefined) {
    await ctx.stderr.write('E: No operation specified\n');
    return 100;
  }
  await ctx.stderr.write(`E: Invalid operation ${cmd}\n`);
  return 100;
};
