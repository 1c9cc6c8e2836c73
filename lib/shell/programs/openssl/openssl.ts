/**
 * openssl (3.0): `version` (the installed libssl package's version line, recorded from the real builds), `rand`
 * (-hex/-base64/-out), `dgst` and the digest commands (`sha256`, `md5`, ... with -r), `base64` and `enc -base64`
 * (-d, -A, -in, -out), `passwd` (-1/-apr1 MD5, -5 SHA-256, -6 SHA-512 crypt). Keys, certificates and TLS (genrsa, req, x509, s_client, ...)
 * are not simulated and say so instead of printing made-up keys. Errors use OpenSSL's error-queue lines; their
 * leading thread id is made from the PID (it is an address on a real system).
 */

import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { resolvePath } from '../../../engine/fs/path';
import type { Program, ProcessContext } from '../../../engine/process/Types';
import type { ReadStream } from '../../../engine/process/Types';
import { concatBytes, decodeText, encodeText } from '../../../engine/process/text';
import { closeInput, openInput, readAllInterruptible } from '../lib/input';
import { ITOA64, md5Crypt, sha256Crypt, sha512Crypt } from '../accounts/crypt';
import { decodeBase64, encodeBase64 } from '../base64';
import { errorText } from '../lib/tool';
import { parseStanzas, STATUS } from '../pkg/dpkgStatus';
import { readText } from '../pkg/common';

/** `openssl version` per installed libssl package version, as the real builds print it. */
const VERSION_LINES: Readonly<Record<string, string>> = {
  '3.0.22-1~deb12u2': 'OpenSSL 3.0.22 25 Aug 2026 (Library: OpenSSL 3.0.22 25 Aug 2026)',
  '3.0.19-1~deb12u2': 'OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)',
};

interface Digest {
  readonly label: string;
  create(): { update(b: Uint8Array): unknown; digest(): Uint8Array };
}

/** Digests by option/command name; `dgst` with no option is SHA256 but labelled without the "2-". */
const DIGESTS: Readonly<Record<string, Digest>> = {
  md5: { label: 'MD5', create: () => md5.create() },
  sha1: { label: 'SHA1', create: () => sha1.create() },
  sha224: { label: 'SHA2-224', create: () => sha224.create() },
  sha256: { label: 'SHA2-256', create: () => sha256.create() },
  sha384: { label: 'SHA2-384', create: () => sha384.create() },
  sha512: { label: 'SHA2-512', create: () => sha512.create() },
};

const NOT_SIMULATED = new Set(['genrsa', 'genpkey', 'req', 'x509', 's_client', 's_server', 'rsa', 'pkey', 'ec', 'ecparam', 'dhparam', 'ca', 'verify', 'pkcs12', 'cms', 'smime', 'crl', 'ocsp', 'speed', 'ciphers', 'pkeyutl', 'rsautl', 'asn1parse']);
const KNOWN = new Set(['version', 'rand', 'dgst', 'base64', 'enc', 'passwd', 'help', ...Object.keys(DIGESTS), ...NOT_SIMULATED]);

class OpenSsl {
  constructor(readonly ctx: ProcessContext) {}

