/**
 * The BuildKit builder (the default, docker.md §5.2–5.4) with plain progress output on stderr. Only the stages the
 * target needs are built; FROM/RUN/COPY/ADD/WORKDIR are numbered vertices, metadata instructions only change the
 * config. The cache is BuildKit's: a step's key is its input's key plus its own definition (command, env, workdir,
 * user; content checksums for COPY/ADD), so a LABEL change does not rebuild a later RUN but an ENV change does.
 * Built images have no local parent (`docker history` shows `<missing>` below the top).
 */
import type { Engine } from '../../Engine';
import { isEngineError } from '../../errors';
import { sha256 } from '../../format/digest';
import { formatRfc3339Nano } from '../../format/time';
import type { ContainerConfig } from '../../format/imageConfig';
import { referenceString } from '../../format/reference';
import { append, type Addendum } from '../../image/append';
import type { Image } from '../../image/Image';
import { Layer } from '../../image/Layer';
import { layerFromMemNode } from '../../fs/diff';
import { OverlayFs } from '../../fs/OverlayFs';
import { parseDockerfile, DockerfileParseError, SubstitutionError, expandWord } from '../parser';
import type { Instruction, ParsedDockerfile, Stage } from '../parser';
import { PlainPrinter, sourceExcerpt } from '../output/plain';
import type { BuildProgress, ProgressVertex } from '../output/progress';
import { TtyPrinter } from '../output/tty';
import { buildCacheOf, type BuildCache } from '../cache';
import { emptyMerged, matchSources, performCopy, sourceRel, type CopyMatch } from './copy';
import { fetchRemote, isUrl, remoteMatch } from './remote';
import { BuildStepError } from './errors';
import { baseReference, neededStages, resolveImage, stageByName, targetIndex } from './plan';
import { runStep } from './run';
import { contextSource, imageSource, type SourceTree } from './sources';
import { argValue, buildkitRunArgs, commandArgv, metadataEffect, runArgEnv, substitutionEnv, type ArgSource, type StageState } from './stage';
import type { BuildRequest, BuildStatus } from './Types';
import { lintWarnings, type LintWarning } from './lint';
import { goQuote } from '../parser/goQuote';
import { resolveUser } from '../../container/user';

const TEXT = new TextEncoder();
const COMMENT = 'buildkit.dockerfile.v0';

const hashKey = (...parts: unknown[]) => sha256(TEXT.encode(JSON.stringify(parts))).slice(7);

interface BkStage extends StageState {
  pending: Addendum[];
  fsKey: string;
  histKey: string;
  /** Something was built (not cached) in this stage. */
  built: boolean;
}

class StepFailure extends Error {
  constructor(
    readonly vertex: ProgressVertex | undefined,
    readonly vertexMessage: string,
    override readonly message: string,
    readonly ins: Instruction | undefined,
  ) {
    super(message);
  }
}

class BuildkitBuild {
  private readonly engine: Engine;
  private readonly cache: BuildCache;
  private readonly stageResults = new Map<number, { image: Image | null; fsKey: string }>();
  private readonly consumed = new Set<string>();
  private readonly meta = new Map<string, string | undefined>();
  private readonly bases = new Map<number, { image: Image; ref: string; pulled: boolean } | null>();
  private readonly source: SourceTree;
  private contextLoaded = false;
  private readonly fromShown = new Set<string>();
  anyBuilt = false;

  constructor(
    private readonly req: BuildRequest,
    private readonly df: ParsedDockerfile,
    private readonly p: BuildProgress,
  ) {
    this.engine = req.engine;
    this.cache = buildCacheOf(req.engine);
    this.source = contextSource(req.context);
  }

  private now(): number {
    return this.engine.clock.now();
  }

  private argSource(): ArgSource {
    return { buildArgs: this.req.buildArgs, style: 'buildkit', meta: this.meta, consumed: this.consumed };
  }

  private fromName(s: Stage): string {
    return expandWord(s.from.image, this.meta, this.df.escapeToken);
  }

