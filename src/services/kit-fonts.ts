// A brand kit's uploaded fonts, read from stored assets through the renderer's FontSource port
// and kept parsed-ready per font set (a bounded LRU), so satori sees the same array each time.
import { Lru } from '../privacy/lru.ts';
import { kitFaces } from '../render/brand.ts';
import type { BrandStyle, FontFace, FontSource } from '../render/types.ts';
import type { Store } from '../storage/port.ts';

const FONT_TYPES = new Set(['font/ttf', 'font/otf', 'font/woff', 'font/sfnt', 'application/font-woff', 'application/x-font-ttf', 'application/octet-stream']);

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

export class KitFonts {
  private readonly cache = new Lru<string, Promise<FontFace[]>>(16);

  constructor(private readonly source: FontSource) {}

  faces(b: BrandStyle): Promise<FontFace[]> {
    if (!b.fonts.latin && !b.fonts.arabic) return Promise.resolve([]);
    const key = `${b.fonts.latin ?? ''}|${b.fonts.arabic ?? ''}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = kitFaces(b, this.source);
      this.cache.set(key, hit);
    }
    return hit;
  }
}
