/**
 * `pip` / `pip3` (pip 23.0, as in the python images): install (names, `-r requirements.txt`), uninstall -y,
 * list, freeze, --version. Resolution is pip's for the catalog's single release per project: requirements are
 * collected breadth-first, each project once; installed in dependency order; "Successfully installed" sorted by name.
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG } from '../../../engine/packages/PackageCatalog';
import type { PypiIndex, PypiRelease } from '../../../engine/packages/format';
import { DOWNLOAD_RATE, exists, readText, removePaths, unpackFiles, writeText } from './common';

const PIP_VERSION_DEFAULT = '23.0.1';
const PIP_LATEST = '25.0.1';

export function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Import names that differ from the project name. */
const MODULES: Readonly<Record<string, string>> = {
  'python-dateutil': 'dateutil',
  'python-dotenv': 'dotenv',
  pyyaml: 'yaml',
  pillow: 'PIL',
  beautifulsoup4: 'bs4',
  'psycopg2-binary': 'psycopg2',
  'charset-normalizer': 'charset_normalizer',
  'pydantic-core': 'pydantic_core',
  'annotated-types': 'annotated_types',
  'typing-extensions': 'typing_extensions',
};

interface Requirement {
  readonly name: string;
  readonly spec: string;
  /** Where it came from, as pip prints it: `-r requirements.txt (line 1)` or a project name. */
  readonly from?: string;
  /** The project that requires it (pip 23.0 names it only in "Requirement already satisfied" lines). */
  readonly parent?: string;
}

