/**
 * `pip` / `pip3` (pip 23.0, as in the python images): install (names, `-r requirements.txt`), uninstall -y,
 * list, freeze, --version. Resolution is pip's for the catalog's single release per project: requirements are
 * collected breadth-first, each project once; installed in dependency order; "Successfully installed" sorted by name.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG } from '../../../engine/packages/PackageCatalog';
import type { PypiIndex, PypiRelease } from '../../../engine/packages/format';
import { DOWNLOAD_RATE, readText, removePaths } from './common';
import { pip20Deprecation, pip20Install, pip20VersionCheck } from './pip20';
import { candidates, cmpVersion, type Env, findEnv, install, installed, isPip20, markerHolds, normalise, parseInstallArgs, parseRequirement, pipSize, type Requirement, satisfies } from './pipEnv';

export { normalise, parseRequirement, pipSize, satisfies };

const PIP_LATEST = '25.0.1';

/** rich's DownloadColumn/TransferSpeedColumn as pip 23 draws a finished bar. */
function progressLine(size: number): string {
  const units = ['kB', 'MB', 'GB'];
  let unit = 'bytes';
  let div = 1;
  for (let i = 0; i < units.length; i++) {
    if (size >= 1000 ** (i + 1)) {
      unit = units[i]!;
      div = 1000 ** (i + 1);
    }
  }
  const amount = div === 1 ? `${size}/${size}` : `${(size / div).toFixed(1)}/${(size / div).toFixed(1)}`;
  const speed = `${(DOWNLOAD_RATE / 1_000_000).toFixed(1)} MB/s`;
  return `     ${'━'.repeat(40)} ${amount} ${unit} ${speed} eta 0:00:00\n`;
}

function hexAddr(ctx: ProcessContext): string {
  return `0x7f${ctx.sys.random.hex(10)}`;
}

/** PEP 668: the distribution's Python refuses system-wide installs (Debian's python3 ships EXTERNALLY-MANAGED). */
function externallyManaged(ctx: ProcessContext, env: Env): string | undefined {
  if (!env.sitePackages.endsWith('/dist-packages')) return undefined;
  const text = readText(ctx.fs, `/usr/lib/python${env.pythonVersion}/EXTERNALLY-MANAGED`);
  const m = text === undefined ? null : /^Error=(.*(?:\n[ \t].*|\n(?=\n[ \t]))*)/m.exec(text);
  if (!m) return undefined;
  const lines = m[1]!.split('\n').map((l, i) => (i === 0 ? l : l.replace(/^ /, '')));
  return (
    'error: externally-managed-environment\n\n× This environment is externally managed\n' +
    lines.map((l, i) => `${i === 0 ? '╰─> ' : '    '}${l}`).join('\n') +
    '\n\nnote: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.\nhint: See PEP 668 for the detailed specification.\n'
  );
}

async function pipInstall(ctx: ProcessContext, env: Env, args: readonly string[]): Promise<number> {
  const managed = args.includes('--break-system-packages') ? undefined : externallyManaged(ctx, env);
  if (managed) {
    await ctx.stderr.write(managed);
    return 1;
  }
  const parsed = await parseInstallArgs(ctx, args);
  if (typeof parsed === 'number') return parsed;
  const { reqs, quiet, versionCheck } = parsed;
  if (isPip20(env)) return pip20Install(ctx, env, reqs, quiet, versionCheck);
  const out = async (s: string) => {
    if (!quiet) await ctx.stdout.write(s);
  };
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  const index: PypiIndex | undefined = catalog ? await catalog.pypi() : undefined;
  const have = installed(ctx, env);
  const fromSuffix = (r: Requirement) => (r.from ? ` (from ${r.from})` : '');
  const queue = [...reqs];
  const chosen = new Map<string, PypiRelease>();
  const order: PypiRelease[] = [];
  const deps = new Map<string, string[]>();
  while (queue.length > 0) {
    const r = queue.shift()!;
    const key = normalise(r.name);
    if (chosen.has(key)) continue;
    const inst = have.get(key);
    if (inst && satisfies(inst.version, r.spec)) {
      const from = r.from ?? r.parent;
      await out(`Requirement already satisfied: ${r.name}${r.spec} in ${env.sitePackages} (${from ? `from ${from}) (` : ''}${inst.version})\n`);
      continue;
    }
    if (!index) {
      for (let left = 4; left >= 0; left--) {
        await ctx.stderr.write(
          `WARNING: Retrying (Retry(total=${left}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at ${hexAddr(ctx)}>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/${key}/\n`,
        );
      }
      await ctx.stderr.write(`ERROR: Could not find a version that satisfies the requirement ${r.name}${r.spec}${fromSuffix(r)} (from versions: none)\nERROR: No matching distribution found for ${r.name}${r.spec}\n`);
      return 1;
    }
    const all = candidates(index, key, env.pythonFull);
    const rel = all.find((c) => satisfies(c.version, r.spec));
    await out(`Collecting ${r.name}${r.spec}${fromSuffix(r)}\n`);
    if (!rel) {
      const versions = all.map((c) => c.version).reverse().join(', ') || 'none';
      await ctx.stderr.write(`ERROR: Could not find a version that satisfies the requirement ${r.name}${r.spec}${fromSuffix(r)} (from versions: ${versions})\nERROR: No matching distribution found for ${r.name}${r.spec}\n`);
      return 1;
    }
    await out(`  Downloading ${rel.wheel} (${pipSize(rel.wheelSize)})\n`);
    if (rel.wheelSize > 40_000) await out(progressLine(rel.wheelSize));
    chosen.set(key, rel);
    deps.set(key, []);
    for (const q of rel.requires) {
      const dep = parseRequirement(q, r.name.toLowerCase() === rel.name.toLowerCase() ? r.name : rel.name);
      if (!dep || !markerHolds(dep.marker, env.pythonFull)) continue;
      deps.get(key)!.push(normalise(dep.name));
      queue.push({ name: dep.name, spec: dep.spec, parent: r.name });
    }
    order.push(rel);
  }
  if (order.length === 0) return finish(ctx, env, quiet, versionCheck);
  // Dependencies first (pip installs leaves before the projects needing them).
  const installOrder: PypiRelease[] = [];
  const placed = new Set<string>();
  const place = (key: string) => {
    if (placed.has(key) || !chosen.has(key)) return;
    placed.add(key);
    for (const d of deps.get(key) ?? []) place(d);
    installOrder.push(chosen.get(key)!);
  };
  for (const r of [...order].reverse()) place(normalise(r.name));
  await out(`Installing collected packages: ${installOrder.map((r) => r.name).join(', ')}\n`);
  for (const r of installOrder) {
    await ctx.checkpoint();
    const old = have.get(normalise(r.name));
    if (old) removePaths(ctx.fs, [old.dir]);
    install(ctx, env, r);
  }
  const names = installOrder.map((r) => `${r.name}-${r.version}`).sort();
  await out(`Successfully installed ${names.join(' ')}\n`);
  return finish(ctx, env, quiet, versionCheck);
}

