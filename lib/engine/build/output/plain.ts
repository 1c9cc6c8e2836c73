/**
 * BuildKit's plain progress printer (buildkit util/progress/progressui/printer.go, docker.md §5.2): numbered
 * vertices, a blank line between blocks, `#n <t> <log line>` for process output with the time since the vertex
 * started, `#n DONE 0.3s` / `#n CACHED` / `#n ERROR: …`. Log output is split into lines; a partial line waits for
 * its newline (or the vertex's end). Numbers are Go's `%.Nf` (exact halves round to even: 1.25 → 1.2).
 */
import { formatF } from '../../cli/format/goFloat';
import { statusBytes, type BuildProgress, type ProgressVertex, type StatusOptions } from './progress';

export class PlainPrinter implements BuildProgress {
  private _next = 0;
  private _any = false;
  private _active: Vertex | null = null;

  constructor(
    private readonly _write: (text: string) => Promise<void>,
    private readonly _now: () => number,
  ) {}

  /** buildx's first line (`#0 building with ...`), followed by a blank line before the first vertex. */
  async preamble(line: string): Promise<void> {
    await this.raw(line);
    this._any = true;
    this._next = 1;
  }

  /** A new numbered vertex (numbers in order of first appearance). */
  async vertex(name: string): Promise<Vertex> {
    return new Vertex(this, this._next++, name, this._now());
  }

  expect(): void {
    // The plain display has no header to count vertices in.
  }

  async close(): Promise<void> {
    // Everything was printed as it happened.
  }

  /** Prints a block header if `v` is not the vertex currently printing. */
  async activate(v: Vertex): Promise<void> {
    if (this._active === v) return;
    if (this._active && !this._active.completed) await this.raw(`#${this._active.n} ...\n`);
    await this.raw(`${this._any ? '\n' : ''}#${v.n} ${v.name}\n`);
    this._any = true;
    this._active = v;
  }

  now(): number {
    return this._now();
  }

  raw(text: string): Promise<void> {
    return this._write(text);
  }
}

/** Seconds as BuildKit prints log times: 3 decimals below 10 s, 2 below 100 s, else 1. */
export function logTime(sec: number): string {
  if (sec < 10) return formatF(sec, 3);
  if (sec < 100) return formatF(sec, 2);
  return formatF(sec, 1);
}

export class Vertex implements ProgressVertex {
  completed = false;
  private _partial = '';
  /** The last log lines (for the error summary block). */
  readonly logs: string[] = [];

  constructor(
    private readonly _p: PlainPrinter,
    readonly n: number,
    readonly name: string,
    readonly started: number,
  ) {}

  private get elapsed(): number {
    return Math.max(0, this._p.now() - this.started) / 1000;
  }

  async start(): Promise<void> {
    await this._p.activate(this);
  }

  /** `#n <id>[ <bytes>][ <time>][ done]` (printer.go): the time only for timed statuses, `done` once complete. */
  async status(id: string, o: StatusOptions = {}): Promise<void> {
    await this._p.activate(this);
    const bytes = statusBytes(o);
    const done = o.done !== false;
    const tm = o.timed ? ` ${formatF(done ? 0 : this.elapsed, 1)}s` : '';
    await this._p.raw(`#${this.n} ${id}${bytes === '' ? '' : ` ${bytes}`}${tm}${done ? ' done' : ''}\n`);
  }

  async warn(text: string): Promise<void> {
    await this._p.activate(this);
    await this._p.raw(`#${this.n} WARN: ${text}\n`);
  }

  async log(data: string): Promise<void> {
    const text = this._partial + data;
    const lines = text.split('\n');
    this._partial = lines.pop()!;
    for (const line of lines) await this._line(line);
  }

  private async _line(line: string): Promise<void> {
    await this._p.activate(this);
    const t = logTime(this.elapsed);
    this.logs.push(`${t} ${line}`);
    if (this.logs.length > 10) this.logs.shift();
    await this._p.raw(`#${this.n} ${t} ${line}\n`);
  }

  private async _flush(): Promise<void> {
    if (this._partial !== '') {
      const l = this._partial;
      this._partial = '';
      await this._line(l);
    }
  }

  async done(): Promise<void> {
    await this._flush();
    await this._p.activate(this);
    this.completed = true;
    await this._p.raw(`#${this.n} DONE ${formatF(this.elapsed, 1)}s\n`);
  }

  async cached(): Promise<void> {
    await this._p.activate(this);
    this.completed = true;
    await this._p.raw(`#${this.n} CACHED\n`);
  }

  async error(message: string): Promise<void> {
    await this._flush();
    await this._p.activate(this);
    this.completed = true;
    await this._p.raw(`#${this.n} ERROR: ${message}\n`);
  }

  async canceled(): Promise<void> {
    await this._flush();
    await this._p.activate(this);
    this.completed = true;
    await this._p.raw(`#${this.n} CANCELED\n`);
  }
}

/**
 * The source excerpt buildx prints under a failed step (buildkit solver/errdefs/source.go Print): `<file>:<line>`,
 * then the lines ` %3d | <pfx> <text>` with `>>>` on the failing ones and up to 4 lines of context around them.
 */
export function sourceExcerpt(fileName: string, text: string, start: number, end: number): string {
  const lines = text.split('\n');
  let s = start;
  let e = end;
  const pad = s === e ? 4 : 2;
  let p = 0;
  while (p < pad) {
    if (s > 1) {
      s--;
      p++;
    }
    if (e < lines.length) {
      e++;
      p++;
    }
    p++;
  }
  let out = `${fileName}:${start === end ? start : `${start}-${end}`}\n--------------------\n`;
  for (let i = s; i <= e; i++) {
    const pfx = i >= start && i <= end ? '>>>' : '   ';
    out += ` ${String(i).padStart(3)} | ${pfx} ${lines[i - 1] ?? ''}\n`;
  }
  return `${out}--------------------\n`;
}
