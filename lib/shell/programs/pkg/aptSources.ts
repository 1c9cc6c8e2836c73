/**
 * apt's list of sources, read the way apt 2.x reads it: /etc/apt/sources.list (one-line `deb [opts] URI suite
 * comp...`) and then /etc/apt/sources.list.d/ in name order (`*.list` one-line, `*.sources` deb822 stanzas with
 * Types/URIs/Suites/Components/Enabled). Error texts are apt 2.6.1's, checked on the host's apt with a private
 * Dir::Etc (`apt-get -o Dir::Etc=/tmp/x update`).
 */

import type { FsClient } from '../../../engine/fs/Types';
import { readText } from './common';

const SOURCES_LIST = '/etc/apt/sources.list';
const SOURCES_DIR = '/etc/apt/sources.list.d';

/** One repository apt fetches: an InRelease for `uri suite` and a Packages index per component. */
export interface AptSource {
  /** The URI as apt prints it (no trailing slash). */
  readonly uri: string;
  readonly suite: string;
  readonly components: readonly string[];
}

export type SourcesResult = { readonly ok: true; readonly sources: readonly AptSource[] } | { readonly ok: false; readonly error: string };

/** What `E: ...` lines apt prints for an unreadable list (followed by `The list of sources could not be read.`). */
class SourcesError extends Error {}

interface Entry {
  readonly uri: string;
  readonly suite: string;
  readonly components: readonly string[];
}

/** One-line format: `#` starts a comment anywhere; `[ key=value ... ]` options follow the type. */
function parseOneLine(text: string, file: string): Entry[] {
  const out: Entry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const n = i + 1;
    let rest = line;
    const type = /^\S+/.exec(rest)![0];
    rest = rest.slice(type.length).trim();
    if (rest === '') throw new SourcesError(`Malformed line ${n} in source list ${file} (type)`);
    if (type !== 'deb' && type !== 'deb-src') throw new SourcesError(`Type '${type}' is not known on line ${n} in source list ${file}`);
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      const opts = (close < 0 ? rest.slice(1) : rest.slice(1, close)).trim().split(/\s+/).filter((o) => o !== '');
      // apt's checks, in its order, for each `key=value` (`key+=`/`key-=` add and remove values).
      for (const o of opts) {
        const why = o.length < 3 ? 'too short' : !o.includes('=') ? 'not assignment' : /^[+-]?=/.test(o) ? 'no key' : o.endsWith('=') ? 'no value' : undefined;
        if (why) throw new SourcesError(`Malformed entry ${n} in list file ${file} ([option] ${why})`);
      }
      if (close < 0) throw new SourcesError(`Malformed entry ${n} in list file ${file} ([option] unparsable)`);
      rest = rest.slice(close + 1).trim();
    }
    const words = rest.split(/\s+/).filter((w) => w !== '');
    const [uri, suite, ...components] = words;
    if (uri === undefined) throw new SourcesError(`Malformed entry ${n} in list file ${file} (URI)`);
    if (suite === undefined) throw new SourcesError(`Malformed entry ${n} in list file ${file} (Suite)`);
    // A suite ending in `/` is a flat repository (no components); anything else needs at least one.
    if (!suite.endsWith('/') && components.length === 0) throw new SourcesError(`Malformed entry ${n} in list file ${file} (Component)`);
    // deb-src lines ask for Sources indexes, which this simulation does not fetch (APPROXIMATIONS.md).
    if (type === 'deb') out.push({ uri: trimUri(uri), suite, components });
  });
  return out;
}

