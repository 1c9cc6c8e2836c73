/**
 * The engine facade: the stores, the services every part shares (clock, random source, program registry, pty
 * factory), and the operations that span stores (create a container from an image, remove it, commit it).
 * Everything the `docker` CLI does goes through here; the UI subscribes to the stores' change events.
 */

import { EngineError, invalidContainerName, invalidParameter, nameConflict, removeRunningContainer } from './errors';
import { layerFromMemNode } from './fs/diff';
import { formatRfc3339Nano } from './format/time';
import type { ContainerConfig } from './format/imageConfig';
import { append } from './image/append';
import type { Image } from './image/Image';
import { Layer } from './image/Layer';
import { removeImage, type ImageDeleteEvent, type RemoveImageOptions } from './image/remove';
import { Container } from './container/Container';
import { mergeConfig } from './container/config';
import { generateName, isValidContainerName } from './container/names';
import { DEFAULT_HOST_CONFIG, type CreateSpec, type PtyFactory } from './container/Types';
import { ContainerStore } from './store/ContainerStore';
import { VolumeStore } from './volume/VolumeStore';
import { mountsOf, resolveMounts, seedVolume, type VolumeContext } from './volume/mounts';
import type { FsClient } from './fs/Types';
import { ImageStore } from './store/ImageStore';
import type { Clock, ProgramRegistry, Random } from './process/Types';
import type { Catalog } from './registry/catalog';
import { pullImage, type PullEvent, type PullResult } from './registry/pull';
import { Hub } from './registry/hub';
import { familiarName, familiarString, type Reference } from './format/reference';
import type { Machine } from './process/Machine';
import { PACKAGE_CATALOG, PackageCatalog, type PackageSource } from './packages/PackageCatalog';
import type { ContainerInit } from './container/Container';
import { restoreEngine, snapshotEngine, type EngineSnapshot } from './snapshot/snapshot';
import { watchStores } from './events';
import { NETWORK, Network } from './network/Network';

/** Whose machine a setup is preparing: the learner's host (where `docker` runs) or a container. */
export type MachineOwner = { readonly kind: 'host' } | { readonly kind: 'container'; readonly container: Container };

/**
 * Prepares a machine the engine serves before its first process runs: provides services (the simulated network,
 * package indexes...) under their keys. Features register one with `Engine.addMachineSetup`, so neither the engine
 * nor the container has to know them by name.
 */
export type MachineSetup = (machine: Machine, owner: MachineOwner) => void;

/** Where the simulated daemon host's PID counter stands when the engine starts (plausible for a booted host). */
const FIRST_HOST_PID = 2143;

export interface EngineOptions {
  readonly clock: Clock;
  readonly random: Random;
  /** Programs containers can run (their binaries name them). */
  readonly programs: ProgramRegistry;
  readonly createPty?: PtyFactory;
  /**
   * The registry `docker pull`/`search` reach; absent means the registry is unreachable (Docker's network error).
   * A function opens it on first use (the page fetches the catalog index only when the learner first needs it).
   */
  readonly catalog?: Catalog | (() => Promise<Catalog>);
  /** The package archives apt/apk/pip/npm inside containers reach; absent means they are unreachable (the tools' network errors). */
  readonly packages?: PackageSource;
}

export interface CommitOptions {
  readonly author?: string;
  readonly message?: string;
  /** The container config after `--change` instructions (default: the container's own). */
  readonly config?: ContainerConfig;
}

