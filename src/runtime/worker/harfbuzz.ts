// Recognizes the HarfBuzz wasm satori 0.63 embeds (harfbuzzjs 0.10.0's hb.wasm) by size and magic.
// No runtime imports: the Node tests check these facts against the installed packages.

/** Byte length of harfbuzzjs 0.10.0's hb.wasm, the build satori 0.63 embeds. */
export const HB_WASM_BYTES = 381_964;

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function bytesOf(source: unknown): Uint8Array | null {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  return null;
}

export function isHarfBuzz(source: unknown): boolean {
  const b = bytesOf(source);
  return !!b && b.byteLength === HB_WASM_BYTES && WASM_MAGIC.every((m, i) => b[i] === m);
}
