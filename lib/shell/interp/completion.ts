/**
 * Tab completion for interactive shells: command names in command position, file paths elsewhere, and a
 * module-level registry through which other layers complete their own commands (`docker` subcommands, image
 * names...). Completers return candidate words; the shell filters them by what was typed.
 */
import { dirname, resolvePath } from '../../engine/fs/path';
import { builtinNames } from '../builtins';
import type { FsClient } from '../../engine/fs/Types';
import type { Completion } from '../../engine/process/Types';
import type { Shell } from './Shell';

export interface CompletionContext {
  readonly cwd: string;
  readonly fs: FsClient;
  readonly env: ReadonlyMap<string, string>;
  /** File and directory names matching `prefix`, directories with a trailing `/` (for completers that take paths). */
  files(prefix: string): string[];
}

/** Candidates for `words[index]` (the word being completed, possibly empty) of a command line. */
export type CommandCompleter = (words: readonly string[], index: number, ctx: CompletionContext) => readonly string[] | Promise<readonly string[]>;

const completers = new Map<string, CommandCompleter>();

/** Registers completion for a command name; returns a function that removes it. */
export function registerCompletion(commandName: string, completer: CommandCompleter): () => void {
  completers.set(commandName, completer);
  return () => {
    if (completers.get(commandName) === completer) completers.delete(commandName);
  };
}

const KEYWORDS = ['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'function', 'in'];
const COMMAND_STARTERS = new Set(['|', '||', '&&', ';', '&', '(', '{', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'time', 'sudo', 'exec', 'command', 'xargs', 'nohup', 'env']);

interface Tok {
  text: string;
  start: number;
}

/** Splits the line before the cursor into words (quotes respected loosely) and operators. */
function tokenize(s: string): { toks: Tok[]; current: Tok } {
  const toks: Tok[] = [];
  let i = 0;
  let cur: Tok | null = null;
  let quote: string | null = null;
  while (i < s.length) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else cur!.text += c;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (cur) toks.push(cur);
      cur = null;
      i++;
      continue;
    }
    if ('|&;()<>'.includes(c)) {
      if (cur) toks.push(cur);
      cur = null;
      let op = c;
      if ((c === '|' || c === '&') && s[i + 1] === c) op += c;
      toks.push({ text: op, start: i });
      i += op.length;
      continue;
    }
    cur ??= { text: '', start: i };
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < s.length) {
      cur.text += s[i + 1];
      i += 2;
      continue;
    } else cur.text += c;
    i++;
  }
  return { toks, current: cur ?? { text: '', start: s.length } };
}

export async function completeLine(sh: Shell, line: string, cursor: number): Promise<Completion> {
  const before = line.slice(0, cursor);
  const { toks, current } = tokenize(before);
  // Words of the current simple command.
  let cmdStart = toks.length;
  while (cmdStart > 0 && !COMMAND_STARTERS.has(toks[cmdStart - 1]!.text)) cmdStart--;
  const words = toks.slice(cmdStart).map((t) => t.text).filter((t) => !/^[<>]/.test(t));
  const prevTok = toks[toks.length - 1];
  const afterRedirect = prevTok !== undefined && /^[<>]/.test(prevTok.text);
  const ctx = completionContext(sh);
  const prefix = current.text;
  let candidates: string[];
  if (words.length === 0 && !afterRedirect && !prefix.includes('/')) {
    candidates = commandNames(sh, prefix);
  } else if (!afterRedirect && words.length > 0 && completers.has(words[0]!)) {
    const all = await completers.get(words[0]!)!([...words, prefix], words.length, ctx);
    candidates = all.filter((c) => c.startsWith(prefix));
  } else candidates = ctx.files(prefix);
  candidates = [...new Set(candidates)].sort();
  const single = candidates.length === 1 ? candidates[0]! : '';
  return { start: current.start, candidates: candidates.map((c) => escapeWord(c)), appendSpace: !(candidates.length === 1 && single.endsWith('/')) };
}

function escapeWord(s: string): string {
  return s.replace(/([ \t'"\\$`&|;()<>*?[\]!#])/g, '\\$1');
}

function commandNames(sh: Shell, prefix: string): string[] {
  const names = new Set<string>();
  const add = (n: string) => {
    if (n.startsWith(prefix)) names.add(n);
  };
  for (const n of builtinNames(sh.dialect.name)) add(n);
  for (const n of sh.functions.keys()) add(n);
  for (const n of sh.aliases.keys()) add(n);
  for (const n of KEYWORDS) add(n);
  for (const dir of (sh.getVar('PATH') ?? '').split(':')) {
    if (dir === '') continue;
    try {
      for (const n of sh.ctx.fs.readdir(dir)) {
        if (!n.startsWith(prefix)) continue;
        try {
          const st = sh.ctx.fs.stat(`${dir}/${n}`);
          if (st.type === 'file' && st.mode & 0o111) names.add(n);
        } catch {
          // dangling link
        }
      }
    } catch {
      // PATH entry that does not exist
    }
  }
  return [...names];
}

export function completionContext(sh: Shell): CompletionContext {
  return {
    cwd: sh.ctx.cwd,
    fs: sh.ctx.fs,
    env: sh.exportedEnv(),
    files: (prefix) => fileCandidates(sh, prefix),
  };
}

function fileCandidates(sh: Shell, prefix: string): string[] {
  let lookup = prefix;
  const home = sh.getVar('HOME') ?? '/';
  if (prefix === '~') return ['~/'];
  if (prefix.startsWith('~/')) lookup = home + prefix.slice(1);
  const slash = lookup.lastIndexOf('/');
  const dirPart = slash >= 0 ? lookup.slice(0, slash + 1) : '';
  const base = slash >= 0 ? lookup.slice(slash + 1) : lookup;
  const typedDir = slash >= 0 ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
  const dir = resolvePath(sh.ctx.cwd, dirPart === '' ? '.' : dirPart);
  let names: string[];
  try {
    names = sh.ctx.fs.readdir(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names) {
    if (!n.startsWith(base)) continue;
    if (n.startsWith('.') && !base.startsWith('.')) continue;
    let isDir = false;
    try {
      isDir = sh.ctx.fs.stat(`${dir === '/' ? '' : dir}/${n}`).type === 'dir';
    } catch {
      // dangling link: complete the name anyway
    }
    out.push(typedDir + n + (isDir ? '/' : ''));
  }
  void dirname;
  return out;
}
