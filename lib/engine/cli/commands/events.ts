/**
 * `docker events [--filter] [--format] [--since] [--until]`: prints the daemon's events as they happen until
 * interrupted (Ctrl-C), in the CLI 28 layout (cli/command/system/events.go). With `--since` (or `--until`) the kept
 * past events (the last 256) come first; an `--until` in the past ends the command after them, one in the future
 * when that time comes (moby api/server/router/system getEvents).
 */
import { formatEvent, type EngineEvent } from '../../events';
import { invalidParameter } from '../../errors';
import { SignalExit } from '../../process/Types';
import { CliError, type CommandSpec } from '../command';
import { parseTimestamp, TimestampError } from '../timestamp';
import { parseDockerTemplate, templateParsingError, type Template } from '../format/template';
import { goStruct } from '../output';
import { parseFilters } from './ps';

const FORMAT_USAGE =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting templates";

/**
 * events.Message: templates read the Go field names (`{{.Type}} {{.Action}} {{.Actor.Attributes.name}}`, `{{.Status}}`,
 * `{{.TimeNano}}`), `{{json .}}` writes the json tags (`status`, `id`, `from`, `scope`, `time`, `timeNano`). The
 * enumerable keys are the JSON names in the struct's order; the Go names are non-enumerable aliases. moby fills
 * the deprecated status/id/from for container events (from = the image) and status/id for image events.
 */
function message(e: EngineEvent): Record<string, unknown> {
  const legacy: Record<string, string> = e.type === 'container' ? { status: e.action, id: e.id, from: e.attributes.image ?? '' } : e.type === 'image' ? { status: e.action, id: e.id } : {};
  const fields: Record<string, unknown> = {
    ...legacy,
    Type: e.type,
    Action: e.action,
    Actor: goStruct('events.Actor', { ID: e.id, Attributes: new Map(Object.entries(e.attributes).sort(([a], [b]) => (a < b ? -1 : 1))) }, false),
    scope: 'local',
    time: Math.floor(e.time / 1000),
    timeNano: BigInt(e.time) * 1_000_000n,
  };
  const m = goStruct('events.Message', fields, false);
  const alias = (goName: string, value: unknown) => Object.defineProperty(m, goName, { value, enumerable: false });
  alias('Status', legacy.status ?? '');
  alias('ID', legacy.id ?? '');
  alias('From', legacy.from ?? '');
  alias('Scope', fields.scope);
  alias('Time', fields.time);
  alias('TimeNano', fields.timeNano);
  return m;
}

export const events: CommandSpec = {
  name: 'events',
  usage: '[OPTIONS]',
  short: 'Get real time events from the server',
  group: 'system',
  topLevel: 'events',
  flags: [
    { name: 'filter', short: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', kind: 'string', usage: FORMAT_USAGE },
    { name: 'since', kind: 'string', usage: 'Show all events created since timestamp' },
    { name: 'until', kind: 'string', usage: 'Stream events until this timestamp' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const engine = ctx.engine;
    const filters = parseFilters(ctx.flags.list('filter'), ['container', 'event', 'image', 'type', 'label']);
    for (const t of filters.get('type') ?? []) if (t !== 'container' && t !== 'image' && !['builder', 'config', 'daemon', 'network', 'node', 'plugin', 'secret', 'service', 'volume'].includes(t)) throw invalidParameter(`Invalid event type "${t}"`);
    const format = ctx.flags.string('format');
    let tmpl: Template | null = null;
    if (format !== '') {
      try {
        tmpl = parseDockerTemplate(format === 'json' ? '{{json .}}' : format);
      } catch (e) {
        throw new CliError(templateParsingError(e as Error), 64);
      }
    }
    // The client sends --since/--until as Unix seconds.nanoseconds (api/types/time GetTimestamp).
    const bound = (flag: 'since' | 'until'): { ms: number; text: string } | undefined => {
      const v = ctx.flags.string(flag);
      if (v === '') return undefined;
      try {
        const ms = parseTimestamp(v, engine.clock.now());
        return { ms, text: `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1_000_000).padStart(9, '0')}` };
      } catch (e) {
        if (e instanceof TimestampError) throw new CliError(e.message);
        throw e;
      }
    };
    const since = bound('since');
    const until = bound('until');
    if (since && until && until.ms < since.ms) throw invalidParameter(`\`since\` time (${since.text}) cannot be after \`until\` time (${until.text})`);
    const matches = (e: EngineEvent): boolean => {
      // moby events/filter.go: exec_create, exec_start and health_status match their `action: command` forms too.
      const fuzzy = (filters.get('event') ?? []).some((v) => v === 'exec_create' || v === 'exec_start' || v === 'health_status');
      const any = (key: string, ok: (v: string) => boolean) => !filters.has(key) || filters.get(key)!.some(ok);
      const c = e.type === 'container';
      return (
        any('type', (v) => v === e.type) &&
        any('event', (v) => v === e.action || (fuzzy && e.action.startsWith(`${v}:`))) &&
        any('container', (v) => c && (e.id.startsWith(v) || e.attributes.name === v)) &&
        any('image', (v) => (c ? e.attributes.image === v : e.id === v || e.id === `sha256:${v}` || e.attributes.name === v)) &&
        any('label', (v) => {
          const eq = v.indexOf('=');
          return eq < 0 ? v in e.attributes : e.attributes[v.slice(0, eq)] === v.slice(eq + 1);
        })
      );
    };
    const lineOf = (e: EngineEvent): string => {
      try {
        return tmpl ? `${tmpl.execute(message(e))}\n` : formatEvent(e);
      } catch (err) {
        return `${templateParsingError(err as Error)}\n`;
      }
    };
    // Lines are written in order, one at a time, however fast events arrive.
    let chain = Promise.resolve();
    const print = (e: EngineEvent) => {
      if (!matches(e)) return;
      const line = lineOf(e);
      chain = chain.then(() => ctx.out(line)).catch(() => {});
    };
    const now = engine.clock.now();
    if (since || until) for (const e of engine.events.past()) if ((!since || e.time >= since.ms) && (!until || e.time <= until.ms)) print(e);
    if (until && until.ms < now) {
      await chain;
      return 0;
    }
    const off = engine.events.subscribe(print);
    try {
      const ended = await new Promise<string | null>((resolve) => {
        if (ctx.proc.signals.terminating) resolve(ctx.proc.signals.terminating);
        const offSig = ctx.proc.signals.onSignal(() => {
          if (!ctx.proc.signals.terminating) return;
          offSig();
          resolve(ctx.proc.signals.terminating);
        });
        if (until) void engine.clock.sleep(until.ms - now, ctx.proc.signals).then(() => resolve(null), () => {});
      });
      await chain;
      if (ended === null) return 0;
      throw new SignalExit(ended as ConstructorParameters<typeof SignalExit>[0]);
    } finally {
      off();
    }
  },
};
