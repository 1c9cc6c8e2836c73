/**
 * What `apt-get update` does with the configured sources: which InRelease and index files it fetches, the
 * `Get:`/`Hit:`/`Ign:`/`Err:` lines it prints and the warnings, and which files end up in /var/lib/apt/lists.
 *
 * apt numbers a fetch when it starts; it fetches every InRelease before the indexes they describe, keeps one
 * pipeline per host and runs the hosts in parallel, so lines of different hosts interleave. Real transcripts order
 * the lines by network timing; here each phase takes the hosts in turn (first host's first file, second host's
 * first file, ...), which gives the order of Docker's ubuntu:jammy transcripts for the InReleases
 * (archive jammy, security jammy-security, archive jammy-updates, archive jammy-backports) and apt's order for a
 * single host (debian:bookworm). A name that does not resolve is retried twice (three `Ign:` rounds, as apt 2.6.1
 * prints them on this machine for an unknown host) before its `Err:`.
 */

import { archiveFor, releaseFields, type ArchiveAnswer, type Distro, type SuiteIndexes } from './aptArchive';
import { uriHost, uriToFileName, type AptSource } from './aptSources';
import { aptSize, aptSizeGrouped } from './common';

export interface UpdateOptions {
  /** Acquire::Languages is not "none": Translation-en indexes too. */
  readonly languages: boolean;
  /** Acquire::CompressionTypes::Order starts with gz (Ubuntu's images): the .gz indexes are fetched. */
  readonly gz: boolean;
  /** Acquire::GzipIndexes: indexes stay compressed on disk (apt 2.x recompresses them to lz4). */
  readonly gzipIndexes: boolean;
  /** Whether names resolve at all (the package catalog is reachable); offline, every lookup fails temporarily. */
  readonly online: boolean;
  /** Whether a file of this name is in /var/lib/apt/lists. */
  readonly listed: (name: string) => boolean;
  /** The locale groups digits (common.ts aptSize). */
  readonly group?: boolean;
}

/** A file apt writes into /var/lib/apt/lists. */
export interface ListFile {
  readonly name: string;
  readonly size: number;
}

export interface UpdateOutcome {
  /** The progress lines, each ending in a newline (before `Fetched`/`Reading package lists...`). */
  readonly lines: readonly string[];
  readonly fetched: number;
  /** stderr after the lists were read: warnings and errors. */
  readonly stderr: string;
  readonly status: number;
  /** Files to (re)write. */
  readonly write: readonly ListFile[];
  /** Every list file that belongs to a configured source (apt deletes the others). */
  readonly keep: ReadonlySet<string>;
}

/** One index apt may fetch for a repository. */
interface Index {
  readonly label: string;
  readonly file: string;
  readonly got: number;
  readonly size: number;
  readonly lz4: number;
}

interface Repo {
  readonly source: AptSource;
  readonly host: string;
  readonly answer: ArchiveAnswer;
  readonly prefix: string;
  id?: number;
}

/** lz4 against uncompressed size for Packages files (bookworm's main: 18,840,233 of 50,060,337 bytes). */
const LZ4_RATIO = 0.376;

function indexesOf(repo: Repo, idx: SuiteIndexes, opts: UpdateOptions): { indexes: Index[]; skipped: string[] } {
  const { uri, suite } = repo.source;
  const indexes: Index[] = [];
  const skipped: string[] = [];
  for (const comp of repo.source.components) {
    const sizes = idx.components[comp];
    const files = [`${comp}/binary-amd64/Packages`, ...(opts.languages ? [`${comp}/i18n/Translation-en`] : [])];
    if (!sizes) {
      for (const f of files) skipped.push(`W: Skipping acquire of configured file '${f}' as repository '${uri} ${suite} InRelease' doesn't have the component '${comp}' (component misspelt in sources.list?)\n`);
      continue;
    }
    const [xz, gz, size, trGot, trSize] = sizes;
    const [pLz4, tLz4] = idx.lz4?.[comp] ?? [Math.round(size * LZ4_RATIO), Math.round(trSize * LZ4_RATIO)];
    const base = `${repo.prefix}_dists_${suite}_${comp}`;
    indexes.push({ label: `${uri} ${suite}/${comp} amd64 Packages`, file: `${base}_binary-amd64_Packages`, got: opts.gz ? gz || xz : xz || gz, size, lz4: pLz4 });
    if (opts.languages) indexes.push({ label: `${uri} ${suite}/${comp} Translation-en`, file: `${base}_i18n_Translation-en`, got: trGot, size: trSize, lz4: tLz4 });
  }
  return { indexes, skipped };
}

