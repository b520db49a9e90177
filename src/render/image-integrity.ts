// Whether a photo's bytes hold the whole picture its header promises, checked before any decoder
// sees them. takumi (native and WebAssembly) draws a PNG whose header claims more rows than its
// data holds, or a truncated JPEG, as an empty box without an error; the image library fills the
// missing rows with grey. Either breaks the layout where the designed empty state belongs. Pure:
// inflating a PNG's data is handed in (Node's zlib; the web-standard DecompressionStream elsewhere).
import { jpegSegments, readImageHeader } from './image-header.ts';

const be32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const le32 = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/**
 * Inflates a zlib stream, counting its bytes up to `atMost` (it may stop there); rejects when the
 * stream is broken or ends early.
 */
export type ZlibLength = (zlib: Uint8Array, atMost: number) => Promise<number>;

/** Channels per PNG colour type (grey, RGB, palette, grey + alpha, RGBA). */
const PNG_CHANNELS = new Map([
  [0, 1],
  [2, 3],
  [3, 1],
  [4, 2],
  [6, 4],
]);
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Filtered scanline bytes a PNG's image data must inflate to (one filter byte per row). */
function pngRawBytes(w: number, h: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (cols: number, n: number) => (cols > 0 && n > 0 ? n * (1 + Math.ceil((cols * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(w, h);
  let total = 0;
  for (const [xs, ys, dx, dy] of ADAM7) total += rows(Math.ceil((w - xs) / dx), Math.ceil((h - ys) / dy));
  return total;
}

/** A PNG's chunks in bounds from IHDR to IEND, and its image data (zlib) with the size it must inflate to. */
function pngData(b: Uint8Array): { zlib: Uint8Array; rawBytes: number } | string {
  const w = be32(b, 16);
  const h = be32(b, 20);
  const depth = b[24]!;
  const channels = PNG_CHANNELS.get(b[25]!);
  if (!channels || ![1, 2, 4, 8, 16].includes(depth) || b[26] !== 0 || b[27] !== 0 || b[28]! > 1) return 'PNG header (IHDR) is invalid';
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 8; ; ) {
    if (i + 12 > b.length) return 'PNG is truncated (no IEND chunk)';
    const len = be32(b, i);
    const type = ascii(b, i + 4, 4);
    if (i + 12 + len > b.length) return `PNG is truncated (chunk ${type} runs past the end of the file)`;
    if (type === 'IDAT') {
      parts.push(b.subarray(i + 8, i + 8 + len));
      size += len;
    }
    if (type === 'IEND') break;
    i += 12 + len;
  }
  if (!parts.length) return 'PNG has no image data (IDAT)';
  const zlib = parts.length === 1 ? parts[0]! : new Uint8Array(size);
  if (parts.length > 1) parts.reduce((at, p) => (zlib.set(p, at), at + p.length), 0);
  return { zlib, rawBytes: pngRawBytes(w, h, channels * depth, b[28] === 1) };
}

/**
 * A JPEG has its scan and the end-of-image marker after it, and at least one bit of entropy-coded
 * data per 8×8 block its frame declares (the least any Huffman table spends on a block).
 */
function jpegProblem(b: Uint8Array): string | null {
  let frame: { at: number } | null = null;
  let scan = -1;
  for (const { marker, at } of jpegSegments(b)) {
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = { at };
    if (marker === 0xda) scan = at + 2 + ((b[at + 2]! << 8) | b[at + 3]!);
  }
  if (!frame || scan < 0 || scan > b.length) return 'JPEG is truncated (no scan data)';
  let end = -1;
  for (let i = b.indexOf(0xff, scan); i >= 0 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] === 0xd9) {
      end = i;
      break;
    }
  }
  if (end < 0) return 'JPEG is truncated (no end-of-image marker)';
  const f = frame.at;
  const height = (b[f + 5]! << 8) | b[f + 6]!;
  const width = (b[f + 7]! << 8) | b[f + 8]!;
  const n = b[f + 9]!;
  const comps = Array.from({ length: n }, (_, k) => ({ h: b[f + 11 + 3 * k]! >> 4, v: b[f + 11 + 3 * k]! & 15 }));
  const hMax = Math.max(1, ...comps.map((c) => c.h));
  const vMax = Math.max(1, ...comps.map((c) => c.v));
  const blocks = comps.reduce((sum, c) => sum + Math.ceil(Math.ceil((width * c.h) / hMax) / 8) * Math.ceil(Math.ceil((height * c.v) / vMax) / 8), 0);
  if ((end - scan) * 8 < blocks) return `JPEG data is too short for its ${width}×${height} frame`;
  return null;
}

/**
 * Why the photo's bytes do not hold the whole picture their header promises, or null. PNG: every
 * chunk in bounds up to IEND and the image data inflating to every row the header declares; JPEG:
 * see jpegProblem; GIF: its trailer; WebP: the RIFF size within the file.
 */
export async function integrityProblem(b: Uint8Array, zlibLength: ZlibLength): Promise<string | null> {
  const h = readImageHeader(b);
  if (!h) return 'not a PNG, JPEG, GIF or WebP image (header unreadable)';
  if (h.type === 'image/jpeg') return jpegProblem(b);
  if (h.type === 'image/gif') return b[b.length - 1] === 0x3b ? null : 'GIF is truncated (no trailer)';
  if (h.type === 'image/webp') return le32(b, 4) + 8 <= b.length ? null : 'WebP is truncated (shorter than its RIFF size)';
  const data = pngData(b);
  if (typeof data === 'string') return data;
  let got: number;
  try {
    got = await zlibLength(data.zlib, data.rawBytes);
  } catch (err) {
    return `PNG image data does not inflate (${err instanceof Error ? err.message : String(err)})`;
  }
  return got < data.rawBytes ? `PNG image data holds ${got} of the ${data.rawBytes} bytes its ${h.width}×${h.height} header declares` : null;
}

/** `ZlibLength` with the web-standard DecompressionStream (Workers; Node injects its zlib, much faster there). */
export const streamZlibLength: ZlibLength = async (zlib, atMost) => {
  const ds = new DecompressionStream('deflate');
  const writer = ds.writable.getWriter();
  // Errors surface on the reading side.
  writer.write(zlib as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = ds.readable.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
    if (n >= atMost) {
      await reader.cancel().catch(() => {});
      return n;
    }
  }
};
