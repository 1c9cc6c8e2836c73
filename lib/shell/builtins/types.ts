/** A shell builtin: runs inside the shell process, on the shell's state and current file descriptors. */
import type { Shell } from '../interp/Shell';
import type { ProcessContext } from '../process/Types';

export type Builtin = (sh: Shell, argv: string[]) => Promise<number>;

/** A process context over the shell's current descriptors, for builtins that reuse a program implementation. */
export function programContext(sh: Shell, argv: string[]): ProcessContext {
  return { ...sh.ctx, argv, stdin: sh.stdin(), stdout: sh.stdout(), stderr: sh.stderr(), cwd: sh.ctx.cwd };
}

/** `bash: line 1: name: message` on stderr. */
export function complain(sh: Shell, name: string, message: string): Promise<void> {
  return sh.error(`${name}: ${message}`);
}

export function isName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

/** Single-quotes a value the way `export -p`/`set` print it when needed. */
export function quoteValue(v: string): string {
  if (v !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(v)) return v;
  return `'${v.replace(/'/g, "'\\''")}'`;
}
