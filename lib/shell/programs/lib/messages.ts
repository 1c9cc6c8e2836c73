/**
 * How a text/system program reports errors. Programs run standalone (`/usr/bin/printf`) or in-process as a shell
 * builtin; a builtin's messages carry the shell's own prefix (`bash: line 1: `) and sometimes the shell's wording,
 * so the few programs a shell reuses take a `Dialect` and a prefix.
 */

import type { ProcessContext } from '../../../engine/process/Types';

/** Whose wording to use: coreutils/procps tools, the bash builtins, dash builtins, BusyBox applets and ash. */
export type Dialect = 'coreutils' | 'bash' | 'dash' | 'busybox';

export interface BuiltinOptions {
  readonly dialect?: Dialect;
  /** Written before `name: message` (the shell passes `bash: line 3: ` and the like). */
  readonly errorPrefix?: string;
}

export function dialectOf(ctx: ProcessContext, options: BuiltinOptions): Dialect {
  return options.dialect ?? (ctx.flavor === 'busybox' ? 'busybox' : 'coreutils');
}

/** Writes `prefix name: message\n` to stderr. */
export async function complain(ctx: ProcessContext, name: string, message: string, prefix = ''): Promise<void> {
  await ctx.stderr.write(`${prefix}${name}: ${message}\n`);
}

/** GNU's `Try 'x --help' for more information.` line after a usage error. */
export async function tryHelp(ctx: ProcessContext, name: string): Promise<void> {
  await ctx.stderr.write(`Try '${name} --help' for more information.\n`);
}

/**
 * GNU's `quote()`: ‘x’ in a UTF-8 locale (the host's C.UTF-8), 'x' otherwise (containers without LANG).
 */
export function localeQuote(ctx: ProcessContext, s: string): string {
  const env = ctx.env;
  const locale = env.get('LC_ALL') || env.get('LC_MESSAGES') || env.get('LANG') || '';
  return /utf-?8/i.test(locale) ? `‘${s}’` : `'${s}'`;
}