  /** OpenSSL's error-queue prefix: a thread id (an address on a real system; here derived from the PID). */
  get tid(): string {
    const h = ((this.ctx.pid * 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0');
    return `40${h}7F0000`;
  }

  async err(text: string): Promise<void> {
    await this.ctx.stderr.write(text);
  }

  async usageError(cmd: string, message: string): Promise<number> {
    await this.err(`${cmd}: ${message}\n${cmd}: Use -help for summary.\n`);
    return 1;
  }

  /** Hashes a file chunk by chunk (so /dev/zero stays interruptible); null after printing OpenSSL's errors. */
  async digestFile(name: string, digest: Digest): Promise<Uint8Array | null> {
    let s: ReadStream;
    try {
      s = openInput(this.ctx, name);
    } catch (e) {
      const why = errorText(e);
      await this.err(`${name}: ${why}\n${this.tid}:error:80000002:system library:file_ctrl:${why}:../crypto/bio/bss_file.c:297:calling fopen(${name}, r)\n${this.tid}:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n`);
      return null;
    }
    try {
      return await hashStream(this.ctx, s, digest);
    } finally {
      closeInput(this.ctx, s);
    }
  }

  /** Opens -in for the encoding commands (BIO_new_file); null after printing OpenSSL's errors. */
  async readInput(name: string | undefined): Promise<Uint8Array | null> {
    let s: ReadStream;
    try {
      s = name === undefined ? this.ctx.stdin : openInput(this.ctx, name);
    } catch (e) {
      const why = errorText(e);
      await this.err(`Can't open "${name}" for reading, ${why}\n${this.tid}:error:80000002:system library:BIO_new_file:${why}:../crypto/bio/bss_file.c:67:calling fopen(${name}, rb)\n${this.tid}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`);
      return null;
    }
    try {
      return await readAllInterruptible(this.ctx, s);
    } finally {
      closeInput(this.ctx, s);
    }
  }

  async output(name: string | undefined, data: string | Uint8Array): Promise<void> {
    if (name === undefined) await this.ctx.stdout.write(data);
    else this.ctx.fs.writeFile(resolvePath(this.ctx.cwd, name), typeof data === 'string' ? encodeText(data) : data, { mode: 0o644 & ~this.ctx.umask });
  }
}

async function hashStream(ctx: ProcessContext, s: ReadStream, digest: Digest): Promise<Uint8Array> {
  const h = digest.create();
  for (let c = await s.read(); c !== null; c = await s.read()) {
    h.update(c);
    await ctx.checkpoint();
  }
  return h.digest();
}

async function version(o: OpenSsl, args: readonly string[]): Promise<number> {
  const bad = args.find((a) => a !== '-v');
  if (bad !== undefined) return o.usageError('version', bad.startsWith('-') ? `Unknown option: ${bad}` : `Extra option: "${bad}"`);
  const status = readText(o.ctx.fs, STATUS);
  const lib = status === undefined ? undefined : parseStanzas(status).find((s) => /^libssl\d/.test(s.name) && s.fields.get('Status') === 'install ok installed');
  const line = lib === undefined ? undefined : VERSION_LINES[lib.fields.get('Version') ?? ''];
  if (line === undefined) {
    await o.err(`openssl: version of ${lib ? `${lib.name} ${lib.fields.get('Version')}` : 'this libssl'} is not simulated\n`);
    return 1;
  }
  await o.ctx.stdout.write(`${line}\n`);
  return 0;
}

async function rand(o: OpenSsl, args: readonly string[]): Promise<number> {
  let format: 'raw' | 'hex' | 'base64' = 'raw';
  let out: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-hex') format = 'hex';
    else if (a === '-base64') format = 'base64';
    else if (a === '-out') out = args[++i];
    else if (a.startsWith('-') && a !== '-') return o.usageError('rand', `Unknown option: ${a}`);
    else rest.push(a);
  }
  if (rest.length === 0) return 0;
  if (rest.length > 1) return o.usageError('rand', `Extra option: "${rest[1]}"`);
  const m = /^([0-9]+)([KMGT]?)$/.exec(rest[0]!);
  if (!m) return o.usageError('rand', `Can't parse "${rest[0]}" as a number`);
  let left = Number(m[1]) * 1024 ** ' KMGT'.indexOf(m[2] || ' ');
  // In pieces of 48 KiB (a whole number of 48-byte base64 lines), so large counts stream and stay interruptible.
  const pieces: (string | Uint8Array)[] = [];
  while (left > 0) {
    const bytes = o.ctx.sys.random.bytes(Math.min(left, 49152));
    left -= bytes.length;
    const piece = format === 'hex' ? bytesToHex(bytes) : format === 'base64' ? wrap64(encodeBase64(bytes)) : bytes;
    if (out === undefined) await o.ctx.stdout.write(piece);
    else pieces.push(piece);
    await o.ctx.checkpoint();
  }
  if (format === 'hex') {
    if (out === undefined) await o.ctx.stdout.write('\n');
    else pieces.push('\n');
  }
  if (out !== undefined) await o.output(out, concatBytes(pieces.map((p) => (typeof p === 'string' ? encodeText(p) : p))));
  return 0;
}

/** Base64 in 64-column lines, as BIO_f_base64 writes it. */
function wrap64(b64: string): string {
  return b64 === '' ? '' : b64.replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n');
}

async function dgst(o: OpenSsl, cmd: string, args: readonly string[]): Promise<number> {
  let digest: Digest = cmd === 'dgst' ? { label: 'SHA256', create: () => sha256.create() } : DIGESTS[cmd]!;
  let reverse = false;
  const files: string[] = [];
  for (const a of args) {
    if (a === '-r') reverse = true;
    else if (a.startsWith('-') && files.length === 0) {
      const d = DIGESTS[a.slice(1)];
      if (!d) {
        await o.err(`${cmd}: Unknown option or message digest: ${a.slice(1)}\n${cmd}: Use -help for summary.\n${o.tid}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${a.slice(1)} : 0), Properties (<null>)\n`);
        return 1;
      }
      digest = d;
    } else files.push(a);
  }
  const line = (name: string, sum: Uint8Array) => {
    const hex = bytesToHex(sum);
    return reverse ? `${hex} *${name}\n` : `${digest.label}(${name})= ${hex}\n`;
  };
  if (files.length === 0) {
    await o.ctx.stdout.write(line('stdin', await hashStream(o.ctx, o.ctx.stdin, digest)));
    return 0;
  }
  let status = 0;
  for (const f of files) {
    const sum = await o.digestFile(f, digest);
    if (sum === null) status = 1;
    else await o.ctx.stdout.write(line(f, sum));
  }
  return status;
}

async function base64(o: OpenSsl, cmd: string, args: readonly string[]): Promise<number> {
  let decode = false;
  let oneLine = false;
  let isBase64 = cmd === 'base64';
  let input: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-d') decode = true;
    else if (a === '-e') decode = false;
    else if (a === '-A') oneLine = true;
    else if (a === '-base64' || a === '-a') isBase64 = true;
    else if (a === '-in') input = args[++i];
    else if (a === '-out') out = args[++i];
    else if (!a.startsWith('-')) return o.usageError(cmd, `Extra option: "${a}"`);
    else {
      // enc takes any other -NAME as a cipher name and fails to fetch an unknown one.
      const name = a.slice(1);
      if (/^(aes|aria|bf|camellia|cast|chacha20|des|idea|rc2|rc4|seed|sm4)/i.test(name)) {
        await o.err(`${cmd}: ciphers are not simulated (only -base64)\n`);
        return 1;
      }
      await o.err(`${cmd}: Unknown cipher: ${name}\n${cmd}: Use -help for summary.\n${o.tid}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${name} : 0), Properties (<null>)\n`);
      return 1;
    }
  }
  if (!isBase64) {
    await o.err(`${cmd}: ciphers are not simulated (only -base64)\n`);
    return 1;
  }
  const data = await o.readInput(input);
  if (data === null) return 1;
  if (decode) {
    const text = decodeText(data);
    await o.output(out, decodeBase64(oneLine ? text : text.replace(/\s+/g, ''), true).bytes);
  } else {
    const b64 = encodeBase64(data);
    await o.output(out, oneLine ? b64 : wrap64(b64));
  }
  return 0;
}

