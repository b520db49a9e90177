// Demo product photos drawn locally as SVG: the object the title names (a speaker is a speaker,
// a serum is a dropper bottle) in the colour the title names (a red serum is red), on a soft
// neutral backdrop. No text: the rasterizer has no fonts to draw it with. No network.
import { fnv1a } from '../domain/rng.ts';
import { CATEGORIES, COLOURS } from './words.ts';

/** The colour words of the catalog → paint. White objects get an outline to stand off the backdrop. */
export const COLOUR_HEX: ReadonlyMap<string, string> = new Map([
  ['Black', '#1f2937'],
  ['Sand', '#d2b48c'],
  ['Navy', '#1e3a8a'],
  ['Olive', '#6b7a2e'],
  ['White', '#f8fafc'],
  ['Red', '#dc2626'],
]);

type Draw = (c: string, o: string) => string;
const st = (o: string) => `stroke="${o}" stroke-width="5" stroke-linejoin="round"`;

const SHOE: Draw = (c, o) => `<path d="M60 250 C60 215 95 200 120 190 L175 165 C190 158 200 150 205 135 L260 150 C255 175 270 200 300 210 L335 222 C355 230 350 265 330 268 L75 272 C62 272 60 262 60 250 Z" fill="${c}" ${st(o)}/><rect x="60" y="262" width="292" height="18" rx="9" fill="#f8fafc" stroke="#94a3b8" stroke-width="4"/>`;
const TOP = (c: string, o: string, extra = '') => `<path d="M150 95 C165 115 235 115 250 95 L320 125 L295 185 L270 175 L270 315 L130 315 L130 175 L105 185 L80 125 Z" fill="${c}" ${st(o)}/>${extra}`;
const COAT = (c: string, o: string, long: boolean, hood: boolean, quilt: boolean) =>
  (hood ? `<path d="M160 100 C160 55 240 55 240 100 Z" fill="${c}" ${st(o)}/>` : '') +
  `<path d="M160 90 L200 115 L240 90 L310 125 L340 ${long ? 300 : 240} L300 ${long ? 305 : 250} L290 190 L290 ${long ? 345 : 320} L110 ${long ? 345 : 320} L110 190 L100 ${long ? 305 : 250} L60 ${long ? 300 : 240} L90 125 Z" fill="${c}" ${st(o)}/>` +
  `<line x1="200" y1="118" x2="200" y2="${long ? 343 : 318}" stroke="${o}" stroke-width="5" opacity="0.6"/>` +
  (quilt ? [160, 200, 240, 280].map((y) => `<line x1="112" y1="${y}" x2="288" y2="${y}" stroke="${o}" stroke-width="4" opacity="0.45"/>`).join('') : '');

