/** The standard-library modules of the subset: sys, os (and os.path), math, time, platform, socket. */

import { PyExit } from './errors';
import type { Interpreter } from './interp';
import { builtin } from './builtins';
import { flaskModule } from './flask';
import { redisModule } from './redis';
import { type PyDict, type PyModule, type PyValue, list, str, tuple } from './values';

function mod(name: string, entries: [string, PyValue][]): PyModule {
  return { kind: 'module', name, attrs: new Map(entries) };
}

function num(v: PyValue | undefined): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? +v : (v as number);
}

function normalisePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!(part === '..' && abs)) out.push(part);
  }
  return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
}

export function builtinModule(it: Interpreter, name: string): PyModule | undefined {
  const h = it.host;
  const major = it.major;
  const stream = (which: 'stdout' | 'stderr') =>
    mod(`sys.${which}`, [
      ['write', builtin('write', async ([s]) => {
        const text = str(s ?? null, major);
        await (which === 'stdout' ? h.write(text) : h.writeErr(text));
        return major === 2 ? null : BigInt(text.length);
      })],
      ['flush', builtin('flush', async () => {
        if (which === 'stdout') await h.flush();
        return null;
      })],
    ]);
  switch (name) {
    case 'sys': {
      const [maj, min, mic] = h.version.split('.').map((x) => BigInt(x)) as [bigint, bigint, bigint];
      return mod('sys', [
        ['version', h.build === undefined ? { kind: 'opaque', name: 'sys.version' } : `${h.version} ${h.build}`],
        ['version_info', tuple([maj, min, mic, 'final', 0n])],
        ['platform', major === 2 ? 'linux2' : 'linux'],
        ['argv', list([...h.argv])],
        ['executable', h.executable],
        ['byteorder', 'little'],
        [major === 2 ? 'maxint' : 'maxsize', 9223372036854775807n],
        ...(major === 2 ? [['maxsize', 9223372036854775807n] as [string, PyValue]] : []),
        ['stdout', stream('stdout')],
        ['stderr', stream('stderr')],
        ['exit', builtin('exit', ([code]) => {
          if (code === undefined || code === null) throw new PyExit(0);
          if (typeof code === 'bigint' || typeof code === 'boolean') throw new PyExit(Number(code) & 0xff);
          throw new PyExit(1, str(code, major));
        })],
      ]);
    }
    case 'os': {
      const environ: PyDict = { kind: 'dict', map: new Map() };
      for (const [k, v] of h.env) environ.map.set(`s:${k}`, [k, v]);
      return mod('os', [
        ['name', 'posix'],
        ['sep', '/'],
        ['linesep', '\n'],
        ['environ', environ],
        ['getcwd', builtin('getcwd', () => h.cwd)],
        ['getenv', builtin('getenv', ([k, d]) => h.env.get(str(k ?? null, major)) ?? d ?? null)],
        ['getpid', builtin('getpid', () => BigInt(h.pid))],
        ['listdir', builtin('listdir', ([p]) => {
          const path = p === undefined ? '.' : str(p, major);
          try {
            return list(h.listdir(path.startsWith('/') ? path : `${h.cwd}/${path}`));
          } catch {
            throw it.err('OSError', `[Errno 2] No such file or directory: ${major === 2 ? `'${path}'` : `'${path}'`}`);
          }
        })],
        ['path', builtinModule(it, 'os.path')!],
      ]);
    }
    case 'os.path':
      return mod('posixpath', [
        ['sep', '/'],
        ['join', builtin('join', (args) => args.map((a) => str(a, major)).reduce((acc, p) => (p.startsWith('/') ? p : acc === '' || acc.endsWith('/') ? acc + p : `${acc}/${p}`), ''))],
        ['basename', builtin('basename', ([p]) => str(p ?? '', major).slice(str(p ?? '', major).lastIndexOf('/') + 1))],
        ['dirname', builtin('dirname', ([p]) => {
          const s = str(p ?? '', major);
          const d = s.slice(0, s.lastIndexOf('/') + 1);
          return /^\/+$/.test(d) ? d : d.replace(/\/+$/, '');
        })],
        ['abspath', builtin('abspath', ([p]) => normalisePath(str(p ?? '', major).startsWith('/') ? str(p ?? '', major) : `${h.cwd}/${str(p ?? '', major)}`))],
        ['exists', builtin('exists', ([p]) => statKind(it, str(p ?? '', major)) !== null)],
        ['isfile', builtin('isfile', ([p]) => statKind(it, str(p ?? '', major)) === 'file')],
        ['isdir', builtin('isdir', ([p]) => statKind(it, str(p ?? '', major)) === 'dir')],
      ]);
    case 'math': {
      const intResult = (x: number): PyValue => (major === 2 ? x : BigInt(x));
      const domain = (x: number) => {
        if (Number.isNaN(x)) throw it.err('ValueError', 'math domain error');
        return x;
      };
      return mod('math', [
        ['pi', Math.PI],
        ['e', Math.E],
        ['sqrt', builtin('sqrt', ([x]) => domain(Math.sqrt(num(x))))],
        ['floor', builtin('floor', ([x]) => (typeof x === 'bigint' ? x : intResult(Math.floor(num(x)))))],
        ['ceil', builtin('ceil', ([x]) => (typeof x === 'bigint' ? x : intResult(Math.ceil(num(x)))))],
        ['fabs', builtin('fabs', ([x]) => Math.abs(num(x)))],
        ['pow', builtin('pow', ([x, y]) => num(x) ** num(y))],
        ['log', builtin('log', ([x, b]) => domain(b === undefined ? Math.log(num(x)) : Math.log(num(x)) / Math.log(num(b))))],
        ['log10', builtin('log10', ([x]) => domain(Math.log10(num(x))))],
        ['log2', builtin('log2', ([x]) => domain(Math.log2(num(x))))],
        ['exp', builtin('exp', ([x]) => Math.exp(num(x)))],
        ['sin', builtin('sin', ([x]) => Math.sin(num(x)))],
        ['cos', builtin('cos', ([x]) => Math.cos(num(x)))],
        ['tan', builtin('tan', ([x]) => Math.tan(num(x)))],
        ['factorial', builtin('factorial', ([x]) => {
          let r = 1n;
          for (let i = 2n; i <= (x as bigint); i++) r *= i;
          return r;
        })],
      ]);
    }
    case 'time':
      return mod('time', [
        ['time', builtin('time', () => h.now() / 1000)],
        ['sleep', builtin('sleep', async ([s]) => {
          await h.sleep(num(s));
          return null;
        })],
      ]);
    case 'platform':
      return mod('platform', [
        ['python_version', builtin('python_version', () => h.version)],
        ['system', builtin('system', () => 'Linux')],
        ['machine', builtin('machine', () => 'x86_64')],
        ['node', builtin('node', () => h.hostname)],
      ]);
    case 'flask': {
      const version = h.packageVersion('Flask');
      return version === undefined ? undefined : flaskModule(it, version);
    }
    case 'redis':
      return h.packageVersion('redis') === undefined ? undefined : redisModule(it);
    case 'socket':
      return mod('socket', [['gethostname', builtin('gethostname', () => h.hostname)]]);
    default:
      return undefined;
  }
}

function statKind(it: Interpreter, p: string): 'file' | 'dir' | null {
  const h = it.host;
  const abs = p.startsWith('/') ? p : `${h.cwd}/${p}`;
  const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  try {
    h.listdir(abs);
    return 'dir';
  } catch {
    try {
      return h.listdir(dir).includes(base) ? 'file' : null;
    } catch {
      return null;
    }
  }
}
