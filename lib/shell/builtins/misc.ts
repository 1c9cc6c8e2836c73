/** alias/unalias, type, command, hash, umask, history, getopts, ulimit, builtin, shopt. */
import { DEFAULT_PATH } from '../../engine/process/Machine';
import { printFunction } from '../parser/print';
import type { Shell } from '../interp/Shell';
import { complain, quoteValue, type Builtin } from './types';

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);

function isKeyword(sh: Shell, name: string): boolean {
  return KEYWORDS.has(name) || (sh.dialect.name === 'bash' && (name === '[[' || name === ']]' || name === 'function' || name === 'time' || name === 'select' || name === 'coproc'));
}

function aliasLine(sh: Shell, name: string, value: string): string {
  const q = `'${value.replace(/'/g, "'\\''")}'`;
  return sh.dialect.name === 'bash' ? `alias ${name}=${q}\n` : `${name}=${q}\n`;
}

export const alias: Builtin = async (sh, argv) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    await sh.stdout().write([...sh.aliases.keys()].sort().map((n) => aliasLine(sh, n, sh.aliases.get(n)!)).join(''));
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
      continue;
    }
    const v = sh.aliases.get(a);
    if (v === undefined) {
      if (sh.dialect.name === 'bash') await complain(sh, 'alias', `${a}: not found`);
      else await sh.stderr().write(`alias: ${a} not found\n`);
      status = 1;
    } else await sh.stdout().write(aliasLine(sh, a, v));
  }
  return status;
};

export const unalias: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args[0] === '-a') {
    sh.aliases.clear();
    return 0;
  }
  if (args.length === 0) {
    await complain(sh, 'unalias', sh.dialect.name === 'bash' ? 'usage: unalias [-a] name [name ...]' : 'usage: unalias [-a] name');
    return 2;
  }
  let status = 0;
  for (const a of args) {
    if (!sh.aliases.delete(a)) {
      if (sh.dialect.name === 'bash') await complain(sh, 'unalias', `${a}: not found`);
      else await sh.stderr().write(`unalias: ${a} not found\n`);
      status = 1;
    }
  }
  return status;
};

type Kind = { kind: 'alias'; value: string } | { kind: 'keyword' } | { kind: 'function' } | { kind: 'builtin'; special: boolean } | { kind: 'file'; path: string } | null;

function lookup(sh: Shell, name: string, useAliases = true): Kind {
  const a = sh.aliases.get(name);
  if (a !== undefined && useAliases) return { kind: 'alias', value: a };
  if (isKeyword(sh, name)) return { kind: 'keyword' };
  if (sh.functions.has(name) && !(sh.dialect.name !== 'bash' && sh.isSpecialBuiltin(name))) return { kind: 'function' };
  if (sh.isBuiltin(name)) return { kind: 'builtin', special: sh.isSpecialBuiltin(name) };
  const path = findInPath(sh, name);
  return path ? { kind: 'file', path } : null;
}

export function findInPath(sh: Shell, name: string): string | null {
  const env = new Map([['PATH', sh.getVar('PATH') ?? DEFAULT_PATH]]);
  const r = sh.ctx.sys.resolveCommand(name, env, sh.ctx.cwd, sh.ctx.fs);
  if (r.kind === 'program' || r.kind === 'script' || r.kind === 'unsupported' || r.kind === 'not-executable-format' || r.kind === 'bad-interpreter') return name.includes('/') ? name : r.path;
  return null;
}

async function describe(sh: Shell, name: string, k: Kind): Promise<string> {
  const bash = sh.dialect.name === 'bash';
  if (!k) return '';
  switch (k.kind) {
    case 'alias':
      return bash ? `${name} is aliased to \`${k.value}'\n` : `${name} is an alias for ${k.value}\n`;
    case 'keyword':
      return `${name} is a ${bash ? 'shell keyword' : 'shell keyword'}\n`;
    case 'function': {
      if (sh.dialect.name === 'bash') {
        const fn = sh.functions.get(name);
        return `${name} is a function\n${fn && fn.type === 'funcdef' ? printFunction(name, fn.body) + '\n' : ''}`;
      }
      return sh.dialect.name === 'dash' ? `${name} is a shell function\n` : `${name} is a function\n`;
    }
    case 'builtin':
      return `${name} is a ${k.special && !bash ? 'special shell builtin' : 'shell builtin'}\n`;
    case 'file':
      return `${name} is ${k.path}\n`;
  }
}

