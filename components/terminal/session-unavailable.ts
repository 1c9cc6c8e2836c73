/**
 * Stands in for lib/terminal/session.ts only in a build made before that module exists (see next.config.ts): the
 * page then says plainly that there is no shell, instead of failing to build.
 */
export function createHostSession(): never {
  throw new Error('this build of layerlab has no host session (lib/terminal/session.ts is missing)');
}
