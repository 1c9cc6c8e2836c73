/** getopt, getconf and tput against util-linux, glibc and ncurses on this machine (same arguments, same environment). */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';
import { hasTool, runReal } from '../testing/real-tools';

const CASES: string[][] = [
  ['getopt', '-o', 'ab:c::', '--long', 'alpha,beta:,gamma::', '-n', 'myprog', '--', '-a', '-b', '1', '-c2', 'x', '--alpha', '--beta=v', '--gamma', 'y', "it's", '--', 'z'],
  ['getopt', '-o', 'a', '--', '-x', 'y'],
  ['getopt', '-o', 'a', '-n', 'p', '--', '--nope'],
  ['getopt', 'ab:c', 'a', '-b', '1', 'f', '-c'],
  ['getopt', '-T'],
  ['getopt', '-o', 'b:', '--', '-b'],
  ['getopt', '-o', 'a', '-l', 'alp,alpha', '--', '--al'],
  ['getopt'],
  ['getopt', '-o', '+a', '--', 'x', '-a'],
  ['getopt', '-q', '-o', 'a', '--', '-x'],
  ['getopt', '-o', 'a', '--long', 'help', '--', '--he'],
  ['getopt', '-a', '-o', 'a', '-l', 'long', '--', '-long'],
  ['getopt', '-o', 'a', '-l', 'flag', '--', '--flag=x'],
  ['getopt', '-u', '-o', 'b:', '--', '-b', 'two words'],
  ['getopt', '-o', 'v', '--long', 'verbose', '-n', 'entrypoint.sh', '--', '--verbose', 'postgres', '-c', 'x'],
  ['getconf', 'PAGE_SIZE'],
  ['getconf', 'PAGESIZE'],
  ['getconf', 'LONG_BIT'],
  ['getconf', 'PATH'],
  ['getconf', 'ARG_MAX'],
  ['getconf', 'CLK_TCK'],
  ['getconf', 'NAME_MAX', '/'],
  ['getconf', 'PATH_MAX', '/'],
  ['getconf', 'NAME_MAX'],
  ['getconf', 'NAME_MAX', '/nonexist'],
  ['getconf', 'NOPE'],
  ['getconf'],
  ['getconf', 'TZNAME_MAX'],
  ['tput', 'colors'],
  ['tput', 'sgr0'],
  ['tput', 'bold'],
  ['tput', 'clear'],
  ['tput', 'setaf', '1'],
  ['tput', 'setab', '2'],
  ['tput', 'setaf', '9'],
  ['tput', 'setaf', '200'],
  ['tput', 'smul'],
  ['tput', 'rev'],
  ['tput', 'cup', '2', '3'],
  ['tput', 'civis'],
  ['tput', 'cnorm'],
  ['tput', 'nosuch'],
  ['tput', 'cols'],
  ['tput', 'lines'],
  ['tput', '-T', 'dumb', 'colors'],
  ['tput', '-T', 'dumb', 'bold'],
  ['tput', '-T', 'xterm-256color', 'colors'],
  ['tput', '-T', 'xterm-256color', 'setaf', '9'],
  ['tput', '-T', 'xterm-256color', 'setaf', '200'],
  ['tput', '-T', 'xterm-256color', 'setab', '3'],
  ['tput', '-T', 'nosuchterm', 'cols'],
  ['locale', '-a'],
  ['locale'],
  ['locale', 'charmap'],
  ['locale', 'foo'],
];

describe('system programs match the real ones', () => {
  for (const argv of CASES) {
    it.skipIf(!hasTool(argv[0]!))(argv.join(' '), async () => {
      const env = { TERM: 'xterm', LANG: 'C.UTF-8' };
      const want = runReal(argv, { env: { ...env, LC_ALL: '' } });
      const got = await runCommand(createTestMachine(), argv, { env, user: 'root' });
      expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
    });
  }
});

const ICONV: [string[], string][] = [
  [['iconv', '-f', 'UTF-8', '-t', 'ASCII'], 'héllo\n'],
  [['iconv', '-f', 'UTF-8', '-t', 'ASCII//TRANSLIT'], 'héllo\n'],
  [['iconv', '-c', '-f', 'UTF-8', '-t', 'ASCII'], 'héllo\n'],
  [['iconv', '-f', 'LATIN1', '-t', 'UTF-8'], 'h\xe9llo\n'],
  [['iconv', '-f', 'UTF-8', '-t', 'LATIN1'], 'h\xe9llo\n'],
  [['iconv', '-f', 'UTF-8', '-t', 'UTF-16LE'], 'hi\n'],
];

describe('iconv matches glibc', () => {
  for (const [argv, input] of ICONV) {
    it.skipIf(!hasTool('iconv'))(`${argv.join(' ')} <<< ${JSON.stringify(input)}`, async () => {
      // Inputs with é are UTF-8 text; the others are raw bytes (Latin-1 \xe9).
      const bytes = Uint8Array.from([...input].map((c) => c.charCodeAt(0)));
      const { spawnSync } = await import('node:child_process');
      // The simulated machines run in C.UTF-8; the runner may have been started without a locale (CI has none).
      const real = spawnSync(argv[0]!, argv.slice(1), { input: input.includes('é') ? input : Buffer.from(bytes), env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      const got = await runCommand(createTestMachine(), argv, { stdin: input.includes('é') ? input : bytes });
      expect({ out: Buffer.from(got.stdoutBytes).toString('hex'), err: got.stderr, status: got.status }).toEqual({ out: real.stdout.toString('hex'), err: real.stderr.toString(), status: real.status });
    });
  }
});
