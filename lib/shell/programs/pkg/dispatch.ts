/**
 * pip and npm are scripts: `/usr/local/bin/pip` starts with `#!/usr/local/bin/python3.12`, `npm` is a symlink to
 * `npm-cli.js` (`#!/usr/bin/env node`). So the interpreter programs receive them; these wrappers hand such runs to
 * our pip and npm and pass anything else to the interpreter registered before (or say it is not simulated).
 */

import type { ProcessContext, Program } from '../../../engine/process/Types';
import { distroPackageVersion, exists, readText } from './common';


async function notSimulated(ctx: ProcessContext, name: string): Promise<number> {
  await ctx.stderr.write(`${name}: command not available in this simulation\n`);
  return 127;
}

function scriptText(ctx: ProcessContext, path: string | undefined): string {
  if (!path) return '';
  const abs = path.startsWith('/') ? path : `${ctx.cwd}/${path}`;
  return readText(ctx.fs, abs) ?? '';
}

/** `python3 -m pip ...` and `python3 /usr/local/bin/pip ...` run pip with the rest of the arguments. */
export function pythonWithPip(pip: Program, previous: Program | undefined): Program {
  return async (ctx) => {
    const [argv0, first, ...rest] = ctx.argv;
    if (first === '-m' && /^pip[23]?$/.test(rest[0] ?? '')) return pip(asInterpreter(withArgv(ctx, ['pip', ...rest.slice(1)]), ctx));
    if (first !== undefined && !first.startsWith('-') && /from pip\._internal\.cli\.main import main/.test(scriptText(ctx, first))) return pip(asInterpreter(withArgv(ctx, [first.slice(first.lastIndexOf('/') + 1), ...rest]), ctx));
    if (first === '--version' || first === '-V') {
      if (!previous) {
        // Python 2 prints its version on stderr.
        const v = pythonVersion(ctx);
        await (v.startsWith('2.') ? ctx.stderr : ctx.stdout).write(`Python ${v}\n`);
        return 0;
      }
    }
    return previous ? previous(ctx) : notSimulated(ctx, (argv0 ?? 'python3').replace(/^.*\//, ''));
  };
}

/** `node .../npm-cli.js ...` runs npm. */
export function nodeWithNpm(npm: Program, previous: Program | undefined): Program {
  return async (ctx) => {
    const [argv0, first, ...rest] = ctx.argv;
    // The kernel passes the script as invoked (`/usr/local/bin/npm`, a symlink to npm-cli.js).
    if (first !== undefined && /(^|\/)npm-cli\.js$/.test(realpath(ctx, first))) return npm(withArgv(ctx, ['npm', ...rest]));
    if (first === undefined || first.startsWith('-')) {
      if ((first === '--version' || first === '-v') && !previous) {
        await ctx.stdout.write(`v${nodeVersion(ctx)}\n`);
        return 0;
      }
    }
    return previous ? previous(ctx) : notSimulated(ctx, (argv0 ?? 'node').replace(/^.*\//, ''));
  };
}

function realpath(ctx: ProcessContext, path: string): string {
  try {
    return ctx.fs.realpath(path.startsWith('/') ? path : `${ctx.cwd}/${path}`);
  } catch {
    return path;
  }
}

const interpreters = new WeakMap<ProcessContext, string>();

/** sys.executable of the interpreter running a script (pip names it in its upgrade hint): argv[0] found on PATH. */
export function interpreterOf(ctx: ProcessContext): string | undefined {
  return interpreters.get(ctx);
}

/** sys.executable: the interpreter's argv[0], found on PATH when it has no slash. */
export function executableOf(ctx: ProcessContext): string {
  const argv0 = ctx.argv[0] ?? '';
  if (argv0.includes('/')) return argv0;
  for (const dir of (ctx.env.get('PATH') ?? '').split(':')) if (dir !== '' && exists(ctx.fs, `${dir}/${argv0}`)) return `${dir}/${argv0}`;
  return argv0;
}

function asInterpreter(child: ProcessContext, parent: ProcessContext): ProcessContext {
  interpreters.set(child, executableOf(parent));
  return child;
}

function withArgv(ctx: ProcessContext, argv: readonly string[]): ProcessContext {
  // Methods run against the real context; `cwd` and `umask` writes go to it too.
  return new Proxy(ctx, {
    get: (t, k) => {
      if (k === 'argv') return argv;
      const v: unknown = Reflect.get(t, k);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
    set: (t, k, v) => Reflect.set(t, k, v),
  });
}

/**
 * The image's Python version: the python images set PYTHON_VERSION; distro Pythons are their package's version
 * (Alpine's python3, Debian's python3.N); Debian bookworm's python3 (3.11.2) otherwise.
 */
export function pythonVersion(ctx: ProcessContext): string {
  return ctx.env.get('PYTHON_VERSION') ?? distroPackageVersion(ctx.fs, 'python3', /^python3\.\d+$/) ?? '3.11.2';
}
export function nodeVersion(ctx: ProcessContext): string {
  return ctx.env.get('NODE_VERSION') ?? distroPackageVersion(ctx.fs, 'nodejs', /^nodejs$/) ?? '18.19.0';
}