export const type: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let short = false;
  let pathOnly = false;
  while (sh.dialect.name === 'bash' && args[0]?.startsWith('-') && args[0].length > 1) {
    const o = args.shift()!;
    if (o === '--') break;
    if (o.includes('t')) short = true;
    if (o.includes('p') || o.includes('P')) pathOnly = true;
  }
  let status = 0;
  for (const name of args) {
    const k = lookup(sh, name);
    if (!k) {
      if (!short && !pathOnly) {
        if (sh.dialect.name === 'bash') await complain(sh, 'type', `${name}: not found`);
        else await sh.stdout().write(`${name}: not found\n`);
      }
      status = sh.dialect.name === 'bash' ? 1 : 127;
      continue;
    }
    if (short) await sh.stdout().write(`${k.kind}\n`);
    else if (pathOnly) {
      if (k.kind === 'file') await sh.stdout().write(`${k.path}\n`);
    } else await sh.stdout().write(await describe(sh, name, k));
  }
  return status;
};

export const command: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let mode: 'v' | 'V' | null = null;
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const o = args.shift()!;
    if (o === '--') break;
    if (o.includes('v')) mode = 'v';
    if (o.includes('V')) mode = 'V';
  }
  if (args.length === 0) return 0;
  if (mode) {
    let status = 0;
    for (const name of args) {
      const k = lookup(sh, name);
      if (!k) {
        if (mode === 'V') {
          if (sh.dialect.name === 'bash') await complain(sh, 'command', `${name}: not found`);
          else await sh.stdout().write(`${name}: not found\n`);
        }
        status = sh.dialect.name === 'bash' ? 1 : 127;
        continue;
      }
      if (mode === 'V') await sh.stdout().write(await describe(sh, name, k));
      else if (k.kind === 'alias') await sh.stdout().write(sh.dialect.name === 'bash' ? `alias ${name}=${quoteValue(k.value)}\n` : `alias ${name}=${quoteValue(k.value)}\n`);
      else await sh.stdout().write(`${k.kind === 'file' ? k.path : name}\n`);
    }
    return status;
  }
  const name = args[0]!;
  if (sh.isBuiltin(name)) return sh.runBuiltin(name, args);
  return sh.runExternal(args, new Map());
};

export const builtin: Builtin = async (sh, argv) => {
  const name = argv[1];
  if (name === undefined) return 0;
  if (!sh.isBuiltin(name)) {
    await complain(sh, 'builtin', `${name}: not a shell builtin`);
    return 1;
  }
  return sh.runBuiltin(name, argv.slice(1));
};

export const hash: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    if (sh.dialect.name === 'bash') await sh.stdout().write('hash: hash table empty\n');
    return 0;
  }
  if (args[0] === '-r') return 0;
  let status = 0;
  for (const a of args) {
    if (sh.isBuiltin(a) || sh.functions.has(a)) continue;
    if (!findInPath(sh, a)) {
      if (sh.dialect.name === 'bash') await complain(sh, 'hash', `${a}: not found`);
      else await complain(sh, 'hash', `${a}: not found`);
      status = 1;
    }
  }
  return status;
};

function symbolicUmask(mask: number): string {
  const part = (shift: number) => {
    const bits = (~mask >> shift) & 7;
    return (bits & 4 ? 'r' : '') + (bits & 2 ? 'w' : '') + (bits & 1 ? 'x' : '');
  };
  return `u=${part(6)},g=${part(3)},o=${part(0)}`;
}

export const umask: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  const symbolic = args[0] === '-S';
  const rest = args.filter((a) => a !== '-S' && a !== '-p');
  if (rest.length === 0) {
    await sh.stdout().write(symbolic ? symbolicUmask(sh.ctx.umask) + '\n' : sh.ctx.umask.toString(8).padStart(4, '0') + '\n');
    return 0;
  }
  const spec = rest[0]!;
  if (/^[0-7]+$/.test(spec)) {
    sh.ctx.umask = parseInt(spec, 8) & 0o777;
    return 0;
  }
  // Symbolic: u=rwx,g=rx,o= sets the allowed bits.
  let allowed = ~sh.ctx.umask & 0o777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([=+-])([rwx]*)$/.exec(clause);
    if (!m) {
      if (sh.dialect.name === 'bash') await complain(sh, 'umask', `\`${clause.slice(-1)}': invalid symbolic mode operator`);
      else await complain(sh, 'umask', `Illegal mode: ${spec}`);
      return 1;
    }
    const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!;
    let bits = 0;
    for (const c of m[3]!) bits |= c === 'r' ? 4 : c === 'w' ? 2 : 1;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      if (m[2] === '=') allowed = (allowed & ~(7 << shift)) | (bits << shift);
      else if (m[2] === '+') allowed |= bits << shift;
      else allowed &= ~(bits << shift);
    }
  }
  sh.ctx.umask = ~allowed & 0o777;
  return 0;
};

