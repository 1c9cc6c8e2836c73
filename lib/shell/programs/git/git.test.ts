/**
 * git behaviour the host-git differential cannot show: output on a terminal (decorations and colors as git
 * prints them to a tty, bytes taken from git 2.39 under script(1)), and small parsers.
 */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand, type TestMachine } from '../../testing/harness';
import { ConfigFile } from './config';
import { humanishName } from './clone';
import { parseGitDate } from './session';
import { FakeTty } from '../../interp/testing/shell';
import { NETWORK, type NetStack } from '../../../engine/network/Network';

const ENV = { GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z', TERM: 'xterm' };

async function git(tm: TestMachine, args: readonly string[], tty = false) {
  return runCommand(tm, ['git', ...args], { user: 'root', cwd: '/root', env: ENV, stdoutIsTTY: tty });
}

describe('git on a terminal', () => {
  it('log decorates and colors by default; branch closes every name with a reset', async () => {
    const tm = createTestMachine();
    await git(tm, ['config', '--global', 'user.name', 'Ada']);
    await git(tm, ['config', '--global', 'user.email', 'ada@example.com']);
    await git(tm, ['init', '-q']);
    tm.fs.writeFile('/root/a', new TextEncoder().encode('a\n'));
    await git(tm, ['add', 'a']);
    await git(tm, ['commit', '-q', '-m', 'one']);
    await git(tm, ['branch', 'f']);
    const oneline = await git(tm, ['log', '--oneline'], true);
    expect(oneline.stdout).toMatch(/^\x1b\[33m[0-9a-f]{7}\x1b\[m\x1b\[33m \(\x1b\[m\x1b\[1;36mHEAD -> \x1b\[m\x1b\[1;32mmaster\x1b\[m\x1b\[33m, \x1b\[m\x1b\[1;32mf\x1b\[m\x1b\[33m\)\x1b\[m one\n$/);
    const piped = await git(tm, ['log', '--oneline']);
    expect(piped.stdout).toMatch(/^[0-9a-f]{7} one\n$/);
    expect((await git(tm, ['branch'], true)).stdout).toBe('  f\x1b[m\n* \x1b[32mmaster\x1b[m\n');
    // TERM=dumb turns automatic color off.
    const dumb = await runCommand(tm, ['git', 'branch'], { user: 'root', cwd: '/root', env: { ...ENV, TERM: 'dumb' }, stdoutIsTTY: true });
    expect(dumb.stdout).toBe('  f\n* master\n');
  });

  it('log --graph draws straight histories and says so for branching ones', async () => {
    const tm = createTestMachine();
    await git(tm, ['config', '--global', 'user.name', 'Ada']);
    await git(tm, ['config', '--global', 'user.email', 'ada@example.com']);
    await git(tm, ['init', '-q']);
    await git(tm, ['commit', '-q', '--allow-empty', '-m', 'one']);
    await git(tm, ['branch', 'side']);
    await git(tm, ['commit', '-q', '--allow-empty', '-m', 'two']);
    expect((await git(tm, ['log', '--graph', '--oneline'])).stdout).toMatch(/^\* [0-9a-f]{7} two\n\* [0-9a-f]{7} one\n$/);
    await git(tm, ['checkout', '-q', 'side']);
    await git(tm, ['commit', '-q', '--allow-empty', '-m', 'three']);
    expect(await git(tm, ['checkout', 'HEAD~1'])).toMatchObject({ status: 1, stderr: 'git: checkout of a commit (detached HEAD) is not available in this simulation\n' });
    expect(await git(tm, ['log', '--graph', '--oneline', '--all'])).toMatchObject({ status: 1, stdout: '', stderr: 'git: log --graph of branching or merged history is not available in this simulation\n' });
  });

  it('help for a command needs man, which the machine does not have', async () => {
    const tm = createTestMachine();
    const text = "warning: failed to exec 'man': No such file or directory\nfatal: no man viewer handled the request\n";
    if (tm.registry.get('man')) return;
    expect(await git(tm, ['help', 'status'])).toMatchObject({ status: 128, stdout: '', stderr: text });
    expect(await git(tm, ['status', '--help'])).toMatchObject({ status: 128, stdout: '', stderr: text });
  });

  it('names real git commands it does not simulate instead of calling them unknown', async () => {
    const tm = createTestMachine();
    expect(await git(tm, ['push'])).toMatchObject({ status: 1, stderr: "git: 'push' is not available in this simulation\n" });
    expect(await git(tm, ['pusj'])).toMatchObject({ status: 1, stderr: "git: 'pusj' is not a git command. See 'git --help'.\n" });
  });

  it('clone on the host without a network cannot resolve names', async () => {
    const tm = createTestMachine();
    const r = await git(tm, ['clone', 'https://github.com/docker/getting-started-app.git']);
    expect(r).toMatchObject({ status: 128, stderr: "Cloning into 'getting-started-app'...\nfatal: unable to access 'https://github.com/docker/getting-started-app.git/': Could not resolve host: github.com\n" });
    expect(() => tm.fs.lstat('/root/getting-started-app')).toThrow();
  });
});

describe('git hands output to the pager and messages to the editor', () => {
  async function repoWithCommit(): Promise<TestMachine> {
    const tm = createTestMachine();
    await git(tm, ['config', '--global', 'user.name', 'Ada']);
    await git(tm, ['config', '--global', 'user.email', 'ada@example.com']);
    await git(tm, ['init', '-q']);
    tm.fs.writeFile('/root/a', new TextEncoder().encode('a\n'));
    await git(tm, ['add', 'a']);
    await git(tm, ['commit', '-q', '-m', 'one']);
    return tm;
  }
  const onTty = (tm: TestMachine, args: readonly string[], env: Record<string, string>) =>
    runCommand(tm, ['git', ...args], { user: 'root', cwd: '/root', env: { ...ENV, ...env }, stdoutIsTTY: true, tty: new FakeTty([]) });

  it('log on a terminal goes through the pager, run by the shell when it has arguments', async () => {
    const tm = await repoWithCommit();
    const r = await onTty(tm, ['log', '--oneline', '--no-decorate'], { GIT_PAGER: 'sed s/^/paged:/' });
    expect(r.stdout).toMatch(/^paged:\x1b\[33m[0-9a-f]{7}\x1b\[m one\n$/);
  });

  it('a missing pager is reported and the output printed directly', async () => {
    const tm = await repoWithCommit();
    const r = await onTty(tm, ['log', '--oneline', '--no-decorate'], { GIT_PAGER: 'nopager' });
    expect(r.stderr).toBe('error: cannot run nopager: No such file or directory\n');
    expect(r.stdout).toMatch(/^\x1b\[33m[0-9a-f]{7}\x1b\[m one\n$/);
  });

  it('commit without -m edits the message in the editor; comments are dropped', async () => {
    const tm = await repoWithCommit();
    tm.fs.writeFile('/root/b', new TextEncoder().encode('b\n'));
    await git(tm, ['add', 'b']);
    const r = await runCommand(tm, ['git', 'commit'], { user: 'root', cwd: '/root', env: { ...ENV, GIT_EDITOR: 'sed -i 1s/^/From_the_editor/' } });
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^\[master [0-9a-f]{7}\] From_the_editor\n 1 file changed, 1 insertion\(\+\)\n create mode 100644 b\n$/);
    const template = new TextDecoder().decode(tm.fs.readFile('/root/.git/COMMIT_EDITMSG'));
    expect(template).toBe("From_the_editor\n# Please enter the commit message for your changes. Lines starting\n# with '#' will be ignored, and an empty message aborts the commit.\n#\n# On branch master\n#\n# Changes to be committed:\n#\tnew file:   b\n#\n# Untracked files:\n#\t.gitconfig\n#\n");
  });

  it('without an editor the commit stops as git does', async () => {
    const tm = await repoWithCommit();
    tm.fs.writeFile('/root/b', new TextEncoder().encode('b\n'));
    await git(tm, ['add', 'b']);
    const r = await git(tm, ['commit']);
    expect(r).toMatchObject({ status: 1, stderr: "error: cannot run editor: No such file or directory\nerror: unable to start editor 'editor'\nPlease supply the message using either -m or -F option.\n" });
  });
});

describe('git clone from the simulated web', () => {
  // clone only asks whether the machine has a network; the hosted repositories are answered without sockets.
  const online = () => {
    const tm = createTestMachine();
    tm.machine.provide(NETWORK, {} as NetStack);
    return tm;
  };

  it('a shallow clone of a hosted repository records its tip and fetches one branch', async () => {
    const tm = online();
    const r = await git(tm, ['clone', '--depth=1', 'https://github.com/octocat/Hello-World']);
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: "Cloning into 'Hello-World'...\n" });
    const read = (p: string) => new TextDecoder().decode(tm.fs.readFile(`/root/Hello-World/${p}`));
    expect(read('README')).toBe('Hello World!\n');
    const head = read('.git/refs/heads/master').trim();
    expect(read('.git/shallow')).toBe(`${head}\n`);
    expect(read('.git/config')).toContain('[remote "origin"]\n\turl = https://github.com/octocat/Hello-World\n\tfetch = +refs/heads/master:refs/remotes/origin/master\n[branch "master"]\n');
    const log = await runCommand(tm, ['git', 'log'], { user: 'root', cwd: '/root/Hello-World', env: ENV });
    expect(log.stdout).toBe(`commit ${head}\nAuthor: The Octocat <octocat@nowhere.com>\nDate:   Tue Mar 6 23:06:50 2012 +0000\n\n    Create README\n    \n    The repository GitHub uses in its first-steps guides.\n`);
  });

  it('a user who may not write the directory cannot clone into it', async () => {
    const tm = online();
    const r = await runCommand(tm, ['git', 'clone', 'https://github.com/octocat/Hello-World.git'], { cwd: '/', env: ENV });
    expect(r).toMatchObject({ status: 128, stdout: '', stderr: "fatal: could not create work tree dir 'Hello-World': Permission denied\n" });
  });

  it('pull and fetch in a clone of a hosted repository find it up to date', async () => {
    const tm = online();
    await git(tm, ['clone', '-q', 'https://github.com/docker/getting-started-app.git', 'app']);
    const inApp = (args: readonly string[]) => runCommand(tm, ['git', ...args], { user: 'root', cwd: '/root/app', env: ENV });
    expect(await inApp(['fetch'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(await inApp(['pull'])).toMatchObject({ status: 0, stdout: 'Already up to date.\n', stderr: '' });
    expect(await inApp(['status', '-s'])).toMatchObject({ status: 0, stdout: '' });
  });

  it('on a terminal GitHub asks for credentials for a repository it does not show, then refuses the password', async () => {
    const tm = online();
    const tty = new FakeTty([
      { kind: 'line', text: 'ada' },
      { kind: 'line', text: 'hunter2' },
    ]);
    const r = await runCommand(tm, ['git', 'clone', 'https://github.com/ada/private.git'], { user: 'root', cwd: '/root', env: ENV, tty });
    expect(tty.output).toBe("Username for 'https://github.com': Password for 'https://ada@github.com': \n");
    expect(r).toMatchObject({
      status: 128,
      stderr: "Cloning into 'private'...\nremote: Invalid username or token. Password authentication is not supported for Git operations.\nfatal: Authentication failed for 'https://github.com/ada/private.git/'\n",
    });
    expect(() => tm.fs.lstat('/root/private')).toThrow();
  });
});

describe('git helpers', () => {
  it('derives the clone directory as git does', () => {
    expect(humanishName('https://github.com/docker/getting-started-app.git')).toBe('getting-started-app');
    expect(humanishName('https://github.com/octocat/Hello-World')).toBe('Hello-World');
    expect(humanishName('/srv/repo/.git')).toBe('repo');
    expect(humanishName('../origin/')).toBe('origin');
  });

  it('reads GIT_*_DATE forms', () => {
    expect(parseGitDate('2024-01-01T00:00:00Z')).toEqual({ time: 1704067200, tz: '+0000' });
    expect(parseGitDate('@1704067200 +0200')).toEqual({ time: 1704067200, tz: '+0200' });
    expect(parseGitDate('2024-01-01 02:00:00 +02:00')).toEqual({ time: 1704067200, tz: '+0200' });
  });

  it('edits config files keeping other lines, quoting values git would quote', () => {
    const f = new ConfigFile('# mine\n[user]\n\tname = A\n[core]\n\tbare = false\n');
    f.set('user.email', 'a@b');
    f.set('alias.st', 'status -s ; x');
    f.set('remote.Origin.url', '/x');
    expect(f.text()).toBe('# mine\n[user]\n\tname = A\n\temail = a@b\n[core]\n\tbare = false\n[alias]\n\tst = "status -s ; x"\n[remote "Origin"]\n\turl = /x\n');
    expect(f.entries().find((e) => e.key === 'alias.st')?.value).toBe('status -s ; x');
    expect(f.entries().find((e) => e.key === 'remote.Origin.url')?.value).toBe('/x');
  });
});
