// Product photo derivatives made at ingest: the sides come from the templates themselves; ingest
// refuses broken photos (nothing stored, the empty state drawn) and stores whole ones re-encoded at
// each side, content-addressed; a raster creative hands the engine the derivative of its drawn box
// (1:1), within the visual references' tolerance of the photo scaled at render time; a fetched
// photo is ingested on first use; stored photos without derivatives are backfilled; D1's limit of
// 100 bound parameters per statement holds.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import pixelmatch from 'pixelmatch';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang, TemplateId } from '../src/domain/types.ts';
import { readImageHeader } from '../src/render/image-header.ts';
import { drawnPhotoSides, pictureBoxes } from '../src/render/photo-sides.ts';
import { templateTree } from '../src/render/tree.ts';
import type { PictureMap, RenderEngine } from '../src/render/types.ts';
import { buildNodeApp, type NodeVitrine } from '../src/runtime/node/build.ts';
import { nodeZlibLength, sharpDownscale } from '../src/runtime/node/rasterizer.ts';
import { MIGRATIONS } from '../src/runtime/node/sqlite.ts';
import * as schema from '../src/storage/schema.ts';
import { SqlStore, type Atomic, type Db } from '../src/storage/sql-store.ts';
import { draftFor, renderDraft, type CreativeDeps } from '../src/services/creative.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { ImageResolver } from '../src/services/images.ts';
import { fitInside, ingestStoredPhotos } from '../src/services/photo-ingest.ts';
import { TEMPLATE_SIZES, templates } from '../templates/index.ts';
import { sampleSlots } from './helpers/render.ts';

const silent = { info() {}, warn() {}, error() {} };
const AT = Date.parse('2026-11-30T16:00:00Z');
const shot = (w: number, h: number, color = '#b91c1c') =>
  sharp({ create: { width: w, height: h, channels: 3, background: color } })
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) / 3}" fill="#ffffff"/></svg>`) }])
    .png();

let v: NodeVitrine;
beforeAll(async () => {
  v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => AT, seed: 1, config: { adminKey: 'k', secret: 'test-secret-0123456789' }, renderCacheBytes: 0 });
});
afterAll(() => v.close());

describe('the sides photos are drawn at', () => {
  it('cover every square photo box of every template × size × language the templates draw (sample creatives)', () => {
    const sides = new Set(drawnPhotoSides(templates, TEMPLATE_SIZES, v.serve.fonts.measure));
    expect(sides.has(135)).toBe(true); // hero 300x250
    let boxes = 0;
    for (const t of Object.keys(TEMPLATE_SIZES) as TemplateId[]) {
      for (const key of TEMPLATE_SIZES[t]) {
        const [w, h] = key.split('x').map(Number);
        for (const lang of ['en', 'ar'] as Lang[]) {
          const tree = templateTree(sampleSlots(t, { w: w!, h: h! }, lang, 'vitrine-test-photo'), { templates, measure: v.serve.fonts.measure });
          for (const box of pictureBoxes(tree, 'vitrine-test-photo').values()) {
            if (box.w !== box.h) continue;
            boxes++;
            expect({ t, key, lang, side: box.w, listed: sides.has(box.w) }).toEqual({ t, key, lang, side: box.w, listed: true });
          }
        }
      }
    }
    expect(boxes).toBeGreaterThan(30);
  });
});

