// CTV lower-third: a dark panel across the bottom of a transparent canvas (the programme stays
// visible above it) with the product, its price and promo, and a QR code to buy from the sofa.
// Proportions follow the width (a 16:9 frame of any resolution looks the same); on narrower
// canvases the panel scales down instead of squeezing the copy.
import type { Lang } from '../src/domain/types.ts';
import { h } from '../src/render/jsx.ts';
import { qrNode } from '../src/render/qr.ts';
import type { Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { Badge, BrandLogo, FitText, PriceLine, ProductImage, PromoLine, Root } from './parts.tsx';

const INK = '#ffffff';
const PANEL = 'rgba(17,24,39,0.9)';
// The caption says what to do with the code: a TV has no pointer, so the variant's web CTA ("Shop now") would not tell.
const SCAN: Record<Lang, string> = { en: 'Scan to buy', ar: 'امسح للشراء' };

function qrBlock(s: Slots, side: number, caption: number, m: TextMeasure): VNode | null {
  if (!s.qr) return null;
  return (
    <div data-role="qr-block" style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', width: side, flexShrink: 0 }}>
      {qrNode(s.qr, side)}
      <div style={{ display: 'flex', height: Math.round(caption * 0.25) }} />
      {FitText(SCAN[s.lang], { maxWidth: side, maxLines: 1, fontSize: caption, minFontSize: Math.max(6, caption * 0.6), weight: 700, color: INK, dir: s.dir, role: 'qr-caption' }, m)}
    </div>
  );
}

/** Price, struck regular price and the badge on one line; the badge takes at most 30% of it. */
function priceRow(s: Slots, width: number, size: number, m: TextMeasure): VNode | null {
  const p = s.products[0];
  if (!p) return null;
  const badgeSize = size * 0.55;
  const badgeW = p.badge ? Math.min(width * 0.3, m(p.badge, badgeSize, 700) + badgeSize * 1.3) : 0;
  const space = p.badge ? Math.round(size * 0.3) : 0;
  return (
    <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
      {PriceLine(p, { fontSize: size * 0.85, color: INK, dir: s.dir, maxWidth: width - badgeW - space, strikeColor: '#9ca3af' }, m)}
      {p.badge ? <div style={{ display: 'flex', width: space }} /> : null}
      {Badge(p.badge, { fontSize: badgeSize, bg: '#dc2626', fg: '#ffffff', maxWidth: badgeW }, m)}
    </div>
  );
}

function panel(s: Slots, w: number, ph: number, m: TextMeasure): VNode {
  const border = Math.max(2, Math.round(ph * 0.02));
  const pad = Math.max(2, Math.round(ph * 0.06));
  const inner = ph - 2 * pad - border;
  const caption = Math.round(inner * 0.095);
  // The code keeps its full height: it is the only call to action a viewer can act on.
  const qrSide = s.qr ? inner - Math.ceil(caption * 1.2) - Math.round(caption * 0.25) : 0;
  const gap = Math.round(pad * 1.2);
  const p = s.products[0];
  const free = w - 2 * pad - (s.qr ? qrSide + gap : 0);
  // The copy needs about a third of the panel; the photo gives way first, down to half height, then goes.
  let img = s.products.length > 0 ? Math.min(inner, free - gap - w * 0.35) : 0;
  if (img < inner * 0.5) img = 0;
  const textW = Math.max(0, free - (img ? img + gap : 0));
  const size = Math.min(inner / 4.7, textW / 12);
  const frame = Math.max(1, Math.round(img * 0.03));
  return (
    <div data-role="panel" style={{ display: 'flex', flexDirection: 'row', alignItems: 'center', boxSizing: 'border-box', width: w, height: ph, padding: pad, backgroundColor: PANEL, borderRadius: Math.round(ph * 0.08), borderBottom: `${border}px solid ${s.brandColor}` }}>
      {img ? <div style={{ display: 'flex', flexShrink: 0, padding: frame, backgroundColor: '#ffffff', borderRadius: Math.round(img * 0.06) }}>{ProductImage(p, img - 2 * frame, Math.round(img * 0.05), s.brand)}</div> : null}
      {img ? <div style={{ display: 'flex', width: gap, flexShrink: 0 }} /> : null}
      <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', alignItems: 'flex-start', width: textW, flexShrink: 0 }}>
        {s.brand.logo
          ? BrandLogo({ ...s.brand, logo: s.brand.logo }, { height: size * 0.5, maxWidth: textW, dir: s.dir, plate: '#ffffff' }, m)
          : FitText(s.brandName, { maxWidth: textW, maxLines: 1, fontSize: size * 0.45, weight: 700, color: '#cbd5e1', dir: s.dir, role: 'brand' }, m)}
        {FitText(s.headline, { maxWidth: textW, maxLines: p && !s.headline.includes(p.title) ? 1 : 2, fontSize: size, weight: 700, color: INK, dir: s.dir, role: 'headline' }, m)}
        {/* The product's name, whenever the variant's headline does not already say it: a viewer must know what the code buys. */}
        {p && !s.headline.includes(p.title) ? FitText(p.title, { maxWidth: textW, maxLines: 1, fontSize: size * 0.62, color: '#e5e7eb', dir: s.dir, role: 'product-title' }, m) : null}
        {priceRow(s, textW, size, m)}
        {PromoLine(s, { maxWidth: textW, maxLines: 1, fontSize: size * 0.5, color: '#facc15', chipBg: PANEL, chipFg: '#facc15' }, m)}
      </div>
      {s.qr ? <div style={{ display: 'flex', width: gap, flexShrink: 0 }} /> : null}
      {qrBlock(s, qrSide, caption, m)}
    </div>
  );
}

export const overlay: Template = {
  id: 'overlay',
  version: 4,
  render(slots, { measure }) {
    const { w, h: height } = slots.size;
    // Title-safe margins (about 4%) keep the panel clear of TV overscan; no background, so the programme shows.
    const mx = Math.round(w * 0.04);
    const mb = Math.round(height * 0.035);
    // About 28% of a 16:9 frame; never more than a fifth of the width (portrait, square), at least 80 px on short strips.
    const ph = Math.round(Math.min(w * 0.2, height - mb, Math.max(height * 0.28, Math.min(height * 0.9, 80))));
    return Root(slots, { flexDirection: 'column', justifyContent: 'flex-end', alignItems: 'center', paddingBottom: mb, paddingLeft: mx, paddingRight: mx }, [panel(slots, w - 2 * mx, ph, measure)]);
  },
};
