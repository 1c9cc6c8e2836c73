/** Full-screen and terminal programs (vi, nano, less, more, clear). */
import type { Program } from '../process/Types';

export const termPrograms: Record<string, Program> = {};
