/**
 * Vim's command line: `--version`, `-c CMD`/`+CMD`/`+N` (Ex commands run after the file is loaded), `-e`/`-E` with
 * `-s` (silent Ex mode for batch edits), `-R`, `-n`, `--`; Vim's wording for unknown options and missing arguments.
 * `--version` prints the text of the Vim build the image installed (dpkg's record of the package), as recorded from
 * the real binaries; other builds are not simulated and say so.
 */

import type { FsClient } from '../../../engine/fs/Types';
import { parseStanzas, STATUS } from '../pkg/dpkgStatus';
import { readText } from '../pkg/common';
import { VIM_VERSION_TEXTS } from './versionTexts';

export interface VimStart {
  readonly files: readonly string[];
  /** Ex commands to run after loading, in order (`+CMD` and `-c CMD`). */
  readonly commands: readonly string[];
  readonly ex: boolean;
  readonly silent: boolean;
  readonly version: boolean;
}

export type VimArgs = { ok: true; start: VimStart } | { ok: false; message: string };

/** Options that take no value and change nothing the simulation shows. */
const IGNORED = new Set(['-R', '-n', '-N', '-b', '-l', '-m', '-M', '-r', '-L', '-X', '-y', '-Z', '-A', '-H', '-F', '-g', '-f', '-v', '-p', '-o', '-O', '-d', '--noplugin', '--clean', '--not-a-term', '--ttyfail']);

export function parseVimArgs(args: readonly string[]): VimArgs {
  const files: string[] = [];
  const commands: string[] = [];
  let ex = false;
  let silent = false;
  let version = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('+')) {
      commands.push(a === '+' ? '$' : a.slice(1));
      continue;
    }
    if (a === '-' || !a.startsWith('-')) {
      files.push(a);
      continue;
    }
    if (a === '--version') version = true;
    else if (a === '-c') {
      const cmd = args[++i];
      if (cmd === undefined) return { ok: false, message: `Argument missing after: "${a}"` };
      commands.push(cmd);
    } else if (a.startsWith('-c') && a.length > 2) commands.push(a.slice(2));
    else if (a === '-e' || a === '-E') ex = true;
    else if (a === '-s') silent = true;
    else if (a === '-es' || a === '-Es') {
      ex = true;
      silent = true;
    } else if (!IGNORED.has(a)) return { ok: false, message: `Unknown option argument: "${a}"` };
  }
  return { ok: true, start: { files, commands, ex, silent, version } };
}

/** The dpkg package that ships the binary a program name stands for. */
const PACKAGE_OF: Readonly<Record<string, string>> = { 'vim.basic': 'vim', 'vim.tiny': 'vim-tiny' };

/** `vim --version` for the build behind `program` (vim.basic, vim.tiny), or null when that build is not recorded. */
export function vimVersionText(fs: FsClient, program: string): { text: string } | { missing: string } {
  const pkg = PACKAGE_OF[program] ?? 'vim';
  const status = readText(fs, STATUS);
  const stanza = status === undefined ? undefined : parseStanzas(status).find((s) => s.name === pkg && s.fields.get('Status') === 'install ok installed');
  const version = stanza?.fields.get('Version');
  const text = version === undefined ? undefined : VIM_VERSION_TEXTS[`${pkg} ${version}`];
  return text === undefined ? { missing: `${pkg}${version === undefined ? '' : ` ${version}`}` } : { text };
}

/** The first line of `--version`, which Vim repeats above its usage errors. */
export function vimBanner(versionText: string): string {
  return versionText.slice(0, versionText.indexOf('\n') + 1);
}
