/**
 * printf(1): coreutils (with %q and the `'x': expected a numeric value` diagnostics), BusyBox, and the bash/dash
 * builtins through `makePrintf({ dialect })`. The format is reused while arguments remain, as POSIX requires.
 */

import type { Program, ProcessContext } from '../../engine/process/Types';
import { formatFloat, formatInteger, formatString, parseFormat, type ConvSpec, type FormatToken } from './lib/cformat';
import { appendEscaped, ByteBuilder } from './lib/escapes';
import { complain, dialectOf, localeQuote, tryHelp, type BuiltinOptions, type Dialect } from './lib/messages';
import { shellQuote, bashQuote } from './lib/shell-quote';

const INT_CONVS = 'diouxX';
const FLOAT_CONVS = 'eEfFgGaA';

interface NumParse<T> {
  value: T;
  /** null: fine; otherwise which complaint. */
  error: null | 'invalid' | 'partial' | 'range';
}

const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);
const MAX_U64 = (1n << 64n) - 1n;

/** A quoted character constant (`'a`) gives its code point. */
function charConstant(s: string): number | null {
  if (s.length >= 1 && (s[0] === "'" || s[0] === '"')) {
    const cp = s.codePointAt(1);
    return cp ?? 0;
  }
  return null;
}

/** strtoimax-like parse, base from prefix. */
export function parseCInteger(s: string, unsigned: boolean): NumParse<bigint> {
  const cc = charConstant(s);
  if (cc !== null) return { value: BigInt(cc), error: s.length === 1 ? 'invalid' : null };
  if (s === '') return { value: 0n, error: null };
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return { value: 0n, error: 'invalid' };
  const sign = m[1] === '-' ? -1n : 1n;
  const body = m[2]!;
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.length > 1 && body.startsWith('0')) v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  v *= sign;
  let error: NumParse<bigint>['error'] = m[0].length === s.length ? null : 'partial';
  if (unsigned) {
    if (v > MAX_U64 || v < -MAX_U64) {
      v = MAX_U64;
      error = 'range';
    }
  } else if (v > MAX_I64) {
    v = MAX_I64;
    error = 'range';
  } else if (v < MIN_I64) {
    v = MIN_I64;
    error = 'range';
  }
  return { value: v, error };
}

/** strtod-like parse. */
export function parseCFloat(s: string): NumParse<number> {
  const cc = charConstant(s);
  if (cc !== null) return { value: cc, error: s.length === 1 ? 'invalid' : null };
  if (s === '') return { value: 0, error: null };
  const m = /^[ \t\n\v\f\r]*([+-]?)(inf(?:inity)?|nan|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/i.exec(s);
  if (!m) return { value: 0, error: 'invalid' };
  const neg = m[1] === '-';
  const body = m[2]!.toLowerCase();
  let v: number;
  if (body.startsWith('inf')) v = Infinity;
  else if (body === 'nan') v = NaN;
  else if (body.startsWith('0x')) v = parseHexFloat(body);
  else v = Number(body);
  return { value: neg ? -v : v, error: m[0].length === s.length ? null : 'partial' };
}

function parseHexFloat(body: string): number {
  const m = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?[0-9]+))?$/.exec(body)!;
  const int = m[1] || '0';
  const frac = m[2] ?? '';
  const mant = parseInt(int + frac || '0', 16);
  return mant * Math.pow(2, Number(m[3] ?? 0) - 4 * frac.length);
}

export interface PrintfOptions extends BuiltinOptions {}

/** Formats with printf(1) semantics and writes the result; returns the exit status. */
export async function printfTo(
  ctx: ProcessContext,
  format: string,
  args: readonly string[],
  dialect: Dialect,
  prefix: string,
  write: (bytes: Uint8Array) => Promise<void>,
): Promise<number> {
  const name = 'printf';
  const allowed = dialect === 'busybox' || dialect === 'dash' ? 'diouxXeEfFgGcsb' : 'diouxXeEfFgGaAcsbq';
  const tokens = parseFormat(format, allowed);
  let status = 0;
  let argi = 0;
  const next = (): string | undefined => (argi < args.length ? args[argi++] : undefined);

  const bad = async (arg: string, kind: 'invalid' | 'partial' | 'range') => {
    status = 1;
    let msg: string;
    if (dialect === 'bash') msg = kind === 'range' ? `${arg}: Numerical result out of range` : `${arg}: invalid number`;
    else if (dialect === 'busybox') msg = `invalid number '${arg}'`;
    else if (dialect === 'dash') msg = kind === 'partial' ? `${arg}: not completely converted` : `${arg}: expected numeric value`;
    else if (kind === 'invalid') msg = `${localeQuote(ctx, arg)}: expected a numeric value`;
    else if (kind === 'partial') msg = `${localeQuote(ctx, arg)}: value not completely converted`;
    else msg = `${localeQuote(ctx, arg)}: Numerical result out of range`;
    await complain(ctx, name, msg, prefix);
  };

  const intArg = async (conv: string): Promise<bigint> => {
    const a = next();
    if (a === undefined) return 0n;
    const r = parseCInteger(a, conv !== 'd' && conv !== 'i');
    if (r.error) await bad(a, r.error);
    return r.value;
  };

  const consumes = tokens.some((t) => t.kind === 'spec');
  do {
    const out = new ByteBuilder();
    let stop = false;
    for (const t of tokens) {
      if (t.kind === 'bad') {
        await write(out.build());
        if (dialect === 'busybox') await complain(ctx, name, `${t.source}: invalid format`, prefix);
        else if (dialect === 'bash') await complain(ctx, name, `\`${t.source.slice(-1)}': invalid format character`, prefix);
        else if (dialect === 'dash') {
          await complain(ctx, name, `${t.source}: invalid directive`, prefix);
          return 2;
        } else await complain(ctx, name, `${t.source}: invalid conversion specification`, prefix);
        return 1;
      }
      if (t.kind === 'text') {
        if (appendEscaped(out, t.text, { mode: 'format', unicode: dialect !== 'busybox' && dialect !== 'dash' })) {
          stop = true;
          break;
        }
        continue;
      }
      const spec = await resolveSpec(t, intArg);
      if (await convert(spec, next, out, dialect, bad)) {
        stop = true;
        break;
      }
    }
    await write(out.build());
    if (stop) return status;
  } while (consumes && argi < args.length && argi > 0);
  if (!consumes && args.length > 0 && dialect === 'coreutils') {
    await complain(ctx, name, `warning: ignoring excess arguments, starting with ${localeQuote(ctx, args[0]!)}`, prefix);
  }
  return status;
}

