/**
 * What kind of machine a program runs on, as far as filesystem-reporting tools (df, stat) care: the learner's
 * host (an ext4 root on a virtio disk) or a container (an overlay root). Docker creates `/.dockerenv` in every
 * container, so that file tells them apart, as it does for real programs.
 */

import type { ProcessContext } from '../../../engine/process/Types';

export interface RootFilesystem {
  /** `df`'s first column. */
  readonly source: string;
  readonly type: 'ext4' | 'overlay';
  /** `stat`'s device number (`major << 8 | minor` of st_dev). */
  readonly major: number;
  readonly minor: number;
}

export function isContainer(ctx: ProcessContext): boolean {
  try {
    ctx.sys.rootFs.lstat('/.dockerenv');
    return true;
  } catch {
    return false;
  }
}

/**
 * The root filesystem's identity. The host's disk is `/dev/vda1` (virtio, major 254) as on a typical cloud VM;
 * a container's overlay gets an anonymous device (major 0) as Linux gives overlayfs.
 */
export function rootFilesystem(ctx: ProcessContext): RootFilesystem {
  if (isContainer(ctx)) return { source: 'overlay', type: 'overlay', major: 0, minor: 52 };
  return { source: '/dev/vda1', type: 'ext4', major: 254, minor: 1 };
}
