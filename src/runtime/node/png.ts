// PNG encoding of takumi's raw RGBA frames over node:zlib. Why not a library: takumi's own encoder
// (the slowest step of a large creative: ~16 ms of CPU of a 1920x1080 one) and sharp (≈ 1.5 ms of
// fixed cost per call at 300x250; one thread, ~9 ms at 1920x1080) cost more; the PNG container is
// three chunks (IHDR, IDAT, IEND) around one zlib stream, so it is written here, and checked by
// decoding with sharp (pixels and CRCs) in test/png-encoder.test.ts. Rows are stored unfiltered
// and deflated at level 1 (3 for large frames): lossless like any PNG, faster than filtering
// (filters were measured: at most 10% smaller here, for a byte pass JavaScript pays for), larger.
// Every frame is written as RGB when every pixel is opaque (a quarter less to deflate, as takumi's
// encoder does) from reused scratch buffers. Large frames (over 1 MiB of RGBA: CTV and 1920x1080)
// are also written and deflated in parts, each part deflated on the libuv pool while the next is
// written (deflate-parts.ts joins them into one zlib stream); small ones are deflated in one call on
// the event loop (the pool's round trip costs more than the ~0.4 ms deflate of a 300x250 frame).
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { deflatePart, joinParts, type Part } from './deflate-parts.ts';

const deflate = promisify(zlib.deflate);
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** Frames above this many raw bytes are large: deflated off the event loop (≈ 0.5 ms at 300x250 on it), in parts, from reused buffers. */
const LARGE_ABOVE = 1 << 20;
/** zlib level of large frames: 3 costs ~5% more CPU than 1 there and writes 4–10% smaller files (bench/hd.ts); 4+ triples the time. */
const LARGE_LEVEL = 3;
/**
 * Parts a large frame is written and deflated in: libuv's default pool size. Each part goes to the
 * pool as soon as it is written, so with 4 the event loop is held ~1/4 of the copying at a time
 * (bench: 1.6 ms vs 3.4 with 2 parts at 1920x1080, same CPU, files 0.2% larger).
 */
const PARTS = 4;
/** packRgb reads pixels as little-endian words (x64, arm64); elsewhere large frames stay RGBA. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

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

/**
 * Scratch buffers for large frames, kept between frames (at most two, ≤ 16 MB each): a new 8 MB
 * buffer per 1920x1080 frame cost more in page faults than the copy into it (bench/hd.ts: ~36 ms
 * vs ~1 ms of CPU on the shared machine). A frame encoded while another holds them allocates.
 */
const spares: ArrayBuffer[] = [];
function take(bytes: number): ArrayBuffer {
  const i = spares.findIndex((b) => b.byteLength >= bytes);
  return i >= 0 ? spares.splice(i, 1)[0]! : new ArrayBuffer(bytes);
}
function give(b: ArrayBuffer): void {
  if (b.byteLength > 16 << 20) return;
  spares.push(b);
  spares.sort((x, y) => y.byteLength - x.byteLength).splice(2);
}

/**
 * `rgba` as RGB into `out` (4 pixels → 3 little-endian words), or false as soon as it meets a pixel
 * that is not opaque. Word-wise: a byte loop costs several times more in V8. `rgba` starts on a
 * 4-byte boundary.
 */
function packRgb(rgba: Uint8Array, out: Uint32Array): boolean {
  const src = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2);
  const n = src.length;
  let j = 0;
  for (let i = 0; i + 3 < n; i += 4) {
    const a = src[i]!, b = src[i + 1]!, c = src[i + 2]!, d = src[i + 3]!;
    if ((a & b & c & d) >>> 24 !== 0xff) return false;
    out[j] = (a & 0xffffff) | (b << 24);
    out[j + 1] = ((b >>> 8) & 0xffff) | (c << 16);
    out[j + 2] = ((c >>> 16) & 0xff) | (d << 8);
    j += 3;
  }
  // A pixel count that is not a multiple of 4 leaves up to 3 pixels, packed byte by byte.
  const bytes = new Uint8Array(out.buffer, out.byteOffset);
  for (let p = n & ~3; p < n; p++) {
    if (rgba[p * 4 + 3] !== 255) return false;
    bytes.set(rgba.subarray(p * 4, p * 4 + 3), p * 3);
  }
  return true;
}

