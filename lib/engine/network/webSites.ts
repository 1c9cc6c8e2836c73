/**
 * The simulated Internet's content: a read-only table of the public URLs tutorials download from (Dockerfile
 * `ADD <url>`, `curl`/`wget` in containers). Each site has the IPv4 address clients report, the body it serves for
 * unknown paths (with the status its real server gives), and its resources: a body (made on first use), headers
 * that matter to clients (Content-Type, Last-Modified, ETag) or a redirect. Bodies are layerlab's: the small text
 * files are the real files' text; binaries are layerlab binaries (an ELF header naming the program that runs them);
 * archives are small real tar.gz files with the real layout, not the real size.
 */
import { gzip } from '../format/compression';
import { writeTar } from '../format/tar';
import { sha256 } from '../format/digest';
import { executableHeader } from '../fs/executable';

const TEXT = new TextEncoder();

export interface WebResource {
  /** 200 with a body, or a redirect to another URL. */
  readonly kind: 'file' | 'redirect';
  readonly contentType?: string;
  /** RFC 7231 date (`Wed, 08 Nov 2023 10:11:12 GMT`). */
  readonly lastModified?: string;
  /** For redirects: the status (301/302) and target. */
  readonly status?: number;
  readonly location?: string;
  body?(): Uint8Array;
}

export interface WebSite {
  readonly address: string;
  /** What the server answers for a path it does not have. */
  readonly notFound: { readonly status: number; readonly contentType: string; readonly body: string };
  readonly paths: Readonly<Record<string, WebResource>>;
}

/** A layerlab binary: the header naming its program, padded to a plausible size with deterministic bytes. */
function binary(program: string, size: number): () => Uint8Array {
  return () => {
    const out = new Uint8Array(size);
    out.set(executableHeader(program), 0);
    let x = 0x9e3779b9;
    for (let i = 64; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

const EXAMPLE_HTML = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>

    <meta charset="utf-8" />
    <meta http-equiv="Content-type" content="text/html; charset=utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
</head>

<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
    <p><a href="https://www.iana.org/domains/example">More information...</a></p>
</div>
</body>
</html>
`;

const examplePage: WebResource = { kind: 'file', contentType: 'text/html', lastModified: 'Mon, 13 Jan 2025 20:11:20 GMT', body: () => TEXT.encode(EXAMPLE_HTML) };

const NODE_VERSION = 'v20.18.3';
const NODE_DIR = `node-${NODE_VERSION}-linux-x64`;

/** A Node.js binary distribution: bin/node (runs the node program), bin/npm and npx links, the usual files. */
function nodeTarball(): Uint8Array {
  const mtime = 1739232000; // 2025-02-11, the release day
  const d = (name: string) => ({ name: `${NODE_DIR}/${name}/`, type: 'dir' as const, mode: 0o755, uid: 1001, gid: 1001, mtime });
  const f = (name: string, content: Uint8Array, mode = 0o644) => ({ name: `${NODE_DIR}/${name}`, type: 'file' as const, mode, uid: 1001, gid: 1001, mtime, content });
  return gzip(
    writeTar([
      d(''),
      f('CHANGELOG.md', TEXT.encode('# Node.js Changelog\n\nSee doc/changelogs/ for the changes of each release line.\n')),
      f('LICENSE', TEXT.encode('Node.js is licensed for use as follows:\n\n"""\nCopyright Node.js contributors. All rights reserved.\n"""\n')),
      f('README.md', TEXT.encode('# Node.js\n\nNode.js is an open-source, cross-platform JavaScript runtime environment.\n')),
      d('bin'),
      f('bin/node', binary('node', 4096)(), 0o755),
      { name: `${NODE_DIR}/bin/npm`, type: 'symlink' as const, linkname: '../lib/node_modules/npm/bin/npm-cli.js', mode: 0o777, uid: 1001, gid: 1001, mtime },
      { name: `${NODE_DIR}/bin/npx`, type: 'symlink' as const, linkname: '../lib/node_modules/npm/bin/npx-cli.js', mode: 0o777, uid: 1001, gid: 1001, mtime },
      d('include'),
      d('lib'),
      d('share'),
    ]),
  );
}

let nodeTar: Uint8Array | undefined;
const nodeTarballBytes = () => (nodeTar ??= nodeTarball());

export const WEB_SITES: Readonly<Record<string, WebSite>> = {
  'example.com': { address: '23.215.0.136', notFound: { status: 404, contentType: 'text/html', body: EXAMPLE_HTML }, paths: { '/': examplePage, '/index.html': examplePage } },
  'www.example.com': { address: '23.215.0.136', notFound: { status: 404, contentType: 'text/html', body: EXAMPLE_HTML }, paths: { '/': examplePage, '/index.html': examplePage } },
  'github.com': {
    address: '140.82.121.4',
    notFound: { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not Found' },
    paths: {
      // Release assets redirect to the release-asset host, as GitHub's do.
      '/tianon/gosu/releases/download/1.17/gosu-amd64': { kind: 'redirect', status: 302, location: 'https://objects.githubusercontent.com/github-production-release-asset-2e65be/19708981/gosu-amd64' },
      '/krallin/tini/releases/download/v0.19.0/tini': { kind: 'redirect', status: 302, location: 'https://objects.githubusercontent.com/github-production-release-asset-2e65be/30154026/tini' },
    },
  },
  'objects.githubusercontent.com': {
    address: '185.199.108.133',
    notFound: { status: 404, contentType: 'application/xml', body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>' },
    paths: {
      '/github-production-release-asset-2e65be/19708981/gosu-amd64': { kind: 'file', contentType: 'application/octet-stream', lastModified: 'Thu, 26 Oct 2023 17:22:45 GMT', body: binary('gosu', 2_375_680) },
      '/github-production-release-asset-2e65be/30154026/tini': { kind: 'file', contentType: 'application/octet-stream', lastModified: 'Sat, 11 Apr 2020 16:30:38 GMT', body: binary('tini', 24_064) },
    },
  },
  'raw.githubusercontent.com': {
    address: '185.199.108.133',
    notFound: { status: 404, contentType: 'text/plain; charset=utf-8', body: '404: Not Found' },
    paths: {
      '/docker-library/hello-world/master/amd64/hello-world/Dockerfile': { kind: 'file', contentType: 'text/plain; charset=utf-8', body: () => TEXT.encode('FROM scratch\nCOPY hello /\nCMD ["/hello"]\n') },
    },
  },
  'nodejs.org': {
    address: '104.20.22.46',
    notFound: { status: 404, contentType: 'text/html', body: '<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n' },
    paths: {
      [`/dist/${NODE_VERSION}/${NODE_DIR}.tar.gz`]: { kind: 'file', contentType: 'application/gzip', lastModified: 'Tue, 11 Feb 2025 16:36:25 GMT', body: nodeTarballBytes },
      [`/dist/${NODE_VERSION}/SHASUMS256.txt`]: {
        kind: 'file',
        contentType: 'text/plain',
        lastModified: 'Tue, 11 Feb 2025 17:03:52 GMT',
        // The checksum file lists the archives this site serves, so `sha256sum -c` and ADD --checksum agree with it.
        body: () => TEXT.encode(`${sha256Hex(nodeTarballBytes())}  ${NODE_DIR}.tar.gz\n`),
      },
    },
  },
};

function sha256Hex(b: Uint8Array): string {
  return sha256(b).slice('sha256:'.length);
}
