/**
 * The `git` program: global options (`-C`, `--version`, `--help`), then one command. Each command lives in its
 * own module; failures are `GitExit`s carrying git's exact text and status, so nothing is half-printed.
 */
import { isFsError } from '../../../engine/fs/Types';
import type { Program } from '../../../engine/process/Types';
import { gitAdd } from './add';
import { gitBranch } from './branch';
import { gitCheckout } from './checkout';
import { gitClone } from './clone';
import { gitCommit } from './commit';
import { gitConfig } from './configCmd';
import { gitDiff } from './diff';
import { gitInit, UsageError } from './init';
import { gitLog } from './log';
import { gitRemote } from './remote';
import { gitRestore, gitRm } from './restore';
import { gitShow } from './show';
import { gitFetch, gitPull } from './fetch';
import { gitReset, gitTag } from './reset';
import { isDir } from './repo';
import { normalizeKey } from './config';
import { GitExit, Session } from './session';
import { gitStatus } from './status';
import { GIT_USAGE } from './usages-top';
import { COMMAND_USAGE } from './usages';
import { startCommand } from '../lib/spawn';
import { gitVersion } from './version';

const NEEDS_REPO = new Set(['add', 'stage', 'commit', 'status', 'log', 'diff', 'branch', 'checkout', 'switch', 'remote', 'restore', 'rm', 'show', 'fetch', 'pull', 'reset', 'tag']);

/** Commands real git has that this one does not: they are named as unsimulated, not as unknown. */
const REAL_COMMANDS = new Set(
  'am apply archive bisect blame bundle cat-file cherry cherry-pick clean describe difftool format-patch fsck gc grep gui hash-object instaweb ls-files ls-remote ls-tree merge merge-base mergetool mv notes prune push range-diff rebase reflog repack replace request-pull rerere rev-list rev-parse revert send-email shortlog show-ref sparse-checkout stash submodule update-index update-ref worktree write-tree'.split(' '),
);

type Command = (s: Session, args: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  init: gitInit,
  config: gitConfig,
  add: gitAdd,
  stage: gitAdd,
  commit: gitCommit,
  status: gitStatus,
  log: gitLog,
  diff: gitDiff,
  branch: gitBranch,
  checkout: (s, a) => gitCheckout(s, a, 'checkout'),
  switch: (s, a) => gitCheckout(s, a, 'switch'),
  clone: gitClone,
  remote: gitRemote,
  restore: gitRestore,
  rm: gitRm,
  show: gitShow,
  fetch: gitFetch,
  pull: gitPull,
  reset: gitReset,
  tag: gitTag,
};

export const git: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const s = new Session(ctx, ctx.cwd);
  let i = 0;
  try {
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-v' || a === '--version') {
        await s.out(`git version ${gitVersion(ctx.fs)}\n`);
        return 0;
      }
      if (a === '-h' || a === '--help') {
        await s.out(GIT_USAGE);
        return 0;
      }
      if (a === '-C') {
        const dir = args[++i];
        if (dir === undefined) throw new GitExit('error: no directory given for -C\n\n' + GIT_USAGE, 129);
        const abs = s.absolute(dir);
        if (!isDir(ctx.fs, abs)) throw new GitExit(`fatal: cannot change to '${dir}': ${existsText(s, abs)}\n`, 128);
        s.cwd = abs;
      } else if (a === '-c') {
        const pair = args[++i];
        if (pair === undefined) throw new GitExit(`error: -c expects a configuration string\n${GIT_USAGE.split('\n\n')[0]}\n`, 129);
        const eq = pair.indexOf('=');
        s.overrides.push({ key: normalizeKey(eq < 0 ? pair : pair.slice(0, eq)), value: eq < 0 ? null : pair.slice(eq + 1) });
      } else if (a === '-P' || a === '--no-pager' || a === '-p' || a === '--paginate') continue;
      else if (a.startsWith('-')) throw new GitExit(`unknown option: ${a}\n${GIT_USAGE.split('\n\n')[0]}\n`, 129);
      else break;
    }
    const name = args[i];
    if (name === undefined) {
      await s.out(GIT_USAGE);
      return 1;
    }
    if (name === 'help') {
      const topic = args[i + 1];
      if (topic === undefined) {
        await s.out(GIT_USAGE);
        return 0;
      }
      // `git help <cmd>` opens the manual page through man; images without man-db have none to run.
      return await manual(s, topic);
    }
    const command = COMMANDS[name];
    if (!command && REAL_COMMANDS.has(name)) throw new GitExit(`git: '${name}' is not available in this simulation\n`, 1);
    if (!command) throw new GitExit(`git: '${name}' is not a git command. See 'git --help'.\n`, 1);
    const rest = args.slice(i + 1);
    // `git <cmd> --help` is `git help <cmd>`, decided before anything else.
    if (rest[0] === '--help') return await manual(s, name);
    // Commands that work in a repository find it before they read their options, as git's RUN_SETUP does.
    if (NEEDS_REPO.has(name)) s.repo();
    if (rest.includes('-h') && COMMAND_USAGE[name]) {
      await s.out(COMMAND_USAGE[name]);
      return 129;
    }
    return await command(s, rest);
  } catch (e) {
    if (e instanceof GitExit) {
      await s.err(e.text);
      return e.status;
    }
    if (e instanceof UsageError) {
      const name = args[i] ?? '';
      const opt = e.option;
      const what = opt === null ? '' : opt.length === 1 || (!opt.startsWith('-') && opt.length === 1) ? `error: unknown switch \`${opt}'\n` : `error: unknown option \`${opt.replace(/^-+/, '')}'\n`;
      await s.err(`${what}${COMMAND_USAGE[name] ?? ''}`);
      return 129;
    }
    if (isFsError(e)) {
      await s.err(`fatal: ${e.path}: ${e.text}\n`);
      return 128;
    }
    throw e;
  }
};

/** `git help <topic>` / `git <cmd> --help`: the manual page through man (git-<cmd> for commands, git<topic> otherwise). */
async function manual(s: Session, topic: string): Promise<number> {
  const page = COMMANDS[topic] || REAL_COMMANDS.has(topic) ? `git-${topic}` : `git${topic}`;
  const r = startCommand(s.ctx, ['man', page]);
  if (!r.ok) throw new GitExit(`warning: failed to exec 'man': ${r.text}\nfatal: no man viewer handled the request\n`, 128);
  return r.child.exited;
}

function existsText(s: Session, abs: string): string {
  try {
    s.fs.stat(abs);
    return 'Not a directory';
  } catch (e) {
    return isFsError(e) ? e.text : 'No such file or directory';
  }
}
