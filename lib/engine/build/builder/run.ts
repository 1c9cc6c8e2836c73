/**
 * RUN: a container from the step's image runs the command; its output is handed on chunk by chunk as it is
 * written (so `docker build` streams), and its writable layer becomes the step's layer. Cancellation (Ctrl-C on
 * `docker build`) kills the container.
 */
import type { Engine } from '../../Engine';
import { isEngineError } from '../../errors';
import type { Container } from '../../container/Container';
import { layerFromMemNode } from '../../fs/diff';
import type { Image } from '../../image/Image';
import { Layer } from '../../image/Layer';
import { BuildStepError } from './errors';

export interface RunRequest {
  readonly argv: readonly string[];
  /** Extra environment (build args in scope), `K=V`. */
  readonly env: readonly string[];
}

export interface RunOutcome {
  readonly status: number;
  readonly layer: Layer;
  readonly container: Container;
}

/** Lets the CLI stop a build: kills the step container that is running, and remembers that it did. */
export class BuildCancellation {
  cancelled = false;
  private _current: Container | null = null;

  cancel(): void {
    this.cancelled = true;
    if (this._current?.running) this._current.kill('SIGKILL');
  }

  track(c: Container | null): void {
    this._current = c;
  }
}

export async function runStep(
  engine: Engine,
  image: Image,
  req: RunRequest,
  onOutput: (stream: 'stdout' | 'stderr', data: Uint8Array) => Promise<void>,
  cancellation: BuildCancellation,
  onStarted: (c: Container) => Promise<void> = async () => {},
): Promise<RunOutcome> {
  if (cancellation.cancelled) throw new BuildStepError('canceled', 130);
  const c = engine.createContainer(image, { imageRef: image.id, entrypoint: '', cmd: [...req.argv], env: [...req.env] });
  let chain = Promise.resolve();
  const unsubscribe = c.logs.subscribe((chunk) => {
    chain = chain.then(() => onOutput(chunk.stream, chunk.data));
  });
  cancellation.track(c);
  try {
    await onStarted(c);
    try {
      await c.start();
    } catch (e) {
      if (isEngineError(e)) throw new BuildStepError(e.message, Number(e.data.exitCode ?? 1));
      throw e;
    }
    if (cancellation.cancelled && c.running) c.kill('SIGKILL');
    const status = await c.wait();
    let outputError: unknown;
    await chain.catch((e: unknown) => {
      outputError = e;
    });
    if (cancellation.cancelled || outputError !== undefined) {
      // An interrupted step leaves nothing behind: no container, no layer.
      await engine.removeContainer(c, true);
      throw outputError ?? new BuildStepError('canceled', 130);
    }
    return { status, layer: new Layer(layerFromMemNode(c.overlay.upper)), container: c };
  } finally {
    unsubscribe();
    cancellation.track(null);
  }
}
