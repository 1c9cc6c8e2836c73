/** vi driven through a Pty (here, above lib/shell, so the test may use the terminal). */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../shell/testing/harness';
import { decodeText, encodeText } from '../engine/process/text';
import { runOnPty } from './testing/runOnPty';

const ESC = '\x1b';

function machineWith(files: Record<string, string>) {
  const tm = createTestMachine();
  for (const [p, t] of Object.entries(files)) {
    tm.fs.writeFile(p, encodeText(t), { mode: 0o644 });
    tm.fs.chown(p, 1000, 1000);
  }
  return tm;
}

const read = (tm: ReturnType<typeof createTestMachine>, p: string) => decodeText(tm.fs.readFile(p));

describe('vi on a terminal', () => {
  it('opens a file full-screen with ~ past the end and Vim\'s file message', async () => {
    const tm = machineWith({ '/home/learner/a.txt': 'one\ntwo\n' });
    const v = await runOnPty(['vi', 'a.txt'], { tm, columns: 40, rows: 6 });
    expect(v.screen.inAlternateScreen).toBe(true);
    expect(v.rows()).toEqual(['one', 'two', '~', '~', '~', '"a.txt" 2L, 8B        1,1           All']);
    await v.type(':q\r');
    expect(await v.exited).toBe(0);
    expect(v.screen.inAlternateScreen).toBe(false);
    expect(v.pty.getMode()).toEqual({ canonical: true, echo: true, isig: true });
  });

  it('creates a new file: insert mode, Esc, :wq', async () => {
    const tm = createTestMachine();
    const v = await runOnPty(['vi', 'new.txt'], { tm, columns: 40, rows: 6 });
    expect(v.rows()[5]).toMatch(/^"new.txt" \[New\]/);
    await v.type('ihello world');
    expect(v.rows()[0]).toBe('hello world');
    expect(v.rows()[5]).toMatch(/^-- INSERT --/);
    await v.type(`\rsecond${ESC}:wq\r`);
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/new.txt')).toBe('hello world\nsecond\n');
    expect(tm.fs.stat('/home/learner/new.txt')).toMatchObject({ uid: 1000, mode: 0o644 });
  });

  it('edits with x, dd, yy, p, o, O, a, A, I, J, r and moves with h j k l 0 $ w b G gg', async () => {
    const tm = machineWith({ '/home/learner/f': 'alpha beta\ngamma\ndelta\n' });
    const v = await runOnPty(['vi', 'f'], { tm });
    await v.type('x'); // lpha beta
    await v.type('$x'); // lpha bet
    await v.type('0wiB '); // lpha B bet
    await v.type(`${ESC}jddk`); // removes gamma; back on line 1
    await v.type(`yyGp`); // copies line 1 after delta
    await v.type(`ggOtop${ESC}`);
    await v.type(`Go${ESC}Aend${ESC}`);
    await v.type(`ggjA!${ESC}Ibegin ${ESC}`);
    await v.type(`gg0rTJ`);
    await v.type(':w\r');
    expect(read(tm, '/home/learner/f')).toBe('Top begin lpha B bet!\ndelta\nlpha B bet\nend\n');
    expect(v.rows()[23]).toMatch(/^"f" 4L, 43B written/);
    await v.type(':q\r');
    expect(await v.exited).toBe(0);
  });

  it('counts, dw, cw, D, u and Ctrl-R', async () => {
    const tm = machineWith({ '/home/learner/f': 'a b c d e\n1\n2\n3\n4\n' });
    const v = await runOnPty(['vi', 'f'], { tm });
    await v.type('2dw'); // c d e
    await v.type('cwX'); // X d e
    await v.type(`${ESC}wD`); // X
    await v.type('j2dd'); // X 3 4
    await v.type('u'); // X 1 2 3 4
    await v.type('u\x12'); // undo twice then redo once
    await v.type(':wq\r');
    expect(read(tm, '/home/learner/f')).toBe('X \n1\n2\n3\n4\n');
    expect(await v.exited).toBe(0);
  });

  it('refuses :q with unsaved changes and quits with :q!', async () => {
    const tm = machineWith({ '/home/learner/f': 'keep\n' });
    const v = await runOnPty(['vi', 'f'], { tm, columns: 60, rows: 5 });
    await v.type('dd:q\r');
    expect(v.rows()[4]).toBe('E37: No write since last change (add ! to override)');
    await v.type(':q!\r');
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/f')).toBe('keep\n');
  });

  it('ZZ writes and quits', async () => {
    const tm = machineWith({ '/home/learner/f': 'x\n' });
    const v = await runOnPty(['vi', 'f'], { tm });
    await v.type('ccy\x1bZZ');
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/f')).toBe('y\n');
  });

  it('searches with / and n, wrapping around, and reports a missing pattern', async () => {
    const tm = machineWith({ '/home/learner/f': 'foo\nbar\nfoo bar\n' });
    const v = await runOnPty(['vi', 'f'], { tm, columns: 60, rows: 6 });
    await v.type('/bar\r');
    expect([v.screen.row, v.screen.col]).toEqual([1, 0]);
    await v.type('n');
    expect([v.screen.row, v.screen.col]).toEqual([2, 4]);
    await v.type('n');
    expect(v.rows()[5]).toMatch(/^search hit BOTTOM, continuing at TOP/);
    expect([v.screen.row, v.screen.col]).toEqual([1, 0]);
    await v.type('/nothere\r');
    expect(v.rows()[5]).toMatch(/^E486: Pattern not found: nothere/);
    await v.type(':q\r');
    await v.exited;
  });

  it('wraps long lines and scrolls to keep the cursor visible', async () => {
    const long = 'x'.repeat(25);
    const tm = machineWith({ '/home/learner/f': `${long}\n` + Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n' });
    const v = await runOnPty(['vi', 'f'], { tm, columns: 20, rows: 5 });
    expect(v.rows().slice(0, 4)).toEqual(['x'.repeat(20), 'xxxxx', 'line 1', 'line 2']);
    await v.type('G');
    expect(v.rows()[3]).toBe('line 10');
    expect(v.screen.row).toBe(3);
    await v.type(':q\r');
    await v.exited;
  });

  it('reports a file it cannot write and a bad command', async () => {
    const tm = machineWith({});
    tm.fs.writeFile('/etc/motd', encodeText('hi\n'), { mode: 0o644 });
    const v = await runOnPty(['vi', '/etc/motd'], { tm, columns: 60, rows: 5 });
    expect(v.rows()[4]).toMatch(/^"\/etc\/motd" \[readonly\] 1L, 3B/);
    await v.type('x:w\r');
    expect(v.rows()[4]).toBe('"/etc/motd" E212: Can\'t open file for writing');
    await v.type(':frob\r');
    expect(v.rows()[4]).toMatch(/^E492: Not an editor command: frob/);
    await v.type(':q!\r');
    expect(await v.exited).toBe(0);
  });

  it('takes a bracketed paste in insert mode as text', async () => {
    const tm = createTestMachine();
    const v = await runOnPty(['vi', 'p.txt'], { tm });
    await v.type(`i\x1b[200~line 1\rline 2\x1b[201~${ESC}:wq\r`);
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/p.txt')).toBe('line 1\nline 2\n');
  });

  it('restores the terminal when killed', async () => {
    const tm = createTestMachine();
    const v = await runOnPty(['vi', 'k.txt'], { tm });
    const pid = tm.machine.processes().find((p) => p.argv[0] === 'vi')!.pid;
    tm.machine.kill(pid, 'SIGTERM', { uid: 0, gid: 0, groups: [0] });
    expect(await v.exited).toBe(143);
    expect(v.screen.inAlternateScreen).toBe(false);
    expect(v.pty.getMode().canonical).toBe(true);
  });
});

describe('vi without a terminal', () => {
  it('takes keys from stdin and warns, instead of hanging', async () => {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['vi', 'out.txt'], { stdin: 'ihello\x1b:wq\n' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n');
    expect(read(tm, '/home/learner/out.txt')).toBe('hello\n');
  });

  it('exits with an error when stdin ends without a quit', async () => {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['vi', 'x.txt'], { stdin: 'ihello' });
    expect(r.status).toBe(1);
    // Real Vim writes this on its screen (stdout), after the warnings on stderr; the buffer was modified.
    expect(r.stdout).toBe('Vim: Error reading input, exiting...\nVim: preserving files...\nVim: Finished.\r\n');
  });
});
