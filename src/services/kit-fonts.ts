// A brand kit's uploaded fonts, read from stored assets through the renderer's FontSource port,
// parsed once per font set (a bounded LRU) into the three things a creative needs from them:
// faces the engine draws with, glyph advances the fitter measures with (so a wide brand face is
// fitted as wide as it draws), and @font-face sources for the HTML unit (the same files, so the
// browser draws the same face as the PNG). TTF, OTF, WOFF and WOFF2 are read by fontkit (pure JS,
// Node and Workers alike); the engine is handed sfnt (WOFF unwrapped) or WOFF2, which takumi reads.
import * as fontkit from 'fontkit';
import { Lru } from '../privacy/lru.ts';
import { kitFontFamily } from '../render/brand.ts';
import { assetPath } from './authoring/kits.ts';
import type { FontEmbed } from '../render/html.ts';
import { kitMeasure, type KitGlyphs } from '../render/measure.ts';
import type { BrandStyle, FontFace, FontSource, TextMeasure } from '../render/types.ts';
import { woffToSfnt } from '../render/woff.ts';
import type { Store } from '../storage/port.ts';

const FONT_TYPES = new Set(['font/ttf', 'font/otf', 'font/woff', 'font/woff2', 'font/sfnt', 'application/font-woff', 'application/x-font-ttf', 'application/octet-stream']);
/** Fonts up to this size are inlined into the HTML unit as data: URIs; larger ones are linked. */
export const INLINE_FONT_MAX = 32 * 1024;
/** Stands for the serving origin in a cached HTML unit; swapped per request with the signed links. */
export const ORIGIN_MARK = '__VITRINE_ORIGIN__';