  /** Loads base-image metadata (pulling missing images) for the stages to build; returns them in order. */
  async prepare(): Promise<Stage[]> {
    for (const a of this.df.metaArgs) {
      for (const d of a.declarations) {
        const name = expandWord(d.name, this.meta, this.df.escapeToken);
        const def = d.defaultValue === undefined ? undefined : expandWord(d.defaultValue, this.meta, this.df.escapeToken);
        this.meta.set(name, argValue(name, def, this.argSource(), false));
      }
    }
    const target = targetIndex(this.df, this.req.target);
    const needed = neededStages(this.df, target, (s) => this.fromName(s), (s, w) => expandWord(w, this.meta, this.df.escapeToken));
    const stages = this.df.stages.filter((s) => needed.has(s.index));
    const seen = new Map<string, { image: Image; ref: string; pulled: boolean }>();
    for (const s of stages) {
      const name = this.fromName(s);
      if (name.toLowerCase() === 'scratch' || stageByName(this.df, name, s.index)) {
        this.bases.set(s.index, null);
        continue;
      }
      const ref = referenceString(baseReference(name));
      let hit = seen.get(ref);
      if (!hit) {
        const v = await this.p.vertex(`[internal] load metadata for ${ref}`);
        await v.start();
        try {
          const r = await resolveImage(this.engine, name, async () => {});
          hit = { image: r.image, ref, pulled: r.pulled };
        } catch (e) {
          if (isEngineError(e)) {
            await v.error(e.message);
            throw new StepFailure(undefined, e.message, `${name}: failed to resolve source metadata for ${ref}: ${e.message}`, undefined);
          }
          throw e;
        }
        await v.done();
        seen.set(ref, hit);
      }
      this.bases.set(s.index, hit);
    }
    const di = await this.p.vertex('[internal] load .dockerignore');
    await di.status('transferring context:', { current: this.req.dockerignore === undefined ? 2 : TEXT.encode(this.req.dockerignore).length });
    await di.done();
    this.p.expect(this.plannedVertices(stages));
    this.contextPatterns = this.followPaths(stages);
    return stages;
  }

  /**
   * dockerfile2llb's FollowPaths: the sources of every COPY (without --from) and local ADD in the stages being built,
   * cleaned; a variable in a source (or an ONBUILD COPY/ADD, read only later) means the whole context.
   */
  private followPaths(stages: readonly Stage[]): string[] {
    const out: string[] = [];
    for (const s of stages) {
      if ((this.bases.get(s.index)?.image.runConfig.OnBuild ?? []).some((t) => /^\s*(COPY|ADD)\b/i.test(t))) return [''];
      for (const i of s.instructions) {
        if (!((i.keyword === 'COPY' && i.from === undefined) || i.keyword === 'ADD')) continue;
        for (const w of i.sources) {
          if (isUrl(w)) continue;
          if (w.includes('$')) return [''];
          out.push(sourceRel(w));
        }
      }
    }
    return out.length === 0 ? [''] : out;
  }

  /**
   * The vertices the solve will show for these stages (the TTY header counts them from the start, so a failed build
   * reads `(6/8)`): each base image once, the build context, and every RUN/COPY/ADD/WORKDIR step (ONBUILD triggers
   * included) plus one per downloaded URL.
   */
  private plannedVertices(stages: readonly Stage[]): number {
    const bases = new Set<string>();
    let n = 0;
    let context = false;
    const isStep = (word: string) => /^(RUN|COPY|ADD|WORKDIR)$/i.test(word);
    for (const s of stages) {
      const base = this.bases.get(s.index);
      if (base && !bases.has(base.ref)) {
        bases.add(base.ref);
        n++;
      }
      for (const t of base?.image.runConfig.OnBuild ?? []) {
        const word = /^\s*(\S+)/.exec(t)?.[1] ?? '';
        if (isStep(word)) n++;
        if (/^(COPY|ADD)$/i.test(word)) context = true;
      }
      for (const i of s.instructions) {
        if (i.keyword === 'WORKDIR' ? i.path.trim() !== '/' : isStep(i.keyword)) n++;
        if (i.keyword === 'ADD') n += i.sources.filter(isUrl).length;
      }
      if (this.usesContext(s)) context = true;
    }
    return n + (context ? 1 : 0);
  }

  private prefix(stage: Stage, i: number, n: number): string {
    const w = String(n).length;
    const pos = `${String(i).padStart(w)}/${n}`;
    if (this.df.stages.length <= 1) return `[${pos}]`;
    return `[${stage.from.stageName ?? `stage-${stage.index}`} ${pos}]`;
  }

  /** The context paths the stages being built name (BuildKit syncs only those); '' = everything. */
  private contextPatterns: string[] = [''];

