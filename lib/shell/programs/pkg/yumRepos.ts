/**
 * The repositories libdnf (dnf, microdnf) reads from /etc/yum.repos.d/*.repo: INI sections, `enabled` (default on),
 * `baseurl` with $releasever/$basearch and the variables of /etc/dnf/vars ($ociregion, $ocidomain on Oracle Linux)
 * substituted; --enablerepo/--disablerepo take ids or globs, applied in order.
 */

import type { FsClient } from '../../../engine/fs/Types';
import { readText } from './common';

export interface RepoConf {
  readonly id: string;
  readonly name: string;
  readonly baseurl: string;
  readonly enabled: boolean;
}

function listDir(fs: FsClient, dir: string): string[] {
  try {
    return fs.readdir(dir).sort();
  } catch {
    return [];
  }
}

/** $releasever and $basearch plus /etc/dnf/vars; Oracle Linux ships ocidomain=oracle.com and an empty ociregion. */
function repoVars(fs: FsClient, releasever: string): Map<string, string> {
  const vars = new Map<string, string>([['releasever', releasever], ['basearch', 'x86_64'], ['arch', 'x86_64']]);
  for (const n of listDir(fs, '/etc/dnf/vars')) vars.set(n, (readText(fs, `/etc/dnf/vars/${n}`) ?? '').trim());
  if (!vars.has('ocidomain')) vars.set('ocidomain', 'oracle.com');
  if (!vars.has('ociregion')) vars.set('ociregion', '');
  return vars;
}

export function readRepos(fs: FsClient, releasever: string): RepoConf[] {
  const vars = repoVars(fs, releasever);
  const subst = (s: string) => s.replace(/\$(\w+)/g, (m, k: string) => vars.get(k) ?? m);
  const out: RepoConf[] = [];
  for (const file of listDir(fs, '/etc/yum.repos.d').filter((f) => f.endsWith('.repo'))) {
    let cur: { id: string; name: string; baseurl: string; enabled: boolean } | undefined;
    for (const raw of (readText(fs, `/etc/yum.repos.d/${file}`) ?? '').split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      const sec = /^\[(.+)\]$/.exec(line);
      if (sec) {
        if (cur) out.push(cur);
        cur = { id: sec[1]!, name: sec[1]!, baseurl: '', enabled: true };
        continue;
      }
      const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
      if (!kv || !cur) continue;
      const [, k, v] = kv as unknown as [string, string, string];
      if (k === 'name') cur.name = subst(v);
      else if (k === 'baseurl') cur.baseurl = subst(v);
      else if (k === 'enabled') cur.enabled = /^(1|yes|true|on)$/i.test(v);
    }
    if (cur) out.push(cur);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A repo id glob (`ol8_*`) as a RegExp. */
function globRe(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** The enabled set after --enablerepo/--disablerepo (`e:id` / `d:id` in command-line order). */
export function applyRepoSwitches(repos: readonly RepoConf[], switches: readonly string[]): RepoConf[] {
  let out = repos.map((r) => ({ ...r }));
  for (const s of switches) {
    const enable = s.startsWith('e:');
    const re = globRe(s.slice(2));
    out = out.map((r) => (re.test(r.id) ? { ...r, enabled: enable } : r));
  }
  return out;
}

/** The 16 hex digits libdnf appends to a repository's cache directory name (a hash of its URL; ours, not libdnf's). */
export function repoHash(url: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < url.length; i++) {
    h1 = Math.imul(h1 ^ url.charCodeAt(i), 0x01000193);
    h2 = Math.imul(h2 ^ url.charCodeAt(i), 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