describe('photo ingest', () => {
  it('stores the photo re-encoded to fit each side, content-addressed, never the original bytes', async () => {
    const original = new Uint8Array(await shot(400, 300).toBuffer());
    const r = await v.serve.photoIngest!('https://img.example/a.png', { contentType: 'image/png', bytes: original });
    if (!r.ok) throw new Error(r.reason);
    const sides = drawnPhotoSides(templates, TEMPLATE_SIZES, v.serve.fonts.measure);
    expect(r.derivatives.map((d) => d.side)).toEqual(sides);
    for (const d of r.derivatives) {
      const h = readImageHeader(d.bytes)!;
      expect({ side: d.side, w: h.width, h: h.height }).toEqual({ side: d.side, ...fitInside(400, 300, d.side) });
      expect(d.key).toMatch(/^photo\/[0-9a-f]{32}\/\d+x\d+\.png$/);
      expect(Buffer.from(d.bytes).equals(Buffer.from(original))).toBe(false);
    }
    // The store hands the smallest derivative made for a side at least the one asked for.
    const got = await v.store.photoDerivative('https://img.example/a.png', 134);
    expect(got && { side: got.side, w: got.width, h: got.height }).toEqual({ side: 135, ...fitInside(400, 300, 135) });
    // The same bytes under another link share the derivatives (same keys).
    const again = await v.serve.photoIngest!('https://img.example/b.png', { contentType: 'image/png', bytes: original });
    expect(again.ok && again.derivatives.map((d) => d.key)).toEqual(r.derivatives.map((d) => d.key));
  });

  it('refuses a broken photo, stores nothing for it, and the creative draws the empty state', async () => {
    const good = new Uint8Array(await shot(400, 400).toBuffer());
    const cut = good.subarray(0, Math.floor(good.length / 2));
    const link = 'https://shop.vitrine.example/img/broken-cut.png';
    const r = await v.serve.photoIngest!(link, { contentType: 'image/png', bytes: cut });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^PNG is truncated/) });
    expect(await v.store.photoDerivative(link, 1)).toBeNull();
    await v.serve.authoring!.putAsset(link, 'image/png', cut);
    const rd = await decideRequest(v.serve, { campaign: 'c-winter-style', size: '300x250', region: 'US-CA', lang: 'en', seed: '7', format: 'png' });
    const draft = draftFor(rd);
    const images = new ImageResolver(v.store, { hosts: [], log: silent, downscale: sharpDownscale, zlibLength: nodeZlibLength, ingest: v.serve.photoIngest! });
    const deps: CreativeDeps = { ...v.serve, images };
    const broken = await renderDraft(deps, { ...draft, products: draft.products.map((p) => ({ ...p, image: link })) }, 'png');
    const missing = await renderDraft(deps, { ...draft, products: draft.products.map((p) => ({ ...p, image: null })) }, 'png');
    expect((await sharp(broken.bytes).raw().toBuffer()).equals(await sharp(missing.bytes).raw().toBuffer())).toBe(true);
    expect(images.failureReason(link)).toMatch(/^PNG is truncated/);
  });
});

