import { describe, expect, it } from 'vitest';
import { ROOT } from '../../engine/fs/Types';
import { LEARNER_CRED } from '../host/users';
import { DEFAULT_PATH, ttyReader } from '../../engine/process/Machine';
import { CollectingWriter } from '../../engine/process/streams';
import { createTestMachine, runCommand } from '../testing/harness';
import { decodeText } from '../../engine/process/text';
import { registerCompletion } from './completion';
import { FakeTty } from './testing/shell';

/** Starts an interactive shell with the fake terminal as its stdin and controlling tty. */
async function interactive(tty: FakeTty, options: { user?: 'root' | 'learner'; shell?: string; flavor?: 'busybox'; cwd?: string } = {}) {
  const tm = createTestMachine();
  const root = options.user === 'root';
  const home = root ? '/root' : '/home/learner';
  const stdout = new CollectingWriter({ isTTY: true });
  const stderr = new CollectingWriter({ isTTY: true });
  const env = new Map([
    ['PATH', DEFAULT_PATH],
    ['HOME', home],
    ['USER', root ? 'root' : 'learner'],
  ]);
  const argv = [options.shell ?? 'bash'];
  const spawnOptions = { argv, env, cwd: options.cwd ?? home, cred: root ? ROOT : LEARNER_CRED, umask: 0o022, stdin: ttyReader(tty), stdout, stderr, tty, ppid: 1 };
  let status: number;
  if (options.flavor) status = await tm.machine.start(tm.registry.get(argv[0]!)!, { ...spawnOptions, flavor: options.flavor }).exited;
  else {
    const r = tm.machine.spawn(spawnOptions);
    if (!r.ok) throw new Error('cannot start the shell');
    status = await r.child.exited;
  }
  return { status, stdout: stdout.text(), stderr: stderr.text(), tm };
}

