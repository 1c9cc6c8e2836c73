/** Shell option names (`set -o`) and their single-letter flags. Kept apart so builtins can import them. */
export const SHELL_OPTION_NAMES = ['allexport', 'errexit', 'ignoreeof', 'monitor', 'noclobber', 'noexec', 'noglob', 'nounset', 'notify', 'pipefail', 'verbose', 'xtrace', 'emacs', 'vi', 'hashall'] as const;
export type ShellOptionName = (typeof SHELL_OPTION_NAMES)[number];

/** Single-letter flags of `set` and `$-`. */
export const OPTION_LETTERS: Readonly<Record<string, ShellOptionName>> = { a: 'allexport', e: 'errexit', C: 'noclobber', n: 'noexec', f: 'noglob', u: 'nounset', b: 'notify', v: 'verbose', x: 'xtrace', m: 'monitor', h: 'hashall' };
