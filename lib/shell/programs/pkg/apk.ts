/**
 * `apk` (apk-tools 2.14, Alpine 3.21): update, add [--no-cache] [--update], del, info. Repositories come from
 * /etc/apk/repositories; the installed database is /lib/apk/db/installed (the catalog's alpine image has none,
 * so the base packages count as installed until apk writes one) and /etc/apk/world.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG, type ApkArchive } from '../../../engine/packages/PackageCatalog';
import type { ApkPackage, ListedFile } from '../../../engine/packages/format';
import { exists, readText, removePaths, unpackFiles, writeText } from './common';

const DB = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';
const CACHE = '/var/cache/apk';
/** How many packages v3.21's main and community indexes list (apk update's "distinct packages available"). */
const AVAILABLE = 25_256;
const INDEX_SIZES = [913_123, 2_411_057];

function repositories(ctx: ProcessContext): string[] {
  return (readText(ctx.fs, '/etc/apk/repositories') ?? 'https://dl-cdn.alpinelinux.org/alpine/v3.21/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.21/community\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function cacheName(repo: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < repo.length; i++) h = Math.imul(h ^ repo.charCodeAt(i), 0x01000193);
  return `${CACHE}/APKINDEX.${(h >>> 0).toString(16).padStart(8, '0')}.tar.gz`;
}

/** Installed packages: name → version. */
function installedSet(ctx: ProcessContext, archive: ApkArchive | undefined): Map<string, string> {
  const text = readText(ctx.fs, DB);
  const out = new Map<string, string>();
  if (text === undefined) {
    for (const p of archive?.index.packages ?? []) if (p.base) out.set(p.name, p.version);
    return out;
  }
  let name = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('P:')) name = line.slice(2);
    else if (line.startsWith('V:') && name) out.set(name, line.slice(2));
  }
  return out;
}

function dbEntry(p: ApkPackage, files: readonly string[]): string {
  let s = `C:Q1${'A'.repeat(27)}=\nP:${p.name}\nV:${p.version}\nA:x86_64\nS:${p.size}\nI:${p.installedSize}\nT:${p.description}\nU:https://alpinelinux.org\nL:\no:${p.name}\nD:${p.depends.join(' ')}\n`;
  let dir = '';
  for (const f of [...files].sort()) {
    const d = f.slice(1, f.lastIndexOf('/'));
    if (d !== dir) {
      s += `F:${d}\n`;
      dir = d;
    }
    s += `R:${f.slice(f.lastIndexOf('/') + 1)}\n`;
  }
  return `${s}\n`;
}

/** A package's files derived from its table row: the programs share what the listed files leave of the installed size. */
export function filesOf(p: Pick<ApkPackage, 'installedSize' | 'bins' | 'files' | 'texts' | 'links'>): ListedFile[] {
  const entries: Array<[string, number, string | undefined]> = [];
  const bins = Object.entries(p.bins);
  const fixed = Object.entries(p.files ?? {});
  const fixedTotal = fixed.reduce((a, [, s]) => a + s, 0);
  const binSize = bins.length > 0 ? Math.max(4096, Math.floor(Math.max(0, p.installedSize - fixedTotal) / bins.length)) : 0;
  for (const [path, program] of bins) entries.push([path, binSize, program]);
  for (const [path, size] of fixed) entries.push([path, size, undefined]);
  const out: ListedFile[] = [];
  const seenDirs = new Set<string>();
  const parents = (path: string) => {
    const parts = path.split('/').filter((x) => x !== '');
    for (let i = 1; i < parts.length; i++) {
      const d = `/${parts.slice(0, i).join('/')}`;
      if (!seenDirs.has(d)) {
        seenDirs.add(d);
        out.push({ path: d, type: 'dir', mode: 0o755 });
      }
    }
  };
  for (const [path, text] of Object.entries(p.texts ?? {})) {
    parents(path);
    // A script (`#!`) is executable; other texts are data.
    out.push({ path, type: 'file', mode: text.startsWith('#!') ? 0o755 : 0o644, content: { kind: 'text', text } });
  }
  for (const [path, size, program] of entries) {
    parents(path);
    const seed = size ^ path.length;
    out.push({
      path,
      type: 'file',
      mode: program !== undefined ? 0o755 : 0o644,
      content: program ? { kind: 'program', size, seed, program } : program === '' ? { kind: 'elf', size, seed } : { kind: 'synthetic', size, seed },
    });
  }
  for (const [path, target] of Object.entries(p.links ?? {})) {
    parents(path);
    out.push({ path, type: 'symlink', mode: 0o777, linkTarget: target });
  }
  return out;
}

async function fetchIndexes(ctx: ProcessContext, online: boolean, store: boolean): Promise<boolean> {
  let ok = true;
  for (const [i, repo] of repositories(ctx).entries()) {
    await ctx.stdout.write(`fetch ${repo}/x86_64/APKINDEX.tar.gz\n`);
    if (!online) {
      await ctx.stderr.write(`WARNING: fetching ${repo}: temporary error (try again later)\n`);
      ok = false;
      continue;
    }
    if (store) unpackFiles(ctx.fs, [{ path: cacheName(repo), type: 'file', mode: 0o644, content: { kind: 'synthetic', size: INDEX_SIZES[i] ?? 500_000, seed: i } }]);
  }
  return ok;
}

function haveIndexes(ctx: ProcessContext): boolean {
  return repositories(ctx).every((r) => exists(ctx.fs, cacheName(r)));
}

