/**
 * OCI image index (`index.json`, manifest lists) and the `oci-layout` marker file, as `docker save` writes them
 * and as `docker load` (containerd store) checks them.
 */
import { goMarshal, parseGoJson, type GoJson } from './json';
import { T, checkGoType } from './goDecode';
import { DESCRIPTOR_TYPE, ManifestError, encodeDescriptor, toDescriptor, type Descriptor } from './manifest';
import { MediaType } from './mediaType';

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** Annotation keys Docker puts on `index.json` descriptors. */
export const Annotation = {
  /** Full normalised name, e.g. `docker.io/library/busybox:latest`. */
  ContainerdImageName: 'io.containerd.image.name',
  /** The tag only (`latest`), per Docker's save. */
  RefName: 'org.opencontainers.image.ref.name',
} as const;

export function encodeIndexText(idx: ImageIndex): string {
  const out: Record<string, GoJson> = { schemaVersion: idx.schemaVersion };
  if (idx.mediaType) out.mediaType = idx.mediaType;
  if (idx.artifactType) out.artifactType = idx.artifactType;
  out.manifests = idx.manifests.map(encodeDescriptor);
  if (idx.subject) out.subject = encodeDescriptor(idx.subject);
  if (idx.annotations && Object.keys(idx.annotations).length) out.annotations = new Map(Object.entries(idx.annotations));
  return goMarshal(out);
}

const utf8 = new TextEncoder();

/** Compact, no trailing newline (docker save's `index.json`). */
export function encodeIndex(idx: ImageIndex): Uint8Array {
  return utf8.encode(encodeIndexText(idx));
}

const INDEX_TYPE = T.struct('v1.Index', {
  schemaVersion: T.int,
  mediaType: T.string,
  artifactType: T.string,
  manifests: T.slice(DESCRIPTOR_TYPE),
  subject: DESCRIPTOR_TYPE,
  annotations: T.map(T.string),
});

export function decodeIndex(bytes: Uint8Array | string): ImageIndex {
  const raw = parseGoJson(bytes);
  checkGoType(raw, INDEX_TYPE);
  if (raw === null || typeof raw !== 'object') throw new ManifestError('index is null');
  const m = raw as Record<string, unknown>;
  if (m.schemaVersion !== 2) throw new ManifestError(`unsupported index schema version ${String(m.schemaVersion ?? 0)}`);
  if (m.mediaType !== undefined && m.mediaType !== MediaType.OciIndex && m.mediaType !== MediaType.DockerManifestList) {
    throw new ManifestError(`unexpected index media type ${JSON.stringify(m.mediaType)}`);
  }
  const out: ImageIndex = {
    schemaVersion: 2,
    manifests: ((m.manifests as unknown[] | null | undefined) ?? []).map((d, i) => toDescriptor(d as Record<string, unknown>, `manifests[${i}]`)),
  };
  if (typeof m.mediaType === 'string') out.mediaType = m.mediaType;
  if (typeof m.artifactType === 'string' && m.artifactType) out.artifactType = m.artifactType;
  if (m.subject && typeof m.subject === 'object') out.subject = toDescriptor(m.subject as Record<string, unknown>, 'subject');
  if (m.annotations && typeof m.annotations === 'object') out.annotations = m.annotations as Record<string, string>;
  return out;
}

/**
 * `oci-layout` bytes. The graphdriver store's save writes `{"imageLayoutVersion": "1.0.0"}` (with a space);
 * the containerd store writes it compact. Neither ends in a newline.
 */
export function encodeOciLayout(style: 'moby' | 'containerd' = 'moby'): Uint8Array {
  return utf8.encode(style === 'moby' ? '{"imageLayoutVersion": "1.0.0"}' : '{"imageLayoutVersion":"1.0.0"}');
}

/** Checks an `oci-layout` file as containerd's importer does: version must be 1.0.0. */
export function decodeOciLayout(bytes: Uint8Array | string): { imageLayoutVersion: string } {
  const raw = parseGoJson(bytes);
  checkGoType(raw, T.struct('v1.ImageLayout', { imageLayoutVersion: T.string }));
  const v = (raw as { imageLayoutVersion?: string } | null)?.imageLayoutVersion ?? '';
  if (v !== '1.0.0') throw new ManifestError(`unsupported OCI version ${v}`);
  return { imageLayoutVersion: v };
}
