// Slots → image bytes in the requested format: SVG from satori, pixels from the rasterizer port.
import type { TemplateId } from '../domain/types.ts';
import { renderSvg } from './svg.ts';
import type { FontFace, Fonts, Rasterizer, Slots, Template } from './types.ts';

export interface ImageDeps {
  fonts: Fonts;
  templates: Record<TemplateId, Template>;
  rasterizer: Rasterizer;
  /** A brand kit's uploaded fonts for this creative. */
  kitFaces?: FontFace[];
}

export interface RenderedImage {
  bytes: Uint8Array;
  contentType: string;
}

export const IMAGE_TYPES = { png: 'image/png', webp: 'image/webp', svg: 'image/svg+xml' } as const;

export async function renderImage(slots: Slots, format: 'png' | 'webp' | 'svg', deps: ImageDeps): Promise<RenderedImage> {
  const svg = await renderSvg(slots, deps);
  if (format === 'svg') return { bytes: new TextEncoder().encode(svg), contentType: IMAGE_TYPES.svg };
  if (!deps.rasterizer.formats.includes(format)) throw new Error(`format: this runtime cannot produce ${format}`);
  const bytes = await deps.rasterizer.rasterize(svg, slots.size, format);
  return { bytes, contentType: IMAGE_TYPES[format] };
}