export class Engine {
  readonly images = new ImageStore();
  readonly containers = new ContainerStore();
  /** Container and image events as `docker events` shows them; the UI's one subscription (events.ts). */
  readonly events = watchStores(this.images, this.containers, () => this.clock);
  readonly volumes = new VolumeStore();
  /** The daemon host's filesystem (bind mount sources); set when a host connects (host.ts). */
  hostFs: FsClient | undefined;
  readonly clock: Clock;
  readonly random: Random;
  readonly programs: ProgramRegistry;
  /** The simulated Docker Hub's accounts and learners' pushed repositories (registry/hub.ts). */
  readonly hub = new Hub();
  private _catalog: Catalog | (() => Promise<Catalog>) | Promise<Catalog | undefined> | undefined;
  private readonly _createPty: PtyFactory | undefined;
  private _nextIp = 2;
  /** Host-side PIDs of container processes (`docker top`), as a daemon host's PID counter would hand them out. */
  private _nextHostPid = FIRST_HOST_PID;
  private readonly _machineSetups: MachineSetup[] = [];
  /** The simulated network (bridge, published ports); it registers its machine setup itself. */
  readonly network: Network;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.programs = options.programs;
    this._createPty = options.createPty;
    this._catalog = options.catalog;
    this.network = new Network(this);
    // The daemon reaches registries on the simulated network (a registry:2 container) through the host's stack.
    this.addMachineSetup((machine, owner) => {
      if (owner.kind === 'host') this.hub.hostNetwork = () => machine.service(NETWORK);
    });
    if (options.packages) {
      const packages = new PackageCatalog(options.packages);
      this.addMachineSetup((machine, owner) => {
        if (owner.kind === 'container') machine.provide(PACKAGE_CATALOG, packages);
      });
    }
  }

  private _daemonId: string | undefined;

  /** The daemon's ID (`docker info`): a UUID as Engine 23+ generates on first start, drawn from the engine's random. */
  get daemonId(): string {
    if (this._daemonId === undefined) {
      const h = this.random.hex(32);
      this._daemonId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    }
    return this._daemonId;
  }

  /** Registers a setup run on every container machine from now on and on hosts connected after this call. */
  addMachineSetup(setup: MachineSetup): void {
    this._machineSetups.push(setup);
  }

  /** Runs the registered setups on `machine` (Container.start calls it; so does `connectHost`). */
  setUpMachine(machine: Machine, owner: MachineOwner): void {
    for (const setup of this._machineSetups) setup(machine, owner);
  }

  /** `docker pull`: `ref` normalised with a tag or digest; progress events as the daemon streams them. */
  pull(ref: Reference, onEvent: (e: PullEvent) => void | Promise<void>): Promise<PullResult> {
    return this.openCatalog()
      .then((catalog) => pullImage(this.images, catalog, ref, onEvent, this.hub, () => this.clock.now()))
      .then((result) => {
        // moby LogImageEvent(FamiliarString(ref), FamiliarName(ref), "pull"), up to date or not.
        this.events.log('image', 'pull', familiarString(ref), { ...(result.image.runConfig.Labels ?? {}), name: familiarName(ref) });
        return result;
      });
  }

  /** The registry catalog, opened on first use; undefined when there is none or it cannot be read (offline). */
  async openCatalog(): Promise<Catalog | undefined> {
    if (typeof this._catalog === 'function') {
      const open = this._catalog;
      this._catalog = open().catch(() => undefined);
    }
    return this._catalog;
  }

  /** A 64-hex container ID whose 12-char prefix is not all digits (it becomes the hostname). */
  private _newContainerId(): string {
    for (;;) {
      const id = this.random.hex(64);
      if (!/^[0-9]{12}$/.test(id.slice(0, 12)) && !this.containers.get(id)) return id;
    }
  }

  /** `docker create`: the image must be local (pulling is the CLI's business). */
  createContainer(image: Image, spec: CreateSpec): Container {
    const id = this._newContainerId();
    let name: string;
    if (spec.name !== undefined) {
      if (!isValidContainerName(spec.name)) throw invalidContainerName(spec.name);
      name = spec.name.startsWith('/') ? spec.name.slice(1) : spec.name;
      const taken = this.containers.byName(name);
      if (taken) throw nameConflict(name, taken.id);
    } else {
      name = generateName(this.random, (n) => this.containers.byName(n) !== undefined, id.slice(0, 12));
    }
    const merged = mergeConfig(image, spec, id.slice(0, 12));
    const volumeCtx: VolumeContext = { volumes: this.volumes, random: this.random, now: this.clock.now(), hostFs: this.hostFs };
    const mounts = resolveMounts(volumeCtx, spec.hostConfig?.binds ?? [], Object.keys(merged.config.Volumes ?? {}));
    const hostConfig = { ...DEFAULT_HOST_CONFIG, ...spec.hostConfig, binds: mounts };
    const container = new Container(
      { id, name, image, imageRef: spec.imageRef, config: merged.config, hostConfig, path: merged.path, args: merged.args, createdMs: this.clock.now() },
      {
        clock: this.clock,
        random: this.random,
        programs: this.programs,
        ...(this._createPty ? { createPty: this._createPty } : {}),
        ipAddress: `172.17.0.${this._nextIp++}`,
        onStateChange: (c) => this._onState(c),
        onEvent: (c, action, attributes) => this.events.logContainer(c, action, attributes),
        mounts: () => mountsOf(volumeCtx, mounts),
        setUpMachine: (m, c) => this.setUpMachine(m, { kind: 'container', container: c }),
        hostPid: () => this._nextHostPid++,
      },
    );
    for (const m of mounts) {
      const v = m.created ? this.volumes.get(m.source) : undefined;
      if (v) seedVolume(v.fs, container.overlay, m.target);
    }
    this.containers.add(container);
    return container;
  }

  /** Removes the anonymous volumes `c` made, unless another container still uses them (`--rm`, `rm -v`). */
  private _removeAnonymousVolumes(c: Container): void {
    for (const m of c.hostConfig.binds) {
      if (m.kind !== 'volume' || !this.volumes.get(m.source)?.anonymous) continue;
      const used = this.containers.list().some((o) => o.id !== c.id && o.hostConfig.binds.some((b) => b.kind === 'volume' && b.source === m.source));
      if (!used) this.volumes.remove(m.source);
    }
  }

  private _onState(c: Container): void {
    this.containers.emit({ kind: 'state', id: c.id });
    if (c.state.status === 'exited' && c.hostConfig.autoRemove && this.containers.get(c.id)) {
      this.containers.remove(c.id);
      this._removeAnonymousVolumes(c);
    }
  }

  /** `docker rename` (moby daemon/rename.go: checks in this order, names reserved as `/name`). */
  renameContainer(oldName: string, newName: string): void {
    if (oldName === '' || newName === '') throw invalidParameter('Neither old nor new names may be empty');
    const c = this.containers.resolve(oldName);
    const slashed = newName.startsWith('/') ? newName : `/${newName}`;
    if (`/${c.name}` === slashed) throw invalidParameter('Renaming a container with the same name as its current name');
    const bare = slashed.slice(1);
    const allocating = (e: EngineError) => new EngineError(e.code, e.kind, `Error when allocating new name: ${e.message}`, e.data);
    if (!isValidContainerName(bare)) throw allocating(invalidContainerName(slashed));
    const taken = this.containers.byName(bare);
    if (taken) throw allocating(nameConflict(bare, taken.id));
    c.name = bare;
    this.containers.emit({ kind: 'renamed', id: c.id });
  }

  /** `docker rm [-f]`. */
  async removeContainer(c: Container, force = false, removeVolumes = false): Promise<void> {
    if (c.state.status === 'restarting') {
      if (!force) throw removeRunningContainer(c.name, 'restarting');
      await c.stop();
    }
    if (c.running) {
      if (!force) throw removeRunningContainer(c.name);
      c.kill('SIGKILL');
      await c.wait();
    }
    if (!this.containers.get(c.id)) return;
    this.containers.remove(c.id);
    if (removeVolumes || c.hostConfig.autoRemove) this._removeAnonymousVolumes(c);
  }

  /** `docker commit`: the writable layer becomes a layer on top of the container's image. */
  commit(c: Container, options: CommitOptions = {}): Image {
    const layer = new Layer(layerFromMemNode(c.overlay.upper));
    const created = formatRfc3339Nano(this.clock.now());
    const config = options.config ?? c.config;
    const image = append({
      base: c.image,
      addenda: [
        {
          layer,
          history: {
            created,
            created_by: (c.config.Cmd ?? []).join(' '),
            ...(options.author ? { author: options.author } : {}),
            ...(options.message ? { comment: options.message } : {}),
          },
        },
      ],
      config,
      created,
      ...(options.author ? { author: options.author } : {}),
      ...(options.message ? { comment: options.message } : {}),
      container: c.id,
      containerConfig: c.config,
      configStyle: 'moby',
      parent: c.image.id,
    });
    return this.images.add(image);
  }

  /**
   * The whole state as one JSON-serialisable value (snapshot/snapshot.ts says what is kept). Layers that `catalog`
   * holds are stored by diff_id only; give the same catalog to `Engine.restore`.
   */
  snapshot(catalog?: Catalog): EngineSnapshot {
    const diffIds = new Set<string>();
    for (const img of Object.values(catalog?.index.images ?? {})) for (const l of img.layers) diffIds.add(l.diffId);
    return snapshotEngine(this, { nextIp: this._nextIp, nextHostPid: this._nextHostPid, daemonId: this.daemonId }, diffIds);
  }

  /** An engine rebuilt from `snapshot()` as a restarted daemon finds its state (containers stopped; restart policies). */
  static restore(snapshot: EngineSnapshot, options: EngineOptions, catalog?: Catalog): Promise<Engine> {
    const engine = new Engine(options);
    return restoreEngine(snapshot, {
      engine,
      setCounters: (c) => {
        engine._nextIp = c.nextIp;
        engine._nextHostPid = c.nextHostPid;
        engine._daemonId = c.daemonId;
      },
      adoptContainer: (init, ip) => engine._adoptContainer(init, ip),
      loadCatalogLayer: (diffId) => {
        if (!catalog) throw new RangeError(`snapshot needs the catalog for layer ${diffId}`);
        return catalog.loadLayer(diffId);
      },
    });
  }

  /** A container with a known identity (restoring a snapshot): the services `createContainer` gives, nothing drawn. */
  private _adoptContainer(init: ContainerInit, ipAddress: string): Container {
    const container = new Container(init, {
      clock: this.clock,
      random: this.random,
      programs: this.programs,
      ...(this._createPty ? { createPty: this._createPty } : {}),
      ipAddress,
      onStateChange: (c) => this._onState(c),
      onEvent: (c, action, attributes) => this.events.logContainer(c, action, attributes),
      setUpMachine: (m, c) => this.setUpMachine(m, { kind: 'container', container: c }),
      hostPid: () => this._nextHostPid++,
      // Its mounts were resolved when it was first created; the volumes are restored before it.
      mounts: (c) => mountsOf({ volumes: this.volumes, random: this.random, now: this.clock.now(), hostFs: this.hostFs }, c.hostConfig.binds),
    });
    this.containers.add(container);
    return container;
  }

  /** `docker rmi`: the daemon's Untagged/Deleted records in order (see image/remove.ts). */
  removeImage(refOrId: string, options: RemoveImageOptions = {}): ImageDeleteEvent[] {
    return removeImage(this, refOrId, options);
  }
}
