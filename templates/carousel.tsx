// Multi-product carousel: up to four in-stock products side by side (stacked on tall sizes).
import { h } from '../src/render/jsx.ts';
import type { ProductSlot, Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { shapedTemplate, type Frame } from './frame.ts';
import { BrandMark, Cta, ctaWidth, FitText, PriceLine, ProductImage, PromoLine, Root } from './parts.tsx';


/** A product tile: photo over (or beside, when `beside`) its price and, when roomy, its title. */
function tile(s: Slots, p: ProductSlot, o: { side: number; width: number; size: number; titleLines: number; beside: boolean; index: number }, f: Frame, m: TextMeasure): VNode {
  const INK = s.brand.text;
  const textW = o.beside ? o.width - o.side - f.gap : o.width;
  const text = (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: o.beside ? 'flex-start' : 'center', width: textW }}>
      {o.titleLines > 0 ? FitText(p.title, { maxWidth: textW, maxLines: o.titleLines, fontSize: o.size * 0.8, color: INK, dir: s.dir, role: 'title', product: o.index }, m) : null}
      {PriceLine(p, { fontSize: o.size, color: INK, dir: s.dir, maxWidth: textW, product: o.index }, m)}
    </div>
  );
  return (
    <div data-role="tile" style={{ display: 'flex', flexDirection: o.beside ? 'row' : 'column', alignItems: 'center', width: o.width }}>
      {ProductImage(p, o.side, Math.round(4 * f.u), s.brand)}
      <div style={{ display: 'flex', width: o.beside ? f.gap : 0, height: o.beside ? 0 : f.gap * 0.5 }} />
      {text}
    </div>
  );
}

function tiles(s: Slots, items: VNode[], gap: number, column: boolean): VNode {
  const spaced: VNode[] = [];
  items.forEach((t, i) => {
    if (i > 0) spaced.push(<div style={{ display: 'flex', width: column ? 0 : gap, height: column ? gap : 0 }} />);
    spaced.push(t);
  });
  return <div style={{ display: 'flex', flexDirection: column ? 'column' : 'row', alignItems: 'flex-start' }}>{spaced}</div>;
}

function cta(s: Slots, size: number, maxWidth: number, m: TextMeasure): VNode {
  return Cta(s.cta, s.brand, { fontSize: size, maxWidth }, m);
}

function strip(s: Slots, f: Frame, m: TextMeasure): VNode {
  const size = f.h * (f.h < 60 ? 0.24 : 0.2);
  const ctaW = ctaWidth(s.cta, s.brand, size * 0.9, f.w * 0.34, m, f.w * 0.18);
  const headW = Math.round(f.w * 0.26);
  const area = f.w - 2 * f.pad - ctaW - headW - 2 * f.gap;
  const side = Math.round((f.h - 2 * f.pad) * (f.h >= 60 ? 0.8 : 1));
  // Roomy strips show each price beside its photo; thin ones show photos only.
  const beside = f.h >= 60;
  const minTile = beside ? side + f.gap + 4.6 * size : side;
  const n = Math.max(1, Math.min(s.products.length, Math.floor((area + f.gap) / (minTile + f.gap)), 4));
  const tileW = beside ? Math.floor((area - (n - 1) * f.gap) / n) : side;
  const items = s.products.slice(0, n).map((p, i) => (beside ? tile(s, p, { side, width: tileW, size: size * 0.8, titleLines: 0, beside, index: i }, f, m) : ProductImage(p, side, 3, s.brand)));
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: s.brand.background, borderBottom: `2px solid ${s.brand.primary}` }, [
    FitText(s.headline, { maxWidth: headW, maxLines: 2, fontSize: size, weight: 700, color: s.brand.text, dir: s.dir, role: 'headline' }, m) ?? <div style={{ display: 'flex' }} />,
    tiles(s, items, f.gap, false),
    cta(s, size * 0.9, ctaW, m),
  ]);
}

