/**
 * dir and vdir (coreutils): ls with a fixed format whatever the output is, `ls -C` and `ls -l` respectively.
 * (GNU's dir/vdir also escape unprintable characters as `ls -b` would; file names with such characters differ.)
 */

import type { Program } from '../../engine/process/Types';
import { ls } from './ls';

export const dir: Program = (ctx) => ls({ ...ctx, argv: [ctx.argv[0] ?? 'dir', '-C', ...ctx.argv.slice(1)] });
export const vdir: Program = (ctx) => ls({ ...ctx, argv: [ctx.argv[0] ?? 'vdir', '-l', ...ctx.argv.slice(1)] });
