// The same bundled faces as Node (fontsource woff; satori reads woff, not woff2), imported as
// modules so wrangler ships them inside the worker: no file system, no network.
import opentype from 'opentype.js';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff';
import latinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff';
import arabic400 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff';
import arabic700 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff';
import { advanceMeasure, type GlyphFont } from '../../render/measure.ts';
import type { FontFace, Fonts } from '../../render/types.ts';

// Same order as Node's FONT_FILES: the first face holding a glyph measures it, as satori draws it.
const FACES: FontFace[] = [
  { name: 'Noto Sans', data: latin400, weight: 400, style: 'normal' },
  { name: 'Noto Sans', data: latin700, weight: 700, style: 'normal' },
  { name: 'Noto Sans', data: latinExt400, weight: 400, style: 'normal' },
  { name: 'Noto Sans', data: latinExt700, weight: 700, style: 'normal' },
  { name: 'Noto Sans Arabic', data: arabic400, weight: 400, style: 'normal', lang: 'ar-AR' },
  { name: 'Noto Sans Arabic', data: arabic700, weight: 700, style: 'normal', lang: 'ar-AR' },
];

function glyphFont(face: FontFace): GlyphFont {
  const parsed = opentype.parse(face.data);
  return {
    weight: face.weight,
    unitsPerEm: parsed.unitsPerEm,
    advance(cp: number) {
      const g = parsed.charToGlyph(String.fromCodePoint(cp));
      return g.index === 0 ? null : (g.advanceWidth ?? 0);
    },
  };
}

let loaded: Fonts | null = null;

/** Parsed once per isolate. */
export function loadWorkerFonts(): Fonts {
  loaded ??= { faces: FACES, measure: advanceMeasure(FACES.map(glyphFont)) };
  return loaded;
}