/**
 * Rows of `pixels` (`stride` bytes each) into `rows` from row `y0` on, each after its filter type byte: 0, none.
 * The Up filter was tried for large frames (session 14): zlib deflates Up-filtered 1920x1080 rows in
 * ~4.8 ms of CPU vs ~7.1 unfiltered, files 5% smaller, but the filter pass in JavaScript (word-wise,
 * four bytes at once) cost ~6.6 ms per 8 MB frame against ~0.5 ms for this copy: more CPU in all.
 */
function filterNone(pixels: Uint8Array, stride: number, rows: Uint8Array, y0 = 0): void {
  const height = pixels.length / stride;
  for (let y = 0; y < height; y++) {
    const at = (y0 + y) * (stride + 1);
    rows[at] = 0;
    rows.set(pixels.subarray(y * stride, (y + 1) * stride), at + 1);
  }
}

/** The IDAT data of a large frame and its colour type: RGB (2) when opaque, else RGBA (6). */
async function largeIdat(rgba: Uint8Array, width: number, height: number, parts: number): Promise<{ idat: Uint8Array; colour: 2 | 6 }> {
  const rowsBuf = take((width * 4 + 1) * height);
  const words = Math.ceil((width * height * 3) / 4);
  // Opaque frames almost never start with a transparent pixel; transparent ones (the CTV overlay) do.
  const rgbBuf = LITTLE_ENDIAN && rgba[3] === 255 && rgba.byteOffset % 4 === 0 ? take(words * 4) : null;
  try {
    return (rgbBuf && (await pipelined(rgba, width, height, parts, new Uint32Array(rgbBuf, 0, words), rowsBuf))) || (await pipelined(rgba, width, height, parts, null, rowsBuf))!;
  } finally {
    // zlib is done with them (deflated or failed): they may serve the next frame.
    give(rowsBuf);
    if (rgbBuf) give(rgbBuf);
  }
}

/**
 * Writes the frame's rows part by part (packed to RGB into `rgb` first, when given) and hands each
 * part to the pool as soon as it is written, so zlib deflates one part while the next is written,
 * and the event loop runs between parts (a 1920x1080 frame is 1–3 ms of copying). Null when `rgb`
 * is given and a pixel is not opaque (after the parts already started are done with the buffer).
 */
async function pipelined(rgba: Uint8Array, width: number, height: number, parts: number, rgb: Uint32Array | null, rowsBuf: ArrayBuffer): Promise<{ idat: Uint8Array; colour: 2 | 6 } | null> {
  const stride = width * (rgb ? 3 : 4);
  const rows = new Uint8Array(rowsBuf, 0, (stride + 1) * height);
  // Parts start on a multiple of 4 pixels, so packed RGB words line up with them.
  const per = Math.max(4, Math.ceil(height / Math.max(1, parts) / 4) * 4);
  const started: Array<Promise<Part | null>> = [];
  for (let y0 = 0; y0 < height; y0 += per) {
    const y1 = Math.min(height, y0 + per);
    if (y0 > 0) await new Promise((next) => setImmediate(next));
    let pixels = rgba.subarray(y0 * width * 4, y1 * width * 4);
    if (rgb) {
      const out = rgb.subarray((y0 * width * 3) / 4);
      if (!packRgb(pixels, out)) {
        await Promise.allSettled(started);
        return null;
      }
      pixels = new Uint8Array(out.buffer, out.byteOffset, (y1 - y0) * stride);
    }
    filterNone(pixels, stride, rows, y0);
    started.push(deflatePart(rows.subarray(y0 * (stride + 1), y1 * (stride + 1)), LARGE_LEVEL, y1 === height));
  }
  const done = await Promise.all(started);
  const idat = done.every((p) => p) ? joinParts(done as Part[]) : await deflate(rows, { level: LARGE_LEVEL });
  return { idat, colour: rgb ? 2 : 6 };
}

