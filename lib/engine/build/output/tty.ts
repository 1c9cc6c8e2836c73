/**
 * BuildKit's TTY view (buildkit util/progress/progressui/display.go, ttyDisplay.print), the default when stderr is a
 * terminal: a block redrawn in place with cursor movements —
 *
 *   [+] Building 2.3s (8/8) FINISHED                                      docker:default
 *    => [internal] load build definition from Dockerfile                            0.0s
 *    => => transferring dockerfile: 134B                                            0.0s
 *    => CACHED [1/3] FROM docker.io/library/alpine:3.20@sha256:…                     0.0s
 *    => ERROR [3/3] RUN exit 3                                                      0.3s
 *
 * One line per started vertex (`CACHED `/`ERROR `/`CANCELED ` before the name), one per sub-status (`=> => id`,
 * bytes when known), one per warning (`=> WARN: …`), the time right-aligned so every line is width-1 columns,
 * names cut to fit; completed lines coloured (blue, red for errors, yellow for canceled and warnings). While a
 * vertex runs, its last output lines show under it as ` => => # <line>` (faint); the final screen (drawn by
 * close(), every line, FINISHED when all vertices completed) keeps only the step lines, as Docker leaves them.
 * Redraws follow events, at most one per 100 ms of the clock (BuildKit's display rate limit); the header time and
 * step times come from the same clock.
 */
import { formatF } from '../../cli/format/goFloat';
import { statusBytes, type BuildProgress, type ProgressVertex, type StatusOptions } from './progress';
import { logTime } from './plain';

const ESC = '\x1b[';
const BLUE = `${ESC}34m`;
const RED = `${ESC}31m`;
const YELLOW = `${ESC}33m`;
const FAINT = `${ESC}2m`;
const RESET = `${ESC}0m`;
/** BuildKit's live log height (termHeightMin; BUILDKIT_TTY_LOG_LINES changes it there). */
const TERM_HEIGHT = 6;
/** Columns the live log loses to its ` => => # ` prefix and margin (termPad). */
const TERM_PAD = 10;
const RATE_MS = 100;

interface Interval {
  readonly start: number;
  stop: number | undefined;
}

interface StatusRow {
  readonly id: string;
  options: StatusOptions;
  readonly interval: Interval;
}

interface Job {
  readonly name: string;
  readonly intervals: readonly Interval[];
  readonly completed: boolean;
  readonly status: string;
  readonly color: string | undefined;
  readonly vertex?: TtyVertex;
}

export class TtyPrinter implements BuildProgress {
  /** Vertices in the order they started (BuildKit's t.vertexes). */
  readonly shown: TtyVertex[] = [];
  private _expected = 0;
  private _plannedShown = 0;
  private _start: number | undefined;
  private _lineCount = 0;
  private _repeated = false;
  private _lastDraw: number | undefined;
  private _closed = false;

  constructor(
    private readonly _write: (text: string) => Promise<void>,
    private readonly _now: () => number,
    private readonly _size: () => { readonly columns: number; readonly rows: number },
  ) {}

  async preamble(): Promise<void> {
    // buildx shows its driver in the header (`docker:default`) instead of a `#0` line.
  }

  async vertex(name: string, planned = false): Promise<TtyVertex> {
    return new TtyVertex(this, name, planned);
  }

  expect(count: number): void {
    this._expected = count;
  }

  now(): number {
    return this._now();
  }

  /** Called when a vertex first reports anything: it joins the display. */
  started(v: TtyVertex): void {
    this._start ??= v.interval.start;
    this.shown.push(v);
    if (v.planned) this._plannedShown++;
  }

  /** A change happened: redraw unless the last draw was less than 100 ms ago. */
  async changed(): Promise<void> {
    if (this._closed) return;
    const now = this._now();
    if (this._lastDraw !== undefined && now - this._lastDraw < RATE_MS) return;
    this._lastDraw = now;
    await this._write(this.render(false));
  }

  /** Draws the final screen once; later calls (an error path closing again) change nothing. */
  async close(): Promise<void> {
    if (this._closed) return;
    this._closed = true;
    await this._write(this.render(true));
  }

