/**
 * npm data: the most used packages (npm.tsv download counts, plus what tutorials install) and their dependency
 * closure, read from the npm registry with `npm view` (versions, dependencies, peerDependencies, dist.unpackedSize,
 * dist.fileCount, funding). Each (name, range) is resolved to the version npm would pick (semver maxSatisfying of
 * the published versions, preferring the `latest` dist-tag), so the committed data is a resolved graph of exact
 * versions. Answers are cached in CACHE so reruns do not ask the registry again.
 */

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { maxSatisfying, satisfiesRange } from '../../lib/shell/programs/pkg/semver';

const run = promisify(execFile);
const CACHE = process.env.LAYERLAB_NPM_CACHE ?? '/tmp/layerlab-packages/npm-view.json';

/** Packages learners install in tutorials (Dockerfiles of Node apps), beyond the download ranking. */
export const NPM_FAVOURITES = [
  'express', 'lodash', 'axios', 'react', 'react-dom', 'moment', 'dotenv', 'cors', 'body-parser', 'nodemon', 'jquery',
  'underscore', 'async', 'request', 'mongoose', 'mysql', 'redis', 'socket.io', 'vue', 'koa', 'morgan', 'cookie-parser',
  'jsonwebtoken', 'bcryptjs', 'pg', 'dayjs', 'classnames', 'prop-types', 'rxjs', 'yargs', 'chalk', 'commander', 'uuid',
  'ws', 'typescript', 'node-fetch', 'http-server', 'nanoid', 'zod', 'fastify', 'winston', 'helmet', 'compression',
  'express@^4.21.2', 'react@^18.3.1', 'react-dom@^18.3.1', 'mongoose@^7.8.0', 'uuid@^9.0.1', 'chalk@^4.1.2',
];

interface Doc {
  readonly versions: string[];
  readonly latest: string;
}
export interface NpmVersionInfo {
  readonly dependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly peerOptional: string[];
  readonly unpackedSize: number;
  readonly fileCount: number;
  readonly funding: boolean;
  readonly license: string;
  readonly description: string;
  readonly bin: Record<string, string>;
  readonly integrity: string;
}
interface Cache {
  docs: Record<string, Doc>;
  infos: Record<string, NpmVersionInfo>;
}

function loadCache(): Cache {
  if (existsSync(CACHE)) return JSON.parse(readFileSync(CACHE, 'utf8')) as Cache;
  return { docs: {}, infos: {} };
}

async function npmView(args: string[]): Promise<unknown> {
  const { stdout } = await run('npm', ['view', ...args, '--json'], { maxBuffer: 64 << 20 });
  return stdout.trim() === '' ? undefined : JSON.parse(stdout);
}

/** The top `n` names by monthly downloads in npm.tsv (the list in .library), skipping platform-only builds. */
export function topNames(tsv: string, n: number): string[] {
  const rows = tsv.split('\n').slice(1).map((l) => l.split('\t')).filter((r) => r.length >= 3 && r[0]);
  rows.sort((a, b) => Number(b[2]) - Number(a[2]));
  return rows.map((r) => r[0]!).filter((name) => !/-(linux|darwin|win32)-|telecom-/.test(name)).slice(0, n);
}

