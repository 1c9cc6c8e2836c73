/** The interactive side of `docker login` and `docker load`: a terminal on stdin. */
import { describe, expect, test } from 'vitest';
import { LEARNER_CRED } from '../../shell/host/users';
import { CollectingWriter } from '../process/streams';
import type { ReadLineOptions, ReadLineResult, ReadStream, Tty, TtyMode } from '../process/Types';
import { dockerTest } from '../cli/testing/harness';

/** A terminal whose input is scripted lines; records mode changes (echo off while the password is typed). */
class ScriptedTty implements Tty {
  readonly columns = 80;
  readonly rows = 24;
  mode: TtyMode = { canonical: true, echo: true, isig: true };
  readonly echoWhileReading: boolean[] = [];
  constructor(private readonly _lines: string[]) {}
  async write(): Promise<void> {}
  async read(): Promise<Uint8Array | null> {
    this.echoWhileReading.push(this.mode.echo);
    const line = this._lines.shift();
    return line === undefined ? null : new TextEncoder().encode(`${line}\n`);
  }
  getMode(): TtyMode {
    return this.mode;
  }
  setMode(m: Partial<TtyMode>): void {
    this.mode = { ...this.mode, ...m };
  }
  async readLine(_o: ReadLineOptions): Promise<ReadLineResult> {
    return { kind: 'eof' };
  }
  setForeground(): void {}
  onResize(): () => void {
    return () => {};
  }
}

function ttyStdin(tty: Tty): ReadStream {
  const back: Uint8Array[] = [];
  return { isTTY: true, read: async () => back.shift() ?? tty.read(), unread: (b) => void (b.length && back.unshift(b)), close: () => {} };
}

async function runOnTty(t: ReturnType<typeof dockerTest>, args: string[], tty: ScriptedTty) {
  const stdout = new CollectingWriter({ isTTY: true });
  const stderr = new CollectingWriter({ isTTY: true });
  const env = new Map([['PATH', '/usr/local/bin:/usr/bin:/bin'], ['HOME', '/home/learner']]);
  const r = t.tm.machine.spawn({ argv: ['docker', ...args], env, cwd: '/home/learner', cred: LEARNER_CRED, umask: 0o022, stdin: ttyStdin(tty), stdout, stderr, tty, ppid: 1 });
  if (!r.ok) throw new Error(r.failure.kind);
  const status = await r.child.exited;
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

describe('on a terminal', () => {
  test('docker login prompts for Username and Password, without echo for the password', async () => {
    const t = dockerTest();
    const tty = new ScriptedTty(['alice', 'pw']);
    const r = await runOnTty(t, ['login'], tty);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Username: Password: \nLogin Succeeded\n');
    expect(tty.echoWhileReading).toEqual([true, false]);
    expect(tty.mode.echo).toBe(true);
    await t.run(['logout']);
    const empty = await runOnTty(t, ['login', '-p', 'pw'], new ScriptedTty(['']));
    expect(empty).toMatchObject({ status: 1, stdout: 'Username: ', stderr: 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError: Non-null Username Required\n' });
  });

  test('docker load refuses a terminal stdin', async () => {
    const t = dockerTest();
    expect(await runOnTty(t, ['load'], new ScriptedTty([]))).toMatchObject({ status: 1, stdout: '', stderr: 'requested load from stdin, but stdin is empty\n' });
  });
});
