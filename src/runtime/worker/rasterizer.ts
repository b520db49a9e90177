// resvg (WebAssembly) turns satori's SVG into PNG. The wasm module is imported statically:
// Workers refuse to compile WebAssembly from bytes at run time. No WebP/AVIF encoder here.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import resvgWasm from '@resvg/resvg-wasm/index_bg.wasm';
import type { Rasterizer } from '../../render/types.ts';

let ready: Promise<void> | null = null;

/** Instantiates resvg once per isolate (a failed attempt is retried on the next call). */
export function initResvg(): Promise<void> {
  ready ??= initWasm(resvgWasm).catch((err: unknown) => {
    ready = null;
    throw err;
  });
  return ready;
}

export function resvgRasterizer(): Rasterizer {
  return {
    formats: ['png'],
    async rasterize(svg, size, format) {
      if (format !== 'png') throw new Error(`format: ${format} is not available on Workers (PNG only)`);
      await initResvg();
      const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size.w }, font: { loadSystemFonts: false } });
      const image = resvg.render();
      try {
        return image.asPng();
      } finally {
        image.free();
        resvg.free();
      }
    },
  };
}