/** English noun (as in words.ts) → drawing. */
const NOUNS: ReadonlyMap<string, Draw> = new Map<string, Draw>([
  ['Trail Runner', SHOE],
  ['Sneaker', (c, o) => SHOE(c, o) + `<path d="M185 175 L215 200 M200 165 L228 190" stroke="#f8fafc" stroke-width="6"/>`],
  ['Chelsea Boot', (c, o) => `<path d="M120 90 L215 90 L215 200 C260 205 330 215 340 240 L345 268 L110 272 Z" fill="${c}" ${st(o)}/><rect x="110" y="262" width="240" height="18" rx="6" fill="#374151"/>`],
  ['Sandal', (c, o) => `<ellipse cx="205" cy="262" rx="150" ry="22" fill="#e7e5e4" stroke="#a8a29e" stroke-width="4"/><path d="M110 250 C150 185 250 185 290 250" fill="none" stroke="${c}" stroke-width="22"/><path d="M170 250 C190 205 220 205 240 250" fill="none" stroke="${c}" stroke-width="16"/>`],
  ['Loafer', (c, o) => `<path d="M70 250 C70 205 120 185 170 185 L280 195 C330 200 350 225 345 265 L75 272 Z" fill="${c}" ${st(o)}/><rect x="170" y="200" width="70" height="14" rx="7" fill="#facc15"/>`],
  ['Backpack', (c, o) => `<path d="M160 105 C160 70 240 70 240 105" fill="none" stroke="${c}" stroke-width="14"/><rect x="115" y="100" width="170" height="230" rx="40" fill="${c}" ${st(o)}/><rect x="145" y="215" width="110" height="80" rx="16" fill="${c}" ${st(o)}/>`],
  ['Tote Bag', (c, o) => `<path d="M150 170 C150 95 250 95 250 170" fill="none" stroke="${c}" stroke-width="14"/><path d="M100 165 L300 165 L280 330 L120 330 Z" fill="${c}" ${st(o)}/>`],
  ['Weekender', (c, o) => `<path d="M160 160 C160 115 240 115 240 160" fill="none" stroke="${c}" stroke-width="14"/><rect x="70" y="155" width="260" height="150" rx="60" fill="${c}" ${st(o)}/><line x1="90" y1="200" x2="310" y2="200" stroke="${o}" stroke-width="5"/>`],
  ['Crossbody Bag', (c, o) => `<path d="M110 200 L200 60 L290 200" fill="none" stroke="${c}" stroke-width="8"/><rect x="110" y="190" width="180" height="130" rx="22" fill="${c}" ${st(o)}/><path d="M110 215 L290 215 L290 250 C230 270 170 270 110 250 Z" fill="${o}" opacity="0.25"/>`],
  ['Laptop Sleeve', (c, o) => `<rect x="70" y="120" width="260" height="185" rx="18" fill="${c}" ${st(o)}/><path d="M90 140 L310 140" stroke="${o}" stroke-width="5" stroke-dasharray="12 8"/>`],
  ['Puffer Jacket', (c, o) => COAT(c, o, false, false, true)],
  ['Wool Coat', (c, o) => COAT(c, o, true, false, false) + `<circle cx="215" cy="200" r="6" fill="${o}"/><circle cx="215" cy="250" r="6" fill="${o}"/>`],
  ['Raincoat', (c, o) => COAT(c, o, true, true, false)],
  ['Fleece', (c, o) => COAT(c, o, false, false, false)],
  ['Parka', (c, o) => COAT(c, o, true, true, true)],
  ['Wireless Earbuds', (c, o) => `<rect x="120" y="200" width="160" height="110" rx="50" fill="${c}" ${st(o)}/><line x1="125" y1="245" x2="275" y2="245" stroke="${o}" stroke-width="4"/><circle cx="160" cy="140" r="30" fill="${c}" ${st(o)}/><rect x="150" y="150" width="20" height="50" rx="10" fill="${c}" ${st(o)}/><circle cx="240" cy="140" r="30" fill="${c}" ${st(o)}/><rect x="230" y="150" width="20" height="50" rx="10" fill="${c}" ${st(o)}/>`],
  ['Smartwatch', (c, o) => `<rect x="165" y="60" width="70" height="280" rx="20" fill="${c}" ${st(o)}/><rect x="130" y="130" width="140" height="150" rx="36" fill="#111827" stroke="#9ca3af" stroke-width="6"/><rect x="148" y="148" width="104" height="114" rx="22" fill="#0ea5e9" opacity="0.75"/>`],
  ['Power Bank', (c, o) => `<rect x="130" y="80" width="140" height="250" rx="24" fill="${c}" ${st(o)}/><path d="M210 140 L175 215 L205 215 L190 280 L235 190 L205 190 L220 140 Z" fill="#facc15"/>`],
  ['Bluetooth Speaker', (c, o) => `<rect x="110" y="90" width="180" height="240" rx="60" fill="${c}" ${st(o)}/><circle cx="200" cy="165" r="36" fill="#111827" opacity="0.8"/><circle cx="200" cy="165" r="14" fill="#6b7280"/><circle cx="200" cy="260" r="52" fill="#111827" opacity="0.8"/><circle cx="200" cy="260" r="20" fill="#6b7280"/>`],
  ['Headphones', (c, o) => `<path d="M110 230 C110 100 290 100 290 230" fill="none" stroke="${c}" stroke-width="22"/><path d="M110 230 C110 100 290 100 290 230" fill="none" stroke="${o}" stroke-width="3" opacity="0.5"/><rect x="85" y="210" width="60" height="100" rx="26" fill="${c}" ${st(o)}/><rect x="255" y="210" width="60" height="100" rx="26" fill="${c}" ${st(o)}/>`],
  ['Table Lamp', (c, o) => `<path d="M130 210 L160 100 L240 100 L270 210 Z" fill="${c}" ${st(o)}/><rect x="193" y="210" width="14" height="90" fill="#6b7280"/><ellipse cx="200" cy="305" rx="70" ry="16" fill="#374151"/>`],
  ['Coffee Maker', (c, o) => `<rect x="120" y="70" width="160" height="60" rx="10" fill="${c}" ${st(o)}/><rect x="240" y="130" width="40" height="180" fill="${c}" ${st(o)}/><rect x="120" y="300" width="160" height="30" rx="6" fill="${c}" ${st(o)}/><path d="M140 200 L220 200 L212 295 L148 295 Z" fill="#e5e7eb" opacity="0.8" stroke="#6b7280" stroke-width="4"/>`],
  ['Throw Blanket', (c, o) => `<rect x="80" y="150" width="240" height="150" rx="20" fill="${c}" ${st(o)}/><path d="M80 200 L320 200 M80 250 L320 250" stroke="${o}" stroke-width="5" opacity="0.5"/><path d="M90 300 L90 320 M120 300 L120 320 M150 300 L150 320 M180 300 L180 320 M210 300 L210 320 M240 300 L240 320 M270 300 L270 320 M300 300 L300 320" stroke="${c}" stroke-width="6"/>`],
  ['Scented Candle', (c, o) => `<path d="M200 95 C185 120 190 140 200 150 C210 140 215 120 200 95 Z" fill="#f59e0b"/><line x1="200" y1="150" x2="200" y2="170" stroke="#111827" stroke-width="4"/><rect x="130" y="170" width="140" height="160" rx="16" fill="${c}" ${st(o)}/>`],
  ['Desk Fan', (c, o) => `<circle cx="200" cy="170" r="100" fill="none" stroke="${c}" stroke-width="12"/><path d="M200 170 C170 110 230 90 200 170 C260 160 270 220 200 170 C180 240 120 210 200 170 Z" fill="${c}" ${st(o)}/><rect x="190" y="270" width="20" height="50" fill="${c}"/><ellipse cx="200" cy="325" rx="70" ry="14" fill="${c}" ${st(o)}/>`],
  ['Face Serum', (c, o) => `<rect x="180" y="60" width="40" height="40" rx="14" fill="#111827"/><rect x="188" y="100" width="24" height="30" fill="#374151"/><rect x="140" y="130" width="120" height="200" rx="26" fill="${c}" ${st(o)} opacity="0.95"/><rect x="160" y="200" width="80" height="70" rx="10" fill="#ffffff" opacity="0.55"/>`],
  ['Eau de Parfum', (c, o) => `<rect x="175" y="70" width="50" height="50" rx="8" fill="#d4af37"/><rect x="120" y="120" width="160" height="200" rx="30" fill="${c}" ${st(o)} opacity="0.9"/><rect x="150" y="190" width="100" height="60" rx="8" fill="#ffffff" opacity="0.5"/>`],
  ['Sunscreen', (c, o) => `<path d="M150 80 L250 80 L265 290 L135 290 Z" fill="${c}" ${st(o)}/><rect x="160" y="290" width="80" height="40" rx="8" fill="#f8fafc" stroke="#94a3b8" stroke-width="4"/><circle cx="200" cy="170" r="28" fill="#facc15"/>`],
  ['Hair Oil', (c, o) => `<rect x="185" y="55" width="30" height="20" fill="#111827"/><path d="M215 62 L250 62" stroke="#111827" stroke-width="8"/><rect x="180" y="75" width="40" height="50" fill="#374151"/><path d="M150 125 L250 125 L270 330 L130 330 Z" fill="${c}" ${st(o)} opacity="0.95"/>`],
  ['Lip Balm', (c, o) => `<rect x="165" y="90" width="70" height="80" rx="30" fill="${c}" ${st(o)}/><rect x="155" y="165" width="90" height="165" rx="12" fill="#e5e7eb" stroke="#94a3b8" stroke-width="4"/><rect x="155" y="165" width="90" height="30" fill="${c}" opacity="0.6"/>`],
  ['Training Tee', (c, o) => TOP(c, o)],
  ['Leggings', (c, o) => `<path d="M130 70 L270 70 L285 340 L225 340 L200 150 L175 340 L115 340 Z" fill="${c}" ${st(o)}/><rect x="130" y="70" width="140" height="22" fill="${o}" opacity="0.3"/>`],
  ['Running Shorts', (c, o) => `<path d="M110 120 L290 120 L310 290 L215 290 L200 200 L185 290 L90 290 Z" fill="${c}" ${st(o)}/><rect x="110" y="120" width="180" height="22" fill="${o}" opacity="0.3"/>`],
  ['Track Jacket', (c, o) => TOP(c, o, `<line x1="200" y1="110" x2="200" y2="313" stroke="${o}" stroke-width="5"/><path d="M95 140 L120 180 M305 140 L280 180" stroke="#f8fafc" stroke-width="8"/>`)],
  ['Hoodie', (c, o) => `<path d="M160 105 C160 50 240 50 240 105 Z" fill="${c}" ${st(o)}/>` + TOP(c, o, `<rect x="160" y="230" width="80" height="45" rx="10" fill="${o}" opacity="0.25"/>`)],
]);

