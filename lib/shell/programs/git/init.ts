/** `git init`: the `.git` skeleton, the template directory's files copied in, HEAD on the default branch. */
import type { FsClient } from '../../../engine/fs/Types';
import { ConfigFile } from './config';
import { isDir, mkdirp, readTextOrNull, Repo } from './repo';
import { fatal, type Session } from './session';

const enc = new TextEncoder();
export const TEMPLATE_DIR = '/usr/share/git-core/templates';

const DEFAULT_BRANCH_HINT = `hint: Using 'master' as the name for the initial branch. This default branch name
hint: is subject to change. To configure the initial branch name to use in all
hint: of your new repositories, which will suppress this warning, call:
hint: 
hint: 	git config --global init.defaultBranch <name>
hint: 
hint: Names commonly chosen instead of 'master' are 'main', 'trunk' and
hint: 'development'. The just-created branch can be renamed via this command:
hint: 
hint: 	git branch -m <name>
`;

function copyTemplates(fs: FsClient, from: string, to: string): void {
  for (const name of fs.readdir(from)) {
    const src = `${from}/${name}`;
    const dst = `${to}/${name}`;
    const st = fs.lstat(src);
    if (st.type === 'dir') {
      if (!isDir(fs, dst)) fs.mkdir(dst, st.mode);
      copyTemplates(fs, src, dst);
    } else if (st.type === 'file') {
      try {
        fs.lstat(dst);
      } catch {
        fs.writeFile(dst, fs.readFile(src), { mode: st.mode });
        fs.chmod(dst, st.mode);
      }
    } else if (st.type === 'symlink') {
      try {
        fs.lstat(dst);
      } catch {
        fs.symlink(fs.readlink(src), dst);
      }
    }
  }
}

export interface InitResult {
  readonly repo: Repo;
  readonly reinitialized: boolean;
  /** Warnings and hints git printed on stderr. */
  readonly notes: string;
}

/** Creates (or re-initialises) the repository whose work tree is `dir` (absolute). */
export function initRepository(s: Session, dir: string, options: { branch?: string; quietHints?: boolean } = {}): InitResult {
  const fs = s.fs;
  const gitDir = `${dir === '/' ? '' : dir}/.git`;
  const reinitialized = readTextOrNull(fs, `${gitDir}/HEAD`) !== null;
  let notes = '';
  try {
    mkdirp(fs, gitDir);
  } catch (e) {
    throw fatal(`cannot mkdir ${dir}: ${(e as { text?: string }).text ?? 'Permission denied'}`);
  }
  const templates = s.env.get('GIT_TEMPLATE_DIR') ?? TEMPLATE_DIR;
  if (isDir(fs, templates)) copyTemplates(fs, templates, gitDir);
  else notes += `warning: templates not found in ${templates}\n`;
  for (const d of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags']) mkdirp(fs, `${gitDir}/${d}`);
  const repo = new Repo(fs, gitDir, dir, s.env);
  if (!reinitialized) {
    let branch = options.branch;
    if (branch === undefined) {
      const configured = repo.configEntries().filter((e) => e.key === 'init.defaultbranch').pop()?.value;
      if (configured) branch = configured;
      else if (!options.quietHints) notes += DEFAULT_BRANCH_HINT;
    }
    fs.writeFile(`${gitDir}/HEAD`, enc.encode(`ref: refs/heads/${branch ?? 'master'}\n`), { mode: 0o644 });
    const cfg = ConfigFile.read(fs, `${gitDir}/config`) ?? new ConfigFile('');
    cfg.set('core.repositoryformatversion', '0');
    cfg.set('core.filemode', 'true');
    cfg.set('core.bare', 'false');
    cfg.set('core.logallrefupdates', 'true');
    cfg.write(fs, `${gitDir}/config`);
  }
  return { repo, reinitialized, notes };
}

export async function gitInit(s: Session, args: readonly string[]): Promise<number> {
  let quiet = false;
  let branch: string | undefined;
  let dirArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-b' || a === '--initial-branch') branch = args[++i];
    else if (a.startsWith('--initial-branch=')) branch = a.slice('--initial-branch='.length);
    else if (a.startsWith('-b') && a.length > 2) branch = a.slice(2);
    else if (a.startsWith('-')) throw new UsageError(a);
    else if (dirArg === undefined) dirArg = a;
    else throw new UsageError(null);
  }
  const dir = dirArg === undefined ? s.cwd : s.absolute(dirArg);
  try {
    mkdirp(s.fs, dir);
  } catch (e) {
    throw fatal(`cannot mkdir ${dirArg ?? dir}: ${(e as { text?: string }).text ?? 'Permission denied'}`);
  }
  const r = initRepository(s, dir, { ...(branch !== undefined ? { branch } : {}), quietHints: quiet });
  await s.err(r.notes);
  if (r.reinitialized && branch !== undefined) await s.err(`warning: re-init: ignored --initial-branch=${branch}\n`);
  if (!quiet) await s.out(`${r.reinitialized ? 'Reinitialized existing' : 'Initialized empty'} Git repository in ${r.repo.gitDir}/\n`);
  return 0;
}

/** An option the command does not know (or too many operands): git prints the command's usage, status 129. */
export class UsageError extends Error {
  constructor(readonly option: string | null) {
    super(option ?? 'usage');
  }
}
