/**
 * What pip 23 (pip.ts) and pip 20 (pip20.ts, Python 2.7 images) share: requirement and version arithmetic, the
 * interpreter's site-packages, what is installed there, writing a release into it, and choosing a release.
 */

import type { ProcessContext } from '../../../engine/process/Types';
import type { PypiIndex, PypiRelease } from '../../../engine/packages/format';
import { exists, readText, unpackFiles, writeText } from './common';
import { pythonVersion } from './dispatch';

const PIP_VERSION_DEFAULT = '23.0.1';

export function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Import names that differ from the project name. */
export const MODULES: Readonly<Record<string, string>> = {
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

export interface Requirement {
  readonly name: string;
  readonly spec: string;
  /** Where it came from, as pip prints it: `-r requirements.txt (line 1)` or a project name. */
  readonly from?: string;
  /** The project that requires it (pip 23.0 names it only in "Requirement already satisfied" lines). */
  readonly parent?: string;
  /** Its environment marker (`python_version < "3"`), printed by pip 20. */
  readonly marker?: string;
}

export function parseRequirement(text: string, from?: string): Requirement | undefined {
  const noComment = text.replace(/\s+#.*$/, '');
  const marker = /;\s*(.*)$/.exec(noComment)?.[1]?.trim();
  const t = noComment.replace(/;.*$/, '').trim();
  if (t === '' || t.startsWith('#')) return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(t);
  if (!m) return undefined;
  return { name: m[1]!, spec: m[3]!.replace(/\s+/g, ''), ...(from ? { from } : {}), ...(marker ? { marker } : {}) };
}

/**
 * A marker on the running Python: `python_version` / `python_full_version` comparisons joined by `and`/`or` (what
 * the catalog's requirements use); anything else counts as true.
 */
export function markerHolds(marker: string | undefined, pythonFull: string): boolean {
  if (!marker) return true;
  const short = pythonFull.split('.').slice(0, 2).join('.');
  return marker.split(/\s+or\s+/).some((any) =>
    any.split(/\s+and\s+/).every((clause) => {
      const m = /^(python_version|python_full_version)\s*(===|==|!=|>=|<=|~=|>|<)\s*["']([^"']+)["']$/.exec(clause.trim());
      if (!m) return true;
      return satisfies(m[1] === 'python_version' ? short : pythonFull, `${m[2]}${m[3]}`);
    }),
  );
}

export function cmpVersion(a: string, b: string): number {
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
  if (spec.trim() === '') return true;
  return spec.split(',').map((c) => c.trim()).every((clause) => {
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

export interface Env {
  readonly sitePackages: string;
  readonly bin: string;
  readonly pipVersion: string;
  /** `3.12`, `2.7`: the interpreter's lib directory name. */
  readonly pythonVersion: string;
  /** `3.12.9`, `2.7.18`: what Requires-Python and markers are checked against. */
  readonly pythonFull: string;
}

function fullVersion(ctx: ProcessContext, short: string): string {
  const v = pythonVersion(ctx);
  return v.startsWith(`${short}.`) ? v : `${short}.0`;
}

export function findEnv(ctx: ProcessContext): Env {
  const fs = ctx.fs;
  for (const lib of ['/usr/local/lib', '/usr/lib']) {
    let names: string[] = [];
    try {
      names = fs.readdir(lib);
    } catch {
      continue;
    }
    for (const n of names.filter((x) => (lib === '/usr/local/lib' ? /^python[23]\.\d+$/ : /^python3\.\d+$/).test(x)).sort().reverse()) {
      // Alpine's python3 keeps site-packages under /usr/lib (py3-pip's dist-info is there too).
      const alpine = lib === '/usr/lib' && exists(fs, `${lib}/${n}/site-packages`);
      if (alpine) {
        const sp = `${lib}/${n}/site-packages`;
        const info = fs.readdir(sp).find((x) => /^pip-.*\.dist-info$/.test(x));
        const short = n.slice('python'.length);
        return { sitePackages: sp, bin: '/usr/bin', pipVersion: info ? info.slice(4, -'.dist-info'.length) : PIP_VERSION_DEFAULT, pythonVersion: short, pythonFull: fullVersion(ctx, short) };
      }
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
      const short = n.slice('python'.length);
      return { sitePackages: dir, bin: '/usr/local/bin', pipVersion, pythonVersion: short, pythonFull: fullVersion(ctx, short) };
    }
  }
  return { sitePackages: '/usr/local/lib/python3.11/dist-packages', bin: '/usr/local/bin', pipVersion: PIP_VERSION_DEFAULT, pythonVersion: '3.11', pythonFull: fullVersion(ctx, '3.11') };
}

export function distInfo(env: Env, r: PypiRelease): string {
  return `${env.sitePackages}/${r.name.replace(/-/g, '_')}-${r.version}.dist-info`;
}

/** name → version of what is installed (dist-info directories). */
export function installed(ctx: ProcessContext, env: Env): Map<string, { name: string; version: string; dir: string }> {
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

/** The shebang pip writes into console scripts: sys.executable, as the image's own pip script starts it. */
function scriptInterpreter(env: Env): string {
  return env.pythonVersion.startsWith('2.') ? '/usr/local/bin/python' : `/usr/local/bin/python${env.pythonVersion}`;
}

export function install(ctx: ProcessContext, env: Env, r: PypiRelease): void {
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
    content: { kind: 'text' as const, text: `#!${scriptInterpreter(env)}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom ${module} import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n` },
  }));
  const written = unpackFiles(ctx.fs, [...files, ...scripts]);
  writeText(ctx.fs, `${info}/RECORD`, written.filter((p) => !p.endsWith(module) && !p.endsWith('.dist-info')).map((p) => `${p.startsWith(env.sitePackages) ? p.slice(env.sitePackages.length + 1) : p},,\n`).join('') + `${info.slice(env.sitePackages.length + 1)}/RECORD,,\n`);
}


/** Whether a release's Requires-Python admits the running interpreter (pip skips the others silently). */
export function pythonAdmits(r: PypiRelease, pythonFull: string): boolean {
  return r.requiresPython === undefined || satisfies(pythonFull, r.requiresPython.replace(/\s+/g, ''));
}

/** The releases of a project the running Python can install, newest first. */
export function candidates(index: PypiIndex, key: string, pythonFull: string): PypiRelease[] {
  const all = [index.projects[key], ...(index.older?.[key] ?? [])].filter((r): r is PypiRelease => r !== undefined);
  return all.filter((r) => pythonAdmits(r, pythonFull)).sort((a, b) => cmpVersion(b.version, a.version));
}

/** pip 20 (the last for Python 2.7) prints the legacy resolver's transcript. */
export function isPip20(env: Env): boolean {
  return Number(env.pipVersion.split('.')[0]) < 21;
}

/** `pip install` arguments: the requirements (names, `-r FILE`) and -q; an exit status after a usage error. */
/** Options that change nothing here (no index, cache or compilation to configure), with and without a value. */
const VALUE_OPTIONS = new Set(['--trusted-host', '-i', '--index-url', '--extra-index-url', '--timeout', '--retries', '--proxy', '--progress-bar', '--root-user-action', '--cache-dir', '-f', '--find-links']);
const FLAG_OPTIONS = new Set(['--no-cache-dir', '--upgrade', '-U', '--user', '--break-system-packages', '--no-warn-script-location', '--force-reinstall', '--ignore-installed', '-I', '--pre', '--compile', '--no-compile', '-v', '--verbose', '--isolated', '--no-input', '--prefer-binary', '--no-build-isolation', '--upgrade-strategy=only-if-needed', '--upgrade-strategy=eager']);

export async function parseInstallArgs(ctx: ProcessContext, args: readonly string[]): Promise<{ reqs: Requirement[]; quiet: boolean; versionCheck: boolean } | number> {
  const reqs: Requirement[] = [];
  let quiet = false;
  let versionCheck = true;
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
    else if (a === '--disable-pip-version-check') versionCheck = false;
    else if (VALUE_OPTIONS.has(a)) i++;
    else if (FLAG_OPTIONS.has(a) || [...VALUE_OPTIONS].some((o) => o.startsWith('--') && a.startsWith(`${o}=`))) continue;
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
  return { reqs, quiet, versionCheck };
}