/**
 * Scratch for small frames (≤ LARGE_ABOVE of RGBA; 2 MB, kept once the first is written), reused by
 * every one: they are written and deflated synchronously, so no two frames ever hold it at once. A
 * new rows buffer per frame cost ~0.05 ms more per 300x250 frame, measured interleaved.
 */
let smallRows: Uint8Array | null = null;
let smallRgb: Uint32Array | null = null;

/**
 * The IDAT data of a small frame and its colour type: RGB (2) when every pixel is opaque (a quarter
 * less to deflate; with the reused scratch 0.59 → 0.50 ms of CPU per 300x250 demo frame measured
 * back to back, ~0.03 ms less right after a satori render, files 3–6% smaller), else RGBA (6).
 * Level 1, rows unfiltered (the Up filter and Z_RLE/Z_HUFFMAN_ONLY were measured: slower here),
 * deflated on the event loop: the pool's round trip cost ~0.4 ms more than the deflate itself.
 */
function smallIdat(rgba: Uint8Array, width: number, height: number, rgb: boolean): { idat: Uint8Array; colour: 2 | 6 } {
  if (!rgb) {
    // The writer before RGB and scratch reuse (the benchmarks' baseline): RGBA rows in a new buffer.
    const rows = Buffer.allocUnsafe((width * 4 + 1) * height);
    filterNone(rgba, width * 4, rows);
    return { idat: zlib.deflateSync(rows, { level: 1 }), colour: 6 };
  }
  // Row filter bytes add one per row: at most a quarter more (1 px wide frames).
  smallRows ??= new Uint8Array(LARGE_ABOVE + LARGE_ABOVE / 4);
  smallRgb ??= new Uint32Array((LARGE_ABOVE * 3) / 16 + 1);
  const words = Math.ceil((width * height * 3) / 4);
  const opaque = LITTLE_ENDIAN && rgba[3] === 255 && rgba.byteOffset % 4 === 0 && packRgb(rgba, smallRgb.subarray(0, words));
  const stride = width * (opaque ? 3 : 4);
  const rows = smallRows.subarray(0, (stride + 1) * height);
  filterNone(opaque ? new Uint8Array(smallRgb.buffer, 0, stride * height) : rgba, stride, rows);
  return { idat: zlib.deflateSync(rows, { level: 1, chunkSize: 64 * 1024 }), colour: opaque ? 2 : 6 };
}

/**
 * An 8-bit PNG of `rgba` (non-premultiplied, row by row, `width × height × 4` bytes); RGBA, or RGB
 * when every pixel is opaque. `parts`: how many pieces a large frame is written and deflated in;
 * `smallRgb: false` writes small frames as before (RGBA, new buffers: the benchmarks' baseline).
 */
export async function encodePng(rgba: Uint8Array, width: number, height: number, parts = PARTS, opts: { smallRgb?: boolean } = {}): Promise<Uint8Array> {
  const stride = width * 4;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || rgba.length !== stride * height) {
    throw new Error(`png: ${rgba.length} bytes are not ${width}×${height} RGBA pixels`);
  }
  let idat: Uint8Array;
  let colour: 2 | 6 = 6;
  if (rgba.length > LARGE_ABOVE) ({ idat, colour } = await largeIdat(rgba, width, height, parts));
  else ({ idat, colour } = smallIdat(rgba, width, height, opts.smallRgb ?? true));
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, colour, 0, 0, 0], 8); // bit depth 8, colour type, deflate, adaptive filtering method, no interlace
  const file = [SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(file.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of file) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
