// CSS `unicode-range` text (as fontsource's unicode.json lists it per subset) → inclusive code
// point ranges. Each subset file of one family serves only its ranges, in takumi as in browsers.
export type CodeRange = [number, number];

export function parseUnicodeRange(text: string): CodeRange[] {
  const out: CodeRange[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m) throw new Error(`unicode-range: cannot read "${part.trim()}"`);
    const lo = parseInt(m[1]!.replace(/\?/g, '0'), 16);
    const hi = m[2] ? parseInt(m[2], 16) : parseInt(m[1]!.replace(/\?/g, 'f'), 16);
    out.push([lo, hi]);
  }
  return out;
}

/** The ranges fontsource lists for a subset (`latin`, `arabic`, or `[3]` for numbered subsets). */
export function subsetRanges(unicodeJson: Record<string, string>, subset: string): CodeRange[] {
  const text = Object.hasOwn(unicodeJson, subset) ? unicodeJson[subset] : Object.hasOwn(unicodeJson, `[${subset}]`) ? unicodeJson[`[${subset}]`] : undefined;
  if (text === undefined) throw new Error(`unicode-range: no subset "${subset}" in the font package`);
  return parseUnicodeRange(text);
}

export const inRanges = (cp: number, ranges: CodeRange[]) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
