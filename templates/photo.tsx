// Native main image: the product photo alone, scaled and cropped to fill exactly the declared
// size (no copy baked in: the native title, price and CTA are separate assets).
import { h } from '../src/render/jsx.ts';
import type { Template } from '../src/render/types.ts';
import { Root } from './parts.tsx';

export const photo: Template = {
  id: 'photo',
  version: 1,
  render(s) {
    const { w, h: height } = s.size;
    const p = s.products[0];
    return Root(s, { backgroundColor: '#ffffff', alignItems: 'center', justifyContent: 'center' }, [
      p?.image
        ? <img src={p.image} width={w} height={height} style={{ width: w, height: height, objectFit: 'cover' }} />
        : <div style={{ display: 'flex', width: w, height: height, backgroundColor: '#e5e7eb' }} />,
    ]);
  },
};
