// Slots → image bytes through the render engine port (kept for callers that want an image only).
import type { TemplateId } from '../domain/types.ts';
import { OUTPUT_FORMATS, renderFormat } from './formats.ts';
import type { FontFace, Fonts, PictureMap, RenderEngine, Slots, Template } from './types.ts';

export interface ImageDeps {
  fonts: Fonts;
  templates: Record<TemplateId, Template>;
  engine: RenderEngine;
  /** Faces for this creative only (a brand kit's fonts). */
  extraFaces?: FontFace[];
  /** Decoded pictures the slots name by `<img src>` (an engine that `takesPixels`). */
  pictures?: PictureMap;
}

export interface RenderedImage {
  bytes: Uint8Array;
  contentType: string;
}

export const IMAGE_TYPES = { png: OUTPUT_FORMATS.png.contentType, webp: OUTPUT_FORMATS.webp.contentType, svg: OUTPUT_FORMATS.svg.contentType } as const;

export function renderImage(slots: Slots, format: 'png' | 'webp' | 'svg', deps: ImageDeps): Promise<RenderedImage> {
  return renderFormat(slots, format, { ...deps, marks: { click: '', impression: '' } });
}
