// Building blocks shared by the templates: fitted text, brand mark, product image, price, badge,
// promo, CTA. Layouts are written for left-to-right; `direction: rtl` on the root mirrors rows and
// start/end alignment for Arabic, in satori (yoga) and in browsers alike. Every part reports what
// it fitted (render/fit.ts) when the template is handed a logging measure.
import { h } from '../src/render/jsx.ts';
import { kitFontFamily } from '../src/render/brand.ts';
import { fitText, logFit, shrinkToFit } from '../src/render/fit.ts';
import type { BrandStyle, ProductSlot, Slots, TextMeasure, VNode } from '../src/render/types.ts';

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
  /** Per-product fields (carousel): the product's index in the report. */
  product?: number;
}

/** Fitted copy as one element per line, so every renderer breaks lines where the fitter did. */
export function FitText(text: string, o: TextOpts, measure: TextMeasure): VNode | null {
  const weight = o.weight ?? 400;
  const fitted = fitText(text, { maxWidth: o.maxWidth, maxLines: o.maxLines, fontSize: o.fontSize, minFontSize: o.minFontSize ?? Math.max(8, o.fontSize * 0.7), weight }, measure);
  logFit(measure, { field: o.role ?? 'text', ...(o.product !== undefined ? { product: o.product } : {}), original: text, shown: fitted.lines.join(' '), lines: fitted.lines.length, truncated: fitted.shortened, fontSize: fitted.fontSize, requestedSize: o.fontSize });
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

/**
 * The kit's logo, `height` px tall (a little taller than the name would be) and at most `maxWidth`
 * wide, aligned to the reading edge. `plate`: drawn on a rounded plate of that colour (a dark TV
 * card), so a logo made for light pages still reads.
 */
export function BrandLogo(b: BrandStyle & { logo: string }, o: { height: number; maxWidth: number; dir: 'ltr' | 'rtl'; plate?: string }, m: TextMeasure): VNode {
  logFit(m, { field: 'brand', original: b.name, shown: '(logo)', lines: 1, truncated: false, fontSize: o.height, requestedSize: o.height });
  const pad = o.plate ? Math.max(2, Math.round(o.height * 0.18)) : 0;
  const lh = Math.round(o.height * 1.3);
  // Logos are wordmarks about 4:1; `contain` keeps any other shape whole.
  const w = Math.round(Math.min(o.maxWidth - 2 * pad, lh * 4));
  const img = <img data-role="logo" src={b.logo} width={w} height={lh} style={{ width: w, height: lh, objectFit: 'contain', objectPosition: o.dir === 'rtl' ? 'right' : 'left' }} />;
  if (!o.plate) return img;
  return <div data-role="logo-plate" style={{ display: 'flex', flexShrink: 0, padding: pad, backgroundColor: o.plate, borderRadius: Math.round(pad * 1.5) }}>{img}</div>;
}

/** The brand once: the kit's logo when it has one, else the name as text (never both). */
export function BrandMark(b: BrandStyle, o: { height: number; maxWidth: number; color: string; dir: 'ltr' | 'rtl' }, m: TextMeasure): VNode | null {
  if (b.logo) return BrandLogo({ ...b, logo: b.logo }, o, m);
  return FitText(b.name, { maxWidth: o.maxWidth, maxLines: 1, fontSize: o.height * 0.8, weight: 700, color: o.color, dir: o.dir, role: 'brand' }, m);
}

/** A bag outline drawn with boxes: the designed empty state when a product photo is missing or broken. */
function EmptyPhoto(side: number, radius: number, b: BrandStyle | undefined): VNode {
  const ink = b?.primary ?? '#6b7280';
  const bw = Math.max(2, Math.round(side * 0.035));
  const bag = Math.round(side * 0.42);
  return (
    <div data-role="photo-empty" style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', width: side, height: side, borderRadius: radius, backgroundColor: '#f3f4f6', border: `${Math.max(1, Math.round(bw / 2))}px solid #e5e7eb` }}>
      <div style={{ display: 'flex', width: Math.round(bag * 0.5), height: Math.round(bag * 0.32), borderTopLeftRadius: bag, borderTopRightRadius: bag, border: `${bw}px solid ${ink}`, borderBottomWidth: 0, opacity: 0.55 }} />
      <div style={{ display: 'flex', width: bag, height: Math.round(bag * 0.8), borderRadius: Math.round(bag * 0.12), backgroundColor: ink, opacity: 0.35 }} />
    </div>
  );
}

export function ProductImage(p: ProductSlot | undefined, side: number, radius: number, b?: BrandStyle): VNode {
  if (p?.image) return <img src={p.image} width={side} height={side} style={{ width: side, height: side, objectFit: 'contain', borderRadius: radius }} />;
  return EmptyPhoto(side, radius, b);
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

export function PriceLine(p: ProductSlot, o: { fontSize: number; color: string; dir: 'ltr' | 'rtl'; maxWidth: number; strikeColor?: string; product?: number }, measure: TextMeasure): VNode {
  const { size, regular } = priceSizes(p, o.maxWidth, o.fontSize, measure);
  const small = size * 0.62;
  const at = o.product !== undefined ? { product: o.product } : {};
  logFit(measure, { field: 'price', ...at, original: p.price, shown: p.price, lines: 1, truncated: false, fontSize: size, requestedSize: o.fontSize });
  if (p.regularPrice) logFit(measure, { field: 'regular_price', ...at, original: p.regularPrice, shown: regular ? p.regularPrice : '', lines: regular ? 1 : 0, truncated: !regular, fontSize: small, requestedSize: o.fontSize * 0.62 });
  return (
    <div data-role="price" style={{ display: 'flex', flexDirection: 'row', alignItems: 'baseline', color: o.color }}>
      <div style={{ display: 'flex', fontSize: size, fontWeight: 700, whiteSpace: 'nowrap' }}>{p.price}</div>
      {regular && p.regularPrice ? (
        <div data-role="regular-price" style={{ display: 'flex', fontSize: small, marginLeft: small * 0.5, marginRight: small * 0.5, textDecoration: 'line-through', color: o.strikeColor ?? '#6b7280', whiteSpace: 'nowrap' }}>{p.regularPrice}</div>
      ) : null}
    </div>
  );
}

export function Badge(text: string | null, o: { fontSize: number; bg: string; fg: string; maxWidth: number }, measure: TextMeasure): VNode | null {
  if (!text) return null;
  const f = fitText(text, { maxWidth: o.maxWidth - o.fontSize, maxLines: 1, fontSize: o.fontSize, minFontSize: o.fontSize * 0.7, weight: 700 }, measure);
  logFit(measure, { field: 'badge', original: text, shown: f.lines[0] ?? '', lines: f.lines.length, truncated: f.shortened, fontSize: f.fontSize, requestedSize: o.fontSize });
  if (!f.lines[0]) return null;
  return (
    <div data-role="badge" style={{ display: 'flex', backgroundColor: o.bg, color: o.fg, fontSize: f.fontSize, fontWeight: 700, padding: `${Math.round(o.fontSize * 0.15)}px ${Math.round(o.fontSize * 0.45)}px`, borderRadius: o.fontSize * 0.3, whiteSpace: 'nowrap' }}>
      {f.lines[0]}
    </div>
  );
}

const CODE_LABEL = { en: 'Code', ar: 'الكود' } as const;

/**
 * The promo: its whole line when it fits (the code inside it whole); otherwise the code alone
 * as a chip, shrunk if need be but never cut. Without a code, the line may be shortened.
 */
export function PromoLine(s: Slots, o: { maxWidth: number; maxLines: number; fontSize: number; color: string; chipBg: string; chipFg: string; weight?: 400 | 700 }, m: TextMeasure): VNode | null {
  if (!s.promo) return null;
  const weight = o.weight ?? 400;
  const fitted = fitText(s.promo, { maxWidth: o.maxWidth, maxLines: o.maxLines, fontSize: o.fontSize, minFontSize: Math.max(7, o.fontSize * 0.7), weight }, m);
  const code = s.promoCode;
  if (!fitted.shortened || !code) {
    const line = FitText(s.promo, { maxWidth: o.maxWidth, maxLines: o.maxLines, fontSize: o.fontSize, minFontSize: Math.max(7, o.fontSize * 0.7), weight, color: o.color, dir: s.dir, role: 'promo' }, m);
    // The code inside a line that fitted whole is shown whole, at the line's size.
    if (code && !fitted.shortened && s.promo.includes(code)) logFit(m, { field: 'promo_code', original: code, shown: code, lines: 1, truncated: false, fontSize: fitted.fontSize, requestedSize: o.fontSize });
    return line;
  }
  logFit(m, { field: 'promo', original: s.promo, shown: '', lines: 0, truncated: true, fontSize: 0, requestedSize: o.fontSize });
  return CodeChip(s, code, { maxWidth: o.maxWidth, fontSize: o.fontSize, bg: o.chipBg, fg: o.chipFg }, m);
}

export function CodeChip(s: Slots, code: string, o: { maxWidth: number; fontSize: number; bg: string; fg: string }, m: TextMeasure): VNode {
  const label = `${CODE_LABEL[s.lang]} `;
  const pad = o.fontSize * 0.45;
  const withLabel = shrinkToFit(label + code, o.maxWidth - 2 * pad, o.fontSize, 700, m);
  // The label gives way before the code shrinks much: the code is what the shopper types.
  const text = withLabel >= o.fontSize * 0.8 ? label + code : code;
  const size = text === code ? shrinkToFit(code, o.maxWidth - 2 * pad, o.fontSize, 700, m) : withLabel;
  logFit(m, { field: 'promo_code', original: code, shown: code, lines: 1, truncated: false, fontSize: size, requestedSize: o.fontSize });
  return (
    <div data-role="promo-code" style={{ display: 'flex', flexShrink: 0, backgroundColor: o.bg, color: o.fg, fontSize: size, fontWeight: 700, padding: `${Math.round(size * 0.2)}px ${Math.round(pad)}px`, borderRadius: Math.round(size * 0.3), border: `1px dashed ${o.fg}`, whiteSpace: 'nowrap' }}>
      {text}
    </div>
  );
}

function ctaText(text: string, b: BrandStyle): string {
  return b.cta.uppercase ? text.toLocaleUpperCase('en') : text;
}

function ctaPad(fontSize: number): number {
  return Math.round(fontSize * 0.8);
}

/**
 * The room a CTA needs at `fontSize` (text, padding, fitter slack), capped at `max`: layouts size
 * the CTA from this and give the title what is left, so a longer CTA (an Arabic twin) gets its room.
 */
export function ctaWidth(text: string, b: BrandStyle, fontSize: number, max: number, m: TextMeasure, min = 0): number {
  const need = m(ctaText(text, b), fontSize, 700) / 0.96 + 2 * ctaPad(fontSize) + 2;
  return Math.round(Math.min(max, Math.max(min, need)));
}

/** The buy button, in the kit's CTA style. Never shortened: it shrinks to fit its box. `data-role="cta"` makes it the HTML link. */
export function Cta(text: string, b: BrandStyle, o: { fontSize: number; maxWidth: number; bg?: string; fg?: string }, measure: TextMeasure): VNode {
  const padX = ctaPad(o.fontSize);
  const shown = ctaText(text, b);
  const size = shrinkToFit(shown, o.maxWidth - 2 * padX, o.fontSize, 700, measure);
  logFit(measure, { field: 'cta', original: text, shown, lines: 1, truncated: false, fontSize: size, requestedSize: o.fontSize });
  const radius = b.cta.shape === 'pill' ? Math.round(o.fontSize * 2) : b.cta.shape === 'square' ? 0 : Math.round(o.fontSize * 0.35);
  return (
    <div data-role="cta" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', flexShrink: 0, backgroundColor: o.bg ?? b.cta.background, color: o.fg ?? b.cta.text, fontSize: size, fontWeight: 700, padding: `${Math.round(o.fontSize * 0.4)}px ${padX}px`, borderRadius: radius, whiteSpace: 'nowrap' }}>
      {shown}
    </div>
  );
}

/** The font stack for the unit: the kit's uploaded fonts first, the bundled Noto faces behind them. */
export function fontStack(b: BrandStyle, lang: 'en' | 'ar'): string {
  const kit = lang === 'ar' ? [b.fonts.arabic, b.fonts.latin] : [b.fonts.latin, b.fonts.arabic];
  // 'Noto Sans' last, as before: satori falls back to the Arabic face by script, browsers by the page's stack.
  return [...kit.filter((f): f is string => !!f).map(kitFontFamily), 'Noto Sans'].join(', ');
}

/**
 * Root element: the canvas, its font and reading direction. No `overflow: hidden` here: the SVG
 * viewport already clips, and satori would mask every node with it (twice the rasterizing time).
 */
export function Root(slots: Slots, style: Record<string, string | number>, children: VNode[]): VNode {
  return (
    <div data-role="unit" lang={slots.lang} dir={slots.dir} style={{ display: 'flex', boxSizing: 'border-box', width: slots.size.w, height: slots.size.h, fontFamily: fontStack(slots.brand, slots.lang), direction: slots.dir, ...style }}>
      {children}
    </div>
  );
}
