/**
 * The classic builder (`DOCKER_BUILDKIT=0`, docker.md §5.1, §5.3): every instruction is a step with its own image,
 * kept in the image store with its parent, so the cache is "an image whose parent is the current image and whose
 * container_config equals this step's", and `docker history` walks the chain. A failed RUN keeps the last good
 * image (and the failed container) so the learner can `docker run -it <id> sh` into it.
 */
import type { Engine } from '../../Engine';
import { isEngineError } from '../../errors';
import { formatRfc3339Nano } from '../../format/time';
import type { ContainerConfig } from '../../format/imageConfig';
import { familiarString } from '../../format/reference';
import { append } from '../../image/append';
import type { Image } from '../../image/Image';
import { Layer } from '../../image/Layer';
import { layerFromMemNode } from '../../fs/diff';
import { OverlayFs } from '../../fs/OverlayFs';
import { parseDockerfile, classicEmptyDockerfileMessage, classicWarningLines, DockerfileParseError, SubstitutionError, expandWord } from '../parser';
import type { Instruction, ParsedDockerfile, Stage } from '../parser';
import { emptyMerged, matchSources, performCopy, type CopyMatch } from './copy';
import { fetchRemote, isUrl, remoteMatch } from './remote';
import { BuildStepError } from './errors';
import { resolveImage, stageByName, targetIndex } from './plan';
import { runStep } from './run';
import { contextSource, imageSource, type SourceTree } from './sources';
import { argValue, classicRunArgs, commandArgv, metadataEffect, runArgEnv, shellOf, type ArgSource, type StageState } from './stage';
import type { BuildRequest, BuildStatus } from './Types';
import { sha256 } from '../../format/digest';

const TEXT = new TextEncoder();

/** Fields moby's cache compare looks at, normalised so absent, null and empty compare equal. */
function cacheKeyOf(c: ContainerConfig | null | undefined): string {
  const cfg = c ?? {};
  const arr = (x: readonly string[] | null | undefined) => (x && x.length > 0 ? x : null);
  const set = (x: Record<string, unknown> | null | undefined) => (x && Object.keys(x).length > 0 ? Object.keys(x).sort() : null);
  const labels = cfg.Labels && Object.keys(cfg.Labels).length > 0 ? Object.entries(cfg.Labels).sort(([a], [b]) => (a < b ? -1 : 1)) : null;
  return JSON.stringify([
    arr(cfg.Cmd), arr(cfg.Env), arr(cfg.Entrypoint), arr(cfg.Shell), set(cfg.ExposedPorts), set(cfg.Volumes), labels, arr(cfg.OnBuild),
    cfg.User ?? '', cfg.WorkingDir ?? '', cfg.StopSignal ?? '', cfg.Healthcheck ?? null, !!cfg.OpenStdin, !!cfg.Tty, cfg.Image ?? '',
  ]);
}

/** moby image/cache: a local image whose parent is `parent` and whose container_config matches. */
function probeCache(engine: Engine, parent: Image | null, candidate: ContainerConfig): Image | undefined {
  const want = cacheKeyOf(candidate);
  const siblings = parent ? engine.images.children(parent.id) : engine.images.list().filter((i) => i.parent === null);
  let best: Image | undefined;
  for (const img of siblings) {
    if (!img.config.container_config || cacheKeyOf(img.config.container_config) !== want) continue;
    // Several matches: the newest wins, as moby's getLocalCachedImage keeps the latest created.
    if (!best || img.createdMs > best.createdMs) best = img;
  }
  return best;
}

class ClassicBuild {
  private readonly engine: Engine;
  private readonly stageResults = new Map<number, Image | null>();
  private readonly consumed = new Set<string>();
  private meta = new Map<string, string | undefined>();
  private step = 0;
  private total = 0;
  private lastImage: Image | null = null;
  private readonly source: SourceTree;

  constructor(
    private readonly req: BuildRequest,
    private readonly df: ParsedDockerfile,
  ) {
    this.engine = req.engine;
    this.source = contextSource(req.context);
  }

  private async out(text: string): Promise<void> {
    if (!this.req.quiet) await this.req.out(text);
  }

  private now(): number {
    return this.engine.clock.now();
  }

  private argSource(): ArgSource {
    return { buildArgs: this.req.buildArgs, style: 'classic', meta: this.meta, consumed: this.consumed };
  }

