/** false: exit 1, whatever the arguments. */
import type { Program } from '../../engine/process/Types';

export const falseProgram: Program = async () => 1;
