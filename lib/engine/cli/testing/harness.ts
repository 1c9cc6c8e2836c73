/**
 * Tests drive the `docker` program on a simulated host that provides an Engine (virtual clock, seeded random,
 * the tiny BusyBox image tagged `busybox:latest`), the way the host will once `docker` is registered there.
 */
import { Engine } from '../../Engine';
import { parseDockerRef } from '../../format/reference';
import type { Image } from '../../image/Image';
import type { Catalog } from '../../registry/catalog';
import type { PackageSource } from '../../packages/PackageCatalog';
import { tinyBusyboxImage } from '../../testing/tinyImages';
import { SeededRandom } from '../../process/random';
import { createRegistry } from '../../../shell/programs';
import { createTestMachine, runCommand, type RunOptions, type RunResult, type TestMachine } from '../../../shell/testing/harness';
import { docker } from '../docker';
import { DOCKER_ENGINE, DOCKER_TERMINAL } from '../service';
import { createConsolePty, terminalBridge } from '../../../terminal/dockerBridge';

export interface DockerTest {
  readonly tm: TestMachine;
  readonly engine: Engine;
  readonly busybox: Image;
  /** Runs `docker ARGS…` and returns status, stdout and stderr. */
  run(args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

export function dockerTest(options: { engine?: boolean; seed?: number; catalog?: Catalog; packages?: PackageSource } = {}): DockerTest {
  const tm = createTestMachine({ extraPrograms: { docker } });
  const engine = new Engine({ clock: tm.clock, random: new SeededRandom(options.seed ?? 7), programs: createRegistry(), createPty: createConsolePty, ...(options.catalog ? { catalog: options.catalog } : {}), ...(options.packages ? { packages: options.packages } : {}) });
  const busybox = engine.images.add(tinyBusyboxImage());
  engine.images.tag(parseDockerRef('busybox'), busybox.id);
  if (options.engine !== false) tm.machine.provide(DOCKER_ENGINE, engine);
  tm.machine.provide(DOCKER_TERMINAL, terminalBridge);
  return { tm, engine, busybox, run: (args, o) => runCommand(tm, ['docker', ...args], o) };
}
