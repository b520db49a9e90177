// Width and height of a PNG, JPEG, GIF or WebP from its first bytes, without decoding a pixel:
// the decompression-bomb check runs on this before any image library sees the file. Pure.

export interface ImageHeader {
  type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const be32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const le16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const le24 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function png(b: Uint8Array): ImageHeader | null {
  // Signature, then IHDR must be the first chunk.
  if (b.length < 24 || be32(b, 0) !== 0x89504e47 || be32(b, 4) !== 0x0d0a1a0a || ascii(b, 12, 4) !== 'IHDR') return null;
  return { type: 'image/png', width: be32(b, 16), height: be32(b, 20) };
}

function gif(b: Uint8Array): ImageHeader | null {
  if (b.length < 10 || (ascii(b, 0, 6) !== 'GIF87a' && ascii(b, 0, 6) !== 'GIF89a')) return null;
  return { type: 'image/gif', width: le16(b, 6), height: le16(b, 8) };
}

/** A JPEG marker segment up to the start of scan: its marker and offset (at the 0xFF). */
interface JpegSegment {
  marker: number;
  at: number;
}

/** Walks a JPEG's marker segments until the start of scan (or where the stream stops being well formed). */
export function* jpegSegments(b: Uint8Array): Generator<JpegSegment, void, undefined> {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    yield { marker, at: i };
    const len = be16(b, i + 2);
    if (marker === 0xda || len < 2) return;
    i += 2 + len;
  }
}

/** Start of frame (baseline, progressive, lossless…; not DHT C4, JPG C8, DAC CC). */
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Uint8Array): ImageHeader | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  for (const { marker, at } of jpegSegments(b)) {
    if (isFrame(marker)) return { type: 'image/jpeg', height: be16(b, at + 5), width: be16(b, at + 7) };
  }
  return null;
}

function webp(b: Uint8Array): ImageHeader | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { type: 'image/webp', width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return { type: 'image/webp', width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  return null;
}

/** The image's type and size from its header; null when it is none of the four formats (or truncated). */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  return png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes);
}

/**
 * True for a PNG or JPEG any decoder turns into the same 8-bit sRGB pixels: PNG of bit depth 8
 * without an ICC profile (iCCP) before its image data; JPEG with one or three components (grey or
 * YCbCr, not CMYK) and no ICC profile (APP2). Others are left to the image library, which converts them.
 */
export function plainEncoding(b: Uint8Array): boolean {
  const h = readImageHeader(b);
  if (h?.type === 'image/png') {
    if (b[24] !== 8) return false;
    for (let i = 8; i + 8 <= b.length; ) {
      const type = ascii(b, i + 4, 4);
      if (type === 'iCCP') return false;
      if (type === 'IDAT') return true;
      i += 12 + be32(b, i);
    }
    return false;
  }
  if (h?.type !== 'image/jpeg') return false;
  for (const { marker, at } of jpegSegments(b)) {
    if (marker === 0xe2 && ascii(b, at + 4, 11) === 'ICC_PROFILE') return false;
    if (isFrame(marker)) return b[at + 4] === 8 && (b[at + 9] === 1 || b[at + 9] === 3);
  }
  return false;
}
