/** `dpkg-query -W [-f=FORMAT] [pattern...]`; -l, -L and -s are dpkg's own (dpkg hands them to dpkg-query). */

import type { Program } from '../../../engine/process/Types';
import { dpkg, globToRegExp } from './dpkg';
import { DpkgDb, type Stanza } from './dpkgStatus';

const DEFAULT_FORMAT = '${binary:Package}\\t${Version}\\n';

/** dpkg's status abbreviation: desired (u/i/h/r/p), status (n/i/c/u/f/h/W/t), error flag. */
const WANT: Record<string, string> = { unknown: 'u', install: 'i', hold: 'h', deinstall: 'r', purge: 'p' };
const STATE: Record<string, string> = { 'not-installed': 'n', installed: 'i', 'config-files': 'c', unpacked: 'U', 'half-configured': 'F', 'half-installed': 'H', 'triggers-awaited': 'W', 'triggers-pending': 't' };

function field(s: Stanza, name: string): string {
  if (name === 'binary:Package') return s.fields.get('Multi-Arch') === 'same' ? `${s.name}:${s.fields.get('Architecture') ?? ''}` : s.name;
  if (name === 'binary:Summary') return (s.fields.get('Description') ?? '').split('\n')[0]!;
  if (name === 'db:Status-Abbrev') {
    const [want = '', , state = ''] = (s.fields.get('Status') ?? '').split(' ');
    return `${WANT[want] ?? 'u'}${STATE[state] ?? 'n'} `;
  }
  for (const [k, v] of s.fields) if (k.toLowerCase() === name.toLowerCase()) return v;
  return '';
}

/** dpkg-query's --showformat: `${Field}` or `${Field;width}` (negative: left-aligned) and backslash escapes. */
export function showFormat(format: string, s: Stanza): string {
  return format.replace(/\$\{([^};]+)(?:;(-?\d+))?\}|\\(.)/g, (_m, name: string | undefined, width: string | undefined, esc: string | undefined) => {
    if (esc !== undefined) return esc === 'n' ? '\n' : esc === 't' ? '\t' : esc;
    const v = field(s, name!);
    if (width === undefined) return v;
    const w = Number(width);
    return w < 0 ? v.padEnd(-w) : v.padStart(w);
  });
}

export const dpkgQuery: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let format = DEFAULT_FORMAT;
  let show = false;
  const pats: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-W' || a === '--show') show = true;
    else if (a === '-f' || a === '--showformat') format = args[++i] ?? '';
    else if (a.startsWith('--showformat=')) format = a.slice('--showformat='.length);
    else if (a.startsWith('-f') && a.length > 2) format = a.slice(2).replace(/^=/, '');
    else if (!show) return dpkg({ ...ctx, argv: ['dpkg', ...args] });
    else pats.push(a);
  }
  if (!show) {
    await ctx.stderr.write('dpkg-query: error: need an action option\n\nUse --help for help about querying packages.\n');
    return 2;
  }
  const db = new DpkgDb(ctx.fs);
  const sorted = [...db.stanzas].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // dpkg-query walks the database once (sorted by name), then names the patterns nothing matched.
  const res = pats.map((p) => globToRegExp(p.replace(/:amd64$/, '')));
  const hits = sorted.filter((s) => res.length === 0 || res.some((r) => r.test(s.name)));
  await ctx.stdout.write(hits.map((s) => showFormat(format, s)).join(''));
  const missing = pats.filter((_p, i) => !sorted.some((s) => res[i]!.test(s.name)));
  for (const p of missing) await ctx.stderr.write(`dpkg-query: no packages found matching ${p}\n`);
  return missing.length > 0 ? 1 : 0;
};
