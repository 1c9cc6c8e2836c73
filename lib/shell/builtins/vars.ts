/** export, readonly, unset, local, declare/typeset. */
import type { Shell } from '../interp/Shell';
import { ExitSignal } from '../interp/errors';
import { printFunction } from '../parser/print';
import { complain, isName, type Builtin } from './types';

function dq(v: string): string {
  return `"${v.replace(/(["\\$`])/g, '\\$1')}"`;
}

async function invalid(sh: Shell, cmd: string, word: string): Promise<number> {
  if (sh.dialect.name === 'bash') await complain(sh, cmd, `\`${word}': not a valid identifier`);
  else {
    await complain(sh, cmd, `${word.split('=')[0]}: bad variable name`);
    // An error in a special builtin ends a non-interactive dash or ash.
    if (cmd !== 'local' && !sh.interactive) throw new ExitSignal(2);
  }
  return sh.dialect.name === 'bash' ? 1 : 2;
}

async function listAttr(sh: Shell, cmd: 'export' | 'readonly'): Promise<void> {
  const names = [...sh.vars.keys()].sort();
  let out = '';
  for (const n of names) {
    const v = sh.vars.get(n)!;
    if (cmd === 'export' ? !v.exported : !v.readonly) continue;
    if (sh.dialect.name === 'bash') {
      const flag = cmd === 'export' ? (v.readonly ? '-rx' : '-x') : v.exported ? '-rx' : '-r';
      out += `declare ${flag} ${n}${v.value === undefined ? '' : '=' + dq(v.value)}\n`;
    } else out += `${cmd} ${n}${v.value === undefined ? '' : `='${v.value.replace(/'/g, "'\\''")}'`}\n`;
  }
  await sh.stdout().write(out);
}

function attrBuiltin(cmd: 'export' | 'readonly'): Builtin {
  return async (sh, argv) => {
    let args = argv.slice(1);
    let unexport = false;
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '--') break;
      if (a.includes('n')) unexport = true;
    }
    if (args.length === 0) {
      await listAttr(sh, cmd);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!isName(name)) {
        status = await invalid(sh, cmd, a);
        continue;
      }
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
      let v = sh.vars.get(name);
      if (!v) {
        v = { value: undefined, array: null, exported: false, readonly: false };
        sh.vars.set(name, v);
      }
      if (cmd === 'export') v.exported = !unexport;
      else v.readonly = true;
    }
    return status;
  };
}

export const exportBuiltin = attrBuiltin('export');
export const readonlyBuiltin = attrBuiltin('readonly');

export const unset: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let mode: 'v' | 'f' | 'any' = 'any';
  while (args[0] && /^-[vf]+$/.test(args[0])) {
    mode = args[0].includes('f') ? 'f' : 'v';
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  let status = 0;
  for (const name of args) {
    if (mode === 'f') {
      sh.functions.delete(name);
      continue;
    }
    if (!isName(name.replace(/\[.*\]$/, ''))) {
      status = await invalid(sh, 'unset', name);
      continue;
    }
    const m = /^(\w+)\[(.*)\]$/.exec(name);
    if (m) {
      const v = sh.vars.get(m[1]!);
      if (v?.array) delete v.array[Number(m[2])];
      continue;
    }
    if (sh.vars.has(name)) {
      if (!sh.unsetVar(name)) {
        await complain(sh, 'unset', sh.dialect.name === 'bash' ? `${name}: cannot unset: readonly variable` : `${name}: is read only`);
        if (sh.dialect.name !== 'bash' && !sh.interactive) throw new ExitSignal(2);
        status = 1;
      }
    } else if (mode === 'any') sh.functions.delete(name);
  }
  return status;
};

export const local: Builtin = async (sh, argv) => {
  if (!sh.inFunction) {
    if (sh.dialect.name === 'bash') await complain(sh, 'local', 'can only be used in a function');
    else await complain(sh, 'local', 'not in a function');
    if (sh.dialect.name === 'ash' && !sh.interactive) throw new ExitSignal(2);
    return sh.dialect.name === 'bash' ? 1 : 2;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!isName(name)) {
      status = await invalid(sh, 'local', a);
      continue;
    }
    sh.makeLocal(name);
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    else if (sh.dialect.name !== 'dash') {
      // bash and ash: `local x` makes x unset in the function; dash keeps the outer value.
      const v = sh.vars.get(name);
      if (v) sh.vars.set(name, { ...v, value: undefined, array: null });
    }
  }
  return status;
};

/** bash declare/typeset: -x -r -a -i -g -p -f -F, enough for scripts people paste. */
export const declare: Builtin = async (sh, argv) => {
  const flags = new Set<string>();
  const plus = new Set<string>();
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^-[a-zA-Z]+$/.test(a) && names.length === 0) for (const c of a.slice(1)) flags.add(c);
    else if (/^\+[a-zA-Z]+$/.test(a) && names.length === 0) for (const c of a.slice(1)) plus.add(c);
    else names.push(a);
  }
  if (flags.has('f') || flags.has('F')) {
    const list = names.length ? names : [...sh.functions.keys()].sort();
    let status = 0;
    for (const n of list) {
      const fn = sh.functions.get(n);
      if (!fn || fn.type !== 'funcdef') status = 1;
      else await sh.stdout().write(flags.has('F') ? `declare -f ${n}\n` : `${printFunction(n, fn.body)}\n`);
    }
    return status;
  }
  if (names.length === 0 || flags.has('p')) {
    const list = names.length ? names : [...sh.vars.keys()].sort();
    let out = '';
    let status = 0;
    for (const n of list) {
      const v = sh.vars.get(n);
      if (!v) {
        await complain(sh, 'declare', `${n}: not found`);
        status = 1;
        continue;
      }
      const f = (v.array ? 'a' : '') + (v.readonly ? 'r' : '') + (v.exported ? 'x' : '');
      const value = v.array ? `=(${v.array.map((x, i) => (x === undefined ? '' : `[${i}]=${dq(x)}`)).filter(Boolean).join(' ')})` : v.value === undefined ? '' : '=' + dq(v.value);
      out += `declare -${f || '-'} ${n}${value}\n`;
    }
    await sh.stdout().write(out);
    return status;
  }
  let status = 0;
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!isName(name)) {
      status = await invalid(sh, 'declare', a);
      continue;
    }
    if (sh.inFunction && !flags.has('g')) sh.makeLocal(name);
    if (eq >= 0) {
      let value = a.slice(eq + 1);
      if (flags.has('a') && value.startsWith('(') && value.endsWith(')')) {
        sh.setArray(name, value.slice(1, -1).split(/\s+/).filter(Boolean));
      } else {
        if (flags.has('i')) value = String(Number(value) || 0);
        sh.setVar(name, value);
      }
    } else if (flags.has('a') && !sh.vars.get(name)?.array) sh.setArray(name, []);
    let v = sh.vars.get(name);
    if (!v) {
      v = { value: undefined, array: null, exported: false, readonly: false };
      sh.vars.set(name, v);
    }
    if (flags.has('x')) v.exported = true;
    if (plus.has('x')) v.exported = false;
    if (flags.has('r')) v.readonly = true;
  }
  return status;
};