  async buildAll(): Promise<Image> {
    const last = targetIndex(this.df, this.req.target);
    const stages = this.df.stages.slice(0, last + 1);
    this.total = this.df.metaArgs.reduce((n, a) => n + 1, 0) + stages.reduce((n, s) => n + 1 + s.instructions.length, 0);
    for (const a of this.df.metaArgs) {
      await this.stepLine(a);
      for (const d of a.declarations) {
        const name = expandWord(d.name, this.meta, this.df.escapeToken);
        const def = d.defaultValue === undefined ? undefined : expandWord(d.defaultValue, this.meta, this.df.escapeToken);
        this.meta.set(name, argValue(name, def, this.argSource(), false));
      }
    }
    for (const stage of stages) await this.buildStage(stage);
    if (!this.lastImage) throw new BuildStepError('No image was generated. Is your Dockerfile empty?');
    return this.lastImage;
  }

  /** Build args given but never declared (proxy args are always allowed). */
  unusedArgs(): string[] {
    const builtin = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']);
    return [...this.req.buildArgs.keys()].filter((k) => !this.consumed.has(k) && !builtin.has(k)).sort();
  }

  private async stepLine(ins: Instruction): Promise<void> {
    this.step++;
    await this.out(`Step ${this.step}/${this.total} : ${ins.original}\n`);
  }

  private async buildStage(stage: Stage): Promise<void> {
    await this.stepLine(stage.from);
    const name = expandWord(stage.from.image, this.meta, this.df.escapeToken);
    let base: Image | null;
    const dep = stageByName(this.df, name, stage.index);
    if (name.toLowerCase() === 'scratch') base = null;
    else if (dep) base = this.stageResults.get(dep.index) ?? null;
    else {
      try {
        base = (await resolveImage(this.engine, name, async (e) => (this.req.quiet ? undefined : this.req.showPull(e)))).image;
      } catch (e) {
        if (isEngineError(e)) throw new BuildStepError(e.message);
        throw e;
      }
    }
    const baseConfig: ContainerConfig = base ? { ...base.runConfig } : {};
    const triggers = baseConfig.OnBuild ?? [];
    // A child runs its base's triggers and does not pass them on.
    if (baseConfig.OnBuild) baseConfig.OnBuild = [];
    const state: StageState = { image: base, config: baseConfig, args: [], cmdSet: false, author: base?.config.author };
    if (triggers.length > 0) {
      await this.out(`# Executing ${triggers.length} build trigger${triggers.length === 1 ? '' : 's'}\n`);
      for (const t of triggers) {
        const parsed = parseDockerfile(`FROM scratch\n${t}\n`).stages[0]!.instructions[0]!;
        await this.dispatch(parsed, state, stage);
      }
    }
    await this.out(` ---> ${state.image ? state.image.shortId.slice(0) : ''}\n`);
    for (const ins of stage.instructions) {
      if (this.req.cancellation.cancelled) throw new BuildStepError('canceled', 130);
      await this.stepLine(ins);
      await this.dispatch(ins, state, stage);
      await this.out(` ---> ${state.image ? state.image.shortId : ''}\n`);
    }
    this.stageResults.set(stage.index, state.image);
    this.lastImage = state.image;
  }

  private commit(state: StageState, layer: Layer | undefined, config: ContainerConfig, containerConfig: ContainerConfig, containerId: string, author: string | undefined): Image {
    const created = formatRfc3339Nano(this.now());
    const image = append({
      base: state.image,
      addenda: [{ ...(layer ? { layer } : {}), history: { created, created_by: (containerConfig.Cmd ?? []).join(' '), ...(author ? { author } : {}) } }],
      config,
      created,
      ...(author ? { author } : {}),
      container: containerId,
      containerConfig,
      configStyle: 'moby',
      parent: state.image?.id ?? null,
    });
    return this.engine.images.add(image);
  }

  private withImage(c: ContainerConfig, state: StageState): ContainerConfig {
    return { ...c, Image: state.image?.id ?? '' };
  }

  private async useCache(state: StageState, candidate: ContainerConfig): Promise<boolean> {
    if (this.req.noCache) return false;
    const hit = probeCache(this.engine, state.image, candidate);
    if (!hit) return false;
    await this.out(' ---> Using cache\n');
    state.image = hit;
    state.config = { ...hit.runConfig };
    return true;
  }

  private async dispatch(ins: Instruction, state: StageState, stage: Stage): Promise<void> {
    try {
      await this.dispatchInner(ins, state, stage);
    } catch (e) {
      if (e instanceof SubstitutionError) throw new BuildStepError(e.message);
      throw e;
    }
  }