const NOUN_LIST = CATEGORIES.flatMap((c) => c.nouns.map(([en]) => en)).sort((a, b) => b.length - a.length);

/** The noun and colour a demo title names (`Stride Cushioned Sneaker, Red` → Sneaker, Red). */
export function titleParts(title: string): { noun: string | null; colour: string | null } {
  const noun = NOUN_LIST.find((n) => title.includes(n)) ?? null;
  const colour = COLOURS.map(([en]) => en).find((c) => title.endsWith(`, ${c}`)) ?? null;
  return { noun, colour };
}

export function productImageSvg(p: { id: string; category: string; title: string }, seed: number): string {
  const { noun, colour } = titleParts(p.title);
  const h = fnv1a(`${seed}:${p.id}`);
  const fill = (colour && COLOUR_HEX.get(colour)) ?? '#6b7280';
  // Dark outlines on light objects, light ones on dark objects.
  const outline = colour === 'White' || colour === 'Sand' ? '#64748b' : '#0f172a';
  const draw: Draw = (noun ? NOUNS.get(noun) : undefined) ?? SHOE;
  // A neutral, barely tinted backdrop: the object's own colour is what the eye reads.
  const hue = h % 360;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},20%,97%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},12%,89%)"/></linearGradient></defs>` +
    `<rect width="400" height="400" fill="url(#bg)"/><ellipse cx="200" cy="345" rx="150" ry="20" fill="#000000" opacity="0.08"/>${draw(fill, outline)}</svg>`
  );
}
