/** set and shift. */
import { OPTION_LETTERS, SHELL_OPTION_NAMES, type ShellOptionName } from '../interp/options';
import type { Shell } from '../interp/Shell';
import { ExitSignal } from '../interp/errors';
import { printFunction } from '../parser/print';
import { complain, type Builtin } from './types';

/** Options `set -o` lists, per shell, in that shell's order. */
const BASH_OPTIONS = ['allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof', 'interactive-comments', 'keyword', 'monitor', 'noclobber', 'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd', 'physical', 'pipefail', 'posix', 'privileged', 'verbose', 'vi', 'xtrace'];
const DASH_OPTIONS = ['errexit', 'noglob', 'ignoreeof', 'interactive', 'monitor', 'noexec', 'stdin', 'xtrace', 'verbose', 'vi', 'emacs', 'noclobber', 'allexport', 'notify', 'nounset', 'privileged', 'nolog', 'debug'];
const ASH_OPTIONS = ['errexit', 'noglob', 'ignoreeof', 'monitor', 'noexec', 'xtrace', 'verbose', 'noclobber', 'allexport', 'notify', 'nounset', 'errtrace', 'vi', 'pipefail'];
const ALWAYS_ON_BASH = new Set(['braceexpand', 'hashall', 'interactive-comments']);

function optionValue(sh: Shell, name: string): boolean {
  if ((SHELL_OPTION_NAMES as readonly string[]).includes(name)) return sh.opts[name as ShellOptionName];
  if (sh.dialect.name === 'bash') {
    if (ALWAYS_ON_BASH.has(name)) return true;
    if (name === 'history') return sh.interactive;
  }
  if (name === 'interactive') return sh.interactive;
  return false;
}

async function listOptions(sh: Shell, plus: boolean): Promise<void> {
  let out = '';
  if (sh.dialect.name === 'bash') {
    for (const n of BASH_OPTIONS) {
      const on = optionValue(sh, n) && !(n === 'emacs' && !sh.interactive);
      out += plus ? `set ${on ? '-' : '+'}o ${n}\n` : `${n.padEnd(15)}\t${on ? 'on' : 'off'}\n`;
    }
  } else {
    const names = sh.dialect.name === 'dash' ? DASH_OPTIONS : ASH_OPTIONS;
    if (!plus && sh.dialect.name === 'dash') out += 'Current option settings\n';
    for (const n of names) {
      const on = optionValue(sh, n);
      out += plus ? `set ${on ? '-' : '+'}o ${n}\n` : `${n.padEnd(16)}${on ? 'on' : 'off'}\n`;
    }
  }
  await sh.stdout().write(out);
}

function quoteForSet(sh: Shell, v: string): string {
  if (sh.dialect.name !== 'bash') return `'${v.replace(/'/g, "'\\''")}'`;
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(v) && v !== '') return v;
  if (sh.dialect.name === 'bash' && /[\n\t\r]/.test(v)) return `$'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}'`;
  return `'${v.replace(/'/g, "'\\''")}'`;
}

export function setOption(sh: Shell, name: string, on: boolean): boolean {
  if (name === 'pipefail' && sh.dialect.name === 'dash') return false;
  if (!(SHELL_OPTION_NAMES as readonly string[]).includes(name)) {
    if (sh.dialect.name === 'bash' && BASH_OPTIONS.includes(name)) return true;
    return false;
  }
  sh.opts[name as ShellOptionName] = on;
  if (name === 'vi' && on) sh.opts.emacs = false;
  if (name === 'emacs' && on) sh.opts.vi = false;
  return true;
}

export const set: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    const names = [...sh.vars.keys()].sort();
    let out = '';
    for (const n of names) {
      const v = sh.vars.get(n)!;
      if (v.array) {
        if (sh.dialect.name === 'bash') out += `${n}=(${v.array.map((x, i) => (x === undefined ? '' : `[${i}]="${x}"`)).filter(Boolean).join(' ')})\n`;
        continue;
      }
      if (v.value === undefined) continue;
      out += `${n}=${quoteForSet(sh, v.value)}\n`;
    }
    if (sh.dialect.name === 'bash') {
      for (const name of [...sh.functions.keys()].sort()) {
        const fn = sh.functions.get(name)!;
        if (fn.type === 'funcdef') out += printFunction(name, fn.body) + '\n';
      }
    }
    await sh.stdout().write(out);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      sh.positional = args.slice(i + 1);
      return 0;
    }
    if (a === '-' || a === '+') {
      sh.opts.xtrace = false;
      sh.opts.verbose = false;
      i++;
      break;
    }
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === 'o') {
        const name = args[i + 1];
        if (name === undefined) {
          await listOptions(sh, !on);
          return 0;
        }
        i++;
        if (!setOption(sh, name, on)) {
          if (sh.dialect.name === 'bash') await complain(sh, 'set', `${name}: invalid option name`);
          else await complain(sh, 'set', `Illegal option -o ${name}`);
          return sh.dialect.name === 'bash' ? 1 : 2;
        }
        continue;
      }
      const name = OPTION_LETTERS[c];
      // bash's errtrace and functrace (`set -Eeo pipefail` in entrypoints): accepted; traps are not inherited anyway.
      if (!name && sh.dialect.name === 'bash' && (c === 'E' || c === 'T')) continue;
      if (!name) {
        if (sh.dialect.name === 'bash') {
          await complain(sh, 'set', `${on ? '-' : '+'}${c}: invalid option`);
          await sh.stderr().write('set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n');
        } else {
          await complain(sh, 'set', `${sh.dialect.name === 'dash' ? 'Illegal' : 'illegal'} option ${on ? '-' : '+'}${c}`);
          if (!sh.interactive) throw new ExitSignal(2);
        }
        return 2;
      }
      sh.opts[name] = on;
    }
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
};

export const shift: Builtin = async (sh, argv) => {
  const arg = argv[1];
  const n = arg === undefined ? 1 : Number(arg);
  if (!Number.isInteger(n) || n < 0) {
    if (sh.dialect.name === 'bash') await complain(sh, 'shift', `${arg}: numeric argument required`);
    else await complain(sh, 'shift', `Illegal number: ${arg}`);
    return sh.dialect.name === 'bash' ? 1 : 2;
  }
  if (n > sh.positional.length) {
    if (sh.dialect.name === 'dash') {
      await complain(sh, 'shift', "can't shift that many");
      // An error in a special builtin ends a non-interactive dash.
      if (!sh.interactive) throw new ExitSignal(2);
      return 2;
    }
    return 1;
  }
  sh.positional = sh.positional.slice(n);
  return 0;
};