  private async dispatchInner(ins: Instruction, state: StageState, stage: Stage): Promise<void> {
    switch (ins.keyword) {
      case 'RUN':
        return this.runInstruction(ins.command.form === 'exec' ? [...ins.command.args] : commandArgv(ins.command, state.config), state);
      case 'COPY':
      case 'ADD':
        return this.copy(ins, state, stage);
      case 'WORKDIR':
        return this.workdir(ins, state);
      case 'FROM':
        throw new BuildStepError(`FROM isn't allowed as an ONBUILD trigger`);
      default: {
        const eff = metadataEffect(ins, state, this.df.escapeToken, this.argSource());
        const previous = state.config.Healthcheck?.Test;
        if (ins.keyword === 'HEALTHCHECK' && previous) await this.out(`Note: overriding previous HEALTHCHECK: [${previous.join(' ')}]\n`);
        if (eff.declare) {
          for (const d of eff.declare) {
            const i = state.args.findIndex((a) => a.name === d.name);
            if (i >= 0) state.args[i] = d;
            else state.args.push(d);
          }
        }
        if (eff.cmdSet) state.cmdSet = true;
        const author = eff.author ?? state.author;
        state.author = author;
        const config = this.withImage(eff.config, state);
        const cc: ContainerConfig = { ...config, Cmd: [...shellOf(state.config), ...eff.classicComment] };
        if (await this.useCache(state, cc)) return;
        const id = this.engine.random.hex(64);
        await this.out(` ---> Running in ${id.slice(0, 12)}\n`);
        await this.out(` ---> Removed intermediate container ${id.slice(0, 12)}\n`);
        state.image = this.commit(state, undefined, config, cc, id, author);
        state.config = { ...state.image.runConfig };
      }
    }
  }

  private async runInstruction(argv: string[], state: StageState): Promise<void> {
    const args = classicRunArgs(state);
    const saveCmd = args.length > 0 ? [`|${args.length}`, ...args, ...argv] : argv;
    const config = this.withImage(state.config, state);
    const cc: ContainerConfig = { ...config, Cmd: saveCmd };
    if (await this.useCache(state, cc)) return;
    // FROM scratch: the container starts on an empty root and fails the way runc does (no /bin/sh).
    const base = state.image ?? append({ base: null, addenda: [], config: state.config, created: formatRfc3339Nano(this.now()) });
    const outcome = await runStep(
      this.engine,
      base,
      { argv, env: runArgEnv(state) },
      async (_stream, data) => {
        if (!this.req.quiet) await this.req.out(data);
      },
      this.req.cancellation,
      async (c) => this.out(` ---> Running in ${c.shortId}\n`),
    );
    if (outcome.status !== 0) {
      // The failed step's container stays (docker build --rm removes successful ones only; --force-rm both).
      if (this.req.forceRemove) await this.engine.removeContainer(outcome.container, true);
      throw new BuildStepError(`The command '${argv.join(' ')}' returned a non-zero code: ${outcome.status}`, outcome.status);
    }
    if (this.req.removeIntermediate || this.req.forceRemove) {
      await this.engine.removeContainer(outcome.container);
      await this.out(` ---> Removed intermediate container ${outcome.container.shortId}\n`);
    }
    state.image = this.commit(state, outcome.layer, config, cc, outcome.container.id, state.author);
    state.config = { ...state.image.runConfig };
  }

  private async workdir(ins: Extract<Instruction, { keyword: 'WORKDIR' }>, state: StageState): Promise<void> {
    const eff = metadataEffect(ins, state, this.df.escapeToken, this.argSource());
    const config = this.withImage(eff.config, state);
    const cc: ContainerConfig = { ...config, Cmd: [...shellOf(state.config), ...eff.classicComment] };
    if (await this.useCache(state, cc)) return;
    const fs = new OverlayFs({ image: state.image ? state.image.merged() : emptyMerged(), now: () => this.now() });
    let p = '';
    for (const part of (config.WorkingDir ?? '/').split('/').filter((x) => x !== '')) {
      p += `/${part}`;
      try {
        fs.mkdir(p, 0o755);
      } catch {
        // exists
      }
    }
    const id = this.engine.random.hex(64);
    await this.out(` ---> Running in ${id.slice(0, 12)}\n`);
    await this.out(` ---> Removed intermediate container ${id.slice(0, 12)}\n`);
    state.image = this.commit(state, new Layer(layerFromMemNode(fs.upper)), config, cc, id, state.author);
    state.config = { ...state.image.runConfig };
  }

