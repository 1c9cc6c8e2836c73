/**
 * `docker tag SOURCE TARGET` (docker/cli cli/command/image/tag.go; the client library parses both references
 * before asking the daemon, so bad names are client-side errors).
 */
import { clientError } from '../../errors';
import { InvalidReferenceError, parseNormalizedNamed, tagNameOnly, type Reference } from '../../format/reference';
import type { CommandSpec } from '../command';

/** The client's check of a repository/tag argument. */
export function parseTarget(s: string): Reference {
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(s);
  } catch (e) {
    if (e instanceof InvalidReferenceError) throw clientError(`Error parsing reference: "${s}" is not a valid repository/tag: ${e.message}`);
    throw e;
  }
  if (ref.digest !== undefined) throw clientError('refusing to create a tag with a digest reference');
  return tagNameOnly(ref);
}

export const tag: CommandSpec = {
  name: 'tag',
  usage: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  group: 'image',
  topLevel: 'tag',
  flags: [],
  args: { kind: 'exact', n: 2 },
  async run(ctx) {
    const engine = ctx.engine;
    const target = parseTarget(ctx.args[1]!);
    const img = engine.images.resolve(ctx.args[0]!);
    engine.images.tag(target, img.id, engine.clock.now());
  },
};
