/**
 * The shell's public surface. Shells are programs (`bash`, `dash`, `sh`, `ash`) registered in
 * lib/shell/programs/registry-shells.ts; other layers start them through the machine like any program
 * (`sys.spawn({ argv: ['bash'], tty, ... })` for an interactive session) and add Tab completion for their own
 * commands with `registerCompletion`.
 */
export { makeShellProgram, runInteractive } from './main';
export { registerCompletion, completeLine, type CommandCompleter, type CompletionContext } from './completion';
export type { DialectName } from './dialect';
export { Parser, BASH_FEATURES, DASH_FEATURES, ASH_FEATURES } from '../parser/Parser';
export { ShellSyntaxError } from '../parser/ShellSyntaxError';
