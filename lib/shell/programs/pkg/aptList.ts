/**
 * `apt list [--installed|--upgradable|--manual-installed] [pattern...]` as apt 2.6.1 prints it to a pipe
 * (checked on this machine's apt with a private Dir::State): `Listing...`, then one line per package, by name:
 * `name/archive[,now] version arch [state]`. Patterns are shell globs on the name.
 */

import type { DebArchive } from '../../../engine/packages/PackageCatalog';
import { compareDebVersions } from './debVersion';
import type { Stanza } from './dpkgStatus';

export interface ListFilter {
  readonly installed: boolean;
  readonly upgradable: boolean;
  readonly manual: boolean;
}

export interface ListInput {
  /** dpkg's installed stanzas. */
  readonly installed: readonly Stanza[];
  /** The archive when the lists are there; the image's own packages count as in it at their installed version. */
  readonly archive: DebArchive | undefined;
  /** Auto-Installed names (extended_states). */
  readonly auto: ReadonlySet<string>;
  /** The archive name a catalog suite is shown under (`bookworm-security` → `jammy-security`). */
  readonly archiveName: (debSuite: string) => string;
  /** On a terminal apt paints the names green (APT::Color::Highlight, checked with apt 2.6.1 under script(1)). */
  readonly tty: boolean;
}

/** fnmatch(3) without flags: `*`, `?`, `[...]`. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function aptListLines(input: ListInput, filter: ListFilter, patterns: readonly string[]): string {
  const res = patterns.map(globToRegExp);
  const installed = new Map(input.installed.map((s) => [s.name, s]));
  const names = new Set([...installed.keys(), ...(input.archive?.index.packages.map((p) => p.name) ?? [])]);
  let out = '';
  for (const name of [...names].sort()) {
    if (res.length > 0 && !res.some((r) => r.test(name))) continue;
    const st = installed.get(name);
    const iv = st?.fields.get('Version');
    const p = input.archive?.get(name);
    // Without lists apt knows no archive; with them, image packages the catalog lacks are in the release pocket.
    const candidate = p ? { version: p.version, arch: p.arch, archive: input.archiveName(p.suite) } : st && input.archive ? { version: iv!, arch: st.fields.get('Architecture') ?? 'amd64', archive: input.archiveName('bookworm') } : undefined;
    const arch = st?.fields.get('Architecture') ?? candidate?.arch ?? 'amd64';
    const newer = candidate !== undefined && iv !== undefined && compareDebVersions(candidate.version, iv) > 0;
    const auto = input.auto.has(name);
    const shown = input.tty ? `\x1b[32m${name}\x1b[0m` : name;
    if (filter.upgradable) {
      if (newer) out += `${shown}/${candidate.archive} ${candidate.version} ${candidate.arch} [upgradable from: ${iv}]\n`;
      continue;
    }
    if ((filter.installed || filter.manual) && !st) continue;
    if (filter.manual && auto) continue;
    if (st && iv !== undefined) {
      if (newer && filter.installed) out += `${shown}/now ${iv} ${arch} [installed,upgradable to: ${candidate.version}]\n`;
      else if (newer) out += `${shown}/${candidate.archive} ${candidate.version} ${candidate.arch} [upgradable from: ${iv}]\n`;
      else if (candidate?.version === iv) out += `${shown}/${candidate.archive},now ${iv} ${arch} [installed${auto ? ',automatic' : ''}]\n`;
      else out += `${shown}/now ${iv} ${arch} [installed,local]\n`;
    } else if (candidate) out += `${shown}/${candidate.archive} ${candidate.version} ${candidate.arch}\n`;
  }
  return out;
}
