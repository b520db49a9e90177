// Promo / urgency banner: brand-coloured canvas led by the offer (discount, code, stock left).
import { h } from '../src/render/jsx.ts';
import type { Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { inkOn, shapedTemplate, type Frame } from './frame.ts';
import { Badge, Cta, FitText, PriceLine, ProductImage, Root } from './parts.tsx';

function card(s: Slots, side: number, f: Frame): VNode | null {
  if (s.products.length === 0) return null;
  const inset = Math.max(2, Math.round(4 * f.u));
  return (
    <div style={{ display: 'flex', padding: inset, backgroundColor: '#ffffff', borderRadius: Math.round(8 * f.u) }}>
      {ProductImage(s.products[0], side - 2 * inset, Math.round(6 * f.u))}
    </div>
  );
}

function offer(s: Slots, f: Frame, width: number, size: number, lines: number, m: TextMeasure): VNode {
  const ink = inkOn(s.brandColor);
  const p = s.products[0];
  const promoLines = f.shape === 'strip' ? 0 : 1;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'center', width, flexShrink: 0 }}>
      {s.promo && promoLines ? FitText(s.promo, { maxWidth: width, maxLines: promoLines, fontSize: size * 0.55, weight: 700, color: ink, dir: s.dir, role: 'promo' }, m) : null}
      {FitText(s.headline, { maxWidth: width, maxLines: lines, fontSize: size, weight: 700, color: ink, dir: s.dir, role: 'headline' }, m)}
      {s.subline && f.shape !== 'strip' ? FitText(s.subline, { maxWidth: width, maxLines: 1, fontSize: size * 0.55, color: ink, dir: s.dir, role: 'subline' }, m) : null}
      {p ? PriceLine(p, { fontSize: size * 0.8, color: ink, dir: s.dir, maxWidth: width, strikeColor: ink }, m) : null}
    </div>
  );
}

function badge(s: Slots, size: number, maxWidth: number, m: TextMeasure): VNode | null {
  return Badge(s.products[0]?.badge ?? null, { fontSize: size, bg: '#facc15', fg: '#111827', maxWidth }, m);
}

function cta(s: Slots, size: number, maxWidth: number, m: TextMeasure): VNode {
  return Cta(s.cta, { fontSize: size, bg: inkOn(s.brandColor), fg: s.brandColor, maxWidth }, m);
}

function strip(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = f.h - 2 * f.pad;
  const ctaW = Math.round(f.w * 0.22);
  const badgeW = Math.round(f.w * (f.h < 60 ? 0.16 : 0.12));
  const hasImg = s.products.length > 0 && f.w >= 600;
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0) - badgeW - ctaW - 2 * f.gap;
  const size = f.h * (f.h < 60 ? 0.26 : 0.22);
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brandColor }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? card(s, side, f) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      <div style={{ display: 'flex', width: badgeW, justifyContent: 'center' }}>{badge(s, size * 0.8, badgeW, m)}</div>
      <div style={{ display: 'flex', width: f.gap }} />
      {offer(s, f, textW, size, f.h < 60 ? 1 : 2, m)}
    </div>,
    cta(s, size * 0.9, ctaW, m),
  ]);
}

function box(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = Math.round(Math.min(f.h * 0.5, f.w * 0.4));
  const hasImg = s.products.length > 0;
  const textW = f.w - 2 * f.pad - (hasImg ? side + f.gap : 0);
  const size = 18 * f.u;
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brandColor }, [
    <div style={{ display: 'flex', flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' }}>
      {FitText(s.brandName, { maxWidth: f.w * 0.55, maxLines: 1, fontSize: size * 0.6, weight: 700, color: inkOn(s.brandColor), dir: s.dir, role: 'brand' }, m)}
      {badge(s, size * 0.75, f.w * 0.4, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? card(s, side, f) : null}
      {hasImg ? <div style={{ display: 'flex', width: f.gap }} /> : null}
      {offer(s, f, textW, size, 3, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'row', justifyContent: 'flex-end' }}>{cta(s, size * 0.8, f.w * 0.6, m)}</div>,
  ]);
}

function wide(s: Slots, f: Frame, m: TextMeasure): VNode {
  const side = Math.round(Math.min(f.h - 2 * f.pad, f.w * 0.38));
  const hasImg = s.products.length > 0;
  const sideW = Math.round(f.w * 0.22);
  const textW = f.w - 2 * f.pad - (hasImg ? side + 2 * f.gap : 0) - sideW - 2 * f.gap;
  const size = Math.min(26 * f.u, textW / 9);
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brandColor }, [
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {hasImg ? card(s, side, f) : null}
      {hasImg ? <div style={{ display: 'flex', width: 2 * f.gap }} /> : null}
      {offer(s, f, textW, size, 2, m)}
    </div>,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', width: sideW }}>
      {badge(s, size * 0.9, sideW, m)}
      <div style={{ display: 'flex', height: 2 * f.gap }} />
      {cta(s, size * 0.75, sideW, m)}
    </div>,
  ]);
}

function tall(s: Slots, f: Frame, m: TextMeasure): VNode {
  const inner = f.w - 2 * f.pad;
  const side = Math.round(Math.min(inner, f.h * 0.4));
  const size = 21 * f.u;
  return Root(s, { flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brandColor }, [
    FitText(s.brandName, { maxWidth: inner, maxLines: 1, fontSize: size * 0.6, weight: 700, color: inkOn(s.brandColor), dir: s.dir, role: 'brand' }, m) ?? <div style={{ display: 'flex' }} />,
    badge(s, size * 0.9, inner, m) ?? <div style={{ display: 'flex' }} />,
    card(s, side, f) ?? <div style={{ display: 'flex' }} />,
    offer(s, f, inner, size, 4, m),
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'stretch', width: inner }}>{cta(s, size * 0.8, inner, m)}</div>,
  ]);
}

export const promo: Template = shapedTemplate('promo', 1, { strip, tall, wide, box });