/** Stored assets as font files: only font content types are read as fonts. */
export function storeFontSource(store: Pick<Store, 'getAsset'>): FontSource {
  return {
    async fontBytes(assetId) {
      const a = await store.getAsset(assetId);
      if (!a || !FONT_TYPES.has(a.contentType)) return null;
      const bytes = a.bytes;
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}

type FileKind = 'truetype' | 'opentype' | 'woff' | 'woff2';

export function fontKind(data: ArrayBuffer): FileKind | null {
  if (data.byteLength < 4) return null;
  const tag = String.fromCharCode(...new Uint8Array(data, 0, 4));
  return tag === '\x00\x01\x00\x00' || tag === 'true' ? 'truetype' : tag === 'OTTO' ? 'opentype' : tag === 'wOFF' ? 'woff' : tag === 'wOF2' ? 'woff2' : null;
}

/** The glyph coverage and advances of one font file (any of the four kinds), for the fitter. */
export function kitGlyphs(data: ArrayBuffer): KitGlyphs & { weight: number } {
  const parsed = fontkit.create(new Uint8Array(data) as unknown as Buffer);
  if (!('glyphForCodePoint' in parsed)) throw new Error('font: a font collection, not one font');
  const font = parsed;
  const upm = font.unitsPerEm || 1000;
  // The OS/2 weight class (400 regular, 700 bold); a file without one is taken as regular.
  const w = Number((font as unknown as { 'OS/2'?: { usWeightClass?: number } })['OS/2']?.usWeightClass);
  return {
    weight: w >= 1 && w <= 1000 ? w : 400,
    has: (cp) => font.hasGlyphForCodePoint(cp),
    em: (cp) => font.glyphForCodePoint(cp).advanceWidth / upm,
  };
}

/** One readable kit font: what the engine draws, what the fitter measures, what the HTML links. */
interface KitFile {
  id: string;
  family: string;
  draw: ArrayBuffer;
  glyphs: KitGlyphs;
  embed: FontEmbed;
}

/** A brand kit's fonts, ready for one creative. */
export interface LoadedKit {
  /** Faces for the engine, both weights from each file, tried before the bundled fonts. */
  faces: FontFace[];
  /** The measure for a language: the kit's fonts in the unit's stack order, then the bundled ones. */
  measure(lang: 'en' | 'ar', base: TextMeasure): TextMeasure;
  /** @font-face sources for the HTML unit. */
  embeds: FontEmbed[];
}

const EMPTY: LoadedKit = { faces: [], measure: (_l, base) => base, embeds: [] };

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

async function readFile(source: FontSource, id: string, drawsWoff2: boolean): Promise<KitFile | null> {
  const data = await source.fontBytes(id).catch(() => null);
  const kind = data ? fontKind(data) : null;
  if (!data || !kind || (kind === 'woff2' && !drawsWoff2)) return null;
  const glyphs = kitGlyphs(data);
  // takumi's WebAssembly build reads sfnt and WOFF2, not WOFF: unwrap WOFF once here.
  const draw = kind === 'woff' ? await woffToSfnt(data) : data;
  const mime = { truetype: 'font/ttf', opentype: 'font/otf', woff: 'font/woff', woff2: 'font/woff2' }[kind];
  // Small files travel inside the unit; larger ones from the content-addressed asset URL (immutable, long cache).
  const src = data.byteLength <= INLINE_FONT_MAX ? `data:${mime};base64,${base64(new Uint8Array(data))}` : `${ORIGIN_MARK}${assetPath(id)}`;
  return { id, family: kitFontFamily(id), draw, glyphs, embed: { family: kitFontFamily(id), src, format: kind, weight: glyphs.weight } };
}

/**
 * Reads the kit's font files. A font that cannot be read (missing, not a font, corrupt, or WOFF2
 * for an engine that cannot draw it) is left out everywhere: the bundled Noto draws and measures instead.
 */
export async function loadKit(b: BrandStyle, source: FontSource, drawsWoff2: boolean): Promise<LoadedKit> {
  const ids = [...new Set([b.fonts.latin, b.fonts.arabic].filter((x): x is string => !!x))];
  const files = new Map<string, KitFile>();
  for (const id of ids) {
    const f = await readFile(source, id, drawsWoff2).catch(() => null);
    if (f) files.set(id, f);
  }
  if (files.size === 0) return EMPTY;
  const faces = [...files.values()].flatMap((f) => ([400, 700] as const).map((weight): FontFace => ({ name: f.family, data: f.draw, weight, style: 'normal', ...(f.id === b.fonts.arabic ? { lang: 'ar-AR' } : {}) })));
  // The same order as the unit's font stack (templates/parts.tsx fontStack): the reading script's font first.
  const order = (lang: 'en' | 'ar') => (lang === 'ar' ? [b.fonts.arabic, b.fonts.latin] : [b.fonts.latin, b.fonts.arabic]).flatMap((id) => (id && files.has(id) ? [files.get(id)!.glyphs] : []));
  // Memoized per language and base measure: the kit measure memoizes code point owners.
  const byLang = new Map<string, { base: TextMeasure; m: TextMeasure }>();
  return {
    faces,
    measure(lang, base) {
      let hit = byLang.get(lang);
      if (!hit || hit.base !== base) byLang.set(lang, (hit = { base, m: kitMeasure(order(lang), base) }));
      return hit.m;
    },
    embeds: [...files.values()].map((f) => f.embed),
  };
}

export class KitFonts {
  private readonly cache = new Lru<string, Promise<LoadedKit>>(16);

  /** `drawsWoff2`: the engine reads WOFF2 (takumi does, satori does not: WOFF2 faces are then left out). */
  constructor(
    private readonly source: FontSource,
    private readonly drawsWoff2 = true,
  ) {}

  load(b: BrandStyle): Promise<LoadedKit> {
    if (!b.fonts.latin && !b.fonts.arabic) return Promise.resolve(EMPTY);
    const key = `${b.fonts.latin ?? ''}|${b.fonts.arabic ?? ''}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = loadKit(b, this.source, this.drawsWoff2);
      this.cache.set(key, hit);
    }
    return hit;
  }
}
