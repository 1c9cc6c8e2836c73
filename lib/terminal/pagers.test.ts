/** less and more driven through a Pty, and as `cat` when output is not a terminal. */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../shell/testing/harness';
import { encodeText } from '../engine/process/text';
import { runOnPty } from './testing/runOnPty';

function machineWith(files: Record<string, string>) {
  const tm = createTestMachine();
  for (const [p, t] of Object.entries(files)) tm.fs.writeFile(p, encodeText(t), { mode: 0o644 });
  return tm;
}

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('less', () => {
  it('pages forward and back, shows the file name first and (END) at the end, and quits', async () => {
    const tm = machineWith({ '/home/learner/f': numbered(12) });
    const v = await runOnPty(['less', 'f'], { tm, columns: 20, rows: 5 });
    expect(v.screen.inAlternateScreen).toBe(true);
    expect(v.rows()).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'f']);
    await v.type(' ');
    expect(v.rows()).toEqual(['line 5', 'line 6', 'line 7', 'line 8', ':']);
    await v.type('j');
    expect(v.rows()[0]).toBe('line 6');
    await v.type('b');
    expect(v.rows()[0]).toBe('line 2');
    await v.type('G');
    expect(v.rows()).toEqual(['line 9', 'line 10', 'line 11', 'line 12', '(END)']);
    await v.type('g\x1b[B');
    expect(v.rows()[0]).toBe('line 2');
    await v.type('q');
    expect(await v.exited).toBe(0);
    expect(v.screen.inAlternateScreen).toBe(false);
  });

  it('searches with /, n and ?, and says when a pattern is not found', async () => {
    const tm = machineWith({ '/home/learner/f': numbered(20) });
    const v = await runOnPty(['less', 'f'], { tm, columns: 20, rows: 5 });
    await v.type('/line 1');
    expect(v.rows()[4]).toBe('/line 1');
    await v.type('\r');
    expect(v.rows()[0]).toBe('line 1');
    await v.type('n');
    expect(v.rows()[0]).toBe('line 10');
    await v.type('n?line 5\r');
    expect(v.rows()[0]).toBe('line 5');
    await v.type('/nothing\r');
    expect(v.rows()[4]).toBe('Pattern not found');
    await v.type('\rq');
    expect(await v.exited).toBe(0);
  });

  it('refuses to page the terminal itself, and fills past the end of a short file with ~', async () => {
    const tm = createTestMachine();
    const v = await runOnPty(['less'], { tm, columns: 60, rows: 5 });
    expect(await v.exited).toBe(1);
    expect(v.rows()[0]).toBe('Missing filename ("less --help" for help)');
    const w = await runOnPty(['less', 'short'], { tm: machineWith({ '/home/learner/short': 'a\nb\n' }), columns: 20, rows: 5 });
    expect(w.rows()).toEqual(['a', 'b', '~', '~', '(END)']);
    await w.type('q');
    await w.exited;
  });

  it('wraps long lines', async () => {
    const tm = machineWith({ '/home/learner/f': 'x'.repeat(25) + '\nend\n' });
    const v = await runOnPty(['less', 'f'], { tm, columns: 10, rows: 6 });
    expect(v.rows().slice(0, 4)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'xxxxx', 'end']);
    await v.type('q');
    await v.exited;
  });

  it('behaves like cat when output is not a terminal', async () => {
    const tm = machineWith({ '/home/learner/a': 'A\n', '/home/learner/b': 'B\n' });
    expect(await runCommand(tm, ['less', 'a', 'nope', 'b'])).toMatchObject({ status: 1, stdout: 'A\nB\n', stderr: 'nope: No such file or directory\n' });
    expect(await runCommand(tm, ['less'], { stdin: 'piped\n' })).toMatchObject({ status: 0, stdout: 'piped\n' });
  });
});

describe('more', () => {
  it('shows a screenful, then --More--(NN%), space for a page, Enter for a line, and ends at the end', async () => {
    const tm = machineWith({ '/home/learner/f': numbered(10) });
    const v = await runOnPty(['more', 'f'], { tm, columns: 20, rows: 5 });
    expect(v.rows()).toEqual(['line 1', 'line 2', 'line 3', 'line 4', '--More--(39%)']);
    await v.type('\r');
    expect(v.rows()).toEqual(['line 2', 'line 3', 'line 4', 'line 5', '--More--(49%)']);
    await v.type(' ');
    expect(v.rows()).toEqual(['line 6', 'line 7', 'line 8', 'line 9', '--More--(88%)']);
    await v.type(' ');
    expect(await v.exited).toBe(0);
    expect(v.rows().slice(0, 4)).toEqual(['line 7', 'line 8', 'line 9', 'line 10']);
    expect(v.pty.getMode().canonical).toBe(true);
  });

  it('quits with q and searches with /', async () => {
    const tm = machineWith({ '/home/learner/f': numbered(30) });
    const v = await runOnPty(['more', 'f'], { tm, columns: 20, rows: 6 });
    await v.type('/line 20\r');
    expect(v.rows()).toContain('line 20');
    await v.type('q');
    expect(await v.exited).toBe(0);
  });

  it('prints a short file and exits without a prompt', async () => {
    const tm = machineWith({ '/home/learner/f': 'one\ntwo\n' });
    const v = await runOnPty(['more', 'f'], { tm, columns: 20, rows: 5 });
    expect(await v.exited).toBe(0);
    expect(v.rows().slice(0, 3)).toEqual(['one', 'two', '']);
  });

  it('copies with headers between files when output is not a terminal', async () => {
    const tm = machineWith({ '/home/learner/a': 'A\n', '/home/learner/b': 'B\n' });
    expect(await runCommand(tm, ['more', 'a'])).toMatchObject({ status: 0, stdout: 'A\n' });
    expect(await runCommand(tm, ['more', 'a', 'b', 'nope'])).toMatchObject({
      status: 1,
      stdout: '::::::::::::::\na\n::::::::::::::\nA\n::::::::::::::\nb\n::::::::::::::\nB\n',
      stderr: 'more: cannot open nope: No such file or directory\n',
    });
  });
});
