import { describe, expect, it } from 'vitest';
import { MemFs } from '../fs/MemFs';
import { VirtualClock } from './clock';
import { descriptorOfPath } from './descriptors';
import { Machine } from './Machine';
import { SeededRandom } from './random';
import { CollectingWriter, emptyReader, Pipe, readAll } from './streams';
import { decodeText } from './text';
import type { Descriptors } from './Types';

function machine(): Machine {
  const clock = new VirtualClock(0);
  return new Machine({ rootFs: new MemFs({ now: () => clock.now() }), programs: { get: () => undefined, register: () => {}, names: () => [] }, clock, random: new SeededRandom(1), hostname: 'h' });
}

describe('descriptor paths', () => {
  it('names /dev/fd/N, /proc/self/fd/N and /dev/std{in,out,err}, nothing else', () => {
    expect(['/dev/fd/63', '/proc/self/fd/3', '/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/fd', '/dev/fd/x', '/proc/1/fd/3', '/dev/null'].map(descriptorOfPath)).toEqual([63, 3, 0, 1, 2, null, null, null, null]);
  });

  it('opens the process’s own descriptor as a borrowed view: closing it leaves the pipe to its owner', async () => {
    const m = machine();
    const pipe = new Pipe();
    const w = pipe.writer();
    const out = new CollectingWriter();
    const proc: Descriptors = { stdin: emptyReader, stdout: out, stderr: out, files: new Map([[63, { r: pipe.reader() }]]) };
    const view = m.openRead(m.rootFs, '/dev/fd/63', null, proc);
    await w.write('data');
    view.close();
    w.close();
    expect(decodeText(await readAll(m.openRead(m.rootFs, '/proc/self/fd/63', null, proc)))).toBe('data');
    const stdoutView = m.openWrite(m.rootFs, '/dev/stdout', { append: false, umask: 0o022, tty: null, proc });
    await stdoutView.write('to stdout\n');
    stdoutView.close();
    expect(out.closed).toBe(false);
    expect(out.text()).toBe('to stdout\n');
  });

  it('fails with ENOENT for a descriptor that is not open, and without a process falls back to the file system', () => {
    const m = machine();
    const proc: Descriptors = { stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter() };
    expect(() => m.openRead(m.rootFs, '/dev/fd/4', null, proc)).toThrow(expect.objectContaining({ code: 'ENOENT', path: '/dev/fd/4' }));
    expect(() => m.openRead(m.rootFs, '/dev/stdout', null, proc)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => m.openRead(m.rootFs, '/dev/fd/0', null)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