function grid(s: Slots, f: Frame, m: TextMeasure, sizeBase: number): VNode {
  const inner = f.w - 2 * f.pad;
  const n = Math.max(1, Math.min(4, s.products.length));
  const size = sizeBase * f.u;
  const tileW = Math.floor((inner - (n - 1) * f.gap) / n);
  const side = Math.round(Math.min(tileW, f.h * (f.shape === 'screen' ? 0.5 : 0.48)));
  const titleLines = f.shape === 'screen' ? 2 : f.shape === 'wide' ? 1 : 0;
  const items = s.products.slice(0, n).map((p, i) => tile(s, p, { side, width: tileW, size: size * 0.7, titleLines, beside: false, index: i }, f, m));
  const ctaW = ctaWidth(s.cta, s.brand, size * 0.7, inner * 0.4, m);
  const big = f.shape === 'screen';
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', alignItems: 'center', padding: f.pad, backgroundColor: s.brand.background, borderTop: `${Math.round(5 * f.u)}px solid ${s.brand.primary}` }, [
    big ? (BrandMark(s.brand, { height: size * 0.8, maxWidth: inner * 0.4, color: s.brand.primary, dir: s.dir }, m) ?? <div style={{ display: 'flex' }} />) : <div style={{ display: 'flex', height: 0 }} />,
    <div style={{ display: 'flex', flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center', width: inner }}>
      {FitText(s.headline, { maxWidth: inner - ctaW - f.gap, maxLines: 2, fontSize: size, weight: 700, color: s.brand.text, dir: s.dir, role: 'headline' }, m) ?? <div style={{ display: 'flex' }} />}
      {cta(s, size * 0.7, ctaW, m)}
    </div>,
    tiles(s, items, f.gap, false),
    PromoLine(s, { maxWidth: inner, maxLines: 1, fontSize: size * 0.5, color: s.brand.primary, chipBg: s.brand.background, chipFg: s.brand.primary }, m) ?? <div style={{ display: 'flex' }} />,
  ]);
}

function tall(s: Slots, f: Frame, m: TextMeasure): VNode {
  const inner = f.w - 2 * f.pad;
  const n = Math.max(1, Math.min(4, s.products.length));
  const size = Math.max(20 * f.u, f.w * 0.1);
  // Wide enough: photo beside title and price; narrow skyscrapers stack photo over price.
  const beside = f.w >= 250;
  const room = f.h * 0.64 - (n - 1) * f.gap;
  const side = Math.round(beside ? Math.min(inner * 0.45, room / n) : Math.min(inner * 0.8, room / n - size * 1.1));
  const items = s.products.slice(0, n).map((p, i) => tile(s, p, { side, width: inner, size: size * 0.65, titleLines: beside ? 2 : 0, beside, index: i }, f, m));
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', alignItems: 'flex-start', padding: f.pad, backgroundColor: s.brand.background, borderTop: `${Math.round(6 * f.u)}px solid ${s.brand.primary}` }, [
    BrandMark(s.brand, { height: size * 0.7, maxWidth: inner, color: s.brand.primary, dir: s.dir }, m) ?? <div style={{ display: 'flex' }} />,
    FitText(s.headline, { maxWidth: inner, maxLines: 3, fontSize: size, weight: 700, color: s.brand.text, dir: s.dir, role: 'headline' }, m) ?? <div style={{ display: 'flex' }} />,
    tiles(s, items, f.gap, true),
    PromoLine(s, { maxWidth: inner, maxLines: 2, fontSize: size * 0.5, color: s.brand.primary, chipBg: s.brand.background, chipFg: s.brand.primary }, m) ?? <div style={{ display: 'flex' }} />,
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'stretch', width: inner }}>{cta(s, size * 0.8, inner, m)}</div>,
  ]);
}

export const carousel: Template = shapedTemplate('carousel', 2, {
  strip,
  tall,
  box: (s, f, m) => grid(s, f, m, 17),
  wide: (s, f, m) => grid(s, f, m, 22),
  screen: (s, f, m) => grid(s, f, m, 16),
});
