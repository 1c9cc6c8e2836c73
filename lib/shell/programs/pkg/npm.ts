/**
 * `npm` (npm 10, as in the node images): `install` from package.json, `install <pkg>[@range]...` (saves to
 * package.json), `ci`, `--version`. The tree is hoisted the way npm's arborist places nodes: each dependency goes
 * to the top-level node_modules unless another version of the name is already there, then under its dependent.
 * node_modules gets every package with its package.json and files of the real unpacked size; package-lock.json
 * is lockfileVersion 3.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG } from '../../../engine/packages/PackageCatalog';
import type { ListedFile, NpmIndex, NpmVersion } from '../../../engine/packages/format';
import { distroPackageVersion, DOWNLOAD_RATE, exists, readText, unpackFiles, writeText } from './common';
import { maxSatisfying, satisfiesRange } from './semver';

const REGISTRY = 'https://registry.npmjs.org';

interface Node {
  readonly name: string;
  readonly version: string;
  readonly info: NpmVersion;
  /** node_modules path relative to the project: `node_modules/a/node_modules/b`. */
  readonly location: string;
}

function npmVersion(ctx: ProcessContext): string {
  for (const p of ['/usr/local/lib/node_modules/npm/package.json', '/usr/share/nodejs/npm/package.json', '/usr/lib/node_modules/npm/package.json']) {
    const t = readText(ctx.fs, p);
    const m = t ? /"version"\s*:\s*"([^"]+)"/.exec(t) : null;
    if (m) return m[1]!;
  }
  return distroPackageVersion(ctx.fs, 'npm', /^npm$/) ?? '10.8.2';
}

/** npm before 10.8 prefixed errors with `npm ERR!`; since then with `npm error`. */
function errPrefix(version: string): string {
  const [maj, min] = version.split('.').map(Number) as [number, number];
  return maj > 10 || (maj === 10 && min >= 8) ? 'npm error' : 'npm ERR!';
}

/** Warnings changed their prefix in the same release as errors (`npm WARN` → `npm warn`). */
function warnPrefix(errorPrefix: string): string {
  return errorPrefix === 'npm error' ? 'npm warn' : 'npm WARN';
}

function logName(ctx: ProcessContext): string {
  const iso = new Date(ctx.sys.clock.now()).toISOString().replace(/[:.]/g, '_');
  return `/root/.npm/_logs/${iso}-debug-0.log`;
}

function elapsed(bytes: number): string {
  const ms = 300 + Math.round((bytes / DOWNLOAD_RATE) * 1000);
  return ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

class NpmError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines[0]);
  }
}

function resolveVersion(index: NpmIndex, name: string, range: string): string | undefined {
  const available = Object.keys(index.versions)
    .filter((id) => id.slice(0, id.lastIndexOf('@')) === name)
    .map((id) => id.slice(id.lastIndexOf('@') + 1));
  if (range === '' || range === 'latest' || range === '*') return index.latest[name] ?? maxSatisfying(available, '*');
  const latest = index.latest[name];
  if (latest && satisfiesRange(latest, range)) return latest;
  return maxSatisfying(available, range);
}

/** Places the dependency graph of `roots` (name → exact version) the way npm hoists it. */
export function buildTree(index: NpmIndex, roots: ReadonlyMap<string, string>): Node[] {
  const nodes: Node[] = [];
  const at = new Map<string, Node>(); // location → node
  const top = (name: string) => at.get(`node_modules/${name}`);
  const queue: Array<{ name: string; version: string; parent: string }> = [...roots].map(([name, version]) => ({ name, version, parent: '' }));
  while (queue.length > 0) {
    const { name, version, parent } = queue.shift()!;
    // Visible from the parent already (its own node_modules or an ancestor's)?
    let dir = parent;
    let found: Node | undefined;
    for (;;) {
      const loc = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
      const n = at.get(loc);
      if (n) {
        found = n;
        break;
      }
      if (dir === '') break;
      const i = dir.lastIndexOf('/node_modules/');
      dir = i < 0 ? '' : dir.slice(0, i);
    }
    if (found && found.version === version) continue;
    const info = index.versions[`${name}@${version}`];
    if (!info) continue;
    const existing = top(name);
    const location = !existing ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
    if (at.has(location)) continue;
    const node: Node = { name, version, info, location };
    at.set(location, node);
    nodes.push(node);
    for (const [d, v] of Object.entries(info.deps)) queue.push({ name: d, version: v, parent: location });
  }
  return nodes.sort((a, b) => (a.location < b.location ? -1 : 1));
}

