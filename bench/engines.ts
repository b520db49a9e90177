// Part (f): render engines side by side, truly cold. Every timed render draws a creative this
// process has never drawn: a new product photo (fresh pixels, fresh bytes, as stored: 400 px PNG,
// under a link no render has read) and new text; nothing timed is warmed first and nothing is
// cached across timed renders (render cache and photo cache off). Each photo is stocked outside
// the timing the way the app stocks one: the original stored, then (for the derivative rows) the
// app's own photo ingest, whose cost per photo is its own row. Each engine is timed on the serving
// path (renderDraft), and on the render alone from a photo scaled beforehand. Then end to end over
// HTTP against a server child process (never-seen photos stocked there through the same ingest, by
// a bench-only hook), and, in a phase of its own, a headless Chromium screenshot of the same HTML units.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { parseSize } from '../src/domain/sizes.ts';
import { renderImage } from '../src/render/image.ts';
import type { RenderEngine, Slots } from '../src/render/types.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { nodeEngine, takumiNative } from '../src/runtime/node/engine.ts';
import { sharpDownscale } from '../src/runtime/node/rasterizer.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor, renderDraft, type CreativeDeps } from '../src/services/creative.ts';
import { photoSideFor } from '../src/services/images.ts';
import { coldImages, freshPhoto, freshText } from './cold-photos.ts';
import { AFTER_TAKUMI, LOGO_PER_RENDER, MAIN_PATH, NO_DERIVATIVE, OWN_PNG, SATORI_LOGO_PER_RENDER } from './engines-report.ts';
import { encodePng } from '../src/runtime/node/png.ts';
import { summarize, type Summary } from './stats.ts';

const N = Number(process.env.BENCH_COLD_RENDERS ?? 40);
const HTTP_N = Number(process.env.BENCH_E2E ?? 30);
/** Pause after stocking photos, before timing (ingest is long done when an ad request comes): a burst of CPU just before skews the next wall time on a shared machine. */
const SETTLE_MS = Number(process.env.BENCH_COLD_SETTLE_MS ?? 250);
const now = Date.parse('2026-11-30T16:00:00Z');
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
const deps = v.serve;
const takumi = await nodeEngine('takumi', deps.fonts);
const ingest = deps.photoIngest;
if (!ingest) throw new Error('bench: the app has no photo ingest');
// Rows: satori + sharp (photo scaled by sharp to a data: URI, as always); takumi handed the photo's
// derivative made at ingest for the drawn side; takumi handed the stored original and scaling it
// itself (the path before derivatives); takumi encoding PNG itself (the path before the node:zlib
// encoder), derivatives as in the takumi row; takumi as on main before session 13 (the tree through
// takumi's JS wrapper, small frames RGBA in new buffers).
// Each row's image resolver is kept across its renders, as a server keeps its own (and as
// bench/cold-server.ts does): product photos are never cached (coldImages), the kit's logo is.
// The `perRenderImages` rows make a resolver per render, as this bench did before session 14: the
// kit's logo then is read, checked and (for takumi, a new buffer) decoded again on every render,
// work a server does once per campaign, not per creative.
const satoriEngine = await nodeEngine('satori', deps.fonts);
type EngineRow = { engine: RenderEngine; derivatives: boolean; afterSatori?: boolean; afterTakumi?: boolean; perRenderImages?: boolean };
const engines: Record<string, EngineRow> = {
  'satori+sharp': { engine: satoriEngine, derivatives: false },
  takumi: { engine: takumi, derivatives: true },
  [NO_DERIVATIVE]: { engine: takumi, derivatives: false },
  [OWN_PNG]: { engine: await takumiNative(deps.fonts, { ownPng: true }), derivatives: true },
  // Timed right after an untimed satori + sharp render, as the takumi row is (it follows satori's row):
  // a render after another takumi render is ~1 ms faster at 300x250 (bench/cold-wall.ts).
  [MAIN_PATH]: { engine: await takumiNative(deps.fonts, { viaWrapper: true, png: (r, w, h) => encodePng(r, w, h, undefined, { smallRgb: false }) }), derivatives: true, afterSatori: true },
  // The rows added in session 14 come last, so every row before them is timed after the same row as before.
  // Right after an untimed takumi render of another never-seen creative (its own new photo and text)
  // instead of after satori + sharp: what a server whose engine is takumi runs between its renders.
  [AFTER_TAKUMI]: { engine: takumi, derivatives: true, afterTakumi: true },
  [LOGO_PER_RENDER]: { engine: takumi, derivatives: true, afterSatori: true, perRenderImages: true },
  [SATORI_LOGO_PER_RENDER]: { engine: satoriEngine, derivatives: false, perRenderImages: true },
};
const keptImages = { withIngest: coldImages(v.store, deps.log, ingest), without: coldImages(v.store, deps.log) };
const imagesFor = (row: EngineRow, derivatives = row.derivatives) => (row.perRenderImages ? coldImages(v.store, deps.log, derivatives ? ingest : undefined) : derivatives ? keptImages.withIngest : keptImages.without);
const putAsset = (key: string, bytes: Uint8Array) => deps.authoring!.putAsset(key, 'image/png', bytes);
let links = 0;

