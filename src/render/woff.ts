// WOFF 1.0 → the sfnt (TrueType/OpenType) it wraps: takumi's WebAssembly build reads sfnt and
// WOFF2 but not WOFF, and the fontsource files are WOFF. Tables are zlib streams (or stored).
const u32 = (d: DataView, o: number) => d.getUint32(o);

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function woffToSfnt(data: ArrayBuffer): Promise<ArrayBuffer> {
  const d = new DataView(data);
  if (data.byteLength < 44 || u32(d, 0) !== 0x774f4646) return data; // not 'wOFF': already sfnt
  const n = d.getUint16(12);
  const out = new Uint8Array(u32(d, 16));
  const o = new DataView(out.buffer);
  o.setUint32(0, u32(d, 4));
  o.setUint16(4, n);
  const pow = 2 ** Math.floor(Math.log2(n));
  o.setUint16(6, pow * 16);
  o.setUint16(8, Math.log2(pow));
  o.setUint16(10, n * 16 - pow * 16);
  let at = 12 + n * 16;
  for (let t = 0; t < n; t++) {
    const e = 44 + t * 20;
    const [tag, off, compLen, origLen, checksum] = [u32(d, e), u32(d, e + 4), u32(d, e + 8), u32(d, e + 12), u32(d, e + 16)];
    const raw = new Uint8Array(data, off, compLen);
    const table = compLen < origLen ? await inflate(raw) : raw;
    if (table.byteLength !== origLen) throw new Error(`font: WOFF table ${tag.toString(16)} inflates to ${table.byteLength} bytes, not ${origLen}`);
    const r = 12 + t * 16;
    o.setUint32(r, tag);
    o.setUint32(r + 4, checksum);
    o.setUint32(r + 8, at);
    o.setUint32(r + 12, origLen);
    out.set(table, at);
    at += (origLen + 3) & ~3;
  }
  return out.buffer;
}
