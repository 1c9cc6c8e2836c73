/**
 * `engine.snapshot()` / `Engine.restore()`: the whole daemon state as one JSON-serialisable value, to keep a
 * learner's work in the browser.
 *
 * What is kept: every image (config bytes, layers, local parent), every reference and its last tag time, every
 * container (identity, name, config, state, writable layer, logs, whether the user stopped it), the IP and host-PID
 * counters, the daemon ID and the random source's state (when it is a SeededRandom). Layers that the catalog holds
 * are kept as their diff_id and read back from the catalog; other layers (commits, builds, loads) are kept as their
 * member lists, with synthetic file contents as (size, seed) so they stay small.
 *
 * Restoring is a daemon restart (moby daemon.restore without live-restore): containers that were running or paused
 * come back exited with status 255 at the snapshot's time, and those whose restart policy asks for it (always,
 * unless-stopped when not stopped by the user, on-failure) are started again. Clocks are not restored (time goes
 * on), nor are running processes, pseudo-terminal state, or volumes (not covered yet).
 */
import type { Container, ContainerInit } from '../container/Container';
import type { ContainerConfig, ContainerState, HostConfig } from '../container/Types';
import type { Engine } from '../Engine';
import type { Digest } from '../format/digest';
import type { Reference } from '../format/reference';
import { nanosToMillis, parseRfc3339 } from '../format/time';
import { Image } from '../image/Image';
import { Layer } from '../image/Layer';
import { layerFromMemNode } from '../fs/diff';
import { decodeText, encodeText } from '../process/text';
import { mergeLayers } from '../fs/MergedTree';
import { OverlayFs } from '../fs/OverlayFs';
import { seedVolume } from '../volume/mounts';
import { decodeLayer, encodeLayer, fromBase64, graftUpper, toBase64, type EntryJSON } from './codec';
import { buildCacheOf } from '../build/cache';

export const SNAPSHOT_VERSION = 1;

export type LayerJSON = { readonly catalog: string } | { readonly diffId?: string; readonly entries: readonly EntryJSON[] };

export interface ImageJSON {
  /** The config bytes as text (configs are UTF-8 JSON; the exact bytes are what the ID hashes). */
  readonly config: string;
  /** Indexes into `layers`. */
  readonly layers: readonly number[];
  readonly parent: string | null;
}

export interface ContainerJSON {
  readonly id: string;
  readonly name: string;
  /** Index into `images` (the image may be untagged or even deleted from the store: the container keeps it). */
  readonly image: number;
  readonly imageRef: string;
  readonly config: ContainerConfig;
  readonly hostConfig: HostConfig;
  readonly path: string;
  readonly args: readonly string[];
  readonly createdMs: number;
  readonly ipAddress: string;
  readonly state: ContainerState;
  readonly manuallyStopped: boolean;
  readonly upper: readonly EntryJSON[];
  readonly logs: ReadonlyArray<readonly [stream: 'stdout' | 'stderr', time: number, base64: string]>;
}

export interface EngineCounters {
  readonly nextIp: number;
  readonly nextHostPid: number;
  readonly daemonId: string;
}

export interface EngineSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  /** Epoch ms when taken. */
  readonly takenAt: number;
  readonly counters: EngineCounters;
  /** xoshiro128** state of a SeededRandom, or null for another random source. */
  readonly random: readonly [number, number, number, number] | null;
  readonly layers: readonly LayerJSON[];
  readonly images: readonly ImageJSON[];
  /** Which images are in the store (the others are only held by containers). */
  readonly stored: readonly number[];
  /** Reference → image index, in the store's order. */
  readonly refs: ReadonlyArray<readonly [Reference, number]>;
  readonly tagTimes: ReadonlyArray<readonly [number, string]>;
  readonly containers: readonly ContainerJSON[];
  /** Volumes with their files (absent in snapshots taken before volumes existed). */
  readonly volumes?: readonly VolumeJSON[];
  /** BuildKit's build cache: step key → index into `layers` (null: the step changed nothing), history times. */
  readonly buildCache?: {
    readonly layers: ReadonlyArray<readonly [string, number | null]>;
    readonly times: ReadonlyArray<readonly [string, string]>;
    /** Step key → created, last used (null: never), use count. */
    readonly usage?: ReadonlyArray<readonly [string, number, number | null, number]>;
  };
}

