// The PNG encoder over node:zlib that takumi's raw pixels go through on Node: a decoder (sharp)
// reads back exactly the pixels given, every chunk's CRC is right, and the creatives it encodes
// are pixel for pixel takumi's own PNGs (transparent overlay included). Also: a picture takumi
// keeps decoded (a kit logo) never stands in for a new picture under the same `<img src>`.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fonts, VNode } from '../src/render/types.ts';
import { takumiNative } from '../src/runtime/node/engine.ts';
import { loadNodeFonts } from '../src/runtime/node/fonts.ts';
import { encodePng } from '../src/runtime/node/png.ts';
import { adler32Combine, deflateParts } from '../src/runtime/node/deflate-parts.ts';
import zlib from 'node:zlib';
import { sampleSlots, renderDeps } from './helpers/render.ts';
import { renderImage } from '../src/render/image.ts';

/** CRC-32 bit by bit (no table): an implementation independent of the encoder's. */
function crc(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunks(png: Uint8Array): Array<{ type: string; length: number; crcOk: boolean }> {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = [];
  for (let off = 8; off < png.length; ) {
    const length = v.getUint32(off);
    const type = String.fromCharCode(...png.subarray(off + 4, off + 8));
    out.push({ type, length, crcOk: crc(png.subarray(off + 4, off + 8 + length)) === v.getUint32(off + 8 + length) });
    off += 12 + length;
  }
  return out;
}

/** IHDR's colour type: 2 RGB, 6 RGBA. */
const colourType = (png: Uint8Array) => png[8 + 8 + 9];

/** Pseudo-random bytes (an LCG's high bytes): nothing a deflater could shrink much. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) out[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

const rawOf = async (png: Uint8Array) => new Uint8Array(await sharp(png).ensureAlpha().raw().toBuffer());

describe('PNG encoder (node:zlib)', () => {
  it('encodes RGBA pixels a decoder reads back exactly, with valid chunk CRCs', async () => {
    // Odd sizes, every alpha value, noise: nothing a filter or a premultiplication could hide.
    for (const [w, h] of [[1, 1], [37, 23], [300, 250]] as const) {
      const rgba = new Uint8Array(w * h * 4);
      let s = 7;
      for (let i = 0; i < rgba.length; i++) rgba[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
      const png = await encodePng(rgba, w, h);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const list = chunks(png);
      expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect(list.every((c) => c.crcOk)).toBe(true);
      expect(await sharp(png).metadata()).toMatchObject({ width: w, height: h, channels: 4, depth: 'uchar', format: 'png' });
      expect(Buffer.from(await rawOf(png)).equals(Buffer.from(rgba))).toBe(true);
    }
  });

  it('deflates a large frame off the event loop and still decodes exactly', async () => {
    const w = 1920;
    const h = 1080;
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < rgba.length; i += 4) rgba.set([(i >> 4) & 255, (i >> 10) & 255, 200, 255 - ((i >> 2) % 256)], i);
    const png = await encodePng(rgba, w, h);
    expect(chunks(png).every((c) => c.crcOk)).toBe(true);
    expect(colourType(png)).toBe(6);
    expect(Buffer.from(await rawOf(png)).equals(Buffer.from(rgba))).toBe(true);
  });

  it('writes an opaque large frame as RGB, and one with any pixel not opaque as RGBA, both exact', async () => {
    // Odd sizes (a pixel count that is not a multiple of 4), noise in every colour byte.
    const [w, h] = [1001, 1047];
    const rgba = noise(w * h * 4, 11);
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    const opaque = await encodePng(rgba, w, h);
    expect(colourType(opaque)).toBe(2);
    expect(chunks(opaque).every((c) => c.crcOk)).toBe(true);
    expect(Buffer.from(await rawOf(opaque)).equals(Buffer.from(rgba))).toBe(true);
    // One translucent pixel first, in the middle, last (the tail packed byte by byte): RGBA, exact.
    for (const p of [0, ((h >> 1) * w + 7), w * h - 1]) {
      const one = rgba.slice();
      one[p * 4 + 3] = 254;
      const png = await encodePng(one, w, h);
      expect(colourType(png)).toBe(6);
      expect(Buffer.from(await rawOf(png)).equals(Buffer.from(one))).toBe(true);
    }
  });

  it('encodes large frames at once and one after another (reused buffers) without mixing their pixels', async () => {
    const frames = [[1920, 1080, 1], [1280, 720, 2], [1920, 1080, 3], [700, 700, 4]].map(([w, h, seed]) => {
      const rgba = noise(w! * h! * 4, seed!);
      if (seed! % 2) for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
      return { w: w!, h: h!, rgba };
    });
    const together = await Promise.all(frames.map((f) => encodePng(f.rgba, f.w, f.h)));
    const inTurn: Uint8Array[] = [];
    for (const f of frames) inTurn.push(await encodePng(f.rgba, f.w, f.h));
    for (const [i, f] of frames.entries()) {
      expect(Buffer.from(await rawOf(together[i]!)).equals(Buffer.from(f.rgba))).toBe(true);
      expect(Buffer.from(inTurn[i]!).equals(Buffer.from(together[i]!))).toBe(true);
    }
  });

  it('refuses pixels that do not match the size', async () => {
    await expect(encodePng(new Uint8Array(10), 2, 2)).rejects.toThrow('png: 10 bytes are not 2×2 RGBA pixels');
    await expect(encodePng(new Uint8Array(0), 0, 0)).rejects.toThrow('png: 0 bytes are not 0×0 RGBA pixels');
  });
});

describe('one zlib stream deflated in parts (deflate-parts.ts)', () => {
  it('inflates (adler32 checked by zlib) to exactly the input, for any number of parts and a ragged last part', async () => {
    const data = Buffer.concat([Buffer.from(noise(300_001, 5)), Buffer.alloc(200_000, 7), Buffer.from(noise(99_999, 6))]);
    for (const parts of [1, 2, 3, 4, 7]) {
      const z = await deflateParts(data, 1000, parts);
      expect([z[0], z[1]]).toEqual([0x78, 0x01]);
      expect(Buffer.from(zlib.inflateSync(z)).equals(data)).toBe(true);
      // The checksum is the whole input's, as a one-piece deflate writes it.
      expect(Buffer.from(z.subarray(z.length - 4)).equals(zlib.deflateSync(data).subarray(-4))).toBe(true);
    }
  });

  it('combines adler32s as zlib does', () => {
    const adler = (b: Uint8Array) => zlib.deflateSync(b, { level: 0 }).readUInt32BE(zlib.deflateSync(b, { level: 0 }).length - 4);
    for (const [n1, n2] of [[0, 5], [1, 1], [65_521, 3], [70_000, 140_000], [5, 0]] as const) {
      const a = noise(n1, n1 + 1);
      const b = noise(n2, n2 + 2);
      expect(adler32Combine(adler(a), adler(b), b.length)).toBe(adler(Buffer.concat([a, b])));
    }
  });
});

describe('takumi on Node: raw pixels + the zlib encoder', () => {
  let fonts: Fonts;
  beforeAll(async () => {
    fonts = await loadNodeFonts();
  });

  it.each([
    ['hero', '300x250', 'ar'],
    ['hero', '970x250', 'en'],
    ['overlay', '1400x400', 'en'],
    // Large frames: opaque (written as RGB) and transparent CTV cards, deflated in parts.
    ['hero', '1920x1080', 'ar'],
    ['overlay', '1920x1080', 'en'],
    ['pause', '1280x720', 'ar'],
  ] as const)('draws %s %s %s exactly as takumi encodes it itself', async (template, size, lang) => {
    const [w, h] = size.split('x').map(Number) as [number, number];
    const photo = `data:image/png;base64,${(await sharp({ create: { width: 200, height: 200, channels: 3, background: '#2563eb' } }).png().toBuffer()).toString('base64')}`;
    const slots = sampleSlots(template, { w, h }, lang, photo, template === 'overlay' ? { qr: 'https://vitrine.example/q/png-encoder' } : {});
    const deps = await renderDeps();
    const [ours, theirs] = await Promise.all([takumiNative(fonts), takumiNative(fonts, { ownPng: true })]);
    const a = await renderImage(slots, 'png', { ...deps, engine: ours });
    const b = await renderImage(slots, 'png', { ...deps, engine: theirs });
    const [ra, rb] = await Promise.all([rawOf(a.bytes), rawOf(b.bytes)]);
    expect(ra.length).toBe(w * h * 4);
    expect(Buffer.from(ra).equals(Buffer.from(rb))).toBe(true);
    // The overlay is a transparent lower third: the alpha channel survives.
    if (template === 'overlay') expect(ra.some((_, i) => i % 4 === 3 && ra[i]! < 255)).toBe(true);
  });

  it('never draws a stale decode: a new picture under the same src shows its own pixels', async () => {
    const engine = await takumiNative(fonts);
    const tree: VNode = { type: 'div', props: { style: { display: 'flex', width: 40, height: 40 }, children: [{ type: 'img', props: { src: 'p', width: 40, height: 40, style: { width: 40, height: 40 } } }] } };
    const solid = async (background: string) => new Uint8Array(await sharp({ create: { width: 40, height: 40, channels: 3, background } }).png().toBuffer());
    const red = await solid('#ff0000');
    const blue = await solid('#0000ff');
    const centre = async (pic: Uint8Array) => [...(await rawOf(await engine.raster(tree, { w: 40, h: 40 }, 'png', undefined, new Map([['p', pic]])))).subarray((20 * 40 + 20) * 4, (20 * 40 + 20) * 4 + 3)];
    expect(await centre(red)).toEqual([255, 0, 0]);
    expect(await centre(red)).toEqual([255, 0, 0]);
    expect(await centre(blue)).toEqual([0, 0, 255]);
    // Equal bytes in another buffer: drawn from its own decode, same pixels.
    expect(await centre(red.slice())).toEqual([255, 0, 0]);
  });
});