async function finish(ctx: ProcessContext, env: Env, quiet: boolean, versionCheck: boolean): Promise<number> {
  if (ctx.cred.uid === 0 && env.sitePackages.startsWith('/usr/local/lib/python') && !quiet) {
    await ctx.stderr.write("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv\n");
  }
  if (!quiet && versionCheck && cmpVersion(env.pipVersion, PIP_LATEST) < 0 && ctx.sys.service(PACKAGE_CATALOG)) {
    await ctx.stderr.write(`\n[notice] A new release of pip is available: ${env.pipVersion} -> ${PIP_LATEST}\n[notice] To update, run: pip install --upgrade pip\n`);
  }
  return 0;
}

export const pip: Program = async (ctx) => {
  const env = findEnv(ctx);
  const [, cmd, ...args] = ctx.argv;
  // pip 20 warns about Python 2.7 before running any command (not for --version or the bare usage).
  if (isPip20(env) && cmd !== undefined && !cmd.startsWith('-') && cmd !== 'install') await ctx.stderr.write(pip20Deprecation(env));
  switch (cmd) {
    case 'install':
      return pipInstall(ctx, env, args);
    case '--version':
    case '-V':
      await ctx.stdout.write(`pip ${env.pipVersion} from ${env.sitePackages}/pip (python ${env.pythonVersion})\n`);
      return 0;
    case 'list': {
      const have = [...installed(ctx, env).values()].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
      const w = Math.max(7, ...have.map((h) => h.name.length));
      const vw = Math.max(7, ...have.map((h) => h.version.length));
      await ctx.stdout.write(`${'Package'.padEnd(w)} Version\n${'-'.repeat(w)} ${'-'.repeat(vw)}\n${have.map((h) => `${h.name.padEnd(w)} ${h.version}\n`).join('')}`);
      if (isPip20(env)) await pip20VersionCheck(ctx, env);
      return 0;
    }
    case 'freeze': {
      const skip = new Set(['pip', 'setuptools', 'wheel', 'distribute']);
      const have = [...installed(ctx, env).values()].filter((h) => !skip.has(normalise(h.name))).sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
      await ctx.stdout.write(have.map((h) => `${h.name}==${h.version}\n`).join(''));
      return 0;
    }
    case 'uninstall': {
      const names = args.filter((a) => !a.startsWith('-'));
      const have = installed(ctx, env);
      for (const n of names) {
        const h = have.get(normalise(n));
        if (!h) {
          await ctx.stderr.write(`WARNING: Skipping ${n} as it is not installed.\n`);
          continue;
        }
        await ctx.stdout.write(`Found existing installation: ${h.name} ${h.version}\nUninstalling ${h.name}-${h.version}:\n  Successfully uninstalled ${h.name}-${h.version}\n`);
        const top = (readText(ctx.fs, `${h.dir}/top_level.txt`) ?? '').trim();
        removePaths(ctx.fs, [h.dir, ...(top ? [`${env.sitePackages}/${top}`] : [])].flatMap((p) => walk(ctx, p)));
      }
      return 0;
    }
    case undefined:
      await ctx.stdout.write('\nUsage:   \n  pip <command> [options]\n');
      return 0;
    default:
      await ctx.stderr.write(`ERROR: unknown command "${cmd}"\n`);
      return 1;
  }
};

function walk(ctx: ProcessContext, p: string): string[] {
  try {
    const st = ctx.fs.lstat(p);
    if (st.type !== 'dir') return [p];
    return [p, ...ctx.fs.readdir(p).flatMap((n) => walk(ctx, `${p}/${n}`))];
  } catch {
    return [];
  }
}