export const history: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args[0] === '-c') {
    sh.history.length = 0;
    return 0;
  }
  let start = 0;
  if (args[0] !== undefined && /^[0-9]+$/.test(args[0])) start = Math.max(0, sh.history.length - Number(args[0]));
  let out = '';
  for (let i = start; i < sh.history.length; i++) out += `${String(i + 1).padStart(5)}  ${sh.history[i]}\n`;
  await sh.stdout().write(out);
  return 0;
};

export const getopts: Builtin = async (sh, argv) => {
  const optstring = argv[1];
  const name = argv[2];
  if (optstring === undefined || name === undefined) {
    await complain(sh, 'getopts', sh.dialect.name === 'bash' ? 'usage: getopts optstring name [arg ...]' : 'usage: getopts optstring var [arg]');
    return 2;
  }
  const args = argv.length > 3 ? argv.slice(3) : sh.positional;
  const silent = optstring.startsWith(':');
  const opts = silent ? optstring.slice(1) : optstring;
  let optind = Number(sh.getVar('OPTIND') ?? '1') || 1;
  // A changed OPTIND (the script reset it) starts over at the first character of that argument.
  if (optind !== sh.getoptsState.optind) sh.getoptsState.pos = 1;
  const arg = args[optind - 1];
  const done = () => {
    sh.setVar(name, '?');
    sh.unsetVar('OPTARG');
    sh.getoptsState.optind = optind;
    sh.setVar('OPTIND', String(optind));
    return 1;
  };
  if (arg === undefined || !arg.startsWith('-') || arg === '-') return done();
  if (arg === '--') {
    optind++;
    return done();
  }
  const c = arg[sh.getoptsState.pos]!;
  sh.getoptsState.pos++;
  const advance = () => {
    if (sh.getoptsState.pos >= arg.length) {
      optind++;
      sh.getoptsState.pos = 1;
    }
  };
  const i = opts.indexOf(c);
  const prog = sh.arg0;
  if (i < 0 || c === ':') {
    advance();
    if (silent) {
      sh.setVar('OPTARG', c);
    } else {
      await sh.stderr().write(sh.dialect.name !== 'bash' ? `Illegal option -${c}\n` : `${prog}: illegal option -- ${c}\n`);
      sh.unsetVar('OPTARG');
    }
    sh.setVar(name, '?');
  } else if (opts[i + 1] === ':') {
    let value: string | undefined;
    if (sh.getoptsState.pos < arg.length) {
      value = arg.slice(sh.getoptsState.pos);
      optind++;
      sh.getoptsState.pos = 1;
    } else {
      optind++;
      sh.getoptsState.pos = 1;
      value = args[optind - 1];
      if (value !== undefined) optind++;
    }
    if (value === undefined) {
      if (silent) {
        sh.setVar(name, ':');
        sh.setVar('OPTARG', c);
      } else {
        await sh.stderr().write(sh.dialect.name !== 'bash' ? `No arg for -${c} option\n` : `${prog}: option requires an argument -- ${c}\n`);
        sh.setVar(name, '?');
        sh.unsetVar('OPTARG');
      }
    } else {
      sh.setVar(name, c);
      sh.setVar('OPTARG', value);
    }
  } else {
    advance();
    sh.setVar(name, c);
    sh.unsetVar('OPTARG');
  }
  sh.getoptsState.optind = optind;
  sh.setVar('OPTIND', String(optind));
  return 0;
};

export const ulimit: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0 || args.every((a) => a.startsWith('-'))) {
    await sh.stdout().write(args.includes('-n') ? '1048576\n' : 'unlimited\n');
  }
  return 0;
};

export const shopt: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  const on = args.includes('-s');
  const off = args.includes('-u');
  const names = args.filter((a) => !a.startsWith('-'));
  for (const n of names) {
    if (n === 'expand_aliases' && (on || off)) sh.expandAliases = on;
  }
  if (!on && !off) {
    for (const n of names) await sh.stdout().write(`${n.padEnd(15)}\t${n === 'expand_aliases' && (sh.expandAliases || sh.interactive) ? 'on' : 'off'}\n`);
  }
  return 0;
};
