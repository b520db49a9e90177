// Part (f): render engines side by side, truly cold. Every timed render draws a creative this
// process has never drawn: a new product photo (fresh pixels, fresh bytes) and new text; nothing
// timed is warmed first. Then end to end over HTTP (a never-seen URL, render cache off) next to
// a headless Chromium screenshot of the same HTML unit, in the same run.
import { serve } from '@hono/node-server';
import sharp from 'sharp';
import { chromium } from 'playwright-core';
import { parseSize } from '../src/domain/sizes.ts';
import { renderImage } from '../src/render/image.ts';
import type { Slots } from '../src/render/types.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { nodeEngine } from '../src/runtime/node/engine.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor } from '../src/services/creative.ts';
import { photoSideFor } from '../src/services/images.ts';
import { summarize, type Summary } from './stats.ts';

const N = Number(process.env.BENCH_COLD_RENDERS ?? 40);
const HTTP_N = Number(process.env.BENCH_E2E ?? 30);
const now = Date.parse('2026-11-30T16:00:00Z');
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
const deps = v.serve;
const engines = { 'satori+sharp': await nodeEngine('satori', deps.fonts), takumi: await nodeEngine('takumi', deps.fonts) };

let serial = 0;
/** A never-seen product photo: the demo photo with a tint and noise no other render had. */
async function freshPhoto(base: Uint8Array, side: number): Promise<string> {
  const n = ++serial;
  const png = await sharp(base).resize(side, side, { fit: 'inside' }).modulate({ hue: (n * 37) % 360, brightness: 0.9 + (n % 7) / 50 }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}
const WORDS = ['Alpen', 'Nord', 'Dune', 'Stride', 'Halo', 'Luma', 'Orbit', 'Cedar', 'Vela', 'Mira', 'Sahm', 'Najm', 'Rimal', 'Noor', 'Zaha', 'Jude'];
const AR = ['أناقة', 'مسائية', 'دافئة', 'جديدة', 'فاخرة', 'خفيفة', 'ناعمة', 'مريحة', 'أنيقة', 'راقية'];
/** New text: a headline and title no render of this process has shaped. */
function freshText(lang: 'en' | 'ar'): string {
  const n = ++serial;
  return lang === 'ar' ? `${AR[n % AR.length]} ${AR[(n * 7) % AR.length]} ${n}` : `${WORDS[n % WORDS.length]} ${WORDS[(n * 5) % WORDS.length]} ${n}`;
}

async function demoSlots(size: string, lang: 'en' | 'ar'): Promise<{ slots: Slots; photo: Uint8Array }> {
  const rd = await decideRequest(deps, { campaign: 'c-winter-style', size, region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' });
  const draft = draftFor(rd);
  const asset = await v.store.getAsset(draft.products[0]!.image!);
  return { slots: { ...draft, products: draft.products.map((p) => ({ ...p, image: null })) } as Slots, photo: asset!.bytes };
}

type Row = { size: string; lang: string; engine: string; cold: Summary };
const rows: Row[] = [];
for (const size of ['300x250', '1920x1080']) {
  for (const lang of ['ar', 'en'] as const) {
    const { slots, photo } = await demoSlots(size, lang);
    const side = photoSideFor(parseSize(size)!);
    // Engines interleaved, each render on its own new photo and text (prepared outside the timing).
    const samples: Record<string, number[]> = { 'satori+sharp': [], takumi: [] };
    for (let i = 0; i < N; i++) {
      for (const [name, engine] of Object.entries(engines)) {
        const products = await Promise.all(slots.products.map(async (p) => ({ ...p, title: freshText(lang), image: await freshPhoto(photo, side) })));
        const s: Slots = { ...slots, headline: freshText(lang), products };
        const t = performance.now();
        await renderImage(s, 'png', { fonts: deps.fonts, templates: deps.templates, engine });
        samples[name]!.push(performance.now() - t);
      }
    }
    for (const [engine, xs] of Object.entries(samples)) rows.push({ size, lang, engine, cold: summarize(xs) });
  }
}

// End to end over HTTP: a distinct URL per request (no replay), render cache off, default engine.
const server = serve({ fetch: v.app.fetch, port: 18797, hostname: '127.0.0.1' });
const base = 'http://127.0.0.1:18797';
const url = (i: number, f: string) => `${base}/v1/creative?campaign=c-winter-style&size=300x250&region=${i % 2 ? 'SA-01' : 'AE-DU'}&seed=${1000 + i}&at=2026-11-30T16:00:00Z&format=${f}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 300, height: 250 } });
const http: number[] = [];
const shots: number[] = [];
for (let i = 0; i < HTTP_N; i++) {
  let t = performance.now();
  const res = await fetch(url(i, 'png'));
  await res.arrayBuffer();
  http.push(performance.now() - t);
  if (res.headers.get('x-vitrine-cache') !== 'miss') throw new Error(`expected an uncached render, got ${res.headers.get('x-vitrine-cache')}`);
  // The same decision's HTML unit (fetched outside the timing), drawn by Chromium.
  const html = (await (await fetch(url(i, 'html'))).text()).replace(/<img src="http[^>]*>/g, '');
  t = performance.now();
  await page.setContent(html);
  await page.screenshot({ type: 'png' });
  shots.push(performance.now() - t);
}
await browser.close();
server.close();
await v.close();
process.stdout.write(JSON.stringify({ n: N, rows, e2e: { vitrine: summarize(http), chromium: summarize(shots) } }) + '\n');
process.exit(0);
