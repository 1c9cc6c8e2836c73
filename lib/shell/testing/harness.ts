/**
 * Test harness: a fresh simulated host (MemFs with the host rootfs, every registered program in /usr/bin, a
 * virtual clock and a seeded random source) and a way to run one command in it and collect its output.
 */

import { MemFs } from '../../engine/fs/MemFs';
import { ROOT, type Cred } from '../../engine/fs/Types';
import { VirtualClock } from '../../engine/process/clock';
import { DEFAULT_PATH, Machine } from '../../engine/process/Machine';
import { SeededRandom } from '../../engine/process/random';
import { bytesReader, CollectingWriter, emptyReader } from '../../engine/process/streams';
import type { Flavor, Program, ProgramRegistry, Tty } from '../../engine/process/Types';
import { createRegistry } from '../programs';
import { populateHostRootfs } from '../host/rootfs';
import { LEARNER, LEARNER_CRED } from '../host/users';

/** 2026-11-23T10:00:00Z: tests see a fixed date. */
export const TEST_NOW = Date.UTC(2026, 10, 23, 10, 0, 0);

export interface TestMachine {
  readonly machine: Machine;
  readonly fs: MemFs;
  readonly clock: VirtualClock;
  readonly registry: ProgramRegistry;
}

export function createTestMachine(options: { now?: number; seed?: number; extraPrograms?: Record<string, Program> } = {}): TestMachine {
  const clock = new VirtualClock(options.now ?? TEST_NOW);
  const fs = new MemFs({ now: () => clock.now() });
  const registry = createRegistry();
  for (const [name, p] of Object.entries(options.extraPrograms ?? {})) registry.register(name, p);
  populateHostRootfs(fs, { programs: registry.names() });
  const machine = new Machine({ rootFs: fs, programs: registry, clock, random: new SeededRandom(options.seed ?? 1), hostname: 'layerlab', firstPid: 100 });
  return { machine, fs, clock, registry };
}

export interface RunOptions {
  readonly stdin?: string | Uint8Array;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Default: the learner (uid 1000). */
  readonly user?: 'root' | 'learner' | Cred;
  /** Run `argv[0]` as this registered program directly with this flavor, instead of through PATH. */
  readonly flavor?: Flavor;
  readonly tty?: Tty;
  readonly stdoutIsTTY?: boolean;
}

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Uint8Array;
}

export async function runCommand(tm: TestMachine, argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const cred = options.user === 'root' ? ROOT : options.user === 'learner' || options.user === undefined ? LEARNER_CRED : options.user;
  const home = cred.uid === 0 ? '/root' : LEARNER.home;
  const env = new Map<string, string>([
    ['PATH', DEFAULT_PATH],
    ['HOME', home],
    ['USER', cred.uid === 0 ? 'root' : LEARNER.name],
    ['LOGNAME', cred.uid === 0 ? 'root' : LEARNER.name],
    ['SHELL', '/bin/bash'],
    ['LANG', 'C.UTF-8'],
    ['TERM', 'xterm'],
    ...Object.entries(options.env ?? {}),
  ]);
  const stdout = new CollectingWriter({ isTTY: options.stdoutIsTTY ?? false });
  const stderr = new CollectingWriter();
  const spawnOptions = {
    argv,
    env,
    cwd: options.cwd ?? home,
    cred,
    umask: 0o022,
    stdin: options.stdin === undefined ? emptyReader : bytesReader(options.stdin),
    stdout,
    stderr,
    tty: options.tty ?? null,
    ppid: 1,
  };
  let status: number;
  if (options.flavor) {
    const program = tm.registry.get(argv[0]!);
    if (!program) throw new Error(`no program ${argv[0]}`);
    status = await tm.machine.start(program, { ...spawnOptions, flavor: options.flavor }).exited;
  } else {
    const r = tm.machine.spawn(spawnOptions);
    if (!r.ok) throw new Error(`cannot start ${argv[0]}: ${r.failure.kind}`);
    status = await r.child.exited;
  }
  return { status, stdout: stdout.text(), stderr: stderr.text(), stdoutBytes: stdout.bytes() };
}
