// Part: where a cold 1920x1080 PNG goes (issue 12's 1920x1080 target), and the large-frame PNG
// encoder next to takumi's own. Everything interleaved in one process (each round runs every case
// once, so load changes hit all alike), CPU time (process.cpuUsage: the main thread, the libuv pool
// and takumi's threads; far steadier than wall time on a shared machine) and wall time, medians.
// Every timed render is cold: a never-seen product photo (the stored 400 px demo photo re-tinted,
// prepared outside the timing) under a never-seen name, and a new title; takumi has never decoded
// or shaped either.
//  (a) the demo creative (c-winter-style, hero, AR in SA-01 and EN in US-CA) with parts of its tree
//      taken out one at a time: what the photo (decode, upscale 400 → 883 px, rounded corners), the
//      text, the logo and the top rule cost, and raw pixels vs PNG;
//  (b) each large template × size through the engine port: takumi encoding its own PNG (the path
//      before) vs raw pixels + Vitrine's encoder (runtime/node/png.ts), with PNG sizes.
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import sharp from 'sharp';
import type { Lang, TemplateId } from '../src/domain/types.ts';
import { renderImage } from '../src/render/image.ts';
import { takumiTree } from '../src/render/takumi-tree.ts';
import { templateTree } from '../src/render/tree.ts';
import type { Slots } from '../src/render/types.ts';
import { buildNodeApp } from '../src/runtime/node/build.ts';
import { families, takumiNative, takumiRenderer } from '../src/runtime/node/engine.ts';
import { encodePng } from '../src/runtime/node/png.ts';
import { decideRequest } from '../src/services/decide-request.ts';
import { draftFor } from '../src/services/creative.ts';
import { sampleSlots } from '../test/helpers/render.ts';
import { summarize, type Summary } from './stats.ts';

const N = Number(process.env.BENCH_HD ?? 30);
const now = Date.parse('2026-11-30T16:00:00Z');
const v = await buildNodeApp({ db: ':memory:', demo: true, clock: () => now, seed: 1, config: { adminKey: 'bench', secret: 'bench-secret-0123456789' }, renderCacheBytes: 0 });
const deps = v.serve;
const renderer = await takumiRenderer(deps.fonts);
const fontFamilies = families(deps.fonts);

let serial = 0;
async function freshPhoto(base: Uint8Array): Promise<Uint8Array> {
  const n = ++serial;
  return new Uint8Array(await sharp(base).modulate({ hue: (n * 37) % 360, brightness: 0.9 + (n % 7) / 50 }).png().toBuffer());
}
const WORDS = ['Alpen', 'Nord', 'Dune', 'Stride', 'Halo', 'Luma', 'Orbit', 'Cedar', 'Vela', 'Mira'];
const AR = ['أناقة', 'مسائية', 'دافئة', 'جديدة', 'فاخرة', 'خفيفة', 'ناعمة', 'مريحة', 'أنيقة', 'راقية'];
function freshText(lang: Lang): string {
  const n = ++serial;
  return lang === 'ar' ? `${AR[n % 10]} ${AR[(n * 7) % 10]} ${n}` : `${WORDS[n % 10]} ${WORDS[(n * 3) % 10]} ${n}`;
}

/** Minor page faults of the whole process so far (every thread: takumi's, the pool's, the main one). */
const faults = () => process.resourceUsage().minorPageFault;

/** CPU and wall ms of one call, and the page faults taken meanwhile (first touches of new memory). */
async function timed<T>(fn: () => Promise<T>): Promise<{ cpu: number; wall: number; faults: number; out: T }> {
  const f = faults();
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  return { cpu: (d.user + d.system) / 1000, wall, faults: faults() - f, out };
}

type Row = { name: string; cpu: Summary; wall: Summary; bytes: number; faults?: Summary };
const gc = (globalThis as { gc?: () => void }).gc;
/**
 * Every case once per round, `prepare` (untimed) before each round; 2 warm-up rounds untimed, then N.
 * `collect`: a full GC (untimed; needs --expose-gc, as `npm run bench` runs parts) before each case, so
 * one case does not pay for the 8 MB pixel buffers the one before left (the accounting rows); without
 * it, each path pays its own garbage as a server would (the encoder rows).
 */
async function interleave(cases: Record<string, () => Promise<Uint8Array>>, prepare: () => Promise<void> = async () => {}, collect = false): Promise<Row[]> {
  const s: Record<string, { cpu: number[]; wall: number[]; bytes: number[]; faults: number[] }> = {};
  for (let i = -2; i < N; i++) {
    await prepare();
    for (const [name, fn] of Object.entries(cases)) {
      if (collect) gc?.();
      const r = await timed(fn);
      if (i < 0) continue;
      const x = (s[name] ??= { cpu: [], wall: [], bytes: [], faults: [] });
      x.cpu.push(r.cpu);
      x.wall.push(r.wall);
      x.bytes.push(r.out.length);
      x.faults.push(r.faults);
    }
  }
  return Object.entries(s).map(([name, x]) => ({ name, cpu: summarize(x.cpu), wall: summarize(x.wall), bytes: summarize(x.bytes).p50, faults: summarize(x.faults) }));
}