interface VolumeJSON {
  readonly name: string;
  readonly createdMs: number;
  readonly anonymous: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly files: EntryJSON[];
}

/** A random source whose state can be saved (SeededRandom). */
interface StatefulRandom {
  getState(): [number, number, number, number];
  setState(s: readonly [number, number, number, number]): void;
}
const isStateful = (r: unknown): r is StatefulRandom => typeof (r as StatefulRandom).getState === 'function';

export function snapshotEngine(engine: Engine, counters: EngineCounters, catalogDiffIds: ReadonlySet<string>): EngineSnapshot {
  const layerIndex = new Map<Layer, number>();
  const layers: LayerJSON[] = [];
  const imageIndex = new Map<Image, number>();
  const images: ImageJSON[] = [];
  const addLayer = (l: Layer): number => {
    let i = layerIndex.get(l);
    if (i === undefined) {
      i = layers.length;
      layerIndex.set(l, i);
      if (l.hasDiffId && catalogDiffIds.has(l.diffId)) layers.push({ catalog: l.diffId });
      else layers.push({ ...(l.hasDiffId ? { diffId: l.diffId } : {}), entries: encodeLayer(l.tree) });
    }
    return i;
  };
  const addImage = (img: Image): number => {
    let i = imageIndex.get(img);
    if (i === undefined) {
      const json: ImageJSON = { config: decodeText(img.rawConfig), layers: img.layers.map(addLayer), parent: img.parent };
      i = images.length;
      imageIndex.set(img, i);
      images.push(json);
    }
    return i;
  };
  // Oldest first, so restoring adds them in an order the store's listing does not depend on anyway.
  const stored = engine.images
    .list()
    .slice()
    .reverse()
    .map(addImage);
  const refs = engine.images.references().map(([ref, id]) => {
    const img = engine.images.get(id)!;
    return [{ ...ref }, imageIndex.get(img)!] as const;
  });
  const tagTimes: Array<readonly [number, string]> = [];
  for (const img of engine.images.list()) {
    const t = engine.images.lastTagTime(img.id);
    if (t !== undefined) tagTimes.push([imageIndex.get(img)!, t]);
  }
  const containers = engine.containers
    .list()
    .slice()
    .reverse()
    .map((c): ContainerJSON => ({
      id: c.id,
      name: c.name,
      image: addImage(c.image),
      imageRef: c.imageRef,
      config: c.config,
      hostConfig: c.hostConfig,
      path: c.path,
      args: c.args,
      createdMs: c.createdMs,
      ipAddress: c.ipAddress,
      state: { ...c.state },
      manuallyStopped: c.manuallyStopped,
      upper: encodeLayer(layerFromMemNode(c.overlay.upper)),
      logs: c.logs.all().map((l) => [l.stream, l.time, toBase64(l.data)] as const),
    }));
  const cache = buildCacheOf(engine);
  const buildCache = cache.isEmpty
    ? undefined
    : {
        layers: [...cache.layers].map(([k, l]) => [k, l ? addLayer(l) : null] as const),
        times: [...cache.times],
        usage: [...cache.usage].map(([k, u]) => [k, u.created, u.lastUsed ?? null, u.count] as const),
      };
  return {
    version: SNAPSHOT_VERSION,
    takenAt: engine.clock.now(),
    counters,
    random: isStateful(engine.random) ? engine.random.getState() : null,
    layers,
    images,
    stored,
    refs,
    tagTimes,
    containers,
    volumes: engine.volumes.list().map((v) => ({
      name: v.name,
      createdMs: v.createdMs,
      anonymous: v.anonymous,
      labels: v.labels,
      files: encodeLayer(layerFromMemNode(v.fs.rootNode)),
    })),
    ...(buildCache ? { buildCache } : {}),
  };
}

