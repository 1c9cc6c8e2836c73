/**
 * `docker logs [-f] [-n N] [-t] CONTAINER`: what the container printed, stdout to stdout and stderr to stderr, as
 * the json-file driver keeps it (one entry per line). `-f` keeps printing until the container stops (or Ctrl-C).
 */
import { SignalExit } from '../../process/Types';
import type { LogChunk } from '../../container/logs';
import { toNanos } from '../../format/time';
import { formatRfc3339 } from '../format/time';
import type { CommandContext, CommandSpec } from '../command';

interface Entry {
  readonly stream: 'stdout' | 'stderr';
  readonly data: Uint8Array;
  readonly time: number;
}

/** Splits chunks into lines (each keeps its newline); a final piece without one is an entry of its own. */
function entriesOf(chunks: readonly LogChunk[]): Entry[] {
  const out: Entry[] = [];
  for (const c of chunks) {
    let start = 0;
    for (let i = 0; i < c.data.length; i++) {
      if (c.data[i] === 0x0a) {
        out.push({ stream: c.stream, data: c.data.subarray(start, i + 1), time: c.time });
        start = i + 1;
      }
    }
    if (start < c.data.length) out.push({ stream: c.stream, data: c.data.subarray(start), time: c.time });
  }
  return out;
}

/** jsonmessage.RFC3339NanoFixed: always nine fraction digits. */
export function rfc3339NanoFixed(ms: number): string {
  const base = formatRfc3339(ms);
  const nanos = Number(toNanos(ms) % 1_000_000_000n);
  return `${base.slice(0, -1)}.${String(nanos).padStart(9, '0')}Z`;
}

async function write(ctx: CommandContext, e: Entry, timestamps: boolean): Promise<void> {
  const stream = e.stream === 'stdout' ? ctx.proc.stdout : ctx.proc.stderr;
  if (timestamps) await stream.write(`${rfc3339NanoFixed(e.time)} `);
  await stream.write(e.data);
}

export const logs: CommandSpec = {
  name: 'logs',
  usage: '[OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  group: 'container',
  topLevel: 'logs',
  flags: [
    { name: 'follow', short: 'f', kind: 'bool', usage: 'Follow log output' },
    { name: 'tail', short: 'n', kind: 'string', usage: 'Number of lines to show from the end of the logs', default: 'all' },
    { name: 'timestamps', short: 't', kind: 'bool', usage: 'Show timestamps' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const c = ctx.engine.containers.resolve(ctx.args[0]!);
    const timestamps = ctx.flags.bool('timestamps');
    // The daemon reads --tail with Atoi: anything that is not a number means all lines.
    const tailText = ctx.flags.string('tail');
    const tail = /^[+-]?[0-9]+$/.test(tailText) ? Number(tailText) : -1;
    const follow = ctx.flags.bool('follow') && c.running;
    // Subscribe before printing the backlog so nothing written in between is lost.
    const queue: LogChunk[] = [];
    let wake: (() => void) | null = null;
    let closed = !follow;
    const offData = follow ? c.logs.subscribe((ch) => (queue.push(ch), wake?.())) : () => {};
    const offClose = follow ? c.logs.onClose(() => ((closed = true), wake?.())) : () => {};
    const offSignal = ctx.proc.signals.onSignal(() => wake?.());
    try {
      let backlog = entriesOf(c.logs.all());
      if (tail >= 0) backlog = tail === 0 ? [] : backlog.slice(-tail);
      for (const e of backlog) await write(ctx, e, timestamps);
      for (;;) {
        for (const e of entriesOf(queue.splice(0))) await write(ctx, e, timestamps);
        if (closed) break;
        const t = ctx.proc.signals.terminating;
        if (t) throw new SignalExit(t);
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      offData();
      offClose();
      offSignal();
    }
  },
};
