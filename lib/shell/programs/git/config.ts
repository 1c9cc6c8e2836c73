/**
 * Git's configuration files (`~/.gitconfig`, `.git/config`): parsed into `section[.subsection].key = value`
 * entries in file order, and edited the way `git config` edits them, keeping every other line as written.
 */
import type { FsClient } from '../../../engine/fs/Types';

export interface ConfigEntry {
  /** `section.key` or `section.subsection.key`; section and key lower-cased, subsection as written. */
  readonly key: string;
  /** Null for a bare key (`[core] bare`), which git reads as true. */
  readonly value: string | null;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

interface Line {
  text: string;
  /** The section this line belongs to (`user`, `remote.origin`), for headers too. */
  section: string;
  entry?: ConfigEntry;
}

function parseValue(raw: string): string {
  let out = '';
  let quoted = false;
  let i = 0;
  const s = raw.replace(/^\s+/, '');
  let pendingSpace = '';
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (!quoted && (c === '#' || c === ';')) break;
    if (c === '"') {
      quoted = !quoted;
      out += pendingSpace;
      pendingSpace = '';
      continue;
    }
    if (c === '\\' && i + 1 < s.length) {
      const n = s[++i]!;
      out += pendingSpace + (n === 'n' ? '\n' : n === 't' ? '\t' : n === 'b' ? '\b' : n);
      pendingSpace = '';
      continue;
    }
    if (!quoted && (c === ' ' || c === '\t')) {
      pendingSpace += c;
      continue;
    }
    out += pendingSpace + c;
    pendingSpace = '';
  }
  return out;
}

function sectionOf(header: string): string | null {
  const m = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(header);
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  return m[2] !== undefined ? `${name}.${m[2].replace(/\\(.)/g, '$1')}` : name;
}

export class ConfigFile {
  private readonly _lines: Line[];

  constructor(text: string) {
    this._lines = [];
    let section = '';
    for (const text0 of text.split('\n')) {
      const trimmed = text0.trim();
      const line: Line = { text: text0, section };
      if (trimmed.startsWith('[')) {
        const s = sectionOf(trimmed);
        if (s !== null) section = s;
        line.section = section;
        // `[user] name = x` on one line is allowed too.
        const rest = trimmed.slice(trimmed.indexOf(']') + 1).trim();
        if (rest !== '' && !rest.startsWith('#') && !rest.startsWith(';')) line.entry = entryOf(section, rest);
      } else if (trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith(';') && section !== '') {
        line.entry = entryOf(section, trimmed);
      }
      this._lines.push(line);
    }
    if (this._lines.length > 0 && this._lines[this._lines.length - 1]!.text === '') this._lines.pop();
  }

  static read(fs: FsClient, path: string): ConfigFile | null {
    try {
      return new ConfigFile(dec.decode(fs.readFile(path)));
    } catch {
      return null;
    }
  }

  entries(): ConfigEntry[] {
    return this._lines.flatMap((l) => (l.entry ? [l.entry] : []));
  }

  /** Sets `key` (replacing its last occurrence), or adds it at the end of its section, creating the section. */
  set(key: string, value: string): void {
    const { section, name, header } = splitKey(key);
    const line = `\t${name} = ${quoteValue(value)}`;
    for (let i = this._lines.length - 1; i >= 0; i--) {
      const e = this._lines[i]!.entry;
      if (e && e.key === normalizeKey(key)) {
        this._lines[i] = { text: line, section, entry: { key: normalizeKey(key), value } };
        return;
      }
    }
    let last = -1;
    for (let i = 0; i < this._lines.length; i++) if (this._lines[i]!.section === section) last = i;
    const entry: Line = { text: line, section, entry: { key: normalizeKey(key), value } };
    if (last >= 0) this._lines.splice(last + 1, 0, entry);
    else this._lines.push({ text: header, section }, entry);
  }

  /** Removes every occurrence of `key`; false when there was none. */
  unset(key: string): boolean {
    const k = normalizeKey(key);
    const before = this._lines.length;
    const kept = this._lines.filter((l) => l.entry?.key !== k);
    this._lines.splice(0, this._lines.length, ...kept);
    return kept.length !== before;
  }

  /** Removes a whole section (`remote.origin`), header and keys; false when there was none. */
  removeSection(section: string): boolean {
    const kept = this._lines.filter((l) => l.section !== section);
    const removed = kept.length !== this._lines.length;
    this._lines.splice(0, this._lines.length, ...kept);
    return removed;
  }

  text(): string {
    return this._lines.map((l) => `${l.text}\n`).join('');
  }

  write(fs: FsClient, path: string): void {
    fs.writeFile(path, enc.encode(this.text()), { mode: 0o644 });
  }
}

function entryOf(section: string, text: string): ConfigEntry | undefined {
  const m = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(text);
  if (!m) return undefined;
  return { key: `${section}.${m[1]!.toLowerCase()}`, value: m[2] === undefined ? null : parseValue(m[2]) };
}

/** Lower-cases the section and the key name, keeps a subsection's case (`remote.Origin.URL` → `remote.Origin.url`). */
export function normalizeKey(key: string): string {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first < 0) return key.toLowerCase();
  if (first === last) return key.toLowerCase();
  return `${key.slice(0, first).toLowerCase()}${key.slice(first, last)}${key.slice(last).toLowerCase()}`;
}

function splitKey(key: string): { section: string; name: string; header: string } {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  const name = key.slice(last + 1);
  if (first === last) {
    const s = key.slice(0, first).toLowerCase();
    return { section: s, name, header: `[${s}]` };
  }
  const s = key.slice(0, first).toLowerCase();
  const sub = key.slice(first + 1, last);
  return { section: `${s}.${sub}`, name, header: `[${s} "${sub.replace(/["\\]/g, '\\$&')}"]` };
}

/** Git quotes a value with leading/trailing blanks or comment characters, and escapes quotes and backslashes. */
function quoteValue(v: string): string {
  const escaped = v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return /^\s|\s$|[#;]/.test(v) ? `"${escaped}"` : escaped;
}

/** Why a key cannot be set or read, in git's words; null when it is well formed. */
export function keyError(key: string): string | null {
  const first = key.indexOf('.');
  if (first < 0) return `key does not contain a section: ${key}`;
  if (first === 0 || key.endsWith('.')) return `key does not contain variable name: ${key}`;
  const name = key.slice(key.lastIndexOf('.') + 1);
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name)) return `invalid key: ${key}`;
  return null;
}

/** Git's boolean reading of a value (`true`/`yes`/`on`/`1`, a bare key). */
export function configBool(value: string | null | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === null) return true;
  const v = value.toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0', ''].includes(v)) return false;
  return undefined;
}