  private jobs(): Job[] {
    const jobs: Job[] = [];
    for (const v of this.shown) {
      let name = v.name.replace(/\t/g, ' ');
      let color: string | undefined = BLUE;
      if (v.errorMessage !== undefined) {
        name = `${v.wasCanceled ? 'CANCELED' : 'ERROR'} ${name}`;
        color = v.wasCanceled ? YELLOW : RED;
      }
      if (v.wasCached) name = `CACHED ${name}`;
      jobs.push({ name, intervals: [v.interval], completed: v.interval.stop !== undefined, status: '', color, vertex: v });
      for (const s of v.statuses) {
        jobs.push({ name: `=> ${s.id}`, intervals: [s.interval], completed: s.interval.stop !== undefined, status: statusBytes(s.options), color: BLUE });
      }
      for (const w of v.warnings) jobs.push({ name: `WARN: ${w}`, intervals: [v.interval], completed: true, status: '', color: YELLOW });
    }
    return jobs;
  }

  /** One frame (ttyDisplay.print): cursor back to the block's first line, then the header and the job lines. */
  render(all: boolean): string {
    const { columns: width, rows: height } = this._size();
    const now = this._now();
    let jobs = this.jobs();
    let out = `${ESC}1A`.repeat(this._lineCount + 1);
    if (!this._repeated) out += `${ESC}1B`;
    this._repeated = true;
    out += `${ESC}0G${ESC}?25l`;

    const total = this.shown.length + Math.max(0, this._expected - this._plannedShown);
    const completed = this.shown.filter((v) => v.interval.stop !== undefined).length;
    const secs = (now - (this._start ?? now)) / 1000;
    let header = `[+] Building ${formatF(secs, 1)}s (${completed}/${total}) ${all && completed > 0 && completed === total ? 'FINISHED' : ''}`;
    header = align(header, 'docker:default', width - 1);
    if (header.length > width) header = header.slice(0, width);
    out += `${header}\n`;

    // Live output of running steps that have some, while the screen has room for it (setupTerminals).
    const showTerm = new Set<TtyVertex>();
    let hidden = 0;
    const inUse = jobs.filter((j) => !j.completed).length;
    let free = height - 2 - inUse;
    const candidates = jobs
      .filter((j) => j.vertex !== undefined && !j.completed && j.vertex.termBytes > 0)
      .sort((a, b) => b.vertex!.termBytes + b.vertex!.termCount * 50 - (a.vertex!.termBytes + a.vertex!.termCount * 50));
    for (const c of candidates) {
      if (free <= TERM_HEIGHT + 3) break;
      showTerm.add(c.vertex!);
      hidden += c.vertex!.termLines(width - TERM_PAD).length;
      free -= TERM_HEIGHT + 3;
    }
    if (!all) jobs = wrapHeight(jobs, height - 2 - hidden);

    let lineCount = 0;
    for (const j of jobs) {
      let dt = j.intervals.reduce((n, iv) => n + ((iv.stop ?? now) - iv.start) / 1000, 0);
      if (dt < 0.05) dt = 0;
      const pfx = ' => ';
      const timer = ` ${formatF(dt, 1).padStart(3)}s\n`;
      let left = width - pfx.length - timer.length - 1;
      let showStatus = false;
      if (j.status !== '' && left + j.status.length > 20) {
        showStatus = true;
        left -= j.status.length + 1;
      }
      if (left < 12) continue; // too small a screen to show progress
      const name = j.name.length > left ? j.name.slice(0, left) : j.name;
      let line = align(pfx + name + (showStatus ? ` ${j.status}` : ''), timer, width);
      if (j.completed && j.color !== undefined) line = `${j.color}${line}${RESET}`;
      out += line;
      lineCount++;
      if (j.vertex && showTerm.has(j.vertex)) {
        for (const l of j.vertex.termLines(width - TERM_PAD)) {
          out += `${FAINT} => => # ${l}\n${RESET}`;
          lineCount++;
        }
        j.vertex.termCount++;
      }
    }
    // Blank out what the previous frame drew below this one.
    const diff = this._lineCount - lineCount;
    if (diff > 0) {
      out += `${' '.repeat(width)}\n`.repeat(diff);
      out += `${ESC}${diff}A${ESC}0G`;
    }
    this._lineCount = lineCount;
    return `${out}${ESC}?25h`;
  }
}

