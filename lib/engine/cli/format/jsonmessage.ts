/**
 * How the CLI shows the daemon's progress stream (moby client/pkg/jsonmessage DisplayJSONMessagesStream): on a
 * terminal, every message that carries progress (each layer's status) owns a line that is rewritten in place with
 * cursor movements, with a progress bar when the terminal is wider than 110 columns; anything else (`Digest:`,
 * `Status:`) is printed below and forgets the layer lines. Off a terminal, messages with byte counts are dropped and
 * the rest print one per line.
 */
import { formatGoDuration } from '../../build/parser/goDuration';
import { humanSize } from './units';

export interface JsonMessage {
  readonly id?: string;
  readonly status: string;
  /**
   * Present on layer messages (the daemon sends `progressDetail` with every layer status); byte counts only while
   * downloading, extracting or pushing.
   */
  readonly progress?: { readonly current?: number; readonly total?: number; readonly startMs?: number };
}

/** JSONProgress.String: `[==>   ]  12.3MB/29.5MB 3s`; empty without counts; the bar only above 110 columns. */
export function progressString(p: NonNullable<JsonMessage['progress']>, width: number, nowMs: number): string {
  const current = p.current ?? 0;
  const total = p.total ?? 0;
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  const percentage = Math.min(50, Math.floor(Math.trunc((current / total) * 100) / 2));
  const bar = width > 110 ? `[${'='.repeat(percentage)}>${' '.repeat(50 - percentage)}] ` : '';
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  let left = '';
  if (current > 0 && p.startMs !== undefined && percentage < 50 && width > 50) {
    const remainingMs = ((total - current) * (nowMs - p.startMs)) / current;
    left = ` ${formatGoDuration(Math.floor(remainingMs / 1000) * 1e9)}`;
  }
  return bar + numbers + left;
}

export class JsonMessageDisplay {
  /** Layer id → its line, counted from the first tracked line. */
  private _ids = new Map<string, number>();

  constructor(
    private readonly _write: (text: string) => Promise<void>,
    private readonly _terminal: boolean,
    private readonly _width: number,
    private readonly _now: () => number,
  ) {}

  async show(m: JsonMessage): Promise<void> {
    const t = this._terminal;
    const hasCounts = m.progress !== undefined && ((m.progress.current ?? 0) > 0 || (m.progress.total ?? 0) > 0);
    if (!t) {
      if (hasCounts) return;
      await this._write(m.id !== undefined ? `${m.id}: ${m.status}\n` : `${m.status}\n`);
      return;
    }
    let out = '';
    let diff = 0;
    const tracked = m.id !== undefined && m.progress !== undefined;
    if (tracked) {
      let line = this._ids.get(m.id!);
      if (line === undefined) {
        line = this._ids.size;
        this._ids.set(m.id!, line);
        out += '\n';
      }
      diff = this._ids.size - line;
      out += `\x1b[${diff}A`;
    } else {
      this._ids = new Map();
    }
    if (m.progress !== undefined) {
      out += '\x1b[2K\r';
      out += `${m.id !== undefined ? `${m.id}: ` : ''}${m.status} ${progressString(m.progress, this._width, this._now())}\r`;
    } else {
      out += `${m.id !== undefined ? `${m.id}: ` : ''}${m.status}\n`;
    }
    if (tracked) out += `\x1b[${diff}B`;
    await this._write(out);
  }
}

/** A display for a command's progress stream on `stream` (stdout for `pull`, stderr when `run` pulls). */
export function progressDisplay(
  stream: { readonly isTTY: boolean; write(t: string): Promise<void> },
  tty: { readonly columns: number } | null,
  now: () => number,
): JsonMessageDisplay {
  const terminal = stream.isTTY && tty !== null;
  return new JsonMessageDisplay((t) => stream.write(t), terminal, terminal ? tty.columns : 80, now);
}
