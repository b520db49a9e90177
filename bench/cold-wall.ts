// The whole wall time of one cold 300x250 renderDraft (issue 12), accounted for: total wall and
// CPU (all threads), the photo's derivative read, the engine call split into takumi's render (on a
// libuv pool thread: the main thread waits) and the PNG encode (main thread), the rest (layout and
// fit, render key, cache look-up, awaits), and garbage collections that overlap the render.
// Three contexts (the third, "after 5 ms idle", below): "after satori + sharp" (what bench/engines.ts times: the takumi row runs right
// after a satori + sharp render) and "back to back" (right after another takumi render). Two engine
// paths, interleaved in random order within each round: as it is ("now"), and as on main ("main":
// the tree through takumi's JS wrapper, small frames written RGBA into new buffers). Every timed
// render draws a never-seen photo (through the app's ingest, outside the timing) and new text.
import os from 'node:os';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { PngEncoder } from '../src/render/engines/takumi.ts';
import type { RenderEngine } from '../src/render/types.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { nodeEngine, takumiNative } from '../src/runtime/node/engine.ts';
import { encodePng } from '../src/runtime/node/png.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor, renderDraft, type CreativeDeps } from '../src/services/creative.ts';
import { coldImages, freshCreative, isPhoto, stockFresh } from './cold-photos.ts';
import { summarize } from './stats.ts';

const N = Number(process.env.BENCH_COLD_RENDERS ?? 40);
/** BENCH_WALL_SIZE=1920x1080 accounts for a large frame the same way. */
const SIZE = process.env.BENCH_WALL_SIZE ?? '300x250';
const now = Date.parse('2026-11-30T16:00:00Z');
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
const deps = v.serve;
const gcs: PerformanceEntry[] = [];
new PerformanceObserver((l) => gcs.push(...l.getEntries())).observe({ entryTypes: ['gc'] });

type Timing = { png: number; raster: number; photo: number };
let current: Timing = { png: 0, raster: 0, photo: 0 };
const timedPng = (enc: PngEncoder): PngEncoder => async (raw, w, h) => {
  const t = performance.now();
  const out = await enc(raw, w, h);
  current.png += performance.now() - t;
  return out;
};
const timedRaster = (e: RenderEngine): RenderEngine => ({
  ...e,
  raster: async (...a) => {
    const t = performance.now();
    const out = await e.raster(...a);
    current.raster += performance.now() - t;
    return out;
  },
});
const paths: Record<string, RenderEngine> = {
  now: timedRaster(await takumiNative(deps.fonts, { png: timedPng(encodePng) })),
  main: timedRaster(await takumiNative(deps.fonts, { viaWrapper: true, png: timedPng((r, w, h) => encodePng(r, w, h, undefined, { smallRgb: false })) })),
};
const satori = await nodeEngine('satori', deps.fonts);
// One image resolver per path, kept across renders as a server keeps its own: product photos are
// never cached (coldImages), the kit's logo is (before session 14 a resolver was made per render,
// so every render read, checked and decoded the logo again: bench/engines.ts keeps that as a row).
const satoriImages = coldImages(v.store, deps.log);
const timedImages = Object.fromEntries(
  Object.keys(paths).map((p) => {
    const images = coldImages(v.store, deps.log, deps.photoIngest);
    const load = images.loadForEngine.bind(images);
    images.loadForEngine = async (link, side) => {
      const t = performance.now();
      const out = await load(link, side);
      if (isPhoto(link)) current.photo += performance.now() - t;
      return out;
    };
    return [p, images];
  }),
);
// "after 5 ms idle": nothing of ours runs before the render, the process just waits 5 ms (other
// processes on the machine may run): tells satori's own effect from any gap between renders.
const contexts = ['after satori + sharp', 'back to back', 'after 5 ms idle'] as const;
let links = 0;
// A seeded shuffle: which path goes first in a round does not favour either.
let seed = 12;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);

