// Issue 14, finding 3 and the headers/secrets list: bounded work per request (body limits, the
// pixel bomb, image fetch policy, negative cache and single flight, the cached overlay), the
// security headers, constant-time key comparison, and the Node defaults (HOST, file mode, key shown once).
import { deflateSync } from 'node:zlib';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageHeader } from '../src/render/image-header.ts';
import { buildNodeApp, type NodeVitrine } from '../src/runtime/node/build.ts';
import { nodeKeyCompare } from '../src/runtime/node/digest.ts';
import { readEnv } from '../src/runtime/node/env.ts';
import { guardedFetch, isPrivateAddress } from '../src/runtime/node/fetch.ts';
import { sharpDownscale } from '../src/runtime/node/rasterizer.ts';
import { openNodeStore } from '../src/runtime/node/sqlite.ts';
import { webKeyCompare } from '../src/security/compare.ts';
import { silentLogger } from '../src/services/deps.ts';
import { IMAGE_RETRY_MS, ImageResolver, outboundProblem, photoSideFor } from '../src/services/images.ts';
import type { Store } from '../src/storage/port.ts';
import { ADMIN_KEY, admin, fixtureApp } from './helpers/app.ts';
import { PRODUCTS } from './helpers/fixture.ts';

/** A 20000×20000 one-bit PNG of zeros: about 50 KB on disk, 400 megapixels decoded. */
function pixelBomb(side = 20_000): Uint8Array {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((Math.ceil(side / 8) + 1) * side); // filter byte 0 + zero pixels per row
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
}

const bomb = pixelBomb();
const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

describe('the pixel bomb (a 20000×20000 PNG of about 50 KB)', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await fixtureApp({ seed: { assets: PRODUCTS.map((p) => ({ key: p.imageLink, contentType: 'image/png', bytes: bomb })) } });
  });
  afterAll(async () => v.close());

  it('is small on disk and huge in pixels, which the header says', () => {
    expect(bomb.length).toBeLessThan(200_000);
    expect(readImageHeader(bomb)).toEqual({ type: 'image/png', width: 20_000, height: 20_000 });
  });

  it('is refused from its header: the creative renders without it, and the HTML unit never carries its bytes', async () => {
    const rss = process.memoryUsage().rss;
    const html = await v.app.request('/v1/creative?campaign=c-run&size=300x250&format=html&region=SA-01');
    expect(html.status).toBe(200);
    const body = await html.text();
    expect(body).not.toContain(b64(bomb).slice(0, 200));
    const png = await v.app.request('/v1/creative?campaign=c-run&size=300x250&format=png&region=SA-01');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(v.serve.images.stats.refused).toBeGreaterThanOrEqual(1);
    // Bounded memory: nothing near the 400 MB (1 byte per pixel) to 1.6 GB a decode would take.
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
  });

  it('is refused by libvips too if it ever got past the header check', async () => {
    await expect(sharpDownscale({ contentType: 'image/png', bytes: bomb }, 192)).rejects.toThrow(/pixel limit/i);
  });
});

describe('every photo is re-encoded at the drawn size', () => {
  it('the HTML unit carries a re-encoded photo no larger than it is drawn, not the original bytes', async () => {
    const photo = new Uint8Array(await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#3366aa' } }).png().toBuffer());
    const v = await fixtureApp({ seed: { assets: PRODUCTS.map((p) => ({ key: p.imageLink, contentType: 'image/png', bytes: photo })) } });
    try {
      const body = await (await v.app.request('/v1/creative?campaign=c-run&size=300x250&format=html&region=SA-01')).text();
      expect(body).not.toContain(b64(photo).slice(0, 200));
      const uri = /src="data:image\/(?:png|jpeg);base64,([^"]+)"/.exec(body);
      expect(uri).not.toBeNull();
      const meta = await sharp(Buffer.from(uri![1]!, 'base64')).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(photoSideFor({ w: 300, h: 250 }));
    } finally {
      await v.close();
    }
  });
});

