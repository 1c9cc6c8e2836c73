/** UTF-8 helpers shared by streams and programs. */

const encoder = new TextEncoder();

export function encodeText(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8, replacing invalid sequences (like a terminal would). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
