/** `git config`: get, set, unset and list, in the global file (`--global`), the repository's, or both (reading). */
import { ConfigFile, keyError, normalizeKey, type ConfigEntry } from './config';
import { UsageError } from './init';
import { globalConfigPaths } from './repo';
import { fatal, GitExit, type Session } from './session';
import { COMMAND_USAGE } from './usages';

interface Source {
  readonly path: string;
  /** What `--show-origin` prints: `file:.git/config` for the repository's, the absolute path for others. */
  readonly origin: string;
}

function wrongArgs(range: string): GitExit {
  return new GitExit(`error: wrong number of arguments, should be ${range}\n${COMMAND_USAGE.config}`, 129);
}

export async function gitConfig(s: Session, args: readonly string[]): Promise<number> {
  let scope: 'global' | 'local' | null = null;
  let action: 'get' | 'list' | 'unset' | null = null;
  let showOrigin = false;
  const operands: string[] = [];
  for (const a of args) {
    if (a === '--global') scope = 'global';
    else if (a === '--local') scope = 'local';
    else if (a === '--get') action = 'get';
    else if (a === '-l' || a === '--list') action = 'list';
    else if (a === '--unset') action = 'unset';
    else if (a === '--show-origin') showOrigin = true;
    else if (a === '--') continue;
    else if (a.startsWith('-')) throw new UsageError(a.startsWith('--') ? a.slice(2) : a.slice(1));
    else operands.push(a);
  }
  const repo = s.findRepo();
  const globals: Source[] = globalConfigPaths(s.env).map((p) => ({ path: p, origin: `file:${p}` }));
  const local: Source | null = repo ? { path: `${repo.gitDir}/config`, origin: `file:${repo.gitDir === `${s.cwd === '/' ? '' : s.cwd}/.git` ? '.git/config' : `${repo.gitDir}/config`}` } : null;
  const writeTarget = (): Source => {
    if (scope === 'global') return globals[globals.length - 1] ?? fail(fatal('$HOME not set'));
    if (!local) throw fatal('not in a git directory');
    return local;
  };
  const readSources = (): Source[] => {
    if (scope === 'global') return globals.slice(-1);
    if (scope === 'local') {
      if (!local) throw fatal('--local can only be used inside a git repository');
      return [local];
    }
    return [...globals, ...(local ? [local] : [])];
  };

  if (action === 'list') {
    if (operands.length > 0) throw wrongArgs('0');
    let out = '';
    for (const src of readSources()) {
      const file = ConfigFile.read(s.fs, src.path);
      if (!file) {
        if (scope !== null) throw fatal(`unable to read config file '${src.path}': No such file or directory`);
        continue;
      }
      for (const e of file.entries()) out += `${showOrigin ? `${src.origin}\t` : ''}${listLine(e)}\n`;
    }
    if (scope === null) for (const e of s.overrides) out += `${showOrigin ? 'command line:\t' : ''}${listLine(e)}\n`;
    await s.out(out);
    return 0;
  }
  if (action === 'unset') {
    if (operands.length !== 1) throw wrongArgs('from 1 to 2');
    const target = writeTarget();
    const file = ConfigFile.read(s.fs, target.path);
    if (!file || !file.unset(operands[0]!)) return 5;
    file.write(s.fs, target.path);
    return 0;
  }
  if (operands.length === 0 || operands.length > 2 || (action === 'get' && operands.length > 1)) {
    if (operands.length === 0 && action === null) throw new GitExit(COMMAND_USAGE.config!, 129);
    throw wrongArgs('from 1 to 2');
  }
  const key = operands[0]!;
  const bad = keyError(key);
  if (bad) {
    await s.err(`error: ${bad}\n`);
    return operands.length === 2 ? 1 : 1;
  }
  if (operands.length === 1) {
    let value: string | null | undefined;
    for (const src of readSources()) {
      for (const e of ConfigFile.read(s.fs, src.path)?.entries() ?? []) if (e.key === normalizeKey(key)) value = e.value;
    }
    if (scope === null) for (const e of s.overrides) if (e.key === normalizeKey(key)) value = e.value;
    if (value === undefined) return 1;
    await s.out(`${value ?? 'true'}\n`);
    return 0;
  }
  const target = writeTarget();
  const file = ConfigFile.read(s.fs, target.path) ?? new ConfigFile('');
  file.set(key, operands[1]!);
  try {
    file.write(s.fs, target.path);
  } catch (e) {
    throw fatal(`could not lock config file ${target.path}: ${(e as { text?: string }).text ?? 'Permission denied'}`);
  }
  return 0;
}

function listLine(e: ConfigEntry): string {
  return e.value === null ? e.key : `${e.key}=${e.value}`;
}

function fail(e: GitExit): never {
  throw e;
}
