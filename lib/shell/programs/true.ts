/** true: exit 0, whatever the arguments. */
import type { Program } from '../../engine/process/Types';

export const trueProgram: Program = async () => 0;
