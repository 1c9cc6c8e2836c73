/**
 * Runs one program on a Pty in a test machine and lets a test type keys and look at the screen, the way a learner
 * would use a full-screen program.
 */

import { createTestMachine, type TestMachine } from '../../shell/testing/harness';
import { DEFAULT_PATH, ttyReader, ttyWriter } from '../../engine/process/Machine';
import { LEARNER, LEARNER_CRED } from '../../shell/host/users';
import { Pty } from '../Pty';
import { Screen } from './Screen';

export interface PtyRun {
  readonly tm: TestMachine;
  readonly pty: Pty;
  readonly screen: Screen;
  readonly exited: Promise<number>;
  /** Types keys and waits until the program has handled them (it waits for more input, or exits). */
  type(keys: string): Promise<void>;
  /** Screen text rows. */
  rows(): string[];
}

export function settle(pty: Pty, exited: Promise<number>): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      off();
      resolve();
    };
    const off = pty.onInputWanted(finish);
    void exited.then(() => setTimeout(finish, 0));
  });
}

export async function runOnPty(argv: string[], options: { columns?: number; rows?: number; tm?: TestMachine; cwd?: string } = {}): Promise<PtyRun> {
  const tm = options.tm ?? createTestMachine();
  const columns = options.columns ?? 80;
  const rows = options.rows ?? 24;
  const pty = new Pty({ columns, rows });
  const screen = new Screen(columns, rows);
  pty.onOutput((s) => screen.write(s));
  const r = tm.machine.spawn({
    argv,
    env: new Map([
      ['PATH', DEFAULT_PATH],
      ['HOME', LEARNER.home],
      ['TERM', 'xterm-256color'],
      ['LANG', 'C.UTF-8'],
    ]),
    cwd: options.cwd ?? LEARNER.home,
    cred: LEARNER_CRED,
    umask: 0o022,
    stdin: ttyReader(pty),
    stdout: ttyWriter(pty),
    stderr: ttyWriter(pty),
    tty: pty,
    ppid: 1,
  });
  if (!r.ok) throw new Error(`cannot start ${argv[0]}: ${r.failure.kind}`);
  const exited = r.child.exited;
  await settle(pty, exited);
  return {
    tm,
    pty,
    screen,
    exited,
    type: async (keys) => {
      const s = settle(pty, exited);
      pty.input(keys);
      await s;
    },
    rows: () => screen.text(),
  };
}
