import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root: string;
let server: ChildProcess;
let port: number;

/** A raw GET (no URL normalisation, so `..` reaches the server as sent). */
function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    // Options, not a URL: the path goes out exactly as written, `..` and all.
    const req = request({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'layerlab-serve-'));
  mkdirSync(path.join(root, 'play'));
  mkdirSync(path.join(root, '_next/static/chunks'), { recursive: true });
  mkdirSync(path.join(root, 'empty'));
  writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(path.join(root, 'play/index.html'), '<h1>play</h1>');
  writeFileSync(path.join(root, 'about.html'), '<h1>about</h1>');
  writeFileSync(path.join(root, '404.html'), '<h1>not found</h1>');
  writeFileSync(path.join(root, '_next/static/chunks/app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'data.json'), '{}');
  writeFileSync(path.join(root, 'layer.tar'), 'tar');
  writeFileSync(path.join(root, 'mystery'), 'bytes');
  writeFileSync(path.join(path.dirname(root), 'layerlab-serve-secret.txt'), 'secret');

  server = spawn(process.execPath, [path.join(import.meta.dirname, 'serve.mjs'), root, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /at http:\/\/localhost:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
});

afterAll(() => {
  server?.kill();
  rmSync(root, { recursive: true, force: true });
  rmSync(path.join(path.dirname(root), 'layerlab-serve-secret.txt'), { force: true });
});

describe('scripts/serve.mjs', () => {
  it('serves index.html for / and for a folder with a trailing slash', async () => {
    expect((await get('/')).body).toBe('<h1>home</h1>');
    const play = await get('/play/');
    expect(play.status).toBe(200);
    expect(play.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(play.body).toBe('<h1>play</h1>');
  });

  it('redirects a folder without its trailing slash, keeping the query', async () => {
    const r = await get('/play?lang=zh');
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe('/play/?lang=zh');
  });

  it('serves page.html for /page', async () => {
    expect((await get('/about')).body).toBe('<h1>about</h1>');
  });

  it('answers with 404.html and status 404 for what is not there', async () => {
    for (const p of ['/nope', '/nope/', '/empty/', '/play/missing.js']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).toBe('<h1>not found</h1>');
    }
  });

  it('gives each kind of file its MIME type', async () => {
    const types: Record<string, string> = {
      '/_next/static/chunks/app.js': 'text/javascript; charset=utf-8',
      '/logo.svg': 'image/svg+xml',
      '/data.json': 'application/json; charset=utf-8',
      '/layer.tar': 'application/x-tar',
      '/mystery': 'application/octet-stream',
    };
    for (const [p, type] of Object.entries(types)) expect((await get(p)).headers['content-type'], p).toBe(type);
  });

  it('caches hashed build output for good and revalidates pages', async () => {
    expect((await get('/_next/static/chunks/app.js')).headers['cache-control']).toContain('immutable');
    expect((await get('/play/')).headers['cache-control']).toBe('no-cache');
  });

  it('answers If-Modified-Since with 304', async () => {
    const first = await get('/play/');
    const again = await get('/play/', { 'If-Modified-Since': String(first.headers['last-modified']) });
    expect(again.status).toBe(304);
  });

  it('never serves a file outside its root', async () => {
    for (const p of ['/../layerlab-serve-secret.txt', '/%2e%2e/layerlab-serve-secret.txt', '/play/..%2f..%2flayerlab-serve-secret.txt']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toContain('secret');
    }
    // `..` that stays inside the root is fine.
    expect((await get('/play/../about.html')).body).toBe('<h1>about</h1>');
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });
});
