// Where the wall time of one cold 300x250 takumi render goes (issue 12). Part 1: each step of the
// serving path (renderDraft) timed on its own, render after render, each on a never-seen photo and
// text, in the order renderDraft runs them; CPU (process.cpuUsage: every thread) next to wall.
// Part 2 (bench/cold-wall.ts): the whole wall time of one cold renderDraft accounted for, in the
// context bench/engines.ts times it in and back to back, for the engine as it is and as on main.
import sharp from 'sharp';
import { Renderer } from '@takumi-rs/core';
import { parseSize } from '../src/domain/sizes.ts';
import { templateTree } from '../src/render/tree.ts';
import { takumiTree, PictureNames } from '../src/render/takumi-tree.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { families } from '../src/runtime/node/engine.ts';
import { encodePng } from '../src/runtime/node/png.ts';
import { nodeZlibLength } from '../src/runtime/node/rasterizer.ts';
import { integrityProblem } from '../src/render/image-integrity.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor, renderDraft, renderKey } from '../src/services/creative.ts';
import { coldImages, freshPhoto as stockPhoto, isPhoto } from './cold-photos.ts';
import { headerProblem } from '../src/services/images.ts';
import type { Slots } from '../src/render/types.ts';
import { summarize } from './stats.ts';

const N = Number(process.env.BENCH_COLD_RENDERS ?? 60);
const SETTLE_MS = Number(process.env.BENCH_COLD_SETTLE_MS ?? 30);
const now = Date.parse('2026-11-30T16:00:00Z');
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
const deps = v.serve;
const renderer = new Renderer();
for (const f of deps.fonts.faces) await renderer.registerFont({ name: f.name, data: f.data, weight: f.weight, style: f.style, ...(f.unicodeRange ? { unicodeRange: f.unicodeRange } : {}), ...(f.name === 'Noto Emoji' ? { generic: 'emoji' as const } : {}) });
const fam = families(deps.fonts);
const names = new PictureNames();
let serial = 0;
const WORDS = ['Alpen', 'Nord', 'Dune', 'Stride', 'Halo', 'Luma', 'Orbit', 'Cedar', 'Vela', 'Mira'];
const AR = ['أناقة', 'مسائية', 'دافئة', 'جديدة', 'فاخرة', 'خفيفة', 'ناعمة', 'مريحة'];
const text = (lang: string) => { const n = ++serial; return lang === 'ar' ? `${AR[n % AR.length]} ${AR[(n * 7) % AR.length]} ${n}` : `${WORDS[n % WORDS.length]} ${WORDS[(n * 3) % WORDS.length]} ${n}`; };
async function freshPhoto(base: Uint8Array, side?: number) {
  const n = ++serial;
  let img = sharp(base).modulate({ hue: (n * 37) % 360, brightness: 0.9 + (n % 7) / 50 });
  if (side) img = img.resize(side, side, { fit: 'inside' });
  const b = await img.png().toBuffer();
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
type Step = Record<string, { wall: number[]; cpu: number[] }>;
const steps: Step = {};
async function time<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const w = performance.now() - t;
  const cu = process.cpuUsage(c);
  const s = (steps[name] ??= { wall: [], cpu: [] });
  s.wall.push(w);
  s.cpu.push((cu.user + cu.system) / 1000);
  return out;
}
// One image resolver per path, kept across renders as a server keeps its own: product photos are
// never cached (coldImages), the kit's logo is (a resolver per render read, checked and decoded it
// again every render, as this bench did before session 14).
const kept = Object.fromEntries(
  (['derivative', 'original'] as const).map((tag) => {
    const images = coldImages(v.store, deps.log, tag === 'derivative' ? deps.photoIngest : undefined);
    const load = images.loadForEngine.bind(images);
    images.loadForEngine = (link, side) => (isPhoto(link) ? time(`  in renderDraft (${tag}): loadForEngine photo`, () => load(link, side)) : load(link, side));
    return [tag, images];
  }),
) as Record<'derivative' | 'original', ReturnType<typeof coldImages>>;
for (const lang of ['ar', 'en'] as const) {
  for (const k of Object.keys(steps)) delete steps[k];
  const rd = await decideRequest(deps, { campaign: 'c-winter-style', size: '300x250', region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' });
  const draft0 = draftFor(rd);
  const link = draft0.products[0]!.image!;
  const base = (await v.store.getAsset(link))!.bytes;
  const logo = (await deps.images.loadForEngine(draft0.brand.logo!))!;
  const size = parseSize('300x250')!;
  for (let i = 0; i < N; i++) {
    const photo = await freshPhoto(base);
    const small = await freshPhoto(base, 135);
    const draft = { ...draft0, headline: text(lang), products: draft0.products.map((p) => ({ ...p, title: text(lang) })) };
    // The whole serving path, with and without derivatives, each on a never-seen photo under a new link.
    for (const withDerivative of (process.env.BREAKDOWN_ORDER === "nd" ? [false, true] : [true, false])) {
      const l = `https://shop.vitrine.example/img/breakdown-${++serial}.png`;
      const b = await stockPhoto(base);
      await deps.authoring!.putAsset(l, 'image/png', b);
      if (withDerivative) await time('photo ingest (outside renders)', () => deps.photoIngest!(l, { contentType: 'image/png', bytes: b }));
      // Ingest runs long before an ad request in a server: let the machine settle as it would have.
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const tag = withDerivative ? 'derivative' : 'original';
      const images = kept[tag];
      const engine = { ...deps.engine, raster: (...a: Parameters<typeof deps.engine.raster>) => time(`  in renderDraft (${tag}): engine.raster`, () => deps.engine.raster(...a)) };
      const d = { ...deps, engine, images };
      const dr = { ...draft, headline: text(lang), products: draft.products.map((p) => ({ ...p, image: l, title: text(lang) })) };
      await time(`renderDraft, ${withDerivative ? 'derivative' : 'stored original scaled by takumi'}`, () => renderDraft(d, dr, 'png'));
      if (withDerivative) await time('store.photoDerivative (SQLite join read)', () => v.store.photoDerivative(l, 135));
    }
    await time('renderKey (JSON + sha256)', () => renderKey(deps, draft, 'png'));
    await time('store.getAsset (SQLite read)', () => v.store.getAsset(link));
    await time('header + integrity check (400 px PNG)', async () => headerProblem(photo) ?? (await integrityProblem(photo, nodeZlibLength)));
    await time('header + integrity check (135 px PNG)', async () => headerProblem(small) ?? (await integrityProblem(small, nodeZlibLength)));
    await time('kitFonts.load', () => deps.kitFonts?.load(draft.brand));
    const slots = { ...draft, products: draft.products.map((p, j) => ({ ...p, image: `vitrine-picture:${j}` })), brand: { ...draft.brand, logo: 'vitrine-picture:logo' } } as Slots;
    const tree = await time('templateTree (layout + fit)', () => templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure }));
    const pics = (p: Uint8Array) => new Map([['vitrine-picture:0', p], ['vitrine-picture:logo', logo]]);
    const tt = await time('takumiTree', () => takumiTree(tree, pics(photo), names));
    const opts = (images: typeof tt.images) => ({ width: 300, height: 250, format: 'raw' as const, fontFamilies: fam, images });
    const raw = await time('takumi render raw (400 px photo)', () => renderer.render(tt.tree as never, opts(tt.images)));
    const t2 = takumiTree(tree, pics(small), names);
    await time('takumi render raw (135 px photo)', () => renderer.render(t2.tree as never, opts(t2.images)));
    const t3 = takumiTree(tree, new Map([['vitrine-picture:logo', logo]]), names);
    await time('takumi render raw (no photo)', () => renderer.render(t3.tree as never, opts(t3.images)));
    await time('encodePng (node:zlib level 1)', () => encodePng(raw, size.w, size.h));
    const t4 = takumiTree(tree, pics(await freshPhoto(base)), names);
    await time("takumi render PNG (takumi's encoder, 400 px)", () => renderer.render(t4.tree as never, { ...opts(t4.images), format: 'png' }));
    await time('empty await (microtask)', async () => {});
    await time('setImmediate hop', () => new Promise((r) => setImmediate(r)));
  }
  process.stdout.write(`\n${lang} (n=${N}) step: wall p50 / cpu p50 (ms)\n`);
  for (const [k, s] of Object.entries(steps)) process.stdout.write(`  ${k.padEnd(48)} ${summarize(s.wall).p50.toFixed(3)} / ${summarize(s.cpu).p50.toFixed(3)}\n`);
}
await v.close();
if (process.env.BREAKDOWN_WALL !== '0') await import('./cold-wall.ts');
process.exit(0);