  private async copy(ins: Extract<Instruction, { keyword: 'COPY' | 'ADD' }>, state: StageState, stage: Stage): Promise<void> {
    if (ins.chmod !== undefined) {
      throw new BuildStepError('the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled');
    }
    const env = new Map<string, string>();
    for (const a of state.args) if (a.value !== undefined) env.set(a.name, a.value);
    for (const kv of state.config.Env ?? []) env.set(kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1));
    const x = (w: string) => expandWord(w, env, this.df.escapeToken);
    const sources = ins.sources.map(x);
    const dest = x(ins.dest);
    if (ins.keyword === 'COPY' && sources.some(isUrl)) throw new BuildStepError('source can\'t be a URL for COPY');
    if (ins.keyword === 'ADD' && ins.checksum !== undefined) {
      throw new BuildStepError('the --checksum option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled');
    }
    let tree = this.source;
    let fromContext = true;
    if (ins.keyword === 'COPY' && ins.from !== undefined) {
      const fromName = x(ins.from);
      const dep = stageByName(this.df, fromName, stage.index);
      fromContext = false;
      if (dep) tree = imageSource(this.stageResults.get(dep.index) ?? null);
      else {
        try {
          tree = imageSource((await resolveImage(this.engine, fromName, async (e) => (this.req.quiet ? undefined : this.req.showPull(e)))).image);
        } catch (e) {
          if (isEngineError(e)) throw new BuildStepError(e.message);
          throw e;
        }
      }
    }
    const matches: CopyMatch[][] = [];
    for (const w of sources) {
      if (!isUrl(w)) {
        matches.push(matchSources(tree, [w], true)[0]!);
        continue;
      }
      // The daemon downloads the URL on every build (its content is part of the cache key), showing the progress.
      const r = fetchRemote(w, true);
      if (!r.ok) throw new BuildStepError(`ADD failed: ${r.error}`);
      if (!this.req.quiet) {
        await this.req.showPull({ status: 'Downloading', progress: { current: r.file.data.length, total: r.file.data.length } });
        await this.req.showPull({ status: '' });
      }
      matches.push([remoteMatch(r.file)]);
    }
    const flat = matches.flat();
    const one = flat.length === 1 && ins.inlineFiles.length === 0 ? flat[0]! : undefined;
    const hashes = flat.map((m) => m.hash ?? tree.hash(m.path));
    const srcHash = one
      ? `${one.node.type === 'dir' ? 'dir' : 'file'}:${sha256(TEXT.encode(hashes[0]!)).slice(7)}`
      : `multi:${sha256(TEXT.encode(hashes.join(','))).slice(7)}`;
    const chown = ins.chown !== undefined ? x(ins.chown) : undefined;
    const name = chown !== undefined ? `${ins.keyword} --chown=${chown}` : ins.keyword;
    const config = this.withImage(state.config, state);
    const cc: ContainerConfig = { ...config, Cmd: [...shellOf(state.config), `#(nop) ${name} ${srcHash} in ${dest} `] };
    if (await this.useCache(state, cc)) return;
    const layer = performCopy(state.image, tree, matches, {
      keyword: ins.keyword,
      sources,
      inline: [],
      dest,
      workdir: state.config.WorkingDir || '/',
      chown,
      chmod: undefined,
      fromContext,
      now: this.now(),
      classic: true,
    });
    state.image = this.commit(state, layer, config, cc, '', state.author);
    state.config = { ...state.image.runConfig };
  }
}

/** Runs a classic build, printing as the classic builder does. */
export async function classicBuild(req: BuildRequest): Promise<BuildStatus> {
  const err = async (message: string, status: number) => {
    await req.err(`${message}\n`);
    return status;
  };
  let df: ParsedDockerfile;
  try {
    df = parseDockerfile(req.dockerfileText);
  } catch (e) {
    if (e instanceof DockerfileParseError) {
      const text = e.phase === 'file' ? classicEmptyDockerfileMessage(req.dockerfileName) : e.dockerMessage;
      return err(`Error response from daemon: ${text}`, 1);
    }
    throw e;
  }
  for (const ins of df.instructions) {
    if (ins.keyword === 'RUN' && ins.mounts.length > 0) {
      return err('Error response from daemon: the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled', 1);
    }
  }
  for (const line of classicWarningLines(df.warnings)) await req.err(`${line}\n`);
  const build = new ClassicBuild(req, df);
  let image: Image;
  try {
    image = await build.buildAll();
  } catch (e) {
    if (e instanceof BuildStepError) {
      if (e.status === 130 && req.cancellation.cancelled) return 130;
      return err(e.message, e.status === 0 ? 1 : e.status);
    }
    throw e;
  }
  const unused = build.unusedArgs();
  if (unused.length > 0 && !req.quiet) await req.out(`[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n`);
  for (const t of req.tags) req.engine.images.tag(t, image.id, req.engine.clock.now());
  if (req.quiet) {
    await req.out(`${image.id}\n`);
    return 0;
  }
  await req.out(`Successfully built ${image.shortId}\n`);
  for (const t of req.tags) await req.out(`Successfully tagged ${familiarString(t)}\n`);
  return 0;
}
