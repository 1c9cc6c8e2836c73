/**
 * `docker images --tree` in the Docker 29 layout (docker/cli cli/command/image/tree.go, compact view; reference doc
 * §4.2): IMAGE (as wide as the longest name, at least `IMAGE`), ID (12), DISK USAGE (10, right-aligned), CONTENT
 * SIZE (12, right-aligned), EXTRA (`U` when a container uses the image, padded to 5 on data rows), columns 3 spaces
 * apart. Images newest first; an image with several tags gives one line per tag, the details on the last; untagged
 * images are `<untagged>`. The graphdriver store has no content store, so CONTENT SIZE is 0B, and no multi-platform
 * children. The terminal legend and colours are not reproduced.
 */
import type { Engine } from '../../Engine';
import { familiarString } from '../../format/reference';
import type { Image } from '../../image/Image';
import { humanSizeWithPrecision } from '../format/units';
import { truncateId } from '../output';

const SPACING = '   ';

export function renderImageTree(engine: Engine, all: boolean): string {
  const images = engine.images
    .list()
    .filter((img) => all || engine.images.refsOf(img.id).length > 0 || engine.images.children(img.id).length === 0);
  const namesOf = (img: Image) => {
    const tags = engine.images.tagsOf(img.id).map((r) => familiarString(r));
    return tags.length > 0 ? tags : ['<untagged>'];
  };
  const width = Math.max('IMAGE'.length, ...images.flatMap((img) => namesOf(img).map((n) => [...n].length)));
  const left = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));
  const right = (s: string, w: number) => ' '.repeat(Math.max(0, w - [...s].length)) + s;
  let out = `${left('IMAGE', width)}${SPACING}${left('ID', 12)}${SPACING}DISK USAGE${SPACING}CONTENT SIZE${SPACING}EXTRA\n`;
  for (const img of images) {
    const names = namesOf(img);
    for (const n of names.slice(0, -1)) out += `${left(n, width)}\n`;
    const used = engine.containers.usingImage(img.id).length > 0;
    out += `${left(names[names.length - 1]!, width)}${SPACING}${left(truncateId(img.id), 12)}${SPACING}${right(humanSizeWithPrecision(img.size, 3), 10)}${SPACING}${right('0B', 12)}${SPACING}${left(used ? 'U' : '', 5)}\n`;
  }
  return out;
}
