import { describe, expect, it } from 'vitest';
import type { Completer } from '../engine/process/Types';
import { formatColumns } from './LineEditor';
import { Pty } from './Pty';
import { Screen } from './testing/Screen';

function setup(columns = 80, rows = 24) {
  const pty = new Pty({ columns, rows });
  const screen = new Screen(columns, rows);
  let raw = '';
  pty.onOutput((s) => {
    raw += s;
    screen.write(s);
  });
  return { pty, screen, raw: () => raw };
}

async function line(pty: Pty, keys: string, options: { prompt?: string; history?: string[]; complete?: Completer } = {}) {
  const r = pty.readLine({ prompt: options.prompt ?? '$ ', history: options.history, complete: options.complete });
  pty.input(keys);
  return r;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('readLine editing', () => {
  it('types a line with minimal output: prompt, characters, CRLF', async () => {
    const { pty, raw } = setup();
    expect(await line(pty, 'echo hi\r')).toEqual({ kind: 'line', text: 'echo hi' });
    expect(raw()).toBe('$ echo hi\r\n');
  });

  it('inserts at the cursor and moves with arrows, Home/End and Ctrl-A/E/B/F', async () => {
    const { pty, screen } = setup();
    const r = await line(pty, 'ac\x1b[Db\x01X\x05Y\x02\x02Z\x06\x1b[H<\x1b[F>\r');
    expect(r).toEqual({ kind: 'line', text: '<XabZcY>' });
    expect(screen.text()[0]).toBe('$ <XabZcY>');
  });

  it('deletes with Backspace, Delete and Ctrl-D in the middle', async () => {
    const { pty, screen } = setup();
    const r = await line(pty, 'abcdef\x1b[D\x1b[D\x7f\x1b[3~\x04\r');
    expect(r).toEqual({ kind: 'line', text: 'abc' });
    expect(screen.text()[0]).toBe('$ abc');
  });

  it('kills with Ctrl-K, Ctrl-U and Ctrl-W, and yanks with Ctrl-Y', async () => {
    const { pty } = setup();
    expect(await line(pty, 'one two three\x17\x17x\r')).toEqual({ kind: 'line', text: 'one x' });
    expect(await line(pty, 'hello world\x01\x06\x06\x06\x06\x06\x0b\r')).toEqual({ kind: 'line', text: 'hello' });
    expect(await line(pty, 'abc def\x1b[D\x1b[D\x1b[D\x15\x05 \x19\r')).toEqual({ kind: 'line', text: 'def abc ' });
  });

  it('Ctrl-D on an empty line is end of input', async () => {
    const { pty } = setup();
    expect(await line(pty, '\x04')).toEqual({ kind: 'eof' });
  });

  it('Ctrl-C prints ^C and a newline and reports an interrupt', async () => {
    const { pty, raw } = setup();
    expect(await line(pty, 'abc\x03')).toEqual({ kind: 'interrupt' });
    expect(raw()).toBe('$ abc^C\r\n');
  });

  it('Ctrl-L clears the screen and redraws prompt and line', async () => {
    const { pty, screen } = setup();
    await pty.write('old output\n');
    const r = line(pty, 'ls -l\x0c');
    await tick();
    expect(screen.text()[0]).toBe('$ ls -l');
    expect(screen.text()[1]).toBe('');
    pty.input('\r');
    expect(await r).toEqual({ kind: 'line', text: 'ls -l' });
  });

  it('word moves with Alt-b/Alt-f and kills a word with Alt-d', async () => {
    const { pty } = setup();
    expect(await line(pty, 'foo bar baz\x1bb\x1bb\x1bdqux\r')).toEqual({ kind: 'line', text: 'foo qux baz' });
  });

  it('draws a prompt that has escape codes and invisible markers and a newline', async () => {
    const { pty, screen } = setup();
    await line(pty, 'x\r', { prompt: '\x01\x1b[32m\x02user\x01\x1b[0m\x02\n> ' });
    expect(screen.text().slice(0, 2)).toEqual(['user', '> x']);
  });
});

describe('readLine history', () => {
  it('recalls with Up/Down and appends accepted non-empty lines', async () => {
    const { pty } = setup();
    const history = ['first', 'second'];
    expect(await line(pty, '\x1b[A\x1b[A\r', { history })).toEqual({ kind: 'line', text: 'first' });
    expect(history).toEqual(['first', 'second', 'first']);
    expect(await line(pty, '   \r', { history })).toEqual({ kind: 'line', text: '   ' });
    expect(history).toHaveLength(3);
  });

  it('editing a recalled line leaves the history entry intact', async () => {
    const { pty, screen } = setup();
    const history = ['echo one'];
    expect(await line(pty, '\x1b[A\x7f\x7f\x7ftwo\r', { history })).toEqual({ kind: 'line', text: 'echo two' });
    expect(history).toEqual(['echo one', 'echo two']);
    // Going down past the end brings back what was being typed.
    expect(await line(pty, 'draft\x1b[A\x1b[B\r', { history })).toEqual({ kind: 'line', text: 'draft' });
    expect(screen.text().filter((l) => l.startsWith('$ '))).toEqual(['$ echo two', '$ draft']);
  });
});

describe('readLine completion', () => {
  const words = ['build', 'buildx', 'builder', 'pull', 'push'];
  const complete: Completer = (l, cursor) => {
    const start = l.lastIndexOf(' ', cursor - 1) + 1;
    const w = l.slice(start, cursor);
    return { start, candidates: words.filter((c) => c.startsWith(w)) };
  };

  it('inserts a unique candidate and a space', async () => {
    const { pty } = setup();
    expect(await line(pty, 'docker pul\t\r', { complete })).toEqual({ kind: 'line', text: 'docker pull ' });
  });

  it('completes the common prefix, then lists on the second Tab and redraws', async () => {
    const { pty, screen } = setup();
    const r = line(pty, 'docker pu\t', { complete });
    await tick();
    expect(screen.text()[0]).toBe('$ docker pu');
    pty.input('\t');
    await tick();
    expect(screen.text().slice(0, 3)).toEqual(['$ docker pu', 'pull  push', '$ docker pu']);
    pty.input('s\t\r');
    expect(await r).toEqual({ kind: 'line', text: 'docker push ' });
  });

  it('inserts the common prefix of several candidates on the first Tab', async () => {
    const { pty } = setup();
    expect(await line(pty, 'docker b\t\r', { complete })).toEqual({ kind: 'line', text: 'docker build' });
  });

  it('does not add a space after a directory and shows file names by their last component', async () => {
    const { pty, screen } = setup();
    const files: Completer = () => ({ start: 3, candidates: ['/usr/bin/', '/usr/lib/'] });
    const r = line(pty, 'ls /usr/\t\t', { complete: files });
    await tick();
    expect(screen.text()[1]).toBe('bin/  lib/');
    pty.input('\x03');
    expect(await r).toEqual({ kind: 'interrupt' });
    const one: Completer = () => ({ start: 3, candidates: ['/usr/bin/'] });
    expect(await line(pty, 'ls /u\t\r', { complete: one })).toEqual({ kind: 'line', text: 'ls /usr/bin/' });
  });

  it('lays out lists in columns like readline', () => {
    const items = Array.from({ length: 7 }, (_, i) => `item${i}`);
    // Columns are 7 wide (longest + 2): two fit in 20.
    expect(formatColumns(items, 20)).toBe('item0  item4\r\nitem1  item5\r\nitem2  item6\r\nitem3\r\n');
    expect(formatColumns(items, 22)).toBe('item0  item3  item6\r\nitem1  item4\r\nitem2  item5\r\n');
  });
});

describe('readLine paste', () => {
  it('takes a multi-line paste as typed: each newline submits, the rest waits for the next readLine', async () => {
    const { pty, screen } = setup();
    const r1 = line(pty, '\x1b[200~echo a\recho b\r\x1b[201~');
    expect(await r1).toEqual({ kind: 'line', text: 'echo a' });
    const r2 = pty.readLine({ prompt: '$ ' });
    expect(await r2).toEqual({ kind: 'line', text: 'echo b' });
    expect(screen.text().slice(0, 2)).toEqual(['$ echo a', '$ echo b']);
  });

  it('does not run control keys inside a paste', async () => {
    const { pty } = setup();
    const r = line(pty, '\x1b[200~a\tb\x03c\x1b[201~\r', { complete: () => ({ start: 0, candidates: ['zzz'] }) });
    expect(await r).toEqual({ kind: 'line', text: 'a\tbc' });
  });

  it('a paste reaching a canonical reader is plain typing', async () => {
    const { pty } = setup();
    pty.input('\x1b[200~one\rtwo\x1b[201~\r');
    expect(new TextDecoder().decode((await pty.read())!)).toBe('one\n');
    expect(new TextDecoder().decode((await pty.read())!)).toBe('two\n');
  });
});

describe('readLine wrapping and wide characters', () => {
  it('wraps long lines and edits across the wrap', async () => {
    const { pty, screen } = setup(10, 5);
    const r = line(pty, 'abcdefghijkl');
    await tick();
    expect(screen.text().slice(0, 2)).toEqual(['$ abcdefgh', 'ijkl']);
    pty.input('\x01X');
    await tick();
    expect(screen.text().slice(0, 2)).toEqual(['$ Xabcdefg', 'hijkl']);
    pty.input('\x05\x7f\x7f\x7f\x7f\x7f\x7f');
    await tick();
    expect(screen.text().slice(0, 2)).toEqual(['$ Xabcdef', '']);
    pty.input('\r');
    expect(await r).toEqual({ kind: 'line', text: 'Xabcdef' });
  });

  it('handles a line that exactly fills the row', async () => {
    const { pty, screen, raw } = setup(10, 5);
    expect(await line(pty, 'abcdefgh\r')).toEqual({ kind: 'line', text: 'abcdefgh' });
    expect(raw()).toBe('$ abcdefgh\r\n');
    await pty.write('next\n');
    expect(screen.text().slice(0, 2)).toEqual(['$ abcdefgh', 'next']);
  });

  it('puts CJK characters in two cells and wraps one that does not fit', async () => {
    const { pty, screen } = setup(10, 5);
    const r = line(pty, '日本語です');
    await tick();
    // 2 + 4*2 = 10 cells fill the first row; the fifth character wraps.
    expect(screen.text().slice(0, 2)).toEqual(['$ 日本語で', 'す']);
    pty.input('\x1b[D\x1b[D\x7f');
    await tick();
    expect(screen.text().slice(0, 2)).toEqual(['$ 日本です', '']);
    expect([screen.row, screen.col]).toEqual([0, 6]);
    pty.input('\r');
    expect(await r).toEqual({ kind: 'line', text: '日本です' });
  });

  it('starts the prompt after output that did not end in a newline', async () => {
    const { pty, screen } = setup(10, 5);
    await pty.write('abcd');
    const r = line(pty, '1234567');
    await tick();
    expect(screen.text().slice(0, 2)).toEqual(['abcd$ 1234', '567']);
    pty.input('\x01\x7f\x1b[3~');
    await tick();
    expect(screen.text().slice(0, 2)).toEqual(['abcd$ 2345', '67']);
    pty.input('\r');
    expect(await r).toEqual({ kind: 'line', text: '234567' });
  });
});

describe('readLine and end of input', () => {
  it('returns eof when input ends', async () => {
    const { pty } = setup();
    const r = pty.readLine({ prompt: '$ ' });
    pty.endInput();
    expect(await r).toEqual({ kind: 'eof' });
  });

  it('serialises concurrent readLine calls', async () => {
    const { pty } = setup();
    const a = pty.readLine({ prompt: 'a> ' });
    const b = pty.readLine({ prompt: 'b> ' });
    pty.input('1\r2\r');
    expect(await a).toEqual({ kind: 'line', text: '1' });
    expect(await b).toEqual({ kind: 'line', text: '2' });
  });
});

describe('readLine reverse search (Ctrl-R)', () => {
  const history = () => ['ls -l', 'echo hello', 'cat file'];

  it('finds the newest matching line as the pattern is typed, Enter runs it', async () => {
    const { pty, screen } = setup();
    const r = line(pty, '\x12ec', { history: history() });
    await tick();
    expect(screen.text()[0]).toBe("(reverse-i-search)`ec': echo hello");
    pty.input('\r');
    expect(await r).toEqual({ kind: 'line', text: 'echo hello' });
  });

  it('Ctrl-R again goes to older matches; another key ends the search and edits the line', async () => {
    const { pty, screen } = setup();
    const r = line(pty, '\x12l', { history: history() });
    await tick();
    expect(screen.text()[0]).toBe("(reverse-i-search)`l': cat file");
    pty.input('\x12\x12');
    await tick();
    expect(screen.text()[0]).toBe("(reverse-i-search)`l': ls -l");
    pty.input('\x05a\r');
    expect(await r).toEqual({ kind: 'line', text: 'ls -la' });
    expect(screen.text()[0]).toBe('$ ls -la');
  });

  it('shows a failed search, and Ctrl-G restores the line', async () => {
    const { pty, screen } = setup();
    const r = line(pty, 'draft\x12zz', { history: history() });
    await tick();
    expect(screen.text()[0]).toBe("(failed reverse-i-search)`zz': draft");
    pty.input('\x07');
    await tick();
    expect(screen.text()[0]).toBe('$ draft');
    pty.input('\r');
    expect(await r).toEqual({ kind: 'line', text: 'draft' });
  });
});

describe('readLine and resize', () => {
  it('redraws prompt and line from the input row for the new width', async () => {
    const pty = new Pty({ columns: 40, rows: 5 });
    let after = '';
    let resized = false;
    pty.onOutput((d) => {
      if (resized) after += d;
    });
    const r = pty.readLine({ prompt: '$ ' });
    pty.input('echo hello world');
    await tick();
    resized = true;
    pty.resize(12, 5);
    pty.input('\x01X');
    await tick();
    // The narrower terminal still shows the old row (a terminal does not reflow the cursor's row on shrink in
    // this model); the editor starts from column 0 of it and draws the line wrapped at 12.
    const screen = new Screen(12, 5);
    screen.write('$ echo hello'); // what the old row shows within 12 columns
    screen.write('\r');
    screen.write(after.replace(/^\r/, ''));
    expect(screen.text().slice(0, 2)).toEqual(['$ Xecho hell', 'o world']);
    pty.input('\r');
    expect(await r).toEqual({ kind: 'line', text: 'Xecho hello world' });
  });
});
