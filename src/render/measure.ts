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
const isRi = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

export function advanceMeasure(fonts: GlyphFont[]): TextMeasure {
  const memo = new Map<number, number>();
  const em = (cp: number, weight: 400 | 700): number => {
    const key = cp * 2 + (weight === 700 ? 1 : 0);
    let w = memo.get(key);
    if (w === undefined) {
      w = 0.6; // unknown glyph: a generous average
      if (cp < 0x20 || (cp >= 0x200b && cp <= 0x200f) || cp === 0x061c) w = 0;
      else {
        // The face of the asked weight first; else any weight (emoji ship at 400 only).
        const face = fonts.find((f) => f.weight === weight && f.advance(cp) !== null) ?? fonts.find((f) => f.advance(cp) !== null);
        if (face) w = face.advance(cp)! / face.unitsPerEm;
      }
      memo.set(key, w);
    }
    return w;
  };
  return (text, fontSize, weight) => {
    let total = 0;
    let prev = 0;
    let pairedRi = false;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      // Emoji sequences draw as one glyph: a flag's second regional indicator, whatever follows a
      // zero-width joiner, skin tones and variation selectors add no width of their own.
      const ri = cp >= 0x1f1e6 && cp <= 0x1f1ff;
      const joined = (ri && isRi(prev) && !pairedRi) || prev === 0x200d || (cp >= 0x1f3fb && cp <= 0x1f3ff && prev > 0x2000) || cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d;
      pairedRi = ri && isRi(prev) && !pairedRi;
      if (!joined) total += em(cp, weight);
      prev = cp;
    }
    return total * fontSize;
  };
}
