/**
 * pip 20 (python:2.7 ships 20.0.2; 20.3.4 was the last for Python 2.7): the legacy resolver's transcript. It differs
 * from pip 23 where a learner sees it: the DEPRECATION banner on Python 2.7, `Collecting` lines that show the
 * requirement as the dependency states it (marker included, no `(from ...)`), no progress bar unless stdout is a
 * terminal, install order by a depth-first walk of the requirements in the order they were found, names as
 * requested, sorted case-sensitively, no root-user warning, and the old "You are using pip version" warning.
 */

import type { ProcessContext } from '../../../engine/process/Types';
import { PACKAGE_CATALOG } from '../../../engine/packages/PackageCatalog';
import type { PypiRelease } from '../../../engine/packages/format';
import { DOWNLOAD_RATE, readText, removePaths } from './common';
import { interpreterOf } from './dispatch';
import { candidates, cmpVersion, type Env, install, installed, markerHolds, normalise, parseRequirement, pipSize, type Requirement, satisfies } from './pipEnv';

/** The newest pip that installs on Python 2.7: what pip 20's self-check finds on the index. */
const PIP_LATEST_PY2 = '20.3.4';

/** pip's `deprecated()` warning for Python 2.7, as base_command.py words it in each release line. */
export function pip20Deprecation(env: Env): string {
  if (!env.pythonVersion.startsWith('2.')) return '';
  const eol = 'DEPRECATION: Python 2.7 reached the end of its life on January 1st, 2020. Please upgrade your Python as Python 2.7 is no longer maintained. ';
  const url = 'https://pip.pypa.io/en/latest/development/release-process/#python-2-support';
  if (cmpVersion(env.pipVersion, '20.1') < 0) return `${eol}A future version of pip will drop support for Python 2.7. More details about Python 2 support in pip, can be found at ${url}\n`;
  return `${eol}pip 21.0 will drop support for Python 2.7 in January 2021. More details about Python 2 support in pip can be found at ${url} pip 21.0 will remove support for this functionality.\n`;
}

/** The self-check at the end of commands that reach the index (install, list); silent when there is no network. */
export async function pip20VersionCheck(ctx: ProcessContext, env: Env): Promise<void> {
  if (!ctx.sys.service(PACKAGE_CATALOG) || cmpVersion(env.pipVersion, PIP_LATEST_PY2) >= 0) return;
  await ctx.stderr.write(
    `WARNING: You are using pip version ${env.pipVersion}; however, version ${PIP_LATEST_PY2} is available.\nYou should consider upgrading via the '${interpreterOf(ctx) ?? '/usr/local/bin/python'} -m pip install --upgrade pip' command.\n`,
  );
}

/** One requirement as the legacy resolver holds it. */
interface Item {
  readonly req: Requirement;
  /** `str(InstallRequirement.req)`: name, specifiers sorted as packaging prints them, marker. */
  readonly shown: string;
  /** `from_path()`: this requirement and the chain that asked for it (`Flask->-r requirements.txt (line 1)`). */
  readonly path: string;
  readonly rel?: PypiRelease;
  readonly deps: string[];
}

function shownOf(r: Requirement): string {
  const spec = r.spec === '' ? '' : r.spec.split(',').sort().join(',');
  return `${r.name}${spec}${r.marker ? `; ${r.marker}` : ''}`;
}

/** The requirements of an installed distribution (its METADATA), with markers. */
function installedRequires(ctx: ProcessContext, dir: string): string[] {
  const meta = readText(ctx.fs, `${dir}/METADATA`) ?? '';
  return [...meta.matchAll(/^Requires-Dist: (.+)$/gm)].map((m) => m[1]!.trim());
}

export async function pip20Install(ctx: ProcessContext, env: Env, roots: readonly Requirement[], quiet: boolean, versionCheck = true): Promise<number> {
  const out = async (s: string) => {
    if (!quiet) await ctx.stdout.write(s);
  };
  await ctx.stderr.write(pip20Deprecation(env));
  const status = await resolveAndInstall(ctx, env, roots, out);
  if (versionCheck) await pip20VersionCheck(ctx, env);
  return status;
}

