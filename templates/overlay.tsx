// CTV lower-third: a dark panel across the bottom of a transparent canvas (the programme stays
// visible above it) with the product, its price and promo, and a QR code to buy from the sofa.
import { h } from '../src/render/jsx.ts';
import { qrNode } from '../src/render/qr.ts';
import type { Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { Badge, FitText, PriceLine, ProductImage, Root } from './parts.tsx';

const INK = '#ffffff';

function qrBlock(s: Slots, side: number, caption: number, m: TextMeasure): VNode | null {
  if (!s.qr) return null;
  return (
    <div data-role="qr-block" style={{ display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
      {qrNode(s.qr, side)}
      <div style={{ display: 'flex', height: caption * 0.3 }} />
      {FitText(s.lang === 'ar' ? 'امسح للشراء' : 'Scan to buy', { maxWidth: side * 1.3, maxLines: 1, fontSize: caption, weight: 700, color: INK, dir: s.dir, role: 'qr-caption' }, m)}
    </div>
  );
}

function panel(s: Slots, w: number, ph: number, m: TextMeasure): VNode {
  const pad = Math.round(ph * 0.1);
  const inner = ph - 2 * pad;
  const caption = Math.round(inner * 0.11);
  const qrSide = s.qr ? Math.round(inner - caption * 1.6) : 0;
  const hasImg = s.products.length > 0;
  const gap = Math.round(pad * 0.8);
  const p = s.products[0];
  const badgeW = Math.round(w * 0.1);
  const textW = w - 2 * pad - (hasImg ? inner + gap : 0) - (s.qr ? qrSide * 1.3 + gap : 0) - badgeW - gap;
  const size = Math.min(inner * 0.22, textW / 12);
  return (
    <div data-role="panel" style={{ display: 'flex', flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', width: w, height: ph, padding: pad, backgroundColor: 'rgba(17,24,39,0.9)', borderRadius: Math.round(ph * 0.08), borderBottom: `${Math.max(4, Math.round(ph * 0.025))}px solid ${s.brandColor}` }}>
      <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
        {hasImg ? <div style={{ display: 'flex', padding: Math.round(inner * 0.03), backgroundColor: '#ffffff', borderRadius: Math.round(inner * 0.06) }}>{ProductImage(p, Math.round(inner * 0.94), Math.round(inner * 0.05))}</div> : null}
        {hasImg ? <div style={{ display: 'flex', width: gap }} /> : null}
        <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', width: textW }}>
          {FitText(s.brandName, { maxWidth: textW, maxLines: 1, fontSize: size * 0.5, weight: 700, color: '#cbd5e1', dir: s.dir, role: 'brand' }, m)}
          {FitText(s.headline, { maxWidth: textW, maxLines: 2, fontSize: size, weight: 700, color: INK, dir: s.dir, role: 'headline' }, m)}
          {p ? PriceLine(p, { fontSize: size * 0.85, color: INK, dir: s.dir, maxWidth: textW, strikeColor: '#9ca3af' }, m) : null}
          {s.promo ? FitText(s.promo, { maxWidth: textW, maxLines: 1, fontSize: size * 0.5, color: '#facc15', dir: s.dir, role: 'promo' }, m) : null}
        </div>
      </div>
      <div style={{ display: 'flex', flexDirection: 'row', alignItems: 'center' }}>
        <div style={{ display: 'flex', width: badgeW, justifyContent: 'center' }}>{Badge(p?.badge ?? null, { fontSize: size * 0.6, bg: '#dc2626', fg: '#ffffff', maxWidth: badgeW }, m)}</div>
        {s.qr ? <div style={{ display: 'flex', width: gap }} /> : null}
        {qrBlock(s, qrSide, caption, m)}
      </div>
    </div>
  );
}

export const overlay: Template = {
  id: 'overlay',
  version: 1,
  render(slots, { measure }) {
    const { w, h: height } = slots.size;
    // Title-safe margins (about 5%) keep the panel clear of TV overscan.
    const mx = Math.round(w * 0.05);
    const mb = Math.round(height * 0.06);
    const ph = Math.round(Math.max(height * 0.3, Math.min(height - mb, 60)));
    return Root(slots, { flexDirection: 'column', justifyContent: 'flex-end', alignItems: 'center', paddingBottom: mb, paddingLeft: mx, paddingRight: mx }, [panel(slots, w - 2 * mx, Math.min(ph, height - mb), measure)]);
  },
};
