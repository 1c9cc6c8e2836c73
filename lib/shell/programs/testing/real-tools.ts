/**
 * Differential-test support: run the real GNU tool or BusyBox applet on the same input as the simulation.
 * Tests skip (with a printed reason) when the tool is missing; CI installs them.
 */

import { spawnSync } from 'node:child_process';

export interface RealResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const cache = new Map<string, boolean>();

/** True when `cmd` can be run (looked up in PATH). */
export function hasTool(cmd: string): boolean {
  let v = cache.get(cmd);
  if (v === undefined) {
    const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
    v = r.status === 0;
    cache.set(cmd, v);
    if (!v) console.warn(`differential tests: '${cmd}' not installed, skipping its comparisons`);
  }
  return v;
}

/** Runs argv with the C.UTF-8 locale and TZ=UTC, as the simulated machines are set up. */
export function runReal(argv: readonly string[], options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {}): RealResult {
  const r = spawnSync(argv[0]!, argv.slice(1), {
    input: options.stdin ?? '',
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', TZ: 'UTC', ...(options.env ?? {}) },
  });
  return { status: r.status ?? 128, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A BusyBox applet: `busybox applet args...`. */
export function runBusybox(argv: readonly string[], options: { stdin?: string; cwd?: string } = {}): RealResult {
  return runReal(['busybox', ...argv], options);
}
