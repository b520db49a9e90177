// The output formats, in one place: content type, whether the format needs the render engine's
// rasterizer, and how it renders. Adding a format means an entry here and its renderer; routes,
// the Worker and the replay URLs all read this table.
import type { Format, TemplateId } from '../domain/types.ts';
import { renderHtml, type FontEmbed } from './html.ts';
import { templateTree } from './tree.ts';
import type { FontFace, Fonts, PictureMap, RasterFormat, RenderEngine, Slots, Template, VNode } from './types.ts';

export interface RenderContext {
  fonts: Fonts;
  templates: Record<TemplateId, Template>;
  engine: RenderEngine;
  /** Placeholders the HTML unit carries for the per-request click and impression URLs. */
  marks: { click: string; impression: string };
  /** Faces for this creative only (a brand kit's fonts), drawn before the bundled ones. */
  extraFaces?: FontFace[];
  /** Encoded pictures the slots name by `<img src>` (raster formats from an engine that `decodesPictures`). */
  pictures?: PictureMap;
  /** The same fonts as the HTML unit loads them (@font-face). */
  fontEmbeds?: FontEmbed[];
  /** The template tree of these slots when the caller laid it out already (to read where pictures are drawn). */
  tree?: VNode;
}

export interface OutputFormat {
  contentType: string;
  /** Needs pixels from the engine; such a format is offered only where the engine encodes it. */
  raster: boolean;
  /** Drawn by the render engine (pixels or glyph outlines): which engine drew it is part of its cache key. */
  byEngine: boolean;
  /** Slots → bytes; null for `json`, which the route answers with the decision itself. */
  render: ((slots: Slots, ctx: RenderContext) => Promise<Uint8Array>) | null;
}

const tree = (slots: Slots, ctx: RenderContext) => ctx.tree ?? templateTree(slots, { templates: ctx.templates, measure: ctx.fonts.measure });
const utf8 = (s: string) => new TextEncoder().encode(s);

export const OUTPUT_FORMATS = {
  png: { contentType: 'image/png', raster: true, byEngine: true, render: (s, ctx) => ctx.engine.raster(tree(s, ctx), s.size, 'png', ctx.extraFaces, ctx.pictures) },
  webp: { contentType: 'image/webp', raster: true, byEngine: true, render: (s, ctx) => ctx.engine.raster(tree(s, ctx), s.size, 'webp', ctx.extraFaces, ctx.pictures) },
  svg: { contentType: 'image/svg+xml', raster: false, byEngine: true, render: async (s, ctx) => utf8(await ctx.engine.svg(tree(s, ctx), s.size, ctx.extraFaces)) },
  html: {
    contentType: 'text/html; charset=utf-8',
    raster: false,
    byEngine: false,
    async render(s, ctx) {
      const html = renderHtml(s, { templates: ctx.templates, measure: ctx.fonts.measure, clickHref: ctx.marks.click, ...(ctx.fontEmbeds?.length ? { fonts: ctx.fontEmbeds } : {}) });
      return utf8(html.replace('</body>', `<img src="${ctx.marks.impression}" width="1" height="1" alt="" style="position:absolute;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none"></body>`));
    },
  },
  json: { contentType: 'application/json; charset=UTF-8', raster: false, byEngine: false, render: null },
} as const satisfies Record<Format, OutputFormat>;

export type RenderedFormat = Exclude<Format, 'json'>;

/** A format the engine encodes as pixels (the registry's `raster` flag, as a type guard). */
export function isRaster(f: RenderedFormat): f is RasterFormat {
  return OUTPUT_FORMATS[f].raster;
}

/** The format this engine can actually serve for a request: a raster format the engine cannot encode is served as PNG, and says so. */
export function servedFormat(wanted: RenderedFormat, engine: RenderEngine): { format: RenderedFormat; substituted: string | null } {
  const f = OUTPUT_FORMATS[wanted];
  if (!f.raster || engine.rasterFormats.includes(wanted as 'png' | 'webp')) return { format: wanted, substituted: null };
  return { format: 'png', substituted: `${wanted} is not available from the ${engine.name} engine; served png` };
}

export async function renderFormat(slots: Slots, format: RenderedFormat, ctx: RenderContext): Promise<{ bytes: Uint8Array; contentType: string }> {
  const f: OutputFormat = OUTPUT_FORMATS[format];
  if (!f.render) throw new Error(`format: ${format} is not rendered from slots`);
  return { bytes: await f.render(slots, ctx), contentType: f.contentType };
}
