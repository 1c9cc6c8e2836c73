import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesReader } from '../process/streams';
import { decodeText, encodeText } from '../process/text';
import { ByteReader, encodeRequest, encodeResponse, HttpHeaders, HttpParseError, readRequest, readResponse } from './http';

const reader = (s: string | Uint8Array, chunk = 7) => new ByteReader(bytesReader(s, chunk));

describe('HTTP/1.1 codec', () => {
  it('requests: line, headers, Content-Length and chunked bodies, pipelining, leading blank lines', async () => {
    const r = reader('\r\nGET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-A:  1 \r\n\r\nPOST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloPUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nT: x\r\n\r\n');
    const a = await readRequest(r);
    expect(a).toMatchObject({ method: 'GET', target: '/a?b=1', version: 'HTTP/1.1' });
    expect(a!.headers.get('x-a')).toBe('1');
    expect(a!.headers.get('HOST')).toBe('x');
    const b = await readRequest(r);
    expect(decodeText(b!.body)).toBe('hello');
    const c = await readRequest(r);
    expect(decodeText(c!.body)).toBe('abcde');
    expect(await readRequest(r)).toBe(null);
    await expect(readRequest(reader('NOT HTTP\r\n\r\n'))).rejects.toBeInstanceOf(HttpParseError);
    await expect(readRequest(reader('GET / HTTP/1.1\r\nbad\r\n\r\n'))).rejects.toBeInstanceOf(HttpParseError);
  });

  it('responses: HEAD and 204/304 have no body; no length means read to the end', async () => {
    const head = await readResponse(reader('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n'), 'HEAD');
    expect(head).toMatchObject({ status: 200, reason: 'OK' });
    expect(head!.body.length).toBe(0);
    const nc = await readResponse(reader('HTTP/1.1 304 Not Modified\r\n\r\n'), 'GET');
    expect(nc!.body.length).toBe(0);
    const close = await readResponse(reader('HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of it'), 'GET');
    expect(decodeText(close!.body)).toBe('all of it');
    expect(await readResponse(reader(''), 'GET')).toBe(null);
  });

  it('HttpHeaders: set replaces every field of the name in place, delete removes all', () => {
    const h = new HttpHeaders([['A', '1'], ['B', '2'], ['a', '3']]);
    h.set('a', 'x');
    expect(h.entries).toEqual([['a', 'x'], ['B', '2']]);
    h.add('b', '3');
    h.delete('B');
    expect(h.entries).toEqual([['a', 'x']]);
  });

  it('property: encode then read gives the same message, whatever the chunking', async () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
    const value = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,20}[\x21-\x7e])?$/);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.stringMatching(/^\/[A-Za-z0-9/_.?=&-]{0,20}$/),
        fc.array(fc.tuple(token, value), { maxLength: 5 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.integer({ min: 1, max: 50 }),
        async (method, target, fields, body, chunk) => {
          const headers = new HttpHeaders(fields.filter(([k]) => !/^(content-length|transfer-encoding)$/i.test(k)));
          headers.set('Content-Length', String(body.length));
          const req = await readRequest(reader(encodeRequest({ method, target, version: 'HTTP/1.1', headers, body }), chunk));
          expect(req).toMatchObject({ method, target, version: 'HTTP/1.1' });
          expect(req!.headers.entries).toEqual(headers.entries);
          expect([...req!.body]).toEqual([...body]);
          const res = await readResponse(reader(encodeResponse({ version: 'HTTP/1.1', status: 200, reason: 'OK', headers, body }), chunk), method);
          expect([...res!.body]).toEqual([...body]);
        },
      ),
    );
  });

  it('bodies are bytes, not text', async () => {
    const bytes = new Uint8Array([0, 255, 10, 13, 200]);
    const res = await readResponse(reader(encodeResponse({ version: 'HTTP/1.1', status: 200, reason: 'OK', headers: new HttpHeaders([['Content-Length', '5']]), body: bytes }), 2), 'GET');
    expect([...res!.body]).toEqual([...bytes]);
    expect(encodeText('é').length).toBe(2);
  });
});
