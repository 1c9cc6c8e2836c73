/**
 * getent (glibc): entries of passwd, group, shadow, gshadow, hosts, services, protocols, networks from the files in
 * /etc (the only NSS source a container has). Keys are names or numbers; exit 2 when a key is not found, 1 for an
 * unknown database.
 */

import type { Program } from '../../../engine/process/Types';
import { decodeText } from '../../../engine/process/text';

function lines(read: (p: string) => Uint8Array, path: string): string[] {
  try {
    return decodeText(read(path))
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trimEnd())
      .filter((l) => l.trim() !== '');
  } catch {
    return [];
  }
}

type Db = (all: string[], key: string | undefined) => string[];

/** Colon files: match field 0, or field 2 for a numeric key (passwd/group). */
const colon =
  (numericField: number | null): Db =>
  (all, key) =>
    key === undefined ? all : all.filter((l) => {
      const f = l.split(':');
      return f[0] === key || (numericField !== null && /^\d+$/.test(key) && f[numericField] === key);
    }).slice(0, 1);

function hostsDb(all: string[], key: string | undefined): string[] {
  const rows = all.map((l) => l.trim().split(/\s+/));
  const fmt = (r: string[]) => `${r[0]!.padEnd(15)} ${r.slice(1).join(' ')}`;
  if (key === undefined) return rows.map(fmt);
  // Name lookups prefer IPv4 entries, as gethostbyname does; an address key matches the address column.
  const v4 = (r: string[]) => !r[0]!.includes(':');
  const hit = rows.filter((r) => r[0] === key).concat(rows.filter((r) => r.slice(1).includes(key) && v4(r)), rows.filter((r) => r.slice(1).includes(key) && !v4(r)));
  if (hit.length === 0) return [];
  const first = hit[0]!;
  const names = rows.filter((r) => r[0] === first[0]).flatMap((r) => r.slice(1));
  return [`${first[0]!.padEnd(15)} ${[...new Set(names)].join(' ')}`];
}

function servicesDb(all: string[], key: string | undefined): string[] {
  const rows = all.map((l) => l.trim().split(/\s+/));
  const fmt = (r: string[]) => `${r[0]!.padEnd(21)} ${r.slice(1).join(' ')}`;
  if (key === undefined) return rows.map(fmt);
  const [name, proto] = key.split('/');
  const hit = rows.find((r) => {
    const [port, p] = r[1]!.split('/');
    if (proto !== undefined && p !== proto) return false;
    return r[0] === name || r.slice(2).includes(name!) || port === name;
  });
  return hit ? [fmt(hit)] : [];
}

const DATABASES: Readonly<Record<string, { path: string; db: Db }>> = {
  passwd: { path: '/etc/passwd', db: colon(2) },
  group: { path: '/etc/group', db: colon(2) },
  shadow: { path: '/etc/shadow', db: colon(null) },
  gshadow: { path: '/etc/gshadow', db: colon(null) },
  hosts: { path: '/etc/hosts', db: hostsDb },
  ahosts: { path: '/etc/hosts', db: hostsDb },
  services: { path: '/etc/services', db: servicesDb },
  protocols: { path: '/etc/protocols', db: (all, key) => (key === undefined ? all : all.filter((l) => l.split(/\s+/).slice(0, 3).includes(key)).slice(0, 1)) },
  networks: { path: '/etc/networks', db: (all, key) => (key === undefined ? all : all.filter((l) => l.split(/\s+/)[0] === key).slice(0, 1)) },
};

export const getent: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !/^(-s|--service=)/.test(a));
  const tryHelp = "Try `getent --help' or `getent --usage' for more information.\n";
  if (args.length === 0) {
    await ctx.stderr.write(`getent: wrong number of arguments\n${tryHelp}`);
    return 1;
  }
  const name = args[0]!;
  const entry = DATABASES[name];
  if (!entry) {
    await ctx.stderr.write(`Unknown database: ${name}\n${tryHelp}`);
    return 1;
  }
  // shadow files are readable by root (and group shadow) only.
  if ((name === 'shadow' || name === 'gshadow') && ctx.cred.uid !== 0) return 2;
  const all = lines((p) => ctx.fs.readFile(p), entry.path);
  const keys = args.slice(1);
  let status = 0;
  let out = '';
  if (keys.length === 0) for (const l of entry.db(all, undefined)) out += `${l}\n`;
  for (const key of keys) {
    const found = entry.db(all, key);
    if (found.length === 0) status = 2;
    for (const l of found) out += `${l}\n`;
  }
  await ctx.stdout.write(out);
  return status;
};
