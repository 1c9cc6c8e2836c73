/** Text and system programs (grep, sed, awk, sort, ps, id, ...). One module per program; this list registers them. */
import type { Program } from '../process/Types';

export const textPrograms: Record<string, Program> = {};
