/**
 * A pseudo-terminal: the line discipline between a keyboard/screen (xterm in the page, stdin/stdout in the CLI)
 * and the programs that use it as their controlling terminal.
 *
 * Input side: `input(data)` takes what the keyboard sends. Nothing is interpreted until someone reads, so input
 * typed ahead (or a script fed in) waits for the next reader and is echoed when it is consumed; the transcript then
 * reads prompt, input, output in order. The exception is Ctrl-C / Ctrl-\ in `isig` mode: they act on arrival,
 * signalling the foreground group, printing `^C` and dropping what was typed before them (as Linux flushes input).
 *
 * Output side: `write()` from programs, shown to `onOutput` listeners with `\n` turned into `\r\n` (ONLCR).
 *
 * The pty never blocks the event loop: input is queued, readers are promises, and per-key work is a few string
 * operations.
 */

import { ReadAborted, SignalExit, type ForegroundGroup, type ReadLineOptions, type ReadLineResult, type Signal, type Tty, type TtyMode } from '../engine/process/Types';
import { encodeText } from '../engine/process/text';
import { nextKey, PASTE_END, PASTE_START, type KeyToken } from '../shell/term/keys';
import { LineEditor, type EditorHost } from './LineEditor';
import { stripAnsi, stringWidth } from '../shell/term/width';

export interface PtyOptions {
  readonly columns?: number;
  readonly rows?: number;
  /**
   * False for a quiet terminal (scripts, the headless CLI without `--echo`): typed input is never echoed and the
   * line editor draws nothing (no prompt, no editing), so the output is exactly what programs write.
   */
  readonly echo?: boolean;
}

/** Someone waiting for input: the line editor or a canonical `read()` (one key at a time), or a raw read. */
type Waiter =
  | { readonly kind: 'key'; readonly resolve: (k: KeyToken | null) => void; readonly reject?: (e: unknown) => void }
  | { readonly kind: 'raw'; readonly resolve: (b: Uint8Array | null) => void; readonly reject: (e: unknown) => void };

const ISIG_CHARS: Readonly<Record<string, Signal>> = { '\x03': 'SIGINT', '\x1c': 'SIGQUIT' };

export class Pty implements Tty {
  private _columns: number;
  private _rows: number;
  private readonly _echoes: boolean;
  private _mode: TtyMode = { canonical: true, echo: true, isig: true };
  private _foreground: ForegroundGroup | null = null;

  private _buf = '';
  private _pos = 0;
  private _inputEnded = false;
  private readonly _waiters: Waiter[] = [];
  /** A partial line in canonical mode, kept across reads as the kernel keeps it. */
  private _canon: Array<{ ch: string; cells: number }> = [];

  private _editorActive = false;
  private _editorChain: Promise<unknown> = Promise.resolve();

  private readonly _outputListeners = new Set<(data: string) => void>();
  private _heldOutput: string[] = [];
  private readonly _resizeListeners = new Set<(columns: number, rows: number) => void>();
  private readonly _wantListeners = new Set<() => void>();
  private readonly _hangupListeners = new Set<() => void>();
  private readonly _historyListeners = new Set<(history: readonly string[]) => void>();
  private _hungUp = false;
  private _wantScheduled = false;
  /** Set while `forwardPty` passes this terminal's keys to an inner one: we want input when it does. */
  private _demandFrom: Pty | null = null;
  private _demandOff: (() => void) | null = null;

  private readonly _decoder = new TextDecoder('utf-8');
  private _lastOut = '';
  private _col = 0;

  constructor(options: PtyOptions = {}) {
    this._columns = options.columns ?? 80;
    this._rows = options.rows ?? 24;
    this._echoes = options.echo ?? true;
  }