describe('a raster creative from a decoding engine', () => {
  /** The engine, recording the pictures it is handed. */
  function recording(engine: RenderEngine, seen: PictureMap[]): RenderEngine {
    return { ...engine, raster: (tree, size, format, extra, pictures) => (pictures && seen.push(pictures), engine.raster(tree, size, format, extra, pictures)) };
  }

  for (const [size, lang, side] of [['300x250', 'en', 135], ['300x250', 'ar', 135], ['300x600', 'en', 270], ['728x90', 'ar', 78]] as const) {
    it(`${size} ${lang}: is handed the derivative of its drawn box (${side} px) and draws what scaling at render time draws, within the visual tolerance`, async () => {
      const rd = await decideRequest(v.serve, { campaign: 'c-winter-style', size, region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' });
      const draft = draftFor(rd);
      const link = `https://shop.vitrine.example/img/derivative-${size}-${lang}.png`;
      const original = new Uint8Array(await shot(400, 400, '#1d4ed8').toBuffer());
      await v.serve.authoring!.putAsset(link, 'image/png', original);
      const r = await v.serve.photoIngest!(link, { contentType: 'image/png', bytes: original });
      expect(r.ok).toBe(true);
      const slots = { ...draft, products: draft.products.map((p) => ({ ...p, image: link })) };
      const seen: PictureMap[] = [];
      const engine = recording(v.serve.engine, seen);
      const opts = { hosts: [], log: silent, downscale: sharpDownscale, zlibLength: nodeZlibLength };
      const withDerivative = await renderDraft({ ...v.serve, engine, images: new ImageResolver(v.store, { ...opts, ingest: v.serve.photoIngest! }) }, slots, 'png');
      const photo = seen[0]!.get('vitrine-picture:0')!;
      expect(readImageHeader(photo)).toMatchObject({ width: side, height: side });
      expect(Buffer.from(photo).equals(Buffer.from(original))).toBe(false);
      // Without ingest's derivatives: the stored 400 px original, scaled by the engine.
      const scaled = await renderDraft({ ...v.serve, engine, images: new ImageResolver(v.store, opts) }, slots, 'png');
      expect(readImageHeader(seen[1]!.get('vitrine-picture:0')!)).toMatchObject({ width: 400, height: 400 });
      const a = await sharp(withDerivative.bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const b = await sharp(scaled.bytes).ensureAlpha().raw().toBuffer();
      const differ = pixelmatch(a.data, b, undefined, a.info.width, a.info.height, { threshold: 0.1 });
      expect(differ / (a.info.width * a.info.height)).toBeLessThan(0.004);
    });
  }
});

describe('photos without derivatives', () => {
  it('a photo fetched from its link is ingested on first use; later renders read its derivative without fetching', async () => {
    const body = new Uint8Array(await shot(500, 500, '#15803d').toBuffer());
    let fetches = 0;
    const fetch = (async () => {
      fetches++;
      return new Response(body, { headers: { 'content-type': 'image/png' } });
    }) as unknown as typeof globalThis.fetch;
    const link = 'https://cdn.merchant.example/p/fetched.png';
    const opts = { hosts: ['cdn.merchant.example'], log: silent, downscale: sharpDownscale, zlibLength: nodeZlibLength, fetch, ingest: v.serve.photoIngest! };
    const first = await new ImageResolver(v.store, opts).loadForEngine(link, 135);
    expect(readImageHeader(first!)).toMatchObject({ width: 135, height: 135 });
    expect(fetches).toBe(1);
    expect(await v.store.getAsset(link)).toBeNull(); // the original is not kept
    const second = await new ImageResolver(v.store, opts).loadForEngine(link, 135);
    expect(fetches).toBe(1);
    expect(Buffer.from(second!).equals(Buffer.from(first!))).toBe(true);
  });

  it('stored photos without derivatives are backfilled (a refused one is skipped)', async () => {
    const left = await v.store.photosWithoutDerivatives(1000);
    expect(left.length).toBeGreaterThan(0);
    const r = await ingestStoredPhotos(v.store, v.serve.photoIngest!, { batch: 4, max: 6 });
    expect(r.ingested + r.refused).toBeGreaterThanOrEqual(6);
    expect((await v.store.photosWithoutDerivatives(1000)).length).toBeLessThan(left.length);
  }, 60_000);
});

describe('on D1', () => {
  it('ingest writes at most 100 bound parameters per statement', async () => {
    const sqlite = new Database(':memory:');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS });
    const params: number[] = [];
    const atomic: Atomic = async (build) => {
      sqlite.transaction(() => {
        for (const q of build(db as unknown as Db)) {
          params.push((q as unknown as { toSQL(): { params: unknown[] } }).toSQL().params.length);
          (q as unknown as { run(): void }).run();
        }
      })();
    };
    const store = new SqlStore(db as unknown as Db, atomic, 100, { prepared: false });
    const original = new Uint8Array(await shot(400, 400).toBuffer());
    const ingest = (await import('../src/services/photo-ingest.ts')).photoIngestFor({ store, downscale: sharpDownscale, zlibLength: nodeZlibLength, templates, templateSizes: TEMPLATE_SIZES, fonts: v.serve.fonts })!;
    const r = await ingest('https://img.example/d1.png', { contentType: 'image/png', bytes: original });
    expect(r.ok).toBe(true);
    expect(params.length).toBeGreaterThan(1);
    expect(Math.max(...params)).toBeLessThanOrEqual(100);
    expect((await store.photoDerivative('https://img.example/d1.png', 135))?.width).toBe(135);
    sqlite.close();
  });
});
