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

/** One uploaded font as the fitter measures it: whether it holds a code point, and its advance in em. */
export interface KitGlyphs {
  has(codePoint: number): boolean;
  /** Advance in em (the one file serves both weights). */
  em(codePoint: number): number;
}

/**
 * A measure that reads the brand kit's fonts first, in the order the unit's font stack names them,
 * and hands every run of code points none of them holds to `base` (the bundled fonts): the text is
 * measured with the face that draws it, so a wide brand face cannot overflow a box fitted for Noto.
 */
export function kitMeasure(kits: KitGlyphs[], base: TextMeasure): TextMeasure {
  if (kits.length === 0) return base;
  const owner = new Map<number, KitGlyphs | null>();
  const find = (cp: number) => {
    let k = owner.get(cp);
    if (k === undefined) {
      k = kits.find((f) => f.has(cp)) ?? null;
      owner.set(cp, k);
    }
    return k;
  };
  return (text, fontSize, weight) => {
    let total = 0;
    let run = '';
    for (const ch of text) {
      const k = find(ch.codePointAt(0)!);
      if (!k) {
        run += ch;
        continue;
      }
      if (run) total += base(run, fontSize, weight);
      run = '';
      total += k.em(ch.codePointAt(0)!) * fontSize;
    }
    return run ? total + base(run, fontSize, weight) : total;
  };
}
