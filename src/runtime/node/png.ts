// PNG encoding of takumi's raw RGBA frames over node:zlib. Why not a library: takumi's own encoder
// (the slowest step of a large creative: ~17–38 ms of an empty 1920x1080 canvas) and sharp (≈ 1.5 ms
// of fixed cost per call at 300x250) both cost more than the whole render; the PNG container is
// three chunks (IHDR, IDAT, IEND) around one zlib stream, so it is written here, and checked by
// decoding with sharp (pixels and CRCs) in test/png-encoder.test.ts. Rows are stored unfiltered
// and deflated at level 1: lossless like any PNG, faster than filtering, a little larger.
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const deflate = promisify(zlib.deflate);
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** Frames above this many raw bytes are deflated on the thread pool, not on the event loop (≈ 0.5 ms at 300x250). */
const ASYNC_ABOVE = 1 << 20;

let table: Uint32Array | null = null;
/** CRC-32 (ISO 3309) as PNG chunks use it: node:zlib's on Node ≥ 20.15, a table lookup before. */
function crc32(bytes: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native) return native(bytes);
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC of type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An 8-bit RGBA PNG of `rgba` (non-premultiplied, row by row, `width × height × 4` bytes). */
export async function encodePng(rgba: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const stride = width * 4;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || rgba.length !== stride * height) {
    throw new Error(`png: ${rgba.length} bytes are not ${width}×${height} RGBA pixels`);
  }
  // Each row is preceded by its filter type: 0, none. Every byte is written below, so no zero fill.
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0;
    rows.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const idat = rows.length > ASYNC_ABOVE ? await deflate(rows, { level: 1 }) : zlib.deflateSync(rows, { level: 1 });
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filtering method, no interlace
  const parts = [SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
