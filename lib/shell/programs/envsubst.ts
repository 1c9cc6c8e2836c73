/**
 * envsubst (GNU gettext-runtime 0.21): copies stdin to stdout replacing `$VAR` and `${VAR}` with the environment's
 * values (unset: empty); with a SHELL-FORMAT argument only the variables it names; `-v` lists the variables of
 * SHELL-FORMAT. Anything else that starts with `$` (`${A:-x}`, `$1`, `${`) passes through unchanged, as in
 * gettext's scanner. The nginx images' 20-envsubst-on-templates.sh runs it on /etc/nginx/templates.
 */

import type { Program } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { decodeText } from '../../engine/process/text';

const USAGE = `Usage: envsubst [OPTION] [SHELL-FORMAT]

Substitutes the values of environment variables.

Operation mode:
  -v, --variables             output the variables occurring in SHELL-FORMAT

Informative output:
  -h, --help                  display this help and exit
  -V, --version               output version information and exit

In normal operation mode, standard input is copied to standard output,
with references to environment variables of the form $VARIABLE or \${VARIABLE}
being replaced with the corresponding values.  If a SHELL-FORMAT is given,
only those environment variables that are referenced in SHELL-FORMAT are
substituted; otherwise all environment variables references occurring in
standard input are substituted.

When --variables is used, standard input is ignored, and the output consists
of the environment variables that are referenced in SHELL-FORMAT, one per line.

Report bugs in the bug tracker at <https://savannah.gnu.org/projects/gettext>
or by email to <bug-gettext@gnu.org>.
`;

const VERSION = `envsubst (GNU gettext-runtime) 0.21
Copyright (C) 2003-2020 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
Written by Bruno Haible.
`;

const LONG = ['help', 'variables', 'version'] as const;
const TRY = "Try 'envsubst --help' for more information.\n";

/** A `$NAME` or `${NAME}` reference, or a `$`/`${` that is not one (kept as written). */
const REF = /\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?/g;

/** Each reference in `text`, in order: the variable's name and where the reference lies (or null: literal text). */
function references(text: string): Array<{ name: string; start: number; end: number }> {
  const out: Array<{ name: string; start: number; end: number }> = [];
  for (const m of text.matchAll(REF)) {
    const [whole, brace, name] = m;
    if (name === undefined) continue;
    if (brace === '{') {
      if (text[m.index + whole.length] !== '}') continue;
      out.push({ name, start: m.index, end: m.index + whole.length + 1 });
    } else out.push({ name, start: m.index, end: m.index + whole.length });
  }
  return out;
}

export const envsubst: Program = async (ctx) => {
  let help = false;
  let version = false;
  let variables = false;
  const operands: string[] = [];
  const fail = async (msg: string) => {
    await ctx.stderr.write(`envsubst: ${msg}\n${TRY}`);
    return 1;
  };
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const hits = LONG.filter((l) => l.startsWith(name));
      const exact = LONG.find((l) => l === name);
      if (!exact && hits.length > 1) return fail(`option '${a}' is ambiguous; possibilities:${hits.map((h) => ` '--${h}'`).join('')}`);
      const opt = exact ?? hits[0];
      if (!opt) return fail(`unrecognized option '${a}'`);
      if (value !== undefined) return fail(`option '--${opt}' doesn't allow an argument`);
      if (opt === 'help') help = true;
      else if (opt === 'version') version = true;
      else variables = true;
    } else if (a.startsWith('-') && a !== '-') {
      for (const c of a.slice(1)) {
        if (c === 'h') help = true;
        else if (c === 'V') version = true;
        else if (c === 'v') variables = true;
        else return fail(`invalid option -- '${c}'`);
      }
    } else operands.push(a);
  }
  if (version) {
    await ctx.stdout.write(VERSION);
    return 0;
  }
  if (help) {
    await ctx.stdout.write(USAGE);
    return 0;
  }
  if (operands.length > 1) {
    await ctx.stderr.write('envsubst: too many arguments\n');
    return 1;
  }
  const format = operands[0];
  if (variables) {
    if (format === undefined) {
      await ctx.stderr.write('envsubst: missing arguments\n');
      return 1;
    }
    await ctx.stdout.write(references(format).map((r) => `${r.name}\n`).join(''));
    return 0;
  }
  const only = format === undefined ? null : new Set(references(format).map((r) => r.name));
  const input = decodeText(await readAll(ctx.stdin));
  let out = '';
  let at = 0;
  for (const r of references(input)) {
    if (only && !only.has(r.name)) continue;
    out += input.slice(at, r.start) + (ctx.env.get(r.name) ?? '');
    at = r.end;
  }
  await ctx.stdout.write(out + input.slice(at));
  return 0;
};
