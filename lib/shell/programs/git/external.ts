/**
 * The programs git hands work to on a terminal: the pager for log/diff/branch output (GIT_PAGER, core.pager,
 * PAGER, then the build's default: Debian's `pager` alternative, Alpine's `less`, run with LESS=FRX and LV=-c)
 * and the editor for a commit message (GIT_EDITOR, core.editor, VISUAL, EDITOR, then `editor` or `vi`).
 */
import { bytesReader } from '../../../engine/process/streams';
import { startCommand } from '../lib/spawn';
import { readTextOrNull } from './repo';
import type { Session } from './session';

const SHELL_CHARS = /[|&;<>()$`\\"' \t\n*?[#~=%]/;

function isAlpine(s: Session): boolean {
  return readTextOrNull(s.fs, '/lib/apk/db/installed') !== null && readTextOrNull(s.fs, '/var/lib/dpkg/status') === null;
}

function setting(s: Session, key: string): string | undefined {
  const repo = s.findRepo();
  const v = repo ? repo.config(key) : s.globalConfig(key);
  return v === null ? undefined : v;
}

function argvFor(command: string, extra: readonly string[] = []): string[] {
  // git execs a plain program name directly and gives anything else to the shell ("$@" passes the file).
  return SHELL_CHARS.test(command) ? ['/bin/sh', '-c', `${command} "$@"`, command, ...extra] : [command, ...extra];
}

/** Writes `text` to standard output, through the pager when standard output is a terminal. */
export async function paged(s: Session, text: string): Promise<void> {
  const ctx = s.ctx;
  if (!ctx.stdout.isTTY || ctx.tty === null || text === '') return s.out(text);
  const pager = s.env.get('GIT_PAGER') ?? setting(s, 'core.pager') ?? s.env.get('PAGER') ?? (isAlpine(s) ? 'less' : 'pager');
  if (pager === '' || pager === 'cat') return s.out(text);
  const env = new Map(ctx.env);
  if (!env.has('LESS')) env.set('LESS', 'FRX');
  if (!env.has('LV')) env.set('LV', '-c');
  const r = startCommand(ctx, argvFor(pager), { env, stdin: bytesReader(text) });
  if (!r.ok) {
    await s.err(`error: cannot run ${pager}: ${r.text}\n`);
    return s.out(text);
  }
  await r.child.exited;
}

export type EditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Opens the editor on `path` (the message file) and returns what the user saved. */
export async function edit(s: Session, path: string): Promise<EditResult> {
  const term = s.env.get('TERM');
  const dumb = term === undefined || term === 'dumb';
  const chosen = s.env.get('GIT_EDITOR') ?? setting(s, 'core.editor') ?? (dumb ? undefined : s.env.get('VISUAL')) ?? s.env.get('EDITOR');
  if (chosen === undefined && dumb) return { ok: false, message: 'error: Terminal is dumb, but EDITOR unset\n' };
  const editor = chosen ?? (isAlpine(s) ? 'vi' : 'editor');
  if (editor === ':') return { ok: true, text: readTextOrNull(s.fs, path) ?? '' };
  const hint = s.ctx.stderr.isTTY && !dumb;
  if (hint) await s.err('hint: Waiting for your editor to close the file... ');
  const r = startCommand(s.ctx, argvFor(editor, [path]));
  if (!r.ok) return { ok: false, message: `error: cannot run ${editor}: ${r.text}\nerror: unable to start editor '${editor}'\n` };
  const status = await r.child.exited;
  if (hint) await s.err('\r\x1b[K');
  if (status !== 0) return { ok: false, message: `error: There was a problem with the editor '${editor}'.\n` };
  return { ok: true, text: readTextOrNull(s.fs, path) ?? '' };
}
