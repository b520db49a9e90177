// Part (f): render engines side by side, truly cold. Every timed render draws a creative this
// process has never drawn: a new product photo (fresh pixels, fresh bytes, as stored: 400 px PNG)
// and new text; nothing timed is warmed first and nothing is cached across timed renders (render
// cache and photo cache off). Each engine is timed on the serving path (photo scaled the way
// that engine takes it, then drawn and encoded), and on the render alone from a photo already
// scaled. Then end to end over HTTP (a never-seen URL and a never-seen photo per request) next to
// a headless Chromium screenshot of the same HTML unit, in the same run.
import { serve } from '@hono/node-server';
import sharp from 'sharp';
import { chromium } from 'playwright-core';
import { parseSize } from '../src/domain/sizes.ts';
import { renderImage } from '../src/render/image.ts';
import type { RenderEngine, Slots } from '../src/render/types.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { nodeEngine, takumiNative } from '../src/runtime/node/engine.ts';
import { sharpDownscale } from '../src/runtime/node/rasterizer.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor, renderDraft, type CreativeDeps } from '../src/services/creative.ts';
import { ImageResolver, photoSideFor } from '../src/services/images.ts';
import type { Store } from '../src/storage/port.ts';
import { OWN_PNG } from './engines-report.ts';
import { summarize, type Summary } from './stats.ts';

const N = Number(process.env.BENCH_COLD_RENDERS ?? 40);
const HTTP_N = Number(process.env.BENCH_E2E ?? 30);
const now = Date.parse('2026-11-30T16:00:00Z');
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
const deps = v.serve;
const takumi = await nodeEngine('takumi', deps.fonts);
// The third row is takumi encoding PNG itself (the path before the node:zlib encoder), same tree, same photo path.
const engines: Record<string, RenderEngine> = { 'satori+sharp': await nodeEngine('satori', deps.fonts), takumi, [OWN_PNG]: await takumiNative(deps.fonts, { ownPng: true }) };

