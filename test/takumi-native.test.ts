// The Node takumi engine's fast paths draw exactly what the plain paths draw: trees handed to the
// native binding as JSON serialized by Vitrine (not by takumi's wrapper) give the same pixels, and
// a tree plain JSON would change (a lone surrogate, the word "null") still renders through the
// wrapper; small frames are written as RGB when every pixel is opaque, from reused scratch
// buffers, and decode to exactly the pixels given.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fonts, VNode } from '../src/render/types.ts';
import { renderImage } from '../src/render/image.ts';
import { takumiNative } from '../src/runtime/node/engine.ts';
import { loadNodeFonts } from '../src/runtime/node/fonts.ts';
import { encodePng } from '../src/runtime/node/png.ts';
import { photo, renderDeps, sampleSlots } from './helpers/render.ts';

const rawOf = async (png: Uint8Array) => new Uint8Array(await sharp(png).ensureAlpha().raw().toBuffer());
/** IHDR's colour type: 2 RGB, 6 RGBA. */
const colourType = (png: Uint8Array) => png[8 + 8 + 9];

/** Opaque pixels with noise in every colour byte (nothing a deflater could hide). */
function opaqueNoise(w: number, h: number, seed: number): Uint8Array {
  const out = new Uint8Array(w * h * 4);
  let s = seed;
  for (let i = 0; i < out.length; i++) out[i] = i % 4 === 3 ? 255 : (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe('takumi on Node: fast paths draw the same pixels', () => {
  let fonts: Fonts;
  beforeAll(async () => {
    fonts = await loadNodeFonts();
  });

  it.each([
    ['hero', '300x250', 'ar'],
    ['hero', '300x250', 'en'],
    ['hero', '1920x1080', 'ar'],
    ['overlay', '1920x1080', 'en'],
  ] as const)('%s %s %s: the tree as Vitrine serializes it gives takumi-wrapper pixels', async (template, size, lang) => {
    const [w, h] = size.split('x').map(Number) as [number, number];
    const slots = sampleSlots(template, { w, h }, lang, await photo(), template === 'overlay' ? { qr: 'https://vitrine.example/q/native' } : {});
    const deps = await renderDeps();
    const [direct, wrapper] = await Promise.all([takumiNative(fonts), takumiNative(fonts, { viaWrapper: true })]);
    const a = await rawOf((await renderImage(slots, 'png', { ...deps, engine: direct })).bytes);
    const b = await rawOf((await renderImage(slots, 'png', { ...deps, engine: wrapper })).bytes);
    expect(a.length).toBe(w * h * 4);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('renders text that plain JSON would change (a lone surrogate, "null") as the wrapper does', async () => {
    const [direct, wrapper] = await Promise.all([takumiNative(fonts), takumiNative(fonts, { viaWrapper: true })]);
    for (const text of ['Stride \ud800 Runner', 'null and void', 'Sale 20%']) {
      const tree: VNode = { type: 'div', props: { style: { display: 'flex', width: 200, height: 40, backgroundColor: '#ffffff', color: '#000000', fontSize: 18 }, children: text } };
      const [a, b] = await Promise.all([direct.raster(tree, { w: 200, h: 40 }, 'png'), wrapper.raster(tree, { w: 200, h: 40 }, 'png')]);
      const [ra, rb] = await Promise.all([rawOf(a), rawOf(b)]);
      expect(Buffer.from(ra).equals(Buffer.from(rb)), text).toBe(true);
      // Ink: the text is drawn, not a blank frame.
      expect(ra.some((v, i) => i % 4 !== 3 && v < 128), text).toBe(true);
    }
  });

  it('writes an opaque small frame as RGB and one with a pixel not opaque as RGBA, both exact', async () => {
    // Odd sizes (a pixel count that is not a multiple of 4), and 1 px wide (a filter byte per pixel).
    for (const [w, h] of [[300, 250], [37, 23], [1, 1000], [511, 512]] as const) {
      const rgba = opaqueNoise(w, h, w + h);
      const opaque = await encodePng(rgba, w, h);
      expect(colourType(opaque), `${w}x${h}`).toBe(2);
      expect(Buffer.from(await rawOf(opaque)).equals(Buffer.from(rgba))).toBe(true);
      for (const p of [0, (h >> 1) * w + (w >> 1), w * h - 1]) {
        const one = rgba.slice();
        one[p * 4 + 3] = 254;
        const png = await encodePng(one, w, h);
        expect(colourType(png), `${w}x${h} pixel ${p}`).toBe(6);
        expect(Buffer.from(await rawOf(png)).equals(Buffer.from(one))).toBe(true);
      }
    }
  });

  it('never lets a small frame show a scratch buffer left by an earlier, larger one', async () => {
    const big = opaqueNoise(400, 400, 1);
    const small = opaqueNoise(20, 10, 2);
    const translucent = small.slice();
    translucent[3] = 0;
    const out = [];
    for (const [px, w, h] of [[big, 400, 400], [small, 20, 10], [translucent, 20, 10], [big, 400, 400], [small, 20, 10]] as const) out.push({ png: await encodePng(px, w, h), px });
    for (const { png, px } of out) expect(Buffer.from(await rawOf(png)).equals(Buffer.from(px))).toBe(true);
  });
});
