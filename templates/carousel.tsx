// Multi-product carousel: up to four in-stock products side by side (stacked on tall sizes).
import { h } from '../src/render/jsx.ts';
import type { ProductSlot, Slots, Template, TextMeasure, VNode } from '../src/render/types.ts';
import { inkOn, shapedTemplate, type Frame } from './frame.ts';
import { Cta, FitText, PriceLine, ProductImage, Root } from './parts.tsx';

const INK = '#111827';

/** A product tile: photo over (or beside, when `beside`) its price and, when roomy, its title. */
function tile(s: Slots, p: ProductSlot, o: { side: number; width: number; size: number; titleLines: number; beside: boolean }, f: Frame, m: TextMeasure): VNode {
  const textW = o.beside ? o.width - o.side - f.gap : o.width;
  const text = (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: o.beside ? 'flex-start' : 'center', width: textW }}>
      {o.titleLines > 0 ? FitText(p.title, { maxWidth: textW, maxLines: o.titleLines, fontSize: o.size * 0.8, color: INK, dir: s.dir, role: 'title' }, m) : null}
      {PriceLine(p, { fontSize: o.size, color: INK, dir: s.dir, maxWidth: textW }, m)}
    </div>
  );
  return (
    <div data-role="tile" style={{ display: 'flex', flexDirection: o.beside ? 'row' : 'column', alignItems: 'center', width: o.width }}>
      {ProductImage(p, o.side, Math.round(4 * f.u))}
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
  return Cta(s.cta, { fontSize: size, bg: s.brandColor, fg: inkOn(s.brandColor), maxWidth }, m);
}

function strip(s: Slots, f: Frame, m: TextMeasure): VNode {
  const ctaW = Math.round(f.w * 0.22);
  const headW = Math.round(f.w * 0.26);
  const size = f.h * (f.h < 60 ? 0.24 : 0.2);
  const area = f.w - 2 * f.pad - ctaW - headW - 2 * f.gap;
  const side = Math.round((f.h - 2 * f.pad) * (f.h >= 60 ? 0.8 : 1));
  // Roomy strips show each price beside its photo; thin ones show photos only.
  const beside = f.h >= 60;
  const minTile = beside ? side + f.gap + 4.6 * size : side;
  const n = Math.max(1, Math.min(s.products.length, Math.floor((area + f.gap) / (minTile + f.gap)), 4));
  const tileW = beside ? Math.floor((area - (n - 1) * f.gap) / n) : side;
  const items = s.products.slice(0, n).map((p) => (beside ? tile(s, p, { side, width: tileW, size: size * 0.8, titleLines: 0, beside }, f, m) : ProductImage(p, side, 3)));
  return Root(s, { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', padding: f.pad, backgroundColor: '#ffffff', borderBottom: `2px solid ${s.brandColor}` }, [
    FitText(s.headline, { maxWidth: headW, maxLines: 2, fontSize: size, weight: 700, color: INK, dir: s.dir, role: 'headline' }, m) ?? <div style={{ display: 'flex' }} />,
    tiles(s, items, f.gap, false),
    cta(s, size * 0.9, ctaW, m),
  ]);
}

function grid(s: Slots, f: Frame, m: TextMeasure, sizeBase: number): VNode {
  const inner = f.w - 2 * f.pad;
  const n = Math.max(1, Math.min(4, s.products.length));
  const size = sizeBase * f.u;
  const tileW = Math.floor((inner - (n - 1) * f.gap) / n);
  const side = Math.round(Math.min(tileW, f.h * 0.48));
  const titleLines = f.shape === 'wide' ? 1 : 0;
  const items = s.products.slice(0, n).map((p) => tile(s, p, { side, width: tileW, size: size * 0.7, titleLines, beside: false }, f, m));
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', alignItems: 'center', padding: f.pad, backgroundColor: '#ffffff', borderTop: `${Math.round(5 * f.u)}px solid ${s.brandColor}` }, [
    <div style={{ display: 'flex', flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center', width: inner }}>
      {FitText(s.headline, { maxWidth: inner * 0.62, maxLines: 2, fontSize: size, weight: 700, color: INK, dir: s.dir, role: 'headline' }, m) ?? <div style={{ display: 'flex' }} />}
      {cta(s, size * 0.7, inner * 0.34, m)}
    </div>,
    tiles(s, items, f.gap, false),
    s.promo ? (FitText(s.promo, { maxWidth: inner, maxLines: 1, fontSize: size * 0.5, color: s.brandColor, dir: s.dir, role: 'promo' }, m) ?? <div style={{ display: 'flex' }} />) : <div style={{ display: 'flex' }} />,
  ]);
}

function tall(s: Slots, f: Frame, m: TextMeasure): VNode {
  const inner = f.w - 2 * f.pad;
  const n = Math.max(1, Math.min(4, s.products.length));
  const size = 20 * f.u;
  // Wide enough: photo beside title and price; narrow skyscrapers stack photo over price.
  const beside = f.w >= 250;
  const room = f.h * 0.64 - (n - 1) * f.gap;
  const side = Math.round(beside ? Math.min(inner * 0.45, room / n) : Math.min(inner * 0.8, room / n - size * 1.1));
  const items = s.products.slice(0, n).map((p) => tile(s, p, { side, width: inner, size: size * 0.65, titleLines: beside ? 2 : 0, beside }, f, m));
  return Root(s, { flexDirection: 'column', justifyContent: 'space-between', alignItems: 'flex-start', padding: f.pad, backgroundColor: '#ffffff', borderTop: `${Math.round(6 * f.u)}px solid ${s.brandColor}` }, [
    FitText(s.headline, { maxWidth: inner, maxLines: 3, fontSize: size, weight: 700, color: INK, dir: s.dir, role: 'headline' }, m) ?? <div style={{ display: 'flex' }} />,
    tiles(s, items, f.gap, true),
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'stretch', width: inner }}>{cta(s, size * 0.8, inner, m)}</div>,
  ]);
}

export const carousel: Template = shapedTemplate('carousel', 1, {
  strip,
  tall,
  box: (s, f, m) => grid(s, f, m, 17),
  wide: (s, f, m) => grid(s, f, m, 22),
});
