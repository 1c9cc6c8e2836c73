/**
 * Restart policies (moby restartmanager): whether a container that stopped on its own comes back, and after how
 * long. The delay starts at 100 ms and doubles on each quick failure up to a minute; a run of 10 s or more resets
 * it. A container the user stopped (`docker stop`/`kill`) is not restarted.
 */
import type { RestartPolicy } from './Types';

export const RESTART_BASE_DELAY_MS = 100;
export const RESTART_MAX_DELAY_MS = 60_000;
/** A run at least this long counts as healthy and resets the back-off. */
export const RESTART_RESET_AFTER_MS = 10_000;

export function shouldRestart(policy: RestartPolicy, exitCode: number, manuallyStopped: boolean, restartCount: number): boolean {
  if (manuallyStopped) return false;
  switch (policy.name) {
    case 'always':
    case 'unless-stopped':
      return true;
    case 'on-failure':
      return exitCode !== 0 && (policy.maximumRetryCount === 0 || restartCount < policy.maximumRetryCount);
    case 'no':
      return false;
  }
}

/** The next delay given the previous one and how long the container ran. */
export function nextRestartDelay(previousMs: number, ranMs: number): number {
  if (previousMs === 0 || ranMs >= RESTART_RESET_AFTER_MS) return RESTART_BASE_DELAY_MS;
  return Math.min(previousMs * 2, RESTART_MAX_DELAY_MS);
}
