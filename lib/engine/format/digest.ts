/**
 * Content digests (`sha256:<64 hex>`) as Docker and OCI use them: image IDs, diff_ids, blob digests, chain IDs.
 *
 * Hashing is synchronous everywhere: @noble/hashes' pure-JS SHA-256 runs the same in Node and browsers, so image
 * IDs and digests can be computed inside synchronous code (fs walks, tar writing) without WebCrypto's promises.
 * The team chose this once for the whole engine; do not mix in `crypto.subtle`.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

declare const digestBrand: unique symbol;

/** A validated `sha256:<64 lower-case hex>` string. Only `parseDigest` and the hashing functions make one. */
export type Digest = `sha256:${string}` & { readonly [digestBrand]: true };

/** go-digest's error texts, which Docker prints verbatim. */
export const DIGEST_ERRORS = {
  format: 'invalid checksum digest format',
  length: 'invalid checksum digest length',
  unsupported: 'unsupported digest algorithm',
} as const;

export class DigestError extends Error {
  override readonly name = 'DigestError';
  constructor(readonly reason: keyof typeof DIGEST_ERRORS) {
    super(DIGEST_ERRORS[reason]);
  }
}

const HEX64 = /^[a-f0-9]{64}$/;
/** go-digest's DigestRegexp: algorithm components joined by [.+_-], then an encoded part. */
const DIGEST_SHAPE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** Algorithms a Go build of Docker registers, with their hex lengths. Only sha256 is produced or stored here. */
const KNOWN_ALGORITHMS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * Validates a digest string the way go-digest's `Digest.Validate` does and returns it branded.
 * Only sha256 is accepted as a `Digest`; sha384/sha512 of the right shape get `unsupported digest algorithm`.
 *
 * @example parseDigest('sha256:' + 'a'.repeat(64)) // ok
 * @example parseDigest('sha256:abc') // throws DigestError('invalid checksum digest length')
 */
export function parseDigest(s: string): Digest {
  validateDigest(s);
  if (!s.startsWith('sha256:')) throw new DigestError('unsupported');
  return s as Digest;
}

/**
 * go-digest's `Digest.Validate` for every algorithm a Docker build registers (sha256, sha384, sha512); throws
 * DigestError. References (`name@sha512:…`) use this; stored content is always sha256.
 */
export function validateDigest(s: string): void {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) throw new DigestError('format');
  const algorithm = s.slice(0, i);
  const encoded = s.slice(i + 1);
  const len = KNOWN_ALGORITHMS[algorithm];
  if (len === undefined) {
    throw new DigestError(DIGEST_SHAPE.test(s) ? 'unsupported' : 'format');
  }
  if (encoded.length !== len) throw new DigestError('length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw new DigestError('format');
}

export function isDigest(s: string): s is Digest {
  return s.startsWith('sha256:') && HEX64.test(s.slice(7));
}

/** Brands 64 hex characters as a sha256 digest (for IDs stored without the prefix, e.g. blob file names). */
export function digestFromHex(hex: string): Digest {
  if (!HEX64.test(hex)) throw new DigestError(hex.length === 64 ? 'format' : 'length');
  return `sha256:${hex}` as Digest;
}

/** The 64 hex characters after `sha256:`. */
export function digestHex(d: Digest): string {
  return d.slice(7);
}

export function sha256(bytes: Uint8Array): Digest {
  return `sha256:${bytesToHex(nobleSha256(bytes))}` as Digest;
}

/** Incremental hashing for content that arrives in chunks (tar streams of synthetic files). */
export interface Sha256Hasher {
  update(chunk: Uint8Array): Sha256Hasher;
  /** Finishes the hash; the hasher cannot be updated afterwards. */
  digest(): Digest;
  /** Bytes fed so far. */
  readonly size: number;
}

export function createSha256(): Sha256Hasher {
  const h = nobleSha256.create();
  let size = 0;
  const hasher: Sha256Hasher = {
    update(chunk) {
      h.update(chunk);
      size += chunk.length;
      return hasher;
    },
    digest() {
      return `sha256:${bytesToHex(h.digest())}` as Digest;
    },
    get size() {
      return size;
    },
  };
  return hasher;
}

/** Digest and length of a chunked stream, without holding it in memory. */
export function sha256Chunks(chunks: Iterable<Uint8Array>): { digest: Digest; size: number } {
  const h = createSha256();
  for (const c of chunks) h.update(c);
  return { digest: h.digest(), size: h.size };
}

const utf8 = new TextEncoder();

/**
 * OCI chain IDs: ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln)),
 * both operands written in full (`sha256:<hex>`). Returns one chain ID per layer, bottom to top.
 */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const d of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : sha256(utf8.encode(`${prev} ${d}`)));
  }
  return out;
}

/** The chain ID of the whole stack (the top layer's), or undefined for no layers. */
export function chainId(diffIds: readonly Digest[]): Digest | undefined {
  return chainIds(diffIds).at(-1);
}

/** diff_id of an empty layer: the sha256 of an empty tar (1024 zero bytes, just the end-of-archive marker). */
export const EMPTY_LAYER_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef' as Digest;

/** Docker's TruncateID: drop everything up to the first `:`, keep at most 12 characters. */
export function shortId(id: string): string {
  const i = id.indexOf(':');
  const hex = i >= 0 ? id.slice(i + 1) : id;
  return hex.length > 12 ? hex.slice(0, 12) : hex;
}

/** A full 64-hex ID without algorithm (what `docker inspect` accepts as an image or container ID). */
export function isFullHexId(s: string): boolean {
  return HEX64.test(s);
}