// ---- (a) the demo creative's tree, part by part --------------------------------------------------
type TNode = { type: string; src?: unknown; text?: string; style?: Record<string, unknown>; children?: TNode[] };
const walk = (n: TNode, f: (n: TNode) => void) => {
  f(n);
  for (const c of n.children ?? []) walk(c, f);
};
const PHOTO = 'vitrine-picture:0';
const LOGO = 'vitrine-picture:logo';

async function demoTree(lang: Lang) {
  const rd = await decideRequest(deps, { campaign: 'c-winter-style', size: '1920x1080', region: lang === 'ar' ? 'SA-01' : 'US-CA', lang, seed: '7', format: 'png' });
  const draft = draftFor(rd);
  const slots = { ...draft, brand: { ...draft.brand, logo: LOGO }, products: draft.products.map((p) => ({ ...p, image: PHOTO })) } as Slots;
  const stored = (await v.store.getAsset(draft.products[0]!.image!))!.bytes;
  const logo = (await deps.images.loadForEngine(draft.brand.logo!))!;
  const pictures = new Map([[PHOTO, stored], [LOGO, logo]]);
  const { tree, images } = takumiTree(templateTree(slots, { templates: deps.templates, measure: deps.fonts.measure }), pictures);
  const photoName = images.find((i) => i.data === stored)!.src;
  const logoName = images.find((i) => i.data === logo)!.src;
  return { slots, stored, logo, logoName, photoName, tree: tree as TNode };
}

