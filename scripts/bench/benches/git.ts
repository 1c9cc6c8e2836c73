import { createTestMachine, runCommand } from '../../../lib/shell/testing/harness';
import { defineBench } from '../types';

/**
 * git on a project-sized tree: 1000 small files in 50 directories (a checked-in dependency folder), staged with
 * `git add .`, committed, then `git status` on the clean tree (which rehashes, the virtual clock standing still).
 */
export default defineBench({
  name: 'git: add/commit/status of 1000 files',
  budget: { metric: 'add_commit_ms', max: 1500, unit: 'ms' },
  async run() {
    const tm = createTestMachine();
    const enc = new TextEncoder();
    tm.fs.mkdir('/root/app', 0o755);
    for (let d = 0; d < 50; d++) {
      tm.fs.mkdir(`/root/app/dir${d}`, 0o755);
      for (let f = 0; f < 20; f++) tm.fs.writeFile(`/root/app/dir${d}/file${f}.js`, enc.encode(`module.exports = ${d * 20 + f};\n`.repeat(20)), { mode: 0o644 });
    }
    const env = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
    const git = (args: string[]) => runCommand(tm, ['git', ...args], { user: 'root', cwd: '/root/app', env });
    await git(['init', '-q']);
    const t0 = performance.now();
    await git(['add', '.']);
    const commit = await git(['commit', '-q', '-m', 'all']);
    const t1 = performance.now();
    const status = await git(['status', '--short']);
    const t2 = performance.now();
    if (commit.status !== 0 || status.stdout !== '') throw new Error(`git bench: unexpected result ${commit.stderr}${status.stdout}`);
    return { add_commit_ms: Math.round(t1 - t0), status_ms: Math.round(t2 - t1) };
  },
});
