// What a template is handed and what render needs from the runtime. No runtime imports.
import type { Lang, Size, TemplateId } from '../domain/types.ts';

export interface ProductSlot {
  id: string;
  title: string;
  brand: string | null;
  /** `data:` URI of the product photo, or null when none could be loaded. */
  image: string | null;
  /** Formatted final price, e.g. `SAR 1,299.00` or `١٬٢٩٩٫٠٠ ر.س.`. */
  price: string;
  /** Formatted regular price when discounted (shown struck through). */
  regularPrice: string | null;
  /** Short badge such as `-20%` or `Only 3 left`. */
  badge: string | null;
}

/** The campaign's brand kit as a template draws it (the built-in look when the campaign names none). */
export interface BrandStyle {
  name: string;
  /** Logo: a stored asset id in drafts, a `data:` URI once resolved; null = the name is drawn as text. */
  logo: string | null;
  primary: string;
  secondary: string;
  /** Body text and the canvas behind it. */
  text: string;
  background: string;
  accent: string;
  cta: { shape: 'rounded' | 'pill' | 'square'; background: string; text: string; uppercase: boolean };
  /** Stored asset ids of the kit's uploaded fonts per script (drawn under `kitFontFamily(id)`); null = bundled Noto. */
  fonts: { latin: string | null; arabic: string | null };
}

/** Everything a template draws; the same slots feed the image and the HTML unit. */
export interface Slots {
  template: TemplateId;
  size: Size;
  lang: Lang;
  dir: 'ltr' | 'rtl';
  headline: string;
  subline: string | null;
  cta: string;
  /** Promo line such as `Riyadh weekend: 20% off with code RIY20`. */
  promo: string | null;
  /** Advertiser name shown as the logo text. */
  brandName: string;
  brandColor: string;
  /** The brand kit: logo, colours, fonts per script, CTA style. */
  brand: BrandStyle;
  /** The running promo's code, drawn whole wherever the promo is shown. */
  promoCode: string | null;
  /** 1 product for hero/promo, up to 4 for carousel. */
  products: ProductSlot[];
  /** Fallback creative: no product, headline + CTA only. */
  fallback: boolean;
  /** CTV overlay: the short signed URL its QR code encodes. */
  qr?: string | null;
}

/** A satori-compatible element: `{ type, props: { style, children, ... } }`. */
export interface VNode {
  type: string;
  props: Record<string, unknown> & { children?: VChild | VChild[]; style?: Record<string, string | number> };
  key?: string | number | null;
}
export type VChild = VNode | string | number | null | undefined | false;

export interface FontFace {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: 'normal';
  lang?: string;
  /** Code points this file serves (fontsource subsets split one family over several files). */
  unicodeRange?: Array<[number, number]>;
}

/** Measures text advance width in px for a font size, for fitting copy into boxes. */
export type TextMeasure = (text: string, fontSize: number, weight: 400 | 700) => number;

export interface Fonts {
  faces: FontFace[];
  measure: TextMeasure;
}

export interface Template {
  id: TemplateId;
  /** Bump when the layout changes: part of the render cache key. */
  version: number;
  /** `measure` may be a FitMeasure collecting the fit report (see render/fit.ts). */
  render(slots: Slots, ctx: { measure: TextMeasure }): VNode;
}

/** Port the renderer reads a brand kit's uploaded fonts through (stored asset ids → font bytes). */
export interface FontSource {
  /** The font file (TTF, OTF or WOFF) stored under `assetId`, or null when there is none. */
  fontBytes(assetId: string): Promise<ArrayBuffer | null>;
}

/** SVG → pixels (sharp on Node, resvg-wasm where needed): what the satori engine and the demo photos use. */
export interface Rasterizer {
  readonly formats: ReadonlyArray<'png' | 'webp'>;
  rasterize(svg: string, size: Size, format: 'png' | 'webp'): Promise<Uint8Array>;
  /** Draws a small SVG layer over an already rasterized PNG (the overlay's per-request QR); optional. */
  composite?(basePng: Uint8Array, layer: { svg: string; left: number; top: number }, format: 'png' | 'webp'): Promise<Uint8Array>;
}

export type RasterFormat = 'png' | 'webp';

/**
 * Encoded pictures (PNG or JPEG bytes) by the `<img src>` key the tree names them with, for an
 * engine that decodes pictures itself (`RenderEngine.decodesPictures`): no base64 `data:` URI
 * round trip, and a photo already at creative scale is decoded and scaled once, by the engine.
 */
export type PictureMap = ReadonlyMap<string, Uint8Array>;

/**
 * The render engine port: a template tree → pixels or a vector document. takumi (native on Node,
 * WebAssembly on Workers) or satori + a Rasterizer; the runtime picks one (VITRINE_RENDER_ENGINE).
 */
export interface RenderEngine {
  readonly name: string;
  /** Raster formats this engine encodes on this runtime. */
  readonly rasterFormats: ReadonlyArray<RasterFormat>;
  /** True when the engine decodes PNG and JPEG bytes itself (the `pictures` argument of `raster`). */
  readonly decodesPictures?: boolean;
  /**
   * `extra`: faces for this creative only (a brand kit's fonts), tried before the bundled ones.
   * `pictures`: encoded pictures by `<img src>` (only for an engine that `decodesPictures`).
   */
  raster(tree: VNode, size: Size, format: RasterFormat, extra?: FontFace[], pictures?: PictureMap): Promise<Uint8Array>;
  /** A self-contained SVG with text as shaped glyph outlines (no font needed to view it). */
  svg(tree: VNode, size: Size, extra?: FontFace[]): Promise<string>;
  /** Draws a small SVG layer over an already drawn PNG (the overlay's per-request QR); absent where there is no image library. */
  composite?(basePng: Uint8Array, layer: { svg: string; left: number; top: number }, format: RasterFormat): Promise<Uint8Array>;
}
