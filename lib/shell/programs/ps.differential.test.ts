/**
 * Differential test for `ps -o`: the host's procps-ng lays out the header line of a user-defined format with the
 * same rules as ours (each column's minimum width, widened by its header; the last column unpadded; no line when
 * every header is empty). Process rows differ between machines, so only the header line is compared.
 */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runReal } from './testing/real-tools';

const FORMATS = [
  'pid,comm',
  'comm,pid',
  'pid,ppid,pgid,uid,user,tty,stat,time,etime,rss,vsz,%cpu,%mem,comm,args',
  'user=ABCDEFGHIJK,pid',
  'pid=PID,comm=',
  'pid=,comm=',
  'pid=Process-Identifier,cmd',
  'stat,tty',
];

describe('ps -o headers match procps-ng', () => {
  for (const format of FORMATS) {
    it.skipIf(!hasTool('ps'))(`ps -o ${format}`, async () => {
      const want = runReal(['ps', '-o', format]);
      const got = await runCommand(createTestMachine(), ['ps', '-o', format]);
      const headerOf = (out: string) => (format.split(',').every((f) => f.endsWith('=')) ? '' : out.split('\n')[0]);
      expect(got.status).toBe(want.status);
      expect(headerOf(got.stdout)).toBe(headerOf(want.stdout));
      if (headerOf(want.stdout) === '') expect(got.stdout.split('\n')[0]).not.toMatch(/^\s*$/);
    });
  }
});
