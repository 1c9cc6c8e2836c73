/**
 * `docker search` (docker/cli cli/command/registry/search.go, formatter_search.go; moby daemon/pkg/registry/
 * search.go): the registry answers at most `--limit` results, then the daemon applies `--filter`.
 */
import { EngineError, invalidParameter } from '../../errors';
import type { CatalogRepository } from '../../registry/catalog';
import type { CommandSpec } from '../command';
import { ellipsis } from '../format/width';
import { goStruct, renderFormatted } from '../output';
import { parseFilters } from './ps';

const TABLE = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}';
const HEADERS = { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL', IsAutomated: 'AUTOMATED' };

/** Go's strconv.ParseBool, as the daemon's filter parsing uses it. */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function row(r: CatalogRepository, trunc: boolean): Record<string, unknown> {
  let desc = r.description.replace(/[\n\r]/g, ' ');
  if (trunc) desc = ellipsis(desc, 45);
  return goStruct('searchContext', {
    Name: r.name,
    Description: desc,
    StarCount: String(r.stars),
    IsOfficial: r.official ? '[OK]' : '',
    IsAutomated: '',
  });
}

export const search: CommandSpec = {
  name: 'search',
  usage: '[OPTIONS] TERM',
  short: 'Search Docker Hub for images',
  commonRank: 11,
  flags: [
    { name: 'filter', short: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', kind: 'string', usage: 'Pretty-print search using a Go template' },
    { name: 'limit', kind: 'int', usage: 'Max number of search results', default: 25 },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx) {
    const f = ctx.flags;
    const limit = f.int('limit');
    const filters = parseFilters(f.list('filter'), ['stars', 'is-automated', 'is-official']);
    let minStars = 0;
    for (const v of filters.get('stars') ?? []) {
      if (!/^[+-]?[0-9]+$/.test(v)) throw invalidParameter(`invalid filter 'stars=${v}'`);
      minStars = Math.max(minStars, Number(v));
    }
    const bool = (key: string): boolean | undefined => {
      let out: boolean | undefined;
      for (const v of filters.get(key) ?? []) {
        out = parseBool(v);
        if (out === undefined) throw invalidParameter(`invalid filter '${key}=${v}'`);
      }
      return out;
    };
    const official = bool('is-official');
    const automated = bool('is-automated');
    if (limit < 1 || limit > 100) throw invalidParameter(`limit ${limit} is outside the range of [1, 100]`);
    const catalog = await ctx.engine.openCatalog();
    if (!catalog) {
      const q = encodeURIComponent(ctx.args[0]!);
      throw new EngineError('RegistryUnreachable', 'system', `Get "https://index.docker.io/v1/search?q=${q}&n=${limit}": dial tcp: lookup index.docker.io: no such host`);
    }
    const found = catalog
      .search(ctx.args[0]!)
      .slice(0, limit)
      .filter((r) => r.stars >= minStars && (official === undefined || r.official === official) && automated !== true);
    await ctx.out(renderFormatted({ format: f.string('format'), defaultTable: TABLE, headers: HEADERS, rows: found.map((r) => row(r, !f.bool('no-trunc'))) }));
  },
};