  private async loadContext(): Promise<void> {
    if (this.contextLoaded) return;
    this.contextLoaded = true;
    const v = await this.p.vertex('[internal] load build context', true);
    await v.status('transferring context:', { current: this.req.context.transferSizeOf(this.contextPatterns) });
    await v.done();
  }

  private usesContext(stage: Stage): boolean {
    // An ADD of URLs only downloads; it needs nothing from the context.
    return stage.instructions.some((i) => (i.keyword === 'COPY' && i.from === undefined) || (i.keyword === 'ADD' && (i.sources.length === 0 || !i.sources.every(isUrl))));
  }

  /** The displayed instruction: keyword upper-cased, known variables substituted, unknown ones left as written. */
  private display(ins: Instruction, state: StageState): string {
    const rest = ins.original.slice(ins.original.search(/\s|$/)).trimStart();
    if (ins.heredocs.length > 0 && (ins.keyword === 'RUN' || ins.keyword === 'COPY' || ins.keyword === 'ADD')) {
      const body = ins.heredocs[0]!.body.split('\n').filter((l) => l !== '');
      return `${ins.keyword} ${rest} (${body[0] ?? ''}${body.length > 1 ? '...' : ''})`;
    }
    const env = substitutionEnv(state);
    const replaced = rest.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string | undefined, b: string | undefined) => {
      const v = env.get((a ?? b)!);
      return v === undefined ? m : v;
    });
    return `${ins.keyword} ${replaced}`;
  }

  async buildStage(stage: Stage): Promise<void> {
    const base = this.bases.get(stage.index) ?? null;
    const name = this.fromName(stage);
    let image: Image | null = null;
    let fsKey: string;
    const dep = name.toLowerCase() === 'scratch' ? undefined : stageByName(this.df, name, stage.index);
    if (base) {
      image = base.image;
      fsKey = image.id;
    } else if (dep) {
      const r = this.stageResults.get(dep.index)!;
      image = r.image;
      fsKey = r.fsKey;
    } else fsKey = 'scratch';
    const cfg: ContainerConfig = image ? { ...image.runConfig } : {};
    const triggers = cfg.OnBuild ?? [];
    if (cfg.OnBuild) delete cfg.OnBuild;
    const state: BkStage = { image, config: cfg, args: [], cmdSet: false, author: image?.config.author, pending: [], fsKey, histKey: fsKey, built: false };
    if (dep) {
      // A stage built on another inherits its declared ARGs.
      state.args = [...(this.stageArgs.get(dep.index) ?? [])];
    }
    const triggerIns = triggers.map((t) => parseDockerfile(`FROM scratch\n${t}\n`).stages[0]!.instructions[0]!);
    const all = [...triggerIns.map((t) => ({ ins: t, trigger: true })), ...stage.instructions.map((ins) => ({ ins, trigger: false }))];
    const isStep = (i: Instruction) => i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD' || (i.keyword === 'WORKDIR');
    const n = (base ? 1 : 0) + all.filter((x) => isStep(x.ins)).length;
    let k = 0;
    if (base) {
      k++;
      const digest = this.engine.images.digestsOf(base.image.id)[0]?.digest ?? base.image.id;
      // Stages FROM the same image share one vertex (BuildKit merges identical operations).
      if (this.fromShown.has(base.ref)) {
        // already shown
      } else if ((this.fromShown.add(base.ref), base.pulled)) {
        const v = await this.p.vertex(`${this.prefix(stage, k, n)} FROM ${base.ref}@${digest}`, true);
        await v.status(`resolve ${base.ref}@${digest}`, { timed: true });
        // The layers the pull fetched: download progress, then extraction (catalog blobs are uncompressed tars).
        for (const l of base.image.layers) await v.status(l.diffId, { current: l.tarSize, total: l.tarSize, timed: true });
        for (const l of base.image.layers) await v.status(`extracting ${l.diffId}`, { timed: true });
        await v.done();
      } else await (await this.p.vertex(`${this.prefix(stage, k, n)} FROM ${base.ref}@${digest}`, true)).cached();
    }
    if (this.usesContext(stage) || triggerIns.some((t) => t.keyword === 'COPY' || t.keyword === 'ADD')) await this.loadContext();
    for (const { ins, trigger } of all) {
      if (this.req.cancellation.cancelled) throw new BuildStepError('canceled', 130);
      let label = '';
      if (isStep(ins)) {
        k++;
        label = `${this.prefix(stage, k, n)} ${trigger ? 'ONBUILD ' : ''}${this.display(ins, state)}`;
      }
      try {
        await this.dispatch(ins, state, stage, label);
      } catch (e) {
        if (e instanceof SubstitutionError) throw new StepFailure(undefined, e.message, e.message, ins);
        if (e instanceof BuildStepError && !this.req.cancellation.cancelled) throw new StepFailure(undefined, e.message, e.message, ins);
        throw e;
      }
    }
    this.flush(state);
    this.stageResults.set(stage.index, { image: state.image, fsKey: state.fsKey });
    this.stageArgs.set(stage.index, state.args);
    this.lastState = state;
  }

  private readonly stageArgs = new Map<number, StageState['args']>();
  lastState: BkStage | null = null;

  private created(state: BkStage, createdBy: string, layerKey: string): string {
    state.histKey = hashKey(state.histKey, createdBy, layerKey);
    let t = this.cache.times.get(state.histKey);
    if (!t || this.req.noCache) {
      t = formatRfc3339Nano(this.now());
      this.cache.times.set(state.histKey, t);
    }
    return t;
  }

  private addHistory(state: BkStage, createdBy: string, layer: Layer | undefined, layerKey: string, suffix: boolean): void {
    const created = this.created(state, createdBy, layerKey);
    state.pending.push({ ...(layer ? { layer } : {}), history: { created, created_by: suffix ? `${createdBy} # buildkit` : createdBy, comment: COMMENT } });
  }

  /** Turns pending history (and layers) into an image with the current config. */
  flush(state: BkStage): void {
    if (state.pending.length === 0 && (state.image === null || JSON.stringify(state.image.runConfig) === JSON.stringify(state.config))) return;
    const lastCreated = state.pending[state.pending.length - 1]?.history.created ?? state.image?.config.created ?? formatRfc3339Nano(this.now());
    state.image = append({
      base: state.image,
      addenda: state.pending,
      config: state.config,
      created: lastCreated,
      ...(state.author ? { author: state.author } : {}),
      configStyle: 'oci',
      parent: null,
    });
    state.pending = [];
  }

  private async dispatch(ins: Instruction, state: BkStage, stage: Stage, label: string): Promise<void> {
    switch (ins.keyword) {
      case 'RUN':
        return this.run(ins, state, label);
      case 'COPY':
      case 'ADD':
        return this.copy(ins, state, stage, label);
      case 'FROM':
        throw new BuildStepError(`FROM isn't allowed as an ONBUILD trigger`);
      default: {
        const eff = metadataEffect(ins, state, this.df.escapeToken, this.argSource());
        if (eff.declare) {
          for (const d of eff.declare) {
            const i = state.args.findIndex((a) => a.name === d.name);
            if (i >= 0) state.args[i] = d;
            else state.args.push(d);
          }
        }
        if (eff.cmdSet) state.cmdSet = true;
        if (eff.author) state.author = eff.author;
        state.config = eff.config;
        if (ins.keyword === 'WORKDIR') return this.workdir(state, eff.buildkitCreatedBy!, label);
        if (eff.buildkitCreatedBy !== undefined) this.addHistory(state, eff.buildkitCreatedBy, undefined, '', false);
      }
    }
  }

  private async workdir(state: BkStage, createdBy: string, label: string): Promise<void> {
    const dir = state.config.WorkingDir ?? '/';
    if (dir === '/') {
      this.addHistory(state, createdBy, undefined, '', false);
      return;
    }
    const key = hashKey(state.fsKey, 'mkdir', dir, state.config.User ?? '');
    const v = await this.p.vertex(label, true);
    const hit = !this.req.noCache && this.cache.layers.has(key);
    let layer: Layer | undefined;
    if (hit) {
      layer = this.cache.layers.get(key);
      this.cache.used(key, this.now());
      await v.cached();
    } else {
      await v.start();
      this.flush(state);
      const fs = new OverlayFs({ image: state.image ? state.image.merged() : emptyMerged(), now: () => this.now() });
      // BuildKit makes the directories as the current USER (the classic builder as root).
      let owner: { uid: number; gid: number } | undefined;
      if (state.config.User) {
        try {
          const cred = resolveUser(fs, state.config.User).cred;
          owner = { uid: cred.uid, gid: cred.gid };
        } catch {
          owner = undefined;
        }
      }
      let p = '';
      for (const part of dir.split('/').filter((x) => x !== '')) {
        p += `/${part}`;
        try {
          fs.mkdir(p, 0o755);
          if (owner) fs.chown(p, owner.uid, owner.gid);
        } catch {
          // exists
        }
      }
      layer = new Layer(layerFromMemNode(fs.upper));
      this.cache.store(key, layer, this.now());
      this.anyBuilt = true;
      await v.done();
    }
    state.fsKey = key;
    this.addHistory(state, createdBy, layer, key, false);
  }

  private async run(ins: Extract<Instruction, { keyword: 'RUN' }>, state: BkStage, label: string): Promise<void> {
    let argv: string[];
    if (ins.heredocs.length > 0 && ins.command.form === 'shell' && /^<<-?["']?[A-Za-z0-9_]+["']?\s*$/.test(ins.command.command.trim())) {
      argv = commandArgv({ form: 'shell', command: ins.heredocs[0]!.body }, state.config);
    } else argv = commandArgv(ins.command, state.config);
    const argEnv = runArgEnv(state);
    const key = hashKey(state.fsKey, 'run', argv, state.config.Env ?? [], argEnv, state.config.WorkingDir ?? '', state.config.User ?? '');
    const bkArgs = buildkitRunArgs(state);
    const createdBy = `RUN ${[...(bkArgs.length > 0 ? [`|${bkArgs.length}`, ...bkArgs] : []), ...argv].join(' ')}`;
    const v = await this.p.vertex(label, true);
    let layer: Layer | undefined;
    if (!this.req.noCache && this.cache.layers.has(key)) {
      layer = this.cache.layers.get(key);
      this.cache.used(key, this.now());
      await v.cached();
    } else {
      await v.start();
      this.flush(state);
      // FROM scratch: an empty root, where starting /bin/sh fails as runc does.
      const image = state.image ?? append({ base: null, addenda: [], config: state.config, created: formatRfc3339Nano(this.now()) });
      const decoder = new TextDecoder();
      let outcome;
      try {
        outcome = await runStep(this.engine, image, { argv, env: argEnv }, async (_s, data) => v.log(decoder.decode(data, { stream: true })), this.req.cancellation);
      } catch (e) {
        // Ctrl-C: the step's vertex ends CANCELED (plain `#n CANCELED`, the TTY view's yellow CANCELED line).
        if (this.req.cancellation.cancelled) await v.canceled();
        if (e instanceof BuildStepError && !this.req.cancellation.cancelled) {
          // The process never started: BuildKit reports runc's reason instead of an exit code.
          const detail = /unable to start container process: (.*?)(?:: unknown)?$/.exec(e.message)?.[1];
          const why = detail !== undefined ? `runc run failed: unable to start container process: ${detail}` : `exit code: ${e.status}`;
          const msg = `process ${goQuote(argv.join(' '))} did not complete successfully: ${why}`;
          throw new StepFailure(v, msg, msg, ins);
        }
        throw e;
      }
      await this.engine.removeContainer(outcome.container, true);
      if (outcome.status !== 0) {
        const msg = `process ${goQuote(argv.join(' '))} did not complete successfully: exit code: ${outcome.status}`;
        throw new StepFailure(v, msg, msg, ins);
      }
      layer = outcome.layer.tree.isEmpty ? undefined : outcome.layer;
      this.cache.store(key, layer, this.now());
      this.anyBuilt = true;
      await v.done();
    }
    state.fsKey = key;
    this.addHistory(state, createdBy, layer, key, true);
  }

  /** `ADD <url>`: the http source's vertex (the URL), the download, `--checksum`; failures end the build. */
  private async download(url: string, checksum: string | undefined, ins: Instruction): Promise<CopyMatch> {
    const v = await this.p.vertex(url, true);
    await v.start();
    const r = fetchRemote(url, false);
    if (!r.ok) throw new StepFailure(v, r.error, `failed to load cache key: ${r.error}`, ins);
    if (checksum !== undefined && r.file.digest !== checksum) {
      const msg = `digest mismatch ${r.file.digest}: ${checksum}`;
      throw new StepFailure(v, msg, msg, ins);
    }
    await v.done();
    return remoteMatch(r.file);
  }

  private async copy(ins: Extract<Instruction, { keyword: 'COPY' | 'ADD' }>, state: BkStage, stage: Stage, label: string): Promise<void> {
    const env = substitutionEnv(state);
    const x = (w: string) => expandWord(w, env, this.df.escapeToken);
    const sources = ins.sources.map(x);
    const dest = x(ins.dest);
    // BuildKit's http source is a vertex of its own (named by the URL) that runs before the ADD needing it.
    let v: ProgressVertex | undefined = ins.keyword === 'ADD' && sources.some(isUrl) ? undefined : await this.p.vertex(label, true);
    const fail = async (message: string, vertexMessage = message): Promise<never> => {
      throw new StepFailure(v, vertexMessage, message, ins);
    };
    if (ins.keyword === 'COPY' && sources.some(isUrl)) await fail("source can't be a URL for COPY");
    const checksum = ins.keyword === 'ADD' && ins.checksum !== undefined ? x(ins.checksum) : undefined;
    if (checksum !== undefined) {
      if (sources.length !== 1) throw new StepFailure(undefined, '', "checksum can't be specified for multiple sources", ins);
      if (!isUrl(sources[0]!)) throw new StepFailure(undefined, '', 'checksum requires HTTP(S) or Git sources', ins);
      if (!/^sha256:[0-9a-f]{64}$/.test(checksum)) throw new StepFailure(undefined, '', 'invalid checksum digest format', ins);
    }
    let tree = this.source;
    let fromKey = 'context';
    let fromContext = true;
    if (ins.keyword === 'COPY' && ins.from !== undefined) {
      const fromName = x(ins.from);
      const dep = stageByName(this.df, fromName, stage.index);
      fromContext = false;
      if (dep) {
        const r = this.stageResults.get(dep.index);
        tree = imageSource(r?.image ?? null);
        fromKey = r?.fsKey ?? 'scratch';
      } else {
        try {
          const img = (await resolveImage(this.engine, fromName, async () => {})).image;
          tree = imageSource(img);
          fromKey = img.id;
        } catch (e) {
          if (isEngineError(e)) await fail(e.message);
          throw e;
        }
      }
    }
    const downloads = new Map<number, CopyMatch>();
    for (const [i, w] of sources.entries()) if (isUrl(w)) downloads.set(i, await this.download(w, checksum, ins));
    v ??= await this.p.vertex(label, true);
    const matches: CopyMatch[][] = [];
    try {
      for (const [i, w] of sources.entries()) {
        const d = downloads.get(i);
        matches.push(d ? [d] : matchSources(tree, [w], false)[0]!);
      }
    } catch (e) {
      if (e instanceof BuildStepError) {
        const ref = `${this.engine.random.hex(25)}::${this.engine.random.hex(25)}`;
        const tail = e.message.replace('failed to compute cache key: failed to calculate checksum of ref:', `failed to calculate checksum of ref ${ref}:`);
        await fail(`failed to compute cache key: ${tail}`, tail);
      }
      throw e;
    }
    const chown = ins.chown !== undefined ? x(ins.chown) : undefined;
    const chmod = ins.chmod !== undefined ? x(ins.chmod) : undefined;
    const hashes = matches.flat().map((m) => `${m.path}=${m.hash ?? tree.hash(m.path)}`);
    const key = hashKey(state.fsKey, ins.keyword, fromKey, hashes, ins.inlineFiles.map((f) => [f.name, f.content]), dest, state.config.WorkingDir ?? '', chown ?? '', chmod ?? '');
    const flags = [chown !== undefined ? `--chown=${chown}` : '', chmod !== undefined ? `--chmod=${chmod}` : ''].filter((f) => f !== '');
    const words = ins.inlineFiles.length > 0 && ins.sources.length === 0 ? ins.inlineFiles.map((f) => `<<${f.name}`) : sources;
    const createdBy = `${ins.keyword} ${[...flags, ...words, dest].join(' ')}`;
    let layer: Layer | undefined;
    if (!this.req.noCache && this.cache.layers.has(key)) {
      layer = this.cache.layers.get(key);
      this.cache.used(key, this.now());
      await v.cached();
    } else {
      await v.start();
      this.flush(state);
      try {
        layer = performCopy(state.image, tree, matches, {
          keyword: ins.keyword,
          sources,
          inline: ins.inlineFiles.map((f) => ({ name: f.name, content: f.expand ? x(f.content) : f.content })),
          dest,
          workdir: state.config.WorkingDir || '/',
          chown,
          chmod,
          fromContext,
          now: this.now(),
          classic: false,
        });
      } catch (e) {
        if (e instanceof BuildStepError) await fail(e.message);
        throw e;
      }
      if (layer.tree.isEmpty) layer = undefined;
      this.cache.store(key, layer, this.now());
      this.anyBuilt = true;
      await v.done();
    }
    state.fsKey = key;
    this.addHistory(state, createdBy, layer, key, true);
  }
}

