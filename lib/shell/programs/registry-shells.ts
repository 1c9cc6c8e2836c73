/** The shells (bash, dash, ash/sh through busybox). Filled in by the interpreter module. */
import type { Program } from '../process/Types';

export const shellPrograms: Record<string, Program> = {};
