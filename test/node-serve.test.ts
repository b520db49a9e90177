// The Node server `npm start` runs (src/runtime/node/serve.ts): small bodies read up front and
// handed to the app already read. Over real sockets: every body reader gives the bytes sent, a
// body reads once, limits and encodings answer as before (413, gzip, chunked), connections stay
// alive, and a request whose body never completes never reaches the app.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUFFER_MAX, routeBufferLimit, serveNode } from '../src/runtime/node/serve.ts';
import { demoApp } from './helpers/app.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

function send(port: number, path: string, opts: { method?: string; body?: Buffer | string; headers?: Record<string, string>; chunked?: boolean; agent?: import('node:http').Agent } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
    const headers: Record<string, string> = { ...opts.headers };
    if (body && !opts.chunked) headers['Content-Length'] = String(body.length);
    const req = httpRequest({ host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers, agent: opts.agent ?? false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    if (body && opts.chunked) {
      // Two writes, no Content-Length: Transfer-Encoding: chunked.
      req.write(body.subarray(0, body.length >> 1));
      req.end(body.subarray(body.length >> 1));
    } else req.end(body);
  });
}

const listen = (s: Server) => new Promise<number>((resolve) => (s.listening ? resolve((s.address() as AddressInfo).port) : s.once('listening', () => resolve((s.address() as AddressInfo).port))));

