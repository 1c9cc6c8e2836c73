/** What `docker build` asks a builder for, and what the builder needs from the CLI. */
import type { Engine } from '../../Engine';
import type { Reference } from '../../format/reference';
import type { PullEvent } from '../../registry/pull';
import type { BuildContext } from '../context';
import type { BuildCancellation } from './run';

export interface BuildRequest {
  readonly engine: Engine;
  readonly dockerfileText: string;
  /** The Dockerfile's name as the outputs show it (`Dockerfile`, `app.Dockerfile`). */
  readonly dockerfileName: string;
  readonly context: BuildContext;
  /** `.dockerignore` text, undefined when there is none. */
  readonly dockerignore: string | undefined;
  readonly tags: readonly Reference[];
  /** `--build-arg K=V` (value) or `--build-arg K` (undefined: taken from the environment or left unset). */
  readonly buildArgs: ReadonlyMap<string, string | undefined>;
  readonly labels: Readonly<Record<string, string>>;
  readonly noCache: boolean;
  readonly target: string | undefined;
  readonly quiet: boolean;
  /** BuildKit's display: `plain` (`#n` lines) or `tty` (the redrawn block; needs `terminal`). */
  readonly progress: 'plain' | 'tty';
  /** The terminal stderr is, for the TTY display's width and height (read at every redraw). */
  readonly terminal?: () => { readonly columns: number; readonly rows: number };
  /** Classic builder: remove the containers of successful steps (`--rm`, default true) / of the failed one too. */
  readonly removeIntermediate: boolean;
  readonly forceRemove: boolean;
  readonly cancellation: BuildCancellation;
  /** Shows a pull's progress message as `docker pull` does on stdout (classic builder: FROM of a missing image). */
  showPull(e: PullEvent): Promise<void>;
  /** The CLI's stdout and stderr. */
  out(text: string | Uint8Array): Promise<void>;
  err(text: string | Uint8Array): Promise<void>;
}

/** The exit status of the build (0 on success). */
export type BuildStatus = number;
