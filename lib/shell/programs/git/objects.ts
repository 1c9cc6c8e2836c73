/**
 * Git's object model as git stores it: loose objects (`objects/ab/cdef...`, zlib of `<type> <size>\0<body>`),
 * named by the SHA-1 of that header plus body, and the byte formats of trees and commits. Equal content and
 * metadata give the same object names as real git, which the differential tests check.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unzlibSync, zlibSync } from 'fflate';
import type { FsClient } from '../../../engine/fs/Types';
import { concatBytes } from '../../../engine/process/text';

export type ObjectType = 'blob' | 'tree' | 'commit' | 'tag';

const enc = new TextEncoder();
const dec = new TextDecoder();

export interface GitObject {
  readonly type: ObjectType;
  readonly body: Uint8Array;
}

function framed(type: ObjectType, body: Uint8Array): Uint8Array {
  const head = enc.encode(`${type} ${body.length}\0`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

/** The object name git gives `body` as a `type` (`git hash-object -t type`). */
export function hashObject(type: ObjectType, body: Uint8Array): string {
  return bytesToHex(sha1(framed(type, body)));
}

/** The loose-object store of one repository (`<gitDir>/objects`). */
export class ObjectStore {
  constructor(
    private readonly _fs: FsClient,
    private readonly _dir: string,
  ) {}

  path(oid: string): string {
    return `${this._dir}/${oid.slice(0, 2)}/${oid.slice(2)}`;
  }

  has(oid: string): boolean {
    try {
      this._fs.lstat(this.path(oid));
      return true;
    } catch {
      return false;
    }
  }

  /** Writes the object unless it is there already; returns its name. Loose objects are read-only (0444), as git leaves them. */
  write(type: ObjectType, body: Uint8Array): string {
    const data = framed(type, body);
    const oid = bytesToHex(sha1(data));
    if (this.has(oid)) return oid;
    const dir = `${this._dir}/${oid.slice(0, 2)}`;
    try {
      this._fs.mkdir(dir, 0o755);
    } catch {
      // exists already
    }
    this._fs.writeFile(this.path(oid), zlibSync(data), { mode: 0o444 });
    return oid;
  }

  read(oid: string): GitObject | null {
    let raw: Uint8Array;
    try {
      raw = unzlibSync(this._fs.readFile(this.path(oid)));
    } catch {
      return null;
    }
    const nul = raw.indexOf(0);
    const [type] = dec.decode(raw.subarray(0, nul)).split(' ');
    return { type: type as ObjectType, body: raw.slice(nul + 1) };
  }

  /** Object names starting with `prefix` (abbreviated names). */
  withPrefix(prefix: string): string[] {
    if (prefix.length < 4) return [];
    try {
      return this._fs
        .readdir(`${this._dir}/${prefix.slice(0, 2)}`)
        .map((n) => prefix.slice(0, 2) + n)
        .filter((n) => n.startsWith(prefix));
    } catch {
      return [];
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Trees

export interface TreeEntry {
  /** `100644`, `100755`, `120000`, `40000` (git writes trees' mode without the leading zero). */
  readonly mode: string;
  readonly name: string;
  readonly oid: string;
}

/** Git sorts tree entries by name, comparing a subtree's name as if it ended with `/`. */
function treeKey(e: TreeEntry): string {
  return e.mode === '40000' ? `${e.name}/` : e.name;
}

function compareBytes(a: string, b: string): number {
  const x = enc.encode(a);
  const y = enc.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function encodeTree(entries: readonly TreeEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => compareBytes(treeKey(a), treeKey(b)));
  const parts: Uint8Array[] = [];
  for (const e of sorted) {
    parts.push(enc.encode(`${e.mode} ${e.name}\0`));
    const raw = new Uint8Array(20);
    for (let i = 0; i < 20; i++) raw[i] = parseInt(e.oid.slice(i * 2, i * 2 + 2), 16);
    parts.push(raw);
  }
  return concat(parts);
}

export function parseTree(body: Uint8Array): TreeEntry[] {
  const out: TreeEntry[] = [];
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    const nul = body.indexOf(0, sp);
    const mode = dec.decode(body.subarray(i, sp));
    const name = dec.decode(body.subarray(sp + 1, nul));
    const oid = bytesToHex(body.subarray(nul + 1, nul + 21));
    out.push({ mode, name, oid });
    i = nul + 21;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Commits

export interface Signature {
  readonly name: string;
  readonly email: string;
  /** Seconds since the epoch. */
  readonly time: number;
  /** `+0000`. */
  readonly tz: string;
}

export interface Commit {
  readonly tree: string;
  readonly parents: readonly string[];
  readonly author: Signature;
  readonly committer: Signature;
  /** The message as stored: git ends it with a newline. */
  readonly message: string;
}

export function formatSignature(s: Signature): string {
  return `${s.name} <${s.email}> ${s.time} ${s.tz}`;
}

function parseSignature(text: string): Signature {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(text);
  if (!m) return { name: text, email: '', time: 0, tz: '+0000' };
  return { name: m[1]!, email: m[2]!, time: Number(m[3]), tz: m[4]! };
}

export function encodeCommit(c: Commit): Uint8Array {
  let text = `tree ${c.tree}\n`;
  for (const p of c.parents) text += `parent ${p}\n`;
  text += `author ${formatSignature(c.author)}\ncommitter ${formatSignature(c.committer)}\n\n${c.message}`;
  return enc.encode(text);
}

export function parseCommit(body: Uint8Array): Commit {
  const text = dec.decode(body);
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const message = split < 0 ? '' : text.slice(split + 2);
  let tree = '';
  const parents: string[] = [];
  let author: Signature = { name: '', email: '', time: 0, tz: '+0000' };
  let committer = author;
  for (const line of head.split('\n')) {
    const sp = line.indexOf(' ');
    const key = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author') author = parseSignature(value);
    else if (key === 'committer') committer = parseSignature(value);
  }
  return { tree, parents, author, committer, message };
}

export interface Tag {
  readonly object: string;
  readonly type: ObjectType;
  readonly tag: string;
  readonly tagger: Signature;
  readonly message: string;
}

export function encodeTag(t: Tag): Uint8Array {
  return enc.encode(`object ${t.object}\ntype ${t.type}\ntag ${t.tag}\ntagger ${formatSignature(t.tagger)}\n\n${t.message}`);
}

/** The object a tag points at (`object <oid>` line). */
export function tagTarget(body: Uint8Array): string {
  return /^object ([0-9a-f]{40})/.exec(dec.decode(body))?.[1] ?? '';
}

/** Joins byte chunks (the kernel's concatBytes, under the name git's modules use). */
export const concat = concatBytes;

export { compareBytes };
