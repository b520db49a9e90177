// A stored product photo that cannot be drawn (cut short, a header that lies about its size, no
// bytes, markup served as image/png) gives the designed empty state (render/parts EmptyPhoto), the
// same pixels as a photo that is missing, never an empty box: under takumi on Node, with the
// image library, and with only the engine to decode (as on Workers). Checked before any decoder.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityProblem, streamZlibLength } from '../src/render/image-integrity.ts';
import { buildNodeApp, type NodeVitrine } from '../src/runtime/node/build.ts';
import { nodeZlibLength, sharpDownscale } from '../src/runtime/node/rasterizer.ts';
import { creativeBody, signLinks, type CreativeDeps } from '../src/services/creative.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { engineDownscale, ImageResolver } from '../src/services/images.ts';
import { campaignPreflight } from '../src/services/preflight-run.ts';
import type { Store } from '../src/storage/port.ts';

const silent = { info() {}, warn() {}, error() {} };
const photo = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#b91c1c' } });

/** A PNG whose IHDR claims `w`×`h` over the data of a smaller picture, its CRC made right (as a crafted file would). */
function lyingPng(png: Uint8Array, w: number, h: number): Uint8Array {
  const out = png.slice();
  const dv = new DataView(out.buffer);
  dv.setUint32(16, w);
  dv.setUint32(20, h);
  dv.setUint32(29, crc32(out.subarray(12, 29)));
  return out;
}

let cases: Array<[string, Uint8Array]>;
let good: Uint8Array;

beforeAll(async () => {
  good = new Uint8Array(await photo(400, 400).png().toBuffer());
  const jpeg = new Uint8Array(await photo(400, 400).jpeg().toBuffer());
  const small = new Uint8Array(await photo(200, 200).png().toBuffer());
  cases = [
    ['truncated PNG', good.subarray(0, Math.floor(good.length / 2))],
    ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length * 0.6))],
    ['PNG whose header lies about its size', lyingPng(small, 400, 400)],
    ['zero bytes', new Uint8Array(0)],
    ['SVG served as image/png', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="red"/></svg>')],
    ['HTML served as image/png', new TextEncoder().encode('<!doctype html><html><body><img src="x"></body></html>')],
  ];
});

describe('the photo integrity check', () => {
  it('names what is wrong with each broken photo and passes whole ones', async () => {
    for (const check of [nodeZlibLength, streamZlibLength]) {
      expect(await integrityProblem(good, check)).toBeNull();
      expect(await integrityProblem(new Uint8Array(await photo(400, 400).jpeg().toBuffer()), check)).toBeNull();
      expect(await integrityProblem(new Uint8Array(await photo(300, 200).png({ progressive: true }).toBuffer()), check)).toBeNull();
      expect(await integrityProblem(new Uint8Array(await photo(300, 200).jpeg({ progressive: true }).toBuffer()), check)).toBeNull();
      expect(await integrityProblem(new Uint8Array(await photo(30, 20).gif().toBuffer()), check)).toBeNull();
      expect(await integrityProblem(new Uint8Array(await photo(30, 20).webp().toBuffer()), check)).toBeNull();
      const named = await Promise.all(cases.map(([, b]) => integrityProblem(b, check)));
      expect(named).toEqual([
        expect.stringMatching(/^PNG is truncated/),
        expect.stringMatching(/^JPEG is truncated \(no end-of-image marker\)/),
        'PNG image data holds 120200 of the 480400 bytes its 400×400 header declares',
        expect.stringMatching(/header unreadable/),
        expect.stringMatching(/header unreadable/),
        expect.stringMatching(/header unreadable/),
      ]);
    }
  });
});

