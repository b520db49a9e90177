// Single-product hero: the product photo, its title or the variant's headline, price, promo, CTA,
// drawn with the campaign's brand kit. The CTA and the promo code are sized first; the title
// takes what is left (and is what gets shortened).
import { h } from '../src/render/jsx.ts';
import type { Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { inkOn, shapedTemplate, type Frame } from './frame.ts';
import { Badge, BrandMark, Cta, ctaWidth, FitText, PriceLine, ProductImage, PromoLine, Root } from './parts.tsx';
import { screenLayout } from './screen.tsx';

const MUTED = '#4b5563';

interface ColumnOpts {
  width: number;
  headline: number;
  sub: number;
  promo: number;
  size: number;
  brand: boolean;
}

function textColumn(s: Slots, f: Frame, o: ColumnOpts, m: TextMeasure): VNode {
  const p = s.products[0];
  const b = s.brand;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'center', width: o.width, flexShrink: 0 }}>
      {o.brand ? BrandMark(b, { height: o.size * 0.75, maxWidth: o.width, color: b.primary, dir: s.dir }, m) : null}
      {o.brand ? <div style={{ display: 'flex', height: f.gap * 0.4 }} /> : null}
      {FitText(s.headline, { maxWidth: o.width, maxLines: o.headline, fontSize: o.size, weight: 700, color: b.text, dir: s.dir, role: 'headline' }, m)}
      {s.subline && o.sub > 0 ? FitText(s.subline, { maxWidth: o.width, maxLines: o.sub, fontSize: o.size * 0.6, color: MUTED, dir: s.dir, role: 'subline' }, m) : null}
      {p ? <div style={{ display: 'flex', height: f.gap * 0.5 }} /> : null}
      {p ? PriceLine(p, { fontSize: o.size * 0.85, color: b.text, dir: s.dir, maxWidth: o.width }, m) : null}
      {o.promo > 0 ? PromoLine(s, { maxWidth: o.width, maxLines: o.promo, fontSize: o.size * 0.5, color: b.primary, chipBg: b.background, chipFg: b.primary }, m) : null}
    </div>
  );
}

function badgeFor(s: Slots, size: number, maxWidth: number, m: TextMeasure): VNode | null {
  return Badge(s.products[0]?.badge ?? null, { fontSize: size, bg: s.brand.accent, fg: inkOn(s.brand.accent), maxWidth }, m);
}

function strip(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = f.h - 2 * f.pad;
  const size = f.h * (f.h < 60 ? 0.26 : 0.22);
  const ctaW = ctaWidth(s.cta, s.brand, size * 0.95, f.w * 0.36, m, f.w * 0.18);
  const hasImg = s.products.length > 0;
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0) - ctaW - f.gap;
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.background, borderBottom: `${Math.max(2, Math.round(f.h / 30))}px solid ${s.brand.primary}` }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? ProductImage(s.products[0], side, 4, s.brand) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      {textColumn(s, f, { width: textW, headline: f.h < 60 ? 1 : 2, sub: 0, promo: 0, size, brand: false }, m)}
    </div>,
    Cta(s.cta, s.brand, { fontSize: size * 0.95, maxWidth: ctaW }, m),
  ]);
}

function box(s: Slots, f: Frame, m: TextMeasure): VNode {
  const hasImg = s.products.length > 0;
  const side = Math.round(Math.min(f.h * 0.56, f.w * 0.45));
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0);
  const size = 19 * f.u;
  const ctaW = ctaWidth(s.cta, s.brand, size * 0.8, f.w - 2 * f.pad, m);
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.background, borderTop: `${Math.round(5 * f.u)}px solid ${s.brand.primary}` }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? ProductImage(s.products[0], side, Math.round(6 * f.u), s.brand) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      {textColumn(s, f, { width: textW, headline: hasImg ? 3 : 4, sub: hasImg ? 0 : 2, promo: 0, size, brand: true }, m)}
    </div>,
    PromoLine(s, { maxWidth: f.w - 2 * f.pad, maxLines: 1, fontSize: size * 0.55, color: s.brand.primary, chipBg: s.brand.background, chipFg: s.brand.primary }, m) ?? <div style={{ display: 'flex' }} />,
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' }}>
      {badgeFor(s, size * 0.6, f.w - 2 * f.pad - ctaW - f.gap, m) ?? <div style={{ display: 'flex' }} />}
      {Cta(s.cta, s.brand, { fontSize: size * 0.8, maxWidth: ctaW }, m)}
    </div>,
  ]);
}