/** The on-disk name of an index (compressed under GzipIndexes). */
function diskName(i: Index, opts: UpdateOptions): ListFile {
  return opts.gzipIndexes ? { name: `${i.file}.lz4`, size: i.lz4 } : { name: i.file, size: i.size };
}

function sizeOf(bytes: number, opts: UpdateOptions): string {
  return opts.group ? aptSizeGrouped(bytes) : aptSize(bytes);
}

/** Takes the hosts in turn: the first item of each host, then the second, ... */
function interleave<T>(byHost: ReadonlyMap<string, readonly T[]>): T[] {
  const out: T[] = [];
  const queues = [...byHost.values()].map((q) => [...q]);
  while (queues.some((q) => q.length > 0)) for (const q of queues) if (q.length > 0) out.push(q.shift()!);
  return out;
}

function groupByHost<T>(items: readonly T[], host: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(host(it), [...(m.get(host(it)) ?? []), it]);
  return m;
}

export function planUpdate(sources: readonly AptSource[], opts: UpdateOptions): UpdateOutcome {
  const repos: Repo[] = sources.map((source) => {
    const host = uriHost(source.uri);
    const answer: ArchiveAnswer = opts.online ? archiveFor(source.uri, source.suite, host) : { kind: 'unresolved', host };
    return { source, host, answer, prefix: uriToFileName(`${source.uri}/`).replace(/_$/, '') };
  });
  const lines: string[] = [];
  const write: ListFile[] = [];
  const keep = new Set<string>();
  const skipped: string[] = [];
  const pending = new Map<string, Index[]>();
  let fetched = 0;
  let next = 1;
  const failure = (r: Repo) => (opts.online ? `Could not resolve '${r.host}'` : `Temporary failure resolving '${r.host}'`);

  // The InReleases.
  for (const r of interleave(groupByHost(repos, (x) => x.host))) {
    const { uri, suite } = r.source;
    const label = `${uri} ${suite} InRelease`;
    r.id = next++;
    const a = r.answer;
    if (a.kind === 'unresolved') {
      lines.push(`Ign:${r.id} ${label}\n`);
      // apt goes on with the lists it has for this source.
      continue;
    }
    if (a.kind === 'missing') {
      // No InRelease (404): apt tries the old Release file, which is not there either.
      lines.push(`Ign:${r.id} ${label}\n`, `Err:${next++} ${uri} ${suite} Release\n  404  Not Found [IP: ${a.ip} 80]\n`);
      continue;
    }
    const detached = a.indexes.detached;
    if (detached) {
      // No InRelease: apt falls back to Release and its detached signature (shown only when fetched).
      lines.push(`Ign:${r.id} ${label}\n`);
      const release = `${r.prefix}_dists_${suite}_Release`;
      keep.add(release).add(`${release}.gpg`);
      if (opts.listed(release)) lines.push(`Hit:${next++} ${uri} ${suite} Release\n`);
      else {
        lines.push(`Get:${next++} ${uri} ${suite} Release [${sizeOf(detached.release, opts)}B]\n`, `Get:${next++} ${uri} ${suite} Release.gpg [${sizeOf(detached.gpg, opts)}B]\n`);
        fetched += detached.release + detached.gpg;
        write.push({ name: release, size: detached.release }, { name: `${release}.gpg`, size: detached.gpg });
      }
    } else {
      const inRelease = `${r.prefix}_dists_${suite}_InRelease`;
      keep.add(inRelease);
      if (opts.listed(inRelease)) lines.push(`Hit:${r.id} ${label}\n`);
      else {
        lines.push(`Get:${r.id} ${label} [${sizeOf(a.indexes.inRelease, opts)}B]\n`);
        fetched += a.indexes.inRelease;
        write.push({ name: inRelease, size: a.indexes.inRelease });
      }
    }
    const { indexes, skipped: s } = indexesOf(r, a.indexes, opts);
    skipped.push(...s);
    for (const i of indexes) {
      const disk = diskName(i, opts);
      // An empty index (size 0 in the Release file) is not downloaded.
      if (i.size === 0) continue;
      keep.add(disk.name);
      if (!opts.listed(disk.name)) pending.set(r.host, [...(pending.get(r.host) ?? []), i]);
    }
  }
  // The indexes the InReleases describe that are not on disk yet.
  for (const i of interleave(pending)) {
    lines.push(`Get:${next++} ${i.label} [${sizeOf(i.got, opts)}B]\n`);
    fetched += i.got;
    write.push(diskName(i, opts));
  }
  // The retries of names that did not resolve, then their failure.
  const unresolved = repos.filter((r) => r.answer.kind === 'unresolved').sort((a, b) => a.id! - b.id!);
  for (let round = 0; round < 2; round++) for (const r of unresolved) lines.push(`Ign:${r.id} ${r.source.uri} ${r.source.suite} InRelease\n`);
  for (const r of unresolved) lines.push(`Err:${r.id} ${r.source.uri} ${r.source.suite} InRelease\n  ${failure(r)}\n`);
  // Lists of unreachable sources stay (`old ones used instead`).
  for (const r of unresolved) keep.add(`${r.prefix}_dists_${r.source.suite}_`);

  let stderr = skipped.join('');
  for (const r of repos) if (r.answer.kind === 'unresolved') stderr += `W: Failed to fetch ${r.source.uri}/dists/${r.source.suite}/InRelease  ${failure(r)}\n`;
  if (unresolved.length > 0) stderr += 'W: Some index files failed to download. They have been ignored, or old ones used instead.\n';
  const missing = repos.filter((r) => r.answer.kind === 'missing');
  for (const r of missing) stderr += `E: The repository '${r.source.uri} ${r.source.suite} Release' does not have a Release file.\n`;
  return { lines, fetched, stderr, status: missing.length > 0 ? 100 : 0, write, keep };
}

