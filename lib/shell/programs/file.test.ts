import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
const enc = (s: string) => new TextEncoder().encode(s);
tm.fs.mkdir('/tmp/f', 0o777);
const files: Record<string, string | Uint8Array> = {
  's.sh': '#!/bin/sh\necho\n',
  'b.sh': '#!/bin/bash\n',
  'p.py': '#!/usr/bin/env python3\n',
  'j.json': '{"a":1}\n',
  u: 'h\u00e9llo\n',
  nn: 'no nl',
  crlf: 'a\r\nb\r\n',
  bin: Uint8Array.from([0, 1, 2]),
  e: '',
};
for (const [n, c] of Object.entries(files)) tm.fs.writeFile(`/tmp/f/${n}`, typeof c === 'string' ? enc(c) : c, { mode: n.endsWith('.sh') ? 0o755 : 0o644 });
tm.fs.symlink('nope', '/tmp/f/broken');
const run = (argv: string[]) => runCommand(tm, argv, { cwd: '/tmp/f' });

describe('file', () => {
  it('describes common kinds of files', async () => {
    const r = await run(['file', 's.sh', 'b.sh', 'p.py', 'j.json', 'u', 'nn', 'crlf', 'bin', 'e', 'broken', '/dev/null', '/tmp', 'nope']);
    expect(r.stdout).toBe(
      [
        's.sh:      POSIX shell script, ASCII text executable',
        'b.sh:      Bourne-Again shell script, ASCII text executable',
        'p.py:      Python script, ASCII text',
        'j.json:    JSON text data',
        'u:         Unicode text, UTF-8 text',
        'nn:        ASCII text, with no line terminators',
        'crlf:      ASCII text, with CRLF line terminators',
        'bin:       data',
        'e:         empty',
        'broken:    broken symbolic link to nope',
        '/dev/null: character special (1/3)',
        '/tmp:      sticky, directory',
        "nope:      cannot open `nope' (No such file or directory)",
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
  });
  it('knows gzip, tar and simulated binaries; -b and -i', async () => {
    await runCommand(tm, ['tar', 'cf', '/tmp/f/x.tar', '-C', '/tmp/f', 'u']);
    await runCommand(tm, ['gzip', '-k', '/tmp/f/u']);
    expect((await run(['file', '-b', 'x.tar'])).stdout).toBe('POSIX tar archive\n');
    expect((await run(['file', '-b', 'u.gz'])).stdout).toBe('gzip compressed data, was "u", last modified: Mon Nov 23 10:00:00 2026, from Unix, original size modulo 2^32 7\n');
    expect((await run(['file', '-b', '/usr/bin/ls'])).stdout).toMatch(/^ELF 64-bit LSB pie executable, x86-64/);
    expect((await run(['file', '-i', 'u', 'bin'])).stdout).toBe('u:   text/plain; charset=utf-8\nbin: application/octet-stream; charset=binary\n');
  });
});
