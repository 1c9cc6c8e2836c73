/**
 * `docker events [--filter] [--format]`: prints the daemon's events as they happen until interrupted (Ctrl-C), in
 * the CLI 28 layout (cli/command/system/events.go). Past events (`--since`/`--until`) are not kept by layerlab, so
 * those flags are not offered.
 */
import { formatEvent, type EngineEvent } from '../../events';
import { invalidParameter } from '../../errors';
import { SignalExit } from '../../process/Types';
import { CliError, type CommandSpec } from '../command';
import { parseDockerTemplate, templateParsingError, type Template } from '../format/template';
import { goStruct } from '../output';
import { parseFilters } from './ps';

const FORMAT_USAGE =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting templates";

/** events.Message as templates see it (`{{.Type}} {{.Action}} {{.Actor.Attributes.name}}`). */
function message(e: EngineEvent): Record<string, unknown> {
  const nanos = BigInt(e.time) * 1_000_000n;
  const legacy = e.type === 'container' ? { status: e.action, id: e.id, from: e.attributes.image ?? '' } : {};
  return goStruct(
    'events.Message',
    {
      ...(e.type === 'container' ? { Status: legacy.status, ID: legacy.id, From: legacy.from } : {}),
      Type: e.type,
      Action: e.action,
      Actor: goStruct('events.Actor', { ID: e.id, Attributes: new Map(Object.entries(e.attributes).sort(([a], [b]) => (a < b ? -1 : 1))) }, false),
      scope: 'local',
      time: Math.floor(e.time / 1000),
      timeNano: nanos,
    },
    false,
  );
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
    const matches = (e: EngineEvent): boolean => {
      const any = (key: string, ok: (v: string) => boolean) => !filters.has(key) || filters.get(key)!.some(ok);
      const c = e.type === 'container';
      return (
        any('type', (v) => v === e.type) &&
        any('event', (v) => v === e.action) &&
        any('container', (v) => c && (e.id.startsWith(v) || e.attributes.name === v)) &&
        any('image', (v) => (c ? e.attributes.image === v : e.id === v || e.id === `sha256:${v}` || e.attributes.name === v)) &&
        any('label', (v) => {
          const eq = v.indexOf('=');
          return eq < 0 ? v in e.attributes : e.attributes[v.slice(0, eq)] === v.slice(eq + 1);
        })
      );
    };
    // Lines are written in order, one at a time, however fast events arrive.
    let chain = Promise.resolve();
    const off = engine.events.subscribe((e) => {
      if (!matches(e)) return;
      let line: string;
      try {
        line = tmpl ? `${tmpl.execute(message(e))}\n` : formatEvent(e);
      } catch (err) {
        line = `${templateParsingError(err as Error)}\n`;
      }
      chain = chain.then(() => ctx.out(line)).catch(() => {});
    });
    try {
      const sig = await new Promise<string>((resolve) => {
        if (ctx.proc.signals.terminating) resolve(ctx.proc.signals.terminating);
        const offSig = ctx.proc.signals.onSignal(() => {
          if (!ctx.proc.signals.terminating) return;
          offSig();
          resolve(ctx.proc.signals.terminating);
        });
      });
      await chain;
      throw new SignalExit(sig as ConstructorParameters<typeof SignalExit>[0]);
    } finally {
      off();
    }
  },
};