export function parseRequirement(text: string, from?: string): Requirement | undefined {
  const t = text.replace(/\s+#.*$/, '').replace(/;.*$/, '').trim();
  if (t === '' || t.startsWith('#')) return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(t);
  if (!m) return undefined;
  return { name: m[1]!, spec: m[3]!.replace(/\s+/g, ''), ...(from ? { from } : {}) };
}

function cmpVersion(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** PEP 440 specifiers enough for requirements files: ==, !=, >=, <=, >, <, ~=, and `==1.*`. */
export function satisfies(version: string, spec: string): boolean {
  if (spec === '') return true;
  return spec.split(',').every((clause) => {
    const m = /^(===|==|!=|>=|<=|~=|>|<)(.+)$/.exec(clause);
    if (!m) return true;
    const [, op, v] = m as unknown as [string, string, string];
    if (v.endsWith('.*')) {
      const prefix = v.slice(0, -2);
      const hit = version === prefix || version.startsWith(`${prefix}.`);
      return op === '!=' ? !hit : hit;
    }
    const c = cmpVersion(version, v);
    switch (op) {
      case '==':
      case '===':
        return c === 0;
      case '!=':
        return c !== 0;
      case '>=':
        return c >= 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '<':
        return c < 0;
      case '~=': {
        const parts = v.split('.');
        const prefix = parts.slice(0, -1).join('.');
        return c >= 0 && (version === prefix || version.startsWith(`${prefix}.`));
      }
      default:
        return true;
    }
  });
}

/** pip's format_size. */
export function pipSize(bytes: number): string {
  if (bytes > 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes > 10_000) return `${Math.floor(bytes / 1000)} kB`;
  if (bytes > 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

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

interface Env {
  readonly sitePackages: string;
  readonly bin: string;
  readonly pipVersion: string;
  readonly pythonVersion: string;
}

function findEnv(ctx: ProcessContext): Env {
  const fs = ctx.fs;
  for (const lib of ['/usr/local/lib', '/usr/lib']) {
    let names: string[] = [];
    try {
      names = fs.readdir(lib);
    } catch {
      continue;
    }
    for (const n of names.filter((x) => /^python3\.\d+$/.test(x)).sort().reverse()) {
      const sp = `${lib}/${n}/${lib === '/usr/local/lib' ? 'site-packages' : 'dist-packages'}`;
      const dir = lib === '/usr/local/lib' ? sp : `/usr/local/lib/${n}/dist-packages`;
      if (lib === '/usr/local/lib' && !exists(fs, sp)) continue;
      let pipVersion = PIP_VERSION_DEFAULT;
      try {
        const info = fs.readdir(lib === '/usr/local/lib' ? sp : `/usr/lib/python3/dist-packages`).find((x) => /^pip-.*\.dist-info$/.test(x));
        if (info) pipVersion = info.slice(4, -'.dist-info'.length);
      } catch {
        /* Debian's pip lives elsewhere */
      }
      return { sitePackages: dir, bin: '/usr/local/bin', pipVersion, pythonVersion: n.slice('python'.length) };
    }
  }
  return { sitePackages: '/usr/local/lib/python3.11/dist-packages', bin: '/usr/local/bin', pipVersion: PIP_VERSION_DEFAULT, pythonVersion: '3.11' };
}

function distInfo(env: Env, r: PypiRelease): string {
  return `${env.sitePackages}/${r.name.replace(/-/g, '_')}-${r.version}.dist-info`;
}

/** name → version of what is installed (dist-info directories). */
function installed(ctx: ProcessContext, env: Env): Map<string, { name: string; version: string; dir: string }> {
  const out = new Map<string, { name: string; version: string; dir: string }>();
  let names: string[] = [];
  try {
    names = ctx.fs.readdir(env.sitePackages);
  } catch {
    return out;
  }
  for (const n of names) {
    const m = /^(.+?)-([^-]+)\.(dist-info|egg-info)$/.exec(n);
    if (!m) continue;
    // pip shows the Name of the metadata (charset-normalizer), not the directory's escaped form.
    const dir = `${env.sitePackages}/${n}`;
    const meta = readText(ctx.fs, `${dir}/${m[3] === 'dist-info' ? 'METADATA' : 'PKG-INFO'}`);
    const name = (meta && /^Name: (.+)$/m.exec(meta)?.[1]?.trim()) || m[1]!;
    out.set(normalise(m[1]!), { name, version: m[2]!, dir });
  }
  return out;
}

function install(ctx: ProcessContext, env: Env, r: PypiRelease): void {
  const key = normalise(r.name);
  const module = MODULES[key] ?? key.replace(/-/g, '_');
  const info = distInfo(env, r);
  const meta = `Metadata-Version: 2.1\nName: ${r.name}\nVersion: ${r.version}\n${r.requires.map((q) => `Requires-Dist: ${q}\n`).join('')}`;
  // An installed wheel takes about three times its compressed size; one module file stands for the package's code.
  const files = [
    { path: `${env.sitePackages}/${module}`, type: 'dir' as const, mode: 0o755 },
    { path: `${env.sitePackages}/${module}/__init__.py`, type: 'file' as const, mode: 0o644, content: { kind: 'synthetic' as const, size: r.wheelSize * 3, seed: r.wheelSize } },
    { path: info, type: 'dir' as const, mode: 0o755 },
    { path: `${info}/INSTALLER`, type: 'file' as const, mode: 0o644, content: { kind: 'text' as const, text: 'pip\n' } },
    { path: `${info}/METADATA`, type: 'file' as const, mode: 0o644, content: { kind: 'text' as const, text: meta } },
    { path: `${info}/WHEEL`, type: 'file' as const, mode: 0o644, content: { kind: 'text' as const, text: `Wheel-Version: 1.0\nGenerator: bdist_wheel\nRoot-Is-Purelib: ${r.wheel.includes('none-any') ? 'true' : 'false'}\nTag: ${r.wheel.split('-').slice(2).join('-').replace(/\.whl$/, '')}\n` } },
    { path: `${info}/top_level.txt`, type: 'file' as const, mode: 0o644, content: { kind: 'text' as const, text: `${module}\n` } },
  ];
  const scripts = (r.scripts ?? []).map((s) => ({
    path: `${env.bin}/${s}`,
    type: 'file' as const,
    mode: 0o755,
    content: { kind: 'text' as const, text: `#!/usr/local/bin/python${env.pythonVersion}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom ${module} import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n` },
  }));
  const written = unpackFiles(ctx.fs, [...files, ...scripts]);
  writeText(ctx.fs, `${info}/RECORD`, written.filter((p) => !p.endsWith(module) && !p.endsWith('.dist-info')).map((p) => `${p.startsWith(env.sitePackages) ? p.slice(env.sitePackages.length + 1) : p},,\n`).join('') + `${info.slice(env.sitePackages.length + 1)}/RECORD,,\n`);
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
  const reqs: Requirement[] = [];
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-r' || a === '--requirement' || a.startsWith('-r') || a.startsWith('--requirement=')) {
      const file = a === '-r' || a === '--requirement' ? args[++i] : a.startsWith('--requirement=') ? a.slice(14) : a.slice(2);
      if (file === undefined) {
        await ctx.stderr.write(`\nUsage:   \n  pip install [options] <requirement specifier> [package-index-options] ...\n\n-r option requires 1 argument\n`);
        return 2;
      }
      const text = readText(ctx.fs, file.startsWith('/') ? file : `${ctx.cwd}/${file}`);
      if (text === undefined) {
        await ctx.stderr.write(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`);
        return 1;
      }
      text.split('\n').forEach((line, n) => {
        const r = parseRequirement(line, `-r ${file} (line ${n + 1})`);
        if (r) reqs.push(r);
      });
    } else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--no-cache-dir' || a === '--upgrade' || a === '-U' || a === '--user' || a === '--break-system-packages' || a === '--root-user-action=ignore') continue;
    else if (a.startsWith('-')) {
      await ctx.stderr.write(`\nUsage:   \n  pip install [options] <requirement specifier> [package-index-options] ...\n  pip install [options] -r <requirements file> [package-index-options] ...\n\nno such option: ${a}\n`);
      return 2;
    } else {
      const r = parseRequirement(a);
      if (r) reqs.push(r);
    }
  }
  if (reqs.length === 0) {
    await ctx.stderr.write('ERROR: You must give at least one requirement to install (see "pip help install")\n');
    return 1;
  }
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
    const rel = index.projects[key];
    await out(`Collecting ${r.name}${r.spec}${fromSuffix(r)}\n`);
    if (!rel || !satisfies(rel.version, r.spec)) {
      await ctx.stderr.write(`ERROR: Could not find a version that satisfies the requirement ${r.name}${r.spec}${fromSuffix(r)} (from versions: ${rel ? rel.version : 'none'})\nERROR: No matching distribution found for ${r.name}${r.spec}\n`);
      return 1;
    }
    await out(`  Downloading ${rel.wheel} (${pipSize(rel.wheelSize)})\n`);
    if (rel.wheelSize > 40_000) await out(progressLine(rel.wheelSize));
    chosen.set(key, rel);
    deps.set(key, []);
    for (const q of rel.requires) {
      const dep = parseRequirement(q, r.name.toLowerCase() === rel.name.toLowerCase() ? r.name : rel.name);
      if (!dep) continue;
      deps.get(key)!.push(normalise(dep.name));
      queue.push({ name: dep.name, spec: dep.spec, parent: r.name });
    }
    order.push(rel);
  }
  if (order.length === 0) return finish(ctx, env, quiet);
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
  return finish(ctx, env, quiet);
}

async function finish(ctx: ProcessContext, env: Env, quiet: boolean): Promise<number> {
  if (ctx.cred.uid === 0 && env.sitePackages.startsWith('/usr/local/lib/python') && !quiet) {
    await ctx.stderr.write("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv\n");
  }
  if (!quiet && cmpVersion(env.pipVersion, PIP_LATEST) < 0 && ctx.sys.service(PACKAGE_CATALOG)) {
    await ctx.stderr.write(`\n[notice] A new release of pip is available: ${env.pipVersion} -> ${PIP_LATEST}\n[notice] To update, run: pip install --upgrade pip\n`);
  }
  return 0;
}

export const pip: Program = async (ctx) => {
  const env = findEnv(ctx);
  const [, cmd, ...args] = ctx.argv;
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
