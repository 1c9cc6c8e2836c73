/**
 * `git`, loaded on first use: its modules (object store, index, diff, the hosted repositories' text) stay out of
 * the page's first load, which most sessions never need.
 */
import type { Program } from '../../../engine/process/Types';

let loaded: Promise<Program> | undefined;

export const git: Program = async (ctx) => {
  const program = await (loaded ??= import('./main').then((m) => m.git));
  return program(ctx);
};
