/**
 * Drives the learner's host session (lib/terminal/session) the way the page does: keys into the pty, output out,
 * and "done" when the shell has printed its prompt again. Benches time what a learner waits for.
 */
import { createHostSession, type HostSession } from '../../lib/terminal/session';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;
const PROMPT = /[$#] $/;

export class ShellDriver {
  private tail = '';
  /** Everything printed lately, kept across commands for error messages. */
  private recent = '';
  private exitStatus: number | null = null;
  private waiter: { resolve: () => void; reject: (e: Error) => void } | null = null;

  private constructor(readonly session: HostSession) {
    session.onOutput((data) => {
      this.tail = (this.tail + data).slice(-4096);
      this.recent = (this.recent + data).slice(-400);
      if (this.waiter && this.atPrompt()) {
        const w = this.waiter;
        this.waiter = null;
        w.resolve();
      }
    });
    void session.exited.then((status) => {
      this.exitStatus = status;
      const w = this.waiter;
      this.waiter = null;
      w?.reject(this.exitError());
    });
  }

  private exitError(): Error {
    return new Error(`the shell exited with status ${this.exitStatus}: ${JSON.stringify(this.recent.replace(ANSI, '').trim())}`);
  }

  static async start(): Promise<ShellDriver> {
    const driver = new ShellDriver(createHostSession({ seed: 1, columns: 200, rows: 50 }));
    await driver.prompt(10_000);
    return driver;
  }

  private atPrompt(): boolean {
    return PROMPT.test(this.tail.replace(ANSI, ''));
  }

  /** Resolves when the output ends with a prompt (now or later); rejects after `timeoutMs`. */
  prompt(timeoutMs = 60_000): Promise<void> {
    if (this.atPrompt()) return Promise.resolve();
    if (this.exitStatus !== null) return Promise.reject(this.exitError());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`no prompt within ${timeoutMs} ms; last output: ${JSON.stringify(this.recent.replace(ANSI, '').slice(-200))}`));
      }, timeoutMs);
      this.waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  /** Types `line` and Enter; resolves with the milliseconds until the next prompt. */
  async run(line: string, timeoutMs?: number): Promise<number> {
    this.tail = '';
    const started = performance.now();
    this.session.input(`${line}\r`);
    await this.prompt(timeoutMs);
    return performance.now() - started;
  }

  /** Starts `line` without waiting for it to finish. */
  start(line: string): void {
    this.tail = '';
    this.session.input(`${line}\r`);
  }

  /** True while the shell runs a command: nothing since the last command was typed ends in a prompt. */
  get busy(): boolean {
    return this.exitStatus === null && !this.atPrompt();
  }

  /** Sends Ctrl-C; resolves with the milliseconds until the prompt is back. */
  async interrupt(timeoutMs?: number): Promise<number> {
    this.tail = '';
    const started = performance.now();
    this.session.input('\x03');
    await this.prompt(timeoutMs);
    return performance.now() - started;
  }

  close(): void {
    this.session.pty.hangup();
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
