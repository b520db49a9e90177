// The product card the CTV portfolio formats share (pause, in-scene, L-shape): photo, brand,
// product name, price and promo, and the QR code that is the only call to action on a TV.
import type { Lang } from '../src/domain/types.ts';
import { h } from '../src/render/jsx.ts';
import { qrNode } from '../src/render/qr.ts';
import type { Slots, TextMeasure, VNode } from '../src/render/types.ts';
import { Badge, BrandLogo, FitText, PriceLine, ProductImage, PromoLine } from './parts.tsx';

const SCAN: Record<Lang, string> = { en: 'Scan to buy', ar: 'امسح للشراء' };

export interface CardOpts {
  w: number;
  h: number;
  /** Stack photo, copy and code vertically (narrow cards) instead of in a row. */
  vertical: boolean;
  bg: string;
  ink: string;
  radius: number;
  /** Leave the promo out (the L-shape's band carries it): said once per unit. */
  noPromo?: boolean;
}

/** The product card, laid out to fill exactly `w` × `h`. */
export function ctvCard(s: Slots, o: CardOpts, m: TextMeasure): VNode {
  const p = s.products[0];
  const pad = Math.max(4, Math.round(Math.min(o.w, o.h) * 0.06));
  const gap = pad;
  const innerW = o.w - 2 * pad;
  const innerH = o.h - 2 * pad;
  const caption0 = Math.max(8, Math.round((o.vertical ? innerW : innerH) * 0.07));
  // Stacked cards give the copy about half the height: photo and code share the rest.
  const qr = s.qr ? Math.round(Math.min(o.vertical ? innerW * 0.45 : innerH - caption0 * 1.6, o.vertical ? innerH * 0.22 : innerW * 0.3)) : 0;
  // The caption is as wide as the code at most: its words whole, in either language.
  const caption = qr ? Math.max(8, Math.round(Math.min(caption0, qr / 6))) : caption0;
  const img = p ? Math.round(Math.min(o.vertical ? innerW : innerH, o.vertical ? innerH * 0.3 : innerW * 0.3)) : 0;
  const textW = o.vertical ? innerW : Math.max(0, innerW - (img ? img + gap : 0) - (qr ? qr + gap : 0));
  const textH = o.vertical ? Math.max(0, innerH - img - (qr ? qr + caption * 1.6 : 0) - 2 * gap) : innerH;
  // The copy stacks brand, two title lines, two smaller headline lines, price, badge and promo:
  // about 6.6 lines of the title's size (line height 1.2), all inside textH, with a little slack.
  const size = Math.max(8, Math.min(textH / 6.8, textW / 9));
  const copy = (
    <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', alignItems: o.vertical ? 'center' : 'flex-start', width: textW, flexShrink: 0 }}>
      {/* The brand once: the kit's logo on a light plate (it was made for light pages), else the name. */}
      {s.brand.logo
        ? BrandLogo({ ...s.brand, logo: s.brand.logo }, { height: size * 0.55, maxWidth: textW, dir: s.dir, plate: '#ffffff' }, m)
        : FitText(s.brandName, { maxWidth: textW, maxLines: 1, fontSize: size * 0.5, weight: 700, color: s.brandColor === o.bg ? o.ink : s.brandColor, dir: s.dir, role: 'brand' }, m)}
      {p ? FitText(p.title, { maxWidth: textW, maxLines: 2, fontSize: size, weight: 700, color: o.ink, dir: s.dir, role: 'product-title' }, m) : FitText(s.headline, { maxWidth: textW, maxLines: 2, fontSize: size, weight: 700, color: o.ink, dir: s.dir, role: 'headline' }, m)}
      {p && s.headline !== p.title ? FitText(s.headline, { maxWidth: textW, maxLines: 2, fontSize: size * 0.55, color: o.ink, dir: s.dir, role: 'headline' }, m) : null}
      {p ? PriceLine(p, { fontSize: size * 0.85, color: o.ink, dir: s.dir, maxWidth: textW, strikeColor: '#9ca3af' }, m) : null}
      {p?.badge ? Badge(p.badge, { fontSize: size * 0.5, bg: '#dc2626', fg: '#ffffff', maxWidth: textW }, m) : null}
      {/* The promo line whole, or its code alone as a chip: the code is never cut. */}
      {o.noPromo ? null : PromoLine(s, { maxWidth: textW, maxLines: 1, fontSize: size * 0.45, color: '#facc15', chipBg: o.bg, chipFg: '#facc15' }, m)}
    </div>
  );
  const code = s.qr ? (
    <div data-role="qr-block" style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', width: qr, flexShrink: 0 }}>
      {qrNode(s.qr, qr)}
      {FitText(SCAN[s.lang], { maxWidth: qr, maxLines: 1, fontSize: caption, minFontSize: Math.max(6, caption * 0.6), weight: 700, color: o.ink, dir: s.dir, role: 'qr-caption' }, m)}
    </div>
  ) : null;
  const space = (n: number) => <div style={{ display: 'flex', width: o.vertical ? 1 : n, height: o.vertical ? n : 1, flexShrink: 0 }} />;
  return (
    <div data-role="card" style={{ display: 'flex', flexDirection: o.vertical ? 'column' : 'row', alignItems: 'center', justifyContent: 'space-between', boxSizing: 'border-box', width: o.w, height: o.h, padding: pad, backgroundColor: o.bg, borderRadius: o.radius }}>
      {img ? <div style={{ display: 'flex', flexShrink: 0, backgroundColor: '#ffffff', borderRadius: Math.round(img * 0.06) }}>{ProductImage(p, img, Math.round(img * 0.06))}</div> : null}
      {img ? space(gap) : null}
      {copy}
      {code ? space(gap) : null}
      {code}
    </div>
  );
}