type Row = { wall: number[]; cpu: number[]; photo: number[]; raster: number[]; png: number[]; rest: number[]; bytes: number[]; faults: number[]; switches: number[]; windows: Array<[number, number]> };
process.stdout.write(`\nPart 2: one cold ${SIZE} renderDraft, whole wall accounted for (n=${N} per row, p50 ms; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
for (const lang of ['ar', 'en'] as const) {
  const rd = await decideRequest(deps, { campaign: 'c-winter-style', size: SIZE, region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' });
  const draft = draftFor(rd);
  const base = (await v.store.getAsset(draft.products[0]!.image!))!.bytes;
  const fresh = () => stockFresh(deps, base, `https://shop.vitrine.example/img/wall-${++links}.png`);
  const creative = (link: string) => freshCreative(draft, lang, link);
  const rows: Record<string, Row> = {};
  for (let i = 0; i < N; i++) {
    // Every photo of this round stocked first (ingest is long done when an ad request comes).
    const round = await Promise.all(contexts.flatMap((c) => Object.keys(paths).map(async (p) => [`${c}|${p}`, await fresh()] as const)));
    const prep = await fresh();
    await new Promise((r) => setTimeout(r, 30));
    for (const ctx of contexts) {
      const order = Object.keys(paths).sort(() => rand() - 0.5);
      for (const path of order) {
        const d: CreativeDeps = { ...deps, engine: paths[path]!, images: timedImages[path]! };
        // The context, untimed: a satori + sharp render of another creative, or a takumi one.
        if (ctx === 'after satori + sharp') await renderDraft({ ...deps, engine: satori, images: satoriImages }, creative(prep), 'png');
        else if (ctx === 'back to back') await renderDraft(d, creative(prep), 'png');
        else await new Promise((r) => setTimeout(r, 5));
        current = { png: 0, raster: 0, photo: 0 };
        const link = round.find(([k]) => k === `${ctx}|${path}`)![1];
        const c = creative(link);
        const r0 = process.resourceUsage();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const out = await renderDraft(d, c, 'png');
        const wall = performance.now() - t0;
        const cu = process.cpuUsage(c0);
        const r1 = process.resourceUsage();
        if (out.cached) throw new Error('bench: expected an uncached render');
        const r = (rows[`${ctx}|${path}`] ??= { wall: [], cpu: [], photo: [], raster: [], png: [], rest: [], bytes: [], faults: [], switches: [], windows: [] });
        r.wall.push(wall);
        r.cpu.push((cu.user + cu.system) / 1000);
        r.photo.push(current.photo);
        r.raster.push(current.raster - current.png);
        r.png.push(current.png);
        r.rest.push(wall - current.photo - current.raster);
        r.bytes.push(out.bytes.length);
        // Page faults and context switches (voluntary + involuntary) of the process during the render.
        r.faults.push(r1.minorPageFault - r0.minorPageFault + r1.majorPageFault - r0.majorPageFault);
        r.switches.push(r1.voluntaryContextSwitches - r0.voluntaryContextSwitches + r1.involuntaryContextSwitches - r0.involuntaryContextSwitches);
        // GC entries arrive after the fact: matched to the render's window below.
        r.windows.push([t0, t0 + wall]);
      }
    }
  }
  await new Promise((r) => setTimeout(r, 50));
  process.stdout.write(`\n${lang}: context | path: wall / CPU (all threads) | photo read | takumi render (pool; main waits) | PNG encode | rest (layout, key, awaits) | renders with a GC in them | PNG bytes | page faults, context switches (p50)\n`);
  for (const [k, r] of Object.entries(rows)) {
    const windows = r.windows;
    const withGc = windows.filter(([a, b]) => gcs.some((g) => g.startTime < b && g.startTime + g.duration > a)).length;
    const p = (a: number[]) => summarize(a).p50.toFixed(2);
    process.stdout.write(`  ${k.replace('|', ' | ').padEnd(30)} ${p(r.wall)} / ${p(r.cpu)} | ${p(r.photo)} | ${p(r.raster)} | ${p(r.png)} | ${p(r.rest)} | ${withGc}/${windows.length} | ${summarize(r.bytes).p50} | ${summarize(r.faults).p50}, ${summarize(r.switches).p50}\n`);
  }
}
process.stdout.write(`load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
await v.close();
