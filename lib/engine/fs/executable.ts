/**
 * How a simulated binary knows which program it is.
 *
 * A "binary" in layerlab is a file whose bytes start with an ELF magic number followed by a marker naming the
 * program implementation (`\0layerlab:ls\0`). Because the identity lives in the bytes, it survives `cp`, `tar`,
 * `docker commit`, `docker save`/`load` and a copy under another name, just as a real binary would. Synthetic
 * content (the big binaries of base images) carries the same header and pads the rest with deterministic bytes.
 */

const MAGIC = [0x7f, 0x45, 0x4c, 0x46]; // \x7fELF
const MARK = '\0layerlab:';

/** Header bytes for a binary implementing `program` (e.g. `ls`, `busybox`, `bash`). */
export function executableHeader(program: string): Uint8Array {
  const text = `${MARK}${program}\0`;
  const out = new Uint8Array(MAGIC.length + text.length);
  out.set(MAGIC, 0);
  for (let i = 0; i < text.length; i++) out[MAGIC.length + i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** How many leading bytes `programOf` needs to look at. */
export const EXECUTABLE_PROBE_BYTES = 128;

/** The program a binary implements, or null when the bytes are not a layerlab binary. */
export function programOf(head: Uint8Array): string | null {
  if (head.length < MAGIC.length + MARK.length + 2) return null;
  for (let i = 0; i < MAGIC.length; i++) if (head[i] !== MAGIC[i]) return null;
  let s = '';
  for (let i = MAGIC.length; i < Math.min(head.length, EXECUTABLE_PROBE_BYTES); i++) s += String.fromCharCode(head[i]!);
  if (!s.startsWith(MARK)) return null;
  const end = s.indexOf('\0', MARK.length);
  if (end <= MARK.length) return null;
  return s.slice(MARK.length, end);
}

/** True when the bytes start with the ELF magic (a binary, layerlab's or not). */
export function isElf(head: Uint8Array): boolean {
  return MAGIC.every((b, i) => head[i] === b);
}
