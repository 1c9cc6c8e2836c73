/** Test helpers for the shell: run a script in a dialect, and a scripted fake terminal. */
import { createTestMachine, runCommand, type RunOptions, type RunResult, type TestMachine } from '../../testing/harness';
import { SignalExit, type ForegroundGroup, type ReadLineOptions, type ReadLineResult, type Signal, type Tty, type TtyMode } from '../../../engine/process/Types';
import { encodeText } from '../../../engine/process/text';

export type ShellName = 'bash' | 'dash' | 'ash';

let shared: TestMachine | null = null;

/** Runs `script` with `<shell> -c` on a shared test machine (fresh one with `fresh`). */
export function sh(shell: ShellName, script: string, options: RunOptions & { fresh?: boolean; args?: string[] } = {}): Promise<RunResult> {
  const tm = options.fresh || !shared ? (shared = createTestMachine()) : shared;
  return runCommand(tm, [shell, '-c', script, ...(options.args ?? [])], { ...options, flavor: shell === 'ash' ? 'busybox' : options.flavor });
}

export const bash = (script: string, options: RunOptions & { fresh?: boolean; args?: string[] } = {}) => sh('bash', script, options);

type Input = ReadLineResult | { readonly kind: 'wait'; readonly ms: number } | { readonly kind: 'signal'; readonly sig: Signal };

/**
 * A terminal whose line editor returns scripted results. `output` collects everything written (prompts are
 * recorded in `prompts`); `signal` delivers Ctrl-C to whoever is in the foreground, as the real line discipline does.
 */
export class FakeTty implements Tty {
  readonly columns = 80;
  readonly rows = 24;
  output = '';
  readonly prompts: string[] = [];
  foreground: ForegroundGroup | null = null;
  private _mode: TtyMode = { canonical: true, echo: true, isig: true };
  private _queue: Input[];
  private _waiting: (() => void) | null = null;
  lastOptions: ReadLineOptions | null = null;

  constructor(inputs: Input[]) {
    this._queue = [...inputs];
  }

  push(...inputs: Input[]): void {
    this._queue.push(...inputs);
    const w = this._waiting;
    this._waiting = null;
    w?.();
  }

  async write(data: string | Uint8Array): Promise<void> {
    this.output += typeof data === 'string' ? data : new TextDecoder().decode(data);
  }
  /** A canonical read: the next scripted line; a scripted signal interrupts it (EINTR) as the real pty does. */
  async read(): Promise<Uint8Array | null> {
    for (;;) {
      const next = this._queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => (this._waiting = resolve));
        continue;
      }
      if (next.kind === 'signal') {
        this.foreground?.deliver(next.sig);
        throw new SignalExit(next.sig);
      }
      if (next.kind === 'wait') {
        await new Promise((r) => setTimeout(r, next.ms));
        continue;
      }
      return next.kind === 'line' ? encodeText(next.text + '\n') : null;
    }
  }
  getMode(): TtyMode {
    return this._mode;
  }
  setMode(mode: Partial<TtyMode>): void {
    this._mode = { ...this._mode, ...mode };
  }
  async readLine(options: ReadLineOptions): Promise<ReadLineResult> {
    this.lastOptions = options;
    this.prompts.push(options.prompt);
    this.output += options.prompt;
    for (;;) {
      const next = this._queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => (this._waiting = resolve));
        continue;
      }
      if (next.kind === 'wait') {
        await new Promise((r) => setTimeout(r, next.ms));
        continue;
      }
      if (next.kind === 'signal') {
        this.foreground?.deliver(next.sig);
        continue;
      }
      if (next.kind === 'line') {
        this.output += next.text + '\n';
        if (next.text.trim() !== '') options.history?.push(next.text);
      }
      if (next.kind === 'interrupt') this.output += '^C\n';
      return next;
    }
  }
  setForeground(group: ForegroundGroup | null): void {
    this.foreground = group;
  }
  onResize(): () => void {
    return () => {};
  }
}
