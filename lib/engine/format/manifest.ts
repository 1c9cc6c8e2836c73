/**
 * OCI descriptors and image manifests (also Docker v2 schema 2 manifests, which share the shape), encoded in Go
 * struct order (image-spec specs-go/v1) and checked on the way in.
 */
import { DigestError, parseDigest, type Digest } from './digest';
import { goMarshal, parseGoJson, type GoJson } from './json';
import { T, checkGoType, type GoType } from './goDecode';
import { MediaType } from './mediaType';

export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  /** Embedded content (base64 in JSON). */
  data?: Uint8Array;
  platform?: Platform;
  artifactType?: string;
}

export interface Manifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

export function encodePlatform(p: Platform): GoJson {
  const out: Record<string, GoJson> = { architecture: p.architecture, os: p.os };
  if (p['os.version']) out['os.version'] = p['os.version'];
  if (p['os.features']?.length) out['os.features'] = p['os.features'];
  if (p.variant) out.variant = p.variant;
  return out;
}

export function encodeDescriptor(d: Descriptor): GoJson {
  const out: Record<string, GoJson> = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.urls?.length) out.urls = d.urls;
  if (d.annotations && Object.keys(d.annotations).length) out.annotations = new Map(Object.entries(d.annotations));
  if (d.data?.length) out.data = d.data;
  if (d.platform) out.platform = encodePlatform(d.platform);
  if (d.artifactType) out.artifactType = d.artifactType;
  return out;
}

export function encodeManifestText(m: Manifest): string {
  const out: Record<string, GoJson> = { schemaVersion: m.schemaVersion };
  if (m.mediaType) out.mediaType = m.mediaType;
  if (m.artifactType) out.artifactType = m.artifactType;
  out.config = encodeDescriptor(m.config);
  out.layers = m.layers.map(encodeDescriptor);
  if (m.subject) out.subject = encodeDescriptor(m.subject);
  if (m.annotations && Object.keys(m.annotations).length) out.annotations = new Map(Object.entries(m.annotations));
  return goMarshal(out);
}

const utf8 = new TextEncoder();

/** Compact manifest bytes, no trailing newline (what `docker save` stores and registries serve). */
export function encodeManifest(m: Manifest): Uint8Array {
  return utf8.encode(encodeManifestText(m));
}

/** The OCI manifest `docker save` writes for a config and uncompressed layers. */
export function ociManifestFor(config: { digest: Digest; size: number }, layers: ReadonlyArray<{ digest: Digest; size: number; mediaType?: string }>): Manifest {
  return {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: l.mediaType ?? MediaType.OciLayer, digest: l.digest, size: l.size })),
  };
}

// ---- decoding ----

export const PLATFORM_TYPE: GoType = T.struct('v1.Platform', {
  architecture: T.string,
  os: T.string,
  'os.version': T.string,
  'os.features': T.slice(T.string),
  variant: T.string,
});

export const DESCRIPTOR_TYPE: GoType = T.struct('v1.Descriptor', {
  mediaType: T.string,
  digest: T.named('digest.Digest'),
  size: T.int64,
  urls: T.slice(T.string),
  annotations: T.map(T.string),
  data: T.string,
  platform: PLATFORM_TYPE,
  artifactType: T.string,
});

const MANIFEST_TYPE: GoType = T.struct('v1.Manifest', {
  schemaVersion: T.int,
  mediaType: T.string,
  artifactType: T.string,
  config: DESCRIPTOR_TYPE,
  layers: T.slice(DESCRIPTOR_TYPE),
  subject: DESCRIPTOR_TYPE,
  annotations: T.map(T.string),
});

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function unbase64(s: string, where: string): Uint8Array {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new ManifestError(`${where}: illegal base64 data`);
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of clean) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Validates a parsed descriptor (types already checked): digest format, non-negative size. */
export function toDescriptor(raw: Record<string, unknown>, where: string): Descriptor {
  if (typeof raw.mediaType !== 'string' || raw.mediaType === '') throw new ManifestError(`${where}: missing mediaType`);
  if (typeof raw.digest !== 'string') throw new ManifestError(`${where}: missing digest`);
  let digest: Digest;
  try {
    digest = parseDigest(raw.digest);
  } catch (e) {
    if (e instanceof DigestError) throw new ManifestError(`${where}: ${e.message}`);
    throw e;
  }
  const size = raw.size ?? 0;
  if (typeof size !== 'number' || size < 0) throw new ManifestError(`${where}: invalid size ${String(size)}`);
  const d: Descriptor = { mediaType: raw.mediaType, digest, size };
  if (Array.isArray(raw.urls)) d.urls = raw.urls as string[];
  if (raw.annotations && typeof raw.annotations === 'object') d.annotations = raw.annotations as Record<string, string>;
  if (typeof raw.data === 'string' && raw.data !== '') d.data = unbase64(raw.data, where);
  if (raw.platform && typeof raw.platform === 'object') d.platform = raw.platform as Platform;
  if (typeof raw.artifactType === 'string' && raw.artifactType !== '') d.artifactType = raw.artifactType;
  return d;
}

/** Parses an image manifest (OCI or Docker v2 schema 2). */
export function decodeManifest(bytes: Uint8Array | string): Manifest {
  const raw = parseGoJson(bytes);
  checkGoType(raw, MANIFEST_TYPE);
  if (raw === null || typeof raw !== 'object') throw new ManifestError('manifest is null');
  const m = raw as Record<string, unknown>;
  if (m.schemaVersion !== 2) throw new ManifestError(`unsupported manifest schema version ${String(m.schemaVersion ?? 0)}`);
  if (m.mediaType !== undefined && m.mediaType !== MediaType.OciManifest && m.mediaType !== MediaType.DockerManifest) {
    throw new ManifestError(`unexpected manifest media type ${JSON.stringify(m.mediaType)}`);
  }
  if (!m.config || typeof m.config !== 'object') throw new ManifestError('manifest has no config descriptor');
  const out: Manifest = {
    schemaVersion: 2,
    config: toDescriptor(m.config as Record<string, unknown>, 'config'),
    layers: ((m.layers as unknown[] | null | undefined) ?? []).map((l, i) => toDescriptor(l as Record<string, unknown>, `layers[${i}]`)),
  };
  if (typeof m.mediaType === 'string') out.mediaType = m.mediaType;
  if (typeof m.artifactType === 'string' && m.artifactType) out.artifactType = m.artifactType;
  if (m.subject && typeof m.subject === 'object') out.subject = toDescriptor(m.subject as Record<string, unknown>, 'subject');
  if (m.annotations && typeof m.annotations === 'object') out.annotations = m.annotations as Record<string, string>;
  return out;
}