/** Hooks into the engine being rebuilt (its private counters, container adoption). */
export interface RestoreTarget {
  readonly engine: Engine;
  setCounters(c: EngineCounters): void;
  adoptContainer(init: ContainerInit, ipAddress: string): Container;
  loadCatalogLayer(diffId: Digest): Promise<Layer>;
}

export async function restoreEngine(s: EngineSnapshot, target: RestoreTarget): Promise<Engine> {
  if (s.version !== SNAPSHOT_VERSION) throw new RangeError(`unsupported engine snapshot version ${String(s.version)}`);
  const { engine } = target;
  target.setCounters(s.counters);
  if (s.random && isStateful(engine.random)) engine.random.setState(s.random);
  const layers = await Promise.all(
    s.layers.map(async (l) => ('catalog' in l ? target.loadCatalogLayer(l.catalog as Digest) : new Layer(decodeLayer(l.entries), l.diffId as Digest | undefined))),
  );
  const images = s.images.map((i) => Image.fromConfig(encodeText(i.config), i.layers.map((n) => layers[n]!), (i.parent as Digest | null) ?? null));
  for (const n of s.stored) engine.images.add(images[n]!);
  // The build cache shares its layers with the images, so a rebuild after a restart hits as before.
  const cache = buildCacheOf(engine);
  for (const [key, n] of s.buildCache?.layers ?? []) cache.layers.set(key, n === null ? undefined : layers[n]!);
  for (const [key, t] of s.buildCache?.times ?? []) cache.times.set(key, t);
  for (const [key, created, lastUsed, count] of s.buildCache?.usage ?? []) cache.usage.set(key, { created, lastUsed: lastUsed ?? undefined, count });
  const tagTime = new Map(s.tagTimes.map(([n, t]) => [n, t]));
  for (const [ref, n] of s.refs) engine.images.tag(ref, images[n]!.id);
  // Last tag times are set by tagging again with that instant (the store formats it the same way).
  for (const [n, t] of tagTime) {
    const ref = engine.images.refsOf(images[n]!.id)[0];
    if (ref) engine.images.tag(ref, images[n]!.id, nanosToMillis(parseRfc3339(t)));
  }
  // Volumes before containers: a container's mounts name them.
  for (const v of s.volumes ?? []) {
    const { volume } = engine.volumes.ensure(v.name, { now: v.createdMs, anonymous: v.anonymous, labels: { ...v.labels } });
    seedVolume(volume.fs, new OverlayFs({ image: mergeLayers([decodeLayer(v.files)]) }), '/');
  }
  const restart: Container[] = [];
  for (const j of s.containers) {
    const c = target.adoptContainer(
      { id: j.id, name: j.name, image: images[j.image]!, imageRef: j.imageRef, config: j.config, hostConfig: j.hostConfig, path: j.path, args: j.args, createdMs: j.createdMs },
      j.ipAddress,
    );
    graftUpper(c.overlay.upper, decodeLayer(j.upper), c.overlay.lower, c.overlay.inos);
    for (const [stream, time, data] of j.logs) c.logs.append({ stream, time, data: fromBase64(data) });
    c.logs.close();
    const wasUp = j.state.status === 'running' || j.state.status === 'paused' || j.state.status === 'restarting';
    Object.assign(c.state, j.state, wasUp ? { status: 'exited', pid: 0, exitCode: 255, finishedAt: s.takenAt } : {});
    c.manuallyStopped = j.manuallyStopped;
    const policy = j.hostConfig.restartPolicy.name;
    if (wasUp && (policy === 'always' || (policy === 'unless-stopped' && !j.manuallyStopped) || policy === 'on-failure')) restart.push(c);
  }
  for (const c of restart) {
    try {
      await c.start();
    } catch {
      // The start failure is recorded in the container's state, as the daemon logs it.
    }
  }
  return engine;
}
