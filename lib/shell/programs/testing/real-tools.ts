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

/** The variables the simulated root session has (lib/shell/testing/harness.ts), given to every real tool. */
const SESSION_ENV: Readonly<Record<string, string>> = {
  HOME: '/root',
  USER: 'root',
  LOGNAME: 'root',
  SHELL: '/bin/bash',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  TERM: 'xterm',
  TZ: 'UTC',
};

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

/**
 * Runs argv with the C.UTF-8 locale, TZ=UTC and the login variables of the simulated root session (the harness's
 * runCommand), so the oracle does not depend on how the test runner was started: CI runs without a login shell,
 * and with no SHELL a bare `dircolors` fails instead of printing the bash form.
 */
export function runReal(argv: readonly string[], options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {}): RealResult {
  const r = spawnSync(argv[0]!, argv.slice(1), {
    input: options.stdin ?? '',
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, ...SESSION_ENV, PATH: process.env.PATH ?? '/usr/bin:/bin', ...(options.env ?? {}) },
  });
  return { status: r.status ?? 128, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A BusyBox applet: `busybox applet args...`. */
export function runBusybox(argv: readonly string[], options: { stdin?: string; cwd?: string } = {}): RealResult {
  return runReal(['busybox', ...argv], options);
}