function wide(s: Slots, f: Frame, m: TextMeasure): VNode {
  const hasImg = s.products.length > 0;
  const side = Math.round(Math.min(f.h - 2 * f.pad, f.w * 0.38));
  const base = 26 * f.u;
  const ctaW = ctaWidth(s.cta, s.brand, base * 0.75, f.w * 0.3, m, f.w * 0.2);
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap * 2 : 0) - ctaW - f.gap * 2;
  const size = Math.min(base, textW / 9);
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.background, borderLeft: s.dir === 'ltr' ? `${Math.round(8 * f.u)}px solid ${s.brand.primary}` : '0px', borderRight: s.dir === 'rtl' ? `${Math.round(8 * f.u)}px solid ${s.brand.primary}` : '0px' }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? ProductImage(s.products[0], side, Math.round(8 * f.u), s.brand) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap * 2 }} /> : null}
      {textColumn(s, f, { width: textW, headline: 2, sub: 1, promo: 1, size, brand: true }, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', width: ctaW }}>
      {badgeFor(s, base * 0.6, ctaW, m)}
      <div style={{ display: 'flex', height: f.gap }} />
      {Cta(s.cta, s.brand, { fontSize: base * 0.75, maxWidth: ctaW }, m)}
    </div>,
  ]);
}

/** Full-height photo on one side, the copy in large type on the other: the canvas is used edge to edge. */
function screen(s: Slots, f: Frame, m: TextMeasure): VNode {
  const size = f.h * 0.068;
  const p = s.products[0];
  const b = s.brand;
  return screenLayout(s, f, { background: b.background, border: { width: Math.round(f.h * 0.012), color: b.primary }, photo: (side) => ProductImage(p, side, Math.round(f.h * 0.02), b) }, (colW) => [
    BrandMark(b, { height: size * 0.9, maxWidth: colW * 0.6, color: b.primary, dir: s.dir }, m) ?? <div style={{ display: 'flex' }} />,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
      {FitText(s.headline, { maxWidth: colW, maxLines: 4, fontSize: size, weight: 700, color: b.text, dir: s.dir, role: 'headline' }, m)}
      {s.subline ? FitText(s.subline, { maxWidth: colW, maxLines: 2, fontSize: size * 0.55, color: MUTED, dir: s.dir, role: 'subline' }, m) : null}
      <div style={{ display: 'flex', height: f.gap }} />
      {p ? PriceLine(p, { fontSize: size * 1.1, color: b.text, dir: s.dir, maxWidth: colW }, m) : null}
      <div style={{ display: 'flex', height: f.gap * 0.5 }} />
      {PromoLine(s, { maxWidth: colW, maxLines: 2, fontSize: size * 0.5, color: b.primary, chipBg: b.background, chipFg: b.primary }, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', width: colW }}>
      {badgeFor(s, size * 0.6, colW * 0.4, m) ?? <div style={{ display: 'flex' }} />}
      {Cta(s.cta, b, { fontSize: size * 0.75, maxWidth: colW * 0.58 }, m)}
    </div>,
  ]);
}

function tall(s: Slots, f: Frame, m: TextMeasure): VNode {
  const hasImg = s.products.length > 0;
  const inner = f.w - 2 * f.pad;
  const side = Math.round(Math.min(inner, f.h * 0.45));
  // A photo near half the height (300x600) leaves three headline lines before the CTA leaves the canvas.
  // Narrow skyscrapers (160 wide) set copy a little larger than the width scale: the height is there.
  const size = Math.max(21 * f.u, f.w * 0.1);
  const b = s.brand;
  const p = s.products[0];
  return Root(s, { flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'space-between', padding: f.pad, backgroundColor: b.background, borderTop: `${Math.round(6 * f.u)}px solid ${b.primary}` }, [
    BrandMark(b, { height: size * 0.8, maxWidth: inner, color: b.primary, dir: s.dir }, m) ?? <div style={{ display: 'flex' }} />,
    hasImg ? ProductImage(p, side, Math.round(6 * f.u), b) : <div style={{ display: 'flex' }} />,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', width: inner }}>
      {FitText(s.headline, { maxWidth: inner, maxLines: hasImg ? (side > f.h * 0.35 ? 3 : 5) : 7, fontSize: size, weight: 700, color: b.text, dir: s.dir, role: 'headline' }, m)}
      {s.subline ? FitText(s.subline, { maxWidth: inner, maxLines: 2, fontSize: size * 0.6, color: MUTED, dir: s.dir, role: 'subline' }, m) : null}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', width: inner }}>
      {p ? PriceLine(p, { fontSize: size * 0.95, color: b.text, dir: s.dir, maxWidth: inner }, m) : null}
      {PromoLine(s, { maxWidth: inner, maxLines: 3, fontSize: size * 0.6, color: b.primary, chipBg: b.background, chipFg: b.primary }, m)}
      <div style={{ display: 'flex', height: f.gap * 0.5 }} />
      {badgeFor(s, size * 0.65, inner, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'stretch', width: inner }}>{Cta(s.cta, b, { fontSize: size * 0.8, maxWidth: inner }, m)}</div>,
  ]);
}

export const hero: Template = shapedTemplate('hero', 2, { strip, tall, wide, box, screen });
