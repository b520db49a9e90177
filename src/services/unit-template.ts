// A cached HTML unit split once at its link marks, so a bid fills in its signed links without
// decoding, searching and re-encoding ~20 KB of markup per bid: the pieces are kept as text (for
// the `adm` string) and as JSON-escaped UTF-8 (spliced into the bid response as they are).
import type { CachedRender } from './render-cache.ts';

export type Hole = 'click' | 'impression' | 'origin';

export interface UnitTemplate {
  /** The text between the holes: one more piece than holes. */
  text: string[];
  /** The same pieces JSON-string-escaped (no quotes) and UTF-8 encoded. */
  json: Uint8Array[];
  holes: Hole[];
}

/** What fills each hole: already HTML-attribute-escaped. */
export type HoleValues = Record<Hole, string>;

const enc = new TextEncoder();
const dec = new TextDecoder();
const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);

/** Splits unit markup at every occurrence of the marks (a pure function of the bytes). */
export function compileUnit(bytes: Uint8Array, marks: Record<Hole, string>): UnitTemplate {
  const html = dec.decode(bytes);
  const byMark = new Map<string, Hole>(Object.entries(marks).map(([hole, mark]) => [mark, hole as Hole]));
  const pattern = new RegExp([...byMark.keys()].map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const text: string[] = [];
  const holes: Hole[] = [];
  let at = 0;
  for (const m of html.matchAll(pattern)) {
    text.push(html.slice(at, m.index));
    holes.push(byMark.get(m[0])!);
    at = m.index + m[0].length;
  }
  text.push(html.slice(at));
  return { text, json: text.map((t) => enc.encode(jsonEscaped(t))), holes };
}

/** The unit's markup with its holes filled. */
export function fillText(t: UnitTemplate, v: HoleValues): string {
  let out = t.text[0]!;
  for (let i = 0; i < t.holes.length; i++) out += v[t.holes[i]!] + t.text[i + 1]!;
  return out;
}

/** The same markup as JSON-escaped UTF-8 pieces, in order (the cached pieces are shared, not copied). */
export function fillJson(t: UnitTemplate, v: HoleValues): Uint8Array[] {
  const filled = new Map<Hole, Uint8Array>();
  const out: Uint8Array[] = [t.json[0]!];
  for (let i = 0; i < t.holes.length; i++) {
    const h = t.holes[i]!;
    let b = filled.get(h);
    if (!b) filled.set(h, (b = enc.encode(jsonEscaped(v[h]))));
    out.push(b, t.json[i + 1]!);
  }
  return out;
}

/** Compiled templates live as long as the cached render they were made from. */
export class UnitTemplates {
  private readonly compiled = new WeakMap<CachedRender, UnitTemplate>();
  constructor(private readonly marks: Record<Hole, string>) {}

  of(hit: CachedRender): UnitTemplate {
    let t = this.compiled.get(hit);
    if (!t) this.compiled.set(hit, (t = compileUnit(hit.bytes, this.marks)));
    return t;
  }
}
