/** dpkg's database as apt and dpkg read it: /var/lib/dpkg/status stanzas and info/<pkg>.list files. */

import type { FsClient } from '../../../engine/fs/Types';
import { readText, writeText } from './common';

export const STATUS = '/var/lib/dpkg/status';
export const INFO = '/var/lib/dpkg/info';

export interface Stanza {
  readonly name: string;
  readonly text: string;
  readonly fields: ReadonlyMap<string, string>;
}

export function parseStanzas(text: string): Stanza[] {
  return text
    .split(/\n\n+/)
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const fields = new Map<string, string>();
      let key = '';
      for (const line of s.split('\n')) {
        if (/^\s/.test(line) && key) fields.set(key, `${fields.get(key)}\n${line}`);
        else {
          const i = line.indexOf(':');
          if (i < 0) continue;
          key = line.slice(0, i);
          fields.set(key, line.slice(i + 1).trim());
        }
      }
      return { name: fields.get('Package') ?? '', text: s.replace(/\n+$/, ''), fields };
    });
}

export class DpkgDb {
  readonly stanzas: Stanza[];
  constructor(private readonly _fs: FsClient) {
    this.stanzas = parseStanzas(readText(_fs, STATUS) ?? '');
  }
  installed(name: string): Stanza | undefined {
    return this.stanzas.find((s) => s.name === name && /install ok installed|deinstall ok installed/.test(s.fields.get('Status') ?? ''));
  }
  /** Names installed and virtual names they provide. */
  provided(): Set<string> {
    const out = new Set<string>();
    for (const s of this.stanzas) {
      if (!(s.fields.get('Status') ?? '').endsWith(' installed')) continue;
      out.add(s.name);
      for (const p of (s.fields.get('Provides') ?? '').split(',')) {
        const n = p.trim().split(/[\s(]/)[0];
        if (n) out.add(n);
      }
    }
    return out;
  }
  add(control: string): void {
    const text = control.replace(/\n+$/, '').replace(/^(Package: .*)$/m, '$1\nStatus: install ok installed');
    const st = parseStanzas(text)[0]!;
    this.remove(st.name);
    this.stanzas.push(st);
  }
  remove(name: string): void {
    const i = this.stanzas.findIndex((s) => s.name === name);
    if (i >= 0) this.stanzas.splice(i, 1);
  }
  save(): void {
    writeText(this._fs, STATUS, this.stanzas.map((s) => `${s.text}\n`).join('\n'));
  }
  /** The info/*.list name: `libssl3:amd64.list` for Multi-Arch: same packages. */
  static listPath(name: string, multiArchSame: boolean): string {
    return `${INFO}/${name}${multiArchSame ? ':amd64' : ''}.list`;
  }
  /** Distinct paths in every info/*.list: dpkg's "(Reading database ... N files and directories currently installed.)". */
  databaseCount(): number {
    const seen = new Set<string>();
    let names: string[] = [];
    try {
      names = this._fs.readdir(INFO);
    } catch {
      return 0;
    }
    for (const n of names) {
      if (!n.endsWith('.list')) continue;
      for (const line of (readText(this._fs, `${INFO}/${n}`) ?? '').split('\n')) if (line !== '') seen.add(line);
    }
    return seen.size;
  }
}
