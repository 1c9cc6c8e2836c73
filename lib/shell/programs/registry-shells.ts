/** The shells: bash, dash, and BusyBox's sh/ash applets (`sh` is dash unless BusyBox provides it). */
import { makeShellProgram } from '../interp/main';
import type { Program } from '../../engine/process/Types';

export const shellPrograms: Record<string, Program> = {
  bash: makeShellProgram('bash'),
  dash: makeShellProgram('dash'),
  sh: makeShellProgram('sh'),
  ash: makeShellProgram('ash'),
};