/** Runs a BuildKit build with plain progress on stderr; the image ID goes to stdout with `-q`. */
export async function buildkitBuild(req: BuildRequest): Promise<BuildStatus> {
  const write = async (t: string) => (req.quiet ? undefined : req.err(t));
  const now = () => req.engine.clock.now();
  const terminal = req.terminal;
  const p: BuildProgress = req.progress === 'tty' && terminal ? new TtyPrinter(write, now, terminal) : new PlainPrinter(write, now);
  await p.preamble('#0 building with "default" instance using docker driver\n');
  const def = await p.vertex(`[internal] load build definition from ${req.dockerfileName}`);
  await def.status('transferring dockerfile:', { current: TEXT.encode(req.dockerfileText).length });
  const fatal = async (message: string, excerpt?: { start: number; end: number }) => {
    await p.close();
    if (excerpt && excerpt.start > 0) await req.err(sourceExcerpt(req.dockerfileName, req.dockerfileText, excerpt.start, excerpt.end));
    await req.err(`ERROR: failed to build: failed to solve: ${message}\n`);
    return 1;
  };
  let df: ParsedDockerfile;
  try {
    df = parseDockerfile(req.dockerfileText);
  } catch (e) {
    if (e instanceof DockerfileParseError) {
      await def.done();
      return fatal(e.dockerMessage, e.phase === 'instruction' || e.phase === 'syntax' ? { start: e.line, end: e.endLine } : undefined);
    }
    throw e;
  }
  const warnings: LintWarning[] = lintWarnings(df);
  for (const w of warnings) await def.warn(`${w.rule}: ${w.message} (line ${w.line})`);
  await def.done();
  if (df.stages.length === 0) return fatal('dockerfile contains no stages to build');
  const b = new BuildkitBuild(req, df, p);
  let stages: Stage[];
  try {
    stages = await b.prepare();
    for (const s of stages) await b.buildStage(s);
  } catch (e) {
    if (e instanceof StepFailure) {
      if (e.vertex) {
        await e.vertex.error(e.vertexMessage);
        await p.close();
        if (!req.quiet) {
          await req.err(`------\n > ${e.vertex.name}:\n${e.vertex.logs.map((l) => `${l}\n`).join('')}------\n`);
        }
      }
      return fatal(e.message, e.ins ? { start: e.ins.startLine, end: e.ins.endLine } : undefined);
    }
    if (e instanceof BuildStepError) {
      if (e.status === 130 && req.cancellation.cancelled) {
        await p.close();
        return 130;
      }
      return fatal(e.message);
    }
    throw e;
  }
  const state = b.lastState!;
  if (Object.keys(req.labels).length > 0) state.config = { ...state.config, Labels: { ...(state.config.Labels ?? {}), ...req.labels } };
  b.flush(state);
  if (!state.image) return fatal('No image was generated. Is your Dockerfile empty?');
  const image = req.engine.images.add(state.image);
  const exp = await p.vertex('exporting to image');
  await exp.status('exporting layers', { timed: b.anyBuilt });
  await exp.status(`writing image ${image.id}`);
  for (const t of req.tags) {
    req.engine.images.tag(t, image.id, req.engine.clock.now());
    await exp.status(`naming to ${referenceString(t)}`);
  }
  await exp.done();
  await p.close();
  if (warnings.length > 0 && !req.quiet) {
    const n = warnings.length;
    await req.err(`\n ${n} warning${n === 1 ? '' : 's'} found (use docker --debug to expand):\n${warnings.map((w) => ` - ${w.rule}: ${w.message} (line ${w.line})\n`).join('')}`);
  }
  if (req.quiet) await req.out(`${image.id}\n`);
  return 0;
}
