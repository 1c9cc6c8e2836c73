/**
 * `docker system df [-v] [--format]` (CLI 28 cli/command/system/df.go, formatter/disk_usage.go; moby
 * daemon/disk_usage.go with the graphdriver image service).
 *
 * Images: the images `docker images` lists (tagged, and untagged ones without children); SIZE is every layer in the
 * store once; an image is active when a container uses it; RECLAIMABLE is SIZE minus the unique size of active
 * images (the CLI 28 formula, so layers shared with an active image count as reclaimable). Containers: SIZE is the
 * sum of the writable layers; running, paused and restarting ones are active. Build Cache: BuildKit's records
 * (build/cache.ts); a record whose layer a stored image holds is shared and counts no bytes (formatter disk_usage:
 * SIZE and RECLAIMABLE sum the unshared ones; nothing is in use between builds).
 */
import { containerCommand, containerImage, containerStatus } from './ps';
import type { Engine } from '../../Engine';
import type { Container } from '../../container/Container';
import { layerFromMemNode } from '../../fs/diff';
import { familiarName } from '../../format/reference';
import type { Image } from '../../image/Image';
import type { Layer } from '../../image/Layer';
import { goQuoteString } from '../format/template/fmt';
import { volumeSize, volumeUsers } from '../../volume/usage';
import { buildCacheOf } from '../../build/cache';
import type { CommandSpec } from '../command';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../format/units';
import { ellipsis } from '../format/width';
import { goStruct, renderFormatted, truncateId } from '../output';

const SUMMARY_TABLE = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const SUMMARY_HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };
const IMAGE_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
const CONTAINER_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
const VOLUME_TABLE = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
const CACHE_TABLE = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';

const FORMAT_USAGE =
  "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting templates";

interface ImageUsage {
  readonly image: Image;
  readonly size: number;
  readonly shared: number;
  readonly containers: number;
}

const layerIds = new WeakMap<Layer, number>();
let nextLayerId = 0;
/** A layer's identity in the layer store: its diff_id when known, else the object (never hash just to count). */
const layerKey = (l: Layer) => (l.hasDiffId ? l.diffId : `#${layerIds.get(l) ?? (layerIds.set(l, nextLayerId++), nextLayerId - 1)}`);

/** Layer chains of every stored image (chain = the layer on top of its parents, as the layer store keys them). */
function chainsOf(img: Image): string[] {
  const out: string[] = [];
  let chain = '';
  for (const l of img.layers) {
    chain += `/${layerKey(l)}`;
    out.push(chain);
  }
  return out;
}

export function imageUsage(engine: Engine): { images: ImageUsage[]; layersSize: number } {
  const refCount = new Map<string, number>();
  const sizes = new Map<string, number>();
  const all = engine.images.list();
  const chains = new Map<Image, string[]>();
  for (const img of all) {
    const cs = chainsOf(img);
    chains.set(img, cs);
    cs.forEach((c, i) => {
      refCount.set(c, (refCount.get(c) ?? 0) + 1);
      sizes.set(c, img.layers[i]!.size);
    });
  }
  let layersSize = 0;
  for (const s of sizes.values()) layersSize += s;
  const listed = all.filter((img) => engine.images.refsOf(img.id).length > 0 || engine.images.children(img.id).length === 0);
  const images = listed.map((image) => {
    let shared = 0;
    for (const c of chains.get(image)!) if ((refCount.get(c) ?? 0) > 1) shared += sizes.get(c)!;
    return { image, size: image.size, shared, containers: engine.containers.usingImage(image.id).length };
  });
  return { images, layersSize };
}

const rwSize = (c: Container) => layerFromMemNode(c.overlay.upper).size;
const isActive = (c: Container) => c.state.status === 'running' || c.state.status === 'paused' || c.state.status === 'restarting';

function withPercent(reclaimable: number, total: number): string {
  return total > 0 ? `${humanSize(reclaimable)} (${Math.floor((reclaimable * 100) / total)}%)` : humanSize(reclaimable);
}

function summary(type: string, total: number, active: number, size: number, reclaimable: string) {
  return goStruct('*formatter.diskUsageContext', { Type: type, TotalCount: String(total), Active: String(active), Size: humanSize(size), Reclaimable: reclaimable });
}

