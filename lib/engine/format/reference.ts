/**
 * Docker image references (distribution/reference, docker.md §1): the grammar, Docker Hub domain detection,
 * normalisation to canonical (`docker.io/library/ubuntu:latest`) and familiar (`ubuntu:latest`) forms, default
 * tag, digests, 64-hex IDs, every error message verbatim; and container-name validation (§1.4).
 */
import { DigestError, validateDigest } from './digest';

export const DEFAULT_DOMAIN = 'docker.io';
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
export const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
export const NAME_TOTAL_LENGTH_MAX = 255;

export const REFERENCE_ERRORS = {
  invalidFormat: 'invalid reference format',
  tagInvalidFormat: 'invalid tag format',
  digestInvalidFormat: 'invalid digest format',
  nameContainsUppercase: 'repository name must be lowercase',
  nameEmpty: 'repository name must have at least one component',
  nameTooLong: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`,
  nameNotCanonical: 'repository name must be canonical',
} as const;

/** A reference that does not parse; `message` is Docker's text. */
export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError';
}

// ---- grammar (regexp.go) ----
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}${optionalPort}`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const REFERENCE_RE = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const ANCHORED_TAG_RE = new RegExp(`^${tagPat}$`);
const ANCHORED_DIGEST_RE = new RegExp(`^${digestPat}$`);
const ANCHORED_IDENTIFIER_RE = /^[a-f0-9]{64}$/;

/** A parsed reference. `domain` may be empty for references parsed without normalisation. */
export interface Reference {
  readonly domain: string;
  /** Repository path without the domain (`library/ubuntu`). */
  readonly path: string;
  readonly tag?: string;
  /** `algorithm:hex` */
  readonly digest?: string;
}

/** A reference to content by digest only (what ParseAnyReference returns for IDs and bare digests). */
export interface DigestReference {
  readonly digest: string;
}

/** `domain/path` (or just `path` without a domain). */
export function referenceName(r: Reference): string {
  return r.domain === '' ? r.path : `${r.domain}/${r.path}`;
}

/** `name[:tag][@digest]`, Reference.String(). */
export function referenceString(r: Reference): string {
  return referenceName(r) + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest !== undefined ? `@${r.digest}` : '');
}

function checkDigest(d: string): void {
  try {
    validateDigest(d);
  } catch (e) {
    if (e instanceof DigestError) throw new InvalidReferenceError(e.message);
    throw e;
  }
}

/** reference.Parse: the grammar, no normalisation (no default domain, no `library/`). */
export function parseReference(s: string): Reference {
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    if (s === '') throw new InvalidReferenceError(REFERENCE_ERRORS.nameEmpty);
    if (REFERENCE_RE.test(s.toLowerCase())) throw new InvalidReferenceError(REFERENCE_ERRORS.nameContainsUppercase);
    throw new InvalidReferenceError(REFERENCE_ERRORS.invalidFormat);
  }
  const nm = ANCHORED_NAME_RE.exec(m[1]!)!;
  const domain = nm[1] ?? '';
  const path = nm[2]!;
  if (path.length > NAME_TOTAL_LENGTH_MAX) throw new InvalidReferenceError(REFERENCE_ERRORS.nameTooLong);
  const out: { domain: string; path: string; tag?: string; digest?: string } = { domain, path };
  if (m[2] !== undefined) out.tag = m[2];
  if (m[3] !== undefined) {
    checkDigest(m[3]);
    out.digest = m[3];
  }
  return out;
}

/** splitDockerDomain: is the first component a registry host? */
export function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return [domain, remainder];
}

/**
 * ParseNormalizedNamed: what `docker pull/run/tag/...` accept as a name. Adds `docker.io` and `library/`,
 * keeps tag/digest as given (no default tag: see `tagNameOnly`).
 */
export function parseNormalizedNamed(s: string): Reference {
  if (ANCHORED_IDENTIFIER_RE.test(s)) {
    throw new InvalidReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw new InvalidReferenceError(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  return parseReference(`${domain}/${remainder}`);
}

/** TagNameOnly: adds `:latest` when neither tag nor digest is given. */
export function tagNameOnly(r: Reference): Reference {
  return r.tag === undefined && r.digest === undefined ? { ...r, tag: DEFAULT_TAG } : r;
}

/** ParseDockerRef: normalised, default tag; when both tag and digest are given only the digest is kept. */
export function parseDockerRef(s: string): Reference {
  const r = parseNormalizedNamed(s);
  if (r.digest !== undefined) return { domain: r.domain, path: r.path, digest: r.digest };
  return tagNameOnly(r);
}

/** ParseAnyReference: a 64-hex ID or a digest becomes a digest reference; anything else a normalised name. */
export function parseAnyReference(s: string): Reference | DigestReference {
  if (ANCHORED_IDENTIFIER_RE.test(s)) return { digest: `sha256:${s}` };
  try {
    validateDigest(s);
    return { digest: s };
  } catch {
    return parseNormalizedNamed(s);
  }
}

export function isDigestReference(r: Reference | DigestReference): r is DigestReference {
  return !('path' in r);
}

export function withTag(r: Reference, tag: string): Reference {
  if (!ANCHORED_TAG_RE.test(tag)) throw new InvalidReferenceError(REFERENCE_ERRORS.tagInvalidFormat);
  return { ...r, tag }; // a canonical reference keeps its digest, as in Go
}

export function withDigest(r: Reference, digest: string): Reference {
  if (!ANCHORED_DIGEST_RE.test(digest)) throw new InvalidReferenceError(REFERENCE_ERRORS.digestInvalidFormat);
  return { ...r, digest };
}

/** Name without tag/digest, in the familiar form: `docker.io/` and (for single-component paths) `library/` removed. */
export function familiarName(r: Reference): string {
  if (r.domain !== DEFAULT_DOMAIN) return referenceName(r);
  if (r.path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = r.path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) return rest;
  }
  return r.path;
}

/** FamiliarString: familiar name plus `:tag` and `@digest` (what `docker images` shows). */
export function familiarString(r: Reference): string {
  return familiarName(r) + (r.tag !== undefined ? `:${r.tag}` : '') + (r.digest !== undefined ? `@${r.digest}` : '');
}

/** Tags must match the tag grammar (`[\w][\w.-]{0,127}`). */
export function isValidTag(tag: string): boolean {
  return ANCHORED_TAG_RE.test(tag);
}

/** A full 64-hex image or container ID. */
export function isImageIdentifier(s: string): boolean {
  return ANCHORED_IDENTIFIER_RE.test(s);
}

// ---- container names ----

export const VALID_CONTAINER_NAME_CHARS = '[a-zA-Z0-9][a-zA-Z0-9_.-]';
const VALID_CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export class InvalidContainerNameError extends Error {
  override readonly name = 'InvalidContainerNameError';
  constructor(readonly containerName: string) {
    super(`Invalid container name (${containerName}), only ${VALID_CONTAINER_NAME_CHARS} are allowed`);
  }
}

/** Validates a container name (a leading `/` is allowed) and returns the stored form with the leading `/`. */
export function validateContainerName(name: string): string {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  if (!VALID_CONTAINER_NAME.test(bare)) throw new InvalidContainerNameError(name);
  return `/${bare}`;
}
