// Demo brand logos: a wordmark in the kit's colours, drawn with the bundled fonts (text becomes
// paths through satori) and rasterized like the product photos. Locally, no network.
import satori from 'satori';
import type { BrandKit } from '../domain/types.ts';
import type { Fonts, Rasterizer } from '../render/types.ts';

const LOGO_H = 80;

export function logoAssetKey(kitId: string): string {
  return `demo-logo:${kitId}`;
}

export async function demoLogoPng(kit: BrandKit, fonts: Fonts, rasterizer: Rasterizer): Promise<Uint8Array> {
  const c = kit.colors;
  const mark = {
    type: 'div',
    props: { style: { display: 'flex', alignItems: 'center', justifyContent: 'center', width: 64, height: 64, borderRadius: kit.cta.shape === 'square' ? 6 : 32, backgroundColor: c.primary, color: '#ffffff', fontSize: 40, fontWeight: 700 }, children: kit.name.charAt(0) },
  };
  const word = { type: 'div', props: { style: { display: 'flex', marginLeft: 14, fontSize: 38, fontWeight: 700, color: c.primary, whiteSpace: 'nowrap' }, children: kit.name } };
  // As wide as the wordmark: templates align the logo to the reading edge, so no trailing margin.
  const size = { w: Math.ceil(64 + 14 + fonts.measure(kit.name, 38, 700) + 6), h: LOGO_H };
  const tree = { type: 'div', props: { style: { display: 'flex', alignItems: 'center', width: size.w, height: size.h, fontFamily: 'Noto Sans' }, children: [mark, word] } };
  const svg = await satori(tree as never, { width: size.w, height: size.h, fonts: fonts.faces.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: f.style })) as never });
  return rasterizer.rasterize(svg, size, 'png');
}
