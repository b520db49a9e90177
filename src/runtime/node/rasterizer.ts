// sharp (libvips + librsvg) turns satori's SVG into PNG/WebP at exactly the requested size.
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { ZlibLength } from '../../render/image-integrity.ts';
import type { Rasterizer } from '../../render/types.ts';
import { IMAGE_MAX_PIXELS, type Downscale } from '../../services/images.ts';

export function sharpRasterizer(): Rasterizer {
  return {
    formats: ['png', 'webp'],
    async rasterize(svg, size, format) {
      // density 72 maps SVG user units 1:1 to pixels; resize guards against rounding.
      let img = sharp(Buffer.from(svg), { density: 72 }).resize(size.w, size.h, { fit: 'fill' });
      img = format === 'png' ? img.png({ compressionLevel: 6, adaptiveFiltering: false }) : img.webp({ quality: 86 });
      const out = await img.toBuffer();
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    },
    async composite(basePng, layer, format) {
      let img = sharp(basePng).composite([{ input: Buffer.from(layer.svg), left: layer.left, top: layer.top, density: 72 }]);
      img = format === 'png' ? img.png({ compressionLevel: 6, adaptiveFiltering: false }) : img.webp({ quality: 86 });
      const out = await img.toBuffer();
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    },
  };
}

/** The photo integrity check's inflate on Node: zlib in one call (the web stream costs several times more here), stopping past `atMost`. */
export const nodeZlibLength: ZlibLength = async (zlib, atMost) => {
  try {
    return inflateSync(zlib, { maxOutputLength: Math.max(1, atMost) }).length;
  } catch (err) {
    // More data than the rows need: decoders read what they need and stop.
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return atMost;
    throw err;
  }
};

/**
 * Product photos re-encoded to fit a square of `maxSide` px; JPEG stays JPEG, anything else becomes
 * PNG (keeps transparency). The caller has checked the header; libvips checks the pixel count again
 * before decoding (limitInputPixels), and only the first frame of an animation is read.
 */
export const sharpDownscale: Downscale = async (pic, maxSide) => {
  const img = sharp(pic.bytes, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error', animated: false }).resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true });
  const jpeg = pic.contentType === 'image/jpeg';
  const out = await (jpeg ? img.jpeg({ quality: 85 }) : img.png({ compressionLevel: 6 })).toBuffer();
  return { contentType: jpeg ? 'image/jpeg' : 'image/png', bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
};