describe('a broken stored photo draws the designed empty state', () => {
  let v: NodeVitrine;
  beforeAll(async () => {
    v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => Date.parse('2026-11-30T16:00:00Z'), seed: 1, config: { adminKey: 'k', secret: 'test-secret-0123456789' }, renderCacheBytes: 0 });
  });
  afterAll(() => v.close());

  /** The creative with every product photo replaced by `bytes` (null: no photo stored at all). */
  async function draw(bytes: Uint8Array | null, format: 'png' | 'html', engineOnly: boolean, size = '300x250', lang = 'en') {
    const store = new Proxy(v.store, {
      get: (t, p) => (p === 'getAsset' ? async (k: string) => (k.includes('/img/') ? (bytes ? { contentType: 'image/png', bytes } : null) : t.getAsset(k)) : Reflect.get(t, p, t)),
    }) as Store;
    // Engine only: no image library, photos decoded and scaled by the engine (the Workers set-up).
    const images = new ImageResolver(store, engineOnly ? { hosts: [], log: silent, downscale: engineDownscale(v.serve.engine) } : { hosts: [], log: silent, downscale: sharpDownscale, zlibLength: nodeZlibLength });
    const deps: CreativeDeps = { ...v.serve, images };
    const rd = await decideRequest(v.serve, { campaign: 'c-winter-style', size, region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format });
    expect(rd.result.kind).toBe('decision');
    const out = await creativeBody(deps, rd, format, await signLinks(deps, rd, 'https://ads.example'));
    expect(out.fallback).toBeNull();
    return out.body;
  }
  const pixels = async (png: Uint8Array) => sharp(png).raw().toBuffer();

  for (const engineOnly of [false, true]) {
    it(`${engineOnly ? 'engine only (as on Workers)' : 'takumi with the image library (Node)'}: the same pixels as a missing photo, in en and ar`, async () => {
      expect(v.serve.engine.name).toBe('takumi');
      for (const lang of ['en', 'ar']) {
        const empty = await pixels(await draw(null, 'png', engineOnly, '300x250', lang));
        // The empty state is drawn, not a blank: a whole photo gives other pixels.
        expect((await pixels(await draw(good, 'png', engineOnly, '300x250', lang))).equals(empty)).toBe(false);
        for (const [name, bytes] of cases) {
          const got = await pixels(await draw(bytes, 'png', engineOnly, '300x250', lang));
          expect({ name, lang, same: got.equals(empty) }).toEqual({ name, lang, same: true });
        }
      }
    });
  }

  it('the HTML unit shows the empty state too, not a grey or half photo', async () => {
    // Inline pictures: the kit's logo, plus the photo when there is one.
    const pictures = (html: string) => html.match(/<img[^>]+src="data:image\//g)?.length ?? 0;
    const missing = new TextDecoder().decode(await draw(null, 'html', false));
    expect(pictures(new TextDecoder().decode(await draw(good, 'html', false)))).toBe(pictures(missing) + 1);
    for (const [name, bytes] of cases) {
      const html = new TextDecoder().decode(await draw(bytes, 'html', false));
      expect({ name, empty: html.includes('photo-empty'), pictures: pictures(html) }).toEqual({ name, empty: true, pictures: pictures(missing) });
    }
  });

  it("pre-flight names the broken photo and why (the editor sees what to fix)", async () => {
    const jpeg = cases.find(([n]) => n === 'truncated JPEG')![1];
    const store = new Proxy(v.store, { get: (t, p) => (p === 'getAsset' ? async (k: string) => (k.includes('/img/') ? { contentType: 'image/jpeg', bytes: jpeg } : t.getAsset(k)) : Reflect.get(t, p, t)) }) as Store;
    const deps = { ...v.serve, images: new ImageResolver(store, { hosts: [], log: silent, downscale: sharpDownscale }) };
    const bundle = (await v.serve.configCache.get()).bundles.find((b) => b.campaign.id === 'c-winter-style')!;
    const report = await campaignPreflight(deps, bundle.campaign, bundle.variants);
    const missing = report.findings.filter((f) => f.check === 'image_missing');
    expect(missing.length).toBeGreaterThan(0);
    for (const f of missing) expect(f.detail).toMatch(/could not be loaded \(JPEG is truncated \(no end-of-image marker\)\)$/);
  }, 120_000);
});