describe('body readers over the buffered path', () => {
  const seen: string[] = [];
  const app = new Hono();
  app.post('/text', async (c) => c.text(await c.req.text()));
  app.post('/json', async (c) => c.json({ got: await c.req.json() }));
  app.post('/bytes', async (c) => c.json({ bytes: [...new Uint8Array(await c.req.arrayBuffer())] }));
  app.post('/stream', async (c) => {
    const body = c.req.raw.body!;
    const again = c.req.raw.body === body;
    const parts: number[] = [];
    const reader = body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(...r.value);
    return c.json({ same: again, text: Buffer.from(parts).toString('utf8'), used: c.req.raw.bodyUsed });
  });
  app.post('/twice', async (c) => {
    await c.req.raw.text();
    try {
      await c.req.raw.text();
      return c.text('read twice', 500);
    } catch (err) {
      return c.text(`refused: ${(err as Error).name}`, 200);
    }
  });
  app.post('/look-then-read', async (c) => {
    // Looking at `body` (the body-limit middleware does) uses nothing.
    const has = c.req.raw.body !== null;
    return c.json({ has, usedBefore: c.req.raw.bodyUsed, text: await c.req.raw.text(), usedAfter: c.req.raw.bodyUsed });
  });
  app.post('/form', async (c) => {
    const form = await c.req.formData();
    return c.json({ name: form.get('name') });
  });
  app.post('/clone', async (c) => c.text(`${await c.req.raw.clone().text()}|${await c.req.raw.text()}`));
  app.post('/partial', (c) => {
    seen.push('partial');
    return c.text('ok');
  });
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = serveNode({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    port = await listen(server);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('text, json and arrayBuffer give the bytes sent (UTF-8, Arabic included)', async () => {
    const body = JSON.stringify({ title: 'حذاء رياضي', n: 3 });
    expect((await send(port, '/text', { body })).text).toBe(body);
    expect(JSON.parse((await send(port, '/json', { body })).text)).toEqual({ got: { title: 'حذاء رياضي', n: 3 } });
    expect(JSON.parse((await send(port, '/bytes', { body: Buffer.from([0, 255, 1, 128]) })).text)).toEqual({ bytes: [0, 255, 1, 128] });
  });

  it('the body stream is one object, reads the bytes, and marks the body used', async () => {
    expect(JSON.parse((await send(port, '/stream', { body: 'hello stream' })).text)).toEqual({ same: true, text: 'hello stream', used: true });
  });

  it('a body reads once: a second read is refused as on any Request; looking at body uses nothing', async () => {
    expect((await send(port, '/twice', { body: 'x' })).text).toBe('refused: TypeError');
    expect(JSON.parse((await send(port, '/look-then-read', { body: 'seen' })).text)).toEqual({ has: true, usedBefore: false, text: 'seen', usedAfter: true });
  });

  it('formData and clone (the full Request, built from the same bytes) still work', async () => {
    const boundary = 'XyZ';
    const form = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nNord & Co\r\n--${boundary}--\r\n`;
    expect(JSON.parse((await send(port, '/form', { body: form, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } })).text)).toEqual({ name: 'Nord & Co' });
    expect((await send(port, '/clone', { body: 'twin' })).text).toBe('twin|twin');
  });

  it('chunked bodies (no Content-Length) take the adapter streaming path and read the same', async () => {
    const body = 'a'.repeat(5000) + 'ب';
    expect((await send(port, '/text', { body, chunked: true })).text).toBe(body);
  });

  it('keeps the connection alive across buffered requests', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let connections = 0;
    const count = () => connections++;
    server.on('connection', count);
    for (let i = 0; i < 4; i++) expect((await send(port, '/text', { body: `n${i}`, agent })).text).toBe(`n${i}`);
    server.off('connection', count);
    agent.destroy();
    expect(connections).toBe(1);
  });

  it('a request whose body never completes never reaches the app, and the server keeps answering', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/partial', method: 'POST', headers: { 'Content-Length': '1000' } });
      req.on('error', () => resolve());
      req.write('only part of it');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
    expect((await send(port, '/text', { body: 'still here' })).text).toBe('still here');
  });

  it('buffers only within the route limit: never streamed routes, never past BUFFER_MAX', () => {
    expect(routeBufferLimit('POST', '/openrtb2/auction')).toBe(256 * 1024);
    expect(routeBufferLimit('POST', '/v1/events/conversion')).toBe(16 * 1024);
    expect(routeBufferLimit('POST', '/v1/admin/feeds/f1')).toBe(0);
    expect(routeBufferLimit('POST', '/v1/profiles/import')).toBe(0);
    expect(routeBufferLimit('POST', '/studio/catalog/feed')).toBe(BUFFER_MAX);
  });
});

describe('the auction over the buffered path', () => {
  let server: Server;
  let port: number;
  const bidRequest = JSON.stringify({ id: 'r1', tmax: 500, imp: [{ id: '1', tagid: 'pl-home-top', banner: { w: 300, h: 250 } }], site: { domain: 'news.example' }, device: { devicetype: 2, geo: { country: 'ARE', region: 'DU' } } });
  beforeAll(async () => {
    const v = await demoApp();
    server = serveNode({ fetch: v.app.fetch, port: 0, hostname: '127.0.0.1' });
    port = await listen(server);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('bids with a Content-Length body, a gzip body and a chunked body alike', async () => {
    for (const opts of [{ body: bidRequest }, { body: gzipSync(bidRequest), headers: { 'Content-Encoding': 'gzip' } }, { body: bidRequest, chunked: true }]) {
      const a = await send(port, '/openrtb2/auction', { ...opts, headers: { 'Content-Type': 'application/json', ...opts.headers } });
      expect(a.status).toBe(200);
      const bid = (JSON.parse(a.text) as { id: string; seatbid: Array<{ bid: Array<{ impid: string; adm: string }> }> });
      expect(bid.id).toBe('r1');
      expect(bid.seatbid[0]!.bid[0]!.impid).toBe('1');
    }
  });

  it('keeps every limit and error: 413 past 256 KiB declared, 400 on bad gzip and bad JSON', async () => {
    // (A chunked body past the limit takes the adapter's streaming path, unchanged: the client sees the socket close.)
    const big = JSON.stringify({ id: 'big', pad: 'x'.repeat(300 * 1024), imp: [] });
    const a = await send(port, '/openrtb2/auction', { body: big });
    expect(a.status).toBe(413);
    expect(JSON.parse(a.text).error.field).toBe('body');
    const badGzip = await send(port, '/openrtb2/auction', { body: Buffer.from('not gzip at all'), headers: { 'Content-Encoding': 'gzip' } });
    expect(badGzip.status).toBe(400);
    expect(JSON.parse(badGzip.text).error.message).toMatch(/gzip/);
    const badJson = await send(port, '/openrtb2/auction', { body: '{"id":' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.text).error.field).toBe('body');
  });

  it('a gzip bomb is refused on its inflated size (413), as before', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ id: 'b', pad: ' '.repeat(2 * 1024 * 1024), imp: [] })));
    expect(bomb.length).toBeLessThan(256 * 1024);
    expect((await send(port, '/openrtb2/auction', { body: bomb, headers: { 'Content-Encoding': 'gzip' } })).status).toBe(413);
  });
});
