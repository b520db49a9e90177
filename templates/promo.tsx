// Promo / urgency banner: a canvas in the brand's primary colour led by the offer (discount, code,
// stock left). The CTA and the code are sized first; the headline takes what is left.
import { h } from '../src/render/jsx.ts';
import type { BrandStyle, Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { inkOn, shapedTemplate, type Frame } from './frame.ts';
import { Badge, BrandMark, CodeChip, Cta, ctaWidth, FitText, PriceLine, ProductImage, PromoLine, Root } from './parts.tsx';
import { screenLayout } from './screen.tsx';

function card(s: Slots, side: number, f: Frame): VNode | null {
  if (s.products.length === 0) return null;
  const inset = Math.max(2, Math.round(4 * f.u));
  return (
    <div style={{ display: 'flex', flexShrink: 0, padding: inset, backgroundColor: '#ffffff', borderRadius: Math.round(8 * f.u) }}>
      {ProductImage(s.products[0], side - 2 * inset, Math.round(6 * f.u), s.brand)}
    </div>
  );
}

/** On the primary-coloured canvas a CTA in the primary colour would vanish: invert it then. */
function ctaColors(b: BrandStyle): { bg: string; fg: string } {
  return b.cta.background.toLowerCase() === b.primary.toLowerCase() ? { bg: inkOn(b.primary), fg: b.primary } : { bg: b.cta.background, fg: b.cta.text };
}

function offer(s: Slots, f: Frame, o: { width: number; size: number; lines: number; promoLines: number }, m: TextMeasure): VNode {
  const ink = inkOn(s.brand.primary);
  const p = s.products[0];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'center', width: o.width, flexShrink: 0 }}>
      {o.promoLines ? PromoLine(s, { maxWidth: o.width, maxLines: o.promoLines, fontSize: o.size * 0.55, weight: 700, color: ink, chipBg: s.brand.primary, chipFg: ink }, m) : null}
      {FitText(s.headline, { maxWidth: o.width, maxLines: o.lines, fontSize: o.size, weight: 700, color: ink, dir: s.dir, role: 'headline' }, m)}
      {s.subline && f.shape !== 'strip' ? FitText(s.subline, { maxWidth: o.width, maxLines: 1, fontSize: o.size * 0.55, color: ink, dir: s.dir, role: 'subline' }, m) : null}
      {p ? PriceLine(p, { fontSize: o.size * 0.8, color: ink, dir: s.dir, maxWidth: o.width, strikeColor: ink }, m) : null}
    </div>
  );
}

function badge(s: Slots, size: number, maxWidth: number, m: TextMeasure): VNode | null {
  return Badge(s.products[0]?.badge ?? null, { fontSize: size, bg: '#facc15', fg: '#111827', maxWidth }, m);
}

function cta(s: Slots, size: number, maxWidth: number, m: TextMeasure): VNode {
  return Cta(s.cta, s.brand, { fontSize: size, maxWidth, ...ctaColors(s.brand) }, m);
}

function strip(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = f.h - 2 * f.pad;
  const size = f.h * (f.h < 60 ? 0.26 : 0.22);
  const ctaW = ctaWidth(s.cta, s.brand, size * 0.9, f.w * 0.34, m, f.w * 0.18);
  const badgeW = Math.round(f.w * (f.h < 60 ? 0.16 : 0.12));
  const hasImg = s.products.length > 0 && f.w >= 600;
  // Roomy strips (728x90) carry the code as a chip; a 320x50 has room for the offer only.
  const code = s.promoCode && f.w >= 600 ? CodeChip(s, s.promoCode, { maxWidth: f.w * 0.16, fontSize: size * 0.8, bg: s.brand.primary, fg: inkOn(s.brand.primary) }, m) : null;
  const codeW = code ? Math.round(f.w * 0.16) + f.gap : 0;
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0) - badgeW - ctaW - 2 * f.gap - codeW;
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.primary }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? card(s, side, f) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      <div style={{ display: 'flex', width: badgeW, justifyContent: 'center' }}>{badge(s, size * 0.8, badgeW, m)}</div>
      <div style={{ display: 'flex', width: f.gap }} />
      {offer(s, f, { width: textW, size, lines: f.h < 60 ? 1 : 2, promoLines: 0 }, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {code}
      {code ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      {cta(s, size * 0.9, ctaW, m)}
    </div>,
  ]);
}

