// The same faces as Node (fontsource woff). Latin and Arabic are imported as modules so wrangler
// ships them inside the worker; the 11 Noto Emoji subsets (~640 KB) are Static Assets read through
// the ASSETS binding at isolate start, to keep the script under the 3 MB gzipped limit.
import opentype from 'opentype.js';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff';
import latinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff';
import arabic400 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff';
import arabic700 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff';
import sansRanges from '@fontsource/noto-sans/unicode.json';
import arabicRanges from '@fontsource/noto-sans-arabic/unicode.json';
import emojiRanges from '@fontsource/noto-emoji/unicode.json';
import { advanceMeasure, type GlyphFont } from '../../render/measure.ts';
import { inRanges, parseUnicodeRange, subsetRanges } from '../../render/unicode-range.ts';
import type { FontFace, Fonts } from '../../render/types.ts';
import type { Logger } from '../../services/deps.ts';
import type { AssetsBinding } from './cf-types.ts';

// Same order as Node's FONT_FILES: the first face holding a glyph measures it, as satori draws it.
const latin = subsetRanges(sansRanges, 'latin');
const latinExt = subsetRanges(sansRanges, 'latin-ext');
const arabic = subsetRanges(arabicRanges, 'arabic');
const BASE_FACES: FontFace[] = [
  { name: 'Noto Sans', data: latin400, weight: 400, style: 'normal', unicodeRange: latin },
  { name: 'Noto Sans', data: latin700, weight: 700, style: 'normal', unicodeRange: latin },
  { name: 'Noto Sans', data: latinExt400, weight: 400, style: 'normal', unicodeRange: latinExt },
  { name: 'Noto Sans', data: latinExt700, weight: 700, style: 'normal', unicodeRange: latinExt },
  { name: 'Noto Sans Arabic', data: arabic400, weight: 400, style: 'normal', lang: 'ar-AR', unicodeRange: arabic },
  { name: 'Noto Sans Arabic', data: arabic700, weight: 700, style: 'normal', lang: 'ar-AR', unicodeRange: arabic },
];

/** Where scripts/worker-assets.mjs puts the emoji subsets in the assets directory. */
export const EMOJI_SUBSETS = 11;
const emojiPath = (i: number) => `/_fonts/noto-emoji-${i}-400-normal.woff`;

/** The emoji faces from the ASSETS binding, in subset order; none (logged) when it is missing or a file fails. */
async function emojiFaces(assets: AssetsBinding | undefined, log: Logger): Promise<FontFace[]> {
  if (!assets) {
    log.warn('fonts: no ASSETS binding, starting without Noto Emoji (emoji render as missing glyphs); see wrangler.toml [assets]');
    return [];
  }
  try {
    const data = await Promise.all(
      Array.from({ length: EMOJI_SUBSETS }, async (_, i) => {
        // The host is never resolved: the binding serves its own directory.
        const res = await assets.fetch(`https://assets.invalid${emojiPath(i)}`);
        if (!res.ok) throw new Error(`${emojiPath(i)}: HTTP ${res.status}`);
        return res.arrayBuffer();
      }),
    );
    log.info(`fonts: ${data.length} Noto Emoji faces loaded from ASSETS`);
    return data.map((d, i): FontFace => ({ name: 'Noto Emoji', data: d, weight: 400, style: 'normal', unicodeRange: subsetRanges(emojiRanges, String(i)) }));
  } catch (err) {
    log.warn('fonts: could not read Noto Emoji from ASSETS, starting without emoji', { err: String(err) });
    return [];
  }
}

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

/** The symbols fallback (DejaVu Sans, as on Node: src/runtime/node/fonts.ts SYMBOLS_FILE), put there by scripts/worker-assets.mjs. */
export const SYMBOLS_PATH = '/_fonts/dejavu-sans-latin-400-normal.woff';
const SYMBOLS_RANGE = 'U+2000-2BFF';

/** The symbols face from the ASSETS binding, or none (logged): ‰, arrows and the like then have no glyph. */
async function symbolsFace(assets: AssetsBinding | undefined, log: Logger): Promise<FontFace[]> {
  if (!assets) return [];
  try {
    const res = await assets.fetch(`https://assets.invalid${SYMBOLS_PATH}`);
    if (!res.ok) throw new Error(`${SYMBOLS_PATH}: HTTP ${res.status}`);
    const data = await res.arrayBuffer();
    log.info('fonts: the symbols face (DejaVu Sans) loaded from ASSETS');
    return [{ name: 'DejaVu Sans', data, weight: 400, style: 'normal', unicodeRange: parseUnicodeRange(SYMBOLS_RANGE) }];
  } catch (err) {
    log.warn('fonts: could not read the symbols font from ASSETS, starting without it', { err: String(err) });
    return [];
  }
}

let loaded: Promise<Fonts> | null = null;

/** Read and parsed once per isolate (first request); the emoji faces and then the symbols come last, as on Node. */
export function loadWorkerFonts(assets: AssetsBinding | undefined, log: Logger): Promise<Fonts> {
  loaded ??= Promise.all([emojiFaces(assets, log), symbolsFace(assets, log)]).then(([emoji, symbols]) => {
    const faces = [...BASE_FACES, ...emoji, ...symbols];
    return { faces, measure: advanceMeasure(faces.map(glyphFont)) };
  });
  return loaded;
}
