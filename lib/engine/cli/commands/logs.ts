/**
 * `docker logs [-f] [-n N] [-t] [--since T] [--until T] [--details] CONTAINER`: what the container printed, stdout to stdout and stderr to stderr, as
 * the json-file driver keeps it (one entry per line). `-f` keeps printing until the container stops (or Ctrl-C).
 */
import { SignalExit } from '../../process/Types';
import type { LogChunk } from '../../container/logs';
import { toNanos } from '../../format/time';
import { formatRfc3339 } from '../format/time';
import { CliError, type CommandContext, type CommandSpec } from '../command';
import { parseTimestamp, TimestampError } from '../timestamp';

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

async function write(ctx: CommandContext, e: Entry, timestamps: boolean, details: boolean): Promise<void> {
  const stream = e.stream === 'stdout' ? ctx.proc.stdout : ctx.proc.stderr;
  if (timestamps) await stream.write(`${rfc3339NanoFixed(e.time)} `);
  // --details puts the entry's attributes (none: no --log-opt labels/env are simulated) and a space before it.
  if (details) await stream.write(' ');
  await stream.write(e.data);
}

export const logs: CommandSpec = {
  name: 'logs',
  usage: '[OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  group: 'container',
  topLevel: 'logs',
  flags: [
    { name: 'details', kind: 'bool', usage: 'Show extra details provided to logs' },
    { name: 'follow', short: 'f', kind: 'bool', usage: 'Follow log output' },
    { name: 'since', kind: 'string', usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', short: 'n', kind: 'string', usage: 'Number of lines to show from the end of the logs', default: 'all' },
    { name: 'timestamps', short: 't', kind: 'bool', usage: 'Show timestamps' },
    { name: 'until', kind: 'string', usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    // The client turns --since/--until into Unix times before asking the daemon (client/container_logs.go).
    const bound = (flag: 'since' | 'until'): number | undefined => {
      const v = ctx.flags.string(flag);
      if (v === '') return undefined;
      try {
        return parseTimestamp(v, ctx.engine.clock.now());
      } catch (e) {
        if (e instanceof TimestampError) throw new CliError(`invalid value for "${flag}": ${e.message}`);
        throw e;
      }
    };
    const since = bound('since');
    const until = bound('until');
    const c = ctx.engine.containers.resolve(ctx.args[0]!);
    const timestamps = ctx.flags.bool('timestamps');
    const details = ctx.flags.bool('details');
    const inRange = (e: Entry) => (since === undefined || e.time >= since) && (until === undefined || e.time <= until);
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
      // The json-file reader takes the tail first, then skips what is outside --since/--until.
      let backlog = entriesOf(c.logs.all());
      if (tail >= 0) backlog = tail === 0 ? [] : backlog.slice(-tail);
      backlog = backlog.filter(inRange);
      for (const e of backlog) await write(ctx, e, timestamps, details);
      for (;;) {
        for (const e of entriesOf(queue.splice(0)).filter(inRange)) await write(ctx, e, timestamps, details);
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