function box(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = Math.round(Math.min(f.h * 0.5, f.w * 0.4));
  const hasImg = s.products.length > 0;
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0);
  const size = 18 * f.u;
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.primary }, [
    <div style={{ display: 'flex', flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' }}>
      {BrandMark(s.brand, { height: size * 0.75, maxWidth: f.w * 0.55, color: inkOn(s.brand.primary), dir: s.dir }, m) ?? <div style={{ display: 'flex' }} />}
      {badge(s, size * 0.75, f.w * 0.4, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? card(s, side, f) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      {offer(s, f, { width: textW, size, lines: 3, promoLines: 0 }, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' }}>
      {PromoLine(s, { maxWidth: f.w * 0.5, maxLines: 2, fontSize: size * 0.55, weight: 700, color: inkOn(s.brand.primary), chipBg: s.brand.primary, chipFg: inkOn(s.brand.primary) }, m) ?? <div style={{ display: 'flex' }} />}
      {cta(s, size * 0.8, ctaWidth(s.cta, s.brand, size * 0.8, f.w * 0.46, m), m)}
    </div>,
  ]);
}

function wide(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = Math.round(Math.min(f.h - 2 * f.pad, f.w * 0.38));
  const hasImg = s.products.length > 0;
  const base = 26 * f.u;
  const sideW = ctaWidth(s.cta, s.brand, base * 0.75, f.w * 0.3, m, f.w * 0.2);
  const textW = f.w - 2 * f.pad - (hasImg ? side + 2 * f.gap : 0) - sideW - 2 * f.gap;
  const size = Math.min(base, textW / 9);
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.primary }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? card(s, side, f) : null}
      {hasImg ? <div style={{ display: 'flex', width: 2 * f.gap }} /> : null}
      {offer(s, f, { width: textW, size, lines: 2, promoLines: 2 }, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', width: sideW }}>
      {badge(s, base * 0.6, sideW, m)}
      <div style={{ display: 'flex', height: 2 * f.gap }} />
      {cta(s, base * 0.75, sideW, m)}
    </div>,
  ]);
}

function screen(s: Slots, f: Frame, m: TextMeasure): VNode {
  const size = f.h * 0.068;
  const ink = inkOn(s.brand.primary);
  return screenLayout(s, f, { background: s.brand.primary, photo: (side) => card(s, side, f)! }, (colW) => [
    <div style={{ display: 'flex', flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center', width: colW }}>
      {BrandMark(s.brand, { height: size * 0.9, maxWidth: colW * 0.55, color: ink, dir: s.dir }, m) ?? <div style={{ display: 'flex' }} />}
      {badge(s, size * 0.7, colW * 0.4, m)}
    </div>,
    offer(s, f, { width: colW, size, lines: 4, promoLines: 2 }, m),
    <div style={{ display: 'flex', flexDirection: 'row', justifyContent: 'flex-end', width: colW }}>{cta(s, size * 0.75, colW * 0.6, m)}</div>,
  ]);
}

function tall(s: Slots, f: Frame, m: TextMeasure): VNode {
  const inner = f.w - 2 * f.pad;
  const side = Math.round(Math.min(inner, f.h * 0.4));
  const size = Math.max(21 * f.u, f.w * 0.1);
  const ink = inkOn(s.brand.primary);
  return Root(s, { flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.primary }, [
    BrandMark(s.brand, { height: size * 0.8, maxWidth: inner, color: ink, dir: s.dir }, m) ?? <div style={{ display: 'flex' }} />,
    badge(s, size * 0.9, inner, m) ?? <div style={{ display: 'flex' }} />,
    card(s, side, f) ?? <div style={{ display: 'flex' }} />,
    // A card near 40% of the height (300x600) leaves three headline lines before the CTA leaves the canvas.
    offer(s, f, { width: inner, size, lines: side > f.h * 0.3 ? 3 : 5, promoLines: 3 }, m),
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'stretch', width: inner }}>{cta(s, size * 0.8, inner, m)}</div>,
  ]);
}

export const promo: Template = shapedTemplate('promo', 2, { strip, tall, wide, box, screen });
