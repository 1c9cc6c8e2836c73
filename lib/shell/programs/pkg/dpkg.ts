/** `dpkg -l [pattern]`, `dpkg -L pkg`, `dpkg -s pkg` and `dpkg -S pattern` over /var/lib/dpkg (what apt-get install writes). */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { readText } from './common';
import { DpkgDb } from './dpkgStatus';

export function globToRegExp(g: string): RegExp {
  return new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

export const dpkg: Program = async (ctx) => {
  const [, op, ...rest] = ctx.argv;
  const db = new DpkgDb(ctx.fs);
  if (op === '-l' || op === '--list') {
    const pats = rest.map(globToRegExp);
    const rows = db.stanzas
      .filter((s) => (s.fields.get('Status') ?? '').endsWith(' installed'))
      .filter((s) => pats.length === 0 || pats.some((p) => p.test(s.name)))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((s) => {
        const arch = s.fields.get('Architecture') ?? '';
        const name = s.fields.get('Multi-Arch') === 'same' ? `${s.name}:${arch}` : s.name;
        return { want: (s.fields.get('Status') ?? '').startsWith('hold ') ? 'h' : 'i', name, version: s.fields.get('Version') ?? '', arch, desc: (s.fields.get('Description') ?? '').split('\n')[0]! };
      });
    // Patterns that match nothing are named after the listing (which is printed when anything matched).
    const installed = db.stanzas.filter((s) => (s.fields.get('Status') ?? '').endsWith(' installed'));
    const missing = rest.filter((_r, i) => !installed.some((s) => pats[i]!.test(s.name)));
    const report = async () => {
      for (const m of missing) await ctx.stderr.write(`dpkg-query: no packages found matching ${m}\n`);
      return missing.length > 0 ? 1 : 0;
    };
    if (rows.length === 0 && rest.length > 0) return report();
    // dpkg-query sizes its columns to the widest entry (without a terminal: name ≥ 14, version ≥ 12, arch ≥ 12).
    const nw = Math.max(14, ...rows.map((r) => r.name.length));
    const vw = Math.max(12, ...rows.map((r) => r.version.length));
    const aw = Math.max(12, ...rows.map((r) => r.arch.length));
    let out = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';
    out += `||/ ${'Name'.padEnd(nw)} ${'Version'.padEnd(vw)} ${'Architecture'.padEnd(aw)} Description\n`;
    out += `+++-${'='.repeat(nw)}-${'='.repeat(vw)}-${'='.repeat(aw)}-${'='.repeat(Math.max(14, 80 - nw - vw - aw - 7))}\n`;
    for (const r of rows) out += `${r.want}i  ${r.name.padEnd(nw)} ${r.version.padEnd(vw)} ${r.arch.padEnd(aw)} ${r.desc}\n`;
    await ctx.stdout.write(out);
    return report();
  }
  if ((op === '-L' || op === '--listfiles') && rest.length > 0) {
    let status = 0;
    for (const name of rest) {
      const st = db.installed(name);
      const text = st ? readText(ctx.fs, DpkgDb.listPath(name, st.fields.get('Multi-Arch') === 'same')) : undefined;
      if (!st || text === undefined) {
        await ctx.stderr.write(`dpkg-query: package '${name}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n`);
        status = 1;
        continue;
      }
      await ctx.stdout.write(text);
    }
    return status;
  }
  if (op === '-S' || op === '--search') return search(ctx, db, rest);
  if (op === '--print-architecture') {
    await ctx.stdout.write('amd64\n');
    return 0;
  }
  if ((op === '-s' || op === '--status') && rest.length > 0) {
    let status = 0;
    for (const name of rest) {
      const st = db.installed(name);
      if (!st) {
        await ctx.stderr.write(`dpkg-query: package '${name}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n`);
        status = 1;
        continue;
      }
      await ctx.stdout.write(`${st.text}\n\n`);
    }
    return status;
  }
  await ctx.stderr.write("dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !\n");
  return 2;
};

/**
 * dpkg-query --search: a pattern without glob characters that does not start with '/' matches as a substring
 * (dpkg wraps it in `*…*`); an absolute one must be the whole path; glob patterns match whole paths, `*` crossing
 * '/' as fnmatch without FNM_PATHNAME does. Each match prints the packages owning it, most recently loaded first
 * (dpkg prepends owners as it reads the database: here in reverse name order), then the path.
 */
async function search(ctx: ProcessContext, db: DpkgDb, patterns: readonly string[]): Promise<number> {
  if (patterns.length === 0) {
    await ctx.stderr.write('dpkg-query: error: --search needs at least one file name pattern argument\n\nUse --help for help about querying packages.\n');
    return 2;
  }
  const owners = new Map<string, string[]>();
  const installed = db.stanzas.filter((s) => (s.fields.get('Status') ?? '').endsWith(' installed')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const s of installed) {
    const multi = s.fields.get('Multi-Arch') === 'same';
    const text = readText(ctx.fs, DpkgDb.listPath(s.name, multi));
    if (text === undefined) continue;
    const label = multi ? `${s.name}:${s.fields.get('Architecture') ?? 'amd64'}` : s.name;
    for (const path of text.split('\n')) {
      if (path === '') continue;
      const list = owners.get(path);
      if (list) list.unshift(label);
      else owners.set(path, [label]);
    }
  }
  let status = 0;
  for (const pattern of patterns) {
    const glob = /[*?[\\]/.test(pattern);
    let want = !glob && !pattern.startsWith('/') ? `*${pattern}*` : pattern;
    if (want.length > 1 && want.endsWith('/')) want = want.replace(/\/+$/, '') || '/';
    const re = /[*?[]/.test(want) ? globToRegExp(want) : null;
    let out = '';
    for (const [path, pkgs] of owners) if (re ? re.test(path) : path === want) out += `${pkgs.join(', ')}: ${path}\n`;
    if (out === '') {
      await ctx.stderr.write(`dpkg-query: no path found matching pattern ${pattern}\n`);
      status = 1;
      continue;
    }
    await ctx.stdout.write(out);
  }
  return status;
}