  get columns(): number {
    return this._columns;
  }
  get rows(): number {
    return this._rows;
  }
  /** False for a quiet terminal (see `PtyOptions.echo`). Nested terminals copy it. */
  get echoes(): boolean {
    return this._echoes;
  }
  get hungUp(): boolean {
    return this._hungUp;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Screen side

  /** Feeds keyboard input (text, `\r` for Enter, control characters, escape sequences, bracketed pastes). */
  input(data: string): void {
    if (data === '' || this._inputEnded) return;
    this._buf += data;
    this._scanSignals();
    this._serve();
  }

  /** No more input will come (end of a script, stdin closed): readers get end of input once the buffer is used up. */
  endInput(): void {
    this._inputEnded = true;
    this._serve();
  }

  /** Output to show; output written before the first listener subscribes is held and given to it. */
  onOutput(listener: (data: string) => void): () => void {
    this._outputListeners.add(listener);
    if (this._heldOutput.length > 0) {
      const held = this._heldOutput.join('');
      this._heldOutput = [];
      listener(held);
    }
    return () => this._outputListeners.delete(listener);
  }

  resize(columns: number, rows: number): void {
    if (columns === this._columns && rows === this._rows) return;
    this._columns = Math.max(1, Math.floor(columns));
    this._rows = Math.max(1, Math.floor(rows));
    for (const l of [...this._resizeListeners]) l(this._columns, this._rows);
  }

  onResize(listener: (columns: number, rows: number) => void): () => void {
    this._resizeListeners.add(listener);
    return () => this._resizeListeners.delete(listener);
  }

  /**
   * Called when a reader is waiting and no input is buffered: the headless CLI feeds the next script line then, so a
   * script is typed exactly as fast as the terminal consumes it.
   */
  onInputWanted(listener: () => void): () => void {
    this._wantListeners.add(listener);
    if (this.wantsInput) this._scheduleWant();
    return () => this._wantListeners.delete(listener);
  }

  /** A reader waits and nothing is buffered for it (for a forwarding terminal: the inner one wants input). */
  get wantsInput(): boolean {
    // While forwarding, input is wanted only when the forwarder is reading too: keys it has taken but not yet passed
    // on must reach the inner terminal before the inner's appetite counts (else a script types ahead into a session
    // that is about to end).
    if (this._demandFrom) return this._waiters.length > 0 && this._demandFrom.wantsInput;
    return this._waiters.length > 0 && !this._hasCompleteInput();
  }

  /** The session behind this terminal has ended (a container's shell exited); `forwardPty` stops then. */
  hangup(): void {
    if (this._hungUp) return;
    this._hungUp = true;
    for (const l of [...this._hangupListeners]) l();
  }

  onHangup(listener: () => void): () => void {
    this._hangupListeners.add(listener);
    return () => this._hangupListeners.delete(listener);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Program side (Tty)

  async write(data: string | Uint8Array): Promise<void> {
    const text = typeof data === 'string' ? data : this._decoder.decode(data, { stream: true });
    if (text === '') return;
    // ONLCR: `\n` shows as `\r\n`; a `\r\n` the program wrote itself is left alone.
    let out = '';
    let from = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      const before = i > 0 ? text[i - 1] : this._lastOut;
      out += text.slice(from, i) + (before === '\r' ? '\n' : '\r\n');
      from = i + 1;
    }
    out += text.slice(from);
    this._lastOut = text[text.length - 1]!;
    this._trackColumn(out);
    this._emit(out);
  }

  async read(): Promise<Uint8Array | null> {
    return this._mode.canonical ? this._readCanonical() : this._readRaw();
  }

  getMode(): TtyMode {
    return this._mode;
  }

  setMode(mode: Partial<TtyMode>): void {
    this._mode = { ...this._mode, ...mode };
    this._scanSignals();
    this._serve();
  }

  setForeground(group: ForegroundGroup | null): void {
    this._foreground = group;
    this._scanSignals();
  }

  readLine(options: ReadLineOptions): Promise<ReadLineResult> {
    const run = this._editorChain.then(() => this._runEditor(options));
    this._editorChain = run.catch(() => {});
    return run;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Internals used by forwardPty and the editor

  /** Reads whatever input is buffered, as typed (raw), or waits for some; `cancel` withdraws the wait. */
  readRawCancellable(): { readonly result: Promise<Uint8Array | null>; cancel(): void } {
    let waiter: Waiter | null = null;
    const result = new Promise<Uint8Array | null>((resolve, reject) => {
      const now = this._takeRawNow();
      if (now !== undefined) {
        resolve(now);
        return;
      }
      waiter = { kind: 'raw', resolve, reject };
      this._waiters.push(waiter);
      this._scheduleWant();
    });
    return {
      result,
      cancel: () => {
        const i = waiter ? this._waiters.indexOf(waiter) : -1;
        if (i >= 0) {
          this._waiters.splice(i, 1);
          (waiter as { resolve: (b: Uint8Array | null) => void } | null)?.resolve(new Uint8Array(0));
        }
      },
    };
  }

  abortReads(): void {
    for (let i = this._waiters.length - 1; i >= 0; i--) {
      const w = this._waiters[i]!;
      // Only plain reads can be withdrawn (they carry `reject`); the line editor's key waits cannot.
      if (w.kind === 'key' && w.reject) {
        this._waiters.splice(i, 1);
        w.reject(new ReadAborted('read aborted'));
      }
    }
  }

  /** Puts input back in front of what is buffered (keys that arrived after a detach sequence). */
  unshiftInput(data: string): void {
    this._unshift(data);
    this._serve();
  }

  /** Makes `wantsInput` follow `inner` (while forwarding keys to it); null stops. */
  delegateDemand(inner: Pty | null): void {
    this._demandOff?.();
    this._demandOff = null;
    this._demandFrom = inner;
    if (inner) {
      this._demandOff = inner.onInputWanted(() => this._scheduleWant());
    } else if (this.wantsInput) this._scheduleWant();
  }

  // -------------------------------------------------------------------------------------------------------------

  private _emit(out: string): void {
    if (this._outputListeners.size === 0) {
      this._heldOutput.push(out);
      return;
    }
    for (const l of [...this._outputListeners]) l(out);
  }

  /** Echo and editor drawing: nothing at all on a quiet terminal. */
  private _draw(s: string): void {
    if (!this._echoes || s === '') return;
    this._emit(s);
  }

  private _trackColumn(out: string): void {
    const i = Math.max(out.lastIndexOf('\n'), out.lastIndexOf('\r'));
    const tail = stripAnsi(i >= 0 ? out.slice(i + 1) : out);
    const w = stringWidth(tail);
    this._col = i >= 0 ? w : this._col + w;
    if (this._col >= this._columns) this._col %= this._columns;
  }

  /**
   * Called after the line editor accepted a line into a history list (the shell's), with that list. The host session
   * uses it to persist the learner's history outside the simulated machine (the page's localStorage).
   */
  onHistoryChange(listener: (history: readonly string[]) => void): () => void {
    this._historyListeners.add(listener);
    return () => this._historyListeners.delete(listener);
  }

  private async _runEditor(options: ReadLineOptions): Promise<ReadLineResult> {
    this._editorActive = true;
    try {
      const result = await new LineEditor(this._editorHost(), options).run();
      if (result.kind === 'line' && options.history) for (const l of [...this._historyListeners]) l(options.history);
      return result;
    } finally {
      this._editorActive = false;
      this._col = 0;
      this._lastOut = '\n';
      this._scanSignals();
    }
  }

  /** The editor's view of this terminal, with `columns` live so a resize during editing is seen. */
  private _editorHost(): EditorHost {
    const pty = this;
    return {
      get columns() {
        return pty._columns;
      },
      startColumn: this._col,
      takeKey: () => pty._takeKey(),
      unshiftInput: (data) => pty._unshift(data),
      draw: (s) => pty._draw(s),
      onResize: (listener) => pty.onResize(() => listener()),
    };
  }

  private _pending(): string {
    return this._pos === 0 ? this._buf : this._buf.slice(this._pos);
  }

  private _consume(n: number): void {
    this._pos += n;
    if (this._pos >= this._buf.length) {
      this._buf = '';
      this._pos = 0;
    } else if (this._pos > 4096 && this._pos * 2 > this._buf.length) {
      this._buf = this._buf.slice(this._pos);
      this._pos = 0;
    }
  }

  private _unshift(data: string): void {
    this._buf = data + this._pending();
    this._pos = 0;
  }

  private _hasCompleteInput(): boolean {
    if (this._pos >= this._buf.length) return false;
    return this._inputEnded || nextKey(this._buf, this._pos) !== null;
  }

  /** The next key if one is complete; null at end of input; undefined to wait. */
  private _tryKey(): KeyToken | null | undefined {
    if (this._pos < this._buf.length) {
      const k = nextKey(this._buf, this._pos);
      if (k) {
        const token = k.token;
        this._consume(k.end - this._pos);
        return token;
      }
      if (this._inputEnded) {
        const raw = this._buf[this._pos]!;
        this._consume(1);
        return { raw };
      }
      return undefined;
    }
    return this._inputEnded ? null : undefined;
  }

  private _takeKey(): Promise<KeyToken | null> {
    const k = this._waiters.length === 0 ? this._tryKey() : undefined;
    if (k !== undefined) return Promise.resolve(k);
    return new Promise((resolve) => {
      this._waiters.push({ kind: 'key', resolve });
      this._scheduleWant();
    });
  }

  private _takeRawNow(): Uint8Array | null | undefined {
    if (this._waiters.length > 0) return undefined;
    if (this._pos < this._buf.length) {
      const text = this._pending();
      this._consume(text.length);
      if (this._mode.echo) this._draw(echoText(text));
      return encodeText(text);
    }
    return this._inputEnded ? null : undefined;
  }

  private _readRaw(): Promise<Uint8Array | null> {
    return this.readRawCancellable().result;
  }

  /** Canonical read: one line after erase/kill editing, echoed as it is consumed. */
  private async _readCanonical(): Promise<Uint8Array | null> {
    while (true) {
      const key = await this._takeKeyForRead();
      if (key === null) {
        if (this._canon.length === 0) return null;
        return this._flushCanon('');
      }
      if (key.paste !== undefined) {
        // Outside the line editor a paste is plain typing.
        this._unshift(key.paste);
        continue;
      }
      const raw = key.raw;
      const echo = this._mode.echo;
      if (this._mode.isig && ISIG_CHARS[raw]) {
        // Nobody to signal (no foreground group): the line is dropped, as after a signal.
        this._canon = [];
        if (echo) this._draw(raw === '\x03' ? '^C' : '^\\');
        continue;
      }
      if (raw === '\r' || raw === '\n') {
        if (echo) this._draw('\r\n');
        return this._flushCanon('\n');
      }
      if (raw === '\x04') {
        if (this._canon.length === 0) return null;
        return this._flushCanon('');
      }
      if (raw === '\x7f' || raw === '\x08') {
        const last = this._canon.pop();
        if (last && echo) this._draw('\b \b'.repeat(last.cells));
        continue;
      }
      if (raw === '\x15') {
        const cells = this._canon.reduce((n, c) => n + c.cells, 0);
        this._canon = [];
        if (echo) this._draw('\b \b'.repeat(cells));
        continue;
      }
      if (raw === '\x17') {
        let cells = 0;
        while (this._canon.length > 0 && /\s/.test(this._canon[this._canon.length - 1]!.ch)) cells += this._canon.pop()!.cells;
        while (this._canon.length > 0 && !/\s/.test(this._canon[this._canon.length - 1]!.ch)) cells += this._canon.pop()!.cells;
        if (echo) this._draw('\b \b'.repeat(cells));
        continue;
      }
      const shown = echoText(raw);
      this._canon.push({ ch: raw, cells: stringWidth(shown.replace(/\^(.)/g, '$1$1')) });
      if (echo) this._draw(shown);
    }
  }

  private _flushCanon(end: string): Uint8Array {
    const line = this._canon.map((c) => c.ch).join('') + end;
    this._canon = [];
    return encodeText(line);
  }

  /** A key for a canonical `read()`; rejected with SignalExit when Ctrl-C signals the foreground meanwhile. */
  private _takeKeyForRead(): Promise<KeyToken | null> {
    const k = this._waiters.length === 0 ? this._tryKey() : undefined;
    if (k !== undefined) return Promise.resolve(k);
    return new Promise<KeyToken | null>((resolve, reject) => {
      this._waiters.push({ kind: 'key', resolve, reject });
      this._scheduleWant();
    });
  }

  /** Hands buffered input to waiting readers in order. */
  private _serve(): void {
    while (this._waiters.length > 0) {
      const w = this._waiters[0]!;
      if (w.kind === 'key') {
        const k = this._tryKey();
        if (k === undefined) break;
        this._waiters.shift();
        w.resolve(k);
        continue;
      }
      if (this._pos >= this._buf.length && !this._inputEnded) break;
      this._waiters.shift();
      const text = this._pending();
      if (text === '') {
        w.resolve(null);
        continue;
      }
      this._consume(text.length);
      if (this._mode.echo) this._draw(echoText(text));
      w.resolve(encodeText(text));
    }
    if (this.wantsInput) this._scheduleWant();
  }

  /**
   * Ctrl-C / Ctrl-\ act on arrival when `isig` is on and the line editor is not reading (it takes them as keys):
   * the foreground group is signalled, `^C` is shown, and input typed before it is dropped.
   */
  private _scanSignals(): void {
    if (!this._mode.isig || this._editorActive || !this._foreground) return;
    const pending = this._pending();
    let last = -1;
    const sigs: Signal[] = [];
    for (let i = 0; i < pending.length; i++) {
      const c = pending[i]!;
      if (c === '\x1b' && pending.startsWith(PASTE_START, i)) {
        const close = pending.indexOf(PASTE_END, i);
        if (close < 0) break;
        i = close + PASTE_END.length - 1;
        continue;
      }
      const sig = ISIG_CHARS[c];
      if (sig) {
        last = i;
        sigs.push(sig);
      }
    }
    if (last < 0) return;
    this._consume(last + 1);
    this._canon = [];
    const fg = this._foreground;
    for (const sig of sigs) {
      if (this._mode.echo) this._draw(sig === 'SIGINT' ? '^C' : '^\\');
      fg.deliver(sig);
    }
    // Readers blocked on this terminal are interrupted (a `read` returns EINTR, then the signal ends the process).
    const sig = sigs[sigs.length - 1]!;
    for (let i = this._waiters.length - 1; i >= 0; i--) {
      const w = this._waiters[i]!;
      if (w.reject) {
        this._waiters.splice(i, 1);
        w.reject(new SignalExit(sig));
      }
    }
  }

  private _scheduleWant(): void {
    if (this._wantScheduled || this._wantListeners.size === 0) return;
    this._wantScheduled = true;
    queueMicrotask(() => {
      this._wantScheduled = false;
      if (!this.wantsInput) return;
      for (const l of [...this._wantListeners]) l();
    });
  }
}

/** How the terminal echoes input: control characters as `^X` (ECHOCTL), except tab and newline. */
function echoText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 9) out += '\t';
    else if (cp === 10 || cp === 13) out += '\r\n';
    else if (cp < 0x20) out += '^' + String.fromCharCode(cp + 64);
    else if (cp === 0x7f) out += '^?';
    else out += ch;
  }
  return out;
}
