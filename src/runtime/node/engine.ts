// The render engine on Node: takumi's native binding (default) or satori + sharp, chosen by
// VITRINE_RENDER_ENGINE. Both draw with the same bundled font files.
import { Renderer } from '@takumi-rs/core';
import { satoriEngine } from '../../render/engines/satori.ts';
import { takumiEngine, type PngEncoder, type TakumiRenderer } from '../../render/engines/takumi.ts';
import type { Fonts, RenderEngine } from '../../render/types.ts';
import { encodePng } from './png.ts';
import { sharpRasterizer } from './rasterizer.ts';

export const ENGINES = ['takumi', 'satori'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The engine a setting names; unset means takumi. An unknown name stops the start with the accepted values. */
export function engineName(value: string | undefined): EngineName {
  if (value === undefined || value === '') return 'takumi';
  const found = ENGINES.find((e) => e === value);
  if (!found) throw new Error(`VITRINE_RENDER_ENGINE must be one of ${ENGINES.join(', ')}, got "${value}"`);
  return found;
}

/** Family order for fallback: Latin, then Arabic, then emoji (a face lacking a glyph passes it on). */
export function families(fonts: Fonts): string[] {
  return [...new Set(fonts.faces.map((f) => f.name))];
}

/**
 * takumi's native renderer. PNG of every size is encoded from its raw pixels over node:zlib
 * (runtime/node/png.ts: faster than takumi's own encoder at every size in the same-run benches,
 * bench/engines.ts and bench/hd.ts; large frames as RGB when opaque, deflated in parts on the
 * pool, files ~1.4× takumi's); `ownPng` keeps takumi's encoder and `png` sets another, `viaWrapper`
 * hands trees to takumi's JS wrapper (the benchmarks' baseline rows).
 */
export async function takumiNative(fonts: Fonts, opts: { ownPng?: boolean; png?: PngEncoder; viaWrapper?: boolean } = {}): Promise<RenderEngine> {
  const renderer = await takumiRenderer(fonts);
  const png = opts.ownPng ? {} : { png: opts.png ?? encodePng };
  return takumiEngine(opts.viaWrapper ? (renderer as unknown as TakumiRenderer) : direct(renderer), { name: 'takumi', formats: ['png', 'webp'], families: families(fonts), ...png });
}

/** takumi's native class under its JS wrapper (`Renderer.inner` in @takumi-rs/core 2.16.x). */
interface NativeRenderer {
  render(source: string, options: object): Promise<Uint8Array>;
}

/**
 * The renderer handing the native binding the tree as JSON serialized here. takumi's wrapper
 * serializes it with a replacer that checks every key and value (1.29 vs 1.22 ms per 300x250
 * demo render, measured interleaved; 0.58 vs 0.24 ms of main-thread time at 1920x1080) to fall back to the object form where JSON would change a value;
 * Vitrine's trees are plain strings and numbers (takumi-tree.ts), so plain JSON.stringify is the
 * same JSON, and the rare tree where it is not (a lone surrogate, which JSON escapes and the native
 * parser refuses; a non-finite number, which JSON turns into null) goes through the wrapper as before.
 * Fonts are registered through the wrapper, and options are what it would pass on (images as bytes,
 * the family chain always given). Without `inner` (another takumi version) everything uses the wrapper.
 */
function direct(renderer: Renderer): TakumiRenderer {
  const wrapped = renderer as unknown as TakumiRenderer;
  const inner = (renderer as unknown as { inner?: NativeRenderer }).inner;
  if (!inner || typeof inner.render !== 'function') return wrapped;
  return {
    registerFont: (font) => wrapped.registerFont(font),
    renderSvg: (node, options) => wrapped.renderSvg(node, options),
    render(node, options) {
      const json = JSON.stringify(node);
      if (json.includes('null') || /\\ud[89a-f]/i.test(json)) return wrapped.render(node, options);
      return inner.render(json, options);
    },
  };
}

/** A native takumi renderer with the bundled faces registered (the engine's, and the 1920x1080 bench's). */
export async function takumiRenderer(fonts: Fonts): Promise<Renderer> {
  const renderer = new Renderer();
  for (const f of fonts.faces) {
    await renderer.registerFont({ name: f.name, data: f.data, weight: f.weight, style: f.style, ...(f.unicodeRange ? { unicodeRange: f.unicodeRange } : {}), ...(f.name === 'Noto Emoji' ? { generic: 'emoji' as const } : {}) });
  }
  return renderer;
}

export async function nodeEngine(name: EngineName, fonts: Fonts): Promise<RenderEngine> {
  const engine = name === 'satori' ? satoriEngine(fonts, sharpRasterizer(), 'satori') : await takumiNative(fonts);
  // sharp draws the overlay's per-request QR over its cached base (see services/qr-overlay.ts).
  return { ...engine, composite: sharpRasterizer().composite! };
}
