/** A shell builtin: runs inside the shell process, on the shell's state and current file descriptors. */
import type { Shell } from '../interp/Shell';
import type { ProcessContext } from '../../engine/process/Types';
import { ExitSignal } from '../interp/errors';

export type Builtin = (sh: Shell, argv: string[]) => Promise<number>;

/** A process context over the shell's current descriptors, for builtins that reuse a program implementation. */
export function programContext(sh: Shell, argv: string[]): ProcessContext {
  // A view over the shell's own context (cheaper than copying it for every `[` in a loop).
  const ctx = Object.create(sh.ctx) as { -readonly [K in keyof ProcessContext]: ProcessContext[K] };
  ctx.argv = argv;
  ctx.stdin = sh.stdin();
  ctx.stdout = sh.stdout();
  ctx.stderr = sh.stderr();
  // The shell's descriptors above 2 (`[ -p /dev/fd/63 ]` of a process substitution).
  ctx.files = sh.inheritedFiles();
  return ctx;
}

/** `bash: line 1: name: message` on stderr; BusyBox adds its own `line N:` after the builtin's name. */
export function complain(sh: Shell, name: string, message: string): Promise<void> {
  return sh.builtinError(name, message);
}

/** dash and ash end a non-interactive shell after an error in a POSIX special builtin. */
export function specialBuiltinFailed(sh: Shell, status: number): void {
  if (sh.dialect.name !== 'bash' && !sh.interactive) throw new ExitSignal(status);
}

export function isName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

/** Single-quotes a value the way `export -p`/`set` print it when needed. */
export function quoteValue(v: string): string {
  if (v !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(v)) return v;
  return `'${v.replace(/'/g, "'\\''")}'`;
}
