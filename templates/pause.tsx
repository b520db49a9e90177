// CTV pause ad (IAB CTV ad portfolio): shown while the viewer has paused the programme. On wide
// canvases the card takes the right two thirds, photo and code beside copy at full-screen type
// sizes, and the paused frame stays visible on the left; anything squarer gets the vertical card
// filling the canvas. Exactly the player's declared size.
import type { Template } from '../src/render/types.ts';
import { ctvCard, ctvScreenCard } from './ctv-card.tsx';
import { Root } from './parts.tsx';

export const pause: Template = {
  id: 'pause',
  version: 3,
  render(s, { measure }) {
    const { w, h } = s.size;
    if (w / h < 1.3) return Root(s, {}, [ctvCard(s, { w, h, vertical: true, bg: 'rgba(17,24,39,0.92)', ink: '#ffffff', radius: 0 }, measure)]);
    // Title-safe margins (about 5% of the height) keep the card clear of overscan.
    const margin = Math.round(h * 0.05);
    const ch = h - 2 * margin;
    const cw = Math.round(w * 0.64);
    return Root(s, { flexDirection: 'row', justifyContent: 'flex-end', alignItems: 'center', paddingLeft: margin, paddingRight: margin }, [
      ctvScreenCard(s, { w: cw, h: ch, bg: 'rgba(17,24,39,0.92)', ink: '#ffffff', radius: Math.round(ch * 0.03) }, measure),
    ]);
  },
};