describe('outbound photo fetches', () => {
  const store = { getAsset: async () => null } as unknown as Store;
  const png = sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa0000' } }).png().toBuffer();

  it('go only to allow-listed hosts over https on allowed ports', () => {
    const policy = { hosts: ['img.example'], ports: [443] };
    expect(outboundProblem(new URL('https://img.example/a.png'), policy)).toBeNull();
    expect(outboundProblem(new URL('http://img.example/a.png'), policy)).toMatch(/not https/);
    expect(outboundProblem(new URL('https://other.example/a.png'), policy)).toMatch(/not in VITRINE_IMAGE_HOSTS/);
    expect(outboundProblem(new URL('https://img.example:8443/a.png'), policy)).toMatch(/port 8443 is not allowed/);
    expect(outboundProblem(new URL('https://img.example:8443/a.png'), { ...policy, ports: [443, 8443] })).toBeNull();
  });

  it('refuse a host that resolves to a loopback or private address (Node checks the resolved address)', async () => {
    expect(['127.0.0.1', '10.1.2.3', '192.168.0.9', '172.20.0.1', '169.254.169.254', '::1', 'fe80::1', '::ffff:127.0.0.1', '100.64.0.1'].filter((a) => !isPrivateAddress(a))).toEqual([]);
    expect(isPrivateAddress('93.184.216.34')).toBe(false);
    await expect(guardedFetch([])('https://localhost:9/a.png')).rejects.toThrow(/private or loopback/);
    await expect(guardedFetch([])('https://127.0.0.1:9/a.png')).rejects.toThrow(/private or loopback/);
    // Allow-listed for private use: the lookup passes and the connection is attempted (and refused: nothing listens on port 9).
    await expect(guardedFetch(['localhost'])('https://localhost:9/a.png')).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it('are single flight per photo, and a failure is cached for a TTL before one retry', async () => {
    let now = 1_000_000;
    let calls = 0;
    let fail = true;
    const fetch = (async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return fail ? new Response('no', { status: 503 }) : new Response(await png, { headers: { 'content-type': 'image/png' } });
    }) as unknown as typeof globalThis.fetch;
    const images = new ImageResolver(store, { hosts: ['img.example'], fetch, log: silentLogger, clock: () => now, downscale: sharpDownscale });
    const link = 'https://img.example/p.png';
    expect(await Promise.all([images.load(link, 128), images.load(link, 128), images.load(link, 128)])).toEqual([null, null, null]);
    expect(calls).toBe(1);
    expect(await images.load(link, 128)).toBeNull();
    expect(calls).toBe(1);
    now += IMAGE_RETRY_MS.first + 1;
    fail = false;
    expect(await images.load(link, 128)).toMatch(/^data:image\/png;base64,/);
    expect(calls).toBe(2);
    expect(await images.load(link, 128)).toMatch(/^data:image\/png;base64,/);
    expect(calls).toBe(2);
  });
});

describe('body limits', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await fixtureApp();
  });
  afterAll(async () => v.close());

  it('PUT /v1/admin/stores with 70 MB answers 413 naming the limit, and the app keeps answering', async () => {
    const big = '[' + '{"store_code":"s","region":"SA-01"},'.repeat(2_000_000) + '{"store_code":"s","region":"SA-01"}]';
    expect(big.length).toBeGreaterThan(70_000_000);
    const res = await v.app.request('/v1/admin/stores', { method: 'PUT', headers: admin, body: big });
    expect(res.status).toBe(413);
    const e = ((await res.json()) as { error: { code: string; message: string; details: { limitBytes: number } } }).error;
    expect(e.code).toBe('payload_too_large');
    expect(e.message).toBe('body: larger than 1 MiB, the limit for PUT /v1/admin/stores');
    expect(e.details.limitBytes).toBe(1024 * 1024);
    expect((await v.app.request('/healthz')).status).toBe(200);
  });

  it('counts a streamed body without Content-Length too', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent++ < 40) ctl.enqueue(chunk);
        else ctl.close();
      },
    });
    const res = await v.app.request('/v1/admin/stores', { method: 'PUT', headers: admin, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(40);
  });

  it('cuts a streamed feed upload at its limit with a 413 (ad paths have small limits)', async () => {
    const res = await v.app.request('/v1/events/conversion', { method: 'POST', headers: admin, body: JSON.stringify({ pad: 'x'.repeat(20_000) }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('body: larger than 16 KiB, the limit for POST /v1/events/conversion');
  });
});

describe('the CTV overlay is cached by content', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await fixtureApp();
  });
  afterAll(async () => v.close());

  it('a second overlay of the same creative is a cache hit, with its own QR code', async () => {
    const url = (at: string) => `/v1/creative?campaign=c-run&size=1920x1080&format=png&region=SA-01&layout=overlay&seed=5&at=${at}`;
    const a = await v.app.request(url('2026-11-24T15:00:00Z'));
    const b = await v.app.request(url('2026-11-24T15:01:00Z'));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.headers.get('x-vitrine-variant')).toBe(b.headers.get('x-vitrine-variant'));
    expect(a.headers.get('x-vitrine-cache')).toBe('miss');
    expect(b.headers.get('x-vitrine-cache')).toBe('hit');
    const [pa, pb] = [new Uint8Array(await a.arrayBuffer()), new Uint8Array(await b.arrayBuffer())];
    expect(Buffer.from(pa).equals(Buffer.from(pb))).toBe(false);
    expect(await sharp(pb).metadata()).toMatchObject({ width: 1920, height: 1080 });
  });
});

describe('headers', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await fixtureApp();
  });
  afterAll(async () => v.close());

  it('the HTML unit forbids scripts; every answer says nosniff and a referrer policy', async () => {
    const res = await v.app.request('/v1/creative?campaign=c-run&size=300x250&format=html&region=SA-01');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    for (const path of ['/v1/creative?campaign=c-run&size=300x250&region=SA-01', '/healthz', '/nope']) {
      expect((await v.app.request(path)).headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('admin, studio and docs pages may not be framed', async () => {
    for (const [path, headers] of [['/v1/admin/campaigns', admin], ['/v1/admin/campaigns', {}], ['/studio', {}], ['/docs', {}]] as const) {
      const res = await v.app.request(path, { headers });
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('keys and Node defaults', () => {
  it('compares keys over equal-length digests, Node and Web Crypto alike', async () => {
    for (const cmp of [nodeKeyCompare, webKeyCompare()]) {
      expect(await cmp(ADMIN_KEY, ADMIN_KEY)).toBe(true);
      expect(await cmp(ADMIN_KEY, ADMIN_KEY + 'x')).toBe(false);
      expect(await cmp('', ADMIN_KEY)).toBe(false);
      expect(await cmp(ADMIN_KEY.replace(/.$/, 'Z'), ADMIN_KEY)).toBe(false);
    }
  });

  it('HOST defaults to 127.0.0.1', () => {
    expect(readEnv({}).host).toBe('127.0.0.1');
    expect(readEnv({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('creates the database file 0600, and reports a generated admin key only on the start that made it', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'vitrine-mode-')), 'data', 'v.db');
    const first = await buildNodeApp({ db, demo: false });
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(first.adminKeyGenerated).toBe(true);
    const key = first.config.adminKey;
    await first.close();
    const second = await buildNodeApp({ db, demo: false });
    expect(second.adminKeyGenerated).toBe(false);
    expect(second.config.adminKey).toBe(key);
    await second.close();
    const { close } = openNodeStore(db);
    close();
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });
});
