// Photo derivatives on Node, all sizes of one photo in one call: takumi decodes the photo once and
// draws it into every box of a sprite (the same resampling it does when it draws a creative), and
// each box is cut out of the raw pixels and written by the node:zlib PNG writer. One sharp
// pipeline per size cost ~30× more per photo (measured: ~4.5 ms of CPU per size, 28 sizes).
import { Renderer } from '@takumi-rs/core';
import type { DeriveSizes, Picture } from '../../services/images.ts';
import { encodePng } from './png.ts';

/** Sprite rows are at most this wide (px); boxes wider than that get a row of their own. */
const ROW = 1024;

interface Placed {
  w: number;
  h: number;
  x: number;
  y: number;
}

/** Shelf packing, tallest first: rows of boxes left to right. */
function pack(boxes: ReadonlyArray<{ w: number; h: number }>): { placed: Placed[]; w: number; h: number } {
  const order = boxes.map((b, i) => ({ ...b, i })).sort((a, b) => b.h - a.h);
  const placed: Placed[] = new Array(boxes.length);
  let x = 0;
  let y = 0;
  let rowH = 0;
  let width = 0;
  for (const b of order) {
    if (x > 0 && x + b.w > Math.max(ROW, b.w)) {
      y += rowH;
      x = 0;
      rowH = 0;
    }
    placed[b.i] = { w: b.w, h: b.h, x, y };
    x += b.w;
    rowH = Math.max(rowH, b.h);
    width = Math.max(width, x);
  }
  return { placed, w: width, h: y + rowH };
}

/** The rows of one box out of a raw RGBA frame `stride` px wide. */
function crop(rgba: Uint8Array, stride: number, p: Placed): Uint8Array {
  const out = new Uint8Array(p.w * p.h * 4);
  for (let r = 0; r < p.h; r++) {
    const from = ((p.y + r) * stride + p.x) * 4;
    out.set(rgba.subarray(from, from + p.w * 4), r * p.w * 4);
  }
  return out;
}

/** takumi-drawn derivatives (PNG, RGBA) of a header-checked plain PNG or JPEG. */
export function takumiDerivatives(): DeriveSizes {
  // No fonts: the sprite draws pictures only.
  const renderer = new Renderer();
  let serial = 0;
  return async (pic, boxes) => {
    const { placed, w, h } = pack(boxes);
    const src = `vitrine-derive:${++serial}`;
    const node = {
      type: 'container',
      style: { display: 'flex', position: 'relative', width: w, height: h },
      children: placed.map((p) => ({ type: 'image', src, width: p.w, height: p.h, style: { position: 'absolute', left: p.x, top: p.y, width: p.w, height: p.h } })),
    };
    const raw = await renderer.render(node as never, { width: w, height: h, format: 'raw', images: [{ src, data: pic.bytes, cache: 'none' } as never] });
    return Promise.all(placed.map(async (p): Promise<Picture> => ({ contentType: 'image/png', bytes: await encodePng(crop(raw, w, p), p.w, p.h) })));
  };
}
