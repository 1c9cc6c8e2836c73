/** nano driven through a Pty. */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../shell/testing/harness';
import { decodeText, encodeText } from '../engine/process/text';
import { runOnPty } from './testing/runOnPty';

function machineWith(files: Record<string, string>) {
  const tm = createTestMachine();
  for (const [p, t] of Object.entries(files)) {
    tm.fs.writeFile(p, encodeText(t), { mode: 0o644 });
    tm.fs.chown(p, 1000, 1000);
  }
  return tm;
}
const read = (tm: ReturnType<typeof createTestMachine>, p: string) => decodeText(tm.fs.readFile(p));

describe('nano', () => {
  it('shows the title bar, the text, the status and the help lines', async () => {
    const tm = machineWith({ '/home/learner/a.txt': 'hello\nworld\n' });
    const v = await runOnPty(['nano', 'a.txt'], { tm, columns: 80, rows: 10 });
    const rows = v.rows();
    expect(rows[0]).toBe('  GNU nano 7.2                       a.txt');
    expect(rows.slice(1, 3)).toEqual(['hello', 'world']);
    expect(rows[7]).toBe('                                [ Read 2 lines ]');
    expect(rows[8]).toBe('^G Help      ^O Write Out ^W Where Is  ^K Cut       ^T Execute   ^C Location');
    expect(rows[9]).toBe('^X Exit      ^R Read File ^\\ Replace   ^U Paste     ^J Justify   ^/ Go To Line');
    await v.type('\x18');
    expect(await v.exited).toBe(0);
    expect(v.screen.inAlternateScreen).toBe(false);
  });

  it('types into a new file and writes it with Ctrl-O, confirming the name', async () => {
    const tm = createTestMachine();
    const v = await runOnPty(['nano', 'notes.txt'], { tm, rows: 10 });
    expect(v.rows()[7]).toContain('[ New File ]');
    await v.type('first line\rsecond');
    expect(v.rows()[0]).toMatch(/notes\.txt +Modified$/);
    await v.type('\x0f');
    expect(v.rows()[7]).toBe('File Name to Write: notes.txt');
    await v.type('\r');
    expect(v.rows()[7]).toContain('[ Wrote 2 lines ]');
    expect(read(tm, '/home/learner/notes.txt')).toBe('first line\nsecond\n');
    await v.type('\x18');
    expect(await v.exited).toBe(0);
  });

  it('asks to save a modified buffer on Ctrl-X', async () => {
    const tm = machineWith({ '/home/learner/f': 'x\n' });
    const v = await runOnPty(['nano', 'f'], { tm, rows: 10 });
    await v.type('\x1b[Fy\x18');
    expect(v.rows()[7]).toBe('Save modified buffer?');
    expect(v.rows()[8]).toMatch(/^ Y Yes/);
    await v.type('y');
    expect(v.rows()[7]).toBe('File Name to Write: f');
    await v.type('\r');
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/f')).toBe('xy\n');
  });

  it('discards changes with Ctrl-X N, and Ctrl-C cancels', async () => {
    const tm = machineWith({ '/home/learner/f': 'keep\n' });
    const v = await runOnPty(['nano', 'f'], { tm, rows: 10 });
    await v.type('zz\x18\x03');
    expect(v.rows()[7]).toContain('[ Cancelled ]');
    await v.type('\x18n');
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/f')).toBe('keep\n');
  });

  it('cuts lines with Ctrl-K (consecutive cuts collect) and pastes with Ctrl-U', async () => {
    const tm = machineWith({ '/home/learner/f': 'a\nb\nc\nd\n' });
    const v = await runOnPty(['nano', 'f'], { tm, rows: 10 });
    await v.type('\x0b\x0b\x1b[B\x15\x0f\r\x18');
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/f')).toBe('c\na\nb\nd\n');
  });

  it('searches with Ctrl-W and reports a missing string', async () => {
    const tm = machineWith({ '/home/learner/f': 'one\ntwo\nthree two\n' });
    const v = await runOnPty(['nano', 'f'], { tm, rows: 10 });
    await v.type('\x17two\r');
    expect([v.screen.row, v.screen.col]).toEqual([2, 0]);
    await v.type('\x17\r');
    expect([v.screen.row, v.screen.col]).toEqual([3, 6]);
    await v.type('\x17nope\r');
    expect(v.rows()[7]).toContain('[ "nope" not found ]');
    await v.type('\x03');
    expect(v.rows()[7]).toContain('[ line 3/4 (75%), col 7/10 (70%), char 14/18 (77%) ]');
    await v.type('\x18');
    await v.exited;
  });

  it('edits with arrows, Home/End, Backspace and Delete', async () => {
    const tm = machineWith({ '/home/learner/f': 'abc\ndef\n' });
    const v = await runOnPty(['nano', 'f'], { tm, rows: 10 });
    await v.type('\x1b[C\x7f\x1b[3~X\x1b[B\x1b[HY\x05Z\x1b[D\x7f');
    await v.type('\x0f\r\x18');
    expect(await v.exited).toBe(0);
    expect(read(tm, '/home/learner/f')).toBe('Xc\nYdeZ\n');
  });

  it('reports a file it cannot write', async () => {
    const tm = machineWith({});
    tm.fs.writeFile('/etc/conf', encodeText('x\n'), { mode: 0o644 });
    const v = await runOnPty(['nano', '/etc/conf'], { tm, rows: 10 });
    expect(v.rows()[7]).toContain("[ File '/etc/conf' is unwritable ]");
    await v.type('y\x0f\r');
    expect(v.rows()[7]).toContain('[ Error writing /etc/conf: Permission denied ]');
    await v.type('\x18n');
    expect(await v.exited).toBe(0);
  });

  it('needs a terminal', async () => {
    const r = await runCommand(createTestMachine(), ['nano', 'f'], { stdin: 'x' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Too many errors from stdin\n');
  });
});
