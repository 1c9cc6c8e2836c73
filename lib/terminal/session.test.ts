import { describe, expect, it } from 'vitest';
import { decodeText } from '../engine/process/text';
import type { Program } from '../engine/process/Types';
import { createRegistry } from '../shell/programs';
import { createHostSession } from './session';
import { fakeShell } from './testing/fakeShell';
import { Screen } from './testing/Screen';

const NOW = '2026-11-23T10:00:00Z';

/** A program that reports what a login shell is given. */
const probe: Program = async (ctx) => {
  const env = ['HOME', 'USER', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'LANG'].map((k) => `${k}=${ctx.env.get(k)}`).join('\n');
  await ctx.stdout.write(`argv=${ctx.argv.join(' ')}\ncwd=${ctx.cwd}\nuid=${ctx.cred.uid}\ntty=${ctx.tty !== null}\n${env}\n`);
  return 3;
};

describe('createHostSession', () => {
  it('starts bash -l (through PATH) as the learner in their home with a login environment', async () => {
    const s = createHostSession({ now: NOW, seed: 1, extraPrograms: { bash: probe } });
    let out = '';
    s.onOutput((d) => (out += d));
    expect(await s.exited).toBe(3);
    expect(out.replace(/\r\n/g, '\n')).toBe(
      [
        'argv=bash -l',
        'cwd=/home/learner',
        'uid=1000',
        'tty=true',
        'HOME=/home/learner',
        'USER=learner',
        'LOGNAME=learner',
        'PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games',
        'SHELL=/bin/bash',
        'TERM=xterm-256color',
        'LANG=C.UTF-8',
        '',
      ].join('\n'),
    );
    expect(s.pty.hungUp).toBe(true);
  });

  it('runs an interactive shell on the pty: prompt, typing, programs, exit status', async () => {
    const s = createHostSession({ now: NOW, seed: 1, columns: 40, rows: 10, extraPrograms: { bash: fakeShell } });
    const screen = new Screen(40, 10);
    s.onOutput((d) => screen.write(d));
    s.input('echo hello\r');
    s.input('pwd\r');
    s.input('exit 4\r');
    expect(await s.exited).toBe(4);
    expect(screen.toString()).toBe(['$ echo hello', 'hello', '$ pwd', '/home/learner', '$ exit 4'].join('\n'));
  });

  it('starts in the given workdir, creating it for the learner', async () => {
    const s = createHostSession({ now: NOW, workdir: '/home/learner/work', extraPrograms: { bash: probe } });
    let out = '';
    s.onOutput((d) => (out += d));
    await s.exited;
    expect(out).toContain('cwd=/home/learner/work');
    expect(s.fs.stat('/home/learner/work')).toMatchObject({ type: 'dir', uid: 1000 });
  });

  it('uses a virtual clock for `now` and the seeded random source', () => {
    const a = createHostSession({ now: NOW, seed: 7, extraPrograms: { bash: probe } });
    const b = createHostSession({ now: NOW, seed: 7, extraPrograms: { bash: probe } });
    expect(a.clock.now()).toBe(Date.parse(NOW));
    expect(a.machine.random.hex(12)).toBe(b.machine.random.hex(12));
  });

  it('reports a login shell that cannot start', async () => {
    const s = createHostSession({ now: NOW, loginShell: ['/bin/nosuchshell'] });
    let out = '';
    s.onOutput((d) => (out += d));
    expect(await s.exited).toBe(127);
    expect(out).toBe('layerlab: cannot start /bin/nosuchshell: No such file or directory\r\n');
  });

  it('Ctrl-C interrupts a foreground program reading the terminal', async () => {
    const s = createHostSession({ now: NOW, extraPrograms: { bash: fakeShell, reader: async (ctx) => {
      for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) await ctx.stdout.write(`got ${decodeText(c)}`);
      return 0;
    } } });
    const screen = new Screen(80, 10);
    s.onOutput((d) => screen.write(d));
    let fed = 0;
    const script = ['reader', 'line one', '\x03', 'status', 'exit'];
    s.pty.onInputWanted(() => {
      const l = script[fed++];
      if (l !== undefined) s.input(l === '\x03' ? l : l + '\r');
    });
    // Ctrl-C is only fed when the reader waits again, so it lands on a blocked read.
    expect(await s.exited).toBe(130);
    expect(screen.toString()).toBe(['$ reader', 'line one', 'got line one', '^C', '$ status', '130', '$ exit'].join('\n'));
  });
});

const hasBash = createRegistry().get('bash') !== undefined;
if (!hasBash) console.log('session.test.ts: skipping the real-shell session: no `bash` program is registered yet');

describe.skipIf(!hasBash)('a host session with the real shell', () => {
  it('edits a file in vi, pages it with less, interrupts cat with Ctrl-C', async () => {
    const s = createHostSession({ now: NOW, seed: 1, columns: 60, rows: 16 });
    const screen = new Screen(60, 16);
    s.onOutput((d) => screen.write(d));
    // Each step is typed when the terminal asks for input, as the CLI does.
    const steps = ['vi t.txt\r', 'ihi there\x1b:wq\r', 'less t.txt\r', 'q', 'cat\r', 'typed\r', '\x03', 'echo st=$?\r', 'cat t.txt\r', 'exit 5\r'];
    s.pty.onInputWanted(() => {
      const k = steps.shift();
      if (k !== undefined) s.input(k);
    });
    expect(await s.exited).toBe(5);
    expect(screen.toString()).toBe(
      [
        'learner@layerlab:~$ vi t.txt',
        'learner@layerlab:~$ less t.txt',
        'learner@layerlab:~$ cat',
        'typed',
        'typed',
        '^C',
        'learner@layerlab:~$ echo st=$?',
        'st=130',
        'learner@layerlab:~$ cat t.txt',
        'hi there',
        'learner@layerlab:~$ exit 5',
        'exit',
      ].join('\n'),
    );
  });

  it('keeps shell history in a store across sessions: ↑ recalls a line from the last visit', async () => {
    let saved: readonly string[] = ['echo from-last-visit'];
    const store = { load: () => saved, save: (lines: readonly string[]) => (saved = [...lines]) };
    const s = createHostSession({ now: NOW, seed: 1, columns: 60, rows: 16, history: store });
    const screen = new Screen(60, 16);
    s.onOutput((d) => screen.write(d));
    const steps = ['\x1b[A\r', 'nosuchcmd\r', 'exit\r'];
    s.pty.onInputWanted(() => {
      const k = steps.shift();
      if (k !== undefined) s.input(k);
    });
    await s.exited;
    expect(screen.toString()).toContain('learner@layerlab:~$ echo from-last-visit\nfrom-last-visit');
    expect(screen.toString()).toContain('bash: nosuchcmd: command not found');
    expect(saved).toEqual(['echo from-last-visit', 'echo from-last-visit', 'nosuchcmd', 'exit']);
  });
});
