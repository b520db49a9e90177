// Synthetic font files made in the test with opentype.js: every glyph a box of a chosen advance,
// so a test can tell which face drew a line (and how wide it was) from pixels alone.
import opentype from 'opentype.js';

export interface BoxFontOpts {
  family: string;
  /** Advance of every mapped glyph, in em (Noto Sans averages about 0.55). */
  advance: number;
  /** The characters the font maps (spaces get an empty glyph). */
  chars: string;
  /** Private-use glyphs added only to make the file larger. */
  padding?: number;
}

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
export const LATIN = `${PRINTABLE_ASCII}\u00a0\u2026\u00a3\u20ac`;

function box(adv: number, inset: number, top: number): opentype.Path {
  const p = new opentype.Path();
  p.moveTo(inset, 0);
  p.lineTo(adv - inset, 0);
  p.lineTo(adv - inset, top);
  p.lineTo(inset, top);
  p.close();
  return p;
}

/** An OpenType (CFF, as opentype.js writes it) font whose glyphs are filled boxes; its `.notdef` is a box too (what tofu would look like). */
export function boxFont(o: BoxFontOpts): ArrayBuffer {
  const upm = 1000;
  const adv = Math.round(o.advance * upm);
  const glyphs = [new opentype.Glyph({ name: '.notdef', advanceWidth: 600, path: box(600, 50, 700) })];
  for (const ch of new Set(o.chars)) {
    const cp = ch.codePointAt(0)!;
    const blank = /\s/u.test(ch);
    glyphs.push(new opentype.Glyph({ name: `u${cp.toString(16)}`, unicode: cp, advanceWidth: blank ? Math.round(adv * 0.5) : adv, path: blank ? new opentype.Path() : box(adv, Math.round(adv * 0.08), 700) }));
  }
  for (let i = 0; i < (o.padding ?? 0); i++) glyphs.push(new opentype.Glyph({ name: `pad${i}`, unicode: 0xe000 + i, advanceWidth: adv, path: box(adv, 10 + (i % 50), 100 + (i % 600)) }));
  const font = new opentype.Font({ familyName: o.family, styleName: 'Regular', unitsPerEm: upm, ascender: 900, descender: -250, glyphs });
  return font.toArrayBuffer();
}
