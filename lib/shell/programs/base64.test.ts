import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { decodeBase64, encodeBase64 } from './base64';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
describe('base64', () => {
  it('encodes with 76-column wrapping and decodes', async () => {
    expect((await runCommand(tm, ['base64'], { stdin: 'hi\n' })).stdout).toBe('aGkK\n');
    expect((await runCommand(tm, ['base64', '-d'], { stdin: 'aGkK\n' })).stdout).toBe('hi\n');
    expect((await runCommand(tm, ['base64', '-w', '0'], { stdin: 'hi\n' })).stdout).toBe('aGkK');
    expect((await runCommand(tm, ['base64', '-w', '20'], { stdin: '\0'.repeat(30) })).stdout).toBe('AAAAAAAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAAAAAA\n');
  });
  it('rejects invalid input like GNU', async () => {
    expect(await runCommand(tm, ['base64', '-d'], { stdin: '!!!' })).toMatchObject({ status: 1, stderr: 'base64: invalid input\n' });
    expect((await runCommand(tm, ['base64', 'nope'])).stderr).toBe('base64: nope: No such file or directory\n');
  });
  it('round-trips (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      const r = decodeBase64(encodeBase64(b), false);
      expect(r.ok).toBe(true);
      expect(Array.from(r.bytes)).toEqual(Array.from(b));
    }));
  });
  it('matches GNU base64', async () => {
    if (!hasTool('base64')) return;
    const input = 'The quick brown fox jumps over the lazy dog, again and again and again and again.\n';
    expect((await runCommand(tm, ['base64'], { stdin: input })).stdout).toBe(runReal(['base64'], { stdin: input }).stdout);
  });
});
