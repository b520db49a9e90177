// One zlib stream deflated in parts at once on the libuv pool. node:zlib (like zlib itself) has no
// parallel mode, and sharp/libvips and takumi deflate a PNG on one thread; a 1920x1080 frame is
// 6–8 MB of rows, so on a machine with a free core two halves take about half the wall time. Each
// part is a zlib stream sync-flushed (it ends on a byte boundary, not final) then finished; the
// parts' deflate blocks go back to back under one header (a block may refer only to its own part's
// bytes, which every inflater accepts), and the checksum of the whole is combined from the parts'
// adler32s (read from their trailers), as zlib's adler32_combine does.
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const deflate = promisify(zlib.deflate);
/** A sync flush (empty stored block) and then zlib's empty final block (static Huffman: BFINAL=1, BTYPE=01, end-of-block). */
const FLUSH_THEN_EMPTY_FINAL = Uint8Array.of(0x00, 0x00, 0xff, 0xff, 0x03, 0x00);

/** adler32(A ‖ B) from adler32(A), adler32(B) and B's length in bytes (zlib's adler32_combine). */
export function adler32Combine(a: number, b: number, lengthB: number): number {
  const BASE = 65521;
  const rem = lengthB % BASE;
  let s1 = a & 0xffff;
  let s2 = (rem * s1) % BASE;
  s1 += (b & 0xffff) + BASE - 1;
  s2 += (a >>> 16) + (b >>> 16) + BASE - rem;
  if (s1 >= BASE) s1 -= BASE;
  if (s1 >= BASE) s1 -= BASE;
  if (s2 >= 2 * BASE) s2 -= 2 * BASE;
  if (s2 >= BASE) s2 -= BASE;
  return ((s2 << 16) | s1) >>> 0;
}

export interface Part {
  /** Deflate blocks: no zlib header; a non-last part ends with its sync flush, not a final block. */
  blocks: Uint8Array;
  adler: number;
  /** Bytes of input the part holds. */
  length: number;
}

/** One part, deflated on the pool. Null when zlib did not end it the way `joinParts` expects. */
export function deflatePart(data: Uint8Array, level: number, last: boolean): Promise<Part | null> {
  if (last) return deflate(data, { level }).then((z) => ({ blocks: z.subarray(2, z.length - 4), adler: z.readUInt32BE(z.length - 4), length: data.length }));
  return new Promise((resolve, reject) => {
    const d = zlib.createDeflate({ level, chunkSize: 256 * 1024 });
    const out: Buffer[] = [];
    d.on('data', (c: Buffer) => out.push(c));
    d.on('error', reject);
    d.on('end', () => {
      const z = Buffer.concat(out);
      if (!z.subarray(z.length - 10, z.length - 4).equals(FLUSH_THEN_EMPTY_FINAL)) return resolve(null);
      resolve({ blocks: z.subarray(2, z.length - 6), adler: z.readUInt32BE(z.length - 4), length: data.length });
    });
    d.write(data);
    // The flush must complete before the finish, or zlib folds both into one final block.
    d.flush(zlib.constants.Z_SYNC_FLUSH, () => d.end());
  });
}

/**
 * `data` as one zlib stream (RFC 1950), deflated at `level` in `parts` pieces at once, each piece a
 * whole number of `unit` bytes (PNG rows). Falls back to one deflate if a piece ends unexpectedly.
 */
export async function deflateParts(data: Uint8Array, unit: number, parts: number, level = 1): Promise<Uint8Array> {
  const units = Math.floor(data.length / unit);
  const per = Math.ceil(units / Math.max(1, parts)) * unit;
  const pieces: Uint8Array[] = [];
  for (let off = 0; off < data.length; off += per) pieces.push(data.subarray(off, Math.min(data.length, off + per)));
  if (pieces.length < 2) return deflate(data, { level });
  const done = await Promise.all(pieces.map((p, i) => deflatePart(p, level, i === pieces.length - 1)));
  return done.every((p) => p) ? joinParts(done as Part[]) : deflate(data, { level });
}

/** The parts (in order, the last one finished) as one zlib stream: one header, their blocks, the combined adler32. */
export function joinParts(parts: Part[]): Uint8Array {
  let adler = parts[0]!.adler;
  for (let i = 1; i < parts.length; i++) adler = adler32Combine(adler, parts[i]!.adler, parts[i]!.length);
  const out = new Uint8Array(2 + parts.reduce((n, p) => n + p.blocks.length, 0) + 4);
  out.set([0x78, 0x01]); // deflate, 32 KB window, fastest-level hint; 0x7801 is a multiple of 31 as RFC 1950 requires
  let off = 2;
  for (const p of parts) {
    out.set(p.blocks, off);
    off += p.blocks.length;
  }
  new DataView(out.buffer).setUint32(off, adler);
  return out;
}
