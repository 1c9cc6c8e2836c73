import { describe, expect, it } from 'vitest';
import { Pipe, PIPE_CAPACITY, bytesReader, readAll, readLineFrom, readLines, CollectingWriter } from './streams';
import { SignalExit, type ProcessSignals, type Signal } from './Types';
import { decodeText } from './text';

function fakeSignals(): ProcessSignals & { send(sig: Signal): void } {
  const listeners = new Set<(s: Signal) => void>();
  const self = {
    terminating: null as Signal | null,
    check() {
      if (self.terminating) throw new SignalExit(self.terminating);
    },
    setDisposition() {},
    getDisposition: () => 'default' as const,
    onSignal(l: (s: Signal) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    send(sig: Signal) {
      self.terminating = sig;
      for (const l of [...listeners]) l(sig);
    },
  };
  return self;
}

describe('Pipe', () => {
  it('delivers chunks in order and ends when every writer closes', async () => {
    const p = new Pipe();
    const w1 = p.writer();
    const w2 = p.writer();
    const r = p.reader();
    await w1.write('a');
    await w2.write('b');
    w1.close();
    const got: string[] = [];
    const reading = (async () => {
      for (let c = await r.read(); c !== null; c = await r.read()) got.push(decodeText(c));
    })();
    await w2.write('c');
    w2.close();
    await reading;
    expect(got.join('')).toBe('abc');
  });

  it('applies back-pressure when full and resumes when the reader drains', async () => {
    const p = new Pipe();
    const w = p.writer();
    const r = p.reader();
    await w.write(new Uint8Array(PIPE_CAPACITY));
    let second = false;
    const pending = w.write('x').then(() => (second = true));
    await new Promise((res) => setTimeout(res, 5));
    expect(second).toBe(false);
    await r.read();
    await pending;
    expect(second).toBe(true);
  });

  it('rejects writes with SIGPIPE once the reader has closed (yes | head)', async () => {
    const p = new Pipe();
    const w = p.writer();
    const r = p.reader();
    r.close();
    await expect(w.write('y\n')).rejects.toMatchObject({ signal: 'SIGPIPE' });
  });

  it('wakes a writer blocked on a full pipe when the reader closes', async () => {
    const p = new Pipe();
    const w = p.writer();
    const r = p.reader();
    await w.write(new Uint8Array(PIPE_CAPACITY));
    const blocked = w.write('more');
    r.close();
    await expect(blocked).rejects.toBeInstanceOf(SignalExit);
  });

  it('a signal interrupts a blocked reader', async () => {
    const p = new Pipe();
    p.writer();
    const sig = fakeSignals();
    const r = p.reader(sig);
    const reading = r.read();
    sig.send('SIGINT');
    await expect(reading).rejects.toMatchObject({ signal: 'SIGINT', status: 130 });
  });

  it('unread puts bytes back in front', async () => {
    const p = new Pipe();
    const w = p.writer();
    const r = p.reader();
    await w.write('one\ntwo\n');
    w.close();
    const line = await readLineFrom(r);
    expect(decodeText(line!)).toBe('one\n');
    expect(decodeText(await readAll(r))).toBe('two\n');
  });
});

describe('readers', () => {
  it('readLines splits across chunk boundaries and keeps a last line without newline', async () => {
    const lines: string[] = [];
    for await (const { line } of readLines(bytesReader('ab\ncd\nef', 3))) lines.push(line);
    expect(lines).toEqual(['ab', 'cd', 'ef']);
  });

  it('readLines decodes multi-byte UTF-8 split between chunks', async () => {
    const lines: string[] = [];
    for await (const { line } of readLines(bytesReader('镜像层\n', 2))) lines.push(line);
    expect(lines).toEqual(['镜像层']);
  });

  it('readLineFrom returns null at end and a final partial line', async () => {
    const r = bytesReader('x\ny');
    expect(decodeText((await readLineFrom(r))!)).toBe('x\n');
    expect(decodeText((await readLineFrom(r))!)).toBe('y');
    expect(await readLineFrom(r)).toBeNull();
  });

  it('CollectingWriter collects text', async () => {
    const w = new CollectingWriter();
    await w.write('a');
    await w.write(new Uint8Array([98]));
    expect(w.text()).toBe('ab');
  });
});
