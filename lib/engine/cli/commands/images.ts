/**
 * `docker images` / `docker image ls`: the classic table (docker/cli cli/command/image/list.go, formatter/image.go;
 * moby daemon/images/image_list.go): one row per repository:tag, newest image first, untagged images without
 * children shown as `<none>`, intermediate images (untagged with children) only with -a.
 */

import { invalidParameter } from '../../errors';
import { formatGoTimeString } from '../../format/time';
import { familiarName, familiarString, referenceName, referenceString, type Reference } from '../../format/reference';
import type { Image } from '../../image/Image';
import type { CommandSpec } from '../command';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../format/units';
import { goStruct, renderFormatted, truncateId } from '../output';
import { FORMAT_USAGE, parseFilters } from './ps';
import { renderImageTree } from './imagesTree';

const TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const TABLE_DIGESTS = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
const HEADERS = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'VIRTUAL SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

/** Go's path.Match (`*` and `?` do not cross `/`; `[...]` classes; `\` escapes). */
export function pathMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return false; // ErrBadPattern: no match
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^')) cls = `^${cls.slice(1)}`;
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`${re}$`).test(name);
  } catch {
    return false;
  }
}

function refMatches(pattern: string, ref: Reference): boolean {
  return (
    pathMatch(pattern, familiarString(ref)) ||
    pathMatch(pattern, familiarName(ref)) ||
    pathMatch(pattern, referenceString(ref)) ||
    pathMatch(pattern, referenceName(ref))
  );
}

type ImageRow = Record<string, unknown>;

function imageContext(img: Image, repo: string, tag: string, digest: string, trunc: boolean, now: number): ImageRow {
  const created = Math.floor(img.createdMs / 1000) * 1000;
  const size = humanSizeWithPrecision(img.size, 3);
  return goStruct('*formatter.ImageContext', {
    ID: trunc ? truncateId(img.id) : img.id,
    Repository: repo,
    Tag: tag,
    Digest: digest,
    CreatedSince: `${humanDuration(now - created)} ago`,
    CreatedAt: formatGoTimeString(created),
    Size: size,
    VirtualSize: humanSize(img.size),
    Containers: 'N/A',
    SharedSize: 'N/A',
    UniqueSize: 'N/A',
  });
}

/** formatter.imageFormatTaggedAndDigest: rows per tag, digest-only repositories as `<none>` tags. */
function rowsOf(img: Image, refs: readonly Reference[], needDigest: boolean, digests: boolean, trunc: boolean, now: number): ImageRow[] {
  const row = (repo: string, tag: string, digest: string) => imageContext(img, repo, tag, digest, trunc, now);
  if (refs.length === 0) return [row('<none>', '<none>', '<none>')];
  const tags = new Map<string, string[]>();
  const dgs = new Map<string, string[]>();
  for (const r of refs) {
    const repo = familiarName(r);
    if (r.digest !== undefined) dgs.set(repo, [...(dgs.get(repo) ?? []), r.digest]);
    else if (r.tag !== undefined) tags.set(repo, [...(tags.get(repo) ?? []), r.tag]);
  }
  const out: ImageRow[] = [];
  for (const [repo, ts] of tags) {
    const ds = needDigest ? (dgs.get(repo) ?? []) : [];
    dgs.delete(repo);
    for (const t of ts) {
      if (ds.length === 0) out.push(row(repo, t, '<none>'));
      else for (const d of ds) out.push(row(repo, t, d));
    }
  }
  for (const [repo, ds] of dgs) {
    if (digests) for (const d of ds) out.push(row(repo, '<none>', d));
    else out.push(row(repo, '<none>', ''));
  }
  return out;
}

export const images: CommandSpec = {
  name: 'ls',
  usage: '[OPTIONS] [REPOSITORY[:TAG]]',
  short: 'List images',
  group: 'image',
  groupAliases: ['list'],
  topLevel: 'images',
  commonRank: 8,
  flags: [
    { name: 'all', short: 'a', kind: 'bool', usage: 'Show all images (default hides intermediate images)' },
    { name: 'digests', kind: 'bool', usage: 'Show digests' },
    { name: 'filter', short: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', kind: 'string', usage: FORMAT_USAGE },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only show image IDs' },
    { name: 'tree', kind: 'bool', usage: 'List multi-platform images as a tree (EXPERIMENTAL)' },
  ],
  args: { kind: 'max', n: 1 },
  async run(ctx) {
    const f = ctx.flags;
    const engine = ctx.engine;
    if (f.bool('tree')) {
      await ctx.out(renderImageTree(engine, f.bool('all')));
      return;
    }
    const now = engine.clock.now();
    const filters = parseFilters(f.list('filter'), ['dangling', 'label', 'before', 'since', 'reference', 'until']);
    if (ctx.args[0] !== undefined) filters.set('reference', [...(filters.get('reference') ?? []), ctx.args[0]]);
    if (filters.has('until')) throw invalidParameter("filter 'until' is not supported by layerlab");
    // before/since: images created before/after the named one.
    const before = (filters.get('before') ?? []).map((v) => engine.images.resolve(v));
    const since = (filters.get('since') ?? []).map((v) => engine.images.resolve(v));
    const labels = filters.get('label') ?? [];
    let dangling: boolean | undefined;
    for (const v of filters.get('dangling') ?? []) {
      const b = v.toLowerCase();
      if (b !== 'true' && b !== 'false' && b !== '1' && b !== '0') throw invalidParameter(`invalid filter 'dangling=${v}'`);
      dangling = b === 'true' || b === '1';
    }
    const patterns = filters.get('reference');
    const showDigests = f.bool('digests');
    let format = f.string('format');
    // A custom table format gets a DIGEST column with --digests (formatter.NewImageFormat).
    if (format.startsWith('table') && format !== 'table' && showDigests && !format.includes('{{.Digest}}')) format += '\t{{.Digest}}';
    // Digests of tagged repositories are shown when asked for or when the format uses them (needDigest).
    const needDigest = showDigests || format.includes('{{.Digest}}');
    const rows: ImageRow[] = [];
    for (const img of engine.images.list()) {
      let refs = engine.images.refsOf(img.id);
      const untagged = refs.length === 0;
      if (dangling === true && !untagged) continue;
      if (dangling === false && untagged) continue;
      if (before.some((b) => !(img.createdMs < b.createdMs)) || since.some((b) => !(img.createdMs > b.createdMs))) continue;
      const imgLabels = img.runConfig.Labels ?? {};
      const labelOk = (v: string) => {
        const eq = v.indexOf('=');
        return eq < 0 ? v in imgLabels : imgLabels[v.slice(0, eq)] === v.slice(eq + 1);
      };
      if (!labels.every(labelOk)) continue;
      if (patterns) {
        refs = refs.filter((r) => patterns.some((p) => refMatches(p, r)));
        if (refs.length === 0) continue;
      }
      // Intermediate images (untagged parents of other images) only with -a, unless asked for as dangling.
      if (untagged && !f.bool('all') && dangling === undefined && engine.images.children(img.id).length > 0) continue;
      rows.push(...rowsOf(img, refs, needDigest, showDigests, !f.bool('no-trunc'), now));
    }
    await ctx.out(
      renderFormatted({ format, defaultTable: showDigests ? TABLE_DIGESTS : TABLE, quiet: f.bool('quiet'), headers: HEADERS, rows }),
    );
  },
};
