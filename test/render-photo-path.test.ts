// The photo path of a raster creative from an engine that decodes pictures itself (takumi): a
// plain PNG/JPEG at creative scale is handed over as stored (no re-encode, no base64); anything
// else is scaled by the image library first; a stored photo the engine cannot decode still gives
// the decision's creative, never the fallback.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainEncoding, readImageHeader } from '../src/render/image-header.ts';
import { buildNodeApp, type NodeVitrine } from '../src/runtime/node/build.ts';
import { sharpDownscale } from '../src/runtime/node/rasterizer.ts';
import { creativeBody, draftFor, signLinks, type CreativeDeps } from '../src/services/creative.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { ImageResolver } from '../src/services/images.ts';
import type { Store } from '../src/storage/port.ts';

const png = async (side: number, opts: { depth?: 8 | 16 } = {}) => {
  const img = sharp({ create: { width: side, height: side, channels: 3, background: '#b91c1c' } });
  return new Uint8Array(await (opts.depth === 16 ? img.toColourspace('rgb16') : img).png().toBuffer());
};
const silent = { info() {}, warn() {}, error() {} };
const storeWith = (assets: Map<string, Uint8Array>) => ({ getAsset: async (k: string) => (assets.has(k) ? { contentType: 'image/png', bytes: assets.get(k)! } : null) }) as unknown as Store;

describe('photos handed to a decoding engine', () => {
  it('reads which PNG and JPEG files every decoder turns into the same 8-bit sRGB pixels', async () => {
    expect(plainEncoding(await png(40))).toBe(true);
    expect(plainEncoding(await png(40, { depth: 16 }))).toBe(false);
    expect(plainEncoding(new Uint8Array(await sharp(await png(40)).withIccProfile('p3').png().toBuffer()))).toBe(false);
    expect(plainEncoding(new Uint8Array(await sharp(await png(40)).jpeg().toBuffer()))).toBe(true);
    expect(plainEncoding(new Uint8Array(await sharp(await png(40)).jpeg().withIccProfile('p3').toBuffer()))).toBe(false);
    expect(plainEncoding(new Uint8Array(await sharp(await png(40)).webp().toBuffer()))).toBe(false);
  });

  it('hands a plain photo at creative scale over as stored and scales a larger one first', async () => {
    const small = await png(400);
    const large = await png(1600);
    const wide = await png(400, { depth: 16 });
    const images = new ImageResolver(storeWith(new Map([['s', small], ['l', large], ['w', wide]])), { hosts: [], log: silent, downscale: sharpDownscale });
    expect(await images.loadForEngine('s', 192)).toBe(small);
    const scaled = (await images.loadForEngine('l', 192))!;
    expect(readImageHeader(scaled)).toMatchObject({ type: 'image/png', width: 192, height: 192 });
    expect(readImageHeader((await images.loadForEngine('w', 192))!)).toMatchObject({ width: 192 });
    // The HTML unit's data: URI is still the re-encoded photo, never the stored bytes.
    expect(await images.load('s', 192)).toMatch(/^data:image\/png;base64,/);
    expect(await images.load('s', 192)).not.toBe(`data:image/png;base64,${Buffer.from(small).toString('base64')}`);
  });
});

describe('a stored photo the engine cannot decode', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => Date.parse('2026-11-30T16:00:00Z'), seed: 1, config: { adminKey: 'k', secret: 'test-secret-0123456789' }, renderCacheBytes: 0 });
  });
  afterAll(() => v.close());

  it('still serves the decision creative as PNG, not the fallback', async () => {
    // A valid PNG header (400 × 400, 8-bit) over a broken body: passes the header checks, decodes nowhere.
    const good = await png(400);
    const broken = new Uint8Array(good.length);
    broken.set(good.subarray(0, 41));
    broken.fill(0x55, 41);
    const store = new Proxy(v.store, { get: (t, p) => (p === 'getAsset' ? async (k: string) => (k.includes('/img/') ? { contentType: 'image/png', bytes: broken } : t.getAsset(k)) : Reflect.get(t, p, t)) });
    const deps: CreativeDeps = { ...v.serve, images: new ImageResolver(store as Store, { hosts: [], log: silent, downscale: sharpDownscale }) };
    const rd = await decideRequest(v.serve, { campaign: 'c-winter-style', size: '300x250', region: 'SA-01', seed: '7', format: 'png' });
    expect(rd.result.kind).toBe('decision');
    expect(draftFor(rd).products[0]!.image).toContain('/img/');
    const out = await creativeBody(deps, rd, 'png', await signLinks(deps, rd, 'https://ads.example'));
    expect(out.fallback).toBeNull();
    expect(out.contentType).toBe('image/png');
    expect(await sharp(out.body).metadata()).toMatchObject({ width: 300, height: 250 });
  });
});
