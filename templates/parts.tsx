// Building blocks shared by the templates: fitted text, product image, price, badge, CTA.
// Layouts are written for left-to-right; `direction: rtl` on the root mirrors rows and
// start/end alignment for Arabic, in satori (yoga) and in browsers alike.
import { h } from '../src/render/jsx.ts';
import { fitText } from '../src/render/fit.ts';
import type { ProductSlot, Slots, TextMeasure, VNode } from '../src/render/types.ts';


export interface TextOpts {
  maxWidth: number;
  maxLines: number;
  fontSize: number;
  minFontSize?: number;
  weight?: 400 | 700;
  color: string;
  dir: 'ltr' | 'rtl';
  lineHeight?: number;
  role?: string;
}

/** Fitted copy as one element per line, so every renderer breaks lines where the fitter did. */
export function FitText(text: string, o: TextOpts, measure: TextMeasure): VNode | null {
  const weight = o.weight ?? 400;
  const fitted = fitText(text, { maxWidth: o.maxWidth, maxLines: o.maxLines, fontSize: o.fontSize, minFontSize: o.minFontSize ?? Math.max(8, o.fontSize * 0.7), weight }, measure);
  if (fitted.lines.length === 0) return null;
  const lh = o.lineHeight ?? 1.2;
  return (
    <div data-role={o.role ?? 'text'} style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', maxWidth: o.maxWidth, color: o.color, fontSize: fitted.fontSize, fontWeight: weight, lineHeight: lh }}>
      {fitted.lines.map((line) => (
        <div style={{ display: 'flex', whiteSpace: 'nowrap' }}>{line}</div>
      ))}
    </div>
  );
}

export function ProductImage(p: ProductSlot | undefined, side: number, radius: number): VNode {
  if (p?.image) return <img src={p.image} width={side} height={side} style={{ width: side, height: side, objectFit: 'contain', borderRadius: radius }} />;
  // No photo: a quiet tile keeps the layout intact rather than leaving a hole.
  return <div style={{ display: 'flex', width: side, height: side, borderRadius: radius, backgroundColor: '#e5e7eb' }} />;
}

/** Sizes for price + struck regular price on one line: shrink both, then drop the regular price; a price is never shortened. */
function priceSizes(p: ProductSlot, maxWidth: number, fontSize: number, m: TextMeasure): { size: number; regular: boolean } {
  const width = (size: number, regular: boolean) => m(p.price, size, 700) + (regular && p.regularPrice ? m(p.regularPrice, size * 0.62, 400) + size * 0.62 : 0);
  const limit = maxWidth * 0.96;
  for (const regular of p.regularPrice ? [true, false] : [false]) {
    for (let size = fontSize; size >= fontSize * 0.6; size -= Math.max(0.5, fontSize * 0.05)) if (width(size, regular) <= limit) return { size, regular };
  }
  // Last resort: the size at which the bare price fits, however small.
  return { size: Math.max(6, (fontSize * limit) / Math.max(1, width(fontSize, false))), regular: false };
}

export function PriceLine(p: ProductSlot, o: { fontSize: number; color: string; dir: 'ltr' | 'rtl'; maxWidth: number; strikeColor?: string }, measure: TextMeasure): VNode {
  const { size, regular } = priceSizes(p, o.maxWidth, o.fontSize, measure);
  const small = size * 0.62;
  return (
    <div data-role="price" style={{ display: 'flex', flexDirection: 'row', alignItems: 'baseline', color: o.color }}>
      <div style={{ display: 'flex', fontSize: size, fontWeight: 700, whiteSpace: 'nowrap' }}>{p.price}</div>
      {regular && p.regularPrice ? (
        <div style={{ display: 'flex', fontSize: small, marginLeft: small * 0.5, marginRight: small * 0.5, textDecoration: 'line-through', color: o.strikeColor ?? '#6b7280', whiteSpace: 'nowrap' }}>{p.regularPrice}</div>
      ) : null}
    </div>
  );
}

export function Badge(text: string | null, o: { fontSize: number; bg: string; fg: string; maxWidth: number }, measure: TextMeasure): VNode | null {
  if (!text) return null;
  const f = fitText(text, { maxWidth: o.maxWidth - o.fontSize, maxLines: 1, fontSize: o.fontSize, minFontSize: o.fontSize * 0.7, weight: 700 }, measure);
  if (!f.lines[0]) return null;
  return (
    <div data-role="badge" style={{ display: 'flex', backgroundColor: o.bg, color: o.fg, fontSize: f.fontSize, fontWeight: 700, padding: `${Math.round(o.fontSize * 0.15)}px ${Math.round(o.fontSize * 0.45)}px`, borderRadius: o.fontSize * 0.3, whiteSpace: 'nowrap' }}>
      {f.lines[0]}
    </div>
  );
}

/** The buy button. `data-role="cta"` tells the HTML serializer to make it the click-through link. */
export function Cta(text: string, o: { fontSize: number; bg: string; fg: string; maxWidth: number }, measure: TextMeasure): VNode {
  const padX = Math.round(o.fontSize * 0.8);
  const f = fitText(text, { maxWidth: o.maxWidth - 2 * padX, maxLines: 1, fontSize: o.fontSize, minFontSize: Math.max(7, o.fontSize * 0.6), weight: 700 }, measure);
  return (
    <div data-role="cta" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', backgroundColor: o.bg, color: o.fg, fontSize: f.fontSize, fontWeight: 700, padding: `${Math.round(o.fontSize * 0.4)}px ${padX}px`, borderRadius: Math.round(o.fontSize * 0.35), whiteSpace: 'nowrap' }}>
      {f.lines[0] ?? ''}
    </div>
  );
}

/**
 * Root element: the canvas, its font and reading direction. No `overflow: hidden` here: the SVG
 * viewport already clips, and satori would mask every node with it (twice the rasterizing time).
 */
export function Root(slots: Slots, style: Record<string, string | number>, children: VNode[]): VNode {
  return (
    <div data-role="unit" lang={slots.lang} dir={slots.dir} style={{ display: 'flex', boxSizing: 'border-box', width: slots.size.w, height: slots.size.h, fontFamily: 'Noto Sans', direction: slots.dir, ...style }}>
      {children}
    </div>
  );
}
