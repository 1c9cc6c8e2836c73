/** File and filesystem programs (ls, cp, find, tar, ...). One module per program; this list registers them. */
import type { Program } from '../process/Types';

export const filePrograms: Record<string, Program> = {};
