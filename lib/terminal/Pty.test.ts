import { describe, expect, it } from 'vitest';
import { SignalExit, type Signal } from '../engine/process/Types';
import { decodeText } from '../engine/process/text';
import { Pty } from './Pty';
import { Screen } from './testing/Screen';

function setup(options: { columns?: number; rows?: number; echo?: boolean } = {}) {
  const pty = new Pty(options);
  const screen = new Screen(options.columns ?? 80, options.rows ?? 24);
  let raw = '';
  pty.onOutput((s) => {
    raw += s;
    screen.write(s);
  });
  return { pty, screen, raw: () => raw };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
const text = (b: Uint8Array | null) => (b === null ? null : decodeText(b));

describe('Pty output', () => {
  it('shows \\n as \\r\\n but leaves \\r\\n alone', async () => {
    const { pty, raw } = setup();
    await pty.write('a\nb\r\nc\r');
    await pty.write('\nd');
    expect(raw()).toBe('a\r\nb\r\nc\r\nd');
  });

  it('holds output until the first listener subscribes', async () => {
    const pty = new Pty();
    await pty.write('early\n');
    let got = '';
    pty.onOutput((s) => (got += s));
    expect(got).toBe('early\r\n');
  });

  it('decodes UTF-8 split across writes', async () => {
    const { pty, raw } = setup();
    const bytes = new TextEncoder().encode('日本');
    await pty.write(bytes.slice(0, 2));
    await pty.write(bytes.slice(2));
    expect(raw()).toBe('日本');
  });
});

describe('canonical mode', () => {
  it('returns a line after backspace and Ctrl-U editing, echoing as it goes', async () => {
    const { pty, screen } = setup();
    const r = pty.read();
    pty.input('helo\x7f\x7flo wor\x15bye\r');
    expect(text(await r)).toBe('bye\n');
    expect(screen.text()[0]).toBe('bye');
  });

  it('buffers type-ahead for the next reader, one line per read', async () => {
    const { pty } = setup();
    pty.input('one\rtwo\r');
    expect(text(await pty.read())).toBe('one\n');
    expect(text(await pty.read())).toBe('two\n');
  });

  it('Ctrl-D: end of input on an empty line, the partial line otherwise', async () => {
    const { pty } = setup();
    pty.input('ab\x04\x04');
    expect(text(await pty.read())).toBe('ab');
    expect(await pty.read()).toBeNull();
  });

  it('echoes control characters as ^X and erases wide characters by two cells', async () => {
    const { pty, screen, raw } = setup();
    const r = pty.read();
    pty.input('日\x7fx\x1b[A\r');
    expect(text(await r)).toBe('x\x1b[A\n');
    expect(raw()).toContain('\b \b\b \b');
    expect(screen.text()[0]).toBe('x^[[A');
  });

  it('does not echo when echo is off', async () => {
    const { pty, raw } = setup();
    pty.setMode({ echo: false });
    const r = pty.read();
    pty.input('secret\r');
    expect(text(await r)).toBe('secret\n');
    expect(raw()).toBe('');
  });

  it('sees end of input after endInput once the buffer is used up', async () => {
    const { pty } = setup();
    pty.input('last');
    pty.endInput();
    expect(text(await pty.read())).toBe('last');
    expect(await pty.read()).toBeNull();
  });
});

describe('raw mode', () => {
  it('hands over bytes as they come, without translation', async () => {
    const { pty, raw } = setup();
    pty.setMode({ canonical: false, echo: false, isig: false });
    const r = pty.read();
    pty.input('a\r\x03\x1b[A');
    expect(text(await r)).toBe('a\r\x03\x1b[A');
    expect(raw()).toBe('');
  });
});

describe('signals', () => {
  function fg() {
    const got: Signal[] = [];
    return { got, group: { deliver: (s: Signal) => void got.push(s) } };
  }

  it('Ctrl-C sends SIGINT to the foreground group, prints ^C and interrupts a blocked read', async () => {
    const { pty, raw } = setup();
    const f = fg();
    pty.setForeground(f.group);
    const r = pty.read();
    pty.input('partial');
    await tick();
    pty.input('\x03');
    await expect(r).rejects.toBeInstanceOf(SignalExit);
    expect(f.got).toEqual(['SIGINT']);
    expect(raw()).toBe('partial^C');
  });

  it('acts on Ctrl-C even when nobody reads, dropping the input typed before it', async () => {
    const { pty } = setup();
    const f = fg();
    pty.setForeground(f.group);
    pty.input('typed ahead\r\x03after\r');
    expect(f.got).toEqual(['SIGINT']);
    expect(text(await pty.read())).toBe('after\n');
  });

  it('Ctrl-\\ sends SIGQUIT', () => {
    const { pty } = setup();
    const f = fg();
    pty.setForeground(f.group);
    pty.input('\x1c');
    expect(f.got).toEqual(['SIGQUIT']);
  });

  it('keeps Ctrl-C as a byte when isig is off', async () => {
    const { pty } = setup();
    const f = fg();
    pty.setForeground(f.group);
    pty.setMode({ canonical: false, isig: false, echo: false });
    pty.input('\x03');
    expect(f.got).toEqual([]);
    expect(text(await pty.read())).toBe('\x03');
  });

  it('a Ctrl-C typed ahead reaches a job that becomes foreground later', () => {
    const { pty } = setup();
    pty.input('\x03');
    const f = fg();
    pty.setForeground(f.group);
    expect(f.got).toEqual(['SIGINT']);
  });
});

describe('quiet terminal', () => {
  it('echoes nothing and draws no prompt, but shows program output', async () => {
    const { pty, raw } = setup({ echo: false });
    const line = pty.readLine({ prompt: '$ ' });
    pty.input('echo hi\r');
    expect(await line).toEqual({ kind: 'line', text: 'echo hi' });
    const r = pty.read();
    pty.input('typed\r');
    expect(text(await r)).toBe('typed\n');
    await pty.write('out\n');
    expect(raw()).toBe('out\r\n');
  });
});

describe('input demand', () => {
  it('tells when a reader waits with nothing buffered', async () => {
    const { pty } = setup();
    let wants = 0;
    pty.onInputWanted(() => wants++);
    expect(pty.wantsInput).toBe(false);
    const r = pty.read();
    await tick();
    expect(wants).toBe(1);
    expect(pty.wantsInput).toBe(true);
    pty.input('x\r');
    await r;
    expect(pty.wantsInput).toBe(false);
  });
});

describe('resize', () => {
  it('reports new sizes to listeners', () => {
    const { pty } = setup();
    const seen: Array<[number, number]> = [];
    const off = pty.onResize((c, r) => seen.push([c, r]));
    pty.resize(100, 30);
    off();
    pty.resize(90, 20);
    expect(seen).toEqual([[100, 30]]);
    expect([pty.columns, pty.rows]).toEqual([90, 20]);
  });
});