let serial = 0;
/** A never-seen product photo as the store holds one (400 px PNG): the demo photo with a tint no other render had. */
async function freshPhoto(base: Uint8Array): Promise<Uint8Array> {
  const n = ++serial;
  const png = await sharp(base).modulate({ hue: (n * 37) % 360, brightness: 0.9 + (n % 7) / 50 }).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
const WORDS = ['Alpen', 'Nord', 'Dune', 'Stride', 'Halo', 'Luma', 'Orbit', 'Cedar', 'Vela', 'Mira', 'Sahm', 'Najm', 'Rimal', 'Noor', 'Zaha', 'Jude'];
const AR = ['أناقة', 'مسائية', 'دافئة', 'جديدة', 'فاخرة', 'خفيفة', 'ناعمة', 'مريحة', 'أنيقة', 'راقية'];
/** New text: a headline and title no render of this process has shaped. */
function freshText(lang: 'en' | 'ar'): string {
  const n = ++serial;
  return lang === 'ar' ? `${AR[n % AR.length]} ${AR[(n * 7) % AR.length]} ${n}` : `${WORDS[n % WORDS.length]} ${WORDS[(n * 5) % WORDS.length]} ${n}`;
}

/** Demo product photos are stored under their product's image link. */
const isPhoto = (key: string) => key.startsWith('https://shop.vitrine.example/img/');

/**
 * The store, except that every product photo read hands out the next never-seen photo (prepared
 * outside the timing by `stock`); logos and everything else come from the real store.
 */
function coldStore(store: Store): { store: Store; stock(photo: Uint8Array): void; left(): number; clear(): void } {
  const queue: Uint8Array[] = [];
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'getAsset') {
        return async (key: string) => {
          if (!isPhoto(key)) return target.getAsset(key);
          const bytes = queue.shift();
          if (!bytes) throw new Error('bench: no fresh photo stocked for this read');
          return { contentType: 'image/png', bytes };
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, stock: (p) => queue.push(p), left: () => queue.length, clear: () => void queue.splice(0) };
}

/**
 * Photos loaded as the server loads them, except that product photos skip the photo cache: every
 * load reads, checks and scales (or hands over) a new photo. The brand kit's logo stays cached, as
 * in a running server (it is the campaign's, not the never-seen creative's).
 */
function coldImages(store: Store): ImageResolver {
  const opts = { hosts: [], log: deps.log, downscale: sharpDownscale };
  const photos = new ImageResolver(store, { ...opts, cacheBytes: 0 });
  return new (class extends ImageResolver {
    override load(link: string, side?: number) {
      return isPhoto(link) ? photos.load(link, side) : super.load(link, side);
    }
    override loadForEngine(link: string, side?: number) {
      return isPhoto(link) ? photos.loadForEngine(link, side) : super.loadForEngine(link, side);
    }
  })(store, opts);
}

async function demoDraft(size: string, lang: 'en' | 'ar') {
  const rd = await decideRequest(deps, { campaign: 'c-winter-style', size, region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' });
  const draft = draftFor(rd);
  // The render-alone rows draw the kit's logo as the server resolves it (outside the timing): a data:
  // URI for satori, the resolver's cached bytes for an engine that decodes pictures.
  const logo = draft.brand.logo ? await deps.images.load(draft.brand.logo) : null;
  const logoBytes = draft.brand.logo ? await deps.images.loadForEngine(draft.brand.logo) : null;
  return { draft, logo, logoBytes, photo: (await v.store.getAsset(draft.products[0]!.image!))!.bytes };
}

type Row = { size: string; lang: string; engine: string; cold: Summary; render: Summary; bytes: number };
const rows: Row[] = [];
for (const size of ['300x250', '1920x1080']) {
  for (const lang of ['ar', 'en'] as const) {
    const { draft, logo, logoBytes, photo } = await demoDraft(size, lang);
    const side = photoSideFor(parseSize(size)!);
    const cold: Record<string, number[]> = {};
    const render: Record<string, number[]> = {};
    const bytes: Record<string, number[]> = {};
    // Engines interleaved, each render on its own new photo and text (prepared outside the timing).
    for (let i = 0; i < N; i++) {
      for (const [name, engine] of Object.entries(engines)) {
        // The serving path: a never-seen stored photo, scaled for this engine, then drawn and encoded.
        const c = coldStore(v.store);
        for (const _ of draft.products) c.stock(await freshPhoto(photo));
        const d: CreativeDeps = { ...deps, engine, images: coldImages(c.store) };
        const fresh = { ...draft, headline: freshText(lang), products: draft.products.map((p) => ({ ...p, title: freshText(lang) })) };
        let t = performance.now();
        const out = await renderDraft(d, fresh, 'png');
        (cold[name] ??= []).push(performance.now() - t);
        (bytes[name] ??= []).push(out.bytes.length);
        if (out.cached || c.left() !== 0) throw new Error('bench: expected an uncached render that read its fresh photo');
        // The render alone: the photo already in the form this engine is handed (a scaled data: URI, or the stored bytes).
        const raw = await freshPhoto(photo);
        const pictures = new Map<string, Uint8Array>();
        const image = engine.decodesPictures ? 'vitrine-picture:0' : await sharpDownscale({ contentType: 'image/png', bytes: raw }, side).then((p) => `data:${p.contentType};base64,${Buffer.from(p.bytes).toString('base64')}`);
        if (engine.decodesPictures) pictures.set(image, raw);
        if (engine.decodesPictures && logoBytes) pictures.set('vitrine-picture:logo', logoBytes);
        const s = { ...draft, brand: { ...draft.brand, logo: engine.decodesPictures && logoBytes ? 'vitrine-picture:logo' : logo }, headline: freshText(lang), products: draft.products.map((p) => ({ ...p, title: freshText(lang), image })) } as Slots;
        t = performance.now();
        await renderImage(s, 'png', { fonts: deps.fonts, templates: deps.templates, engine, pictures });
        (render[name] ??= []).push(performance.now() - t);
      }
    }
    for (const engine of Object.keys(engines)) rows.push({ size, lang, engine, cold: summarize(cold[engine]!), render: summarize(render[engine]!), bytes: summarize(bytes[engine]!).p50 });
  }
}

// End to end over HTTP: a distinct URL per request (no replay), render cache off, photo cache off
// and a never-seen photo per request, default engine.
const e2eStore = coldStore(v.store);
deps.images = coldImages(e2eStore.store);
const basePhoto = (await demoDraft('300x250', 'en')).photo;
const server = serve({ fetch: v.app.fetch, port: 18797, hostname: '127.0.0.1' });
const base = 'http://127.0.0.1:18797';
const url = (i: number, f: string) => `${base}/v1/creative?campaign=c-winter-style&size=300x250&region=${i % 2 ? 'SA-01' : 'AE-DU'}&seed=${1000 + i}&at=2026-11-30T16:00:00Z&format=${f}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 300, height: 250 } });
const http: number[] = [];
const shots: number[] = [];
let httpBytes = 0;
let fallbacks = 0;
for (let i = 0; i < HTTP_N; i++) {
  for (let k = 0; k < 4; k++) e2eStore.stock(await freshPhoto(basePhoto));
  let t = performance.now();
  const res = await fetch(url(i, 'png'));
  const body = await res.arrayBuffer();
  http.push(performance.now() - t);
  httpBytes = body.byteLength;
  if (res.headers.get('x-vitrine-cache') !== 'miss') throw new Error(`expected an uncached render, got ${res.headers.get('x-vitrine-cache')}`);
  if (res.headers.get('x-vitrine-fallback')) fallbacks++;
  // The same decision's HTML unit (fetched outside the timing, with a never-seen photo too), drawn by Chromium.
  const html = (await (await fetch(url(i, 'html'))).text()).replace(/<img src="http[^>]*>/g, '');
  e2eStore.clear();
  t = performance.now();
  await page.setContent(html);
  await page.screenshot({ type: 'png' });
  shots.push(performance.now() - t);
}
await browser.close();
server.close();
await v.close();
process.stdout.write(JSON.stringify({ n: N, rows, e2e: { vitrine: summarize(http), chromium: summarize(shots), pngBytes: httpBytes, fallbacks } }) + '\n');
process.exit(0);
