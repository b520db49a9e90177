// Single-product hero: the product photo, its title or the variant's headline, price, CTA.
import { h } from '../src/render/jsx.ts';
import type { Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { inkOn, shapedTemplate, type Frame } from './frame.ts';
import { Badge, Cta, FitText, PriceLine, ProductImage, Root } from './parts.tsx';

const INK = '#111827';
const MUTED = '#4b5563';

function textColumn(s: Slots, f: Frame, width: number, lines: { headline: number; sub: number }, size: number, m: TextMeasure): VNode {
  const p = s.products[0];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'center', width, flexShrink: 0 }}>
      {f.shape !== 'strip' ? FitText(s.brandName, { maxWidth: width, maxLines: 1, fontSize: size * 0.55, weight: 700, color: s.brandColor, dir: s.dir, role: 'brand' }, m) : null}
      {FitText(s.headline, { maxWidth: width, maxLines: lines.headline, fontSize: size, weight: 700, color: INK, dir: s.dir, role: 'headline' }, m)}
      {s.subline && lines.sub > 0 ? FitText(s.subline, { maxWidth: width, maxLines: lines.sub, fontSize: size * 0.6, color: MUTED, dir: s.dir, role: 'subline' }, m) : null}
      {p ? <div style={{ display: 'flex', height: f.gap * 0.5 }} /> : null}
      {p ? PriceLine(p, { fontSize: size * 0.85, color: INK, dir: s.dir, maxWidth: width }, m) : null}
      {s.promo && f.shape === 'wide' ? FitText(s.promo, { maxWidth: width, maxLines: 1, fontSize: size * 0.5, color: s.brandColor, dir: s.dir, role: 'promo' }, m) : null}
    </div>
  );
}

function badgeFor(s: Slots, size: number, maxWidth: number, m: TextMeasure): VNode | null {
  return Badge(s.products[0]?.badge ?? null, { fontSize: size, bg: '#dc2626', fg: '#ffffff', maxWidth }, m);
}

function strip(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = f.h - 2 * f.pad;
  const ctaW = Math.round(f.w * 0.24);
  const hasImg = s.products.length > 0;
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0) - ctaW - f.gap;
  const size = f.h * (f.h < 60 ? 0.26 : 0.22);
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: '#ffffff', borderBottom: `${Math.max(2, Math.round(f.h / 30))}px solid ${s.brandColor}` }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? ProductImage(s.products[0], side, 4) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      {textColumn(s, f, textW, { headline: f.h < 60 ? 1 : 2, sub: 0 }, size, m)}
    </div>,
    Cta(s.cta, { fontSize: size * 0.95, bg: s.brandColor, fg: inkOn(s.brandColor), maxWidth: ctaW }, m),
  ]);
}

function box(s: Slots, f: Frame, m: TextMeasure): VNode {
  const hasImg = s.products.length > 0;
  const side = Math.round(Math.min(f.h * 0.62, f.w * 0.45));
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0);
  const size = 19 * f.u;
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', padding: f.pad, backgroundColor: '#ffffff', borderTop: `${Math.round(5 * f.u)}px solid ${s.brandColor}` }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? ProductImage(s.products[0], side, Math.round(6 * f.u)) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      {textColumn(s, f, textW, { headline: hasImg ? 3 : 4, sub: hasImg ? 0 : 2 }, size, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' }}>
      {badgeFor(s, size * 0.6, f.w * 0.4, m) ?? <div style={{ display: 'flex' }} />}
      {Cta(s.cta, { fontSize: size * 0.8, bg: s.brandColor, fg: inkOn(s.brandColor), maxWidth: f.w * 0.55 }, m)}
    </div>,
  ]);
}

function wide(s: Slots, f: Frame, m: TextMeasure): VNode {
  const hasImg = s.products.length > 0;
  const side = Math.round(Math.min(f.h - 2 * f.pad, f.w * 0.38));
  const ctaW = Math.round(f.w * 0.22);
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap * 2 : 0) - ctaW - f.gap * 2;
  // TV frames are roomy in height but the column is not: size copy to the column's width.
  const size = Math.min(26 * f.u, textW / 9);
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: '#ffffff', borderLeft: s.dir === 'ltr' ? `${Math.round(8 * f.u)}px solid ${s.brandColor}` : '0px', borderRight: s.dir === 'rtl' ? `${Math.round(8 * f.u)}px solid ${s.brandColor}` : '0px' }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? ProductImage(s.products[0], side, Math.round(8 * f.u)) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap * 2 }} /> : null}
      {textColumn(s, f, textW, { headline: 2, sub: 2 }, size, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', width: ctaW }}>
      {badgeFor(s, size * 0.6, ctaW, m)}
      <div style={{ display: 'flex', height: f.gap }} />
      {Cta(s.cta, { fontSize: size * 0.75, bg: s.brandColor, fg: inkOn(s.brandColor), maxWidth: ctaW }, m)}
    </div>,
  ]);
}

function tall(s: Slots, f: Frame, m: TextMeasure): VNode {
  const hasImg = s.products.length > 0;
  const inner = f.w - 2 * f.pad;
  const side = Math.round(Math.min(inner, f.h * 0.45));
  const size = 21 * f.u;
  return Root(s, { flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'space-between', padding: f.pad, backgroundColor: '#ffffff', borderTop: `${Math.round(6 * f.u)}px solid ${s.brandColor}` }, [
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
      {hasImg ? ProductImage(s.products[0], side, Math.round(6 * f.u)) : null}
      <div style={{ display: 'flex', height: f.gap }} />
      {textColumn(s, f, inner, { headline: hasImg ? 4 : 6, sub: 2 }, size, m)}
      <div style={{ display: 'flex', height: f.gap }} />
      {badgeFor(s, size * 0.65, inner, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'stretch', width: inner }}>
      {Cta(s.cta, { fontSize: size * 0.8, bg: s.brandColor, fg: inkOn(s.brandColor), maxWidth: inner }, m)}
    </div>,
  ]);
}

export const hero: Template = shapedTemplate('hero', 1, { strip, tall, wide, box });
