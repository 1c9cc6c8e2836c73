/**
 * `docker history IMAGE` (docker.md §4.4; moby daemon/images/image_history.go, docker/cli formatter_history.go):
 * one row per config history entry, newest first; the IMAGE column follows the local parent chain, then
 * `<missing>`; SIZE is the layer's size for entries that made one.
 */
import { nanosToMillis, parseRfc3339 } from '../../format/time';
import type { Image } from '../../image/Image';
import type { CommandSpec } from '../command';
import { formatRfc3339 } from '../format/time';
import { humanDuration, humanSizeWithPrecision } from '../format/units';
import { ellipsis } from '../format/width';
import { goStruct, renderFormatted, truncateId } from '../output';
import { FORMAT_USAGE } from './ps';

const TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const TABLE_RAW = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const HEADERS = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };
/** Human CREATED is left blank for entries created at or before 2000-01-01 (CLI 28 formatter_history.go `epoch`). */
const Y2K_MS = Date.UTC(2000, 0, 1);

interface HistoryItem {
  readonly id: string;
  /** Epoch ms, whole seconds (the API sends Unix seconds); null without a time. */
  readonly created: number | null;
  readonly createdBy: string;
  readonly comment: string;
  readonly size: number;
}

/** The daemon's ImageHistory for the graphdriver store. */
export function imageHistory(img: Image, parentOf: (img: Image) => Image | undefined): HistoryItem[] {
  const items: Array<Omit<HistoryItem, 'id'>> = [];
  let layer = 0;
  for (const h of img.config.history ?? []) {
    let size = 0;
    if (!h.empty_layer) size = img.layers[layer++]?.size ?? 0;
    let created: number | null = null;
    if (h.created) {
      try {
        created = Math.floor(nanosToMillis(parseRfc3339(h.created)) / 1000) * 1000;
      } catch {
        created = null;
      }
    }
    items.unshift({ created, createdBy: h.created_by ?? '', comment: h.comment ?? '', size });
  }
  const out: HistoryItem[] = items.map((i) => ({ ...i, id: '<missing>' }));
  let cur: Image | undefined = img;
  for (let k = 0; k < out.length && cur; k++) {
    out[k] = { ...out[k]!, id: cur.id };
    cur = parentOf(cur);
  }
  return out;
}

export const history: CommandSpec = {
  name: 'history',
  usage: '[OPTIONS] IMAGE',
  short: 'Show the history of an image',
  group: 'image',
  topLevel: 'history',
  flags: [
    { name: 'format', kind: 'string', usage: FORMAT_USAGE },
    { name: 'human', short: 'H', kind: 'bool', usage: 'Print sizes and dates in human readable format', default: true },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only show image IDs' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const engine = ctx.engine;
    const img = engine.images.resolve(ctx.args[0]!);
    const human = ctx.flags.bool('human');
    const trunc = !ctx.flags.bool('no-trunc');
    const now = engine.clock.now();
    const items = imageHistory(img, (i) => (i.parent ? engine.images.get(i.parent) : undefined));
    const rows = items.map((h) => {
      // A missing time is Go's zero time (year 1); human output leaves times up to 2000-01-01 blank.
      const createdAt = h.created === null ? '0001-01-01T00:00:00Z' : formatRfc3339(h.created);
      const old = h.created === null || h.created <= Y2K_MS;
      const createdBy = h.createdBy.replace(/\t/g, ' ');
      return goStruct('*formatter.historyContext', {
        ID: trunc ? truncateId(h.id) : h.id,
        CreatedSince: !human ? createdAt : old ? '' : `${humanDuration(now - h.created!)} ago`,
        CreatedAt: createdAt,
        CreatedBy: trunc ? ellipsis(createdBy, 45) : createdBy,
        Size: human ? humanSizeWithPrecision(h.size, 3) : String(h.size),
        Comment: h.comment,
      });
    });
    await ctx.out(
      renderFormatted({ format: ctx.flags.string('format'), defaultTable: human ? TABLE : TABLE_RAW, quiet: ctx.flags.bool('quiet'), headers: HEADERS, rows }),
    );
  },
};
