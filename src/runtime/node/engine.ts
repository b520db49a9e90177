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
 * takumi's native renderer. PNG of every size is encoded from its raw pixels over node:zlib
 * (runtime/node/png.ts: faster than takumi's own encoder at every size in the same-run benches,
 * bench/engines.ts and bench/hd.ts; large frames as RGB when opaque, deflated in parts on the
 * pool, files ~1.4× takumi's); `ownPng` keeps takumi's encoder (the benchmarks' baseline row).
 */
export async function takumiNative(fonts: Fonts, opts: { ownPng?: boolean } = {}): Promise<RenderEngine> {
  const renderer = await takumiRenderer(fonts);
  return takumiEngine(renderer as unknown as TakumiRenderer, { name: 'takumi', formats: ['png', 'webp'], families: families(fonts), ...(opts.ownPng ? {} : { png: encodePng }) });
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