/** deb822: stanzas separated by blank lines, `#` comment lines, continuation lines start with white space. */
function parseDeb822(text: string, file: string): Entry[] {
  const out: Entry[] = [];
  const stanzas: Map<string, string>[] = [];
  let cur: Map<string, string> | undefined;
  let last: string | undefined;
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw)) continue;
    if (raw.trim() === '') {
      cur = undefined;
      continue;
    }
    if (/^\s/.test(raw) && cur && last !== undefined) {
      cur.set(last, `${cur.get(last)} ${raw.trim()}`);
      continue;
    }
    const m = /^([^:\s]+):\s*(.*)$/.exec(raw);
    if (!m) continue;
    if (!cur) stanzas.push((cur = new Map()));
    last = m[1]!.toLowerCase();
    cur.set(last, m[2]!.trim());
  }
  stanzas.forEach((st, i) => {
    const n = i + 1;
    const list = (k: string) => (st.get(k) ?? '').split(/\s+/).filter((w) => w !== '');
    if (/^(no|false|0)$/i.test(st.get('enabled') ?? '')) return;
    const types = list('types');
    if (types.length === 0) throw new SourcesError(`Malformed stanza ${n} in source list ${file} (type)`);
    for (const t of types) if (t !== 'deb' && t !== 'deb-src') throw new SourcesError(`Type '${t}' is not known on stanza ${n} in source list ${file}`);
    const uris = list('uris');
    if (uris.length === 0) throw new SourcesError(`Malformed entry ${n} in sources file ${file} (URI)`);
    const suites = list('suites');
    if (suites.length === 0) throw new SourcesError(`Malformed entry ${n} in sources file ${file} (Suite)`);
    const components = list('components');
    if (suites.some((s) => !s.endsWith('/')) && components.length === 0) throw new SourcesError(`Malformed entry ${n} in sources file ${file} (Component)`);
    if (!types.includes('deb')) return;
    // apt walks URIs, then suites (the order its W: lines come in).
    for (const uri of uris) for (const suite of suites) out.push({ uri: trimUri(uri), suite, components: suite.endsWith('/') ? [] : components });
  });
  return out;
}

function trimUri(uri: string): string {
  return uri.replace(/\/+$/, '');
}

/** The files apt reads, in its order: sources.list, then the directory's `*.list` and `*.sources` by name. */
function sourceFiles(fs: FsClient): string[] {
  const files = [SOURCES_LIST];
  let names: string[] = [];
  try {
    names = fs.readdir(SOURCES_DIR);
  } catch {
    /* no directory */
  }
  for (const n of [...names].sort()) if (/^[A-Za-z0-9_.-]+\.(list|sources)$/.test(n)) files.push(`${SOURCES_DIR}/${n}`);
  return files;
}

/**
 * The configured repositories: the same URI and suite from several lines are one repository whose components
 * accumulate in order of appearance (apt keeps one release index per URI and suite).
 */
export function readSources(fs: FsClient): SourcesResult {
  const merged = new Map<string, { uri: string; suite: string; components: string[] }>();
  try {
    for (const file of sourceFiles(fs)) {
      const text = readText(fs, file);
      if (text === undefined) continue;
      const entries = file.endsWith('.sources') ? parseDeb822(text, file) : parseOneLine(text, file);
      for (const e of entries) {
        const key = `${e.uri} ${e.suite}`;
        const m = merged.get(key) ?? { uri: e.uri, suite: e.suite, components: [] };
        for (const c of e.components) if (!m.components.includes(c)) m.components.push(c);
        merged.set(key, m);
      }
    }
  } catch (e) {
    if (e instanceof SourcesError) return { ok: false, error: `E: ${e.message}\nE: The list of sources could not be read.\n` };
    throw e;
  }
  return { ok: true, sources: [...merged.values()] };
}

/** The host part of a source's URI (`http://archive.ubuntu.com/ubuntu` → `archive.ubuntu.com`). */
export function uriHost(uri: string): string {
  const m = /^[a-z0-9+.-]+:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(uri);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * apt's URItoFileName: the URI without scheme and credentials, unsafe characters as `%xx`, `/` as `_`
 * (`http://archive.ubuntu.com/ubuntu/dists/jammy/InRelease` → `archive.ubuntu.com_ubuntu_dists_jammy_InRelease`).
 */
export function uriToFileName(uri: string): string {
  const bare = uri.replace(/^[a-z0-9+.-]+:\/\//i, '').replace(/^[^@/]*@/, '');
  let out = '';
  for (const ch of bare) {
    const code = ch.codePointAt(0)!;
    if ('\\|{}[]<>"^~_=!@#$%^&*'.includes(ch) || code <= 0x20 || code >= 0x7f) out += `%${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out.replace(/\//g, '_');
}
