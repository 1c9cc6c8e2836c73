/** Container records: what `docker create` fixes, what `docker inspect` shows, and the state machine of §9.5. */

import type { ContainerConfig } from '../format/imageConfig';
import type { Tty } from '../process/Types';

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ContainerState {
  status: ContainerStatus;
  pid: number;
  exitCode: number;
  /** The start failure text (`OCI runtime create failed: ...`), empty otherwise. */
  error: string;
  /** Epoch ms, or null when never started / never finished. */
  startedAt: number | null;
  finishedAt: number | null;
  oomKilled: boolean;
  restartCount: number;
}

export interface PortBinding {
  readonly hostIp: string;
  /** Empty: pick one from the ephemeral range. */
  readonly hostPort: string;
}

export interface BindSpec {
  /** Host path, or a volume name for named volumes, or empty for an anonymous volume. */
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly kind: 'bind' | 'volume';
  /** `--mount type=bind`: a missing source is an error (with `-v` the daemon creates it). */
  readonly mustExist?: boolean;
}

export interface RestartPolicy {
  readonly name: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  readonly maximumRetryCount: number;
}

export interface HostConfig {
  readonly binds: readonly BindSpec[];
  /** `80/tcp` → bindings. */
  readonly portBindings: Readonly<Record<string, readonly PortBinding[]>>;
  readonly publishAllPorts: boolean;
  readonly autoRemove: boolean;
  readonly restartPolicy: RestartPolicy;
  readonly networkMode: string;
}

/**
 * A terminal device the engine can drive from outside: the container's console for `-t`. The terminal module's
 * `Pty` satisfies it; the engine receives a factory so it does not depend on the terminal module.
 */
export interface PtyDevice extends Tty {
  /** Keys typed by whoever is attached. */
  input(data: string): void;
  /** What the console shows. */
  onOutput(listener: (data: string) => void): () => void;
  resize(columns: number, rows: number): void;
  /** End of input from whoever is attached (Ctrl-D on their side of a closed pipe). */
  endInput(): void;
  /** Set once the device is gone; a forwarding client stops then. */
  readonly hungUp: boolean;
  onHangup(listener: () => void): () => void;
}

export type PtyFactory = (options: { columns: number; rows: number }) => PtyDevice;

/** What `docker create`/`docker run` ask for, after the CLI has parsed flags. */
export interface CreateSpec {
  /** The image reference as typed (`nginx`, `ubuntu:22.04`, an ID): shown by `docker ps`. */
  readonly imageRef: string;
  readonly name?: string;
  /** Arguments after the image name; empty means "use the image's CMD". */
  readonly cmd?: readonly string[];
  /** `--entrypoint`: a one-element override, or `''` to clear (then the image CMD is not used either). */
  readonly entrypoint?: string;
  /** `-e` / `--env-file` entries in order: `K=V`, or `K` to unset. */
  readonly env?: readonly string[];
  readonly workingDir?: string;
  readonly user?: string;
  readonly hostname?: string;
  readonly tty?: boolean;
  readonly openStdin?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  /** `--expose` ports, `80/tcp` form. */
  readonly exposedPorts?: readonly string[];
  readonly hostConfig?: Partial<HostConfig>;
}

export const DEFAULT_HOST_CONFIG: HostConfig = {
  binds: [],
  portBindings: {},
  publishAllPorts: false,
  autoRemove: false,
  restartPolicy: { name: 'no', maximumRetryCount: 0 },
  networkMode: 'bridge',
};

export type { ContainerConfig };
