/**
 * `docker create` and the part of `docker run` before the container starts (docker/cli
 * cli/command/container/create.go): parse the options, find the image (pulling it when missing, with the pull
 * output on stderr), create the container, write `--cidfile`.
 */
import { clientError, isEngineError, noSuchImage } from '../../errors';
import type { Container } from '../../container/Container';
import { InvalidReferenceError, familiarString, parseNormalizedNamed, tagNameOnly, type Reference } from '../../format/reference';
import type { Image } from '../../image/Image';
import { resolvePath } from '../../fs/path';
import { encodeText } from '../../process/text';
import type { CommandContext, CommandSpec } from '../command';
import { progressDisplay } from '../format/jsonmessage';
import { CONTAINER_FLAGS, parseContainerOptions, type ContainerOptions } from './containerOptions';


/** An image ID or ID prefix (what `docker run 3f4e` means) rather than a name. */
function looksLikeId(s: string): boolean {
  return /^(sha256:)?[0-9a-f]{4,64}$/.test(s);
}

/**
 * The image `docker run/create` uses: local, or pulled per `--pull`. Pull output goes to stderr (stdout is kept for
 * the container ID or output), without `Using default tag` and without the final reference line.
 */
export async function imageForRun(ctx: CommandContext, opts: ContainerOptions): Promise<Image> {
  const engine = ctx.engine;
  let named: Reference | undefined;
  try {
    named = tagNameOnly(parseNormalizedNamed(opts.image));
  } catch (e) {
    if (!(e instanceof InvalidReferenceError)) throw e;
    if (!looksLikeId(opts.image)) throw clientError(e.message);
  }
  const local = engine.images.find(opts.image);
  if (local && opts.pull !== 'always') return local;
  if (!named) throw noSuchImage(opts.image);
  if (opts.pull === 'never') throw noSuchImage(familiarString(named));
  if (!local) await ctx.err(`Unable to find image '${familiarString(named)}' locally\n`);
  const display = progressDisplay(ctx.proc.stderr, ctx.proc.tty, () => engine.clock.now());
  await engine.pull(named, async (e) => {
    if (!opts.quiet) await display.show(e);
  });
  return engine.images.resolve(familiarString(named));
}

/** Creates the container (and writes `--cidfile`), or throws the daemon's error. */
export async function createFromOptions(ctx: CommandContext): Promise<{ container: Container; opts: ContainerOptions }> {
  const opts = parseContainerOptions(ctx.flags, ctx.args, ctx.proc);
  if (opts.cidfile !== '') {
    const path = resolvePath(ctx.proc.cwd, opts.cidfile);
    let exists = true;
    try {
      ctx.proc.fs.stat(path);
    } catch {
      exists = false;
    }
    if (exists) throw clientError(`container ID file found, make sure the other container isn't running or delete ${opts.cidfile}`);
  }
  const image = await imageForRun(ctx, opts);
  const container = ctx.engine.createContainer(image, { imageRef: opts.image, ...opts.spec });
  if (opts.cidfile !== '') {
    try {
      ctx.proc.fs.writeFile(resolvePath(ctx.proc.cwd, opts.cidfile), encodeText(container.id));
    } catch (e) {
      if (isEngineError(e)) throw e;
      throw clientError(`failed to create the container ID file: open ${opts.cidfile}: no such file or directory`);
    }
  }
  return { container, opts };
}

export const create: CommandSpec = {
  name: 'create',
  usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new container',
  group: 'container',
  topLevel: 'create',
  flags: CONTAINER_FLAGS,
  args: { kind: 'min', n: 1 },
  interspersed: false,
  errorStyle: 'run',
  async run(ctx) {
    const { container } = await createFromOptions(ctx);
    await ctx.out(`${container.id}\n`);
  },
};