function packageFiles(projectDir: string, node: Node): ListedFile[] {
  const dir = `${projectDir}/${node.location}`;
  const manifest: Record<string, unknown> = {
    name: node.name,
    version: node.version,
    ...(node.info.description ? { description: node.info.description } : {}),
    ...(node.info.license ? { license: node.info.license } : {}),
    ...(node.info.bin ? { bin: node.info.bin } : {}),
    ...(node.info.ranges && Object.keys(node.info.ranges).length > 0 ? { dependencies: node.info.ranges } : {}),
  };
  const pkgJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const rest = Math.max(0, node.info.unpackedSize - pkgJson.length);
  // The real package has fileCount files; a handful of synthetic ones carry the rest of its unpacked size.
  const n = Math.max(1, Math.min(8, node.info.fileCount - 1));
  const files: ListedFile[] = [
    { path: dir, type: 'dir', mode: 0o755 },
    { path: `${dir}/package.json`, type: 'file', mode: 0o644, content: { kind: 'text', text: pkgJson } },
  ];
  const binTargets = new Set(Object.values(node.info.bin ?? {}).map((p) => p.replace(/^\.\//, '')));
  for (const t of binTargets) {
    const parts = t.split('/');
    for (let i = 1; i < parts.length; i++) files.push({ path: `${dir}/${parts.slice(0, i).join('/')}`, type: 'dir', mode: 0o755 });
    files.push({ path: `${dir}/${t}`, type: 'file', mode: 0o755, content: { kind: 'text', text: '#!/usr/bin/env node\n' } });
  }
  for (let i = 0; i < n; i++) {
    const size = Math.floor(rest / n) + (i === 0 ? rest % n : 0);
    files.push({ path: `${dir}/${i === 0 ? 'index.js' : `lib/part${i}.js`}`, type: 'file', mode: 0o644, content: { kind: 'synthetic', size, seed: (size ^ i) >>> 0 } });
    if (i === 0 && n > 1) files.push({ path: `${dir}/lib`, type: 'dir', mode: 0o755 });
  }
  return files;
}

async function install(ctx: ProcessContext, args: readonly string[], prefix: string, ci: boolean): Promise<number> {
  const project = ctx.cwd === '/' ? '' : ctx.cwd;
  const pkgPath = `${project}/package.json`;
  const pkgText = readText(ctx.fs, pkgPath);
  let pkg: { name?: string; version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> } = {};
  if (pkgText !== undefined) {
    try {
      pkg = JSON.parse(pkgText) as typeof pkg;
    } catch (e) {
      throw new NpmError([`${prefix} code EJSONPARSE`, `${prefix} JSON.parse Invalid package.json: ${(e as Error).message}`, `${prefix} JSON.parse Failed to parse JSON data.`, `${prefix} JSON.parse Note: package.json must be actual JSON, not just JavaScript.`]);
    }
  }
  // The deprecated config still works; npm says so before doing anything else.
  if (args.includes('--production')) await ctx.stderr.write(`${warnPrefix(prefix)} config production Use \`--omit=dev\` instead.\n`);
  const production = args.includes('--production') || args.includes('--omit=dev') || ctx.env.get('NODE_ENV') === 'production';
  const requested = args.filter((a) => !a.startsWith('-'));
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  const wanted = new Map<string, string>(Object.entries({ ...(production ? {} : pkg.devDependencies ?? {}), ...(pkg.dependencies ?? {}) }));
  const added: Array<[string, string]> = [];
  for (const spec of requested) {
    const at = spec.lastIndexOf('@');
    const name = at > 0 ? spec.slice(0, at) : spec;
    const range = at > 0 ? spec.slice(at + 1) : 'latest';
    added.push([name, range]);
  }
  if (!catalog && (wanted.size > 0 || added.length > 0)) {
    const first = added[0]?.[0] ?? [...wanted.keys()][0]!;
    throw new NpmError([
      `${prefix} code EAI_AGAIN`,
      `${prefix} syscall getaddrinfo`,
      `${prefix} errno EAI_AGAIN`,
      `${prefix} request to ${REGISTRY}/${first} failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org`,
    ]);
  }
  const index: NpmIndex = catalog ? await catalog.npm() : { v: 1, latest: {}, versions: {} };
  const roots = new Map<string, string>();
  const notFound = (name: string, range: string) =>
    new NpmError([
      `${prefix} code E404`,
      `${prefix} 404 Not Found - GET ${REGISTRY}/${name.replace('/', '%2f')} - Not found`,
      `${prefix} 404`,
      `${prefix} 404  '${name}@${range === 'latest' ? '*' : range}' is not in this registry.`,
      `${prefix} 404`,
      `${prefix} 404 Note that you can also install from a`,
      `${prefix} 404 tarball, folder, http url, or git url.`,
    ]);
  for (const [name, range] of [...wanted, ...added]) {
    if (!(name in index.latest)) throw notFound(name, range);
    const v = resolveVersion(index, name, range);
    if (!v) throw new NpmError([`${prefix} code ETARGET`, `${prefix} notarget No matching version found for ${name}@${range}.`, `${prefix} notarget In most cases you or one of your dependencies are requesting`, `${prefix} notarget a package version that doesn't exist.`]);
    roots.set(name, v);
  }
  // Packages already in node_modules at the version we want stay; the rest are added.
  const nodes = buildTree(index, roots);
  let addedCount = 0;
  let bytes = 0;
  for (const node of nodes) {
    await ctx.checkpoint();
    const existing = readText(ctx.fs, `${project}/${node.location}/package.json`);
    if (existing && new RegExp(`"version"\\s*:\\s*"${node.version.replace(/\./g, '\\.')}"`).test(existing)) continue;
    unpackFiles(ctx.fs, packageFiles(project, node));
    addedCount++;
    bytes += node.info.unpackedSize;
    for (const [bin, target] of Object.entries(node.info.bin ?? {})) {
      if (node.location.split('/node_modules/').length > 1) continue;
      unpackFiles(ctx.fs, [
        { path: `${project}/node_modules/.bin`, type: 'dir', mode: 0o755 },
        { path: `${project}/node_modules/.bin/${bin}`, type: 'symlink', mode: 0o777, linkTarget: `../${node.name}/${target.replace(/^\.\//, '')}` },
      ]);
    }
  }
  // package.json gets `^version` for packages named on the command line (npm's save-prefix).
  if (added.length > 0 && !ci) {
    const deps = { ...(pkg.dependencies ?? {}) };
    for (const [name] of added) deps[name] = `^${roots.get(name)}`;
    const sorted = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1)));
    pkg = { ...pkg, dependencies: sorted };
    writeText(ctx.fs, pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  }
  const dirName = project.slice(project.lastIndexOf('/') + 1) || 'root';
  const lock = {
    name: pkg.name ?? dirName,
    ...(pkg.version ? { version: pkg.version } : {}),
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { ...(pkg.name ? { name: pkg.name } : {}), ...(pkg.version ? { version: pkg.version } : {}), ...(pkg.dependencies ? { dependencies: pkg.dependencies } : {}) },
      ...Object.fromEntries(
        nodes.map((n) => [
          n.location,
          {
            version: n.version,
            resolved: `${REGISTRY}/${n.name}/-/${n.name.slice(n.name.lastIndexOf('/') + 1)}-${n.version}.tgz`,
            ...(n.info.integrity ? { integrity: n.info.integrity } : {}),
            ...(n.info.license ? { license: n.info.license } : {}),
            ...(n.info.ranges && Object.keys(n.info.ranges).length > 0 ? { dependencies: n.info.ranges } : {}),
            ...(n.info.bin ? { bin: n.info.bin } : {}),
          },
        ]),
      ),
    },
  };
  writeText(ctx.fs, `${project}/package-lock.json`, `${JSON.stringify(lock, null, 2)}\n`);
  if (nodes.length > 0 && !exists(ctx.fs, `${project}/node_modules/.package-lock.json`)) {
    writeText(ctx.fs, `${project}/node_modules/.package-lock.json`, `${JSON.stringify({ ...lock, packages: Object.fromEntries(Object.entries(lock.packages).filter(([k]) => k !== '')) }, null, 2)}\n`);
  }
  const audited = nodes.length + 1;
  const funding = nodes.filter((n) => n.info.funding).length;
  let out = addedCount > 0 ? `\nadded ${plural(addedCount, 'package')}, and audited ${plural(audited, 'package')} in ${elapsed(bytes)}\n` : `\nup to date, audited ${plural(audited, 'package')} in ${elapsed(0)}\n`;
  if (funding > 0) out += `\n${funding} ${funding === 1 ? 'package is' : 'packages are'} looking for funding\n  run \`npm fund\` for details\n`;
  out += '\nfound 0 vulnerabilities\n';
  await ctx.stdout.write(out);
  return 0;
}

export const npm: Program = async (ctx) => {
  const version = npmVersion(ctx);
  const prefix = errPrefix(version);
  const [, cmd, ...args] = ctx.argv;
  try {
    switch (cmd) {
      case 'install':
      case 'i':
      case 'add':
        return await install(ctx, args, prefix, false);
      case 'ci':
        return await install(ctx, args, prefix, true);
      case '-v':
      case '--version':
        await ctx.stdout.write(`${version}\n`);
        return 0;
      default:
        await ctx.stderr.write(`Unknown command: "${cmd ?? ''}"\n\nTo see a list of supported npm commands, run:\n  npm help\n`);
        return 1;
    }
  } catch (e) {
    if (!(e instanceof NpmError)) throw e;
    const log = logName(ctx);
    await ctx.stderr.write(`${e.lines.join('\n')}\n${prefix} A complete log of this run can be found in: ${log}\n`);
    writeText(ctx.fs, log, `0 verbose cli ${ctx.argv.join(' ')}\n1 info using npm@${version}\n`);
    return 1;
  }
};
