// Bundled fonts (fontsource woff files; satori reads woff, not woff2) and a glyph-advance
// text measure for fitting copy. Read once per process from node_modules: no network.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import { advanceMeasure, type GlyphFont } from '../../render/measure.ts';
import { inRanges, parseUnicodeRange, subsetRanges } from '../../render/unicode-range.ts';
import type { FontFace, Fonts } from '../../render/types.ts';

const require = createRequire(import.meta.url);

/** The code points the symbols fallback serves (general punctuation … miscellaneous symbols and arrows). */
export const SYMBOLS_RANGE = 'U+2000-2BFF';

export interface FontFile {
  name: string;
  pkg: string;
  file: string;
  /** The fontsource subset the file holds (its unicode-range). */
  subset: string;
  weight: 400 | 700;
  lang?: string;
  /** CSS unicode-range the file serves, where the package lists none for its subset. */
  range?: string;
}

/**
 * Last in the chain: symbols no Noto file here has (‰ ‱ № ℃ ≤ ≥ ≈ ≠ √ ∞ arrows ✓ ✗ ★ ⅓ ‒ ― ‡), from
 * DejaVu Sans, limited to the punctuation and symbol blocks so it never draws a letter. One
 * weight: bold copy is emboldened from it (takumi and browsers alike synthesize it).
 */
export const SYMBOLS_FILE: FontFile = { name: 'DejaVu Sans', pkg: '@fontsource/dejavu-sans', file: 'dejavu-sans-latin-400-normal.woff', subset: 'symbols', weight: 400, range: SYMBOLS_RANGE };

/** fontsource's Noto Emoji subsets ([0]..[10] in its unicode.json): every emoji, 640 KB of woff. */
export const EMOJI_SUBSETS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

// Order matters for measuring: the first face holding a glyph measures it, as satori draws it.
export const FONT_FILES: FontFile[] = [
  { name: 'Noto Sans', pkg: '@fontsource/noto-sans', file: 'noto-sans-latin-400-normal.woff', subset: 'latin', weight: 400 },
  { name: 'Noto Sans', pkg: '@fontsource/noto-sans', file: 'noto-sans-latin-700-normal.woff', subset: 'latin', weight: 700 },
  { name: 'Noto Sans', pkg: '@fontsource/noto-sans', file: 'noto-sans-latin-ext-400-normal.woff', subset: 'latin-ext', weight: 400 },
  { name: 'Noto Sans', pkg: '@fontsource/noto-sans', file: 'noto-sans-latin-ext-700-normal.woff', subset: 'latin-ext', weight: 700 },
  { name: 'Noto Sans Arabic', pkg: '@fontsource/noto-sans-arabic', file: 'noto-sans-arabic-arabic-400-normal.woff', subset: 'arabic', weight: 400, lang: 'ar-AR' },
  { name: 'Noto Sans Arabic', pkg: '@fontsource/noto-sans-arabic', file: 'noto-sans-arabic-arabic-700-normal.woff', subset: 'arabic', weight: 700, lang: 'ar-AR' },
  // Emoji last: monochrome Noto Emoji, fontsource's unicode-range subsets (digits, # and * in
  // subset 2 are never reached: Noto Sans has them first).
  ...EMOJI_SUBSETS.map((n): FontFile => ({ name: 'Noto Emoji', pkg: '@fontsource/noto-emoji', file: `noto-emoji-${n}-400-normal.woff`, subset: String(n), weight: 400 })),
  SYMBOLS_FILE,
];

/** The CSS unicode-range text of a file: its own, or fontsource's for its subset. */
export function fileRange(f: FontFile): string {
  if (f.range) return f.range;
  const ranges = require(`${f.pkg}/unicode.json`) as Record<string, string>;
  return ranges[f.subset] ?? ranges[`[${f.subset}]`] ?? '';
}

export function fontPath(f: FontFile): string {
  return require.resolve(`${f.pkg}/files/${f.file}`);
}

export async function loadNodeFonts(): Promise<Fonts> {
  const loaded = await Promise.all(
    FONT_FILES.map(async (f) => {
      const buf = await readFile(fontPath(f));
      const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
      const unicodeRange = f.range ? parseUnicodeRange(f.range) : subsetRanges(require(`${f.pkg}/unicode.json`) as Record<string, string>, f.subset);
      const face: FontFace = { name: f.name, data, weight: f.weight, style: 'normal', unicodeRange, ...(f.lang ? { lang: f.lang } : {}) };
      const parsed = opentype.parse(data);
      const glyph: GlyphFont = {
        weight: f.weight,
        unitsPerEm: parsed.unitsPerEm,
        advance(cp: number) {
          // Measured as drawn: a file answers only for its own subset's code points.
          if (!inRanges(cp, unicodeRange)) return null;
          const g = parsed.charToGlyph(String.fromCodePoint(cp));
          return g.index === 0 ? null : (g.advanceWidth ?? 0);
        },
      };
      return { face, glyph };
    }),
  );
  return { faces: loaded.map((l) => l.face), measure: advanceMeasure(loaded.map((l) => l.glyph)) };
}