describe('interactive shell', () => {
  it('renders the default prompts and says exit on Ctrl-D', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'cd /tmp' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(tty.prompts).toEqual(['learner@layerlab:~$ ', 'learner@layerlab:/tmp$ ']);
    expect(r.stderr).toBe('exit\n');
    expect(r.status).toBe(0);
  });

  it('shows root@host:/# for root and "/ # " in BusyBox sh', async () => {
    const a = new FakeTty([{ kind: 'eof' }]);
    await interactive(a, { user: 'root', cwd: '/' });
    expect(a.prompts[0]).toBe('root@layerlab:/# ');
    const b = new FakeTty([{ kind: 'eof' }]);
    await interactive(b, { user: 'root', cwd: '/', shell: 'sh', flavor: 'busybox' });
    expect(b.prompts[0]).toBe('/ # ');
  });

  it('asks for continuation lines with PS2 until the command is complete', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'if true; then' }, { kind: 'line', text: 'echo "a' }, { kind: 'line', text: 'b"; fi' }, { kind: 'line', text: 'cat <<EOF' }, { kind: 'line', text: 'doc' }, { kind: 'line', text: 'EOF' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(tty.prompts.slice(0, 6)).toEqual(['learner@layerlab:~$ ', '> ', '> ', 'learner@layerlab:~$ ', '> ', '> ']);
    expect(r.stdout).toBe('a\nb\ndoc\n');
  });

  it('continues a line ending in a backslash, but not one whose backslash is inside a comment', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'echo one \\' }, { kind: 'line', text: 'two' }, { kind: 'line', text: 'echo x # c \\' }, { kind: 'line', text: 'echo y' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(tty.prompts.slice(0, 4)).toEqual(['learner@layerlab:~$ ', '> ', 'learner@layerlab:~$ ', 'learner@layerlab:~$ ']);
    expect(r.stdout).toBe('one two\nx\ny\n');
  });

  it('reports syntax errors without a line number and goes on', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'fi' }, { kind: 'line', text: 'echo $?' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(r.stderr).toBe("bash: syntax error near unexpected token `fi'\nbash: `fi'\nexit\n");
    expect(r.stdout).toBe('2\n');
  });

  it('discards input on Ctrl-C at the prompt and sets $? to 130', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'if true; then' }, { kind: 'interrupt' }, { kind: 'line', text: 'echo $?' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(r.stdout).toBe('130\n');
  });

  it('interrupts a busy loop in the shell itself with Ctrl-C and survives', { timeout: 5000 }, async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'while :; do :; done; echo not-reached' }]);
    const done = interactive(tty);
    setTimeout(() => {
      tty.foreground!.deliver('SIGINT');
      tty.push({ kind: 'line', text: 'echo status $?' }, { kind: 'eof' });
    }, 10);
    const r = await done;
    expect(r.stdout).toBe('status 130\n');
    expect(r.status).toBe(0);
  });

  it('gives the terminal to a foreground pipeline: Ctrl-C ends it and the rest of the line', { timeout: 5000 }, async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'yes | cat > /dev/null; echo not-reached' }]);
    const done = interactive(tty);
    setTimeout(() => {
      tty.foreground!.deliver('SIGINT');
      tty.push({ kind: 'line', text: 'echo $?' }, { kind: 'eof' });
    }, 10);
    const r = await done;
    expect(r.stdout).toBe('130\n');
  });

  it('survives Ctrl-C while the read builtin waits on the terminal', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'read x; echo not-reached' }, { kind: 'signal', sig: 'SIGINT' }, { kind: 'line', text: 'echo $?' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(r.stdout).toBe('130\n');
    expect(r.status).toBe(0);
  });

  it('loads ~/.bashrc (the ll alias) and expands aliases', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'alias ll' }, { kind: 'line', text: "alias hi='echo hello'" }, { kind: 'line', text: 'hi there' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(r.stdout).toBe("alias ll='ls -l'\nhello there\n");
  });

  it('announces background jobs and reports them done before the next prompt', async () => {
    const tty = new FakeTty([{ kind: 'line', text: '(exit 3) &' }, { kind: 'line', text: 'true' }, { kind: 'line', text: 'true' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(r.stderr).toMatch(/^\[1\] \d+\n/);
    expect(r.stdout).toContain('[1]+  Exit 3                  (exit 3)\n');
  });

  it('brings a background job to the foreground with fg', { timeout: 5000 }, async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'while :; do :; done &' }, { kind: 'line', text: 'fg' }]);
    const done = interactive(tty);
    setTimeout(() => {
      tty.foreground!.deliver('SIGINT');
      tty.push({ kind: 'line', text: 'echo $?' }, { kind: 'eof' });
    }, 20);
    const r = await done;
    expect(r.stdout).toBe('while :; do :; done\n130\n');
  });

  it('keeps history in the same list, persisted to ~/.bash_history', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'echo one' }, { kind: 'line', text: 'history' }, { kind: 'eof' }]);
    const r = await interactive(tty);
    expect(r.stdout).toBe('one\n    1  echo one\n    2  history\n');
    expect(decodeText(r.tm.fs.readFile('/home/learner/.bash_history'))).toBe('echo one\nhistory\n');
  });

  it('completes command names, paths, and registered commands', async () => {
    const tty = new FakeTty([{ kind: 'line', text: 'f() { :; }; mkdir -p /tmp/compl/sub; touch /tmp/compl/file' }]);
    const done = interactive(tty);
    while (tty.prompts.length < 2) await new Promise((r) => setTimeout(r, 1));
    const complete = tty.lastOptions!.complete!;
    expect((await complete('ech', 3)).candidates).toContain('echo');
    expect((await complete('f', 1)).candidates).toContain('f');
    expect(await complete('ls /tmp/compl/', 14)).toEqual({ start: 3, candidates: ['/tmp/compl/file', '/tmp/compl/sub/'], appendSpace: true });
    expect(await complete('cd /tmp/compl/s', 15)).toEqual({ start: 3, candidates: ['/tmp/compl/sub/'], appendSpace: false });
    const off = registerCompletion('docker', (words, index) => (index === 1 ? ['images', 'image', 'ps', 'run'] : []));
    expect((await complete('docker im', 9)).candidates).toEqual(['image', 'images']);
    expect((await complete('echo x | docker p', 17)).candidates).toEqual(['ps']);
    off();
    tty.push({ kind: 'eof' });
    await done;
  });

  it('runs non-interactively when stdin is not a terminal', async () => {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['bash'], { stdin: 'echo $-\n' });
    expect(r.stdout).toBe('hBs\n');
  });
});
