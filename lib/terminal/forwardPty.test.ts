import { describe, expect, it } from 'vitest';
import { createInnerPty, forwardPty } from './forwardPty';
import { Pty } from './Pty';
import { Screen } from './testing/Screen';

/** A fake container shell on `pty`: echoes commands as `ran: <line>`, `exit` ends it (hangs up the pty). */
async function fakeShell(pty: Pty, prompt = '# '): Promise<string[]> {
  const ran: string[] = [];
  while (true) {
    const r = await pty.readLine({ prompt });
    if (r.kind === 'interrupt') {
      ran.push('^C');
      continue;
    }
    if (r.kind === 'eof' || r.text === 'exit') break;
    ran.push(r.text);
    await pty.write(`ran: ${r.text}\n`);
  }
  pty.hangup();
  return ran;
}

function outerSetup(echo = true) {
  const outer = new Pty({ columns: 80, rows: 24, echo });
  const screen = new Screen(80, 24);
  let raw = '';
  outer.onOutput((s) => {
    raw += s;
    screen.write(s);
  });
  return { outer, screen, raw: () => raw };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('forwardPty', () => {
  it('pipes keys in and output out until the inner session ends, then restores the outer mode', async () => {
    const { outer, screen } = outerSetup();
    const inner = createInnerPty(outer);
    const shell = fakeShell(inner);
    const done = forwardPty(outer, inner);
    expect(outer.getMode()).toEqual({ canonical: false, echo: false, isig: false });
    outer.input('ls\r');
    await tick();
    outer.input('exit\r');
    expect(await done).toBe('ended');
    expect(await shell).toEqual(['ls']);
    expect(outer.getMode()).toEqual({ canonical: true, echo: true, isig: true });
    expect(screen.text().slice(0, 3)).toEqual(['# ls', 'ran: ls', '# exit']);
  });

  it('detaches on Ctrl-P Ctrl-Q and leaves later keys to the outer terminal', async () => {
    const { outer } = outerSetup();
    const inner = createInnerPty(outer);
    const shell = fakeShell(inner);
    const done = forwardPty(outer, inner, { detachKeys: '\x10\x11' });
    outer.input('top\r\x10\x11after\r');
    expect(await done).toBe('detached');
    const next = await outer.readLine({ prompt: '$ ' });
    expect(next).toEqual({ kind: 'line', text: 'after' });
    // The inner session keeps running, detached.
    inner.input('exit\r');
    expect(await shell).toEqual(['top']);
  });

  it('passes on a Ctrl-P that does not start the detach sequence, and Ctrl-C as a key', async () => {
    const { outer } = outerSetup();
    const inner = createInnerPty(outer);
    const history = ['previous'];
    const got: string[] = [];
    const loop = (async () => {
      const a = await inner.readLine({ prompt: '# ', history });
      got.push(a.kind === 'line' ? a.text : a.kind);
      const b = await inner.readLine({ prompt: '# ' });
      got.push(b.kind);
      inner.hangup();
    })();
    const done = forwardPty(outer, inner);
    outer.input('\x10');
    await tick();
    outer.input('x\r\x03');
    expect(await done).toBe('ended');
    await loop;
    // Ctrl-P recalled history, then x was typed after it.
    expect(got).toEqual(['previousx', 'interrupt']);
  });

  it('feeds a typed-ahead script line by line: the nested session takes its lines, the rest reaches the outer shell', async () => {
    const { outer, screen } = outerSetup();
    const lines = ['docker run -it alpine', 'echo inside', 'exit', 'echo outside'];
    outer.onInputWanted(() => {
      const l = lines.shift();
      if (l === undefined) outer.endInput();
      else outer.input(l + '\r');
    });
    const outerRan: string[] = [];
    let innerRan: string[] = [];
    while (true) {
      const r = await outer.readLine({ prompt: '$ ' });
      if (r.kind !== 'line') break;
      outerRan.push(r.text);
      if (r.text.startsWith('docker run')) {
        const inner = createInnerPty(outer);
        const shell = fakeShell(inner);
        expect(await forwardPty(outer, inner)).toBe('ended');
        innerRan = await shell;
      } else await outer.write(`out: ${r.text}\n`);
    }
    expect(outerRan).toEqual(['docker run -it alpine', 'echo outside']);
    expect(innerRan).toEqual(['echo inside']);
    expect(screen.toString()).toBe(['$ docker run -it alpine', '# echo inside', 'ran: echo inside', '# exit', '$ echo outside', 'out: echo outside', '$'].join('\n'));
  });

  it('a quiet outer terminal makes a quiet inner one', async () => {
    const { outer, raw } = outerSetup(false);
    const inner = createInnerPty(outer);
    expect(inner.echoes).toBe(false);
    const shell = fakeShell(inner);
    const done = forwardPty(outer, inner);
    outer.input('hello\rexit\r');
    await done;
    await shell;
    expect(raw()).toBe('ran: hello\r\n');
  });

  it('end of input on the outer terminal ends the inner session', async () => {
    const { outer } = outerSetup();
    const inner = createInnerPty(outer);
    const shell = fakeShell(inner);
    const done = forwardPty(outer, inner);
    outer.input('one\r');
    outer.endInput();
    expect(await done).toBe('ended');
    expect(await shell).toEqual(['one']);
  });

  it('passes resizes on and stops when `until` settles', async () => {
    const { outer } = outerSetup();
    const inner = new Pty({ columns: 10, rows: 5 });
    let finish!: () => void;
    const until = new Promise<void>((r) => (finish = r));
    const done = forwardPty(outer, inner, { until });
    expect([inner.columns, inner.rows]).toEqual([80, 24]);
    outer.resize(100, 40);
    expect([inner.columns, inner.rows]).toEqual([100, 40]);
    finish();
    expect(await done).toBe('ended');
    // The outer terminal reads normally again: nothing is left waiting on it.
    const r = outer.read();
    outer.input('x\r');
    expect(new TextDecoder().decode((await r)!)).toBe('x\n');
  });
});