/** Whether a list file belongs to a configured source (`keep` may hold a prefix for unreachable ones). */
export function kept(name: string, keep: ReadonlySet<string>): boolean {
  if (keep.has(name)) return true;
  for (const k of keep) if (k.endsWith('_') && name.startsWith(k)) return true;
  return false;
}

/** The repository a package of the catalog is said to come from, as apt prints it in `Get:` lines and policy. */
export interface Origin {
  readonly uri: string;
  readonly suite: string;
  readonly component: string;
  readonly host: string;
  readonly distro: Distro;
}

/**
 * The catalog holds Debian bookworm's packages (bookworm, bookworm-updates, bookworm-security); on other
 * releases they are said to come from the matching pocket of the configured release (`jammy`, `jammy-updates`,
 * `jammy-security`), from the release itself when that pocket is not configured, in `main` when the source has it.
 */
export function originOf(sources: readonly AptSource[], debSuite: string): Origin | undefined {
  const ok = sources
    .map((s) => ({ s, host: uriHost(s.uri), a: archiveFor(s.uri, s.suite, uriHost(s.uri)) }))
    // PGDG carries none of the catalog's packages.
    .filter((x): x is { s: AptSource; host: string; a: Extract<ArchiveAnswer, { kind: 'ok' }> } => x.a.kind === 'ok' && x.a.distro !== 'pgdg' && x.s.components.some((c) => x.a.kind === 'ok' && c in x.a.indexes.components));
  if (ok.length === 0) return undefined;
  const pocket = debSuite.replace(/^bookworm/, '');
  const release = ok[0]!.s.suite.replace(/-(updates|security|backports|proposed)$/, '');
  const pick = ok.find((x) => x.s.suite === `${release}${pocket}`) ?? ok.find((x) => x.s.suite === release) ?? ok[0]!;
  const comps = pick.s.components.filter((c) => c in pick.a.indexes.components);
  return { uri: pick.s.uri, suite: pick.s.suite, component: comps.includes('main') ? 'main' : comps[0]!, host: pick.host, distro: pick.a.distro };
}

/**
 * The package files `apt-cache policy` lists after `Package files:` and the status file: every Packages index on
 * disk, last configured first (apt prints its list of package files backwards), with its Release fields and host.
 */
export function policyPackageFiles(sources: readonly AptSource[], listed: (name: string) => boolean): string {
  let out = '';
  for (const s of [...sources].reverse()) {
    const host = uriHost(s.uri);
    const a = archiveFor(s.uri, s.suite, host);
    if (a.kind !== 'ok') continue;
    const prefix = uriToFileName(`${s.uri}/`).replace(/_$/, '');
    for (const comp of [...s.components].reverse()) {
      const file = `${prefix}_dists_${s.suite}_${comp}_binary-amd64_Packages`;
      if (!listed(file) && !listed(`${file}.lz4`)) continue;
      out += ` 500 ${s.uri} ${s.suite}/${comp} amd64 Packages\n     release ${releaseFields(a.distro, s.suite)},c=${comp},b=amd64\n     origin ${host}\n`;
    }
  }
  return out;
}
