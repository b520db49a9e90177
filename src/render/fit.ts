// Copy fitting: shrink the font step by step, then shorten at a word (or grapheme) boundary
// with an ellipsis. Text is never cut mid-glyph and never overflows its box.
import type { TextMeasure } from './types.ts';

export interface FitBox {
  maxWidth: number;
  maxLines: number;
  fontSize: number;
  /** Smallest size tried before shortening. */
  minFontSize: number;
  weight: 400 | 700;
}

export interface Fitted {
  lines: string[];
  fontSize: number;
  /** True when words had to be dropped (an ellipsis ends the last line). */
  shortened: boolean;
}

const ELLIPSIS = '…';
// Renderers differ by a few percent (kerning, shaping, hinting); keep that much slack.
const SLACK = 0.96;
// White space a line may break at: not the no-break spaces Intl puts inside prices (`SAR 764.96`).
const BREAKABLE = /[^\S\u00a0\u202f]+/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (g) => g.segment);
}

/** Greedy word wrap; a word wider than the line is broken between graphemes. */
export function wrap(text: string, width: number, size: number, weight: 400 | 700, measure: TextMeasure): string[] {
  const words = text.split(BREAKABLE).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => measure(s, size, weight) <= width;
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (fits(word)) {
      line = word;
      continue;
    }
    for (const g of graphemes(word)) {
      if (line && !fits(line + g)) {
        lines.push(line);
        line = '';
      }
      line += g;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The longest prefix of `line` (ending at a word boundary when one keeps half the line) plus `…` that fits. */
function shorten(line: string, width: number, size: number, weight: 400 | 700, measure: TextMeasure): string {
  const gs = graphemes(line);
  let n = gs.length;
  while (n > 0 && measure(gs.slice(0, n).join('').trimEnd() + ELLIPSIS, size, weight) > width) n--;
  if (n === 0) return measure(ELLIPSIS, size, weight) <= width ? ELLIPSIS : '';
  let cut = gs.slice(0, n).join('');
  const space = cut.lastIndexOf(' ');
  if (n < gs.length && space >= cut.length / 2) cut = cut.slice(0, space);
  return cut.trimEnd().replace(/[\s,.;:،-]+$/u, '') + ELLIPSIS;
}

export function fitText(text: string, box: FitBox, measure: TextMeasure): Fitted {
  const clean = text.replace(BREAKABLE, ' ').trim();
  const width = box.maxWidth * SLACK;
  if (!clean || width <= 0 || box.maxLines < 1) return { lines: [], fontSize: box.fontSize, shortened: clean.length > 0 };
  let size = box.fontSize;
  const words = clean.split(' ');
  for (;;) {
    const lines = wrap(clean, width, size, box.weight, measure);
    const next = Math.max(box.minFontSize, Math.floor(size * 0.9 * 2) / 2);
    // A word broken between its letters is the last resort: the font shrinks first while it may.
    const whole = next >= size || words.every((w) => measure(w, size, box.weight) <= width);
    // A single grapheme wider than the box (an emoji in a narrow badge) wraps onto a line of its own that still overflows: shrink.
    if (whole && lines.length <= box.maxLines && lines.every((l) => measure(l, size, box.weight) <= width)) return { lines, fontSize: size, shortened: false };
    if (next >= size) {
      const kept = lines.slice(0, box.maxLines);
      const last = kept.pop()!;
      const more = lines[box.maxLines];
      kept.push(more === undefined ? last : shorten(`${last} ${more}`, width, size, box.weight, measure));
      // Lines still too wide (a lone grapheme wider than the box) are shortened, or dropped when nothing fits.
      const fitted = kept.map((l) => (measure(l, size, box.weight) <= width ? l : shorten(l, width, size, box.weight, measure))).filter(Boolean);
      return { lines: fitted, fontSize: size, shortened: true };
    }
    size = next;
  }
}

/** One drawn text field, as the fitter left it: what the studio's pre-flight checks read. */
export interface FitEntry {
  /** `headline`, `subline`, `title`, `promo`, `promo_code`, `cta`, `price`, `regular_price`, `badge`, `brand`, `qr_caption`. */
  field: string;
  /** Product index for per-product fields (carousel titles and prices). */
  product?: number;
  original: string;
  /** The text drawn, lines joined by a space; empty when the field was left out. */
  shown: string;
  lines: number;
  /** True when words were cut (an ellipsis) or the field was dropped for room. */
  truncated: boolean;
  /** Font size drawn, and the size the layout asked for before shrinking (px). */
  fontSize: number;
  requestedSize: number;
  lang: string;
}

/**
 * A text measure that also collects fit entries. Templates receive it in place of the plain
 * measure when a fit report is wanted (the JSON decision); parts push what they fitted.
 */
export interface FitMeasure extends TextMeasure {
  fitLog?: FitEntry[];
  fitLang?: string;
}

export function loggingMeasure(measure: TextMeasure, log: FitEntry[], lang: string): FitMeasure {
  const m: FitMeasure = (text, size, weight) => measure(text, size, weight);
  m.fitLog = log;
  m.fitLang = lang;
  return m;
}

export function logFit(m: TextMeasure, e: Omit<FitEntry, 'lang'>): void {
  const fm = m as FitMeasure;
  fm.fitLog?.push({ ...e, fontSize: Math.round(e.fontSize * 10) / 10, requestedSize: Math.round(e.requestedSize * 10) / 10, lang: fm.fitLang ?? '' });
}

/** The largest size ≤ `fontSize` at which `text` fits `maxWidth` on one line; never shortens. */
export function shrinkToFit(text: string, maxWidth: number, fontSize: number, weight: 400 | 700, measure: TextMeasure): number {
  const w = measure(text, fontSize, weight);
  const limit = maxWidth * SLACK;
  return w <= limit || w === 0 ? fontSize : Math.floor(((fontSize * limit) / w) * 2) / 2;
}