async function add(ctx: ProcessContext, args: readonly string[]): Promise<number> {
  const noCache = args.includes('--no-cache');
  const update = args.includes('--update') || args.includes('-U');
  const names = args.filter((a) => !a.startsWith('-'));
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  if (noCache || update || !haveIndexes(ctx)) await fetchIndexes(ctx, catalog !== undefined, !noCache);
  const archive = catalog ? await catalog.alpine() : undefined;
  const have = installedSet(ctx, archive);
  const missing = names.filter((n) => !archive?.get(n.replace(/[=<>~].*$/, '')));
  if (missing.length > 0) {
    await ctx.stderr.write(`ERROR: unable to select packages:\n${missing.map((m) => `  ${m} (no such package):\n    required by: world[${m}]\n`).join('')}`);
    return missing.length;
  }
  const order: ApkPackage[] = [];
  const chosen = new Set<string>();
  const visit = (p: ApkPackage) => {
    if (chosen.has(p.name) || have.has(p.name)) return;
    chosen.add(p.name);
    for (const d of p.depends) {
      const dep = archive!.get(d);
      if (dep && !have.has(dep.name)) visit(dep);
    }
    order.push(p);
  };
  for (const n of names) visit(archive!.get(n.replace(/[=<>~].*$/, ''))!);
  const total = order.length;
  const triggers = new Set<string>();
  let db = readText(ctx.fs, DB);
  if (db === undefined) db = (archive?.index.packages ?? []).filter((p) => p.base).map((p) => dbEntry(p, [])).join('');
  for (const [i, p] of order.entries()) {
    await ctx.checkpoint();
    await ctx.stdout.write(`(${i + 1}/${total}) Installing ${p.name} (${p.version})\n`);
    for (const s of p.scripts ?? []) if (s === 'pre-install') await ctx.stdout.write(`  Executing ${p.name}-${p.version}.pre-install\n`);
    const written = unpackFiles(ctx.fs, filesOf(p)).filter((f) => filesOf(p).some((e) => e.path === f && e.type !== 'dir'));
    for (const s of p.scripts ?? []) if (s === 'post-install') await ctx.stdout.write(`  Executing ${p.name}-${p.version}.post-install\n`);
    db += dbEntry(p, written);
    have.set(p.name, p.version);
    if (p.trigger) triggers.add(p.trigger);
  }
  for (const t of [...triggers].sort()) {
    const v = have.get(t);
    if (v) await ctx.stdout.write(`Executing ${t}-${v}.trigger\n`);
  }
  writeText(ctx.fs, DB, db);
  const world = new Set((readText(ctx.fs, WORLD) ?? '').split('\n').filter((l) => l !== ''));
  for (const n of names) world.add(n);
  writeText(ctx.fs, WORLD, `${[...world].sort().join('\n')}\n`);
  await ctx.stdout.write(okLine(archive!, have));
  return 0;
}

function okLine(archive: ApkArchive, have: ReadonlyMap<string, string>): string {
  let bytes = 0;
  for (const name of have.keys()) bytes += archive.get(name)?.installedSize ?? 0;
  // apk 2.x divides the installed bytes by 1 MiB, dropping the remainder.
  return `OK: ${Math.floor(bytes / (1024 * 1024))} MiB in ${have.size} packages\n`;
}

async function del(ctx: ProcessContext, args: readonly string[]): Promise<number> {
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  const archive = catalog ? await catalog.alpine() : undefined;
  const have = installedSet(ctx, archive);
  const names = args.filter((a) => !a.startsWith('-'));
  const world = new Set((readText(ctx.fs, WORLD) ?? '').split('\n').filter((l) => l !== ''));
  const targets = names.filter((n) => have.has(n));
  for (const n of names) if (!world.has(n)) await ctx.stderr.write(`WARNING: ${n} is not in world\n`);
  for (const [i, n] of targets.entries()) {
    const p = archive?.get(n);
    await ctx.stdout.write(`(${i + 1}/${targets.length}) Purging ${n} (${have.get(n)})\n`);
    if (p) removePaths(ctx.fs, filesOf(p).map((f) => f.path).filter((f) => !['/bin', '/usr', '/usr/bin', '/usr/sbin', '/usr/lib', '/lib', '/sbin', '/usr/share'].includes(f)));
    have.delete(n);
    world.delete(n);
  }
  writeText(ctx.fs, WORLD, world.size > 0 ? `${[...world].sort().join('\n')}\n` : '');
  if (archive) await ctx.stdout.write(okLine(archive, have));
  return 0;
}

export const apk: Program = async (ctx) => {
  const [, cmd, ...args] = ctx.argv;
  if (ctx.cred.uid !== 0 && (cmd === 'add' || cmd === 'del' || cmd === 'update')) {
    await ctx.stderr.write('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
    return 99;
  }
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  switch (cmd) {
    case 'update': {
      const ok = await fetchIndexes(ctx, catalog !== undefined, true);
      if (!ok) {
        const n = repositories(ctx).length;
        await ctx.stdout.write(`${n} unavailable, 0 stale; ${installedSet(ctx, undefined).size || 15} distinct packages available\n`);
        return n;
      }
      for (const repo of repositories(ctx)) await ctx.stdout.write(`v3.21.3-${repo.endsWith('community') ? '39-g7cd1fd2a99c' : '37-g2ba8a0b09f1'} [${repo}]\n`);
      await ctx.stdout.write(`OK: ${AVAILABLE} distinct packages available\n`);
      return 0;
    }
    case 'add':
      return add(ctx, args);
    case 'del':
      return del(ctx, args);
    case 'info': {
      const archive = catalog ? await catalog.alpine() : undefined;
      await ctx.stdout.write([...installedSet(ctx, archive).keys()].map((n) => `${n}\n`).join(''));
      return 0;
    }
    case '--version':
    case '-V':
      await ctx.stdout.write('apk-tools 2.14.6, compiled for x86_64.\n');
      return 0;
    default:
      await ctx.stderr.write(`apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n`);
      return 1;
  }
};
