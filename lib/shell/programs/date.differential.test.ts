/**
 * Differential tests for date's fixed formats against GNU date (coreutils 9.1), at a fixed instant in UTC so both
 * sides print the same time: --rfc-3339 (with argmatch's abbreviations and its error list), -I and -R.
 */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runReal } from './testing/real-tools';

const AT = '@1700000000';

const CASES: string[][] = [
  ['--rfc-3339=seconds'],
  ['--rfc-3339=date'],
  ['--rfc-3339=ns'],
  ['--rfc-3339=sec'],
  ['--rfc-3339=d'],
  ['--rfc-3339=x'],
  ['--rfc-3339='],
  ['--rfc-3339'],
  ['-Iseconds'],
  ['-R'],
];

describe('date matches GNU date', () => {
  for (const extra of CASES) {
    const argv = ['date', '-u', '-d', AT, ...extra];
    it.skipIf(!hasTool('date'))(argv.join(' '), async () => {
      const want = runReal(argv);
      const got = await runCommand(createTestMachine(), argv);
      expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
    });
  }
});