async function passwd(o: OpenSsl, args: readonly string[]): Promise<number> {
  let algo: string | null = null;
  let salt: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (['-1', '-5', '-6', '-apr1', '-aixmd5', '-crypt'].includes(a)) algo = a;
    else if (a === '-salt') salt = args[++i];
    else if (a.startsWith('-')) return o.usageError('passwd', `Unknown option: ${a}`);
    else words.push(a);
  }
  if (algo === '-crypt' || algo === '-aixmd5') {
    await o.err(`passwd: ${algo} hashing is not simulated; use -1, -5, -6 or -apr1\n`);
    return 1;
  }
  if (words.length === 0) {
    await o.err('passwd: reading the password from the terminal is not simulated; give it as an argument\n');
    return 1;
  }
  const sha = algo === '-5' || algo === '-6';
  for (const w of words) {
    const s = salt ?? Array.from({ length: sha ? 16 : 8 }, () => ITOA64[o.ctx.sys.random.int(64)]).join('');
    const hash = algo === '-6' ? sha512Crypt(w, s) : algo === '-5' ? sha256Crypt(w, s) : md5Crypt(w, s, algo === '-apr1' ? '$apr1$' : '$1$');
    await o.ctx.stdout.write(`${hash}\n`);
  }
  return 0;
}

export const openssl: Program = async (ctx) => {
  const o = new OpenSsl(ctx);
  const [cmd, ...args] = ctx.argv.slice(1);
  if (cmd === undefined) {
    await o.err('openssl: the interactive prompt is not simulated; give a command (version, rand, dgst, base64, passwd)\n');
    return 1;
  }
  if (!KNOWN.has(cmd)) {
    await o.err(`Invalid command '${cmd}'; type "help" for a list.\n`);
    return 1;
  }
  if (NOT_SIMULATED.has(cmd) || cmd === 'help') {
    await o.err(`openssl: ${cmd} is not simulated (keys, certificates and TLS are out of scope)\n`);
    return 1;
  }
  switch (cmd) {
    case 'version':
      return version(o, args);
    case 'rand':
      return rand(o, args);
    case 'base64':
    case 'enc':
      return base64(o, cmd, args);
    case 'passwd':
      return passwd(o, args);
    default:
      return dgst(o, cmd, args);
  }
};