/**
 * The card for a wide screen (the pause ad at 1280x720 and up): photo and code in one column, the
 * copy in a second at the type scale of the other full-screen layouts, filling `w` × `h`.
 */
export function ctvScreenCard(s: Slots, o: Omit<CardOpts, 'vertical' | 'noPromo'>, m: TextMeasure): VNode {
  const p = s.products[0];
  const pad = Math.round(Math.min(o.w, o.h) * 0.06);
  const gap = pad;
  const innerW = o.w - 2 * pad;
  const innerH = o.h - 2 * pad;
  const caption = Math.round(innerH * 0.04);
  // The photo takes about half the height; the code fills what is left of its column under it.
  const img = p ? Math.round(Math.min(innerH * 0.55, innerW * 0.4)) : 0;
  const side = img || Math.round(innerW * 0.36);
  const qr = s.qr ? Math.round(Math.min(side * 0.55, innerH - img - (img ? gap : 0) - caption * 1.6)) : 0;
  const colW = innerW - side - gap;
  // Brand, two title lines, two headline lines (0.55), price (0.95), badge and promo: about 8 title lines.
  const size = Math.min(innerH / 8.2, colW / 8.5);
  return (
    <div data-role="card" style={{ display: 'flex', flexDirection: 'row', alignItems: 'stretch', boxSizing: 'border-box', width: o.w, height: o.h, padding: pad, backgroundColor: o.bg, borderRadius: o.radius }}>
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'space-between', alignItems: 'center', width: side, flexShrink: 0 }}>
        {img ? <div style={{ display: 'flex', flexShrink: 0, backgroundColor: '#ffffff', borderRadius: Math.round(img * 0.05) }}>{ProductImage(p, img, Math.round(img * 0.05), s.brand)}</div> : <div style={{ display: 'flex' }} />}
        {s.qr ? (
          <div data-role="qr-block" style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', width: side, flexShrink: 0 }}>
            {qrNode(s.qr, qr)}
            {FitText(SCAN[s.lang], { maxWidth: side, maxLines: 1, fontSize: caption, weight: 700, color: o.ink, dir: s.dir, role: 'qr-caption' }, m)}
          </div>
        ) : null}
      </div>
      <div style={{ display: 'flex', width: gap, flexShrink: 0 }} />
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', alignItems: 'flex-start', width: colW, flexShrink: 0 }}>
        {s.brand.logo
          ? BrandLogo({ ...s.brand, logo: s.brand.logo }, { height: size * 0.6, maxWidth: colW * 0.6, dir: s.dir, plate: '#ffffff' }, m)
          : FitText(s.brandName, { maxWidth: colW, maxLines: 1, fontSize: size * 0.5, weight: 700, color: s.brandColor === o.bg ? o.ink : s.brandColor, dir: s.dir, role: 'brand' }, m)}
        <div style={{ display: 'flex', height: size * 0.3 }} />
        {p ? FitText(p.title, { maxWidth: colW, maxLines: 2, fontSize: size, weight: 700, color: o.ink, dir: s.dir, role: 'product-title' }, m) : FitText(s.headline, { maxWidth: colW, maxLines: 3, fontSize: size, weight: 700, color: o.ink, dir: s.dir, role: 'headline' }, m)}
        {p && s.headline !== p.title ? FitText(s.headline, { maxWidth: colW, maxLines: 2, fontSize: size * 0.6, color: o.ink, dir: s.dir, role: 'headline' }, m) : null}
        <div style={{ display: 'flex', height: size * 0.4 }} />
        {p ? PriceLine(p, { fontSize: size * 0.95, color: o.ink, dir: s.dir, maxWidth: colW, strikeColor: '#9ca3af' }, m) : null}
        {p?.badge ? <div style={{ display: 'flex', height: size * 0.2 }} /> : null}
        {p?.badge ? Badge(p.badge, { fontSize: size * 0.5, bg: '#dc2626', fg: '#ffffff', maxWidth: colW }, m) : null}
        <div style={{ display: 'flex', height: size * 0.3 }} />
        {PromoLine(s, { maxWidth: colW, maxLines: 2, fontSize: size * 0.55, color: '#facc15', chipBg: o.bg, chipFg: '#facc15' }, m)}
      </div>
    </div>
  );
}
