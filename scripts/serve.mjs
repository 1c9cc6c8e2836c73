#!/usr/bin/env node
// A tiny static file server for the Next.js export in out/, with no dependencies: correct MIME types,
// index.html for folders, a redirect from `/page` to `/page/` when `page/` is a folder (the export uses
// trailingSlash), `/page.html` for `/page` when that file exists, and out/404.html with status 404.
//
//   node scripts/serve.mjs [ROOT=out] [PORT=3000] [HOST=127.0.0.1]   (loopback only unless HOST says otherwise)
import { createServer } from 'node:http';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'out');
const port = Number(process.argv[3] ?? process.env.PORT ?? 3000);
const host = process.argv[4] ?? process.env.HOST ?? '127.0.0.1';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.tar': 'application/x-tar',
  '.gz': 'application/gzip',
  '.tgz': 'application/gzip',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
};

function mimeOf(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function statOrNull(file) {
  try {
    return await fsp.stat(file);
  } catch {
    return null;
  }
}

/** Maps a URL path to a file under root, or null when it would escape root or cannot be decoded. */
function toFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** Decides what a request gets: a file with a status, a redirect, or nothing (404). */
async function resolve(urlPath) {
  const file = toFile(urlPath);
  if (!file) return { status: 400 };
  const st = await statOrNull(file);
  if (st?.isFile()) return { status: 200, file, st };
  if (st?.isDirectory()) {
    if (!urlPath.endsWith('/')) return { status: 308, location: `${urlPath}/` };
    const index = path.join(file, 'index.html');
    const ist = await statOrNull(index);
    if (ist?.isFile()) return { status: 200, file: index, st: ist };
    return null;
  }
  if (!urlPath.endsWith('/')) {
    const html = `${file}.html`;
    const hst = await statOrNull(html);
    if (hst?.isFile()) return { status: 200, file: html, st: hst };
  }
  return null;
}

function cacheControl(file) {
  // Next's hashed build output never changes under the same name; everything else is revalidated.
  return file.includes(`${path.sep}_next${path.sep}static${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method Not Allowed\n');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let found = await resolve(url.pathname);
  if (found?.status === 308) {
    res.writeHead(308, { Location: found.location + url.search });
    res.end();
    return;
  }
  if (found?.status === 400) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Bad Request\n');
    return;
  }
  let status = 200;
  if (!found) {
    status = 404;
    const notFound = path.join(root, '404.html');
    const st = await statOrNull(notFound);
    if (!st?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not Found\n');
      return;
    }
    found = { status: 404, file: notFound, st };
  }
  const headers = {
    'Content-Type': mimeOf(found.file),
    'Content-Length': found.st.size,
    'Last-Modified': found.st.mtime.toUTCString(),
    'Cache-Control': status === 200 ? cacheControl(found.file) : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  const since = req.headers['if-modified-since'];
  if (status === 200 && since && Math.floor(found.st.mtimeMs / 1000) <= Math.floor(Date.parse(since) / 1000)) {
    res.writeHead(304, { 'Cache-Control': headers['Cache-Control'], 'Last-Modified': headers['Last-Modified'] });
    res.end();
    return;
  }
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

const rootStat = await statOrNull(root);
if (!rootStat?.isDirectory()) {
  console.error(`serve: ${root} is not a folder; run \`next build\` first (npm start does both)`);
  process.exit(1);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(`serve: ${req.method} ${req.url}: ${err?.stack ?? err}`);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal Server Error\n');
  });
});

server.on('error', (err) => {
  console.error(`serve: ${err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
  const actual = server.address()?.port ?? port; // port 0 picks a free one
  console.log(`layerlab: serving ${path.relative(process.cwd(), root) || '.'} at http://${shown}:${actual}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
