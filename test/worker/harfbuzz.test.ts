// The worker redirects satori's HarfBuzz compile to harfbuzzjs's precompiled hb.wasm: that only
// holds while the two are the same bytes. An upgrade of either package fails here first.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { HB_WASM_BYTES, isHarfBuzz } from '../../src/runtime/worker/harfbuzz.ts';

const require = createRequire(import.meta.url);
const hbWasm = readFileSync(require.resolve('harfbuzzjs/hb.wasm'));

function satoriEmbeddedWasms(): Buffer[] {
  const src = readFileSync(require.resolve('satori/standalone').replace(/standalone\.c?js$/, 'standalone.js'), 'utf8');
  return [...src.matchAll(/([A-Za-z0-9+/]{100000,}={0,2})/g)].map((m) => Buffer.from(m[1]!, 'base64')).filter((b) => b.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])));
}

describe('HarfBuzz wasm on Workers', () => {
  it("satori's embedded HarfBuzz is byte for byte harfbuzzjs's hb.wasm, of the size the shim expects", () => {
    const embedded = satoriEmbeddedWasms();
    expect(embedded).toHaveLength(1);
    expect(embedded[0]!.equals(hbWasm)).toBe(true);
    expect(hbWasm.byteLength).toBe(HB_WASM_BYTES);
  });

  it('recognizes those bytes in any buffer view, and nothing else', () => {
    expect(isHarfBuzz(hbWasm)).toBe(true);
    expect(isHarfBuzz(hbWasm.buffer.slice(hbWasm.byteOffset, hbWasm.byteOffset + hbWasm.byteLength))).toBe(true);
    expect(isHarfBuzz(new DataView(hbWasm.buffer, hbWasm.byteOffset, hbWasm.byteLength))).toBe(true);
    const other = new Uint8Array(HB_WASM_BYTES);
    expect(isHarfBuzz(other)).toBe(false);
    expect(isHarfBuzz(hbWasm.subarray(0, 1000))).toBe(false);
    expect(isHarfBuzz('hb.wasm')).toBe(false);
  });
});
