// The same bundled faces as Node (fontsource woff), imported as
// modules so wrangler ships them inside the worker: no file system, no network.
import opentype from 'opentype.js';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff';
import latinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff';
import arabic400 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff';
import arabic700 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff';
import emoji0 from '@fontsource/noto-emoji/files/noto-emoji-0-400-normal.woff';
import emoji1 from '@fontsource/noto-emoji/files/noto-emoji-1-400-normal.woff';
import emoji2 from '@fontsource/noto-emoji/files/noto-emoji-2-400-normal.woff';
import emoji3 from '@fontsource/noto-emoji/files/noto-emoji-3-400-normal.woff';
import emoji4 from '@fontsource/noto-emoji/files/noto-emoji-4-400-normal.woff';
import emoji5 from '@fontsource/noto-emoji/files/noto-emoji-5-400-normal.woff';
import emoji6 from '@fontsource/noto-emoji/files/noto-emoji-6-400-normal.woff';
import emoji7 from '@fontsource/noto-emoji/files/noto-emoji-7-400-normal.woff';
import emoji8 from '@fontsource/noto-emoji/files/noto-emoji-8-400-normal.woff';
import emoji9 from '@fontsource/noto-emoji/files/noto-emoji-9-400-normal.woff';
import emoji10 from '@fontsource/noto-emoji/files/noto-emoji-10-400-normal.woff';
import sansRanges from '@fontsource/noto-sans/unicode.json';
import arabicRanges from '@fontsource/noto-sans-arabic/unicode.json';
import emojiRanges from '@fontsource/noto-emoji/unicode.json';
import { advanceMeasure, type GlyphFont } from '../../render/measure.ts';
import { inRanges, subsetRanges } from '../../render/unicode-range.ts';
import type { FontFace, Fonts } from '../../render/types.ts';

// Same order as Node's FONT_FILES: the first face holding a glyph measures it, as satori draws it.
const latin = subsetRanges(sansRanges, 'latin');
const latinExt = subsetRanges(sansRanges, 'latin-ext');
const arabic = subsetRanges(arabicRanges, 'arabic');
const FACES: FontFace[] = [
  { name: 'Noto Sans', data: latin400, weight: 400, style: 'normal', unicodeRange: latin },
  { name: 'Noto Sans', data: latin700, weight: 700, style: 'normal', unicodeRange: latin },
  { name: 'Noto Sans', data: latinExt400, weight: 400, style: 'normal', unicodeRange: latinExt },
  { name: 'Noto Sans', data: latinExt700, weight: 700, style: 'normal', unicodeRange: latinExt },
  { name: 'Noto Sans Arabic', data: arabic400, weight: 400, style: 'normal', lang: 'ar-AR', unicodeRange: arabic },
  { name: 'Noto Sans Arabic', data: arabic700, weight: 700, style: 'normal', lang: 'ar-AR', unicodeRange: arabic },
  ...[emoji0, emoji1, emoji2, emoji3, emoji4, emoji5, emoji6, emoji7, emoji8, emoji9, emoji10].map(
    (data, i): FontFace => ({ name: 'Noto Emoji', data, weight: 400, style: 'normal', unicodeRange: subsetRanges(emojiRanges, String(i)) }),
  ),
];

function glyphFont(face: FontFace): GlyphFont {
  const parsed = opentype.parse(face.data);
  return {
    weight: face.weight,
    unitsPerEm: parsed.unitsPerEm,
    advance(cp: number) {
      if (face.unicodeRange && !inRanges(cp, face.unicodeRange)) return null;
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
