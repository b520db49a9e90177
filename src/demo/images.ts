// Demo product photos drawn locally as SVG (a silhouette per category on a soft gradient), so
// the demo needs no network. No text: the rasterizer has no fonts to draw it with.
import { fnv1a } from '../domain/rng.ts';

const PALETTE = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#c2410c', '#0f766e', '#be185d', '#374151', '#a16207'];

const SHAPES: Record<string, (c: string) => string> = {
  Shoes: (c) =>
    `<path d="M60 250 C60 215 95 200 120 190 L175 165 C190 158 200 150 205 135 L260 150 C255 175 270 200 300 210 L335 222 C355 230 350 265 330 268 L75 272 C62 272 60 262 60 250 Z" fill="${c}"/><rect x="60" y="262" width="292" height="18" rx="9" fill="#f8fafc" stroke="#cbd5e1" stroke-width="4"/>`,
  Bags: (c) => `<path d="M150 150 C150 95 250 95 250 150" fill="none" stroke="${c}" stroke-width="16"/><rect x="95" y="145" width="210" height="175" rx="26" fill="${c}"/><rect x="170" y="190" width="60" height="16" rx="8" fill="#ffffff" opacity="0.6"/>`,
  Outerwear: (c) => `<path d="M160 90 L200 115 L240 90 L310 125 L340 240 L300 250 L290 190 L290 320 L110 320 L110 190 L100 250 L60 240 L90 125 Z" fill="${c}"/><line x1="200" y1="118" x2="200" y2="318" stroke="#ffffff" stroke-width="5" opacity="0.7"/>`,
  Electronics: (c) => `<rect x="130" y="80" width="140" height="240" rx="30" fill="#111827"/><rect x="142" y="100" width="116" height="190" rx="14" fill="${c}"/><circle cx="200" cy="305" r="7" fill="#9ca3af"/>`,
  Home: (c) => `<path d="M130 210 L160 100 L240 100 L270 210 Z" fill="${c}"/><rect x="193" y="210" width="14" height="90" fill="#6b7280"/><ellipse cx="200" cy="305" rx="70" ry="16" fill="#374151"/>`,
  Beauty: (c) => `<rect x="165" y="80" width="70" height="45" rx="8" fill="#111827"/><rect x="135" y="120" width="130" height="200" rx="34" fill="${c}"/><rect x="160" y="180" width="80" height="70" rx="10" fill="#ffffff" opacity="0.55"/>`,
  Sportswear: (c) => `<path d="M150 95 C165 115 235 115 250 95 L320 125 L295 185 L270 175 L270 315 L130 315 L130 175 L105 185 L80 125 Z" fill="${c}"/><path d="M130 215 L270 215" stroke="#ffffff" stroke-width="10" opacity="0.6"/>`,
};

export function productImageSvg(p: { id: string; category: string; title: string }, seed: number): string {
  const h = fnv1a(`${seed}:${p.id}`);
  const colour = PALETTE[h % PALETTE.length]!;
  const hue = (h >>> 8) % 360;
  const shape = ((Object.hasOwn(SHAPES, p.category) ? SHAPES[p.category] : undefined) ?? SHAPES.Bags!)(colour);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,96%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},45%,86%)"/></linearGradient></defs>` +
    `<rect width="400" height="400" fill="url(#bg)"/><ellipse cx="200" cy="330" rx="150" ry="22" fill="#000000" opacity="0.08"/>${shape}</svg>`
  );
}