/** Resolves the closure of `roots` (latest versions) and returns name@version → info. */
export async function npmClosure(roots: readonly string[]): Promise<{ infos: Map<string, NpmVersionInfo>; latest: Map<string, string>; resolved: Map<string, string> }> {
  const cache = loadCache();
  const save = () => {
    mkdirSync(dirname(CACHE), { recursive: true });
    writeFileSync(CACHE, JSON.stringify(cache));
  };
  // LAYERLAB_NPM_OFFLINE=1: only what the cache holds; packages whose dependencies are not all there are dropped.
  const offline = process.env.LAYERLAB_NPM_OFFLINE === '1';
  const docOf = async (name: string): Promise<Doc> => {
    const hit = cache.docs[name];
    if (hit) return hit;
    if (offline) throw new Error(`${name}: not cached`);
    const v = (await npmView([name, 'versions', 'dist-tags'])) as { versions: string[] | string; 'dist-tags': Record<string, string> };
    const doc = { versions: Array.isArray(v.versions) ? v.versions : [v.versions], latest: v['dist-tags'].latest ?? '' };
    cache.docs[name] = doc;
    return doc;
  };
  const infoOf = async (id: string): Promise<NpmVersionInfo> => {
    const hit = cache.infos[id];
    if (hit) return hit;
    if (offline) throw new Error(`${id}: not cached`);
    const v = (await npmView([id, 'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'dist', 'funding', 'license', 'description', 'bin'])) as Record<string, unknown> | undefined;
    const o = (v ?? {}) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
      dist?: { unpackedSize?: number; fileCount?: number; integrity?: string };
      funding?: unknown;
      license?: unknown;
      description?: string;
      bin?: Record<string, string> | string;
    };
    const info: NpmVersionInfo = {
      dependencies: o.dependencies ?? {},
      peerDependencies: o.peerDependencies ?? {},
      peerOptional: Object.entries(o.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([k]) => k),
      unpackedSize: o.dist?.unpackedSize ?? 0,
      fileCount: o.dist?.fileCount ?? 0,
      funding: o.funding !== undefined,
      license: typeof o.license === 'string' ? o.license : '',
      description: o.description ?? '',
      bin: typeof o.bin === 'string' ? { [id.slice(0, id.lastIndexOf('@'))]: o.bin } : (o.bin ?? {}),
      integrity: o.dist?.integrity ?? '',
    };
    cache.infos[id] = info;
    return info;
  };

  const infos = new Map<string, NpmVersionInfo>();
  const latest = new Map<string, string>();
  const resolved = new Map<string, string>(); // "name@range" → version
  // A root is a name (its latest version) or name@range (an older major tutorials still use: express@^4).
  const queue: Array<[string, string]> = roots.map((r) => {
    const at = r.lastIndexOf('@');
    return at > 0 ? [r.slice(0, at), r.slice(at + 1)] : [r, 'latest'];
  });
  const seen = new Set<string>();
  while (queue.length > 0) {
    const batch = queue.splice(0, 16).filter(([n, r]) => !seen.has(`${n}@${r}`));
    for (const [n, r] of batch) seen.add(`${n}@${r}`);
    await Promise.all(
      batch.map(async ([name, range]) => {
        // Aliases (`npm:other@1`), git and file specs are not registry versions: left out of the graph.
        if (/^(npm|git|file|link|github|workspace):|\//.test(range)) return;
        let doc: Doc;
        try {
          doc = await docOf(name);
        } catch (e) {
          console.error(`npm: ${name}: ${String(e).split('\n')[0]}`);
          return;
        }
        latest.set(name, doc.latest);
        let version: string | null;
        if (range === 'latest') version = doc.latest;
        else if (doc.latest && satisfiesRange(doc.latest, range)) version = doc.latest;
        else version = maxSatisfying(doc.versions, range) ?? null;
        if (!version) {
          console.error(`npm: ${name}@${range}: no version`);
          return;
        }
        resolved.set(`${name}@${range}`, version);
        const id = `${name}@${version}`;
        if (infos.has(id)) return;
        let info: NpmVersionInfo;
        try {
          info = await infoOf(id);
        } catch (e) {
          console.error(`npm: ${String(e).split('\n')[0]}`);
          return;
        }
        infos.set(id, info);
        for (const [d, dr] of Object.entries(info.dependencies)) queue.push([d, dr]);
        for (const [d, dr] of Object.entries(info.peerDependencies)) if (!info.peerOptional.includes(d)) queue.push([d, dr]);
      }),
    );
    if (!offline) save();
  }
  // Keep only versions whose whole dependency closure resolved (an offline run may stop short).
  const complete = (id: string, seen = new Set<string>()): boolean => {
    if (seen.has(id)) return true;
    seen.add(id);
    const info = infos.get(id);
    if (!info) return false;
    const need = { ...info.dependencies, ...Object.fromEntries(Object.entries(info.peerDependencies).filter(([k]) => !info.peerOptional.includes(k))) };
    return Object.entries(need).every(([d, r]) => /^(npm|git|file|link|github|workspace):|\//.test(r) || (resolved.has(`${d}@${r}`) && complete(`${d}@${resolved.get(`${d}@${r}`)}`, seen)));
  };
  for (const id of [...infos.keys()]) if (!complete(id)) infos.delete(id);
  return { infos, latest, resolved };
}
