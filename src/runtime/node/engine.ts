// The render engine on Node: takumi's native binding (default) or satori + sharp, chosen by
// VITRINE_RENDER_ENGINE. Both draw with the same bundled font files.
import { Renderer } from '@takumi-rs/core';
import { satoriEngine } from '../../render/engines/satori.ts';
import { takumiEngine, type TakumiRenderer } from '../../render/engines/takumi.ts';
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
 * Display sizes up to 300x600 and 970x250 are encoded over node:zlib (faster than takumi's encoder in
 * every same-run bench); larger frames (CTV, 1920x1080) by takumi, which was as fast or faster there
 * in the interleaved bench and writes files half the size.
 */
const PNG_ZLIB_MAX_PIXELS = 300_000;

/**
 * takumi's native renderer. PNG is encoded from its raw pixels over node:zlib (runtime/node/png.ts,
 * several times faster than takumi's own encoder at the same pixels); `ownPng` keeps takumi's
 * encoder (smaller files; the benchmark's baseline row).
 */
export async function takumiNative(fonts: Fonts, opts: { ownPng?: boolean } = {}): Promise<RenderEngine> {
  const renderer = new Renderer();
  for (const f of fonts.faces) {
    await renderer.registerFont({ name: f.name, data: f.data, weight: f.weight, style: f.style, ...(f.unicodeRange ? { unicodeRange: f.unicodeRange } : {}), ...(f.name === 'Noto Emoji' ? { generic: 'emoji' as const } : {}) });
  }
  return takumiEngine(renderer as unknown as TakumiRenderer, { name: 'takumi', formats: ['png', 'webp'], families: families(fonts), ...(opts.ownPng ? {} : { png: encodePng, pngMaxPixels: PNG_ZLIB_MAX_PIXELS }) });
}

export async function nodeEngine(name: EngineName, fonts: Fonts): Promise<RenderEngine> {
  const engine = name === 'satori' ? satoriEngine(fonts, sharpRasterizer(), 'satori') : await takumiNative(fonts);
  // sharp draws the overlay's per-request QR over its cached base (see services/qr-overlay.ts).
  return { ...engine, composite: sharpRasterizer().composite! };
}