type Cut = (t: TNode, names: { photo: string; logo: string }) => void;
const onImage = (src: string, f: (n: TNode) => void) => (t: TNode) => walk(t, (n) => n.type === 'image' && n.src === src && f(n));
/** Replaces an image by an empty box of its size (the layout stays). */
const blank = (n: TNode) => {
  const style = n.style ?? {};
  Object.assign(n, { type: 'container', src: undefined, style: { display: 'flex', width: style.width, height: style.height }, children: [] });
};
const noText = (t: TNode) => walk(t, (n) => n.children && (n.children = n.children.filter((c) => c.type !== 'text')));
/** The small-frame writer as it was before large frames came to it: RGBA, level 1, one deflate, a new row buffer per frame. */
async function previousWriter(rgba: Uint8Array, w: number, h: number): Promise<Uint8Array> {
  const rows = Buffer.allocUnsafe((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    rows[y * (w * 4 + 1)] = 0;
    rows.set(rgba.subarray(y * w * 4, (y + 1) * w * 4), y * (w * 4 + 1) + 1);
  }
  return new Promise((resolve, reject) => zlib.deflate(rows, { level: 1 }, (e, z) => (e ? reject(e) : resolve(z))));
}
const CUTS: Array<{ name: string; format: 'png' | 'raw'; cut?: Cut; scaled?: boolean; encode?: (raw: Uint8Array) => Promise<Uint8Array> }> = [
  { name: 'whole creative, PNG by takumi (the path before)', format: 'png' },
  { name: 'whole creative, PNG by Vitrine (raw + runtime/node/png.ts)', format: 'raw', encode: (r) => encodePng(r, 1920, 1080) },
  { name: 'the same, photo scaled to its drawn 883 px beforehand (as derivatives at ingest would hand it)', format: 'raw', scaled: true, encode: (r) => encodePng(r, 1920, 1080) },
  { name: 'PNG by Vitrine, deflated in one part (no parallel deflate)', format: 'raw', encode: (r) => encodePng(r, 1920, 1080, 1) },
  { name: 'raw + the previous writer (RGBA, level 1, one deflate, new buffers; zlib stream only)', format: 'raw', encode: (r) => previousWriter(r, 1920, 1080) },
  { name: 'whole creative, raw pixels (no PNG)', format: 'raw' },
  { name: 'background only (empty canvas), raw', format: 'raw', cut: (t) => void (t.children = []) },
  { name: 'without the photo, raw', format: 'raw', cut: (t, k) => onImage(k.photo, blank)(t) },
  { name: 'photo without rounded corners, raw', format: 'raw', cut: (t, k) => onImage(k.photo, (n) => delete n.style!.borderRadius)(t) },
  { name: 'photo scaled to 883 px beforehand (sharp, outside the timing), raw', format: 'raw', scaled: true },
  { name: 'photo scaled beforehand, without rounded corners, raw', format: 'raw', scaled: true, cut: (t, k) => onImage(k.photo, (n) => delete n.style!.borderRadius)(t) },
  { name: 'without the logo, raw', format: 'raw', cut: (t, k) => onImage(k.logo, blank)(t) },
  { name: 'without any text, raw', format: 'raw', cut: noText },
  { name: 'without the top rule (border), raw', format: 'raw', cut: (t) => void delete t.style!.borderTop },
  { name: 'without photo, logo and text, raw', format: 'raw', cut: (t, k) => (onImage(k.photo, blank)(t), onImage(k.logo, blank)(t), noText(t)) },
];

async function account(lang: Lang): Promise<Row[]> {
  const d = await demoTree(lang);
  let side = 0;
  walk(d.tree, (n) => n.type === 'image' && n.src === d.photoName && (side = Number(n.style?.width)));
  // Each round's inputs, made before its timing: a fresh photo (scaled where the case says) and title.
  const inputs = new Map<string, { tree: TNode; images: Array<{ src: string; data: Uint8Array; cache: 'auto' }> }>();
  const prepare = async () => {
    for (const c of CUTS) {
      const tree = structuredClone(d.tree);
      let titled = false;
      walk(tree, (n) => n.type === 'text' && !titled && ((n.text = freshText(lang)), (titled = true)));
      const photo = await freshPhoto(d.stored);
      const data = c.scaled ? new Uint8Array(await sharp(photo).resize(side, side).png().toBuffer()) : photo;
      const name = `bench-photo:${++serial}`;
      walk(tree, (n) => n.type === 'image' && n.src === d.photoName && (n.src = name));
      c.cut?.(tree, { photo: name, logo: d.logoName });
      inputs.set(c.name, { tree, images: [{ src: d.logoName, data: d.logo, cache: 'auto' }, { src: name, data, cache: 'auto' }] });
    }
  };
  const cases: Record<string, () => Promise<Uint8Array>> = {};
  for (const c of CUTS) {
    cases[c.name] = async () => {
      const { tree, images } = inputs.get(c.name)!;
      const out = await renderer.render(tree as never, { width: 1920, height: 1080, format: c.format, fontFamilies, images });
      return c.encode ? c.encode(out) : out;
    };
  }
  return interleave(cases, prepare, true);
}

// ---- (b) large templates × sizes through the engine port ------------------------------------------
const vitrinePng = await takumiNative(deps.fonts);
const takumiPng = await takumiNative(deps.fonts, { ownPng: true });
const LARGE: Array<[TemplateId, string]> = [['hero', '1920x1080'], ['overlay', '1920x1080'], ['pause', '1920x1080'], ['lshape', '1920x1080'], ['inscene', '1920x1080'], ['pause', '1080x1080'], ['pause', '1280x720'], ['inscene', '1400x400']];

async function encoders(template: TemplateId, sizeKey: string, lang: Lang, stored: Uint8Array): Promise<Row[]> {
  const [w, h] = sizeKey.split('x').map(Number) as [number, number];
  const size = { w, h };
  let slots: Slots = sampleSlots(template, size, lang, PHOTO, template === 'overlay' ? { qr: 'https://vitrine.example/q/bench-hd' } : {});
  let pictures = new Map<string, Uint8Array>();
  const prepare = async () => {
    slots = { ...slots, products: slots.products.map((p) => ({ ...p, title: freshText(lang) })) };
    pictures = new Map([[PHOTO, await freshPhoto(stored)]]);
  };
  const render = (engine: typeof vitrinePng) => async () => {
    // Each engine gets its own never-seen copy of this round's photo (a new buffer is a new name).
    const out = await renderImage(slots, 'png', { fonts: deps.fonts, templates: deps.templates, engine, pictures: new Map([[PHOTO, pictures.get(PHOTO)!.slice()]]) });
    return out.bytes;
  };
  return interleave({ "takumi's PNG encoder (before)": render(takumiPng), 'raw + Vitrine encoder (now)': render(vitrinePng) }, prepare);
}

// ---- (c) what new memory costs on this machine ----------------------------------------------------
// takumi draws every frame into a canvas it allocates (8.3 MB at 1920x1080) and hands to JS as the
// raw frame; the allocator gives it pages the process has not touched yet, so the first write of
// each 4 KB page is a page fault (the kernel maps and zeroes it). Same run, interleaved: the same
// 8.3 MB written once into memory never touched before vs into a buffer written before.
async function memoryProbe(): Promise<Row[]> {
  const bytes = 1920 * 1080 * 4;
  const reused = new Uint8Array(bytes).fill(1);
  const held: Uint8Array[] = [];
  return interleave({
    'an 8.3 MB frame written into new memory (first touch of every page)': async () => {
      const b = new Uint8Array(bytes);
      b.fill(7);
      // Held for a while, as frames are until a GC collects them, so the allocator cannot hand the same pages back.
      held.push(b);
      if (held.length > 4) held.shift();
      return b;
    },
    'the same 8.3 MB written into memory written before': async () => reused.fill(7),
  });
}

// BENCH_HD_ONLY=<template>:<size>: part (b) for that layout only, part (a) skipped (a quick A/B).
const only = process.env.BENCH_HD_ONLY;
const accounting = only ? { ar: [], en: [] } : { ar: await account('ar'), en: await account('en') };
const stored = (await demoTree('en')).stored;
const sizes = [];
for (const [template, size] of LARGE.filter(([t, s]) => !only || only === `${t}:${s}`)) for (const lang of ['ar', 'en'] as const) sizes.push({ template, size, lang, rows: await encoders(template, size, lang, stored) });
const memory = await memoryProbe();
await v.close();
process.stdout.write(`${JSON.stringify({ n: N, collected: Boolean(gc), load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "), accounting, sizes, memory })}\n`);
process.exit(0);
