/**
 * getopt (util-linux's enhanced getopt, which entrypoint scripts use to normalise their arguments):
 * `getopt -o ab:c:: --long alpha,beta:,gamma:: -n prog -- "$@"` prints the options one by one (values quoted for
 * `eval set --`), then `--` and the operands, permuting them as glibc's getopt_long does unless the option string
 * starts with `+` or POSIXLY_CORRECT is set. Errors use glibc's wording under the -n name and make the status 1;
 * bad usage of getopt itself is 2, and -T answers 4 (the enhanced version).
 */

import type { Program } from '../../../engine/process/Types';

type ArgKind = 'none' | 'required' | 'optional';

interface Spec {
  readonly shorts: Map<string, ArgKind>;
  readonly longs: Map<string, ArgKind>;
  readonly stopAtOperand: boolean;
}

function parseShorts(optstring: string): { shorts: Map<string, ArgKind>; plus: boolean } {
  const shorts = new Map<string, ArgKind>();
  let s = optstring;
  let plus = false;
  while (s.startsWith('+') || s.startsWith('-')) {
    if (s[0] === '+') plus = true;
    s = s.slice(1);
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ':') continue;
    let kind: ArgKind = 'none';
    if (s[i + 1] === ':') kind = s[i + 2] === ':' ? 'optional' : 'required';
    shorts.set(c, kind);
  }
  return { shorts, plus };
}

function parseLongs(specs: readonly string[]): Map<string, ArgKind> {
  const longs = new Map<string, ArgKind>();
  for (const spec of specs) {
    for (const item of spec.split(/[,\s]+/).filter((x) => x !== '')) {
      const m = /^([^:]*)(:{0,2})$/.exec(item)!;
      longs.set(m[1]!, m[2] === '::' ? 'optional' : m[2] === ':' ? 'required' : 'none');
    }
  }
  return longs;
}

export const getopt: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let optstring: string | undefined;
  const longSpecs: string[] = [];
  let name = 'getopt';
  let quiet = false;
  let quietOutput = false;
  let unquoted = false;
  let alternative = false;
  let i = 0;
  const usageError = async (msg: string) => {
    await ctx.stderr.write(`getopt: ${msg}\nTry 'getopt --help' for more information.\n`);
    return 2;
  };
  // getopt's own options end at the first operand or `--`.
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      if (!a.startsWith('--') && a.length > 2) return a.slice(2);
      return argv[++i];
    };
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const key = a.startsWith('--') ? a.slice(2).split('=')[0]! : a.slice(1, 2);
    if (key === 'o' || 'options'.startsWith(key) && key.length > 1) optstring = value();
    else if (key === 'l' || ('longoptions'.startsWith(key) && key.length > 1)) longSpecs.push(value() ?? '');
    else if (key === 'n' || ('name'.startsWith(key) && key.length > 1)) name = value() ?? name;
    else if (key === 's' || ('shell'.startsWith(key) && key.length > 1)) value();
    else if (key === 'q' || key === 'quiet') quiet = true;
    else if (key === 'Q' || key === 'quiet-output') quietOutput = true;
    else if (key === 'u' || key === 'unquoted') unquoted = true;
    else if (key === 'a' || key === 'alternative') alternative = true;
    else if (key === 'T' || key === 'test') return 4;
    else if (key === 'h' || key === 'help') {
      await ctx.stdout.write('\nUsage:\n getopt <optstring> <parameters>\n getopt [options] [--] <optstring> <parameters>\n getopt [options] -o|--options <optstring> [options] [--] <parameters>\n');
      return 0;
    } else return usageError(a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`);
  }
  let params = argv.slice(i);
  // Old style: `getopt optstring params`, whose output is never quoted.
  if (optstring === undefined) {
    if (params.length === 0) return usageError('missing optstring argument');
    optstring = params[0]!;
    params = params.slice(1);
    if (i === 0) unquoted = true;
  }
  const { shorts, plus } = parseShorts(optstring);
  const spec: Spec = { shorts, longs: parseLongs(longSpecs), stopAtOperand: plus || ctx.env.has('POSIXLY_CORRECT') };
  const q = (s: string) => (unquoted ? s : `'${s.replace(/'/g, "'\\''")}'`);
  let out = '';
  const operands: string[] = [];
  let status = 0;
  const complain = async (msg: string) => {
    status = 1;
    if (!quiet) await ctx.stderr.write(`${name}: ${msg}\n`);
  };
  const longOption = async (body: string, dash: string, next: () => string | undefined): Promise<boolean> => {
    const eq = body.indexOf('=');
    const optName = eq >= 0 ? body.slice(0, eq) : body;
    const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    let match = spec.longs.has(optName) ? optName : undefined;
    if (match === undefined) {
      const cands = [...spec.longs.keys()].filter((k) => k.startsWith(optName));
      if (cands.length > 1) {
        await complain(`option '${dash}${optName}' is ambiguous; possibilities:${cands.map((c) => ` '--${c}'`).join('')}`);
        return true;
      }
      match = cands[0];
    }
    if (match === undefined) return false;
    const kind = spec.longs.get(match)!;
    if (kind === 'none') {
      if (inline !== undefined) await complain(`option '--${match}' doesn't allow an argument`);
      else out += ` --${match}`;
    } else if (kind === 'optional') out += ` --${match} ${q(inline ?? '')}`;
    else {
      const v = inline ?? next();
      if (v === undefined) await complain(`option '--${match}' requires an argument`);
      else out += ` --${match} ${q(v)}`;
    }
    return true;
  };
  let k = 0;
  const next = () => (k < params.length ? params[k++] : undefined);
  while (k < params.length) {
    const a = params[k++]!;
    if (a === '--') {
      operands.push(...params.slice(k));
      break;
    }
    if (a.startsWith('--')) {
      if (!(await longOption(a.slice(2), '--', next))) await complain(`unrecognized option '${a}'`);
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      if (alternative && (await longOption(a.slice(1), '-', next))) continue;
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const kind = spec.shorts.get(c);
        if (kind === undefined) {
          await complain(`invalid option -- '${c}'`);
          continue;
        }
        if (kind === 'none') {
          out += ` -${c}`;
          continue;
        }
        const rest = a.slice(j + 1);
        if (kind === 'optional') out += ` -${c} ${q(rest)}`;
        else if (rest !== '') out += ` -${c} ${q(rest)}`;
        else {
          const v = next();
          if (v === undefined) await complain(`option requires an argument -- '${c}'`);
          else out += ` -${c} ${q(v)}`;
        }
        break;
      }
      continue;
    }
    operands.push(a);
    if (spec.stopAtOperand) {
      operands.push(...params.slice(k));
      break;
    }
  }
  out += ' --' + operands.map((o) => ` ${q(o)}`).join('');
  if (!quietOutput) await ctx.stdout.write(`${out}\n`);
  return status;
};
