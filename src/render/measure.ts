// Text width from glyph advances, per code point, memoized. Pure: fonts are handed in.
import type { TextMeasure } from './types.ts';

export interface GlyphFont {
  weight: 400 | 700;
  unitsPerEm: number;
  /** Advance in font units, or null when the font has no glyph for the code point. */
  advance(codePoint: number): number | null;
}

/**
 * Sums advances without shaping or kerning. Unshaped Arabic (isolated forms) measures a
 * little wider than the joined, shaped text satori draws, so fitting errs on the safe side.
 */
export function advanceMeasure(fonts: GlyphFont[]): TextMeasure {
  const memo = new Map<number, number>();
  const em = (cp: number, weight: 400 | 700): number => {
    const key = cp * 2 + (weight === 700 ? 1 : 0);
    let w = memo.get(key);
    if (w === undefined) {
      w = 0.6; // unknown glyph: a generous average
      if (cp < 0x20 || (cp >= 0x200b && cp <= 0x200f) || cp === 0x061c) w = 0;
      else
        for (const f of fonts) {
          if (f.weight !== weight) continue;
          const a = f.advance(cp);
          if (a !== null) {
            w = a / f.unitsPerEm;
            break;
          }
        }
      memo.set(key, w);
    }
    return w;
  };
  return (text, fontSize, weight) => {
    let total = 0;
    for (const ch of text) total += em(ch.codePointAt(0)!, weight);
    return total * fontSize;
  };
}