async function resolveSpec(t: Extract<FormatToken, { kind: 'spec' }>, intArg: (conv: string) => Promise<bigint>): Promise<ConvSpec> {
  let flags = t.flags;
  let width: number | null = null;
  if (t.width === '*') {
    const w = Number(await intArg('d'));
    if (w < 0) {
      flags += '-';
      width = -w;
    } else width = w;
  } else width = t.width;
  let precision: number | null = null;
  if (t.precision === '*') {
    const p = Number(await intArg('d'));
    precision = p < 0 ? null : p;
  } else precision = t.precision;
  return { flags, width, precision, conv: t.conv };
}

/** Appends one conversion; true when `%b` met `\c` (stop everything). */
async function convert(
  spec: ConvSpec,
  next: () => string | undefined,
  out: ByteBuilder,
  dialect: Dialect,
  bad: (arg: string, kind: 'invalid' | 'partial' | 'range') => Promise<void>,
): Promise<boolean> {
  const c = spec.conv;
  if (INT_CONVS.includes(c)) {
    // BusyBox converts a missing argument as "" (an invalid number) and uses 0 for anything it cannot convert
    // completely; bash and coreutils use the converted prefix of `1.5` or `12abc` and skip missing arguments.
    const a = next() ?? (dialect === 'busybox' ? '' : undefined);
    let v = 0n;
    if (a !== undefined) {
      const r = a === '' && dialect === 'busybox' ? { value: 0n, error: 'invalid' as const } : parseCInteger(a, c !== 'd' && c !== 'i');
      if (r.error) await bad(a, r.error);
      v = r.error && dialect === 'busybox' ? 0n : r.value;
    }
    out.text(formatInteger(spec, v));
    return false;
  }
  if (FLOAT_CONVS.includes(c)) {
    const a = next();
    let v = 0;
    // BusyBox's strtod: "" is 0 without complaint; a partial conversion complains and gives 0.
    if (a !== undefined && !(a === '' && dialect === 'busybox')) {
      const r = parseCFloat(a);
      if (r.error) await bad(a, r.error);
      v = r.error && dialect === 'busybox' ? 0 : r.value;
    }
    out.text(formatFloat(spec, v));
    return false;
  }
  const a = next() ?? '';
  switch (c) {
    case 'c': {
      const ch = [...a][0];
      if (ch === undefined) {
        const s = formatString({ ...spec, precision: null, width: spec.width === null ? null : spec.width - 1 }, '');
        if (spec.flags.includes('-')) {
          out.byte(0);
          out.text(s);
        } else {
          out.text(s);
          out.byte(0);
        }
      } else out.text(formatString({ ...spec, precision: null }, ch));
      return false;
    }
    case 's':
      out.text(formatString(spec, a));
      return false;
    case 'q':
      out.text(formatString(spec, dialect === 'bash' ? bashQuote(a) : shellQuote(a)));
      return false;
    case 'b': {
      const inner = new ByteBuilder();
      const stop = appendEscaped(inner, a, { mode: 'b', unicode: dialect !== 'busybox' && dialect !== 'dash' });
      const bytes = inner.build();
      if (spec.width === null && spec.precision === null) out.bytes(bytes);
      else out.text(formatString(spec, new TextDecoder('utf-8').decode(bytes)));
      return stop;
    }
  }
  return false;
}

export function makePrintf(options: PrintfOptions = {}): Program {
  return async (ctx) => {
    const dialect = dialectOf(ctx, options);
    const prefix = options.errorPrefix ?? '';
    let args = ctx.argv.slice(1);
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0) {
      if (dialect === 'busybox') {
        await ctx.stderr.write('BusyBox v1.36.1 (layerlab) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n\nFormat and print ARG(s) according to FORMAT (a-la C printf)\n');
        return 1;
      }
      if (dialect === 'bash') {
        await complain(ctx, 'printf', 'usage: printf [-v var] format [arguments]', prefix);
        return 2;
      }
      await complain(ctx, 'printf', 'missing operand', prefix);
      if (dialect === 'coreutils') await tryHelp(ctx, 'printf');
      return 1;
    }
    return printfTo(ctx, args[0]!, args.slice(1), dialect, prefix, (b) => ctx.stdout.write(b));
  };
}

export const printf: Program = makePrintf();
