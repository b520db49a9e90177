// The render engine on Workers: takumi's WebAssembly build, imported as a precompiled module
// (Workers refuse to compile WebAssembly from bytes). It encodes PNG and WebP and writes SVG with
// text as shaped glyph outlines. satori + resvg are not bundled: takumi's 1.7 MB gzipped wasm
// plus theirs would pass the 3 MB Workers limit (README, Runtimes).
import { initSync, Renderer } from '@takumi-rs/wasm';
import takumiWasm from '@takumi-rs/wasm/auto';
import { takumiEngine, type TakumiRenderer } from '../../render/engines/takumi.ts';
import type { Fonts, RenderEngine } from '../../render/types.ts';
import { woffToSfnt } from '../../render/woff.ts';

let engine: Promise<RenderEngine> | null = null;

async function build(fonts: Fonts): Promise<RenderEngine> {
  initSync({ module: takumiWasm });
  const renderer = new Renderer();
  for (const f of fonts.faces) {
    // The wasm build reads sfnt, not WOFF: unwrap the fontsource files first.
    await renderer.registerFont({ name: f.name, data: await woffToSfnt(f.data), weight: f.weight, style: f.style, ...(f.unicodeRange ? { unicodeRange: f.unicodeRange } : {}), ...(f.name === 'Noto Emoji' ? { generic: 'emoji' as const } : {}) });
  }
  const families = [...new Set(fonts.faces.map((f) => f.name))];
  return takumiEngine(renderer as unknown as TakumiRenderer, { name: 'takumi-wasm', formats: ['png', 'webp'], families });
}

/** One renderer per isolate (a failed start is retried on the next request). */
export function workerEngine(fonts: Fonts): Promise<RenderEngine> {
  engine ??= build(fonts).catch((err: unknown) => {
    engine = null;
    throw err;
  });
  return engine;
}