/** Go's `fmt.Sprintf("%-*s %s", w-len(r)-1, l, r)`. */
function align(l: string, r: string, w: number): string {
  return `${l.padEnd(w - r.length - 1)} ${r}`;
}

/** Keeps the last `limit` jobs, moving running ones that would be cut back into view (display.go wrapHeight). */
function wrapHeight(jobs: Job[], limit: number): Job[] {
  if (limit < 0) return [];
  if (jobs.length <= limit) return jobs;
  let wrapped = jobs.slice(jobs.length - limit);
  const invisible = jobs.slice(0, jobs.length - limit).filter((j) => !j.completed);
  if (invisible.length > 0) {
    let l = invisible.length;
    const rewrapped: Job[] = [];
    for (const j of wrapped) {
      if (!j.completed || l <= 0) rewrapped.push(j);
      l--;
    }
    const freespace = wrapped.length - rewrapped.length;
    wrapped = [...invisible.slice(invisible.length - freespace), ...rewrapped];
  }
  return wrapped;
}

export class TtyVertex implements ProgressVertex {
  readonly statuses: StatusRow[] = [];
  readonly warnings: string[] = [];
  /** Every output line with its time: the TTY display keeps all of them for the error summary. */
  readonly logs: string[] = [];
  interval: Interval;
  wasCached = false;
  wasCanceled = false;
  errorMessage: string | undefined;
  termBytes = 0;
  termCount = 0;
  private _joined = false;
  private _partial = '';
  /** The live log as a small terminal would hold it: complete lines plus the one being written. */
  private _screen: string[] = [''];

  constructor(
    private readonly _p: TtyPrinter,
    readonly name: string,
    readonly planned: boolean,
  ) {
    this.interval = { start: _p.now(), stop: undefined };
  }

  private _join(): void {
    if (this._joined) return;
    this._joined = true;
    this.interval = { start: this._p.now(), stop: undefined };
    this._p.started(this);
  }

  async start(): Promise<void> {
    this._join();
    await this._p.changed();
  }

  async status(id: string, options: StatusOptions = {}): Promise<void> {
    this._join();
    const now = this._p.now();
    let row = this.statuses.find((s) => s.id === id);
    if (!row) {
      row = { id, options, interval: { start: now, stop: undefined } };
      this.statuses.push(row);
    }
    row.options = options;
    if (options.done !== false) row.interval.stop = now;
    await this._p.changed();
  }

  async warn(text: string): Promise<void> {
    this._join();
    this.warnings.push(text);
    await this._p.changed();
  }

  async log(data: string): Promise<void> {
    this._join();
    this.termBytes += data.length;
    const t = logTime((this._p.now() - this.interval.start) / 1000);
    const lines = (this._partial + data).split('\n');
    this._partial = lines.pop()!;
    for (const l of lines) this.logs.push(`${t} ${l}`);
    for (const c of data) {
      if (c === '\n') this._screen.push('');
      else if (c === '\r') this._screen[this._screen.length - 1] = '';
      else this._screen[this._screen.length - 1] += c;
    }
    if (this._screen.length > 100) this._screen = this._screen.slice(-TERM_HEIGHT - 1);
    await this._p.changed();
  }

  /** The live log's visible rows at `width` columns (long lines wrap), the last few non-empty ones. */
  termLines(width: number): string[] {
    const rows: string[] = [];
    for (const line of this._screen) {
      if (line === '') {
        rows.push('');
        continue;
      }
      for (let i = 0; i < line.length; i += Math.max(1, width)) rows.push(line.slice(i, i + Math.max(1, width)));
    }
    return rows.slice(-TERM_HEIGHT).filter((r) => r.trim() !== '');
  }

  private async _end(): Promise<void> {
    this._join();
    if (this._partial !== '') {
      this.logs.push(`${logTime((this._p.now() - this.interval.start) / 1000)} ${this._partial}`);
      this._partial = '';
    }
    this.interval.stop = this._p.now();
    await this._p.changed();
  }

  async done(): Promise<void> {
    await this._end();
  }

  async cached(): Promise<void> {
    this.wasCached = true;
    await this._end();
  }

  async error(message: string): Promise<void> {
    this.errorMessage = message;
    await this._end();
  }

  async canceled(): Promise<void> {
    this.errorMessage = 'context canceled';
    this.wasCanceled = true;
    await this._end();
  }
}
