// CTV L-shape / squeezeback (IAB CTV ad portfolio): the programme is shrunk into the top-left
// and the ad fills the L around it: a side column with the product card and a bottom band with
// the promo. The programme's area stays transparent.
import { h } from '../src/render/jsx.ts';
import type { Template } from '../src/render/types.ts';
import { inkOn } from './frame.ts';
import { ctvCard } from './ctv-card.tsx';
import { FitText, fontStack, PromoLine } from './parts.tsx';

/** Share of the width and height the programme keeps. */
const CONTENT = 0.75;

export const lshape: Template = {
  id: 'lshape',
  version: 3,
  render(s, { measure }) {
    const { w, h: height } = s.size;
    const colW = w - Math.round(w * CONTENT);
    const bandH = height - Math.round(height * CONTENT);
    const ink = inkOn(s.brandColor);
    return (
      <div data-role="unit" lang={s.lang} dir={s.dir} style={{ display: 'flex', flexDirection: 'column', width: w, height, fontFamily: fontStack(s.brand, s.lang), direction: s.dir }}>
        {/* The programme keeps the player's top-left corner in either language: the row is not mirrored. */}
        <div style={{ display: 'flex', flexDirection: s.dir === 'rtl' ? 'row-reverse' : 'row', width: w, height: height - bandH }}>
          <div data-role="programme" style={{ display: 'flex', width: w - colW, height: height - bandH }} />
          {ctvCard(s, { w: colW, h: height - bandH, vertical: true, bg: '#111827', ink: '#ffffff', radius: 0, noPromo: !!s.promo }, measure)}
        </div>
        <div data-role="band" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', width: w, height: bandH, backgroundColor: s.brandColor, padding: Math.round(bandH * 0.15) }}>
          {s.promo
            ? PromoLine(s, { maxWidth: w * 0.9, maxLines: 1, fontSize: bandH * 0.4, weight: 700, color: ink, chipBg: s.brandColor, chipFg: ink }, measure)
            : FitText(s.headline, { maxWidth: w * 0.9, maxLines: 1, fontSize: bandH * 0.4, weight: 700, color: ink, dir: s.dir, role: 'headline' }, measure)}
        </div>
      </div>
    );
  },
};