async function resolveAndInstall(ctx: ProcessContext, env: Env, roots: readonly Requirement[], out: (s: string) => Promise<void>): Promise<number> {
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  const index = catalog ? await catalog.pypi() : undefined;
  const have = installed(ctx, env);
  // req_set.requirements: insertion order (roots, then dependencies breadth-first); the first request of a name wins.
  const items = new Map<string, Item>();
  const queue: { req: Requirement; parentPath?: string }[] = roots.map((req) => ({ req }));
  const chosen: string[] = [];
  for (let q = queue.shift(); q !== undefined; q = queue.shift()) {
    const { req, parentPath } = q;
    const key = normalise(req.name);
    if (items.has(key)) continue;
    const from = parentPath ?? req.from;
    const shown = shownOf(req);
    const path = `${shown}${from ? `->${from}` : ''}`;
    const fromText = from ? ` (from ${from})` : '';
    const inst = have.get(key);
    let requires: readonly string[];
    let rel: PypiRelease | undefined;
    if (inst && satisfies(inst.version, req.spec)) {
      await out(`Requirement already satisfied: ${shown} in ${env.sitePackages}${fromText} (${inst.version})\n`);
      requires = installedRequires(ctx, inst.dir);
    } else {
      if (!index) {
        for (let left = 4; left >= 0; left--) {
          // Python 2's repr of the exception's args tuple ends in `,)`.
          await ctx.stderr.write(
            `WARNING: Retrying (Retry(total=${left}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.VerifiedHTTPSConnection object at 0x7f${ctx.sys.random.hex(10)}>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution',)': /simple/${key}/\n`,
          );
        }
        await ctx.stderr.write(`ERROR: Could not find a version that satisfies the requirement ${shown}${fromText} (from versions: none)\nERROR: No matching distribution found for ${shown}${fromText}\n`);
        return 1;
      }
      const all = candidates(index, key, env.pythonFull);
      rel = all.find((c) => satisfies(c.version, req.spec));
      if (!rel) {
        const versions = all.map((c) => c.version).reverse().join(', ') || 'none';
        await ctx.stderr.write(`ERROR: Could not find a version that satisfies the requirement ${shown}${fromText} (from versions: ${versions})\nERROR: No matching distribution found for ${shown}${fromText}\n`);
        return 1;
      }
      await out(`Collecting ${shown}\n  Downloading ${rel.wheel} (${pipSize(rel.wheelSize)})\n`);
      // The `progress` bar pip 20 vendors draws only on a terminal, and only for downloads over 40 kB.
      if (ctx.stdout.isTTY && rel.wheelSize > 40_000) await out(`     |${'█'.repeat(32)}| ${pipSize(rel.wheelSize)} ${pipSize(DOWNLOAD_RATE)}/s \n`);
      chosen.push(key);
      requires = rel.requires;
    }
    const deps: string[] = [];
    for (const text of requires) {
      const dep = parseRequirement(text.replace(/^([^\s(;]+)\s*\(([^)]*)\)/, '$1$2'));
      if (!dep || !markerHolds(dep.marker, env.pythonFull)) continue;
      deps.push(normalise(dep.name));
      queue.push({ req: dep, parentPath: path });
    }
    items.set(key, { req, shown, path, ...(rel ? { rel } : {}), deps });
  }
  if (chosen.length === 0) return 0;
  // RequirementSet.get_installation_order: depth-first over each requirement's dependencies, in discovery order.
  const order: Item[] = [];
  const seen = new Set<string>();
  const schedule = (key: string) => {
    const item = items.get(key);
    if (!item || seen.has(key) || !item.rel) return;
    seen.add(key);
    for (const d of item.deps) schedule(d);
    order.push(item);
  };
  for (const key of items.keys()) schedule(key);
  await out(`Installing collected packages: ${order.map((i) => i.req.name).join(', ')}\n`);
  for (const item of order) {
    await ctx.checkpoint();
    const old = have.get(normalise(item.req.name));
    if (old) {
      if (cmpVersion(env.pipVersion, '20.1') >= 0) await out(`  Attempting uninstall: ${old.name}\n`);
      await out(`  Found existing installation: ${old.name} ${old.version}\n    Uninstalling ${old.name}-${old.version}:\n      Successfully uninstalled ${old.name}-${old.version}\n`);
      removePaths(ctx.fs, [old.dir]);
    }
    install(ctx, env, item.rel!);
  }
  const names = order.map((i) => `${i.req.name}-${i.rel!.version}`).sort();
  await out(`Successfully installed ${names.join(' ')}\n`);
  return 0;
}