export const systemDf: CommandSpec = {
  name: 'df',
  usage: '[OPTIONS]',
  short: 'Show docker disk usage',
  group: 'system',
  flags: [
    { name: 'format', kind: 'string', usage: FORMAT_USAGE },
    { name: 'verbose', short: 'v', kind: 'bool', usage: 'Show detailed information on space usage' },
  ],
  args: { kind: 'none' },
  async run(ctx) {
    const engine = ctx.engine;
    const now = engine.clock.now();
    const { images, layersSize } = imageUsage(engine);
    const containers = engine.containers.list();
    const format = ctx.flags.string('format');
    const volumes = engine.volumes.list().map((v) => ({ name: v.name, links: volumeUsers(containers, v.name).length, size: volumeSize(v) }));
    const volumesSize = volumes.reduce((n, v) => n + v.size, 0);
    const held = new Set<Layer>();
    for (const img of engine.images.list()) for (const l of img.layers) held.add(l);
    const cache = buildCacheOf(engine).records(held);
    const cacheSize = cache.reduce((n, r) => n + (r.shared ? 0 : r.size), 0);
    const volumesIdle = volumes.filter((v) => v.links === 0).reduce((n, v) => n + v.size, 0);
    if (!ctx.flags.bool('verbose')) {
      let used = 0;
      for (const i of images) if (i.containers > 0) used += i.size - i.shared;
      let rw = 0;
      let rwIdle = 0;
      for (const c of containers) {
        const s = rwSize(c);
        rw += s;
        if (!isActive(c)) rwIdle += s;
      }
      const rows = [
        summary('Images', images.length, images.filter((i) => i.containers > 0).length, layersSize, withPercent(layersSize - used, layersSize)),
        summary('Containers', containers.length, containers.filter(isActive).length, rw, withPercent(rwIdle, rw)),
        summary('Local Volumes', volumes.length, volumes.filter((v) => v.links > 0).length, volumesSize, withPercent(volumesIdle, volumesSize)),
        summary('Build Cache', cache.length, 0, cacheSize, humanSize(cacheSize)),
      ];
      const raw = 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
      await ctx.out(renderFormatted({ format: format === 'raw' ? raw : format, defaultTable: SUMMARY_TABLE, headers: SUMMARY_HEADERS, rows }));
      return;
    }
    // -v: one table per kind (verboseWriteTable); IDs truncated, container sizes without the virtual part.
    const imageRows = images.map(({ image, size, shared, containers: n }) => {
      const tag = engine.images.tagsOf(image.id)[0];
      const created = Math.floor(image.createdMs / 1000) * 1000;
      return goStruct('*formatter.ImageContext', {
        Repository: tag ? familiarName(tag) : '<none>',
        Tag: tag?.tag ?? '<none>',
        ID: truncateId(image.id),
        CreatedSince: `${humanDuration(now - created)} ago`,
        Size: humanSizeWithPrecision(size, 3),
        SharedSize: humanSizeWithPrecision(shared, 3),
        UniqueSize: humanSizeWithPrecision(size - shared, 3),
        Containers: String(n),
      });
    });
    const containerRows = containers.map((c) =>
      goStruct('*formatter.ContainerContext', {
        ID: c.shortId,
        Image: containerImage(engine, c, true),
        Command: goQuoteString(ellipsis(containerCommand(c), 20)),
        LocalVolumes: String(c.hostConfig.binds.filter((b) => b.kind === 'volume').length),
        Size: humanSizeWithPrecision(rwSize(c), 3),
        RunningFor: `${humanDuration(now - Math.floor(c.createdMs / 1000) * 1000)} ago`,
        Status: containerStatus(c, now),
        Names: c.name,
      }),
    );
    const table = (t: string, headers: Record<string, string>, rows: readonly Record<string, unknown>[]) => renderFormatted({ format: t, defaultTable: t, headers, rows });
    let out = 'Images space usage:\n\n';
    out += table(IMAGE_TABLE, { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', Size: 'SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE', Containers: 'CONTAINERS' }, imageRows);
    out += '\nContainers space usage:\n\n';
    out += table(CONTAINER_TABLE, { ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', LocalVolumes: 'LOCAL VOLUMES', Size: 'SIZE', RunningFor: 'CREATED', Status: 'STATUS', Names: 'NAMES' }, containerRows);
    out += '\nLocal Volumes space usage:\n\n';
    const volumeRows = volumes.map((v) => goStruct('*formatter.volumeContext', { Name: v.name, Links: String(v.links), Size: humanSizeWithPrecision(v.size, 3) }));
    out += table(VOLUME_TABLE, { Name: 'VOLUME NAME', Links: 'LINKS', Size: 'SIZE' }, volumeRows);
    out += `\nBuild cache usage: ${humanSize(cacheSize)}\n\n`;
    const cacheRows = cache.map((r) =>
      goStruct('*formatter.buildCacheContext', {
        ID: r.id.slice(0, 12),
        CacheType: 'regular',
        Size: humanSizeWithPrecision(r.size, 3),
        CreatedSince: `${humanDuration(now - r.created)} ago`,
        LastUsedSince: r.lastUsed === undefined ? '' : `${humanDuration(now - r.lastUsed)} ago`,
        UsageCount: String(r.count),
        Shared: String(r.shared),
      }),
    );
    out += table(CACHE_TABLE, { ID: 'CACHE ID', CacheType: 'CACHE TYPE', Size: 'SIZE', CreatedSince: 'CREATED', LastUsedSince: 'LAST USED', UsageCount: 'USAGE', Shared: 'SHARED' }, cacheRows);
    await ctx.out(out);
  },
};