async function demoDraft(size: string, lang: 'en' | 'ar') {
  const rd = await decideRequest(deps, { campaign: 'c-winter-style', size, region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' });
  const draft = draftFor(rd);
  // The render-alone rows draw the kit's logo as the server resolves it (outside the timing): a data:
  // URI for satori, the resolver's cached bytes for an engine that decodes pictures.
  const logo = draft.brand.logo ? await deps.images.load(draft.brand.logo) : null;
  const logoBytes = draft.brand.logo ? await deps.images.loadForEngine(draft.brand.logo) : null;
  return { draft, logo, logoBytes, photo: (await v.store.getAsset(draft.products[0]!.image!))!.bytes };
}

type Row = { size: string; lang: string; engine: string; cold: Summary; render: Summary; bytes: number; gc: { renders: number; ms: number }; faults: number };
const rows: Row[] = [];
// Garbage collections, matched afterwards to the timed cold renders they overlap: a large frame's
// p50 can be decided by where the collections of a round fall among its rows.
const gcs: PerformanceEntry[] = [];
const gcObserver = new PerformanceObserver((l) => gcs.push(...l.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });
function gcInside(spans: Array<[number, number]>): { renders: number; ms: number } {
  let renders = 0;
  let ms = 0;
  for (const [a, b] of spans) {
    const hit = gcs.filter((g) => g.startTime < b && g.startTime + g.duration > a);
    if (hit.length) renders++;
    for (const g of hit) ms += Math.min(b, g.startTime + g.duration) - Math.max(a, g.startTime);
  }
  return { renders, ms };
}
const ingestMs: number[] = [];
// BENCH_COLD_SIZES=none runs the end-to-end part alone.
const SIZES = process.env.BENCH_COLD_SIZES === 'none' ? [] : (process.env.BENCH_COLD_SIZES ?? '300x250,1920x1080').split(',');
for (const size of SIZES) {
  for (const lang of ['ar', 'en'] as const) {
    const { draft, logo, logoBytes, photo } = await demoDraft(size, lang);
    const side = photoSideFor(parseSize(size)!);
    const cold: Record<string, number[]> = {};
    const render: Record<string, number[]> = {};
    const bytes: Record<string, number[]> = {};
    const spans: Record<string, Array<[number, number]>> = {};
    const faults: Record<string, number[]> = {};
    // Every photo of this block stocked first (new links, through ingest for the derivative rows),
    // so that no timed render follows its own ingest: all rows are timed from the same history.
    const stocked: Array<Record<string, Array<(typeof draft.products)[number] & { image: string }>>> = [];
    for (let i = 0; i < N; i++) {
      const round: Record<string, Array<(typeof draft.products)[number] & { image: string }>> = {};
      for (const [name, { derivatives, afterTakumi }] of Object.entries(engines)) {
        round[name] = [];
        // An after-takumi row also stocks the photos of its untimed context render (under `<name> context`).
        if (afterTakumi) round[`${name} context`] = [];
        for (const p of [...draft.products, ...(afterTakumi ? draft.products : [])]) {
          const link = `https://shop.vitrine.example/img/cold-${++links}.png`;
          const bytes = await freshPhoto(photo);
          await putAsset(link, bytes);
          if (derivatives) {
            const t = performance.now();
            const r = await ingest(link, { contentType: 'image/png', bytes });
            ingestMs.push(performance.now() - t);
            if (!r.ok) throw new Error(`bench: ingest refused a fresh photo: ${r.reason}`);
          }
          (round[name].length < draft.products.length ? round[name] : round[`${name} context`]!).push({ ...p, image: link, title: freshText(lang) });
        }
      }
      stocked.push(round);
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    // Engines interleaved, each render on its own new photo and text.
    for (let i = 0; i < N; i++) {
      for (const [name, row] of Object.entries(engines)) {
        const { engine, afterSatori, afterTakumi } = row;
        const products = stocked[i]![name]!;
        const d: CreativeDeps = { ...deps, engine, images: imagesFor(row) };
        const fresh = { ...draft, headline: freshText(lang), products };
        // The satori context draws satori's row's creative again (untimed; its photo is then not new to satori, as before).
        if (afterSatori) await renderDraft({ ...deps, engine: satoriEngine, images: imagesFor(row, false) }, { ...draft, headline: freshText(lang), products: stocked[i]!['satori+sharp']! }, 'png');
        if (afterTakumi) await renderDraft(d, { ...draft, headline: freshText(lang), products: stocked[i]![`${name} context`]! }, 'png');
        const f0 = process.resourceUsage().minorPageFault;
        let t = performance.now();
        const out = await renderDraft(d, fresh, 'png');
        const t1 = performance.now();
        (faults[name] ??= []).push(process.resourceUsage().minorPageFault - f0);
        (cold[name] ??= []).push(t1 - t);
        (spans[name] ??= []).push([t, t1]);
        (bytes[name] ??= []).push(out.bytes.length);
        if (out.cached) throw new Error('bench: expected an uncached render');
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
    // Entries reach the observer after the fact: let them arrive before matching.
    await new Promise((r) => setTimeout(r, 50));
    for (const engine of Object.keys(engines)) rows.push({ size, lang, engine, cold: summarize(cold[engine]!), render: summarize(render[engine]!), bytes: summarize(bytes[engine]!).p50, gc: gcInside(spans[engine]!), faults: summarize(faults[engine]!).p50 });
  }
}
gcObserver.disconnect();
await v.close();

// End to end over HTTP against a server child (bench/cold-server.ts): a distinct URL per request
// (no replay), render cache off, photo cache off, and before each request (outside the timing) its
// products get never-seen photos through the server's own ingest. The server's CPU per request is
// read around each timed request (it includes reading the counter once: microseconds). Chromium draws the same decisions' HTML units in a
// phase of its own afterwards (fetched outside its timing), so neither side disturbs the other.
const PORT = Number(process.env.BENCH_E2E_PORT ?? 18797);
const base = `http://127.0.0.1:${PORT}`;
const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', new URL('./cold-server.ts', import.meta.url).pathname, String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
  child.on('exit', (code) => reject(new Error(`bench server exited ${code}`)));
});
const query = (i: number, f: string) => `campaign=c-winter-style&size=300x250&region=${i % 2 ? 'SA-01' : 'AE-DU'}&seed=${1000 + i}&at=2026-11-30T16:00:00Z&format=${f}`;
/** The server's CPU time (process.cpuUsage in the child: every thread, µs resolution; /proc counts in 10 ms ticks), and its main thread's (schedstat, ns). */
const serverCpuMs = async () => (await (await fetch(`${base}/__bench/cpu`)).json()) as { ms: number; mainMs: number | null };
const http: number[] = [];
const serverCpu: number[] = [];
const serverMain: number[] = [];
const serverIngest: number[] = [];
const bare: number[] = [];
let httpBytes = 0;
let fallbacks = 0;
const load = [os.loadavg()[0]!];
for (let i = 0; i < HTTP_N; i++) {
  const stocked = (await (await fetch(`${base}/__bench/stock?${query(i, 'png')}`, { method: 'POST' })).json()) as { ingestMs: number[] };
  serverIngest.push(...stocked.ingestMs);
  // Ingest runs long before an ad request in a server: let the machine settle as it would have.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const c0 = await serverCpuMs();
  const t = performance.now();
  const res = await fetch(`${base}/v1/creative?${query(i, 'png')}`);
  const body = await res.arrayBuffer();
  http.push(performance.now() - t);
  const c1 = await serverCpuMs();
  serverCpu.push(c1.ms - c0.ms);
  if (c0.mainMs !== null && c1.mainMs !== null) serverMain.push(c1.mainMs - c0.mainMs);
  httpBytes = body.byteLength;
  if (res.headers.get('x-vitrine-cache') !== 'miss') throw new Error(`expected an uncached render, got ${res.headers.get('x-vitrine-cache')}`);
  if (res.headers.get('x-vitrine-fallback')) fallbacks++;
  // The same answer (bytes, header names and values) from a route outside the app, timed the same way right after.
  const kept = Object.fromEntries([...res.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(k)));
  await fetch(`${base}/__bench/bare?headers=${encodeURIComponent(JSON.stringify(kept))}`, { method: 'POST', body });
  const tb = performance.now();
  await (await fetch(`${base}/__bench/bare`)).arrayBuffer();
  bare.push(performance.now() - tb);
}
load.push(os.loadavg()[0]!);
// Where the timed requests' time went in the server (before the HTML units are fetched: those are not timed).
const server = (await (await fetch(`${base}/__bench/stats`)).json()) as { appMs: number[]; gc: { timedCount: number; timedMs: number; otherCount: number; otherMs: number } };
// The same decisions' HTML units (each with never-seen photos stocked first), fetched before Chromium's phase.
const units: string[] = [];
for (let i = 0; i < HTTP_N; i++) {
  await fetch(`${base}/__bench/stock?${query(i, 'html')}`, { method: 'POST' });
  units.push((await (await fetch(`${base}/v1/creative?${query(i, 'html')}`)).text()).replace(/<img src="http[^>]*>/g, ''));
}
await new Promise<void>((resolve) => {
  child.removeAllListeners('exit');
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 300, height: 250 } });
const shots: number[] = [];
for (const html of units) {
  const t = performance.now();
  await page.setContent(html);
  await page.screenshot({ type: 'png' });
  shots.push(performance.now() - t);
}
await browser.close();
load.push(os.loadavg()[0]!);
process.stdout.write(JSON.stringify({ n: N, rows, ingest: summarize(ingestMs), e2e: { vitrine: summarize(http), bare: summarize(bare), chromium: summarize(shots), pngBytes: httpBytes, fallbacks, serverCpu: summarize(serverCpu), ...(serverMain.length ? { serverMainCpu: summarize(serverMain) } : {}), serverApp: summarize(server.appMs), serverGc: server.gc, serverIngest: summarize(serverIngest), load } }) + '\n');
process.exit(0);
