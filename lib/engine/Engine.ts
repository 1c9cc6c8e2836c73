/**
 * The engine facade: the stores, the services every part shares (clock, random source, program registry, pty
 * factory), and the operations that span stores (create a container from an image, remove it, commit it).
 * Everything the `docker` CLI does goes through here; the UI subscribes to the stores' change events.
 */

import { invalidContainerName, nameConflict, removeRunningContainer } from './errors';
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
import { ImageStore } from './store/ImageStore';
import type { Clock, ProgramRegistry, Random } from './process/Types';
import type { Catalog } from './registry/catalog';
import { pullImage, type PullEvent, type PullResult } from './registry/pull';
import type { Reference } from './format/reference';
import type { Machine } from './process/Machine';
import { Network } from './network/Network';

/** Whose machine a setup is preparing: the learner's host (where `docker` runs) or a container. */
export type MachineOwner = { readonly kind: 'host' } | { readonly kind: 'container'; readonly container: Container };

/**
 * Prepares a machine the engine serves before its first process runs: provides services (the simulated network,
 * package indexes...) under their keys. Features register one with `Engine.addMachineSetup`, so neither the engine
 * nor the container has to know them by name.
 */
export type MachineSetup = (machine: Machine, owner: MachineOwner) => void;

export interface EngineOptions {
  readonly clock: Clock;
  readonly random: Random;
  /** Programs containers can run (their binaries name them). */
  readonly programs: ProgramRegistry;
  readonly createPty?: PtyFactory;
  /** The registry `docker pull`/`search` reach; absent means the registry is unreachable (Docker's network error). */
  readonly catalog?: Catalog;
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
  readonly clock: Clock;
  readonly random: Random;
  readonly programs: ProgramRegistry;
  readonly catalog: Catalog | undefined;
  private readonly _createPty: PtyFactory | undefined;
  private _nextIp = 2;
  private readonly _machineSetups: MachineSetup[] = [];
  /** The simulated network (bridge, published ports); it registers its machine setup itself. */
  readonly network: Network;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.programs = options.programs;
    this._createPty = options.createPty;
    this.catalog = options.catalog;
    this.network = new Network(this);
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
    return pullImage(this.images, this.catalog, ref, onEvent);
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
    const hostConfig = { ...DEFAULT_HOST_CONFIG, ...spec.hostConfig };
    const container = new Container(
      { id, name, image, imageRef: spec.imageRef, config: merged.config, hostConfig, path: merged.path, args: merged.args, createdMs: this.clock.now() },
      {
        clock: this.clock,
        random: this.random,
        programs: this.programs,
        ...(this._createPty ? { createPty: this._createPty } : {}),
        ipAddress: `172.17.0.${this._nextIp++}`,
        onStateChange: (c) => this._onState(c),
        setUpMachine: (m, c) => this.setUpMachine(m, { kind: 'container', container: c }),
      },
    );
    this.containers.add(container);
    return container;
  }

  private _onState(c: Container): void {
    this.containers.emit({ kind: 'state', id: c.id });
    if (c.state.status === 'exited' && c.hostConfig.autoRemove && this.containers.get(c.id)) this.containers.remove(c.id);
  }

  /** `docker rm [-f]`. */
  async removeContainer(c: Container, force = false): Promise<void> {
    if (c.running) {
      if (!force) throw removeRunningContainer(c.name);
      c.kill('SIGKILL');
      await c.wait();
    }
    this.containers.remove(c.id);
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

  /** `docker rmi`: the daemon's Untagged/Deleted records in order (see image/remove.ts). */
  removeImage(refOrId: string, options: RemoveImageOptions = {}): ImageDeleteEvent[] {
    return removeImage(this, refOrId, options);
  }
}
